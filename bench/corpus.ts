// A generated corpus of Chinese proposals for the text benchmarks: the demo topic families,
// varied with places, numbers and mixed-in sentences, plus planted near-duplicates (paraphrases
// of chosen documents: sentences dropped, shuffled and the title reworded).
import { createRandom } from '../src/server/seed/random.ts';
import { CLOSINGS, PROBLEM_INTROS, SUGGESTION_INTROS, TOPICS } from '../src/server/seed/demo-proposal-data.ts';

export interface CorpusDoc { id: string; title: string; body: string }
export interface Planted { query: CorpusDoc; originalId: string }

const PLACE_HEADS = '青石柳河白沙红旗新华东湖西山南岭北塘金桥银杏梧桐凤凰龙泉清水长林松岗桃源杏花丰乐永安太平'.split('');
const PLACE_TAILS = ['镇', '村', '街道', '社区', '乡', '园区', '新区'];

export function buildCorpus(size: number, planted: number, seed = 20261127) {
  const rnd = createRandom(seed);
  const expand = (s: string) => s.replace(/\{([^{}]*\|[^{}]*)\}/g, (_, alts: string) => rnd.pick(alts.split('|'))).replace(/\{区\}/g, '示例区').replace(/\{县\}/g, '示例县');
  const place = () => `${rnd.pick(PLACE_HEADS)}${rnd.pick(PLACE_HEADS)}${rnd.pick(PLACE_TAILS)}`;
  const sentencesOf = (t: (typeof TOPICS)[number]) => [
    rnd.pick(t.background),
    `${rnd.pick(PROBLEM_INTROS)}${rnd.sample(t.problems, rnd.int(2, 3)).join('；')}。`,
    `以${place()}为例，${rnd.pick(t.problems)}，涉及${rnd.int(2, 900)}户群众。`,
    rnd.pick(SUGGESTION_INTROS),
    ...rnd.sample(t.suggestions, rnd.int(2, 4)),
  ];
  const docs: CorpusDoc[] = [];
  for (let i = 0; i < size; i++) {
    const t = rnd.pick(TOPICS);
    const other = rnd.pick(TOPICS);
    const parts = sentencesOf(t);
    if (rnd.chance(0.3)) parts.splice(rnd.int(1, parts.length - 1), 0, rnd.pick(other.suggestions)); // a side remark from another field
    docs.push({ id: `d${i}`, title: expand(rnd.pick(t.titles)).replace('的提案', `${rnd.chance(0.4) ? `（${place()}）` : ''}的提案`), body: parts.join('') + rnd.pick(CLOSINGS) });
  }
  const plants: Planted[] = [];
  for (let i = 0; i < planted; i++) {
    const orig = docs[rnd.int(0, docs.length - 1)]!;
    const sentences = orig.body.split(/(?<=[。；])/).filter(Boolean);
    const kept = rnd.shuffle(sentences.filter(() => rnd.chance(0.75)));
    const title = orig.title.replace(/^关于/, rnd.pick(['关于进一步', '建议', '关于切实'])).replace(/的提案$/, rnd.pick(['的建议', '的提案', '工作的几点建议']));
    plants.push({ originalId: orig.id, query: { id: `q${i}`, title, body: (kept.length ? kept : sentences).join('') } });
  }
  return { docs, plants };
}
