// Duplicate check on a large corpus: the index against brute-force cosine over the same
// features (every document scored from the same arrays), latency p50/p95, recall@5 against brute
// force, speed ratio, memory; and whether each planted paraphrase finds its original first.
// Run alone: `tsx bench/similar.ts` (BENCH_CORPUS, default 100000).
import v8 from 'node:v8';
import vm from 'node:vm';
import { termCounts } from '../src/server/core/text/segment.ts';
import { SimilarityIndex } from '../src/server/core/text/similarity.ts';
import { buildCorpus } from './corpus.ts';

interface Spread { p50: number; p95: number }
export interface SimilarResult {
  corpus: number; queries: number; buildSeconds: number;
  /** The duplicate check as the app runs it: segmenting the text, then the indexed query. */
  check: Spread;
  /** Its parts: segmenting (jieba) and the query over the counted words. */
  segment: Spread; index: Spread;
  /** Brute force over the same counted words. */
  brute: Spread;
  /** Brute force ÷ indexed query at p50, both over counted words; and with segmenting added to both. */
  speedup: number; speedupWithSegmenting: number;
  recallAt5: number; exactTop5: number; plantedFoundFirst: number;
  /** The process after building and a full collection: the index's typed arrays are in arrayBuffers, its Maps and ids in the heap. */
  memoryMiB: { heapUsed: number; arrayBuffers: number };
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const spread = (xs: number[]): Spread => ({ p50: round(pct(xs, 0.5), 3), p95: round(pct(xs, 0.95), 3) });
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
/** Memory in use after a full collection (the flag can be set at run time; `gc` then shows in a new context). */
function settledMemory() {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
  return process.memoryUsage();
}

export function similarBench(size: number, queries = 200): SimilarResult {
  const { docs, plants } = buildCorpus(size, queries);
  const idx = new SimilarityIndex();
  let t0 = performance.now();
  for (const d of docs) idx.set(d.id, d.title, d.body);
  idx.query('预热', '预热'); // takes the IDF snapshot and builds the postings
  const buildSeconds = (performance.now() - t0) / 1000;
  const after = settledMemory();
  const seg: number[] = [], fast: number[] = [], slow: number[] = [], check: number[] = [];
  let overlap = 0, exact = 0, found = 0;
  for (const p of plants.slice(0, 20)) idx.search(termCounts(p.query.title, p.query.body)); // warm-up
  for (const p of plants) {
    t0 = performance.now();
    const counts = termCounts(p.query.title, p.query.body);
    const t1 = performance.now();
    const a = idx.search(counts, 5);
    const t2 = performance.now();
    const b = idx.bruteForce(counts, 5);
    const t3 = performance.now();
    seg.push(t1 - t0); fast.push(t2 - t1); slow.push(t3 - t2); check.push(t2 - t0);
    const truth = new Set(b.map((h) => h.id));
    overlap += a.filter((h) => truth.has(h.id)).length / Math.max(1, b.length);
    if (JSON.stringify(a) === JSON.stringify(b)) exact++;
    if (a[0]?.id === p.originalId) found++;
  }
  return {
    corpus: size, queries: plants.length, buildSeconds: round(buildSeconds, 1),
    check: spread(check), segment: spread(seg), index: spread(fast), brute: spread(slow),
    speedup: round(pct(slow, 0.5) / pct(fast, 0.5), 1),
    speedupWithSegmenting: round((pct(slow, 0.5) + pct(seg, 0.5)) / pct(check, 0.5), 1),
    recallAt5: round(overlap / plants.length, 3), exactTop5: round(exact / plants.length, 3), plantedFoundFirst: round(found / plants.length, 3),
    memoryMiB: { heapUsed: mib(after.heapUsed), arrayBuffers: mib(after.arrayBuffers) },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = similarBench(Number(process.env.BENCH_CORPUS) || 100_000);
  console.log(JSON.stringify(r, null, 2));
}
