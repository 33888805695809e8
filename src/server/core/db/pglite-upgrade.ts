import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './client.ts';
import { backup, restore } from './backup.ts';

// Until version 0.2 the embedded database was PGlite, in DATA_DIR/pg. On the first start of the
// embedded PostgreSQL server, such a folder is copied over (as a backup and its restore: every
// committee's rows; sessions are not kept, so everyone logs in again) and kept beside as pg-pglite.

export const pgliteDir = (dataDir: string) => path.join(dataDir, 'pg');

/** Whether DATA_DIR holds a PGlite database not yet copied to the embedded server. */
export const hasPgliteData = (dataDir: string) => fs.existsSync(path.join(pgliteDir(dataDir), 'PG_VERSION'));

/** Writes the PGlite database's backup to `file` (after bringing its schema up to date). */
export async function exportPglite(dataDir: string, file: string, migrationsFolder: string, schema: Record<string, unknown>) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const client = await PGlite.create(pgliteDir(dataDir));
  try {
    const db = drizzle(client, { schema, casing: 'snake_case' });
    await migrate(db, { migrationsFolder });
    return await backup(db as unknown as Db, file);
  } finally {
    await client.close();
  }
}

/** Restores the export into the new database and sets the PGlite folder aside. */
export async function finishUpgrade(dataDir: string, db: Db, file: string) {
  const r = await restore(db, file);
  fs.renameSync(pgliteDir(dataDir), path.join(dataDir, 'pg-pglite'));
  fs.rmSync(file, { force: true });
  console.warn(`Copied ${r.orgs} committee(s), ${r.rows} rows from the earlier embedded database (PGlite) to the embedded PostgreSQL server; ` +
    `the old folder is kept as ${path.join(dataDir, 'pg-pglite')} and can be deleted once you have checked the data.`);
}
