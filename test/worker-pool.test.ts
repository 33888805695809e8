import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { inWorker } from '../src/server/core/workers/pool.ts';

// The worker threads of core/workers/pool.ts run below the event loop's priority (Linux: per thread).

describe('worker pool', () => {
  it.runIf(process.platform === 'linux')('runs its tasks on threads that give way to the event loop, which keeps its own priority', async () => {
    const before = os.getPriority();
    const task = new URL('./worker-task-priority.ts', import.meta.url).href;
    const priorities = await Promise.all(Array.from({ length: 4 }, () => inWorker<number>(task, 'threadPriority', null)));
    // (nice values: higher is lower priority; 10 unless the process already ran lower)
    for (const p of priorities) expect(p).toBeGreaterThanOrEqual(Math.max(before + 1, os.constants.priority.PRIORITY_BELOW_NORMAL));
    expect(os.getPriority()).toBe(before);
  });
});
