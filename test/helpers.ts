import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { eq, sql, type SQL } from 'drizzle-orm';
import { buildApp } from '../src/server/app.ts';
import { loadConfig, type Config } from '../src/server/core/config.ts';
import { openDatabase, queryRows, type Database } from '../src/server/core/db/client.ts';
import { users } from '../src/server/core/schema.ts';
import { seedFixture, type Fixture } from './fixture.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/server/seed/demo.ts';
import { sessionsGone } from './global-setup.ts';

export type Engine = 'embedded' | 'postgres';

/** The embedded PostgreSQL server always; an external PostgreSQL too when TEST_DATABASE_URL is set (as in CI). */
export const engines: Engine[] = ['embedded', ...(process.env.TEST_DATABASE_URL ? ['postgres' as const] : [])];

/** The server of an engine for this run (see test/global-setup.ts). */
export const testServer = (engine: Engine) => {
  const server = inject('testServers')[engine];
  if (!server) throw new Error(`no ${engine} test server: set TEST_DATABASE_URL`);
  return server;
};

/**
 * A new database on the engine's test server, dropped by drop(): migrated (a copy of the run's
 * template) unless `empty` is asked for.
 */
export async function freshDatabaseUrl(engine: Engine = 'postgres', { empty = false } = {}): Promise<{ url: string; drop(): Promise<void> }> {
  const { url: base, template } = testServer(engine);
  const name = `tx_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}${empty ? '' : ` template ${template}`}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      // Else the forced drop terminates the pool's closing connections and their clients raise an
      // unhandled error (57P01) that fails the run.
      await sessionsGone(c, name);
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A fresh migrated database on the engine's test server, dropped on close. */
export async function testDatabase(engine: Engine): Promise<Database> {
  const fresh = await freshDatabaseUrl(engine);
  const db = await openDatabase({ url: fresh.url });
  return { ...db, engine, close: async () => { await db.close(); await fresh.drop(); } };
}

/** Document files of a test run go to a folder of their own under the system's temporary folder, never to ./data. */
export const TEST_LIBRARY_DIR = path.join(os.tmpdir(), `tongxin-test-library-${process.pid}`);
export const testConfig = (over: Partial<Config> = {}) => loadConfig({}, { LOG_LEVEL: 'silent', RATE_LIMIT_LOGIN_PER_MINUTE: 1000, LIBRARY_DIR: TEST_LIBRARY_DIR, ...over });

/**
 * Two app instances on one fresh PostgreSQL database (the fixture seeded), as two servers behind a
 * load balancer run: the same config (and session secret), each with its own pool.
 */
export async function twoInstances(over: Partial<Config> = {}) {
  const fresh = await freshDatabaseUrl('postgres');
  const dbA = await openDatabase({ url: fresh.url });
  const dbB = await openDatabase({ url: fresh.url });
  const fx = await seedFixture(dbA.db);
  const cfg = testConfig({ SESSION_SECRET: 'x'.repeat(40), ...over });
  const a = await buildApp({ config: cfg, database: dbA, logger: false });
  const b = await buildApp({ config: cfg, database: dbB, logger: false });
  await Promise.all([a.ready(), b.ready()]);
  return { fx, a, b, close: async () => { await a.close(); await b.close(); await dbA.close(); await dbB.close(); await fresh.drop(); } };
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  fx: Fixture;
  /** Session cookie and X-Requested-With headers for a fixture login. */
  as(username: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export async function testApp(engine: Engine, over: Partial<Config> = {}): Promise<TestApp> {
  const database = await testDatabase(engine);
  const fx = await seedFixture(database.db);
  const app = await buildApp({ config: testConfig(over), database, logger: false });
  await app.ready();
  const cookies = new Map<string, Record<string, string>>();
  return {
    app, database, fx,
    async as(username) {
      if (!cookies.has(username)) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: fx.password, org: fx.orgOf[username] } });
        if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
        const c = res.cookies.find((x) => x.name === 'tx_session')!;
        cookies.set(username, sessionHeaders(c.value));
      }
      return cookies.get(username)!;
    },
    async close() { await app.close(); await database.close(); },
  };
}

/**
 * A leader's login not linked to a member (a chair who is none), with the fixture's password: the
 * fixture's own leader is linked to 赵六. Answers its username.
 */
export async function unlinkedLeader(t: Pick<TestApp, 'app' | 'fx'>, username = 'chair'): Promise<string> {
  const [leader] = await t.app.db.select().from(users).where(eq(users.id, t.fx.userIds.leader!));
  await t.app.db.insert(users).values({ orgId: t.fx.orgId, username, displayName: username, passwordHash: leader!.passwordHash, roles: ['leader'] });
  return username;
}

/** A browser's headers for a session: its cookie, and X-Requested-With as the web app sends it (CSRF guard). */
/**
 * `call(user, method, url, payload?)` under /api/v1 as a fixture user, and `ok(...)`, which expects a
 * 2xx and answers its JSON.
 */
export function apiAs(t: () => TestApp) {
  const call = async (user: string, method: string, url: string, payload?: object) =>
    t().app.inject({ method: method as 'POST', url: `/api/v1${url}`, headers: await t().as(user), ...(payload ? { payload } : {}) });
  const ok = async (user: string, method: string, url: string, payload?: object) => {
    const res = await call(user, method, url, payload);
    expect(res.statusCode, `${user} ${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  /** A refused call: its problem status, and not a table changed. */
  const refused = async (status: number, user: string, method: string, url: string, payload?: object) => {
    await t().as(user);
    const snap = snapshotter(t());
    const before = await snap();
    const problem = expectProblem(await call(user, method, url, payload), status);
    expect(await snap(), `${user} ${method} ${url} changed nothing`).toEqual(before);
    return problem;
  };
  return { call, ok, refused };
}

export const sessionHeaders = (token: string): Record<string, string> => ({ cookie: `tx_session=${token}`, 'x-requested-with': 'test' });

/**
 * Callers of an app by username (logged in once each, with `password`) and a GET as one of them that
 * must answer 200. `app` is read at each call: the app is made later, in beforeAll.
 */
export function loggedIn(app: () => FastifyInstance, password: string) {
  const sessions = new Map<string, Record<string, string>>();
  const as = async (username: string) => {
    if (!sessions.has(username)) {
      const login = await app().inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      sessions.set(username, sessionHeaders(login.cookies.find((c) => c.name === 'tx_session')!.value));
    }
    return sessions.get(username)!;
  };
  const get = async (username: string, url: string) => {
    const res = await app().inject({ url, headers: await as(username) });
    expect(res.statusCode, `${username} ${url}: ${res.body.slice(0, 300)}`).toBe(200);
    return res.json();
  };
  return { as, get };
}

export function expectProblem(res: LightMyRequestResponse, status: number) {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  if (!String(res.headers['content-type']).startsWith('application/problem+json')) throw new Error(`not problem+json: ${res.headers['content-type']}`);
  const body = res.json();
  if (body.status !== status || typeof body.title !== 'string' || !Array.isArray(body.errors)) throw new Error(`bad problem body ${res.body}`);
  return body as { title: string; detail: string; errors: { path: string; message: string }[] };
}

/**
 * Every table of the database with its row count and a hash of its content, to show that a
 * rejected request changed nothing. Waits for the outbox first, since dispatching marks rows.
 */
export async function tableSnapshot(t: TestApp): Promise<Record<string, string>> {
  await t.app.outbox.kick();
  const db = t.database.db;
  let query = snapshotQueries.get(db);
  if (!query) {
    const tables = await queryRows<{ name: string }>(db, sql`select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`);
    if (!tables.length) throw new Error('no tables found');
    // An order-independent sum of row hashes: cheaper than hashing the sorted rows.
    query = sql.join(tables.map(({ name }) => sql.raw(`select '${name}' as name, count(*)::int as n,
      coalesce(sum(hashtextextended(x::text, 0)::numeric), 0)::text as h from "${name}" x`)), sql` union all `);
    snapshotQueries.set(db, query);
  }
  const rows = await queryRows<{ name: string; n: number; h: string }>(db, query);
  return Object.fromEntries(rows.map((r) => [r.name, `${r.n} rows, content ${r.h}`]));
}
const snapshotQueries = new WeakMap<object, SQL>();

/**
 * tableSnapshot(), computed again only when some transaction has written since the last call:
 * every write takes a transaction id, so an unchanged next id means an unchanged database.
 */
export function snapshotter(t: TestApp): () => Promise<Record<string, string>> {
  const nextXid = async () => (await queryRows<{ x: string }>(t.database.db, sql`select pg_snapshot_xmax(pg_current_snapshot())::text as x`))[0]!.x;
  let mark = '';
  let last: Record<string, string> | undefined;
  return async () => {
    if (last && (await nextXid()) === mark) return last;
    await t.app.outbox.kick(); // (it writes when it dispatches: take the mark after it)
    mark = await nextXid();
    last = await tableSnapshot(t);
    return last;
  };
}

/** One operation of the OpenAPI document, with its path also in Fastify's form ("/x/:id"). */
export interface ApiOperation {
  method: string;
  path: string;
  template: string;
  // The OpenAPI operation object as served (JSON).
  op: {
    parameters?: { in: string; name: string; required?: boolean; schema: Record<string, unknown> }[];
    requestBody?: { required?: boolean; content: Record<string, { schema: Record<string, unknown> }> };
  };
}

/** The operations listed in GET /api/openapi.json. */
export async function apiOperations(t: TestApp): Promise<ApiOperation[]> {
  const res = await t.app.inject('/api/openapi.json');
  if (res.statusCode !== 200) throw new Error(`openapi.json: ${res.statusCode}`);
  const doc = res.json() as { paths: Record<string, Record<string, ApiOperation['op']>> };
  return Object.entries(doc.paths).flatMap(([template, ops]) => Object.entries(ops).map(([method, op]) => ({
    method: method.toUpperCase(), template, path: template.replace(/\{(\w+)\}/g, ':$1'), op,
  })));
}

/** A multipart/form-data request body with one file in the field "file", and its headers (with `headers` added). */
export function multipart(file: Buffer, filename = 'roster.xlsx', headers: Record<string, string> = {}) {
  const boundary = '----tongxin' + crypto.randomBytes(8).toString('hex');
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return { payload: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The date `days` from today, YYYY-MM-DD. */
export const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export type ProposalStage = 'draft' | 'jointDraft' | 'submitted' | 'filed' | 'key' | 'assigned' | 'handling' | 'extensionAsked' | 'replied' | 'closed';

/**
 * A proposal of the fixture's member 张三 (login "member"), taken to `stage` by the people who act
 * on it: staff files it and assigns it to unit A (lead) and unit B (co), both sign, unit A asks for
 * an extension or replies, the member evaluates. "key": filed and marked a key proposal led by
 * the fixture's leader. "jointDraft": a joint draft of 李四 (member2) naming 张三 as co-signer.
 */
export async function proposalIn(t: TestApp, stage: ProposalStage, title: string): Promise<string> {
  const call = async (login: string, url: string, payload: object) => {
    const res = await t.app.inject({ method: 'POST', url, headers: await t.as(login), payload });
    if (res.statusCode >= 300) throw new Error(`${login} POST ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const joint = stage === 'jointDraft';
  const { id } = await call(joint ? 'member2' : 'member', '/api/v1/proposals', {
    title, body: '建议完善社区养老服务设施。', kind: joint ? 'joint' : 'member', ...(joint ? { cosignerIds: [t.fx.memberIds[0]] } : {}),
  });
  if (joint) return id;
  const step = (login: string, action: string, body: object = {}) => call(login, `/api/v1/proposals/${id}/actions/${action}`, body);
  const order: ProposalStage[] = ['draft', 'submitted', 'filed', 'assigned', 'handling', 'replied', 'closed'];
  const at = ({ extensionAsked: 'handling', key: 'filed' } as Record<string, ProposalStage>)[stage] ?? stage;
  const reached = (s: ProposalStage) => order.indexOf(at) >= order.indexOf(s);
  if (reached('submitted')) await step('member', 'submit');
  if (reached('filed')) await step('staff', 'file');
  if (stage === 'key') await step('staff', 'markKey', { leaderUserId: t.fx.userIds.leader });
  if (reached('assigned')) await step('staff', 'assign', { units: [{ unitId: t.fx.unitIds.a, role: 'lead' }, { unitId: t.fx.unitIds.b, role: 'co' }] });
  if (reached('handling')) { await step('unitA', 'sign'); await step('unitB', 'sign'); }
  if (stage === 'extensionAsked') await step('unitA', 'requestExtension', { dueDate: day(120), reason: '需要跨部门协调' });
  if (reached('replied')) await step('unitA', 'reply', { category: 'A', content: '已采纳，正在实施。' });
  if (reached('closed')) await step('member', 'evaluate', { satisfaction: 'satisfied' });
  return id;
}

/** The 社情民意 report ("opinions") or member letter ("letters") made from a converted proposal of the member's. */
export async function converted(t: TestApp, to: 'opinions' | 'letters', title: string): Promise<string> {
  const id = await proposalIn(t, 'submitted', title);
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${id}/actions/convert`, headers: await t.as('staff'), payload: { to: to === 'opinions' ? 'opinion' : 'letter', reason: '转办' } });
  if (res.statusCode !== 200) throw new Error(`convert: ${res.statusCode} ${res.body}`);
  await t.app.outbox.kick(); // made by a subscriber after commit
  const list = (await t.app.inject({ url: `/api/v1/${to}?pageSize=200`, headers: await t.as('staff') })).json().items as { id: string; sourceProposalId: string }[];
  const made = list.find((x) => x.sourceProposalId === id);
  if (!made) throw new Error(`no ${to} made from proposal ${id}`);
  return made.id;
}

export type OpinionStage = 'draft' | 'submitted' | 'returned' | 'approved' | 'forwarded' | 'adopted';

/**
 * A 社情民意 report of the fixture's member 张三 (login "member"), taken to `stage`: he submits it,
 * staff return it or approve and forward it to 市委办公室, and record its adoption at city level.
 */
export async function opinionIn(t: TestApp, stage: OpinionStage, title: string, body = '反映某街道老旧小区加装电梯推进缓慢的问题，建议简化审批流程。'): Promise<string> {
  const call = async (login: string, url: string, payload: object) => {
    const res = await t.app.inject({ method: 'POST', url, headers: await t.as(login), payload });
    if (res.statusCode >= 300) throw new Error(`${login} POST ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const { id } = await call('member', '/api/v1/opinions', { title, body });
  const step = (login: string, action: string, payload: object = {}) => call(login, `/api/v1/opinions/${id}/actions/${action}`, payload);
  const order: OpinionStage[] = ['draft', 'submitted', 'approved', 'forwarded', 'adopted'];
  const reached = (s: OpinionStage) => order.indexOf(stage === 'returned' ? 'submitted' : stage) >= order.indexOf(s);
  if (reached('submitted')) await step('member', 'submit');
  if (stage === 'returned') await step('staff', 'return', { reason: '请补充具体数据' });
  if (reached('approved')) await step('staff', 'approve');
  if (reached('forwarded')) await step('staff', 'forward', { bodies: ['市委办公室'], date: day(-2) });
  if (reached('adopted')) await step('staff', 'adopt', { level: 'city', adoptedBy: '市政府办公室', date: day(-1) });
  return id;
}

/**
 * The demo committee on a fresh database of `engine`, served by an app for the tests of the
 * calling `describe` (set up before them, closed after), with its logins (the demo password).
 */
export function demoApp(engine: Engine) {
  let database: Database;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    database = await testDatabase(engine);
    await seedDemo(database.db);
    app = await buildApp({ config: testConfig(), database, logger: false });
    await app.ready();
  }, 240_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });
  return { app: () => app, database: () => database, ...loggedIn(() => app, DEMO_PASSWORD) };
}
