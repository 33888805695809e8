import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgDatabase, PgDialect, PgTransaction, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { ClientBase } from 'pg';
import * as schema from './schema.ts';
import { lockDataDir } from './lock.ts';
import { startEmbedded, type EmbeddedServer } from './embedded.ts';
import { exportPglite, finishUpgrade, hasPgliteData } from './pglite-upgrade.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries run on: the database or an open transaction. */
export type Queryable = Db | Tx;

export interface Database {
  db: Db;
  /** "embedded": the PostgreSQL server tongxin runs itself in DATA_DIR; "postgres": DATABASE_URL. */
  engine: 'embedded' | 'postgres';
  close(): Promise<void>;
}

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../drizzle');

/** PostgreSQL at a URL (`max`: pool size, default 10), or the embedded server in a data folder. */
export type DbTarget = { url: string; max?: number } | { dataDir: string };

/** The database tongxin keeps in the embedded server. */
const EMBEDDED_DB = 'tongxin';

/**
 * Opens the database and applies migrations: PostgreSQL at a URL, or the embedded PostgreSQL
 * server in a data folder (locked to this process, started here and stopped on close).
 * Both are reached through the same node-postgres pool.
 */
export async function openDatabase(target: DbTarget): Promise<Database> {
  if ('url' in target) return connect(target.url, 'postgres', async () => {}, target.max);
  const release = lockDataDir(target.dataDir);
  let server: EmbeddedServer | undefined;
  try {
    const upgrade = hasPgliteData(target.dataDir) ? path.join(target.dataDir, 'pglite-export.jsonl') : null;
    if (upgrade) await exportPglite(target.dataDir, upgrade, migrationsFolder, schema);
    server = await startEmbedded(path.join(target.dataDir, 'postgres'));
    const url = await ensureDatabase(server.url, EMBEDDED_DB);
    const { stop, stopping } = server;
    const database = await connect(url, 'embedded', async () => { await stop(); release(); }, 10, stopping);
    if (upgrade) await finishUpgrade(target.dataDir, database.db, upgrade).catch(async (e) => { await database.close(); throw e; });
    return database;
  } catch (e) {
    await server?.stop().catch(() => {});
    release();
    throw e;
  }
}

/** The URL of database `name` on the server of `url`, created if it is not there yet. */
async function ensureDatabase(url: string, name: string): Promise<string> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function connect(url: string, engine: Database['engine'], after: () => Promise<void>, max = 10, stopping = () => false): Promise<Database> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection the server ends (restart, failover, pg_terminate_backend, idle timeouts) is
  // dropped from the pool and replaced on demand; without a listener the 'error' would kill the process.
  // (Not said while our own embedded server is being stopped: that is the shutdown, not news.)
  pool.on('error', (err) => { if (!stopping()) console.warn(`PostgreSQL closed an idle connection: ${err.message}`); });
  const db = drizzle(pool, { schema, casing: 'snake_case' }) as unknown as Db;
  try {
    // Several app servers may start at once: one migrates, the others wait on the advisory lock.
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock(727274)');
      await migrate(drizzle(client, { casing: 'snake_case' }), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock(727274)').catch(() => {});
      client.release();
    }
  } catch (e) {
    await pool.end(); // (the caller stops what `after` would: it started it)
    throw e;
  }
  return { db, engine, close: async () => { await pool.end(); await after(); } };
}

/** A query built and prepared once per database, then run with placeholders on every call. */
export function preparedPer<Q>(build: (db: Queryable) => Q): (db: Queryable) => Q {
  const made = new WeakMap<Queryable, Q>();
  return (db) => {
    let q = made.get(db);
    if (!q) made.set(db, q = build(db));
    return q;
  };
}

/** Statement texts named so far; past the cap a text runs unnamed (each name stays prepared on every connection that ran it). */
const statementNames = new Map<string, string>();
const MAX_NAMED = 1000;
const nameOf = (text: string): string | undefined => {
  let name = statementNames.get(text);
  if (!name && statementNames.size < MAX_NAMED) statementNames.set(text, name = `s_${createHash('sha1').update(text).digest('base64url')}`);
  return name;
};

/**
 * Runs a query builder's statement as a named one on whichever connection `db` holds (the pool's or
 * an open transaction's): PostgreSQL parses it once per connection, plans it generically once it has
 * run a few times, and node-postgres sends only its name and values from then on. For the statements
 * every command sends (a prepared query of `preparedPer` runs on the pool, not on a transaction's
 * connection). Only for statements whose text takes few shapes.
 */
export function runNamed<R>(query: { prepare(name: string): { execute(): Promise<R> } }): Promise<R> {
  // Built once, unnamed, then named by its text (a builder's prepare is the only way to its row mapping).
  const prepared = query.prepare(undefined as unknown as string) as unknown as { queryString: string; queryConfig: { name?: string }; rawQueryConfig: { name?: string }; execute(): Promise<R> };
  prepared.queryConfig.name = prepared.rawQueryConfig.name = nameOf(prepared.queryString);
  return prepared.execute();
}

/** `queryRows` as a named statement (see runNamed). */
export async function queryRowsNamed<T>(db: Queryable, query: SQL): Promise<T[]> {
  const built = (db as unknown as { dialect: PgDialect }).dialect.sqlToQuery(query);
  const res = await db._.session.prepareQuery(built, undefined, nameOf(built.sql), false).execute();
  return (res as { rows: T[] }).rows;
}

export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

/**
 * A column of the outer query inside a correlated subquery of a selected field. Drizzle writes the columns of a
 * one-table select without their table's name, so `c.id = ${t.id}` would compare the subquery's own `id`; nested, the name stays.
 */
export const outer = (column: AnyPgColumn) => sql`${column}`;
/** A list as ONE array parameter of that element type (drizzle would spread a bare array into a list of parameters). */
export const arrayParam = (values: unknown[], type: 'uuid' | 'text' | 'int' | 'bigint' | 'bool') => sql`${sql.param(values)}::${sql.raw(type)}[]`;

/** Raw SQL returning rows, the same on both drivers (both answer with `{ rows }`). */
export async function queryRows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** The node-postgres connection `db` runs on: an open transaction's own (for what drizzle cannot send, e.g. a COPY). */
export function connectionOf(tx: Tx): ClientBase {
  return (tx._.session as unknown as { client: ClientBase }).client;
}
