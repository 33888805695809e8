import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgTransaction, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import * as schema from './schema.ts';
import { lockDataDir } from './lock.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries run on: the database or an open transaction. */
export type Queryable = Db | Tx;

export interface Database {
  db: Db;
  engine: 'pglite' | 'postgres';
  close(): Promise<void>;
}

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../drizzle');

export type DbTarget = { url: string } | { dataDir: string } | { memory: true };

/** Opens the database (PGlite in a folder or in memory, or PostgreSQL) and applies migrations. */
export async function openDatabase(target: DbTarget): Promise<Database> {
  if ('url' in target) {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    // An idle connection the server ends (restart, failover, pg_terminate_backend, idle timeouts) is
    // dropped from the pool and replaced on demand; without a listener the 'error' would kill the process.
    pool.on('error', (err) => { console.warn(`PostgreSQL closed an idle connection: ${err.message}`); });
    const db = drizzle(pool, { schema, casing: 'snake_case' }) as unknown as Db;
    // Several app servers may start at once: one migrates, the others wait on the advisory lock.
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock(727274)');
      await migrate(drizzle(client, { casing: 'snake_case' }), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock(727274)').catch(() => {});
      client.release();
    }
    return { db, engine: 'postgres', close: () => pool.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const release = 'dataDir' in target ? lockDataDir(target.dataDir) : () => {};
  try {
    const client = 'dataDir' in target ? await PGlite.create(path.join(target.dataDir, 'pg')) : await PGlite.create();
    const db = drizzle(client, { schema, casing: 'snake_case' }) as unknown as Db;
    await migrate(db as never, { migrationsFolder });
    return { db, engine: 'pglite', close: async () => { await client.close(); release(); } };
  } catch (e) {
    release();
    throw e;
  }
}

export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

/** Raw SQL returning rows, the same on both drivers (both answer with `{ rows }`). */
export async function queryRows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}
