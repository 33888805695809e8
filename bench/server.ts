// A measured server, run in a child process (forked by bench/run.ts) so that autocannon's event loop
// and the server's do not share one thread.
//   bare                          plain Fastify() with one GET route
//   app embedded <dataDir>        the real app on the embedded PostgreSQL server in that folder, seeded
//   app postgres <databaseUrl>    the real app on PostgreSQL (an empty throwaway database), seeded
//   app pglite-thread <dataDir>   the engine choice's candidates (bench/engines.ts): PGlite on the server's
//   app pglite-socket <dataDir>   own thread (the engine before), or in a worker thread behind pglite-socket
// Tells the parent { port, ... } over IPC once listening, answers 'cpu' with { cpuUs, handled }, and exits
// when the parent disconnects.
import { performance } from 'node:perf_hooks';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { loadConfig, type Config } from '../src/server/core/config.ts';
import { Worker } from 'node:worker_threads';
import { migrationsFolder, openDatabase, type Database, type Db } from '../src/server/core/db/client.ts';
import * as schema from '../src/server/core/db/schema.ts';
import { seedBench, type BenchData } from './seed.ts';
import { buildCorpus } from './corpus.ts';
import { loadCorpus } from './search.ts';

export type Ready = { port: number } & Partial<BenchData> & { cookie?: string; seedMs?: number; openMs?: number };

interface Built { app: FastifyInstance; info: Partial<Ready>; closeDb(): Promise<void> }

/** Requests answered so far (for CPU time per request). */
let handled = 0;

async function bare(): Promise<Built> {
  const app = Fastify();
  app.get('/', async () => { handled++; return { hello: 'world' }; });
  // The baseline of a comment's ingest (bench/comments.ts): a JSON body parsed and answered 201, nothing else.
  let n = 0;
  app.post('/comment', async (req, reply) => { handled++; const { content } = req.body as { content: string }; return reply.status(201).send({ id: ++n, content, status: 'visible' }); });
  return { app, info: {}, closeDb: async () => {} };
}

/**
 * Waits (at most 30 s) until the event loop is nearly idle for a quarter second, so that start-up
 * work the app runs in the background (e.g. the search backfill) is not measured as load.
 */
async function settle() {
  let last = performance.eventLoopUtilization();
  for (let waited = 0; waited < 30_000; waited += 250) {
    await new Promise((r) => setTimeout(r, 250));
    const { utilization } = performance.eventLoopUtilization(last);
    last = performance.eventLoopUtilization();
    if (utilization < 0.05) return;
  }
}

async function open(engine: string, where: string): Promise<Database> {
  if (engine === 'postgres') return openDatabase({ url: where });
  if (engine === 'embedded') return openDatabase({ dataDir: where });
  if (engine === 'pglite-thread') {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    const client = await PGlite.create(where);
    const db = drizzle(client, { schema, casing: 'snake_case' }) as unknown as Db;
    await migrate(db as never, { migrationsFolder });
    return { db, engine: 'embedded', close: () => client.close() };
  }
  if (engine === 'pglite-socket') {
    const worker = new Worker(new URL('./pglite-socket-worker.mjs', import.meta.url), { workerData: { dataDir: where } });
    const { port } = await new Promise<{ port: number }>((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
    // One connection: PGlite runs one query at a time, and pglite-socket keeps a transaction's
    // statements together only by queueing the other connections' behind it.
    const database = await openDatabase({ url: `postgres://postgres@127.0.0.1:${port}/postgres`, max: 1 });
    return { ...database, close: async () => { await database.close(); await worker.terminate(); } };
  }
  throw new Error(`unknown engine ${engine}`);
}

const MEMBERS_SQL = `select m.org_id as "orgId", m.id, m.name, m.name_sort as "nameSort", m.gender, m.birth_year as "birthYear",
  m.ethnicity, m.party, m.sector_id as "sectorId", m.standing, m.chair_meeting as "chairMeeting", m.party_group as "partyGroup",
  m.county_org_id as "countyOrgId", m.workplace, m.title, m.active, m.created_at as "createdAt",
  s.name as "sectorName", c.name as "countyName",
  coalesce((select json_agg(k.id order by k.name) from member_committees mc join committees k on k.org_id = mc.org_id and k.id = mc.committee_id
    where mc.org_id = m.org_id and mc.member_id = m.id), '[]') as "committeeIds",
  coalesce((select json_agg(k.name order by k.name) from member_committees mc join committees k on k.org_id = mc.org_id and k.id = mc.committee_id
    where mc.org_id = m.org_id and mc.member_id = m.id), '[]') as "committeeNames",
  (count(*) over ())::int as total
from members m left join sectors s on s.org_id = m.org_id and s.id = m.sector_id left join orgs c on c.id = m.county_org_id
where m.org_id = $1 and m.active
order by m.name_sort, m.name, m.id limit $2 offset $3`;

async function real(engine: string, where: string): Promise<Built> {
  const opened = performance.now();
  const database = await open(engine, where);
  const openMs = Math.round(performance.now() - opened);
  const t0 = performance.now();
  const data = await seedBench(database.db);
  // BENCH_CORPUS=n adds n generated closed proposals to the committee (the stall benchmark's big search).
  const corpus = Number(process.env.BENCH_CORPUS) || 0;
  if (corpus) await loadCorpus(database, data.orgId, buildCorpus(corpus, 0).docs);
  const seedMs = Math.round(performance.now() - t0);
  // The production logger path (pino at warn: no per-request lines), and no public rate limit to hit.
  const config = loadConfig({ LOG_LEVEL: 'warn' }, { RATE_LIMIT_PUBLIC_PER_MINUTE: 1_000_000_000, RATE_LIMIT_LOGIN_PER_MINUTE: 1000, DATA_DIR: engine === 'postgres' ? './data' : where,
    // A benchmark may raise other limits (bench/comments.ts: comments per account and address) by config, as an operator would.
    ...(JSON.parse(process.env.BENCH_APP_CONFIG ?? '{}') as Partial<Config>) });
  const app = await buildApp({ config, database });
  // Requests still running when the load stops (their sockets already closed) must finish before
  // the database closes; and answered requests are counted. Two synchronous hooks: negligible next to
  // a request that queries a database.
  const inFlight = new Set<object>();
  app.addHook('onRequest', (req, _reply, done) => { inFlight.add(req); done(); });
  app.addHook('onSend', (req, _reply, payload, done) => { inFlight.delete(req); handled++; done(null, payload); });
  const closeDb = async () => {
    // (at most 5 s: a request whose client went away may never send, and the parent kills at 10 s,
    // before a --cpu-prof profile is written)
    for (let waited = 0; inFlight.size > 0 && waited < 5_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await database.close();
  };
  // The baseline of the member list: the same page by the best hand-written SQL (one statement,
  // prepared) through the bare driver, on the same pool, with no auth or presenters.
  const pool = (database.db as unknown as { $client: { query(q: object): Promise<{ rows: { total: number }[] }> } }).$client;
  app.get('/bench/members-sql', async (req) => {
    const { page = '1', pageSize = '20' } = req.query as Record<string, string>;
    const { rows } = await pool.query({ name: 'bench_members_sql', text: MEMBERS_SQL, values: [data.orgId, Number(pageSize), (Number(page) - 1) * Number(pageSize)] });
    return { items: rows, total: rows[0]?.total ?? 0, page: Number(page), pageSize: Number(pageSize) };
  });
  await app.ready();
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: data.username, password: data.password, org: data.orgId } });
  if (res.statusCode !== 200) throw new Error(`login ${data.username}: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((x) => x.name === 'tx_session');
  if (!c) throw new Error('login set no session cookie');
  await settle();
  return { app, closeDb, info: { ...data, password: undefined, cookie: `tx_session=${c.value}`, seedMs, openMs } };
}

async function main() {
  const [mode, engine, where] = process.argv.slice(2);
  const built = mode === 'bare' ? await bare() : await real(engine ?? 'embedded', where ?? '');
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  const address = built.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let closing = false;
  const stop = async () => {
    if (closing) return;
    closing = true;
    await built.app.close().catch(() => {});
    await built.closeDb().catch(() => {});
    process.exit(0);
  };
  process.on('disconnect', () => void stop());
  // The parent asks for this process's CPU time around each measured window.
  process.on('message', (m) => {
    if (m === 'cpu') { const u = process.cpuUsage(); process.send!({ cpuUs: u.user + u.system, handled, rss: process.memoryUsage.rss() }); }
  });
  process.on('SIGTERM', () => void stop());
  process.send!({ port, ...built.info } satisfies Ready);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
