import crypto from 'node:crypto';
import pg from 'pg';

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
