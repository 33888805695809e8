import { DocStore } from './doc-store.ts';
import { grow, Postings } from './postings.ts';
import { termCounts } from './segment.ts';
import { TopK } from './top-k.ts';

// TF-IDF cosine similarity over segmented words: the duplicate check and the unit suggestion.
//
// Features: a word weighs (1 + ln tf) · idf with idf = ln(1 + (N + 1) / (df + 1)); documents and
// queries are normalised to length 1, so a score is their cosine. The IDF is a snapshot of the
// collection, taken again once the documents added or removed since exceed 1/20 of it: one new
// proposal does not reweigh 100,000 others, and every score (indexed or brute force) uses it.
//
// A query adds up partial scores from the postings of its most telling words (by query weight per
// posting: rare words first, repeated ones earlier), whole lists, while they fit in a budget of
// postings; then the documents with the best partial scores (a budgeted number, at least 10 per
// result asked) get their exact cosine from their own word list. When all the query's words fit
// the budget (any query on a few thousand documents, short ones on any number) the partial scores
// are the cosines and the top k is exact; beyond that it is the best of the likeliest candidates,
// and a query's work stays bounded whatever the collection's size (100,000 generated proposals:
// recall@5 ≈ 0.98 against brute force, docs/benchmarks.md).
// Documents are stored grouped by subject (see `clustered`): candidates then share cache lines.
// `bruteForce` computes the same cosine for every document: the reference for tests and benchmark.

export interface Hit { id: string; score: number }
export type TermCounts = Map<string, number>;

/** Documents added or removed since the IDF snapshot, as a share of it, before it is taken again. */
const REWEIGH_AFTER = 1 / 20;
/** How much a query reads and scores (the defaults are measured in docs/benchmarks.md). */
export interface QueryBudget {
  /** Postings a query reads in full, at most (its first word's always). */
  postings: number;
  /** Documents scored exactly, at least: those with the best partial scores. */
  candidates: number;
}
const BUDGET: QueryBudget = { postings: 20_000, candidates: 200 };
/** Histogram buckets for picking the best partial scores. */
const BUCKETS = 1024;
/** Rounding slack of the Float32 partial scores. */
const EPS = 1e-5;

/** The query's words that are in the index, in reading order, with their normalised weights. */
interface QueryTerms { terms: Int32Array; weights: Float64Array }

export class SimilarityIndex {
  // Words as integer ids.
  private termIds = new Map<string, number>();
  private idf = new Float64Array(16);
  private postings: Postings[] = [];
  // Slots only grow until a snapshot renumbers the live documents 0…n-1.
  private docs = new DocStore();
  private indexed = 0; // slots below this are in the postings
  private snapshotSize = 0;
  private changes = 0;
  // Query scratch, by slot and by word.
  private acc = new Float32Array(16); // partial scores; Float32 for cache, hence the rounding slack
  private touched = new Int32Array(16);
  private cand = new Int32Array(16);
  private dense = new Float64Array(16);

  constructor(private readonly budget = BUDGET) {}

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
    if (!q.terms.length || k <= 0) return [];
    const top = new TopK(k, this.idOf);
    this.setDense(q, true);
    let touchedN = 0;
    try {
      let skipped = false;
      for (let i = 0, read = 0; i < q.terms.length; i++) {
        const p = this.postings[q.terms[i]!]!;
        if (i > 0 && read + p.length > this.budget.postings) { skipped = true; continue; }
        read += p.length;
        touchedN = this.readAll(p, q.weights[i]!, touchedN);
      }
      // Exact scores for the best partial ones, in slot order (fewer cache misses); while `accept`
      // leaves fewer than k, the next best ones too, and at last (documents sharing only skipped
      // words were never met) every document.
      const { acc, touched, cand } = this;
      for (let want = Math.max(this.budget.candidates, 10 * k), below = Infinity; ; want *= 4) {
        const from = this.cutoff(touchedN, want);
        let candN = 0;
        for (let j = 0; j < touchedN; j++) if (acc[touched[j]!]! >= from && acc[touched[j]!]! < below) cand[candN++] = touched[j]!;
        for (const s of cand.subarray(0, candN).sort()) this.score(s, top, accept);
        if (top.length === k || from === -Infinity) break;
        below = from;
      }
      return top.length < k && skipped ? this.bruteForce(counts, k, accept) : top.hits();
    } finally {
      this.reset(touchedN);
      this.setDense(q, false);
    }
  }

  /** Exact cosine against every document: the reference the indexed query is measured against. */
  bruteForce(counts: TermCounts, k = 5, accept: (id: string) => boolean = () => true): Hit[] {
    this.prepare();
    const q = this.queryTerms(counts);
    const top = new TopK(Math.max(k, 0), this.idOf);
    this.setDense(q, true);
    try {
      for (let s = 0; s < this.docs.slots; s++) this.score(s, top, accept);
    } finally {
      this.setDense(q, false);
    }
    return top.hits();
  }

  private idOf = (slot: number) => this.docs.id(slot)!;

  /** Adds a word's weights to the partial scores of the documents that have it; returns the slots touched so far. */
  private readAll(p: Postings, w: number, touchedN: number) {
    const { acc, touched } = this, slots = p.slots, ws = p.weights, len = p.length;
    for (let j = 0; j < len; j++) {
      const s = slots[j]!, x = ws[j]!;
      if (x === 0) continue; // removed: weights of live documents are > 0
      if (acc[s] === 0) touched[touchedN++] = s;
      acc[s] += w * x;
    }
    return touchedN;
  }

  /**
   * A partial score that at least `count` of the touched slots reach (all of them if fewer), by a
   * histogram (partial scores are in [0, 1]: they add up parts of a cosine of non-negative weights).
   */
  private cutoff(touchedN: number, count: number) {
    if (touchedN <= count) return -Infinity;
    const { acc, touched } = this, hist = new Int32Array(BUCKETS + 1);
    for (let j = 0; j < touchedN; j++) hist[Math.min(BUCKETS, (acc[touched[j]!]! * BUCKETS) | 0)]++;
    let b = BUCKETS;
    for (let n = hist[b]!; b > 0 && n < count; ) n += hist[--b]!;
    return b / BUCKETS - EPS;
  }

  private reset(touchedN: number) {
    const { acc, touched } = this;
    for (let j = 0; j < touchedN; j++) acc[touched[j]!] = 0;
  }

  private score(s: number, top: TopK, accept: (id: string) => boolean) {
    const x = this.docs.dot(s, this.dense); // 0 for a removed document
    if (!(x > 0 && x >= top.threshold)) return;
    const id = this.docs.id(s);
    if (id !== undefined && accept(id)) top.offer(s, x);
  }

  private setDense(q: QueryTerms, on: boolean) {
    for (let i = 0; i < q.terms.length; i++) this.dense[q.terms[i]!] = on ? q.weights[i]! : 0;
  }

  /** The query's words that are in the index, normalised over all its words, in reading order. */
  private queryTerms(counts: TermCounts): QueryTerms {
    const found: { t: number; w: number; order: number }[] = [];
    let norm = 0;
    for (const [term, n] of counts) {
      if (n <= 0) continue;
      const t = this.termIds.get(term);
      const w = (1 + Math.log(n)) * (t === undefined ? this.unseenIdf() : this.idf[t]!);
      norm += w * w;
      const p = t === undefined ? undefined : this.postings[t]!;
      if (p && p.max > 0) found.push({ t: t!, w, order: w / p.length });
    }
    found.sort((a, b) => b.order - a.order);
    norm = Math.sqrt(norm) || 1;
    return { terms: Int32Array.from(found, (f) => f.t), weights: Float64Array.from(found, (f) => f.w / norm) };
  }

  private intern(term: string) {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termIds.size;
      this.termIds.set(term, id);
      this.postings.push(new Postings());
      if (id >= this.idf.length) {
        this.idf = grow(this.idf, id * 2);
        this.dense = grow(this.dense, id * 2);
      }
      this.idf[id] = this.unseenIdf();
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
      this.touched = grow(this.touched, slots * 2);
      this.cand = grow(this.cand, slots * 2);
    }
  }

  /** Weighs one document with the current IDF and adds it to the postings. */
  private index(slot: number) {
    if (this.docs.id(slot) === undefined) return;
    const t = this.docs.terms(slot), tf = this.docs.tfs(slot), w = this.docs.weights(slot);
    let norm = 0;
    for (let j = 0; j < t.length; j++) { w[j] = (1 + Math.log(tf[j]!)) * this.idf[t[j]!]!; norm += w[j]! ** 2; }
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < t.length; j++) {
      w[j] = w[j]! / norm;
      this.postings[t[j]!]!.push(slot, w[j]!);
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

  /** New IDF from the live documents; renumbers them and rebuilds every posting list. */
  private snapshot() {
    const df = new Int32Array(this.termIds.size);
    for (const s of this.docs.liveSlots()) for (const x of this.docs.terms(s)) df[x]++;
    this.docs.compact(this.clustered(df));
    this.snapshotSize = this.docs.size;
    for (let t = 0; t < df.length; t++) this.idf[t] = Math.log(1 + (this.snapshotSize + 1) / (df[t]! + 1));
    this.postings = Array.from(df, (n) => new Postings(n));
    for (this.indexed = 0; this.indexed < this.docs.slots; this.indexed++) this.index(this.indexed);
    this.changes = 0;
  }
}
