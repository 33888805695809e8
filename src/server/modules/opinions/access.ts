import { and, eq, isNotNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { notFound } from '../../core/errors.ts';
import { hasRole, type Actor } from '../../core/policies.ts';
import { opinions } from './schema.ts';
import type { OpinionFacts, OpinionState } from './workflow.ts';

export type Opinion = typeof opinions.$inferSelect;
export const OFFICE = ['staff', 'admin', 'leader'] as const;

export interface LoadedOpinion { o: Opinion; relations: string[]; facts: OpinionFacts }

/** `author`: the member who wrote it; for a report staff entered for a member, staff too. */
export function relationsOf(actor: Actor, o: Opinion): string[] {
  const mine = (!!actor.memberId && actor.memberId === o.authorMemberId) || (o.enteredByStaff && hasRole(actor, 'staff'));
  return mine ? ['author'] : [];
}

/**
 * Who may read a report, the one rule of GET /opinions/:id and the lists: its author; staff, leaders
 * and admins once submitted, or a draft the office made (converted from a proposal, or entered for a
 * member). Others get 404. `mine`: the caller's own reports only.
 */
export function readableBy(actor: Actor, mine = false): SQL {
  const own = or(
    actor.memberId ? eq(opinions.authorMemberId, actor.memberId) : sql`false`,
    hasRole(actor, 'staff') ? eq(opinions.enteredByStaff, true) : sql`false`,
  )!;
  const office = hasRole(actor, ...OFFICE) && !mine
    ? or(ne(opinions.state, 'draft'), isNotNull(opinions.sourceProposalId), eq(opinions.enteredByStaff, true))
    : undefined;
  return and(eq(opinions.orgId, actor.orgId), office ? or(own, office) : own)!;
}

export async function loadOpinion(db: Queryable, actor: Actor, id: string, opts: { lock?: boolean; bodyLimit?: number } = {}): Promise<LoadedOpinion> {
  const q = db.select().from(opinions).where(and(eq(opinions.id, id), readableBy(actor)));
  const [o] = await (opts.lock ? q.for('update') : q);
  if (!o) throw notFound('Opinion');
  const relations = relationsOf(actor, o);
  return { o, relations, facts: { state: o.state as OpinionState, bodyLength: [...o.body].length, bodyLimit: opts.bodyLimit ?? Infinity } };
}
