import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import type { Actor } from '../../core/policies.ts';
import { assignments, replies } from '../handling/schema.ts';
import { units } from '../org/schema.ts';
import { REC_KIND, recReadableBy, type Recommendation } from './recommendation-access.ts';
import { consultationRecommendations as recs, consultations } from './schema.ts';

export interface RecFilter { consultationId?: string; state?: string[]; unitId?: string }

function summary(r: Recommendation) {
  return {
    id: r.id, consultationId: r.consultationId, number: r.number, title: r.title, state: r.state, round: r.round,
    outcome: r.outcomeKind ? { kind: r.outcomeKind, title: r.outcomeTitle, number: r.outcomeNumber, date: r.outcomeDate } : null,
    progress: r.progress, progressNote: r.progressNote, noOutcomeReason: r.noOutcomeReason,
    createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
  };
}

/** The lead unit's current assignment: who answers, and by when. */
const leadOf = sql<{ unitId: string; unitName: string; dueOn: string; signed: boolean } | null>`(select json_build_object('unitId', a.unit_id, 'unitName', u.name,
  'dueOn', a.due_on, 'signed', a.state = 'signed') from ${assignments} a join ${units} u on u.org_id = a.org_id and u.id = a.unit_id
  where a.org_id = ${recs.orgId} and a.item_kind = ${REC_KIND} and a.item_id = ${recs.id} and a.role = 'lead' and a.state in ('pending', 'signed') limit 1)`;

/** Recommendations the caller may read: a unit's inbox lists those assigned to it, beside its proposals. */
export async function listRecommendations(db: Queryable, actor: Actor, f: RecFilter, page: { limit: number; offset: number }) {
  const where = and(
    recReadableBy(actor),
    f.consultationId ? eq(recs.consultationId, f.consultationId) : undefined,
    f.state?.length ? inArray(recs.state, f.state) : undefined,
    f.unitId ? sql`exists (select 1 from ${assignments} a where a.org_id = ${recs.orgId} and a.item_kind = ${REC_KIND} and a.item_id = ${recs.id}
      and a.unit_id = ${f.unitId} and a.state in ('pending', 'signed'))` : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db.select({ r: recs, consultationTitle: consultations.title, lead: leadOf }).from(recs)
      .innerJoin(consultations, and(eq(consultations.orgId, recs.orgId), eq(consultations.id, recs.consultationId)))
      .where(where).orderBy(desc(recs.updatedAt), asc(recs.number)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(recs).where(where),
  ]);
  return { total: count!.n, items: rows.map(({ r, consultationTitle, lead }) => ({ ...summary(r), consultationTitle, lead })) };
}

/** The whole recommendation: its consultation, content, units and their parts, replies and outcome. */
export async function presentRecommendation(db: Queryable, r: Recommendation, consultationTitle: string) {
  const ofItem = <T extends typeof assignments | typeof replies>(t: T) => and(eq(t.orgId, r.orgId), eq(t.itemKind, REC_KIND), eq(t.itemId, r.id));
  const [parts, answers] = await Promise.all([
    db.select({ a: assignments, unitName: units.name }).from(assignments)
      .innerJoin(units, and(eq(units.orgId, assignments.orgId), eq(units.id, assignments.unitId)))
      .where(and(ofItem(assignments), inArray(assignments.state, ['pending', 'signed']))).orderBy(asc(assignments.role)),
    db.select({ x: replies, unitName: units.name }).from(replies)
      .innerJoin(units, and(eq(units.orgId, replies.orgId), eq(units.id, replies.unitId)))
      .where(ofItem(replies)).orderBy(asc(replies.round)),
  ]);
  return {
    ...summary(r), content: r.content, consultationTitle,
    assignments: parts.map(({ a, unitName }) => ({ unitId: a.unitId, unitName, role: a.role, state: a.state, returnBy: a.returnBy, dueOn: a.dueOn, opinion: a.opinion })),
    replies: answers.map(({ x, unitName }) => ({ id: x.id, unitName, round: x.round, category: x.category, content: x.content, signer: x.signer, createdAt: x.createdAt.toISOString() })),
  };
}
