import { eq, sql, type SQL } from 'drizzle-orm';
import { outer } from '../../core/db/client.ts';
import { hasRole, type Actor } from '../../core/policies.ts';
import { selectionEntries, selectionReviews } from './schema.ts';

// Who acts at a level: the proposer nominates (no scores); staff record the body's scores; the
// clerks of each entry's lead unit score it; at a chair meeting leaders may score besides staff.
export const LEVEL_ACTORS = ['proposer', 'staff', 'leadUnit', 'staffOrLeader'] as const;
export type LevelActor = (typeof LEVEL_ACTORS)[number];

export interface LevelDef { key: string; name: string; actor: LevelActor; quota: number | null }

/**
 * The six levels of the seed speech's 双评 (六级把关、层层筛选): 提案人、提案委、承办单位、
 * 党委政府督查部门、主席会议、常委会议. Quotas are how many each passes on; the last names the winners.
 */
export const DEFAULT_LEVELS: readonly LevelDef[] = [
  { key: 'proposer', name: '提案人自荐', actor: 'proposer', quota: null },
  { key: 'committee', name: '提案委员会初评', actor: 'staff', quota: 40 },
  { key: 'unit', name: '承办单位推荐', actor: 'leadUnit', quota: 30 },
  { key: 'supervision', name: '党委政府督查部门审核', actor: 'staff', quota: 25 },
  { key: 'chair', name: '主席会议审议', actor: 'staffOrLeader', quota: 20 },
  { key: 'standing', name: '常委会议表彰', actor: 'staff', quota: 15 },
];

/** Whether the actor scores this entry at a level with this actor kind. */
export function reviews(actor: Actor, levelActor: string, entry: { leadUnitId: string | null }): boolean {
  switch (levelActor) {
    case 'staff': return hasRole(actor, 'staff');
    case 'staffOrLeader': return hasRole(actor, 'staff', 'leader');
    case 'leadUnit': return hasRole(actor, 'unit') && !!actor.unitId && actor.unitId === entry.leadUnitId;
    default: return false; // the proposer's level takes nominations, not scores
  }
}

/** The same rule over selection_entries, as SQL; undefined where the actor scores nothing at such a level. */
export function reviewedBy(actor: Actor, levelActor: string): SQL | undefined {
  if (levelActor === 'leadUnit') return hasRole(actor, 'unit') && actor.unitId ? eq(selectionEntries.leadUnitId, actor.unitId) : undefined;
  return reviews(actor, levelActor, { leadUnitId: null }) ? sql`true` : undefined;
}

/** The China-time bounds of a calendar year, for "proposals of that year" (by submission). */
export function yearBounds(year: number): [Date, Date] {
  const shift = 8 * 3600_000; // Asia/Shanghai, no daylight saving
  return [new Date(Date.UTC(year, 0, 1) - shift), new Date(Date.UTC(year + 1, 0, 1) - shift)];
}

/** An entry's average score at a level (one decimal, null before any score), as SQL over selection_entries. */
export const scoreAt = (level: number) => sql<number | null>`(select round(avg(s.score)::numeric, 1)::float from ${selectionReviews} s
  where s.org_id = ${outer(selectionEntries.orgId)} and s.entry_id = ${outer(selectionEntries.id)} and s.level = ${level})`;
