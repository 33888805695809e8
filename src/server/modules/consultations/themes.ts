// Themes of an online consultation's comments (网络议政): what Pol.is does with votes, done with the
// words of the comments. Each comment is segmented (core/text: jieba with the 政协 dictionary, stop
// words out), weighted by TF-IDF over a capped vocabulary and L2-normalised; k-means (ml-kmeans,
// k-means++ seeded, so the same comments give the same themes) groups them; each theme is named by
// the heaviest words of its centroid and shown by the comments nearest to it.
//
// Choosing k: silhouette (cosine distance) over k = 2 … min(12, √(n/2)), each k clustered on an
// evenly spaced sample of at most 600 comments; the k with the best silhouette is then run on every
// comment, starting from the sample's centroids. The sample keeps the choice (and k-means++, which
// ml-kmeans computes densely) cheap at 10,000 comments; the final run sees them all.
//
// Speed: the vectors are dense for ml-kmeans, but the distance it calls compares a comment with a
// centroid over the comment's few non-zero terms only (|p − c|² = |p|² + |c|² − 2 p·c, |c|² cached
// per centroid), so an iteration costs about n × k × (words per comment), not n × k × vocabulary.
import { kmeans } from 'ml-kmeans';
import { tokens } from '../../core/text/segment.ts';

export interface ThemeInput { id: string; content: string }
export interface Theme {
  /** t1, t2, … by size (largest first); `other` for comments with no word in the vocabulary. */
  key: string;
  size: number;
  /** The heaviest words of the theme's centroid, heaviest first. */
  words: string[];
  /** The comments nearest to the centroid, nearest first. */
  representativeIds: string[];
}
export interface ThemeResult {
  themes: Theme[];
  /** Comment id → theme key. */
  assignment: Record<string, string>;
  /** The silhouette of the chosen k on the sample (undefined when k was given or there was nothing to choose). */
  silhouette?: number;
}
export interface ThemeOptions {
  /** Use this many themes instead of choosing by silhouette. */
  k?: number;
  /** Largest k tried (12). */
  maxK?: number;
  seed?: number;
  /** The vocabulary: the most frequent terms found in at least 2 comments and at most half of them (400); see vectorise(). */
  maxVocabulary?: number;
  words?: number;
  representatives?: number;
}

interface Sparse { idx: number[]; val: number[] }

const SAMPLE = 600;

/** TF-IDF (sublinear tf, smoothed idf), L2-normalised, over the capped vocabulary. */
function vectorise(docs: string[][], maxVocabulary: number): { vocabulary: string[]; vectors: (Sparse | null)[] } {
  const n = docs.length;
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const byDf = [...df].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  // Words in more than half the comments tell no theme from another (from 10 comments on); when
  // that leaves nothing (every comment says the same), every word counts.
  const telling = byDf.filter(([, c]) => c >= 2 && (n < 10 || c <= n / 2));
  const vocabulary = (telling.length ? telling : byDf).slice(0, maxVocabulary).map(([t]) => t);
  const index = new Map(vocabulary.map((t, i) => [t, i]));
  const idf = vocabulary.map((t) => Math.log((1 + n) / (1 + df.get(t)!)) + 1);
  const vectors = docs.map((d) => {
    const tf = new Map<number, number>();
    for (const t of d) { const i = index.get(t); if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1); }
    if (!tf.size) return null;
    const idx = [...tf.keys()].sort((a, b) => a - b);
    const val = idx.map((i) => (1 + Math.log(tf.get(i)!)) * idf[i]!);
    const norm = Math.hypot(...val);
    return { idx, val: val.map((v) => v / norm) };
  });
  return { vocabulary, vectors };
}

/**
 * ml-kmeans over the rows; its distance reads a row's non-zero terms only. Starts from k-means++
 * (seeded), or from given centroids (those of a sample's clustering). Returns each row's cluster and the centroids.
 */
function cluster(rows: Sparse[], dim: number, k: number, seed: number, initialization?: number[][]) {
  const sparseOf = new WeakMap<number[], Sparse>();
  const dense = rows.map((r) => {
    const v = new Array<number>(dim).fill(0);
    r.idx.forEach((i, j) => { v[i] = r.val[j]!; });
    sparseOf.set(v, r);
    return v;
  });
  const norms = new WeakMap<number[], number>();
  const squaredNorm = (c: number[]) => {
    let s = norms.get(c);
    if (s === undefined) { s = 0; for (const x of c) s += x * x; norms.set(c, s); }
    return s;
  };
  const distanceFunction = (p: number[], c: number[]) => {
    const sp = sparseOf.get(p);
    if (!sp) { let s = 0; for (let i = 0; i < p.length; i++) s += (p[i]! - c[i]!) ** 2; return s; }
    let d = 0;
    for (let j = 0; j < sp.idx.length; j++) d += sp.val[j]! * c[sp.idx[j]!]!;
    return 1 + squaredNorm(c) - 2 * d;
  };
  const result = kmeans(dense, k, { seed, initialization: initialization ?? 'kmeans++', distanceFunction, maxIterations: 60, tolerance: 1e-6 });
  return { clusters: result.clusters, centroids: result.centroids, distance: (r: number, c: number) => distanceFunction(dense[r]!, result.centroids[c]!) };
}

/** Mean silhouette with cosine distance (1 − p·q on unit vectors). */
function silhouette(rows: Sparse[], clusters: number[], k: number, dim: number): number {
  const n = rows.length;
  const sums = Array.from({ length: n }, () => new Float64Array(k));
  const sizes = new Array<number>(k).fill(0);
  for (const c of clusters) sizes[c]!++;
  const scattered = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    const a = rows[i]!;
    a.idx.forEach((t, j) => { scattered[t] = a.val[j]!; });
    for (let j = i + 1; j < n; j++) {
      const b = rows[j]!;
      let s = 0;
      for (let m = 0; m < b.idx.length; m++) s += scattered[b.idx[m]!]! * b.val[m]!;
      sums[i]![clusters[j]!]! += 1 - s;
      sums[j]![clusters[i]!]! += 1 - s;
    }
    for (const t of a.idx) scattered[t] = 0;
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const own = clusters[i]!;
    if (sizes[own]! <= 1) continue; // a singleton scores 0
    const a = sums[i]![own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c]) b = Math.min(b, sums[i]![c]! / sizes[c]!);
    if (Number.isFinite(b)) total += (b - a) / Math.max(a, b);
  }
  return total / n;
}

/** Groups comments into themes; see the top of this file for how. */
export function findThemes(comments: readonly ThemeInput[], options: ThemeOptions = {}): ThemeResult {
  const seed = options.seed ?? 42;
  const { vocabulary, vectors } = vectorise(comments.map((c) => tokens(c.content)), options.maxVocabulary ?? 400);
  const kept = comments.flatMap((c, i) => (vectors[i] ? [{ id: c.id, v: vectors[i] }] : []));
  const rows = kept.map((x) => x.v);
  const themes: Theme[] = [];
  const assignment: Record<string, string> = {};
  let chosenSilhouette: number | undefined;

  if (rows.length) {
    const step = Math.max(1, rows.length / SAMPLE);
    const sample = Array.from({ length: Math.min(rows.length, SAMPLE) }, (_, i) => rows[Math.floor(i * step)]!);
    let start: number[][] | undefined;
    if (options.k !== undefined) {
      start = cluster(sample, vocabulary.length, Math.max(1, Math.min(options.k, sample.length)), seed).centroids;
    } else if (rows.length >= 4) {
      const maxK = Math.max(2, Math.min(options.maxK ?? 12, Math.floor(Math.sqrt(rows.length / 2))));
      let best = -Infinity;
      for (let c = 2; c <= Math.min(maxK, sample.length - 1); c++) {
        const trial = cluster(sample, vocabulary.length, c, seed);
        const s = silhouette(sample, trial.clusters, c, vocabulary.length);
        if (s > best + 1e-9) { best = s; start = trial.centroids; }
      }
      chosenSilhouette = Math.round(best * 1000) / 1000;
    }
    const { clusters, centroids, distance } = cluster(rows, vocabulary.length, start?.length ?? 1, seed, start);
    const members = centroids.map(() => [] as number[]);
    clusters.forEach((c, r) => members[c]!.push(r));
    const found = centroids.flatMap((centroid, c) => {
      if (!members[c]!.length) return []; // an emptied cluster
      const words = centroid.map((w, i) => [w, i] as const).filter(([w]) => w > 0)
        .sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, options.words ?? 6).map(([, i]) => vocabulary[i]!);
      const near = members[c]!.map((r) => [distance(r, c), r] as const).sort((a, b) => a[0] - b[0] || (kept[a[1]]!.id < kept[b[1]]!.id ? -1 : 1));
      return [{ rows: members[c]!, words, representativeIds: near.slice(0, options.representatives ?? 3).map(([, r]) => kept[r]!.id) }];
    });
    found.sort((a, b) => b.rows.length - a.rows.length || (a.words[0] ?? '').localeCompare(b.words[0] ?? ''));
    found.forEach((f, i) => {
      const key = `t${i + 1}`;
      themes.push({ key, size: f.rows.length, words: f.words, representativeIds: f.representativeIds });
      for (const r of f.rows) assignment[kept[r]!.id] = key;
    });
  }
  const others = comments.filter((c) => !Object.hasOwn(assignment, c.id));
  if (others.length) {
    themes.push({ key: 'other', size: others.length, words: [], representativeIds: others.slice(0, options.representatives ?? 3).map((c) => c.id) });
    for (const c of others) assignment[c.id] = 'other';
  }
  return { themes, assignment, ...(chosenSilhouette !== undefined ? { silhouette: chosenSilhouette } : {}) };
}

/** findThemes with one argument, for a worker thread (core/workers: inWorker). */
export const findThemesTask = (arg: { comments: ThemeInput[]; options?: ThemeOptions }) => findThemes(arg.comments, arg.options);
