// A measured server, run in a child process (forked by bench/run.ts) so that autocannon's event loop
// and the server's do not share one thread.
//   bare                          plain Fastify() with one GET route
//   app pglite <dataDir>          the real app on embedded PGlite in that folder, seeded
//   app postgres <databaseUrl>    the real app on PostgreSQL (an empty throwaway database), seeded
// Tells the parent { port, ... } over IPC once listening, answers 'cpu' with { cpuUs, handled }, and exits
// when the parent disconnects.
import { performance } from 'node:perf_hooks';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/core/config.ts';
import { openDatabase } from '../src/server/core/db/client.ts';
import { seedBench, type BenchData } from './seed.ts';

export type Ready = { port: number } & Partial<BenchData> & { cookie?: string; seedMs?: number };

interface Built { app: FastifyInstance; info: Partial<Ready>; closeDb(): Promise<void> }

/** Requests answered so far (for CPU time per request). */
let handled = 0;

async function bare(): Promise<Built> {
  const app = Fastify();
  app.get('/', async () => { handled++; return { hello: 'world' }; });
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

async function real(engine: string, where: string): Promise<Built> {
  const database = await openDatabase(engine === 'postgres' ? { url: where } : { dataDir: where });
  const t0 = performance.now();
  const data = await seedBench(database.db);
  const seedMs = Math.round(performance.now() - t0);
  // The production logger path (pino at warn: no per-request lines), and no public rate limit to hit.
  const config = loadConfig({ LOG_LEVEL: 'warn' }, { RATE_LIMIT_PUBLIC_PER_MINUTE: 1_000_000_000, RATE_LIMIT_LOGIN_PER_MINUTE: 1000, DATA_DIR: engine === 'pglite' ? where : './data' });
  const app = await buildApp({ config, database });
  // Requests still running when the load stops (their sockets already closed) must finish before
  // the database closes; and answered requests are counted. Two synchronous hooks: negligible next to
  // a request that queries a database.
  const inFlight = new Set<object>();
  app.addHook('onRequest', (req, _reply, done) => { inFlight.add(req); done(); });
  app.addHook('onSend', (req, _reply, payload, done) => { inFlight.delete(req); handled++; done(null, payload); });
  const closeDb = async () => {
    for (let waited = 0; inFlight.size > 0 && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await database.close();
  };
  await app.ready();
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: data.username, password: data.password, org: data.orgId } });
  if (res.statusCode !== 200) throw new Error(`login ${data.username}: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((x) => x.name === 'tx_session');
  if (!c) throw new Error('login set no session cookie');
  await settle();
  return { app, closeDb, info: { ...data, password: undefined, cookie: `tx_session=${c.value}`, seedMs } };
}

async function main() {
  const [mode, engine, where] = process.argv.slice(2);
  const built = mode === 'bare' ? await bare() : await real(engine ?? 'pglite', where ?? '');
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
    if (m === 'cpu') { const u = process.cpuUsage(); process.send!({ cpuUs: u.user + u.system, handled }); }
  });
  process.on('SIGTERM', () => void stop());
  process.send!({ port, ...built.info } satisfies Ready);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
