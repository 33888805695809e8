// Nothing may stall the server (issue: "A server that holds"). On the embedded engine with the demo
// committee plus BENCH_STALL_CORPUS (100,000) generated proposals:
//  1. GET /api/health, one request at a time, while heavy requests run beside it over and over:
//     a 10 MB attachment upload, a roster .xlsx zip bomb, a search over every proposal and the
//     statistics export; health's p50/p99/max against its latency on the idle server.
//  2. BENCH_MIXED_SECONDS (60) at BENCH_MIXED_CONNECTIONS (200) of mixed traffic (health, the member
//     list, the public proposal list): timeouts, errors, the server's RSS at start and end.
//  3. The public list alone, as a rate next to bare Fastify's in the same run.
// Run alone: `npx tsx bench/stall.ts` (BENCH_STALL_EACH=1: health beside each heavy kind alone too).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';
import { DEMO_PASSWORD } from '../src/server/seed/demo.ts';
import { measure, median } from './http.ts';
import { rosterBomb, tenMegabytePdf } from './hostile-files.ts';
import { serverCpu, startServer, stopServer, type Server } from './servers.ts';

const num = (name: string, dflt: number) => { const v = Number(process.env[name]); return Number.isFinite(v) && v > 0 ? v : dflt; };
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN; };
const r1 = (x: number) => Math.round(x * 10) / 10;
// The web app's request header: state changes without it are refused (CSRF guard).
const XHR = { 'x-requested-with': 'XMLHttpRequest' };

export interface StallResult {
  corpus: number;
  idleHealth: { p50: number; p99: number };
  busyHealth: { p50: number; p99: number; max: number; samples: number };
  heavy: Record<string, { runs: number; statuses: number[]; medianMs: number }>;
  /** Health beside each heavy kind alone (BENCH_STALL_EACH). */
  alone: Record<string, { p50: number; p99: number; max: number; samples: number }>;
  mixed: { seconds: number; connections: number; requests: number; rps: number; p99: number; timeouts: number; errors: number; non2xx: number; rssStartMiB: number; rssEndMiB: number };
  publicList: { rps: number; p99: number; bareRps: number };
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

// Health is asked from a thread of its own (as a load balancer's probe is its own process): the bench's
// main thread is busy sending 10 MB uploads and reading exports, and its delays are not the server's.
const probe = `const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const out = [], end = performance.now() + workerData.ms;
  while (performance.now() < end) {
    const t0 = performance.now();
    const res = await fetch(workerData.url);
    await res.arrayBuffer();
    out.push(performance.now() - t0);
  }
  parentPort.postMessage(out);
})();`;

/** GET /api/health one request at a time for `ms`: each one's latency. */
function healthLatencies(base: string, ms: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(probe, { eval: true, workerData: { url: `${base}/api/health`, ms } });
    worker.once('message', (out: number[]) => { resolve(out); void worker.terminate(); });
    worker.once('error', reject);
  });
}

/** Runs `fn` again and again until `stop()`, recording each run's status and duration. */
async function repeat(name: string, fn: () => Promise<Response>, stop: () => boolean, into: StallResult['heavy']) {
  const times: number[] = [], statuses: number[] = [];
  while (!stop()) {
    const t0 = performance.now();
    const res = await fn();
    await res.arrayBuffer();
    times.push(performance.now() - t0);
    if (!statuses.includes(res.status)) statuses.push(res.status);
  }
  into[name] = { runs: times.length, statuses, medianMs: Math.round(median(times)) };
}

export async function stallBench(log: (m: string) => void): Promise<StallResult> {
  const corpus = num('BENCH_STALL_CORPUS', 100_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-stall-'));
  log(`stall: starting the app on the embedded engine with the demo and ${corpus} generated proposals (a few minutes) …`);
  process.env.BENCH_CORPUS = String(corpus);
  let app: Server, bare: Server;
  try { [app, bare] = await Promise.all([startServer(['app', 'embedded', dir]), startServer(['bare'])]); } finally { delete process.env.BENCH_CORPUS; }
  try {
    const base = `http://127.0.0.1:${app.ready.port}`;
    const unit = await login(base, 'unit'), staff = app.ready.cookie!; // (the bench server logs in its staff user)
    const mine = (await (await fetch(`${base}/api/v1/proposals?pageSize=100&state=handling`, { headers: { cookie: unit } })).json()) as { items: { id: string; myAssignment: { role: string; state: string } | null }[] };
    const target = mine.items.find((p) => p.myAssignment?.role === 'lead' && p.myAssignment.state === 'signed');
    if (!target) throw new Error('the demo unit has no proposal in handling to attach a file to');
    const pdf = tenMegabytePdf(), bomb = rosterBomb();
    const upload = () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), '办理材料.pdf');
      return fetch(`${base}/api/v1/proposals/${target.id}/attachments`, { method: 'POST', headers: { cookie: unit, ...XHR }, body: form });
    };
    const importBomb = () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bomb)]), '名册.xlsx');
      return fetch(`${base}/api/v1/members/import?commit=false`, { method: 'POST', headers: { cookie: staff, ...XHR }, body: form });
    };
    const search = () => fetch(`${base}/api/v1/proposals/search?q=${encodeURIComponent('建议加强')}&pageSize=20`, { headers: { cookie: staff } });
    const statsExport = () => fetch(`${base}/api/v1/proposals/stats.xlsx?by=unit`, { headers: { cookie: staff } });

    log('stall: health on the idle server …');
    const idle = await healthLatencies(base, 3000);
    const seconds = num('BENCH_STALL_SECONDS', 20);
    log(`stall: health for ${seconds} s beside uploads, roster bombs, searches and exports …`);
    const end = performance.now() + seconds * 1000;
    const stop = () => performance.now() > end;
    const heavy: StallResult['heavy'] = {};
    // BENCH_STALL_ONLY=upload|bomb|search|export runs one kind alone (to find what stalls).
    const only = process.env.BENCH_STALL_ONLY;
    const kinds = { upload: ['upload 10 MB', upload], bomb: ['roster zip bomb', importBomb], search: [`search over ${corpus + 600} proposals`, search], export: ['statistics export', statsExport] } as const;
    const [busy] = await Promise.all([
      healthLatencies(base, seconds * 1000),
      ...Object.entries(kinds).filter(([k]) => !only || k === only).map(([, [name, fn]]) => repeat(name, fn, stop, heavy)),
    ]);
    // BENCH_STALL_EACH=1: then health beside each kind alone, as long again, in the same server (to find what stalls).
    const alone: StallResult['alone'] = {};
    if (process.env.BENCH_STALL_EACH) {
      for (const [kind, [, fn]] of Object.entries(kinds)) {
        log(`stall: health for ${seconds} s beside ${kind} alone …`);
        const until = performance.now() + seconds * 1000;
        const [lat] = await Promise.all([healthLatencies(base, seconds * 1000), repeat(kind, fn, () => performance.now() > until, {})]);
        alone[kind] = { p50: r1(pct(lat, 0.5)), p99: r1(pct(lat, 0.99)), max: r1(Math.max(...lat)), samples: lat.length };
      }
    }

    const mixedSeconds = num('BENCH_MIXED_SECONDS', 60), connections = num('BENCH_MIXED_CONNECTIONS', 200);
    log(`stall: ${mixedSeconds} s of mixed traffic at ${connections} connections …`);
    const rssStart = (await serverCpu(app)).rss;
    const mixed = await autocannon({
      url: base, connections, duration: mixedSeconds, timeout: 10,
      requests: [
        { method: 'GET', path: '/api/health' },
        { method: 'GET', path: '/api/v1/members?page=1&pageSize=20', headers: { cookie: staff } },
        { method: 'GET', path: '/api/v1/proposals?published=true&page=1&pageSize=20' },
      ],
    });
    await new Promise((r) => setTimeout(r, 2000));
    const rssEnd = (await serverCpu(app)).rss;

    log('stall: the public list alone, and bare Fastify …');
    const load = { duration: 5, warmup: 1, connections: 20 };
    const pub = await measure(`${base}/api/v1/proposals?published=true&page=1&pageSize=20`, load);
    const bareM = await measure(`http://127.0.0.1:${bare.ready.port}/`, load);
    return {
      corpus,
      idleHealth: { p50: r1(pct(idle, 0.5)), p99: r1(pct(idle, 0.99)) },
      busyHealth: { p50: r1(pct(busy, 0.5)), p99: r1(pct(busy, 0.99)), max: r1(Math.max(...busy)), samples: busy.length },
      heavy, alone,
      mixed: {
        seconds: mixedSeconds, connections, requests: mixed.requests.total, rps: Math.round(mixed.requests.average), p99: mixed.latency.p99,
        timeouts: mixed.timeouts, errors: mixed.errors, non2xx: mixed.non2xx, rssStartMiB: Math.round(rssStart / 2 ** 20), rssEndMiB: Math.round(rssEnd / 2 ** 20),
      },
      publicList: { rps: pub.rps, p99: pub.p99, bareRps: bareM.rps },
    };
  } finally {
    await stopServer(bare);
    await stopServer(app);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function stallTable(r: StallResult): string[] {
  return [
    `nothing stalls (embedded engine, demo + ${r.corpus} generated proposals):`,
    `  GET /api/health idle p50 ${r.idleHealth.p50} / p99 ${r.idleHealth.p99} ms; beside the heavy requests p50 ${r.busyHealth.p50} / p99 ${r.busyHealth.p99} / max ${r.busyHealth.max} ms (${r.busyHealth.samples} samples)`,
    ...Object.entries(r.heavy).map(([k, v]) => `    ${k}: ${v.runs} runs, median ${v.medianMs} ms, answered ${v.statuses.join('/')}`),
    ...Object.entries(r.alone).map(([k, v]) => `  health beside ${k} alone: p50 ${v.p50} / p99 ${v.p99} / max ${v.max} ms (${v.samples} samples)`),
    `  mixed traffic ${r.mixed.seconds} s at ${r.mixed.connections} connections: ${r.mixed.requests} requests (${r.mixed.rps}/s), p99 ${r.mixed.p99} ms, ` +
      `${r.mixed.timeouts} timeouts, ${r.mixed.errors} errors, ${r.mixed.non2xx} non-2xx; RSS ${r.mixed.rssStartMiB} → ${r.mixed.rssEndMiB} MiB`,
    `  the public proposal list alone: ${r.publicList.rps} req/s (p99 ${r.publicList.p99} ms); bare Fastify ${r.publicList.bareRps} req/s`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await stallBench((m) => process.stderr.write(`[bench] ${m}\n`));
  console.log(stallTable(r).join('\n'));
  process.exit(0);
}
