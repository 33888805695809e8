import type { Queryable } from '../../core/db/client.ts';
import type { Actor } from '../../core/policies.ts';
import { sheet, type Tables } from '../../core/xlsx.ts';
import type { Scope } from '../org/oversight.ts';
import { addTotals, perCommittee } from '../org/rollup.ts';
import { COUNTERS, counters, type By, type Counter, type CounterFilter } from './counters.ts';
import { compliance } from './queries.ts';

// 双联 figures over the caller's scope (org/rollup.ts): its own committee's, or with scope=tree (the
// office and leaders, org.oversee) every active committee below added up. Each committee's figures
// come from the very function that computes one committee's, by its org_id. The totals add up; the
// rows per member (the counters by member, sector, special committee or county, and the compliance
// board's liaisons) stay the caller's own committee's — the members of a committee below are its
// own (their names and reports are not the level above's to read: the 双创 rule, which lists the
// rows of the committees below, is 双创's alone) — and `byOrg` gives each committee's totals.

type Counted = Awaited<ReturnType<typeof counters>>;
type Board = Awaited<ReturnType<typeof compliance>>;
type Tally = Counted['total'];
type BoardTotals = Board['totals'];

/**
 * The counters over the scope. With scope=tree `total` is every committee's added up and `byOrg`
 * each one's; `items` and every `sources` URL stay the caller's committee's (`sourceCovers: 'own'`).
 * The filters (member, sector, special committee, county) name records of the caller's committee,
 * so a committee below counts under them only what matches the same ids (nothing): unfiltered, the
 * tree's total is all of them.
 */
export async function countersOver(db: Queryable, actor: Actor, f: CounterFilter & { by: By }, scope?: Scope) {
  const c = addTotals<'total', Counter, Counted>(await perCommittee(db, actor, scope, (a) => counters(db, a.orgId, f)), 'total');
  return c.scope === 'tree' ? { ...c, sourceCovers: 'own' as const } : c;
}

/**
 * The compliance board over the scope. With scope=tree `totals` add up every committee's and
 * `byOrg` gives each one's; the liaisons listed (`items`) stay the caller's committee's.
 */
export async function complianceOver(db: Queryable, actor: Actor, year: number, opts: { only?: string | null; behind?: boolean }, scope?: Scope) {
  const parts = await perCommittee(db, actor, scope, (a) => compliance(db, a.orgId, year, a.orgId === actor.orgId ? opts : { behind: opts.behind }));
  return addTotals<'totals', keyof BoardTotals, Board>(parts, 'totals');
}

const COUNTER_HEADERS = { policyTalks: '宣讲场次', membersVisited: '走访委员人次', massesVisited: '界别群众人次', opinionsCollected: '征求意见建议条数', problemsSolved: '协调解决实际问题件数' } as const;

/** Rolled up: each committee's counters and their sum, a sheet of its own. */
export const countersByOrgTable = (c: { byOrg: ({ org: string } & Tally)[]; total: Tally }): Tables => [sheet<{ org: string } & Tally>('各政协', [
  { header: '政协', value: (r) => r.org, width: 20 },
  ...COUNTERS.map((k) => ({ header: COUNTER_HEADERS[k], value: (r: Tally) => r[k], width: 14 })),
], [...c.byOrg, { org: '合计', ...c.total }], { boldLastRow: true })];

/** Rolled up: each committee's compliance totals and their sum, a sheet of its own. */
export const complianceByOrgTable = (b: { byOrg: ({ org: string } & BoardTotals)[]; totals: BoardTotals }): Tables => [sheet<{ org: string } & BoardTotals>('各政协', [
  { header: '政协', value: (r) => r.org, width: 20 },
  { header: '联系人', value: (r) => r.liaisons, width: 10 },
  { header: '滞后', value: (r) => r.behind, width: 10 },
  { header: '联系对象数', value: (r) => r.links, width: 12 },
  { header: '已见面', value: (r) => r.met, width: 10 },
  { header: '未见面', value: (r) => r.unmet, width: 10 },
  { header: '已书面报告', value: (r) => r.reported, width: 12 },
], [...b.byOrg, { org: '合计', ...b.totals }], { boldLastRow: true })];
