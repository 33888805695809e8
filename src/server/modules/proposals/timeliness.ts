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

export interface LeadDeadline { orgId: string; proposalId: string; unitId: string; unitName: string; dueOn: string; timeliness: Timeliness | null }

/**
 * The current lead unit of each assigned proposal (of these ids, or all), its due date and timeliness:
 * of one committee, or of several at once (a roll-up: one statement, every join on org_id, so on Citus
 * it runs on each shard, co-located).
 */
export async function leadDeadlines(db: Queryable, orgId: string | readonly string[], proposalIds?: string[]): Promise<LeadDeadline[]> {
  if (proposalIds && !proposalIds.length) return [];
  const inOrg = <C extends typeof assignments.orgId | typeof replies.orgId>(c: C) => (typeof orgId === 'string' ? eq(c, orgId) : inArray(c, [...orgId]));
  const [leads, reps] = await Promise.all([
    leadAssignments(db, orgId, proposalIds),
    // The latest round's reply date in China, per proposal.
    db.selectDistinctOn([replies.orgId, replies.itemId], { orgId: replies.orgId, proposalId: replies.itemId, on: sql<string>`(${replies.createdAt} at time zone 'Asia/Shanghai')::date::text` })
      .from(replies).where(and(inOrg(replies.orgId), eq(replies.itemKind, KIND), proposalIds ? inArray(replies.itemId, proposalIds) : undefined))
      .orderBy(replies.orgId, replies.itemId, sql`${replies.round} desc, ${replies.createdAt} desc`),
  ]);
  const repliedOn = new Map(reps.map((r) => [`${r.orgId}|${r.proposalId}`, r.on]));
  return withTimeliness(leads, repliedOn);
}

/** The current lead assignment of each assigned proposal (of these ids, or all), with the proposal's state. */
export async function leadAssignments(db: Queryable, orgId: string | readonly string[], proposalIds?: string[]) {
  return db.select({ orgId: assignments.orgId, proposalId: assignments.itemId, unitId: assignments.unitId, unitName: units.name, dueOn: assignments.dueOn, state: proposals.state }).from(assignments)
    .innerJoin(units, and(eq(units.orgId, assignments.orgId), eq(units.id, assignments.unitId)))
    .innerJoin(proposals, and(eq(proposals.orgId, assignments.orgId), eq(proposals.id, assignments.itemId)))
    .where(and(typeof orgId === 'string' ? eq(assignments.orgId, orgId) : inArray(assignments.orgId, [...orgId]), eq(assignments.itemKind, KIND), eq(assignments.role, 'lead'),
      inArray(assignments.state, ['pending', 'signed']), inArray(proposals.state, ASSIGNED), proposalIds ? inArray(assignments.itemId, proposalIds) : undefined));
}

/** Lead assignments with their timeliness, given the latest round's reply date of each proposal (keyed `orgId|proposalId`). */
export function withTimeliness(leads: Awaited<ReturnType<typeof leadAssignments>>, repliedOn: Map<string, string>): LeadDeadline[] {
  const now = today();
  return leads.map(({ state, ...l }) => ({ ...l, timeliness: timeliness(state, l.dueOn, repliedOn.get(`${l.orgId}|${l.proposalId}`) ?? null, now) }));
}
