import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { assignments, replies } from '../handling/schema.ts';
import { today } from '../handling/deadlines.ts';
import { units } from '../org/schema.ts';
import { KIND } from './access.ts';
import { proposals } from './schema.ts';

// 按期答复 (on time), one definition for the statistics and the overdue board. An assigned proposal
// counts once its lead unit's reply is in or due: on time when the lead unit replied no later than
// its due date (extensions granted count; after a re-handling, the new round's reply against the new
// date), late when it replied after that date or the date has passed with no reply. A proposal still
// being handled before its due date does not count yet. On-time rate = on time / (on time + late).
// The statistics (stats.ts) count the same rule in SQL, as a `case` on the same dates: change both.

export type Timeliness = 'onTime' | 'late';

/** The proposal states in which the lead unit's reply of the current round is in. */
const ANSWERED = ['replied', 'closed'];
/** Assigned and not sent back: the lead unit owes or gave a reply. */
const ASSIGNED = ['assigned', 'handling', 'replied', 'rehandling', 'closed'];

export function timeliness(state: string, dueOn: string, repliedOn: string | null, now: string = today()): Timeliness | null {
  if (ANSWERED.includes(state) && repliedOn) return repliedOn <= dueOn ? 'onTime' : 'late';
  return dueOn < now ? 'late' : null;
}

/** A share in percent with one decimal, or null when there is nothing to divide by. */
export const rate = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 10 : null);

/** On time, late and the on-time rate of some proposals. */
export function onTimeFigures(items: readonly { timeliness: Timeliness | null }[]) {
  const onTime = items.filter((x) => x.timeliness === 'onTime').length;
  const late = items.filter((x) => x.timeliness === 'late').length;
  return { onTime, late, onTimeRate: rate(onTime, onTime + late) };
}

export interface LeadDeadline { proposalId: string; unitId: string; unitName: string; dueOn: string; timeliness: Timeliness | null }

/** The current lead unit of each assigned proposal (of these ids, or all), its due date and timeliness. */
export async function leadDeadlines(db: Queryable, orgId: string, proposalIds?: string[]): Promise<LeadDeadline[]> {
  if (proposalIds && !proposalIds.length) return [];
  const only = proposalIds ? inArray(assignments.itemId, proposalIds) : undefined;
  const [leads, reps] = await Promise.all([
    db.select({ proposalId: assignments.itemId, unitId: assignments.unitId, unitName: units.name, dueOn: assignments.dueOn, state: proposals.state }).from(assignments)
      .innerJoin(units, and(eq(units.orgId, assignments.orgId), eq(units.id, assignments.unitId)))
      .innerJoin(proposals, and(eq(proposals.orgId, assignments.orgId), eq(proposals.id, assignments.itemId)))
      .where(and(eq(assignments.orgId, orgId), eq(assignments.itemKind, KIND), eq(assignments.role, 'lead'), inArray(assignments.state, ['pending', 'signed']),
        inArray(proposals.state, ASSIGNED), only)),
    // The latest round's reply date in China, per proposal.
    db.selectDistinctOn([replies.itemId], { proposalId: replies.itemId, on: sql<string>`(${replies.createdAt} at time zone 'Asia/Shanghai')::date::text` })
      .from(replies).where(and(eq(replies.orgId, orgId), eq(replies.itemKind, KIND), proposalIds ? inArray(replies.itemId, proposalIds) : undefined))
      .orderBy(replies.itemId, sql`${replies.round} desc, ${replies.createdAt} desc`),
  ]);
  const repliedOn = new Map(reps.map((r) => [r.proposalId, r.on]));
  const now = today();
  return leads.map(({ state, ...l }) => ({ ...l, timeliness: timeliness(state, l.dueOn, repliedOn.get(l.proposalId) ?? null, now) }));
}
