import { termCounts } from './segment.ts';

// TF-IDF cosine similarity over segmented words, with an inverted index so a query touches only
// the documents that share its most telling words. `bruteForce` scores every document with the
// same features: the benchmark's reference for recall and speed.

interface Doc { id: string; tf: Map<string, number>; norm: number }
export interface Hit { id: string; score: number }

const QUERY_TERMS = 32; // a query uses its most informative words; rarer words decide similarity

export class SimilarityIndex {
  private docs = new Map<string, Doc>();
  private postings = new Map<string, Map<string, number>>(); // term → docId → tf
  private dirtyNorms = true;

  get size() { return this.docs.size; }

  private idf(term: string) {
    const df = this.postings.get(term)?.size ?? 0;
    return Math.log(1 + (this.docs.size + 1) / (df + 1));
  }

  private weight(tf: number, term: string) { return (1 + Math.log(tf)) * this.idf(term); }

  private norm(tf: Map<string, number>) {
    let s = 0;
    for (const [t, n] of tf) s += this.weight(n, t) ** 2;
    return Math.sqrt(s) || 1;
  }

  /** Adds or replaces a document. */
  set(id: string, title: string, body: string) {
    this.remove(id);
    const tf = termCounts(title, body);
    this.docs.set(id, { id, tf, norm: 1 });
    for (const [t, n] of tf) {
      let p = this.postings.get(t);
      if (!p) this.postings.set(t, (p = new Map()));
      p.set(id, n);
    }
    this.dirtyNorms = true;
  }

  remove(id: string) {
    const d = this.docs.get(id);
    if (!d) return;
    for (const t of d.tf.keys()) {
      const p = this.postings.get(t)!;
      p.delete(id);
      if (!p.size) this.postings.delete(t);
    }
    this.docs.delete(id);
    this.dirtyNorms = true;
  }

  /** Document norms depend on IDF, which moves as documents arrive: recomputed lazily before a query. */
  private refreshNorms() {
    if (!this.dirtyNorms) return;
    for (const d of this.docs.values()) d.norm = this.norm(d.tf);
    this.dirtyNorms = false;
  }

  private queryVector(title: string, body: string) {
    const tf = termCounts(title, body);
    const terms = [...tf].map(([t, n]) => ({ t, w: this.weight(n, t) })).filter((x) => this.postings.has(x.t));
    let qn = 0;
    for (const [t, n] of tf) qn += this.weight(n, t) ** 2;
    return { terms, qnorm: Math.sqrt(qn) || 1 };
  }

  /** The k most similar documents, best first, with cosine scores in [0, 1]. */
  query(title: string, body: string, k = 5, accept: (id: string) => boolean = () => true): Hit[] {
    this.refreshNorms();
    const { terms, qnorm } = this.queryVector(title, body);
    terms.sort((a, b) => b.w - a.w);
    const acc = new Map<string, number>();
    for (const { t, w } of terms.slice(0, QUERY_TERMS)) {
      const idf = this.idf(t);
      for (const [id, n] of this.postings.get(t)!) acc.set(id, (acc.get(id) ?? 0) + w * (1 + Math.log(n)) * idf);
    }
    // Candidates by the partial score, then the exact cosine over every shared word.
    const q = new Map(terms.map((x) => [x.t, x.w]));
    const candidates = top(acc, k * 20, (id, s) => (accept(id) ? s : -1));
    const exact = new Map(candidates.map((h) => [h.id, this.cosine(this.docs.get(h.id)!, q, qnorm)]));
    return top(exact, k, (_id, s) => s);
  }

  private cosine(d: Doc, q: Map<string, number>, qnorm: number) {
    let s = 0;
    for (const [t, n] of d.tf) { const w = q.get(t); if (w) s += w * this.weight(n, t); }
    return s / (d.norm * qnorm);
  }

  /** Exact cosine against every document (the reference the index is measured against). */
  bruteForce(title: string, body: string, k = 5): Hit[] {
    this.refreshNorms();
    const { terms, qnorm } = this.queryVector(title, body);
    const q = new Map(terms.map((x) => [x.t, x.w]));
    const acc = new Map<string, number>();
    for (const d of this.docs.values()) acc.set(d.id, this.cosine(d, q, qnorm));
    return top(acc, k, (_id, s) => s);
  }
}

function top(acc: Map<string, number>, k: number, score: (id: string, raw: number) => number): Hit[] {
  const all: Hit[] = [];
  for (const [id, raw] of acc) {
    const s = score(id, raw);
    if (s > 0) all.push({ id, score: s });
  }
  return all.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, k);
}
