// The 四双 report for a city's year (issue 14): the demo committee grown to 800 members, 1,000
// proposals and 100,000 activities (liaison contacts, 双创 activities, duty entries), embedded, timed
// as GET /api/v1/reports/sishuang builds it (every figure, its source and the drafted prose). Against
// a baseline measured in the same run on the same rows: one bare statement counting the year's rows of
// every table the report reads. Medians of BENCH_REPORT_RUNS (3) after one warm-up.
// Then a province rolled up over 15 committees (issue 15): a province set above the city, and the
// grown city copied (every tenant table's rows under a new org_id) into more cities beside it until
// 15 active committees are below the province (the demo's counties count); timed as
// GET /api/v1/reports/sishuang?scope=tree builds it for the province's office, against the same kind
// of baseline over all those committees' rows, and against the city's own report of the same run.
// BENCH_PROVINCE_COMMITTEES (15; 0 leaves it out).
// Run alone: `npx tsx bench/report.ts`.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../src/server/core/db/client.ts';
import type { Actor } from '../src/server/core/policies.ts';
import { orgs, users } from '../src/server/core/schema.ts';
import { activeBelow } from '../src/server/modules/org/oversight.ts';
import { sishuangReport } from '../src/server/modules/reports/report.ts';
import { seedDemo } from '../src/server/seed/demo.ts';
import { embeddedDatabase } from './pg.ts';

export interface ReportFigure {
  members: number; proposals: number; activities: number; figures: number;
  reportMs: number; baselineMs: number; ratio: number; runsMs: number[]; goalMs: number;
  province: ProvinceFigure | null;
}
/** The province's rolled-up report: committees below, rows under them, its time against the baseline and the city's own report. */
export interface ProvinceFigure {
  committees: number; members: number; proposals: number; activities: number; copyS: number;
  treeMs: number; baselineMs: number; ratio: number; perCityRatio: number; runsMs: number[];
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

/** Tables never copied into a new committee: logins' sessions and tokens, the outbox and audit (not read by the report). */
const NOT_COPIED = new Set(['sessions', 'api_tokens', 'outbox', 'audit_log', 'audit_events']);

/** A copy of committee `from` as a new committee under `parent`: every tenant table's rows under its id (ids kept: keys are (org_id, id)). */
export async function copyCommittee(db: Db, from: string, parent: string, name: string) {
  const [org] = await db.insert(orgs).values({ name, level: 'city', parentId: parent }).returning();
  const tables = await rows<{ t: string }>(db, sql`select c.table_name t from information_schema.columns c
    join information_schema.tables x on x.table_schema = c.table_schema and x.table_name = c.table_name and x.table_type = 'BASE TABLE'
    where c.table_schema = 'public' and c.column_name = 'org_id' and c.table_name <> 'orgs' order by 1`);
  for (const { t } of tables) {
    if (NOT_COPIED.has(t)) continue;
    const cols = (await rows<{ c: string; g: string }>(db, sql`select column_name c, is_generated g from information_schema.columns
      where table_schema = 'public' and table_name = ${t} order by ordinal_position`)).filter((c) => c.g !== 'ALWAYS').map((c) => c.c);
    const list = cols.map((c) => `"${c}"`).join(', ');
    const pick = cols.map((c) => (c === 'org_id' ? `'${org!.id}'::uuid` : `"${c}"`)).join(', ');
    // A table with a key across committees (none is expected) is left out of the copy, not fatal.
    await db.execute(sql.raw(`insert into "${t}" (${list}) select ${pick} from "${t}" where org_id = '${from}'`)).catch((e: Error) => console.error(`  (copy of ${t} skipped: ${e.message.split('\n')[0]})`));
  }
  return org!.id;
}

async function measure(runs: number, provinceCommittees: number): Promise<ReportFigure> {
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
    const activitiesOf = async (id: string) => (await count(db, 'liaison_contacts', id)) + (await count(db, 'creation_activities', id)) + (await count(db, 'duty_entries', id));
    const activities = await activitiesOf(orgId);
    const city = {
      members: await count(db, 'members', orgId), proposals: await count(db, 'proposals', orgId), activities, figures: report.figures.length,
      reportMs: Math.round(a), baselineMs: Math.round(b), ratio: Math.round((a / b) * 10) / 10, runsMs: took.map(Math.round), goalMs: GOAL_MS,
    };
    if (!provinceCommittees) return { ...city, province: null };

    // The province: above the city, with copies of the city beside it until 15 committees are below.
    const t0 = performance.now();
    const [province] = await db.insert(orgs).values({ name: '示例省政协', level: 'provincial' }).returning();
    await db.update(orgs).set({ parentId: province!.id }).where(eq(orgs.id, orgId));
    for (let i = 2; (await activeBelow(db, province!.id)).length < provinceCommittees; i++) await copyCommittee(db, orgId, province!.id, `示例第${i}市政协`);
    for (const table of ['members', 'proposals', 'liaison_contacts', 'creation_activities', 'duty_entries']) await db.execute(sql.raw(`analyze "${table}"`));
    const copyS = Math.round((performance.now() - t0) / 100) / 10;
    const below = await activeBelow(db, province!.id);
    const all = [province!.id, ...below.map((o) => o.id)];
    const provinceStaff: Actor = { ...actor, id: '00000000-0000-0000-0000-000000000000', orgId: province!.id, username: 'bench', displayName: '省政协办公厅' };
    const provinceBaseline = sql.raw(`select ${tables.map((t) => `(select count(*) from "${t}" where org_id in (${all.map((id) => `'${id}'`).join(', ')}))`).join(' + ')} as n`);
    await sishuangReport(db, provinceStaff, year, undefined, 'tree'); // warm-up
    const tree: number[] = [], treeBare: number[] = [];
    for (let r = 0; r < runs; r++) {
      tree.push(await timed(() => sishuangReport(db, provinceStaff, year, undefined, 'tree')));
      treeBare.push(await timed(() => db.execute(provinceBaseline)));
    }
    const sum = async (f: (id: string) => Promise<number>) => (await Promise.all(all.map(f))).reduce((x, y) => x + y, 0);
    const tm = median(tree), tb = median(treeBare);
    return {
      ...city,
      province: {
        committees: below.length, members: await sum((id) => count(db, 'members', id)), proposals: await sum((id) => count(db, 'proposals', id)),
        activities: await sum(activitiesOf), copyS, treeMs: Math.round(tm), baselineMs: Math.round(tb), ratio: Math.round((tm / tb) * 10) / 10,
        perCityRatio: Math.round((tm / a) * 10) / 10, runsMs: tree.map(Math.round),
      },
    };
  } finally { await database.close(); }
}

export async function reportBench(runs = 3, provinceCommittees = 15): Promise<ReportFigure> {
  return measure(runs, provinceCommittees);
}

export const reportLines = (f: ReportFigure) => [
  '四双 report: a city year built from live data (embedded; baseline: one bare count over every table it reads)',
  `  ${f.members} members, ${f.proposals} proposals, ${f.activities} activities, ${f.figures} figures: report ${f.reportMs} ms (goal < ${f.goalMs} ms), baseline ${f.baselineMs} ms, ratio ${f.ratio}; runs ${f.runsMs.join(', ')} ms`,
  ...(f.province ? [
    `  province rolled up over ${f.province.committees} committees (${f.province.members} members, ${f.province.proposals} proposals, ${f.province.activities} activities; copied in ${f.province.copyS} s): report ${f.province.treeMs} ms, baseline ${f.province.baselineMs} ms, ratio ${f.province.ratio}; ×${f.province.perCityRatio} the city's own report; runs ${f.province.runsMs.join(', ')} ms`,
  ] : []),
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const fig = await reportBench(Number(process.env.BENCH_REPORT_RUNS) || 3, Number(process.env.BENCH_PROVINCE_COMMITTEES ?? 15));
  console.log(reportLines(fig).join('\n'));
}
