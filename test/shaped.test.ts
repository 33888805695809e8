import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../src/server/core/db/client.ts';
import { shaped } from '../src/server/core/db/shaped.ts';
import { engines, testDatabase } from './helpers.ts';

// A statement compiled once per shape (core/db/shaped.ts): later calls of the shape run with their own
// values; a build that puts a value in the text is never reused for another value.

describe.each(engines)('shaped statements (%s)', (engine) => {
  let database: Database;
  beforeAll(async () => { database = await testDatabase(engine); });
  afterAll(async () => { await database?.close(); });

  const run = async (shape: string, vars: Record<string, string | number>, build: (v: Record<string, string | number>) => ReturnType<typeof sql>) => {
    const { statement, meta } = shaped(shape, vars, (v) => ({ statement: build(v), meta: Object.keys(v) }));
    return { rows: await queryRows<Record<string, unknown>>(database.db, statement), meta };
  };

  it('runs each call of a shape with its own values, constants kept', async () => {
    const build = (v: Record<string, string | number>) => sql`select ${v.word}::text as word, ${v.n}::int + ${2}::int as n, ${'fixed'}::text as fixed, ${v.id}::uuid as id`;
    const a = await run('test:values', { word: '服务', n: 1, id: '00000000-0000-4000-8000-000000000001' }, build);
    const b = await run('test:values', { word: '发展 & 规划', n: 40, id: '00000000-0000-4000-8000-000000000002' }, build);
    expect(a.rows).toEqual([{ word: '服务', n: 3, fixed: 'fixed', id: '00000000-0000-4000-8000-000000000001' }]);
    expect(b.rows).toEqual([{ word: '发展 & 规划', n: 42, fixed: 'fixed', id: '00000000-0000-4000-8000-000000000002' }]);
    expect(b.meta).toEqual(['word', 'n', 'id']);
  });

  it('builds again, for each call, a statement that holds a value in its text', async () => {
    const build = (v: Record<string, string | number>) => sql`select ${sql.raw(String(Number(v.n)))}::int as n, ${v.word}::text as word`;
    expect((await run('test:inline', { n: 5, word: 'a' }, build)).rows).toEqual([{ n: 5, word: 'a' }]);
    expect((await run('test:inline', { n: 7, word: 'b' }, build)).rows).toEqual([{ n: 7, word: 'b' }]);
    // A value changed on its way into a parameter is not a stand-in's place either: built each time.
    const derived = (v: Record<string, string | number>) => sql`select ${`${v.word}!`}::text as word`;
    expect((await run('test:derived', { word: 'x' }, derived)).rows).toEqual([{ word: 'x!' }]);
    expect((await run('test:derived', { word: 'y' }, derived)).rows).toEqual([{ word: 'y!' }]);
  });
});
