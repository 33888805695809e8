import { DocStore } from './doc-store.ts';
import { grow, Postings } from './postings.ts';
import { restBound, STEPS } from './rest-bound.ts';
import { termCounts } from './segment.ts';
import { TopK } from './top-k.ts';

// TF-IDF cosine similarity over segmented words: the duplicate check and the unit suggestion.
//
// Features: a word weighs (1 + ln tf) · idf with idf = ln(1 + (N + 1) / (df + 1)); documents and
// queries are normalised to length 1, so a score is their cosine. The IDF is a snapshot of the
// collection, taken again once the documents added or removed since exceed 1/20 of it: one new
// proposal does not reweigh 100,000 others, and every score (pruned or brute force) uses it.
//
// A query returns the exact top k, pruned with upper bounds (MaxScore over term-at-a-time
// accumulators). What words can add to a score is bounded by water-filling (rest-bound.ts): each
// word at most its largest weight in any document, all of them together at most the document's
// length over them.
// 1. The query's words are read in order of bound per posting (query weight × largest document
//    weight ÷ postings). Once a document that has none of the words read so far cannot reach the
//    k-th best exact score found, the documents met so far are the only candidates.
// 2. Each candidate has a partial score and, per band of IDF, its length over the words no more
//    telling than those (32 bands, a byte each), which bounds what the rest of the query can add.
//    Further words are read for the candidates alone while their postings are short next to the
//    candidates; candidates whose bound falls below the k-th best are dropped.
// 3. The rest get their exact cosine from their own word list, best partial score first.
// Documents are stored grouped by subject (see `clustered`): a query's candidates then share cache
// lines, which is worth as much as the pruning on a large collection.
// `bruteForce` computes the same cosine for every document: the reference for tests and benchmark.

export interface Hit { id: string; score: number }
export type TermCounts = Map<string, number>;

/** Documents added or removed since the IDF snapshot, as a share of it, before it is taken again. */
const REWEIGH_AFTER = 1 / 20;
/** IDF bands for the per-document length bound. */
const BANDS = 32;
/** Rounding slack: a document is dropped only when its bound is below the threshold by more. */
const EPS = 1e-4;
/** Step 2 reads a word's postings while they are shorter than this many times the candidates. */
const READ_WHILE = 8;
// What a query knows of a slot (scratch, reset after each query): flags.
const TOUCHED = 1, SCORED = 2;

/** The query's words that are in the index, in reading order. */
class QueryTerms {
  private tables: Float64Array[] = [];
  private unseenBounds: number[] = [];
  private byRatio?: Int32Array;

  constructor(
    readonly n: number,
    readonly terms: Int32Array,
    readonly weights: Float64Array, // normalised
    readonly max: Float64Array, // the word's largest weight in a document
    readonly band: Uint8Array, // [i]: a band that holds every word from i on
    readonly restL2: Float64Array, // [i]: ‖the query's words from i on‖
  ) {}

  /** [v]: the most the words from i on can add to a document whose length over band[i] is v / STEPS. */
  rest(i: number) { return (this.tables[i] ??= this.bound(i, STEPS)); }

  /** The most a document that has none of the words before i can score. */
  unseen(i: number) { return (this.unseenBounds[i] ??= this.bound(i, 1)[1]!); }

  private bound(i: number, steps: number) {
    this.byRatio ??= Int32Array.from({ length: this.n }, (_, j) => j).sort((a, b) => this.max[a]! / this.weights[a]! - this.max[b]! / this.weights[b]!);
    return restBound(this.weights, this.max, this.byRatio, i, steps);
  }
}

/** Slots by descending partial score (a numeric sort of packed keys: much faster than a comparator). */
function byPartialScore(slots: Int32Array, acc: Float32Array) {
  const keys = new Float64Array(slots.length);
  for (let j = 0; j < slots.length; j++) keys[j] = Math.round((4 - acc[slots[j]!]!) * 2 ** 24) * 2 ** 26 + slots[j]!;
  keys.sort();
  const out = new Int32Array(slots.length);
  for (let j = 0; j < out.length; j++) out[j] = keys[j]! % 2 ** 26;
  return out;
}

export class SimilarityIndex {
  // Words as integer ids.
  private termIds = new Map<string, number>();
  private idf = new Float64Array(16);
  private termBand = new Uint8Array(16);
  private cuts = new Float64Array(BANDS).fill(Infinity); // band b: the words with idf ≤ cuts[b]
  private postings: Postings[] = [];
  // Slots only grow until a snapshot renumbers the live documents 0…n-1.
  private docs = new DocStore();
  private bands = Array.from({ length: BANDS }, () => new Uint8Array(16)); // [b][slot]: ⌈STEPS × the document's length over band b⌉
  private indexed = 0; // slots below this are in the postings
  private snapshotSize = 0;
  private changes = 0;
  // Query scratch, by slot and by word.
  private acc = new Float32Array(16); // partial scores; Float32 for cache, hence the rounding slack
  private mark = new Uint8Array(16);
  private touched = new Int32Array(16);
  private cand = new Int32Array(16);
  private candBits = new Int32Array(16); // the candidates again, a bit each: small enough for the fastest cache
  private dense = new Float64Array(16);

  get size() { return this.docs.size; }

  /** Adds or replaces a document. */
  set(id: string, title: string, body: string) { this.setTerms(id, termCounts(title, body)); }

  /** `set` for words already counted. */
  setTerms(id: string, counts: TermCounts) {
    this.remove(id);
    const pairs = [...counts].filter(([, n]) => n > 0).map(([t, n]) => [this.intern(t), Math.min(n, 0xffff)] as const).sort((a, b) => a[0] - b[0]);
    this.docs.add(id, Int32Array.from(pairs, (p) => p[0]), Uint16Array.from(pairs, (p) => p[1]));
    this.changes++;
  }

  remove(id: string) {
    const slot = this.docs.slot(id);
    if (slot === undefined) return;
    if (slot < this.indexed) for (const t of this.docs.terms(slot)) this.postings[t]!.zero(slot);
    this.docs.remove(slot);
    this.changes++;
  }

  /** The k most similar documents, best first, with cosine scores in (0, 1]. */
  query(title: string, body: string, k = 5, accept: (id: string) => boolean = () => true): Hit[] {
    return this.search(termCounts(title, body), k, accept);
  }

  /** `query` for words already counted. */
  search(counts: TermCounts, k = 5, accept: (id: string) => boolean = () => true): Hit[] {
    this.prepare();
    const q = this.queryTerms(counts);
    if (!q.n || k <= 0) return [];
    const top = new TopK(k, this.idOf);
    this.setDense(q, true);
    let touchedN = 0, i = 0;
    try {
      // 1. Whole postings while a document not met yet could still enter the top k.
      for (; i < q.n && q.unseen(i) + EPS >= top.threshold; i++) {
        touchedN = this.readAll(this.postings[q.terms[i]!]!, q.weights[i]!, touchedN);
        // Exact scores for the best partial ones now and then: the threshold rises early.
        if (i > 0 && (i & (i + 1)) === 0) this.scoreBest(touchedN, 2 * k, top, accept);
      }
      // 2. Candidates, and more words for them alone while that is cheap. (In slot order they are
      // checked with fewer cache misses; checked again once the rest of the query is a quarter shorter.)
      let candN = this.keep(this.touched, touchedN, i, q, top.threshold), checked = i;
      this.cand.subarray(0, candN).sort();
      while (i < q.n && candN > k && this.postings[q.terms[i]!]!.length < READ_WHILE * candN) {
        this.readForCandidates(this.postings[q.terms[i]!]!, q.weights[i]!);
        if (++i === q.n || q.restL2[i]! < 0.75 * q.restL2[checked]!) candN = this.keep(this.cand, candN, (checked = i), q, top.threshold);
      }
      if (checked !== i) candN = this.keep(this.cand, candN, i, q, top.threshold);
      // 3. Exact scores, best partial score first, for those the bound still lets through.
      const rest = q.rest(i), length = this.bands[q.band[i]!]!, acc = this.acc;
      for (const s of byPartialScore(this.cand.subarray(0, candN), acc)) if (acc[s]! + rest[length[s]!]! + EPS >= top.threshold) this.score(s, top, accept);
      return top.hits();
    } finally {
      this.reset(touchedN);
      this.setDense(q, false);
    }
  }

  /** Exact cosine against every document: the reference the pruned query is measured against. */
  bruteForce(counts: TermCounts, k = 5, accept: (id: string) => boolean = () => true): Hit[] {
    this.prepare();
    const q = this.queryTerms(counts);
    const top = new TopK(Math.max(k, 0), this.idOf);
    this.setDense(q, true);
    try {
      for (let s = 0; s < this.docs.slots; s++) {
        const id = this.docs.id(s);
        if (id === undefined) continue;
        const x = this.docs.dot(s, this.dense);
        if (x > 0 && x >= top.threshold && accept(id)) top.offer(s, x);
      }
    } finally {
      this.setDense(q, false);
    }
    return top.hits();
  }

  private idOf = (slot: number) => this.docs.id(slot)!;

  /** Adds a word's weights to the partial scores of the documents that have it; returns the slots touched so far. */
  private readAll(p: Postings, w: number, touchedN: number) {
    const { acc, mark, touched } = this, slots = p.slots, ws = p.weights, len = p.length;
    for (let j = 0; j < len; j++) {
      const s = slots[j]!;
      if (!(mark[s]! & TOUCHED)) { mark[s] = TOUCHED; touched[touchedN++] = s; }
      acc[s] += w * ws[j]!;
    }
    return touchedN;
  }

  /** The same for the candidates only. */
  private readForCandidates(p: Postings, w: number) {
    const { acc, candBits } = this, slots = p.slots, ws = p.weights, len = p.length;
    for (let j = 0; j < len; j++) {
      const s = slots[j]!;
      if ((candBits[s >>> 5]! >>> (s & 31)) & 1) acc[s] += w * ws[j]!;
    }
  }

  private reset(touchedN: number) {
    const { acc, mark, touched, candBits } = this;
    for (let j = 0; j < touchedN; j++) { const s = touched[j]!; acc[s] = 0; mark[s] = 0; candBits[s >>> 5] = 0; }
  }

  /** Slots of `from` (not scored yet) whose bound reaches the threshold, into `cand`; the others drop back. */
  private keep(from: Int32Array, n: number, i: number, q: QueryTerms, threshold: number) {
    const { acc, mark, cand, candBits } = this, length = this.bands[q.band[i]!]!, rest = q.rest(i);
    let kept = 0;
    for (let j = 0; j < n; j++) {
      const s = from[j]!;
      if (mark[s]! & SCORED) continue;
      if (acc[s]! + rest[length[s]!]! + EPS >= threshold) { cand[kept++] = s; candBits[s >>> 5] |= 1 << (s & 31); }
      else candBits[s >>> 5] &= ~(1 << (s & 31));
    }
    return kept;
  }

  private score(s: number, top: TopK, accept: (id: string) => boolean) {
    this.mark[s] |= SCORED;
    const id = this.docs.id(s);
    if (id === undefined) return;
    const x = this.docs.dot(s, this.dense);
    if (x > 0 && x >= top.threshold && accept(id)) top.offer(s, x);
  }

  /** Exact scores for the `count` touched slots with the best partial scores. */
  private scoreBest(touchedN: number, count: number, top: TopK, accept: (id: string) => boolean) {
    const best = new TopK(count, this.idOf);
    for (let j = 0; j < touchedN; j++) {
      const s = this.touched[j]!;
      if (!(this.mark[s]! & SCORED) && this.acc[s]! > best.threshold) best.offer(s, this.acc[s]!);
    }
    for (let j = 0; j < best.length; j++) this.score(best.slots[j]!, top, accept);
  }

  private setDense(q: QueryTerms, on: boolean) {
    for (let i = 0; i < q.n; i++) this.dense[q.terms[i]!] = on ? q.weights[i]! : 0;
  }

  /** The query's words that are in the index, normalised, in reading order, with the bounds of each rest. */
  private queryTerms(counts: TermCounts): QueryTerms {
    const found: { t: number; w: number; max: number; order: number }[] = [];
    let norm = 0;
    for (const [term, n] of counts) {
      if (n <= 0) continue;
      const t = this.termIds.get(term);
      const w = (1 + Math.log(n)) * (t === undefined ? this.unseenIdf() : this.idf[t]!);
      norm += w * w;
      const p = t === undefined ? undefined : this.postings[t]!;
      if (p && p.max > 0) found.push({ t: t!, w, max: p.max, order: (w * p.max) / p.length });
    }
    found.sort((a, b) => b.order - a.order);
    norm = Math.sqrt(norm) || 1;
    const n = found.length;
    const q = new QueryTerms(n, new Int32Array(n), new Float64Array(n), new Float64Array(n), new Uint8Array(n + 1), new Float64Array(n + 1));
    let l2 = 0, band = BANDS - 1;
    for (let i = n - 1; i >= 0; i--) {
      const f = found[i]!;
      q.terms[i] = f.t;
      q.weights[i] = f.w / norm;
      q.max[i] = f.max;
      l2 += q.weights[i]! ** 2;
      band = Math.min(band, this.termBand[f.t]!);
      q.restL2[i] = Math.sqrt(l2);
      q.band[i] = band;
    }
    return q;
  }

  private intern(term: string) {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termIds.size;
      this.termIds.set(term, id);
      this.postings.push(new Postings());
      if (id >= this.idf.length) {
        this.idf = grow(this.idf, id * 2);
        this.termBand = grow(this.termBand, id * 2);
        this.dense = grow(this.dense, id * 2);
      }
      this.idf[id] = this.unseenIdf();
      this.termBand[id] = 0;
    }
    return id;
  }

  /** The IDF of a word that no document of the snapshot has. */
  private unseenIdf() { return Math.log(1 + (this.snapshotSize + 1)); }

  /** Brings the postings up to date before a query: a new snapshot, or the documents added since. */
  private prepare() {
    if (this.changes > this.snapshotSize * REWEIGH_AFTER) this.snapshot();
    else for (; this.indexed < this.docs.slots; this.indexed++) this.index(this.indexed);
    const slots = this.docs.slots;
    if (this.acc.length < slots) {
      this.acc = grow(this.acc, slots * 2);
      this.mark = grow(this.mark, slots * 2);
      this.touched = grow(this.touched, slots * 2);
      this.cand = grow(this.cand, slots * 2);
      this.candBits = grow(this.candBits, ((slots * 2) >>> 5) + 1);
    }
  }

  /** Weighs one document with the current IDF and adds it to the postings. */
  private index(slot: number) {
    if (this.docs.id(slot) === undefined) return;
    const t = this.docs.terms(slot), tf = this.docs.tfs(slot), w = this.docs.weights(slot);
    let norm = 0;
    for (let j = 0; j < t.length; j++) { w[j] = (1 + Math.log(tf[j]!)) * this.idf[t[j]!]!; norm += w[j]! ** 2; }
    norm = Math.sqrt(norm) || 1;
    const sq = new Float64Array(BANDS);
    for (let j = 0; j < t.length; j++) {
      w[j] = w[j]! / norm;
      this.postings[t[j]!]!.push(slot, w[j]!);
      sq[this.termBand[t[j]!]!] += w[j]! ** 2;
    }
    if (this.bands[0]!.length <= slot) this.bands = this.bands.map((b) => grow(b, (slot + 1) * 2));
    // A word of band b also counts in every band before it (their cuts are higher).
    for (let b = BANDS - 1, sum = 0; b >= 0; b--) {
      sum += sq[b]!;
      this.bands[b]![slot] = Math.min(STEPS, Math.ceil(Math.sqrt(sum) * STEPS + 1e-6));
    }
  }

  /**
   * Live slots in an order that puts documents on one subject side by side, so that a query's
   * candidates share cache lines: by their most widespread distinctive word (the one in most
   * documents among those in at most 5 % of them).
   */
  private clustered(df: Int32Array) {
    const slots = this.docs.liveSlots(), cap = Math.max(1, slots.length * 0.05);
    const key = new Map(slots.map((s) => {
      let best = -1;
      for (const t of this.docs.terms(s)) if (df[t]! <= cap && (best < 0 || df[t]! > df[best]!)) best = t;
      return [s, best];
    }));
    return slots.sort((a, b) => key.get(a)! - key.get(b)! || a - b);
  }

  /** New IDF and bands from the live documents; renumbers them and rebuilds every posting list. */
  private snapshot() {
    const df = new Int32Array(this.termIds.size);
    for (const s of this.docs.liveSlots()) for (const x of this.docs.terms(s)) df[x]++;
    this.docs.compact(this.clustered(df));
    this.snapshotSize = this.docs.size;
    let lo = Infinity, hi = -Infinity;
    for (let t = 0; t < df.length; t++) {
      this.idf[t] = Math.log(1 + (this.snapshotSize + 1) / (df[t]! + 1));
      if (df[t]) { lo = Math.min(lo, this.idf[t]!); hi = Math.max(hi, this.idf[t]!); }
    }
    // Band 0 holds every word; bands 1… cut the live IDF range in equal steps.
    for (let b = 1; b < BANDS; b++) this.cuts[b] = hi - ((b - 1) * (hi - lo)) / (BANDS - 1);
    for (let t = 0; t < df.length; t++) {
      let b = 0;
      while (b + 1 < BANDS && this.cuts[b + 1]! >= this.idf[t]!) b++;
      this.termBand[t] = b;
    }
    this.postings = Array.from(df, (n) => new Postings(n));
    this.bands = this.bands.map(() => new Uint8Array(this.snapshotSize));
    for (this.indexed = 0; this.indexed < this.docs.slots; this.indexed++) this.index(this.indexed);
    this.changes = 0;
  }
}
