import crypto from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/server/core/db/client.ts';
import { startEphemeral } from '../src/server/core/db/embedded.ts';

// One embedded PostgreSQL server for the whole run (and TEST_DATABASE_URL's server when set), each
// with a migrated template database: a test file's fresh database is a copy of it (CREATE DATABASE
// … TEMPLATE), which takes milliseconds instead of a migration per file.

export interface TestServer { url: string; template: string }
declare module 'vitest' {
  export interface ProvidedContext { testServers: { embedded: TestServer; postgres?: TestServer } }
}

async function admin(url: string, ...queries: string[]) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try { for (const q of queries) await c.query(q); } finally { await c.end(); }
}

/**
 * Waits (at most ~5 s) until no session is left on database `name`: pool.end() resolves before the
 * server has closed its connections.
 */
export async function sessionsGone(c: pg.Client, name: string) {
  for (let i = 0; i < 250; i++) {
    const { rows } = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
    if (!rows[0].n) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Creates and migrates the template database on the server of `url`; returns its name. */
async function makeTemplate(url: string): Promise<string> {
  const name = `tx_template_${crypto.randomBytes(4).toString('hex')}`;
  await admin(url, `create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ url: u.toString() });
  await database.close();
  // A template must have no session when it is copied.
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try { await sessionsGone(c, name); } finally { await c.end(); }
  return name;
}

export default async function setup(project: TestProject) {
  const embedded = await startEphemeral();
  const servers: { embedded: TestServer; postgres?: TestServer } = { embedded: { url: embedded.url, template: await makeTemplate(embedded.url) } };
  const external = process.env.TEST_DATABASE_URL;
  if (external) servers.postgres = { url: external, template: await makeTemplate(external) };
  project.provide('testServers', servers);
  return async () => {
    if (servers.postgres) await admin(external!, `drop database if exists ${servers.postgres.template} with (force)`).catch(() => {});
    await embedded.stop();
  };
}
