import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryBus } from './live.ts';

describe('MemoryBus counters (rate limits on one instance)', () => {
  afterEach(() => { vi.useRealTimers(); });

  it('counts within a window and starts again after it, also while more than 10,000 keys are live and once they are swept', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-06T12:00:00Z'));
    const bus = new MemoryBus();
    // 25,000 addresses within one minute: each counted on its own.
    for (let i = 0; i < 25_000; i++) expect((await bus.count(`addr:${i}`, 60_000)).value).toBe(1);
    expect(await bus.count('addr:7', 60_000)).toEqual({ value: 2, ttlMs: 60_000 });
    vi.setSystemTime(new Date('2026-12-06T12:00:30Z'));
    expect(await bus.count('addr:7', 60_000)).toEqual({ value: 3, ttlMs: 30_000 });
    // A minute on, every window has ended: the next counts start again (the old keys swept on the way).
    vi.setSystemTime(new Date('2026-12-06T12:01:01Z'));
    for (let i = 0; i < 25_000; i++) expect((await bus.count(`next:${i}`, 60_000)).value).toBe(1);
    expect(await bus.count('addr:7', 60_000)).toEqual({ value: 1, ttlMs: 60_000 });
    expect(await bus.count('next:24999', 60_000)).toEqual({ value: 2, ttlMs: 60_000 });
  });
});
