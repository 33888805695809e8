import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFolder, openDatabase, type Db } from '../src/server/core/db/client.ts';
import * as schema from '../src/server/core/db/schema.ts';
import { members, users } from '../src/server/core/db/schema.ts';
import { seedFixture } from './fixture.ts';

// A DATA_DIR of an earlier version holds a PGlite database in pg/: the first start copies it to
// the embedded PostgreSQL server and keeps the old folder aside.
describe('a PGlite data folder of an earlier version', { timeout: 300_000 }, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tx-upgrade-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('is copied to the embedded server on the first start, with every row, and set aside', async () => {
    const lite = await PGlite.create(path.join(dataDir, 'pg'));
    const liteDb = drizzle(lite, { schema, casing: 'snake_case' });
    await migrate(liteDb, { migrationsFolder });
    const fx = await seedFixture(liteDb as unknown as Db);
    const before = (await liteDb.select({ name: members.name }).from(members)).map((m) => m.name).sort();
    await lite.close();

    const database = await openDatabase({ dataDir });
    try {
      expect(database.engine).toBe('embedded');
      expect((await database.db.select({ name: members.name }).from(members)).map((m) => m.name).sort()).toEqual(before);
      expect((await database.db.select({ id: users.id }).from(users)).map((u) => u.id)).toContain(fx.userIds.staff);
    } finally {
      await database.close();
    }
    expect(fs.existsSync(path.join(dataDir, 'pg'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'pg-pglite', 'PG_VERSION'))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'pglite-export.jsonl'))).toBe(false);

    // The next start opens the embedded server alone, with the data still there.
    const again = await openDatabase({ dataDir });
    try {
      expect(await again.db.$count(members)).toBe(before.length);
    } finally {
      await again.close();
    }
  });
});
