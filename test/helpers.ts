import crypto from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import { loadConfig, type Config } from '../src/server/core/config.ts';
import { openDatabase, type Database } from '../src/server/core/db/client.ts';
import { seedFixture, type Fixture } from './fixture.ts';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (as in CI). */
export const engines: ('pglite' | 'postgres')[] = ['pglite', ...(process.env.TEST_DATABASE_URL ? ['postgres' as const] : [])];

/** A fresh database: in-memory PGlite, or a new PostgreSQL database dropped on close. */
export async function freshDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL!;
  const name = `tx_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function testDatabase(engine: 'pglite' | 'postgres'): Promise<Database> {
  if (engine === 'pglite') return openDatabase({ memory: true });
  const fresh = await freshDatabaseUrl();
  const db = await openDatabase({ url: fresh.url });
  return { ...db, close: async () => { await db.close(); await fresh.drop(); } };
}

export const testConfig = (over: Partial<Config> = {}) => loadConfig({}, { LOG_LEVEL: 'silent', RATE_LIMIT_LOGIN_PER_MINUTE: 1000, ...over });

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  fx: Fixture;
  /** Session cookie header for a fixture login. */
  as(username: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export async function testApp(engine: 'pglite' | 'postgres', over: Partial<Config> = {}): Promise<TestApp> {
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
        cookies.set(username, { cookie: `tx_session=${c.value}` });
      }
      return cookies.get(username)!;
    },
    async close() { await app.close(); await database.close(); },
  };
}

export function expectProblem(res: LightMyRequestResponse, status: number) {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  if (!String(res.headers['content-type']).startsWith('application/problem+json')) throw new Error(`not problem+json: ${res.headers['content-type']}`);
  const body = res.json();
  if (body.status !== status || typeof body.title !== 'string' || !Array.isArray(body.errors)) throw new Error(`bad problem body ${res.body}`);
  return body as { title: string; detail: string; errors: { path: string; message: string }[] };
}
