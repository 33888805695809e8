import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { notFound } from '../../core/errors.ts';
import { hasRole, type Actor } from '../../core/policies.ts';
import { today } from '../handling/deadlines.ts';
import * as engine from '../handling/engine.ts';
import { pendingExtension, type Assignment } from '../handling/engine.ts';
import { assignments } from '../handling/schema.ts';
import { consultationRecommendations, consultations } from './schema.ts';
import type { RecFacts, RecState } from './recommendation-workflow.ts';

export type Recommendation = typeof consultationRecommendations.$inferSelect;
export const REC_KIND = 'recommendation';
export const recHref = (r: { consultationId: string; id: string }) => `/consultations/${r.consultationId}/recommendations/${r.id}`;
export const recRef = (r: Recommendation, consultationTitle: string) => ({ kind: REC_KIND, id: r.id, title: `${consultationTitle}·建议${r.number}：${r.title}`, href: recHref(r) });

export interface LoadedRec { r: Recommendation; item: engine.ItemRef; consultationTitle: string; consultationState: string; active: Assignment[]; relations: string[]; mine?: Assignment; lead?: Assignment; facts: RecFacts }

/** The unit has a current (pending or signed) assignment of the recommendation. */
const assignedTo = (unitId: string) => sql`exists (select 1 from ${assignments} a where a.org_id = ${consultationRecommendations.orgId}
  and a.item_kind = ${REC_KIND} and a.item_id = ${consultationRecommendations.id} and a.unit_id = ${unitId} and a.state in ('pending', 'signed'))`;

/**
 * Who may read a recommendation, the one rule of GET …/:id and the lists: every login of the
 * committee but a unit's, which reads those assigned to it (as with proposals).
 */
export function recReadableBy(actor: Actor): SQL {
  const all = hasRole(actor, 'staff', 'leader', 'admin', 'member');
  const unit = actor.unitId && hasRole(actor, 'unit') ? assignedTo(actor.unitId) : undefined;
  return and(eq(consultationRecommendations.orgId, actor.orgId), all ? undefined : (unit ?? sql`false`))!;
}

/** `afterOwnAction`: right after acting (a unit returning it), the caller still reads the result of their action. */
export async function loadRecommendation(db: Queryable, actor: Actor, id: string, opts: { lock?: boolean; extra?: Partial<RecFacts>; afterOwnAction?: boolean } = {}): Promise<LoadedRec> {
  const q = db.select({ r: consultationRecommendations, title: consultations.title, cState: consultations.state }).from(consultationRecommendations)
    .innerJoin(consultations, and(eq(consultations.orgId, consultationRecommendations.orgId), eq(consultations.id, consultationRecommendations.consultationId)))
    .where(and(eq(consultationRecommendations.id, id), opts.afterOwnAction ? eq(consultationRecommendations.orgId, actor.orgId) : recReadableBy(actor)));
  const [row] = await (opts.lock ? q.for('update', { of: consultationRecommendations }) : q);
  if (!row) throw notFound('Recommendation');
  const { r } = row;
  const [active, pending] = await Promise.all([
    db.select().from(assignments).where(and(eq(assignments.orgId, r.orgId), eq(assignments.itemKind, REC_KIND), eq(assignments.itemId, r.id), inArray(assignments.state, ['pending', 'signed']))),
    pendingExtension(db, r.orgId, { kind: REC_KIND, id: r.id }),
  ]);
  const relations: string[] = [];
  for (const a of active.filter((x) => x.unitId === actor.unitId && hasRole(actor, 'unit'))) {
    relations.push(a.state === 'pending' ? 'unsignedUnit' : a.role === 'lead' ? 'leadUnit' : 'coUnit');
  }
  const mine = actor.unitId ? active.find((a) => a.unitId === actor.unitId) : undefined;
  const lead = active.find((a) => a.role === 'lead');
  return {
    r, item: recRef(r, row.title), consultationTitle: row.title, consultationState: row.cState, active, relations, mine, lead,
    facts: {
      state: r.state as RecState, assigning: row.cState === 'assigning', today: today(), leadSigned: lead?.state === 'signed', pendingExtension: !!pending,
      mine: mine && { role: mine.role as 'lead' | 'co', returnBy: mine.returnBy, hasOpinion: !!mine.opinion }, ...opts.extra,
    },
  };
}

