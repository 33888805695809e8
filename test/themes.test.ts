// Themes of online comments (k-means over TF-IDF of segmented Chinese) against the generator's
// labels, and the consensus ranking across groups.
import { describe, expect, it } from 'vitest';
import { rankByConsensus, type GroupVote } from '../src/server/modules/consultations/consensus.ts';
import { adjustedRandIndex, purity } from '../src/server/modules/consultations/theme-quality.ts';
import { findThemes } from '../src/server/modules/consultations/themes.ts';
import { COMMENT_THEMES, generateComments } from '../src/server/seed/online-comments.ts';

const labelled = (n: number, seed: number) => generateComments(n, seed).map((c, i) => ({ id: `c${i}`, ...c }));

describe('online comment generator', () => {
  it('is deterministic, labelled with at least 6 themes, and varied', () => {
    const a = generateComments(400, 3);
    expect(generateComments(400, 3)).toEqual(a);
    expect(generateComments(400, 4)).not.toEqual(a);
    const themes = new Set(a.map((c) => c.theme));
    expect(themes.size).toBeGreaterThanOrEqual(6);
    expect([...themes].every((t) => COMMENT_THEMES.some((x) => x.label === t))).toBe(true);
    expect(new Set(a.map((c) => c.content)).size).toBeGreaterThan(380); // hardly any comment twice
    for (const c of a) expect(c.content).toMatch(/^[\p{Script=Han}，。；：！、“”0-9]+$/u);
  });
});

describe('findThemes', () => {
  for (const [n, seed] of [[350, 11], [700, 12]] as const) {
    it(`finds the ${COMMENT_THEMES.length} labelled themes of ${n} comments (purity ≥ 0.9, ARI ≥ 0.8), named by their words`, () => {
      const comments = labelled(n, seed);
      const result = findThemes(comments);
      const found = comments.map((c) => result.assignment[c.id]!);
      const labels = comments.map((c) => c.theme);
      expect(found.every((k) => result.themes.some((t) => t.key === k))).toBe(true);
      expect(purity(found, labels)).toBeGreaterThanOrEqual(0.9);
      expect(adjustedRandIndex(found, labels)).toBeGreaterThanOrEqual(0.8);
      expect(result.themes.length).toBeGreaterThanOrEqual(6);
      expect(result.themes.length).toBeLessThanOrEqual(10);
      expect(result.themes.reduce((s, t) => s + t.size, 0)).toBe(n);
      for (const theme of result.themes) {
        // Its words include a word of the label most of its comments carry; its representatives are its own.
        const mine = comments.filter((c) => result.assignment[c.id] === theme.key);
        const major = COMMENT_THEMES.find((t) => mine.filter((c) => c.theme === t.label).length * 2 > mine.length)!;
        expect(theme.words.some((w) => major.words.includes(w)), `${theme.words.join(' ')} for ${major.label}`).toBe(true);
        expect(theme.representativeIds.length).toBe(3);
        for (const id of theme.representativeIds) expect(result.assignment[id]).toBe(theme.key);
      }
      expect(result.themes.map((t) => t.size)).toEqual([...result.themes.map((t) => t.size)].sort((a, b) => b - a));
    });
  }

  it('is deterministic, takes a given k, and puts comments without content words in `other`', () => {
    const comments = [...labelled(120, 5), { id: 'x1', content: '。。！' }, { id: 'x2', content: '好' }];
    const a = findThemes(comments, { k: 4 });
    expect(findThemes(comments, { k: 4 })).toEqual(a);
    expect(a.themes.filter((t) => t.key !== 'other')).toHaveLength(4);
    expect(a.silhouette).toBeUndefined();
    expect(a.assignment.x1).toBe('other');
    expect(a.themes.find((t) => t.key === 'other')).toMatchObject({ size: 2, words: [] });
  });

  it('answers for no comments, for too few to compare, and for comments all alike', () => {
    expect(findThemes([])).toEqual({ themes: [], assignment: {} });
    const two = findThemes([{ id: 'a', content: '公交班次太少' }, { id: 'b', content: '公交班次不准时' }]);
    expect(two.themes).toHaveLength(1);
    expect(two.themes[0]).toMatchObject({ key: 't1', size: 2, representativeIds: ['a', 'b'] });
    expect(two.themes[0]!.words).toContain('公交');
    // Every comment the same: one theme, named by its words.
    const same = findThemes(Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, content: '公交班次太少，建议加密公交班次' })));
    expect(same.themes).toHaveLength(1);
    expect(same.themes[0]).toMatchObject({ key: 't1', size: 12 });
    expect(same.themes[0]!.words).toContain('公交');
  });
});

describe('rankByConsensus', () => {
  const votes = (group: string, n: number, value: GroupVote['value'] = 'agree') => Array.from({ length: n }, () => ({ group, value }));

  it('puts a comment supported by three groups above one with more supports from one group', () => {
    const ranked = rankByConsensus([
      { id: 'one-group', votes: votes('经济界', 12) },
      { id: 'three-groups', votes: [...votes('经济界', 1), ...votes('教育界', 1), ...votes('public', 1)] },
      { id: 'none', votes: [] },
    ]);
    expect(ranked.map((r) => r.id)).toEqual(['three-groups', 'one-group', 'none']);
    expect(ranked[0]).toMatchObject({ agrees: 3, supportingGroups: 3 });
    expect(ranked[1]).toMatchObject({ agrees: 12, supportingGroups: 1 });
    expect(ranked[1]!.groups.经济界).toMatchObject({ agree: 12, rate: 13 / 14 });
    // Bounded: no number of supports from one group catches up.
    expect(rankByConsensus([
      { id: 'one-group', votes: votes('经济界', 1000) },
      { id: 'three-groups', votes: [...votes('经济界', 1), ...votes('教育界', 1), ...votes('public', 1)] },
    ])[0]!.id).toBe('three-groups');
  });

  it('counts disagreement against a comment, passes for nothing, and groups given without votes', () => {
    const ranked = rankByConsensus([
      { id: 'split', votes: [...votes('经济界', 5), ...votes('public', 5, 'disagree')] },
      { id: 'mild', votes: [...votes('经济界', 2), ...votes('public', 2), ...votes('public', 3, 'pass')] },
    ], ['经济界', '教育界', 'public']);
    expect(ranked.map((r) => r.id)).toEqual(['mild', 'split']);
    expect(Object.keys(ranked[0]!.groups).sort()).toEqual(['public', '教育界', '经济界'].sort());
    expect(ranked[0]!.groups.public).toMatchObject({ agree: 2, pass: 3, rate: 3 / 4 });
    expect(ranked[0]!.score).toBeCloseTo(Math.cbrt((3 / 4) * (3 / 4) * (1 / 2)), 10);
  });
});
