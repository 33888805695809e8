// Online comments (网络议政) under load, on the real app in a child process (bench/server.ts, the
// generated seed, embedded PostgreSQL), from this process over 127.0.0.1 only:
//   ingest   comments/s through POST /consultations/:id/comments (session auth, rate limits,
//            sensitive-word check, the command's transaction and audit, the live event), against a
//            bare Fastify POST route that parses the same JSON and answers 201, in the same run;
//            autocannon with BENCH_COMMENT_CONNECTIONS (100) for BENCH_COMMENT_SECONDS (5 s) after a
//            1 s warm-up, median of BENCH_COMMENT_ROUNDS (3) interleaved rounds; then every comment
//            acknowledged (201) is looked for among the visible ones (lost = acknowledged, not there).
//            The per-account and per-address limits are raised through the server's config
//            (BENCH_APP_CONFIG), as an operator would, not in code.
//   fan-out  BENCH_STREAMS (10,000) open SSE streams of one consultation on one server; a comment is
//            posted and its arrival timed on every stream (from just before the POST to the event's
//            bytes read here; this process reads all 10,000 sockets, so its own loop is in the figure),
//            BENCH_FANOUT_COMMENTS (5) comments one after another; memory per open stream from the
//            server's resident size before and after opening them.
// Themes (grouping 10,000 comments) are measured by bench/themes.ts. Alone: `npx tsx bench/comments.ts`;
// BENCH_COMMENTS_ENGINE=postgres runs the app on PostgreSQL (a throwaway database on BENCH_DATABASE_URL or
// TEST_DATABASE_URL) instead of the embedded server.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { median, sleep } from './http.ts';
import { freshDatabase } from './pg.ts';
import { serverCpu, startServer, stopServer, type Server } from './servers.ts';

const num = (name: string, dflt: number) => { const v = Number(process.env[name]); return Number.isFinite(v) && v > 0 ? v : dflt; };

export interface IngestRun { rps: number; p50: number; p99: number; requests: number; non2xx: number; errors: number }
export interface CommentBench {
  connections: number; seconds: number; rounds: number;
  app: IngestRun[]; bare: IngestRun[];
  /** Medians over the rounds. */
  appRps: number; bareRps: number; ratio: number; appP50: number; appP99: number; bareP99: number;
  acknowledged: number; found: number; lost: number; non2xx: number;
  serverCpuMsPerComment: number; spreadOver10: { rps: number; p50: number; p99: number; non2xx: number };
  fanout: { wanted: number; opened: number; openSeconds: number; comments: number; deliveries: number; missed: number; p50: number; p99: number; max: number; rssPerStreamKiB: number; rssBeforeMiB: number; rssAfterMiB: number; note?: string };
}

const q = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]! : NaN; };

/**
 * BENCH_COMMENTS_ENGINE=postgres: the app on an empty throwaway database of the PostgreSQL server at
 * BENCH_DATABASE_URL or TEST_DATABASE_URL instead of the embedded server (the default).
 */
const engine = process.env.BENCH_COMMENTS_ENGINE === 'postgres' ? 'postgres' : 'embedded';
const pgBase = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;

async function appServer(config: object): Promise<Server> {
  const env = { BENCH_SEED: 'generated', BENCH_APP_CONFIG: JSON.stringify(config) };
  if (engine === 'postgres') {
    if (!pgBase) throw new Error('BENCH_COMMENTS_ENGINE=postgres needs BENCH_DATABASE_URL or TEST_DATABASE_URL');
    const fresh = await freshDatabase(pgBase);
    return startServer(['app', 'postgres', fresh.url], fresh.drop, env).catch(async (e) => { await fresh.drop(); throw e; });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-comments-'));
  return startServer(['app', 'embedded', dir], async () => fs.rmSync(dir, { recursive: true, force: true }), env)
    .catch((e) => { fs.rmSync(dir, { recursive: true, force: true }); throw e; });
}

async function api(base: string, cookie: string, method: string, url: string, body?: object) {
  const res = await fetch(`${base}/api/v1${url}`, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** An online consultation with comments open (post-moderated), made through the API. */
async function openConsultation(base: string, cookie: string, title: string) {
  const c = await api(base, cookie, 'POST', '/consultations', { title, kind: 'online', year: 2031, summary: '压力测试' });
  await api(base, cookie, 'POST', `/consultations/${c.id}/actions/prepare`, {});
  await api(base, cookie, 'POST', `/consultations/${c.id}/actions/openComments`, { moderation: 'post' });
  return c.id as string;
}

/** autocannon POSTing distinct comments; collects the ids acknowledged with 201. */
async function cannon(url: string, seconds: number, connections: number, headers: Record<string, string>, acked?: Set<string>, tag = 'w'): Promise<IngestRun> {
  if (!/^http:\/\/127\.0\.0\.1:/.test(url)) throw new Error(`benchmark target must be on loopback, got ${url}`);
  let n = 0;
  const r = await autocannon({
    url, duration: seconds, connections, pipelining: 1, timeout: 10, method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    requests: [{
      setupRequest: (req: object) => ({ ...req, body: JSON.stringify({ content: `压测意见 ${tag}-${++n}：建议加密高峰时段的公交班次，优化线路走向。` }) }),
      onResponse: (status: number, body: string) => { if (acked && status === 201) acked.add((JSON.parse(body) as { id: string }).id); },
    }],
  } as autocannon.Options);
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors };
}

/** Every visible comment's id, page by page. */
async function visibleIds(base: string, id: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let page = 1; ; page++) {
    const res = await fetch(`${base}/api/v1/consultations/${id}/comments?page=${page}&pageSize=200`);
    const body = (await res.json()) as { total: number; items: { id: string }[] };
    for (const c of body.items) ids.add(c.id);
    if (!body.items.length || ids.size >= body.total) return ids;
  }
}

export async function ingestBench(log: (m: string) => void, opts = { connections: num('BENCH_COMMENT_CONNECTIONS', 100), seconds: num('BENCH_COMMENT_SECONDS', 5), rounds: num('BENCH_COMMENT_ROUNDS', 3) }) {
  const app = await appServer({ COMMENTS_PER_MINUTE_ACCOUNT: 1_000_000, COMMENTS_PER_MINUTE_ADDRESS: 1_000_000 });
  const bare = await startServer(['bare']);
  try {
    const base = `http://127.0.0.1:${app.ready.port}`;
    const cookie = app.ready.cookie!;
    const id = await openConsultation(base, cookie, '压测网络议政（写入）');
    const url = `${base}/api/v1/consultations/${id}/comments`;
    const bareUrl = `http://127.0.0.1:${bare.ready.port}/comment`;
    const acked = new Set<string>();
    log(`comment ingest: warm-up, then ${opts.rounds} rounds of ${opts.seconds} s at ${opts.connections} connections …`);
    await cannon(url, 1, opts.connections, { cookie }, acked, 'warm');
    await cannon(bareUrl, 1, opts.connections, {});
    const appRuns: IngestRun[] = [], bareRuns: IngestRun[] = [];
    const cpu0 = await serverCpu(app);
    for (let r = 0; r < opts.rounds; r++) {
      bareRuns.push(await cannon(bareUrl, opts.seconds, opts.connections, {}));
      appRuns.push(await cannon(url, opts.seconds, opts.connections, { cookie }, acked, `r${r}`));
    }
    const cpu1 = await serverCpu(app);
    await sleep(500);
    const found = await visibleIds(base, id);
    const lost = [...acked].filter((x) => !found.has(x)).length;
    // Diagnosis: the same load spread over 10 consultations (comments of one consultation take their
    // numbers one at a time; of different ones, not), one round.
    const others = await Promise.all(Array.from({ length: 10 }, (_, i) => openConsultation(base, cookie, `压测网络议政（分散 ${i}）`)));
    let turn = 0;
    const spread = await autocannon({
      url: `${base}/api/v1/consultations/${others[0]}/comments`, duration: opts.seconds, connections: opts.connections, pipelining: 1, timeout: 10,
      headers: { cookie, 'content-type': 'application/json' },
      requests: [{ setupRequest: (req: object) => { turn++; return { ...req, method: 'POST', path: `/api/v1/consultations/${others[turn % 10]}/comments`, body: JSON.stringify({ content: `分散压测意见 ${turn}` }) }; } }],
    } as autocannon.Options);
    const appRps = median(appRuns.map((x) => x.rps)), bareRps = median(bareRuns.map((x) => x.rps));
    return {
      connections: opts.connections, seconds: opts.seconds, rounds: opts.rounds, app: appRuns, bare: bareRuns,
      appRps, bareRps, ratio: Math.round((appRps / bareRps) * 1000) / 1000,
      appP50: median(appRuns.map((x) => x.p50)), appP99: median(appRuns.map((x) => x.p99)), bareP99: median(bareRuns.map((x) => x.p99)),
      acknowledged: acked.size, found: found.size, lost, non2xx: appRuns.reduce((s, x) => s + x.non2xx + x.errors, 0),
      /** The server process's CPU (its Node thread and workers, not PostgreSQL's processes) per request of the rounds, bare's load excluded. */
      serverCpuMsPerComment: Math.round((cpu1.cpuUs - cpu0.cpuUs) / Math.max(1, cpu1.handled - cpu0.handled)) / 1000,
      spreadOver10: { rps: Math.round(spread.requests.average), p50: spread.latency.p50, p99: spread.latency.p99, non2xx: spread.non2xx },
    };
  } finally {
    await stopServer(bare);
    await stopServer(app);
  }
}

interface Stream { req: http.ClientRequest; arrivals: Map<string, number> }

/** Opens one SSE stream; resolves once its headers are in. Records when each `comment` event (by its content's tag) arrives. */
function openStream(url: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const arrivals = new Map<string, number>();
    let buf = '';
    const req = http.get(url, { agent: false, headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) { res.resume(); reject(new Error(`stream ${res.statusCode}`)); return; }
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let at: number;
        while ((at = buf.indexOf('\n\n')) >= 0) {
          const event = buf.slice(0, at);
          buf = buf.slice(at + 2);
          if (event.includes('event: comment')) {
            const tag = /扇出-(\d+)/.exec(event)?.[1];
            if (tag) arrivals.set(tag, performance.now());
          }
        }
      });
      res.on('error', () => undefined);
      resolve({ req, arrivals });
    });
    req.on('error', reject);
    req.setTimeout(120_000, () => req.destroy());
  });
}

export async function fanoutBench(log: (m: string) => void, wanted = num('BENCH_STREAMS', 10_000), comments = num('BENCH_FANOUT_COMMENTS', 5)) {
  const app = await appServer({});
  const streams: Stream[] = [];
  let note: string | undefined;
  try {
    const base = `http://127.0.0.1:${app.ready.port}`;
    const cookie = app.ready.cookie!;
    const id = await openConsultation(base, cookie, '压测网络议政（扇出）');
    const url = `${base}/api/v1/consultations/${id}/comments/stream`;
    await sleep(1000);
    const before = (await serverCpu(app)).rss;
    log(`fan-out: opening ${wanted} SSE streams …`);
    const t0 = performance.now();
    const BATCH = 250;
    try {
      for (let i = 0; i < wanted; i += BATCH) {
        const opened = await Promise.allSettled(Array.from({ length: Math.min(BATCH, wanted - i) }, () => openStream(url)));
        for (const o of opened) if (o.status === 'fulfilled') streams.push(o.value);
        const failed = opened.find((o) => o.status === 'rejected');
        if (failed) { note = `stopped at ${streams.length} streams: ${(failed as PromiseRejectedResult).reason}`; break; }
      }
    } catch (err) { note = `stopped at ${streams.length} streams: ${String(err)}`; }
    const openSeconds = Math.round((performance.now() - t0) / 100) / 10;
    await sleep(2000); // the viewer counts settle
    const after = (await serverCpu(app)).rss;
    log(`fan-out: ${streams.length} open (${openSeconds} s); posting ${comments} comments …`);
    const latencies: number[] = [];
    let missed = 0;
    for (let c = 0; c < comments; c++) {
      const tag = String(c);
      const sent = performance.now();
      await api(base, cookie, 'POST', `/consultations/${id}/comments`, { content: `扇出-${c} 建议增设社区公交站点。` });
      // Wait (at most 30 s) for every stream to have it.
      for (let waited = 0; waited < 30_000 && streams.some((s) => !s.arrivals.has(tag)); waited += 20) await sleep(20);
      for (const s of streams) {
        const at = s.arrivals.get(tag);
        if (at === undefined) missed++; else latencies.push(at - sent);
      }
      await sleep(300);
    }
    const round1 = (x: number) => Math.round(x * 10) / 10;
    return {
      wanted, opened: streams.length, openSeconds, comments, deliveries: latencies.length, missed,
      p50: round1(q(latencies, 0.5)), p99: round1(q(latencies, 0.99)), max: round1(Math.max(...latencies)),
      rssPerStreamKiB: streams.length ? Math.round((after - before) / streams.length / 102.4) / 10 : 0,
      rssBeforeMiB: Math.round(before / 2 ** 20), rssAfterMiB: Math.round(after / 2 ** 20), ...(note ? { note } : {}),
    };
  } finally {
    for (const s of streams) s.req.destroy();
    await stopServer(app);
  }
}

export async function commentBench(log: (m: string) => void): Promise<CommentBench> {
  const ingest = await ingestBench(log);
  const fanout = await fanoutBench(log);
  return { ...ingest, fanout };
}

export function commentLines(b: CommentBench): string[] {
  const f = b.fanout;
  return [
    `comment ingest, ${b.connections} connections, median of ${b.rounds} × ${b.seconds} s: ${b.appRps} comments/s (p50 ${b.appP50} ms, p99 ${b.appP99} ms) `
      + `vs bare Fastify POST ${b.bareRps}/s (p99 ${b.bareP99} ms): ratio ${b.ratio}; ${b.acknowledged} acknowledged, ${b.lost} lost, ${b.non2xx} not 2xx; `
      + `server CPU ${b.serverCpuMsPerComment} ms a comment; spread over 10 consultations ${b.spreadOver10.rps}/s (p99 ${b.spreadOver10.p99} ms)`,
    `comment fan-out: ${f.opened}/${f.wanted} SSE streams open (in ${f.openSeconds} s), ${f.comments} comments → ${f.deliveries} deliveries (${f.missed} missed): `
      + `p50 ${f.p50} ms, p99 ${f.p99} ms, max ${f.max} ms; server RSS ${f.rssBeforeMiB} → ${f.rssAfterMiB} MiB, ${f.rssPerStreamKiB} KiB per stream${f.note ? ` (${f.note})` : ''}`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
  const startedAt = new Date();
  const load = os.loadavg()[0]!;
  const only = process.env.BENCH_COMMENTS_ONLY;
  const ingest = only === 'fanout' ? undefined : await ingestBench(log);
  const fanout = only === 'ingest' ? undefined : await fanoutBench(log);
  const out = { date: startedAt.toISOString(), engine, machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim(), memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAvg1m: { start: +load.toFixed(2), end: +os.loadavg()[0]!.toFixed(2) } }, ingest, fanout };
  console.log(JSON.stringify(out, null, 2));
  if (ingest && fanout) console.log(commentLines({ ...ingest, fanout }).join('\n'));
}
