// A tiny seeded PRNG (mulberry32) and the helpers the demo seed needs. Same seed, same sequence.

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks one item; weights need not sum to 1. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** n distinct items (or all of them if fewer), in random order. */
  sample<T>(items: readonly T[], n: number): T[];
  /** A string of n decimal digits. */
  digits(n: number): string;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(0, i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => {
      if (!items.length) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    weighted: (items, weights) => {
      const total = weights.reduce((s, w) => s + w, 0);
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        r -= weights[i]!;
        if (r < 0) return items[i]!;
      }
      return items[items.length - 1]!;
    },
    shuffle,
    sample: (items, n) => shuffle(items).slice(0, n),
    digits: (n) => Array.from({ length: n }, () => String(int(0, 9))).join(''),
  };
}

/**
 * The demo's year so far: today (in China), its year, 1 January as a UTC timestamp, the days since
 * then (today included) and a random day among them (from the `from`th on, YYYY-MM-DD).
 */
export function yearSoFar(rng: Random, todayStr: string) {
  const DAY = 86_400_000;
  const year = Number(todayStr.slice(0, 4));
  const yearStart = Date.UTC(year, 0, 1);
  const days = Math.max(1, Math.floor((Date.parse(todayStr) - yearStart) / DAY) + 1);
  const dayOf = (from = 0) => new Date(yearStart + rng.int(Math.min(from, days - 1), days - 1) * DAY).toISOString().slice(0, 10);
  return { year, yearStart, days, dayOf };
}
