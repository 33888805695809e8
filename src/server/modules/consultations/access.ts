import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { notFound } from '../../core/errors.ts';
import type { Actor } from '../../core/policies.ts';
import { consultationRecommendations as r, consultations } from './schema.ts';
import type { ConsultationFacts, ConsultationState, Kind } from './workflow.ts';

export type Consultation = typeof consultations.$inferSelect;
export interface LoadedConsultation { c: Consultation; facts: ConsultationFacts }

/**
 * A consultation of the caller's committee: every login of the committee may read it (members take
 * part in it, units handle its recommendations); another committee's is a 404.
 */
export async function loadConsultation(db: Queryable, actor: Actor, id: string, opts: { lock?: boolean } = {}): Promise<LoadedConsultation> {
  const q = db.select().from(consultations).where(and(eq(consultations.orgId, actor.orgId), eq(consultations.id, id)));
  const [c] = await (opts.lock ? q.for('update') : q);
  if (!c) throw notFound('Consultation');
  const [recommendations] = await db.select({
    pending: sql<number>`count(*) filter (where ${r.state} = 'pending')::int`,
    unanswered: sql<number>`count(*) filter (where ${r.state} not in ('replied', 'closed'))::int`,
    untracked: sql<number>`count(*) filter (where ${r.outcomeKind} is null and ${r.noOutcomeReason} is null)::int`,
  }).from(r).where(and(eq(r.orgId, c.orgId), eq(r.consultationId, c.id)));
  return { c, facts: { state: c.state as ConsultationState, kind: c.kind as Kind, commentsOpen: c.commentsOpen, recommendations: recommendations! } };
}

/** The consultation as its transition table sees it. */
export const subject = (l: LoadedConsultation, actor: Actor) => ({ state: l.facts.state, actor, relations: [], ctx: l.facts });
