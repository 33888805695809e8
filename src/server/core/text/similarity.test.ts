import { describe, expect, it } from 'vitest';
import { SimilarityIndex } from './similarity.ts';
import { tokens } from './segment.ts';

const PAST = [
  ['a', '关于加强中小学课后服务的提案', '目前我市中小学课后服务经费保障不足，教师负担较重。建议统筹财政资金建立课后服务经费保障机制，完善教师课后服务补助和激励办法，引入社会优质资源丰富课后服务内容。'],
  ['b', '关于推进老旧小区改造的提案', '我市老旧小区基础设施老化，加装电梯难、停车难问题突出。建议加大老旧小区改造资金投入，完善居民协商机制，统筹解决停车和养老设施短板。'],
  ['c', '关于加强河湖生态保护的提案', '部分河道存在黑臭水体反弹，建议落实河长制，加强入河排污口监管，推进生态补水和岸线修复。'],
  ['d', '关于发展普惠托育服务的提案', '婴幼儿托育服务供给不足，价格偏高。建议支持社区嵌入式托育机构建设，给予场地和运营补贴，加强托育从业人员培训。'],
];

describe('segmentation and similarity', () => {
  it('keeps 政协 terms whole', () => {
    expect(tokens('关于改进双月协商和社情民意信息报送的提案办理建议')).toEqual(expect.arrayContaining(['双月协商', '社情民意信息', '提案办理']));
  });

  it('finds a paraphrase of a past proposal first, and nothing for an unrelated text', () => {
    const idx = new SimilarityIndex();
    for (const [id, title, body] of PAST) idx.set(id!, title!, body!);
    const para = idx.query('关于完善学校课后服务保障的建议', '建议财政统筹课后服务经费，健全教师参与课后服务的补助激励机制，引进社会资源丰富课后服务。', 3);
    expect(para[0]!.id).toBe('a');
    expect(para[0]!.score).toBeGreaterThan(0.3);
    const unrelated = idx.query('关于举办国际马拉松赛事的提案', '建议打造城市马拉松品牌赛事，带动体育旅游消费。', 3);
    expect(unrelated.every((h) => h.score < 0.15)).toBe(true);
  });

  it('agrees with brute force on the top hit', () => {
    const idx = new SimilarityIndex();
    for (const [id, title, body] of PAST) idx.set(id!, title!, body!);
    const q = ['关于社区托育机构建设的提案', '建议在社区建设普惠托育机构，给予运营补贴。'] as const;
    expect(idx.query(...q, 1)[0]!.id).toBe(idx.bruteForce(...q, 1)[0]!.id);
    idx.remove('d');
    expect(idx.query(...q, 1)[0]?.id).not.toBe('d');
  });
});
