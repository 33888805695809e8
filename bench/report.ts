// The 四双 report for a city's year (issue 14): the demo committee grown to 800 members, 1,000
// proposals and 100,000 activities (liaison contacts, 双创 activities, duty entries), embedded, timed
// as GET /api/v1/reports/sishuang builds it (every figure, its source and the drafted prose). Against
// a baseline measured in the same run on the same rows: one bare statement counting the year's rows of
// every table the report reads. Medians of BENCH_REPORT_RUNS (3) after one warm-up.
// Run alone: `npx tsx bench/report.ts`.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../src/server/core/db/client.ts';
import type { Actor } from '../src/server/core/policies.ts';
import { users } from '../src/server/core/schema.ts';
import { sishuangReport } from '../src/server/modules/reports/report.ts';
import { seedDemo } from '../src/server/seed/demo.ts';
import { embeddedDatabase } from './pg.ts';

export interface ReportFigure {
  members: number; proposals: number; activities: number; figures: number;
  reportMs: number; baselineMs: number; ratio: number; runsMs: number[]; goalMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const GOAL_MS = 2000;
const TARGET = { members: 800, proposals: 1000, contacts: 30_000, creation: 20_000, entries: 50_000 };

async function timed(fn: () => Promise<unknown>) {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}
const rows = async <T>(db: Db, q: ReturnType<typeof sql>) => (await db.execute(q) as unknown as { rows: T[] }).rows;
const count = async (db: Db, table: string, orgId: string) =>
  (await rows<{ n: number }>(db, sql`select count(*)::int n from ${sql.identifier(table)} where org_id = ${orgId}`))[0]!.n;

/**
 * Copies the committee's rows of `table` until it holds `target`: each copy a new id, with the
 * columns in `change` rewritten (SQL over the copied row, `k` the copy's round) to keep them unique.
 */
async function grow(db: Db, table: string, orgId: string, target: number, change: Record<string, string> = {}) {
  const cols = (await rows<{ c: string }>(db, sql`select column_name c from information_schema.columns
    where table_schema = 'public' and table_name = ${table} order by ordinal_position`)).map((r) => r.c);
  for (let k = 1; ; k++) {
    const have = await count(db, table, orgId);
    if (have >= target || have === 0) return have;
    const pick = cols.map((c) => (c === 'id' ? 'gen_random_uuid()' : change[c] ? change[c]!.replaceAll('$k', String(k)) : `"${c}"`));
    await db.execute(sql.raw(`insert into "${table}" (${cols.map((c) => `"${c}"`).join(', ')})
      select ${pick.join(', ')} from "${table}" where org_id = '${orgId}' limit ${target - have}`));
  }
}

async function measure(runs: number): Promise<ReportFigure> {
  const database = await embeddedDatabase();
  try {
    const db = database.db;
    const { orgId } = await seedDemo(db);
    const year = new Date().getFullYear();
    // The demo's committee grown to a city's year: new members, proposals (numbers kept unique) and activities.
    await grow(db, 'members', orgId, TARGET.members, { name: `name || '$k'`, phone: 'null', email: 'null' });
    await grow(db, 'proposals', orgId, TARGET.proposals, { number: 'case when number is null then null else number + 10000 * $k end' });
    await grow(db, 'liaison_contacts', orgId, TARGET.contacts);
    await grow(db, 'creation_activities', orgId, TARGET.creation);
    await grow(db, 'duty_entries', orgId, TARGET.entries, { key: `key || ':' || gen_random_uuid()` });
    for (const table of ['members', 'proposals', 'liaison_contacts', 'creation_activities', 'duty_entries']) await db.execute(sql.raw(`analyze "${table}"`));

    const [staff] = await db.select().from(users).where(and(eq(users.orgId, orgId), sql`${users.roles} @> '["staff"]'::jsonb`)).limit(1);
    const actor: Actor = { id: staff!.id, orgId, username: staff!.username, displayName: staff!.displayName, roles: staff!.roles as Actor['roles'], memberId: null, unitId: null };
    const tables = ['members', 'proposals', 'replies', 'liaison_contacts', 'creation_activities', 'duty_entries', 'consultations', 'consultation_comments', 'opinions'];
    const baseline = sql.raw(`select ${tables.map((t) => `(select count(*) from "${t}" where org_id = '${orgId}')`).join(' + ')} as n`);

    const report = await sishuangReport(db, actor, year); // warm-up
    const took: number[] = [], bare: number[] = [];
    for (let r = 0; r < runs; r++) {
      took.push(await timed(() => sishuangReport(db, actor, year)));
      bare.push(await timed(() => db.execute(baseline)));
    }
    const a = median(took), b = median(bare);
    const activities = (await count(db, 'liaison_contacts', orgId)) + (await count(db, 'creation_activities', orgId)) + (await count(db, 'duty_entries', orgId));
    return {
      members: await count(db, 'members', orgId), proposals: await count(db, 'proposals', orgId), activities, figures: report.figures.length,
      reportMs: Math.round(a), baselineMs: Math.round(b), ratio: Math.round((a / b) * 10) / 10, runsMs: took.map(Math.round), goalMs: GOAL_MS,
    };
  } finally { await database.close(); }
}

export async function reportBench(runs = 3): Promise<ReportFigure> {
  return measure(runs);
}

export const reportLines = (f: ReportFigure) => [
  '四双 report: a city year built from live data (embedded; baseline: one bare count over every table it reads)',
  `  ${f.members} members, ${f.proposals} proposals, ${f.activities} activities, ${f.figures} figures: report ${f.reportMs} ms (goal < ${f.goalMs} ms), baseline ${f.baselineMs} ms, ratio ${f.ratio}; runs ${f.runsMs.join(', ')} ms`,
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const fig = await reportBench(Number(process.env.BENCH_REPORT_RUNS) || 3);
  console.log(reportLines(fig).join('\n'));
}
