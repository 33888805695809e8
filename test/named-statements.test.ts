import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows, queryRowsNamed, runNamed, type Database } from '../src/server/core/db/client.ts';
import { users } from '../src/server/core/schema.ts';
import { engines, testDatabase } from './helpers.ts';

// Named statements (core/db/client.ts): prepared once on the connection that runs them (the pool's or a
// transaction's), with the builder's row mapping kept; past a cap of distinct texts, run unnamed.

describe.each(engines)('named statements (%s)', (engine) => {
  let database: Database;
  beforeAll(async () => { database = await testDatabase(engine); });
  afterAll(async () => { await database?.close(); });

  const prepared = (tx: Parameters<typeof queryRows>[0], text: string) =>
    queryRows<{ name: string }>(tx, sql`select name from pg_prepared_statements where statement = ${text}`);

  it('prepares a statement once on the transaction\'s connection and answers each call with its own values', async () => {
    await database.db.transaction(async (tx) => {
      const text = 'select $1::int + 1 as n';
      expect(await queryRowsNamed<{ n: number }>(tx, sql`select ${1}::int + 1 as n`)).toEqual([{ n: 2 }]);
      expect(await queryRowsNamed<{ n: number }>(tx, sql`select ${41}::int + 1 as n`)).toEqual([{ n: 42 }]);
      const names = await prepared(tx, text);
      expect(names).toHaveLength(1);
      expect(names[0]!.name).toMatch(/^s_/);
    });
  });

  it('keeps a query builder\'s row mapping (camelCase fields, nested selections)', async () => {
    const rows = await runNamed(database.db.select({ u: { name: users.displayName }, n: sql<number>`1`.mapWith(Number) }).from(users).where(sql`false`));
    expect(rows).toEqual([]);
    await database.db.transaction(async (tx) => {
      const [row] = await runNamed(tx.select({ u: { twice: sql<string>`${'甲'}::text || ${'乙'}::text` }, n: sql<number>`${7}::int`.mapWith(Number) }).from(sql`(select 1) as one`));
      expect(row).toEqual({ u: { twice: '甲乙' }, n: 7 });
    });
  });

  it('runs texts past the cap unnamed: each still answers, and no connection holds more than the cap', async () => {
    await database.db.transaction(async (tx) => {
      for (let i = 0; i < 1_050; i++) {
        const [row] = await queryRowsNamed<{ n: number }>(tx, sql`select ${i}::int as ${sql.raw(`n_${i}`)}`);
        expect(Object.values(row!)).toEqual([i]);
      }
      const [{ held }] = await queryRows<{ held: number }>(tx, sql`select count(*)::int as held from pg_prepared_statements where name like 's\\_%'`) as [{ held: number }];
      expect(held).toBeLessThanOrEqual(1_000);
      expect(await prepared(tx, 'select $1::int as n_1049')).toEqual([]);
    });
  });
});
