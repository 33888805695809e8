import v8 from 'node:v8';
import vm from 'node:vm';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, proposalIn, testApp, type TestApp } from './helpers.ts';

// A crowd on 127.0.0.1, bounded in time: mixed traffic at many connections gets every answer (no
// timeout, no connection error, nothing but 2xx and the public rate limit's deliberate 429s), and
// the server's memory comes back to its level. Speed is the benchmark's business (bench/stall.ts).
// A full collection on demand, to compare live memory rather than garbage.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

describe.each(engines)('under load (%s)', (engine) => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await testApp(engine, { RATE_LIMIT_PUBLIC_PER_MINUTE: 600 });
    const id = await proposalIn(t, 'closed', '关于完善社区养老服务设施的提案');
    const published = await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${id}/actions/publish`, headers: await t.as('staff'), payload: {} });
    expect(published.statusCode).toBe(200);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => { await t?.close(); });

  const crowd = async (seconds: number, cookie: Record<string, string>) => autocannon({
    url: base, connections: 100, duration: seconds, timeout: 10,
    requests: [
      { method: 'GET', path: '/api/health' },
      { method: 'GET', path: '/api/v1/members?page=1&pageSize=20', headers: cookie },
      { method: 'GET', path: '/api/v1/proposals?page=1&pageSize=20', headers: cookie },
      { method: 'GET', path: '/api/v1/proposals?published=true&page=1&pageSize=20' },
    ],
  });

  it('answers every request of 100 connections of mixed traffic, and its memory comes back', { timeout: 120_000 }, async () => {
    const cookie = await t.as('staff');
    await crowd(2, cookie); // warm: JIT, pools, caches
    gc();
    const before = process.memoryUsage().heapUsed;
    const r = await crowd(8, cookie);
    expect(r.timeouts).toBe(0);
    expect(r.errors).toBe(0);
    // Every answer a 2xx but the anonymous list's deliberate 429s (autocannon counts by hundreds).
    expect(r['1xx'] + r['3xx'] + r['5xx']).toBe(0);
    expect(r['2xx']).toBeGreaterThan(100);
    expect(r['4xx']).toBe(r.non2xx);
    // The same live heap after the crowd as before it (within 20 %).
    await new Promise((r) => setTimeout(r, 500));
    gc();
    expect(process.memoryUsage().heapUsed).toBeLessThan(before * 1.2);
  });
});
