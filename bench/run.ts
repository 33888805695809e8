// tongxin benchmark: `npm run bench`. See docs/benchmarks.md.
//
// Prints a table and writes bench/results/latest.json. Every throughput figure is the median of
// BENCH_ROUNDS interleaved rounds and is also given as a ratio to bare Fastify measured in the same
// run; there are no pass/fail thresholds (the machine is small and noisy).
//
// Environment (all optional): BENCH_DATABASE_URL or TEST_DATABASE_URL (also measure PostgreSQL),
// BENCH_ROUNDS (3), BENCH_DURATION (5 s), BENCH_WARMUP (1 s), BENCH_CONNECTIONS (20), BENCH_STARTS (3),
// BENCH_SEED=generated (fixture + generated members instead of the demo seed); bench/comments.ts has its own
// (BENCH_COMMENT_CONNECTIONS, BENCH_COMMENT_SECONDS, BENCH_COMMENT_ROUNDS, BENCH_STREAMS, BENCH_FANOUT_COMMENTS).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, median, type LoadOptions, type Measurement } from './http.ts';
import { freshDatabase } from './pg.ts';
import { serverCpu, startServer, stopServer, type Server } from './servers.ts';
import { moduleLoad, starts as startRuns } from './startup.ts';
import { version } from '../src/server/version.ts';
import { workflowBench } from './workflow.ts';
import { similarBench } from './similar.ts';
import { searchBench } from './search.ts';
import { searchAllBench } from './search-all.ts';
import { searchMixedBench } from './search-mixed.ts';
import { suggestBench } from './suggest.ts';
import { themeBench } from './themes.ts';
import { engineBench, engineTable } from './engines.ts';
import { webBench } from './web.ts';
import { recordsBench, recordsLines } from './records.ts';
import { liaisonBench, liaisonLines } from './liaison.ts';
import { commentBench, commentLines } from './comments.ts';
import { reportBench, reportLines } from './report.ts';
import { provinceBench, provinceLines } from './province.ts';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(benchDir, '..');
const num = (name: string, dflt: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : dflt;
};
const rounds = num('BENCH_ROUNDS', 3);
const starts = num('BENCH_STARTS', 3);
const load: LoadOptions = { duration: num('BENCH_DURATION', 5), warmup: num('BENCH_WARMUP', 1), connections: num('BENCH_CONNECTIONS', 20) };
const pgBase = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

async function appServer(engine: 'embedded' | 'postgres'): Promise<Server> {
  if (engine === 'embedded') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-'));
    return startServer(['app', 'embedded', dir], async () => fs.rmSync(dir, { recursive: true, force: true }))
      .catch((e) => { fs.rmSync(dir, { recursive: true, force: true }); throw e; });
  }
  const fresh = await freshDatabase(pgBase!);
  return startServer(['app', 'postgres', fresh.url], fresh.drop).catch(async (e) => { await fresh.drop(); throw e; });
}

interface Target { key: string; label: string; server: Server; url: string; headers: Record<string, string>; total?: number; runs: Measurement[] }

/** One request before the load: must answer 200 (and tells how many members the list matched). */
async function check(t: Target) {
  const res = await fetch(t.url, { headers: t.headers });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${t.label}: ${res.status} ${body.slice(0, 300)}`);
  const total = (JSON.parse(body) as { total?: number }).total;
  if (typeof total === 'number') t.total = total;
}

const ENGINE_LABEL = { embedded: 'embedded', postgres: 'PostgreSQL' } as const;

async function main() {
  const startedAt = new Date();
  const loadBefore = os.loadavg()[0]!;
  const cpus = os.cpus();
  log(`${cpus.length} CPUs, node ${process.version}; ${rounds} rounds × (${load.warmup} s warm-up + ${load.duration} s) at ${load.connections} connections${pgBase ? '; PostgreSQL too' : ''}`);

  // 0. The production build that `tongxin serve` runs (dist/server) and the web app, when stale.
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: ['ignore', 2, 2] });

  // 1. Start-up first, before the benchmark's own servers are running.
  const engines: ('embedded' | 'postgres')[] = ['embedded', ...(pgBase ? ['postgres' as const] : [])];
  type StartFigure = { medianMs: number; runsMs: number[] };
  const startup: Record<string, { cold: StartFigure; restart?: StartFigure }> = {};
  const fig = (xs: number[]) => ({ medianMs: median(xs), runsMs: xs });
  log(`module load (tongxin --help) ×${starts}`);
  const modules = fig(await moduleLoad(root, starts));
  for (const engine of engines) {
    log(`start-up ×${starts}: ${engine}`);
    const samples = await startRuns(root, starts, engine === 'postgres' ? pgBase : undefined);
    const restarts = samples.flatMap((s) => (s.restartMs === undefined ? [] : [s.restartMs]));
    startup[engine] = { cold: fig(samples.map((s) => s.coldMs)), ...(restarts.length ? { restart: fig(restarts) } : {}) };
    log(`  cold ${startup[engine].cold.runsMs.join(', ')} ms${restarts.length ? `; restart ${restarts.join(', ')} ms` : ''}`);
  }

  // 2. Throughput: the servers run in child processes, one at a time under load.
  const servers: Server[] = [];
  const targets: Target[] = [];
  const seeds: Record<string, unknown> = {};
  try {
    // Started together (their set-up overlaps), measured one at a time.
    log(`starting bare Fastify and the app on ${engines.join(' and ')} (seeding)`);
    const started = await Promise.allSettled([startServer(['bare']), ...engines.map((e) => appServer(e))]);
    for (const r of started) if (r.status === 'fulfilled') servers.push(r.value);
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const [bare, ...apps] = servers;
    targets.push({ key: 'bare', label: 'bare Fastify hello-world  GET /', server: bare!, url: `http://127.0.0.1:${bare!.ready.port}/`, headers: {}, runs: [] });
    engines.forEach((engine, i) => {
      const server = apps[i]!;
      const r = server.ready;
      seeds[engine] = { source: r.source, members: r.members, seedMs: r.seedMs, user: r.username };
      log(`  ${engine}: ${r.members} members (${r.source} seed, ${r.seedMs} ms)`);
      const base = `http://127.0.0.1:${r.port}`;
      const auth = { cookie: r.cookie! };
      const E = ENGINE_LABEL[engine];
      targets.push(
        { key: `${engine}.health`, label: `${E}  GET /api/health`, server, url: `${base}/api/health`, headers: {}, runs: [] },
        { key: `${engine}.members`, label: `${E}  GET /api/v1/members?page=1&pageSize=20`, server, url: `${base}/api/v1/members?page=1&pageSize=20`, headers: auth, runs: [] },
        { key: `${engine}.membersSql`, label: `${E}  the same page, hand-written SQL, bare driver`, server, url: `${base}/bench/members-sql?page=1&pageSize=20`, headers: {}, runs: [] },
        {
          key: `${engine}.membersFiltered`, label: `${E}  GET /api/v1/members?sectorId=…&q=王`, server,
          url: `${base}/api/v1/members?page=1&pageSize=20&sectorId=${r.sectorId}&q=${encodeURIComponent('王')}`, headers: auth, runs: [],
        },
      );
    });
    for (const t of targets) await check(t);

    // Rounds interleave the targets, so a slow spell on the machine hits every figure, not one.
    for (let round = 1; round <= rounds; round++) {
      for (const t of targets) {
        const m = await measure(t.url, load, t.headers, () => serverCpu(t.server));
        t.runs.push(m);
        log(`round ${round}/${rounds}  ${t.label}: ${m.rps} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, server CPU ${m.cpuUsPerReq} µs/req${m.non2xx || m.errors ? `  (${m.non2xx} non-2xx, ${m.errors} errors!)` : ''}`);
      }
    }
  } finally {
    for (const s of servers.reverse()) await stopServer(s).catch((e) => log(`cleanup: ${e}`));
  }

  // 3. Report.
  const loadAfter = os.loadavg()[0]!;
  const bareRps = median(targets[0]!.runs.map((m) => m.rps));
  const figures = targets.map((t) => {
    const rps = median(t.runs.map((m) => m.rps));
    return {
      key: t.key, label: t.label, rps, ratioToBare: Number((rps / bareRps).toPrecision(3)),
      p50Ms: median(t.runs.map((m) => m.p50)), p99Ms: median(t.runs.map((m) => m.p99)),
      serverCpuUsPerReq: median(t.runs.map((m) => m.cpuUsPerReq ?? NaN)),
      ...(t.total !== undefined ? { matched: t.total } : {}),
      runs: t.runs.map((m) => m.rps), cpuRuns: t.runs.map((m) => m.cpuUsPerReq ?? null),
      non2xx: t.runs.reduce((s, m) => s + m.non2xx, 0), errors: t.runs.reduce((s, m) => s + m.errors, 0),
    };
  });

  const pct = (r: number) => { const p = r * 100; return `${p >= 10 ? p.toFixed(0) : p >= 1 ? p.toFixed(1) : p.toFixed(2)} %`; };
  const pad = (s: string | number, n: number, right = false) => (right ? String(s).padStart(n) : String(s).padEnd(n));
  const W = 58;
  const lines = [
    '',
    `tongxin ${version} benchmark — ${startedAt.toISOString()}`,
    `${cpus.length} CPUs (${cpus[0]?.model.trim() ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, ${os.platform()}`,
    `load average (1 min): ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} at the end (the bench itself adds ~2; more means other work shared the cores)`,
    `throughput: median of ${rounds} rounds, each ${load.warmup} s warm-up + ${load.duration} s at ${load.connections} connections; server in a child process`,
    `CPU µs: the server process's CPU time per request (PostgreSQL's own processes not included)`,
    '',
    `${pad('throughput', W)}${pad('req/s', 8, true)}${pad('% bare', 8, true)}${pad('p50 ms', 8, true)}${pad('p99 ms', 8, true)}${pad('CPU µs', 8, true)}   runs (req/s)`,
    ...figures.map((f) => `${pad(f.label, W)}${pad(f.rps, 8, true)}${pad(pct(f.ratioToBare), 8, true)}${pad(f.p50Ms, 8, true)}${pad(f.p99Ms, 8, true)}${pad(f.serverCpuUsPerReq, 8, true)}   ${f.runs.join(' / ')}${f.non2xx || f.errors ? `  !! ${f.non2xx} non-2xx, ${f.errors} errors` : ''}`),
    ...engines.map((e) => {
      const app = figures.find((f) => f.key === `${e}.members`)!, bare = figures.find((f) => f.key === `${e}.membersSql`)!;
      return `${ENGINE_LABEL[e]}: the member list answers at ${pct(app.rps / bare.rps)} of the rate of the same page by hand-written SQL through the bare driver`;
    }),
    '',
    `${pad(`start-up: spawn \`tongxin serve\` → first 200 from /api/health (median of ${starts})`, W + 16)}${pad('ms', 8, true)}   runs (ms)`,
    ...engines.flatMap((e) => {
      const row = (label: string, f: StartFigure) => `${pad(`${ENGINE_LABEL[e]}  ${label}`, W + 16)}${pad(f.medianMs, 8, true)}   ${f.runsMs.join(' / ')}`;
      const { cold, restart } = startup[e]!;
      return [row('cold (empty database)', cold), ...(restart ? [row('restart (same DATA_DIR or database, initialised)', restart)] : [])];
    }),
    `${pad('`tongxin --help` (Node and the command line; no server module)', W + 16)}${pad(modules.medianMs, 8, true)}   ${modules.runsMs.join(' / ')}`,
    '',
    ...engines.map((e) => {
      const s = seeds[e] as { source: string; members: number };
      const filtered = figures.find((f) => f.key === `${e}.membersFiltered`);
      return `${ENGINE_LABEL[e]}: ${s.members} members (${s.source} seed); the filtered list matches ${filtered?.matched ?? '?'}`;
    }),
    '',
  ];
  // 4. The workflow command path, the duplicate check and the unit suggestion (in this process).
  log('workflow actions vs bare inserts …');
  const workflow = await workflowBench(pgBase);
  const corpus = num('BENCH_CORPUS', 100_000);
  log(`duplicate check on ${corpus} generated proposals (segmenting takes a while) …`);
  const similar = similarBench(corpus);
  log(`search on the same ${corpus} proposals (loading them takes a while) …`);
  const search = await searchBench(corpus, pgBase);
  log('search across everything over the demo committee …');
  const searchAll = await searchAllBench();
  log('search across everything over 100,000 mixed items (copying them takes a while) …');
  const searchMixed = await searchMixedBench();
  log('unit suggestion on held-out demo proposals …');
  const suggest = await suggestBench();
  log('themes of generated online comments (300, 1,000, 10,000) …');
  const themes = themeBench();
  log('online comments: ingest against bare Fastify, and fan-out to 10,000 SSE streams …');
  const comments = await commentBench(log);
  log('embedded engine candidates side by side …');
  const engineChoice = await engineBench(load, log);
  log('the login page on a throttled link (Chromium) …');
  const web = await webBench(root, num('BENCH_WEB_RUNS', 3));
  log('duty records: recompute for 800 and 8,000 members (seeding a million entries takes a while) …');
  const records = await recordsBench(num('BENCH_RECORDS_RUNS', 3));
  log('双联: the link graph of a national roster (2,200 members) and a city one (400) …');
  const liaison = await liaisonBench(num('BENCH_LIAISON_RUNS', 3));
  log('四双 report: the demo grown to a city year (800 members, 1,000 proposals, 100,000 activities), then a province over 15 committees …');
  const report = await reportBench(num('BENCH_REPORT_RUNS', 3), num('BENCH_PROVINCE_COMMITTEES', 15));
  log('a province: 双评 figures rolled up over 100 committees on PostgreSQL (copying a year of the demo into each takes a while) …');
  const province = await provinceBench(num('BENCH_PROVINCE_RUNS', 5), pgBase);
  lines.push(
    `${pad('workflow (6-step proposal cycle through the command path)', W)}${pad('act/s', 8, true)}${pad('ins/s', 8, true)}${pad('ratio', 8, true)}`,
    ...workflow.map((w) => `${pad(`${ENGINE_LABEL[w.engine as 'embedded' | 'postgres']}  actions vs bare single-row insert`, W)}${pad(w.actionsPerSec, 8, true)}${pad(w.insertsPerSec, 8, true)}${pad(w.ratio, 8, true)}   ${w.statementsPerCycle} statements per six-action cycle`),
    '',
    `duplicate check, ${similar.corpus} proposals, ${similar.queries} planted paraphrases (index built in ${similar.buildSeconds} s; index arrays ${similar.memoryMiB.arrayBuffers} MiB, process heap ${similar.memoryMiB.heapUsed} MiB):`,
    `  check (segmenting + query) p50 ${similar.check.p50} ms, p95 ${similar.check.p95} ms; segmenting alone p50 ${similar.segment.p50} ms`,
    `  query p50 ${similar.index.p50} ms, p95 ${similar.index.p95} ms; brute force p50 ${similar.brute.p50} ms, p95 ${similar.brute.p95} ms; ${similar.speedup}× faster (${similar.speedupWithSegmenting}× with segmenting)`,
    `  recall@5 against brute force ${similar.recallAt5} (top 5 identical for ${similar.exactTop5}); the planted original ranked first ${similar.plantedFoundFirst}`,
    ...search.map((r) => `search, ${r.corpus} proposals on ${ENGINE_LABEL[r.engine as 'embedded' | 'postgres']} (loaded in ${r.loadSeconds} s), ${r.queries} queries, median ${r.medianMatches} matches: p50 ${r.search.p50} ms, p95 ${r.search.p95} ms; ILIKE p50 ${r.ilike.p50} ms, p95 ${r.ilike.p95} ms; ${r.speedup}× faster`),
    `search across everything, demo committee (${Object.entries(searchAll.docs).map(([k, n]) => `${n} ${k}`).join(', ')}), ${searchAll.queries} queries, median of ${searchAll.rounds} runs each; all kinds vs the proposals' own search:`,
    ...searchAll.rows.map((r) => `  ${r.caller}: ${r.allMs} ms vs ${r.proposalsMs} ms (${r.ratio}×), median ${r.medianFound} found vs ${r.medianProposals}`),
    `search across everything, ${searchMixed.items} mixed items (${Object.entries(searchMixed.docs).map(([k, n]) => `${n} ${k}`).join(', ')}), counts capped at ${searchMixed.cap} a kind; vs the bare index lookup (p95 ratio):`,
    ...searchMixed.rows.map((r) => `  ${r.caller}, ${r.words} words: p50 ${r.search.p50} ms, p95 ${r.search.p95} ms; bare p50 ${r.bare.p50} ms, p95 ${r.bare.p95} ms (${r.ratio}×), median total ${r.medianTotal}${r.capped ? '+' : ''}`),
    `unit suggestion, ${suggest.heldOut} held-out demo proposals: top-1 ${suggest.top1}, top-3 ${suggest.top3}`,
    ...themes.map((t) => `themes of ${t.comments} generated comments: ${t.themesMs} ms (k given: ${t.fixedKMs} ms, ${t.ratioToFixedK}×; segmenting alone ${t.segmentMs} ms, ${t.ratioToSegmenting}×); ${t.themes} themes, silhouette ${t.silhouette}, purity ${t.purity}, ARI ${t.ari}`),
    ...commentLines(comments),
    `login page at ${web.link.downloadMbps} Mbps / ${web.link.latencyMs} ms (median of ${web.runs}): first visit ${web.first.transferredKB} KB in ${web.first.requests} requests (${web.first.scripts} scripts, ${web.first.scriptKB} KB), form usable at ${web.first.formUsableMs} ms (scripts in at ${web.first.scriptsArrivedMs} ms); reload ${web.reload.transferredKB} KB, usable at ${web.reload.formUsableMs} ms`,
    '',
    ...recordsLines(records),
    '',
    ...liaisonLines(liaison),
    '',
    ...reportLines(report),
    '',
    ...provinceLines(province),
    '',
    ...engineTable(engineChoice),
    '',
  );
  process.stdout.write(lines.join('\n') + '\n');

  const result = {
    date: startedAt.toISOString(),
    version,
    machine: { cpus: cpus.length, cpuModel: cpus[0]?.model.trim(), memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`, loadAvg1m: { start: +loadBefore.toFixed(2), end: +loadAfter.toFixed(2) } },
    settings: { ...load, rounds, starts, engines },
    throughput: Object.fromEntries(figures.map(({ key, ...f }) => [key, f])),
    startup: { ...startup, moduleLoad: modules },
    seeds,
    workflow,
    similar,
    search,
    searchAll,
    searchMixed,
    suggest,
    themes,
    comments,
    engineChoice,
    web,
    records,
    liaison,
    report,
    province,
  };
  const outDir = path.join(benchDir, 'results');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'latest.json'), JSON.stringify(result, null, 2) + '\n');
  log(`wrote ${path.relative(root, path.join(outDir, 'latest.json'))}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
