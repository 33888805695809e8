// Duplicate check on a large corpus: the inverted index against brute-force cosine over the same
// features (latency p50/p95, recall@5 against brute force, speed ratio), and whether each planted
// paraphrase finds its original first. Run alone: `tsx bench/similar.ts` (BENCH_CORPUS, default 100000).
import { SimilarityIndex } from '../src/server/core/text/similarity.ts';
import { buildCorpus } from './corpus.ts';

export interface SimilarResult {
  corpus: number; queries: number; buildSeconds: number;
  index: { p50: number; p95: number }; brute: { p50: number; p95: number };
  recallAt5: number; plantedFoundFirst: number; speedup: number;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export function similarBench(size: number, queries = 200): SimilarResult {
  const { docs, plants } = buildCorpus(size, queries);
  const idx = new SimilarityIndex();
  let t0 = performance.now();
  for (const d of docs) idx.set(d.id, d.title, d.body);
  idx.query('预热', '预热'); // computes the norms once
  const buildSeconds = (performance.now() - t0) / 1000;
  const fast: number[] = [], slow: number[] = [];
  let overlap = 0, found = 0;
  for (const p of plants) {
    t0 = performance.now();
    const a = idx.query(p.query.title, p.query.body, 5);
    fast.push(performance.now() - t0);
    t0 = performance.now();
    const b = idx.bruteForce(p.query.title, p.query.body, 5);
    slow.push(performance.now() - t0);
    const truth = new Set(b.map((h) => h.id));
    overlap += a.filter((h) => truth.has(h.id)).length / Math.max(1, b.length);
    if (a[0]?.id === p.originalId) found++;
  }
  return {
    corpus: size, queries: plants.length, buildSeconds: round(buildSeconds, 1),
    index: { p50: round(pct(fast, 0.5)), p95: round(pct(fast, 0.95)) }, brute: { p50: round(pct(slow, 0.5)), p95: round(pct(slow, 0.95)) },
    recallAt5: round(overlap / plants.length, 3), plantedFoundFirst: round(found / plants.length, 3), speedup: round(pct(slow, 0.5) / pct(fast, 0.5), 1),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = similarBench(Number(process.env.BENCH_CORPUS) || 100_000);
  console.log(JSON.stringify(r, null, 2));
}
