import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { hasRole, type Actor } from '../../core/policies.ts';
import { today } from '../handling/deadlines.ts';
import { handlingRecord } from '../handling/record.ts';
import { assignments, replies } from '../handling/schema.ts';
import { units } from '../org/schema.ts';
import { REC_KIND, recReadableBy, type Recommendation } from './recommendation-access.ts';
import { consultationRecommendations as recs, consultations } from './schema.ts';

/** `year`: of the consultation; `outcome`: the kind of decision it became (any: any outcome); `measure`: what its outcome changed (the reports count these). */
export interface RecFilter { consultationId?: string; state?: string[]; unitId?: string; year?: number; outcome?: string; measure?: string }

function summary(r: Recommendation) {
  return {
    id: r.id, consultationId: r.consultationId, number: r.number, title: r.title, state: r.state, round: r.round,
    outcome: r.outcomeKind ? { kind: r.outcomeKind, title: r.outcomeTitle, number: r.outcomeNumber, date: r.outcomeDate, measure: r.outcomeMeasure, quantity: r.outcomeQuantity } : null,
    progress: r.progress, progressNote: r.progressNote, noOutcomeReason: r.noOutcomeReason,
    createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
  };
}

/** The lead unit's current assignment: who answers, and by when. */
const leadOf = sql<{ unitId: string; unitName: string; dueOn: string; signed: boolean } | null>`(select json_build_object('unitId', a.unit_id, 'unitName', u.name,
  'dueOn', a.due_on, 'signed', a.state = 'signed') from ${assignments} a join ${units} u on u.org_id = a.org_id and u.id = a.unit_id
  where a.org_id = ${recs.orgId} and a.item_kind = ${REC_KIND} and a.item_id = ${recs.id} and a.role = 'lead' and a.state in ('pending', 'signed') limit 1)`;

/** The latest reply, for the consultation page's list: who answered, in which category, what. */
const lastReplyOf = sql<{ unitName: string; category: string; content: string } | null>`(select json_build_object('unitName', u.name, 'category', x.category, 'content', x.content)
  from ${replies} x join ${units} u on u.org_id = x.org_id and u.id = x.unit_id
  where x.org_id = ${recs.orgId} and x.item_kind = ${REC_KIND} and x.item_id = ${recs.id} order by x.round desc limit 1)`;

/** A unit's own current assignment of the recommendation: what it owes, and by when (as a proposal's myAssignment). */
const mineOf = (unitId: string) => sql<{ role: 'lead' | 'co'; state: 'pending' | 'signed'; returnBy: string; dueOn: string; hasOpinion: boolean } | null>`(select
  json_build_object('role', a.role, 'state', a.state, 'returnBy', a.return_by, 'dueOn', a.due_on, 'hasOpinion', a.opinion is not null) from ${assignments} a
  where a.org_id = ${recs.orgId} and a.item_kind = ${REC_KIND} and a.item_id = ${recs.id} and a.unit_id = ${unitId} and a.state in ('pending', 'signed') limit 1)`;
/** The date the unit owes something by: signing for it within the return window, then its reply or opinion. */
const owedBy = (unitId: string) => sql`(select case when a.state = 'pending' then a.return_by when a.role = 'co' and a.opinion is not null then null else a.due_on end
  from ${assignments} a where a.org_id = ${recs.orgId} and a.item_kind = ${REC_KIND} and a.item_id = ${recs.id} and a.unit_id = ${unitId}
  and a.state in ('pending', 'signed') and ${recs.state} in ('assigned', 'handling', 'rehandling') limit 1)`;

/**
 * Recommendations the caller may read: a unit's inbox lists those assigned to it, beside its proposals.
 * A unit's own list (unitId its own) carries its assignment on each (myAssignment), what it owes first, by the date it is owed.
 */
/** What the list of `f` holds for the caller (the report counts with the same condition). */
export const recommendationWhere = (actor: Actor, f: RecFilter) => and(
  recReadableBy(actor),
  f.consultationId ? eq(recs.consultationId, f.consultationId) : undefined,
  f.state?.length ? inArray(recs.state, f.state) : undefined,
  f.year ? sql`exists (select 1 from ${consultations} y where y.org_id = ${recs.orgId} and y.id = ${recs.consultationId} and y.year = ${f.year})` : undefined,
  f.outcome === 'any' ? sql`${recs.outcomeKind} is not null` : f.outcome ? eq(recs.outcomeKind, f.outcome) : undefined,
  f.measure ? eq(recs.outcomeMeasure, f.measure) : undefined,
  f.unitId ? sql`exists (select 1 from ${assignments} a where a.org_id = ${recs.orgId} and a.item_kind = ${REC_KIND} and a.item_id = ${recs.id}
    and a.unit_id = ${f.unitId} and a.state in ('pending', 'signed'))` : undefined,
);

export async function listRecommendations(db: Queryable, actor: Actor, f: RecFilter, page: { limit: number; offset: number }) {
  const where = recommendationWhere(actor, f);
  // A unit's own list (its inbox, unitId its own) is about what it owes, as for proposals.
  const unitId = actor.unitId && hasRole(actor, 'unit') && f.unitId === actor.unitId ? actor.unitId : null;
  const [rows, [count]] = await Promise.all([
    db.select({ r: recs, consultationTitle: consultations.title, lead: leadOf, lastReply: lastReplyOf, mine: unitId ? mineOf(unitId) : sql<null>`null` }).from(recs)
      .innerJoin(consultations, and(eq(consultations.orgId, recs.orgId), eq(consultations.id, recs.consultationId)))
      .where(where).orderBy(...(unitId ? [sql`${owedBy(unitId)} asc nulls last`] : []), desc(recs.updatedAt), asc(recs.number)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int`, quantity: sql<number>`coalesce(sum(${recs.outcomeQuantity}), 0)::int` }).from(recs).where(where),
  ]);
  return {
    total: count!.n, items: rows.map(({ r, consultationTitle, lead, lastReply, mine }) => ({ ...summary(r), consultationTitle, lead, lastReply, myAssignment: mine })),
    /** The summed fields over every recommendation that matches (not only this page), by the path of the field in an item. */
    sums: { 'outcome.quantity': count!.quantity },
  };
}

/** The whole recommendation: its consultation, content, units and their parts, replies, evaluations, contact log, extensions and outcome. */
export async function presentRecommendation(db: Queryable, r: Recommendation, consultationTitle: string) {
  const record = await handlingRecord(db, r.orgId, { kind: REC_KIND, id: r.id }, { filesBase: `/api/v1/recommendations/${r.id}/attachments`, internal: true });
  return { ...summary(r), content: r.content, consultationTitle, ...record };
}

/** The 督办看板's part for recommendations: open lead assignments due within `days` or overdue, grouped by unit, as for proposals. */
export async function recommendationBoard(db: Queryable, orgId: string, days: number) {
  const now = today();
  const rows = await db.select({ a: assignments, unitName: units.name, title: recs.title, state: recs.state, consultationId: recs.consultationId, consultationTitle: consultations.title })
    .from(assignments)
    .innerJoin(units, and(eq(units.orgId, assignments.orgId), eq(units.id, assignments.unitId)))
    .innerJoin(recs, and(eq(recs.orgId, assignments.orgId), eq(recs.id, assignments.itemId)))
    .innerJoin(consultations, and(eq(consultations.orgId, recs.orgId), eq(consultations.id, recs.consultationId)))
    .where(and(eq(assignments.orgId, orgId), eq(assignments.itemKind, REC_KIND), inArray(assignments.state, ['pending', 'signed']), eq(assignments.role, 'lead'),
      inArray(recs.state, ['assigned', 'handling', 'rehandling']), sql`${assignments.dueOn} <= (${now}::date + ${days}::int)`))
    .orderBy(asc(assignments.dueOn));
  type Item = { recommendationId: string; consultationId: string; consultationTitle: string; title: string; state: string; dueOn: string; overdue: boolean; signed: boolean };
  const byUnit = new Map<string, { unitId: string; unitName: string; overdue: number; dueSoon: number; items: Item[] }>();
  for (const r of rows) {
    const g = byUnit.get(r.a.unitId) ?? { unitId: r.a.unitId, unitName: r.unitName, overdue: 0, dueSoon: 0, items: [] };
    const overdue = r.a.dueOn < now;
    if (overdue) g.overdue++; else g.dueSoon++;
    g.items.push({ recommendationId: r.a.itemId, consultationId: r.consultationId, consultationTitle: r.consultationTitle, title: r.title, state: r.state, dueOn: r.a.dueOn, overdue, signed: r.a.state === 'signed' });
    byUnit.set(r.a.unitId, g);
  }
  return [...byUnit.values()].sort((a, b) => b.overdue - a.overdue || b.dueSoon - a.dueSoon);
}

/**
 * What the outcomes changed, counted: per measure (as staff wrote it), the sum of the quantities
 * and how many recommendations gave it; of a year's consultations and of one kind when asked
 * (e.g. the supervision items: 调整优化市区公交线路（条） 6).
 */
export async function outcomeMeasures(db: Queryable, orgId: string, f: { year?: number; kind?: string }) {
  return db.select({
    measure: sql<string>`${recs.outcomeMeasure}`, quantity: sql<number>`sum(${recs.outcomeQuantity})::int`, recommendations: sql<number>`count(*)::int`,
  }).from(recs).innerJoin(consultations, and(eq(consultations.orgId, recs.orgId), eq(consultations.id, recs.consultationId)))
    .where(and(eq(recs.orgId, orgId), sql`${recs.outcomeMeasure} is not null`, f.year ? eq(consultations.year, f.year) : undefined, f.kind ? eq(consultations.kind, f.kind) : undefined))
    .groupBy(recs.outcomeMeasure).orderBy(asc(recs.outcomeMeasure));
}
