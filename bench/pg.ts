import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../src/server/core/db/client.ts';

/** A new empty database on the server of `base` (as freshDatabaseUrl in test/helpers.ts), dropped by drop(). */
export async function freshDatabase(base: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tx_bench_${crypto.randomBytes(6).toString('hex')}`;
  const run = async (q: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try { await c.query(q); } finally { await c.end(); }
  };
  await run(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

/** The embedded engine as `tongxin serve` runs it, in a temp folder removed on close. */
export async function embeddedDatabase(): Promise<Database> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-db-'));
  const database = await openDatabase({ dataDir: dir }).catch((e) => { fs.rmSync(dir, { recursive: true, force: true }); throw e; });
  return { ...database, close: async () => { await database.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}
