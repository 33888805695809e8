// How well themes found match known labels (for tests and the benchmark on generated comments):
// purity and the adjusted Rand index (Hubert & Arabie 1985).

const pairs = (x: number) => (x * (x - 1)) / 2;

function counts<T>(xs: Iterable<T>): Map<T, number> {
  const m = new Map<T, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

/** Share of items whose found group's most common label is their own. */
export function purity(found: readonly string[], labels: readonly string[]): number {
  const byGroup = new Map<string, string[]>();
  found.forEach((g, i) => byGroup.set(g, [...(byGroup.get(g) ?? []), labels[i]!]));
  let right = 0;
  for (const ls of byGroup.values()) right += Math.max(...counts(ls).values());
  return found.length ? right / found.length : 1;
}

/** 1 for the same partition, about 0 for a random one. */
export function adjustedRandIndex(found: readonly string[], labels: readonly string[]): number {
  const n = found.length;
  const both = [...counts(found.map((g, i) => `${g}\u0000${labels[i]}`)).values()].reduce((s, c) => s + pairs(c), 0);
  const a = [...counts(found).values()].reduce((s, c) => s + pairs(c), 0);
  const b = [...counts(labels).values()].reduce((s, c) => s + pairs(c), 0);
  const expected = n > 1 ? (a * b) / pairs(n) : 0;
  const max = (a + b) / 2;
  return max === expected ? 1 : (both - expected) / (max - expected);
}
