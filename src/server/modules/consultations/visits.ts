import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { runCommand, type CommandScope, type Ctx } from '../../core/command.ts';
import type { Queryable } from '../../core/db/client.ts';
import { conflict, invalid, notFound, say } from '../../core/errors.ts';
import { today } from '../handling/deadlines.ts';
import { members } from '../org/schema.ts';
import { loadConsultation, type Consultation } from './access.ts';
import { checkMembers } from './rooms.ts';
import { consultationVisits as visits } from './schema.ts';

// Democratic supervision (民主监督): a consultation of kind `supervision` is followed by inspection
// visits (视察) — the day, the place, the members and others who went, what they found. Its
// recommendations are the supervision opinions, handled by units as every recommendation is.
// Staff log the visits; every login of the committee reads them; each visit counts in the duty
// record of the members who went.

export interface VisitInput { visitedOn: string; place: string; memberIds?: string[]; participants?: string | null; findings: string }

function checkDay(visitedOn: string | undefined) {
  if (visitedOn && visitedOn > today()) throw invalid('/visitedOn', say('不能是将来的日期', 'must not be in the future'));
}

function supervised(c: Consultation) {
  if (c.kind !== 'supervision') throw conflict(say('只有民主监督事项记录视察', 'only a democratic-supervision item has inspection visits'));
}

/** One visit a day to one place (a double submit, or the same visit logged twice); the consultation is locked. */
async function checkNoTwin(c: CommandScope, consultationId: string, visitedOn: string, place: string, exceptId?: string) {
  const [twin] = await c.tx.select({ id: visits.id }).from(visits).where(and(eq(visits.orgId, c.actor.orgId), eq(visits.consultationId, consultationId),
    eq(visits.visitedOn, visitedOn), sql`btrim(${visits.place}) = ${place.trim()}`, exceptId ? sql`${visits.id} <> ${exceptId}` : undefined)).limit(1);
  if (twin) throw invalid('/place', say('这一天在该地点的视察已记录', 'a visit to this place on this day is recorded already'));
}

const event = (v: typeof visits.$inferSelect) => ({
  id: v.id, consultationId: v.consultationId, memberIds: v.memberIds, occurredOn: v.visitedOn, place: v.place,
});

export function addVisit(ctx: Ctx, consultationId: string, input: VisitInput) {
  return runCommand(ctx, async (c) => {
    const l = await loadConsultation(c.tx, c.actor, consultationId, { lock: true });
    c.authorize('consultation.manage');
    supervised(l.c);
    checkDay(input.visitedOn);
    await checkNoTwin(c, consultationId, input.visitedOn, input.place);
    const memberIds = await checkMembers(c, input.memberIds ?? [], '/memberIds');
    const [v] = await c.tx.insert(visits).values({
      orgId: c.actor.orgId, consultationId, visitedOn: input.visitedOn, place: input.place, memberIds, participants: input.participants ?? null,
      findings: input.findings, createdBy: c.actor.id,
    }).returning();
    await c.record({ action: 'visit', entity: 'consultation', entityId: consultationId, before: { state: l.c.state }, after: { state: l.c.state, note: `${v!.visitedOn} 视察${v!.place}` } });
    await c.record({ action: 'added', entity: 'consultationVisit', entityId: v!.id, after: { visitedOn: v!.visitedOn, place: v!.place } }, event(v!));
    return v!;
  });
}

export function updateVisit(ctx: Ctx, consultationId: string, visitId: string, patch: Partial<VisitInput>) {
  return runCommand(ctx, async (c) => {
    const l = await loadConsultation(c.tx, c.actor, consultationId, { lock: true });
    const [before] = await c.tx.select().from(visits).where(and(eq(visits.orgId, c.actor.orgId), eq(visits.consultationId, consultationId), eq(visits.id, visitId)));
    if (!before) throw notFound('Visit');
    c.authorize('consultation.manage');
    checkDay(patch.visitedOn);
    await checkNoTwin(c, consultationId, patch.visitedOn ?? before.visitedOn, patch.place ?? before.place, visitId);
    const memberIds = patch.memberIds === undefined ? undefined : await checkMembers(c, patch.memberIds, '/memberIds');
    const [after] = await c.tx.update(visits).set({ ...patch, ...(memberIds ? { memberIds } : {}), updatedAt: sql`now()` })
      .where(and(eq(visits.orgId, c.actor.orgId), eq(visits.id, visitId))).returning();
    await c.record({ action: 'edited', entity: 'consultationVisit', entityId: visitId, before: { visitedOn: before.visitedOn, place: before.place, memberIds: before.memberIds },
      after: { visitedOn: after!.visitedOn, place: after!.place, memberIds: after!.memberIds, consultationState: l.c.state } }, event(after!));
    return after!;
  });
}

/** The visits of a consultation, in the order they took place, with the members' names. */
export async function listVisits(db: Queryable, c: Pick<Consultation, 'orgId' | 'id'>) {
  const rows = await db.select().from(visits).where(and(eq(visits.orgId, c.orgId), eq(visits.consultationId, c.id))).orderBy(asc(visits.visitedOn), asc(visits.createdAt));
  const ids = [...new Set(rows.flatMap((r) => r.memberIds))];
  const names = new Map(ids.length ? (await db.select({ id: members.id, name: members.name }).from(members)
    .where(and(eq(members.orgId, c.orgId), inArray(members.id, ids)))).map((m) => [m.id, m.name]) : []);
  return rows.map((v) => ({
    id: v.id, consultationId: v.consultationId, visitedOn: v.visitedOn, place: v.place, participants: v.participants, findings: v.findings,
    members: v.memberIds.map((id) => ({ id, name: names.get(id) ?? null })), createdAt: v.createdAt.toISOString(), updatedAt: v.updatedAt.toISOString(),
  }));
}
