// A province on one database (issue 15): the demo city's year (its members, sectors, terms, units and
// proposals with their assignments, replies, evaluations and ratings) copied into 100 committees under
// one province, by SQL (insert … select over the 100 at once: tenant keys are (org_id, id), so each copy
// keeps its ids and only org_id changes), on PostgreSQL; `analyze`. Then the province-wide roll-up of
// the 双评 figures as GET /api/v1/proposals/stats?by=org&scope=tree computes it (figureScope: the
// active committees below; proposalStats: the proposals' facts counted in SQL per committee × grouping
// key, every join on org_id, in up to 10 parts at once over the pool, the rows added up in the
// process), against a baseline measured in the same run: one
// committee's own figures (scope=own); and, for comparison, the same roll-up read committee by committee
// (100 proposalStats of one, all at once over the pool of 10). Medians of BENCH_PROVINCE_RUNS (5) after one warm-up; goal < 1 s.
// The database is created for the run and dropped after it (BENCH_DATABASE_URL, TEST_DATABASE_URL, or
// the local postgres://postgres@127.0.0.1:5432/test). Run alone: `npx tsx bench/province.ts`.
import { and, eq, sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Db } from '../src/server/core/db/client.ts';
import type { Actor } from '../src/server/core/policies.ts';
import { orgs, users } from '../src/server/core/schema.ts';
import { figureScope } from '../src/server/modules/org/oversight.ts';
import { proposalStats } from '../src/server/modules/proposals/stats.ts';
import { seedDemo } from '../src/server/seed/demo.ts';
import { freshDatabase } from './pg.ts';

export interface ProvinceFigure {
  committees: number; proposalsEach: number; proposals: number; loadSeconds: number; pool: number;
  rollupMs: number; baselineMs: number; ratio: number; runsMs: number[]; goalMs: number; received: number;
  /** The other way: each committee's figures read on its own, all at once over the pool, then added up. */
  perCommitteeMs: number; perCommitteeRatio: number;
}

const GOAL_MS = 1000;
const COMMITTEES = 100;
/** The tables the 双评 figures read, copied per committee. */
const TABLES = ['sectors', 'terms', 'plenary_sessions', 'units', 'members', 'proposals', 'assignments', 'replies', 'evaluations', 'proposal_ratings'];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

async function timed(fn: () => Promise<unknown>) {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** The province, its 100 committees, and each committee's copy of the demo city's rows. */
async function loadProvince(db: Db, cityId: string, n: number) {
  const [province] = await db.insert(orgs).values({ name: '示例省政协', level: 'provincial' }).returning();
  await db.execute(sql`insert into ${orgs} (name, level, parent_id, code)
    select '示例省第' || g || '市政协', 'city', ${province!.id}, 'bench-' || g from generate_series(1, ${n}) g`);
  for (const table of TABLES) {
    const t0 = performance.now();
    const cols = (await queryRows<{ c: string }>(db, sql`select column_name c from information_schema.columns
      where table_schema = current_schema() and table_name = ${table} and is_generated = 'NEVER' order by ordinal_position`)).map((r) => `"${r.c}"`);
    await db.execute(sql.raw(`insert into "${table}" (${cols.join(', ')}) select ${cols.map((c) => (c === '"org_id"' ? 'o.id' : `t.${c}`)).join(', ')}
      from "${table}" t cross join (select id from orgs where parent_id = '${province!.id}') o where t.org_id = '${cityId}'`));
    await db.execute(sql.raw(`analyze "${table}"`));
    process.stderr.write(`[province] ${table} copied in ${Math.round(performance.now() - t0)} ms\n`);
  }
  return province!.id;
}

export async function provinceBench(runs = 5, base = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || DEFAULT_URL): Promise<ProvinceFigure> {
  const fresh = await freshDatabase(base);
  const pool = 10;
  const database = await openDatabase({ url: fresh.url, max: pool });
  try {
    const db = database.db;
    const { orgId: cityId } = await seedDemo(db);
    const t0 = performance.now();
    const provinceId = await loadProvince(db, cityId, COMMITTEES);
    const loadSeconds = Math.round((performance.now() - t0) / 100) / 10;
    const [staff] = await db.select().from(users).where(and(eq(users.orgId, cityId), sql`${users.roles} @> '["staff"]'::jsonb`)).limit(1);
    const actorOf = (orgId: string): Actor => ({ id: staff!.id, orgId, username: 'bench', displayName: 'bench', roles: ['staff'], memberId: null, unitId: null });
    const province = actorOf(provinceId);
    const [first] = await queryRows<{ id: string }>(db, sql`select id from ${orgs} where parent_id = ${provinceId} order by code limit 1`);
    const one = actorOf(first!.id);
    // As the route: the committees of the scope, then their figures added up.
    const rollup = async () => proposalStats(db, await figureScope(db, province, 'tree'), 'org', {});
    const own = async () => proposalStats(db, await figureScope(db, one, 'own'), 'org', {});
    const perCommittee = async () => {
      const scope = await figureScope(db, province, 'tree');
      const each = await Promise.all(scope.map((o) => proposalStats(db, [o], 'org', {})));
      return each.reduce((n, s) => n + s.total.received, 0);
    };
    const result = await rollup(); // warm-up
    await own();
    if ((await perCommittee()) !== result.total.received) throw new Error('the two roll-ups disagree');
    const took: number[] = [], bare: number[] = [], apart: number[] = [];
    for (let r = 0; r < runs; r++) {
      took.push(await timed(rollup));
      bare.push(await timed(own));
      apart.push(await timed(perCommittee));
    }
    const [counts] = await queryRows<{ each: number; all: number }>(db, sql`select
      (select count(*)::int from proposals where org_id = ${first!.id}) as each,
      (select count(*)::int from proposals p join orgs o on o.id = p.org_id where o.parent_id = ${provinceId}) as all`);
    const a = median(took), b = median(bare);
    return {
      committees: result.committees.length - 1, proposalsEach: counts!.each, proposals: counts!.all, loadSeconds, pool,
      rollupMs: Math.round(a), baselineMs: Math.round(b * 10) / 10, ratio: Math.round((a / b) * 10) / 10, runsMs: took.map(Math.round), goalMs: GOAL_MS,
      received: result.total.received, perCommitteeMs: Math.round(median(apart)), perCommitteeRatio: Math.round((median(apart) / b) * 10) / 10,
    };
  } finally {
    await database.close();
    await fresh.drop();
  }
}

export const provinceLines = (f: ProvinceFigure) => [
  `a province on PostgreSQL: 双评 figures rolled up over ${f.committees} committees (scope=tree, by committee; pool of ${f.pool}); baseline: one committee's own figures`,
  `  ${f.proposalsEach} proposals each, ${f.proposals} in all (copied in ${f.loadSeconds} s), ${f.received} received: roll-up ${f.rollupMs} ms (goal < ${f.goalMs} ms), baseline ${f.baselineMs} ms, ratio ${f.ratio}; runs ${f.runsMs.join(', ')} ms`,
  `  the same roll-up read committee by committee (all at once over the pool): ${f.perCommitteeMs} ms, ratio ${f.perCommitteeRatio}`,
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const fig = await provinceBench(Number(process.env.BENCH_PROVINCE_RUNS) || 5);
  console.log(provinceLines(fig).join('\n'));
}
