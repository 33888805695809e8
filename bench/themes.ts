// Themes of online comments (src/server/modules/consultations/themes.ts) on generated labelled
// comments: time to group 300, 1,000 and 10,000 comments (segmenting included; median of runs),
// against two baselines measured in the same run on the same comments: the grouping with k given
// (what choosing k by silhouette costs) and segmenting alone; and purity and adjusted Rand index
// against the labels. Run alone: `tsx bench/themes.ts` (BENCH_THEME_RUNS, 3).
import { tokens } from '../src/server/core/text/segment.ts';
import { adjustedRandIndex, purity } from '../src/server/modules/consultations/theme-quality.ts';
import { findThemes } from '../src/server/modules/consultations/themes.ts';
import { generateComments } from '../src/server/seed/online-comments.ts';
import { median } from './http.ts';

export interface ThemeBenchRow {
  comments: number;
  /** Whole findThemes (segmenting, choosing k by silhouette, the final k-means), median ms. */
  themesMs: number; runsMs: number[];
  /** The same with k given (the labels' number of themes): no silhouette search, median ms. */
  fixedKMs: number;
  /** Segmenting the same comments alone, median ms. */
  segmentMs: number;
  ratioToFixedK: number; ratioToSegmenting: number;
  themes: number; silhouette: number | undefined; purity: number; ari: number;
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

export function themeBench(sizes: readonly number[] = [300, 1_000, 10_000], runs = 3): ThemeBenchRow[] {
  tokens('预热'); // loads the dictionaries outside the timings
  return sizes.map((n) => {
    const comments = generateComments(n, 2026).map((c, i) => ({ id: `c${i}`, ...c }));
    const k = new Set(comments.map((c) => c.theme)).size;
    const seg: number[] = [], fixed: number[] = [], all: number[] = [];
    let result = findThemes(comments);
    for (let r = 0; r < runs; r++) {
      let t0 = performance.now();
      for (const c of comments) tokens(c.content);
      seg.push(performance.now() - t0);
      t0 = performance.now();
      findThemes(comments, { k });
      fixed.push(performance.now() - t0);
      t0 = performance.now();
      result = findThemes(comments);
      all.push(performance.now() - t0);
    }
    const found = comments.map((c) => result.assignment[c.id]!), labels = comments.map((c) => c.theme);
    const themesMs = Math.round(median(all)), fixedKMs = Math.round(median(fixed)), segmentMs = Math.round(median(seg));
    return {
      comments: n, themesMs, runsMs: all.map(Math.round), fixedKMs, segmentMs,
      ratioToFixedK: round(themesMs / Math.max(1, fixedKMs), 1), ratioToSegmenting: round(themesMs / Math.max(1, segmentMs), 1),
      themes: result.themes.length, silhouette: result.silhouette, purity: round(purity(found, labels)), ari: round(adjustedRandIndex(found, labels)),
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(themeBench(undefined, Number(process.env.BENCH_THEME_RUNS) || 3));
