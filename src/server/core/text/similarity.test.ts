import { describe, expect, it } from 'vitest';
import { createRandom } from '../../seed/random.ts';
import { tokens } from './segment.ts';
import { SimilarityIndex, type TermCounts } from './similarity.ts';

const PAST = [
  ['a', '关于加强中小学课后服务的提案', '目前我市中小学课后服务经费保障不足，教师负担较重。建议统筹财政资金建立课后服务经费保障机制，完善教师课后服务补助和激励办法，引入社会优质资源丰富课后服务内容。'],
  ['b', '关于推进老旧小区改造的提案', '我市老旧小区基础设施老化，加装电梯难、停车难问题突出。建议加大老旧小区改造资金投入，完善居民协商机制，统筹解决停车和养老设施短板。'],
  ['c', '关于加强河湖生态保护的提案', '部分河道存在黑臭水体反弹，建议落实河长制，加强入河排污口监管，推进生态补水和岸线修复。'],
  ['d', '关于发展普惠托育服务的提案', '婴幼儿托育服务供给不足，价格偏高。建议支持社区嵌入式托育机构建设，给予场地和运营补贴，加强托育从业人员培训。'],
] as const;
/** The duplicate check's default threshold (GET /proposals/similar, minScore). */
const SHOWN_FROM = 0.15;

function pastIndex() {
  const idx = new SimilarityIndex();
  for (const [id, title, body] of PAST) idx.set(id, title, body);
  return idx;
}

/** Documents over a Zipf-like vocabulary: a few words in most documents, many in few; repeated words. */
function randomCounts(rnd: ReturnType<typeof createRandom>, vocabulary: number): TermCounts {
  const counts = new Map<string, number>();
  for (let n = rnd.int(1, 40); n > 0; n--) {
    const w = Math.floor(vocabulary ** rnd.next()) - 1; // log-uniform rank
    counts.set(`w${w}`, (counts.get(`w${w}`) ?? 0) + (rnd.chance(0.2) ? rnd.int(2, 4) : 1));
  }
  return counts;
}

describe('segmentation and similarity', () => {
  it('keeps 政协 terms whole', () => {
    expect(tokens('关于改进双月协商和社情民意信息报送的提案办理建议')).toEqual(expect.arrayContaining(['双月协商', '社情民意信息', '提案办理']));
  });

  it('finds a paraphrase of a past proposal first, well above the threshold', () => {
    const idx = pastIndex();
    const para = idx.query('关于完善学校课后服务保障的建议', '建议财政统筹课后服务经费，健全教师参与课后服务的补助激励机制，引进社会资源丰富课后服务。', 3);
    expect(para[0]!.id).toBe('a');
    expect(para[0]!.score).toBeGreaterThan(2 * SHOWN_FROM);
    expect(para.slice(1).every((h) => h.score < para[0]!.score / 2)).toBe(true);
    expect(idx.query('关于社区托育机构建设的提案', '建议在社区建设普惠托育机构，给予运营补贴。', 1)[0]!.id).toBe('d');
  });

  it('puts no past proposal above the threshold for an unrelated text', () => {
    const idx = pastIndex();
    for (const [title, body] of [
      ['关于举办国际马拉松赛事的提案', '建议打造城市马拉松品牌赛事，带动体育旅游消费。'],
      ['关于发展低空经济的建议', '支持无人机物流试点，完善低空飞行服务保障体系。'],
    ] as const) {
      expect(idx.query(title, body, 4).every((h) => h.score < SHOWN_FROM)).toBe(true);
    }
  });

  it('forgets removed documents and takes in replaced ones', () => {
    const idx = pastIndex();
    const q = ['关于社区托育机构建设的提案', '建议在社区建设普惠托育机构，给予运营补贴。'] as const;
    idx.remove('d');
    expect(idx.size).toBe(3);
    expect(idx.query(...q, 4).map((h) => h.id)).not.toContain('d');
    idx.set('b', ...q);
    expect(idx.query(...q, 1)[0]).toMatchObject({ id: 'b', score: expect.closeTo(1, 6) });
  });

  it('returns exactly the brute-force top k while the postings of a query fit the budget, also while documents come and go', () => {
    const rnd = createRandom(7);
    const idx = new SimilarityIndex();
    const docs = new Map<string, TermCounts>();
    const put = (id: string) => { const c = randomCounts(rnd, 600); docs.set(id, c); idx.setTerms(id, c); };
    const add = (n: number) => { for (let i = 0; i < n; i++) put(`doc${docs.size}`); };
    const check = (queries: number) => {
      for (let i = 0; i < queries; i++) {
        // Queries: random texts, near-duplicates of documents (some words dropped), and a word or two (many equal scores).
        const original = [...docs.values()][rnd.int(0, docs.size - 1)]!;
        const q = rnd.pick([
          () => randomCounts(rnd, 600),
          () => new Map([...original].filter(() => rnd.chance(0.7))),
          () => new Map([...randomCounts(rnd, 60)].slice(0, 2)),
        ])();
        const k = rnd.pick([1, 5, 10, 25]);
        const accept = rnd.chance(0.3) ? (id: string) => !id.endsWith('3') : () => true;
        expect(idx.search(q, k, accept)).toEqual(idx.bruteForce(q, k, accept));
      }
    };
    add(400);
    check(150);
    // Fewer changes than a new IDF snapshot needs: new documents join the postings as they are.
    add(10);
    for (const id of rnd.sample([...docs.keys()], 8)) { idx.remove(id); docs.delete(id); }
    for (const id of rnd.sample([...docs.keys()], 5)) put(id);
    check(100);
    // Enough to take a new snapshot (renumbering, new IDF).
    add(60);
    check(50);
  });

  it('stays close to brute force when the budget binds: near-duplicates first, recall@5 high', () => {
    const rnd = createRandom(11);
    // 1,000 postings (1/20 of the default) on 2,000 documents: most queries do not fit.
    const idx = new SimilarityIndex({ postings: 1_000, candidates: 25 });
    const docs: TermCounts[] = [];
    for (let i = 0; i < 2000; i++) { docs.push(randomCounts(rnd, 600)); idx.setTerms(`doc${i}`, docs[i]!); }
    let overlap = 0, first = 0, exact = 0;
    const queries = 200;
    for (let i = 0; i < queries; i++) {
      const doc = [...docs[rnd.int(0, docs.length - 1)]!], kept = doc.filter(() => rnd.chance(0.8));
      const q = new Map(kept.length ? kept : doc);
      const truth = idx.bruteForce(q, 5), hits = idx.search(q, 5);
      overlap += hits.filter((h) => truth.some((t) => t.id === h.id)).length / truth.length;
      if (hits[0]?.id === truth[0]?.id) first++;
      if (JSON.stringify(hits) === JSON.stringify(truth)) exact++;
      // A filter that turns most candidates away still gets k results when there are k.
      const sevens = (id: string) => id.endsWith('7');
      expect(idx.search(q, 5, sevens).length).toBe(idx.bruteForce(q, 5, sevens).length);
    }
    expect(exact / queries).toBeLessThan(1); // the budget did bind
    expect(overlap / queries).toBeGreaterThanOrEqual(0.95);
    expect(first / queries).toBeGreaterThanOrEqual(0.98);
  });

  it('ranks equal scores by id, as brute force does', () => {
    const idx = new SimilarityIndex();
    for (const id of ['c', 'a', 'e', 'b', 'd']) idx.setTerms(id, new Map([['x', 1], ['y', 1]]));
    const q = new Map([['x', 1]]);
    expect(idx.search(q, 3).map((h) => h.id)).toEqual(['a', 'b', 'c']);
    expect(idx.search(q, 3)).toEqual(idx.bruteForce(q, 3));
  });
});
