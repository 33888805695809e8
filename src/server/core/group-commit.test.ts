import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';

// A `run` whose batches finish when the test says so, recording what each batch held.
function gate() {
  const batches: { items: string[]; finish: () => void }[] = [];
  const run = (items: string[]) => new Promise<(string | Error)[]>((resolve) => {
    batches.push({ items, finish: () => resolve(items.map((x) => (x === 'bad' ? new Error('refused') : x.toUpperCase()))) });
  });
  return { batches, run };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('GroupCommit', () => {
  it('gathers what arrives in one turn of the event loop, then what arrives while a batch runs, each caller answered with its own result or error', async () => {
    const g = gate();
    const gc = new GroupCommit({ run: g.run, concurrency: 1 });
    const first = ['a', 'b'].map((x) => gc.submit(x));
    expect(g.batches).toEqual([]);
    await tick();
    expect(g.batches.map((b) => b.items)).toEqual([['a', 'b']]);
    const rest = ['c', 'bad', 'd'].map((x) => gc.submit(x).catch((e: Error) => e.message));
    await tick();
    expect(g.batches.map((b) => b.items)).toEqual([['a', 'b']]);
    g.batches[0]!.finish();
    expect(await Promise.all(first)).toEqual(['A', 'B']);
    await tick();
    expect(g.batches.map((b) => b.items)).toEqual([['a', 'b'], ['c', 'bad', 'd']]);
    g.batches[1]!.finish();
    expect(await Promise.all(rest)).toEqual(['C', 'refused', 'D']);
  });

  it('tries each item of a batch that failed as a whole alone, so the failure stays with its own', async () => {
    const gc = new GroupCommit({
      concurrency: 1,
      run: async (items: string[]) => { if (items.includes('boom')) throw new Error('boom'); return items.map((x) => x.toUpperCase()); },
    });
    gc.submit('x').catch(() => undefined);
    const out = await Promise.all(['p', 'boom', 'q'].map((x) => gc.submit(x).catch((e: Error) => e.message)));
    expect(out).toEqual(['P', 'boom', 'Q']);
  });
});
