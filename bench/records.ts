// 履职档案: recomputing every member's yearly totals from the stored entries with the rules (what
// POST /records/recompute and a rule change do), for 800 members × one year (~100,000 entries) and
// ten times the entries (8,000 members), embedded. Against a baseline measured in the same run on
// the same rows: one bare aggregate (count per member) that reads every entry once. Medians of
// BENCH_RECORDS_RUNS (3). Also the office's list (first page, ranks and grades) on top of the totals.
// Run alone: `tsx bench/records.ts`.
import { sql } from 'drizzle-orm';
import type { Database } from '../src/server/core/db/client.ts';
import { recomputeYear } from '../src/server/modules/records/entries.ts';
import { listTotals } from '../src/server/modules/records/queries.ts';
import { DEFAULT_RULES } from '../src/server/modules/records/rules.ts';
import { seedFixture } from '../test/fixture.ts';
import { embeddedDatabase } from './pg.ts';

export interface RecordsFigure { members: number; entries: number; recomputeMs: number; baselineMs: number; ratio: number; listMs: number; runsMs: number[]; goalMs: number }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const YEAR = 2026;
/** Every rule's key (kind, and kind.variant): the entries spread over all of them. */
const KEYS = Object.keys(DEFAULT_RULES.points);

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** A committee of `members` members with `perMember` entries each in YEAR, written by SQL in bulk. */
export async function seed(database: Database, members: number, perMember: number) {
  const db = database.db;
  const fx = await seedFixture(db);
  const kinds = sql.join(KEYS.map((k) => sql`${k}`), sql`, `);
  await db.execute(sql`insert into members (org_id, name, party, sector_id, standing)
    select ${fx.orgId}::uuid, '委员' || g, '无党派', (array[${fx.sectorIds[0]}::uuid, ${fx.sectorIds[1]}::uuid])[1 + g % 2], false from generate_series(1, ${members}) g`);
  await db.execute(sql`insert into member_committees (org_id, member_id, committee_id)
    select org_id, id, ${fx.committeeId}::uuid from members where org_id = ${fx.orgId} and name like '委员%' and random() < 0.3`);
  // Member by member, so no statement holds a million rows at once.
  const ids = (await db.execute(sql`select id from members where org_id = ${fx.orgId} and name like '委员%'`) as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 100) {
    await db.execute(sql`insert into duty_entries (org_id, member_id, kind, variant, key, source_type, source_id, href, title, occurred_on, year)
      select ${fx.orgId}::uuid, m, split_part(k, '.', 1), nullif(split_part(k, '.', 2), ''), 'bench:' || m || ':' || g, 'bench', g::text, '/bench', '',
        make_date(${YEAR}, 1 + g % 12, 1 + g % 28), ${YEAR}
      from unnest(${sql.raw(`array[${ids.slice(i, i + 100).map((id) => `'${id}'::uuid`).join(',')}]`)}) m,
        generate_series(1, ${perMember}) g,
        lateral (select (array[${kinds}])[1 + (g + hashtext(m::text) & 1023) % ${KEYS.length}] k) pick`);
  }
  await db.execute(sql`analyze duty_entries`);
  return fx.orgId;
}

async function measure(members: number, perMember: number, runs: number, goalMs: number): Promise<RecordsFigure> {
  const database = await embeddedDatabase();
  try {
    const db = database.db;
    const orgId = await seed(database, members, perMember);
    const [{ n }] = (await db.execute(sql`select count(*)::int n from duty_entries where org_id = ${orgId}`) as unknown as { rows: [{ n: number }] }).rows;
    const recompute: number[] = [], baseline: number[] = [], list: number[] = [];
    await db.transaction((tx) => recomputeYear(tx, orgId, YEAR)); // warm-up
    for (let r = 0; r < runs; r++) {
      recompute.push(await timed(() => db.transaction((tx) => recomputeYear(tx, orgId, YEAR))));
      baseline.push(await timed(() => db.execute(sql`select member_id, count(*) from duty_entries where org_id = ${orgId} and year = ${YEAR} group by member_id`)));
      list.push(await timed(() => listTotals(db, orgId, { year: YEAR }, { limit: 20, offset: 0 })));
    }
    const a = median(recompute), b = median(baseline);
    const round = (x: number) => Math.round(x);
    return { members, entries: n, recomputeMs: round(a), baselineMs: round(b), ratio: Math.round((a / b) * 100) / 100, listMs: round(median(list)), runsMs: recompute.map(round), goalMs };
  } finally { await database.close(); }
}

export async function recordsBench(runs = 3): Promise<RecordsFigure[]> {
  return [await measure(800, 125, runs, 2000), await measure(8000, 125, runs, 20000)];
}

export const recordsLines = (figs: RecordsFigure[]) => [
  'duty records: recompute a year\'s totals from the entries with the rules (embedded; baseline: one count per member over the same rows)',
  ...figs.map((f) => `  ${String(f.members).padStart(5)} members, ${String(f.entries).padStart(8)} entries: recompute ${f.recomputeMs} ms (goal < ${f.goalMs} ms), baseline ${f.baselineMs} ms, ratio ${f.ratio}; list page 1 ${f.listMs} ms`),
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const figs = await recordsBench(Number(process.env.BENCH_RECORDS_RUNS) || 3);
  console.log(recordsLines(figs).join('\n'));
  console.log(JSON.stringify(figs, null, 2));
}
