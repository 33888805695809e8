import { and, asc, desc, eq, ilike, inArray, ne, or, sql } from 'drizzle-orm';
import { outer, type Queryable } from '../../core/db/client.ts';
import type { Actor } from '../../core/policies.ts';
import { today } from '../handling/deadlines.ts';
import { attachments } from '../handling/schema.ts';
import type { Consultation } from './access.ts';
import { TASK_KEYS } from './checklist.ts';
import { consultationMeetings, consultations, consultationTasks } from './schema.ts';
import { topicOf } from './topic-queries.ts';

export interface ConsultationFilter { q?: string; kind?: string; year?: number; state?: string[]; roomId?: string }

const iso = (d: Date | null) => d?.toISOString() ?? null;

function summary(c: Consultation) {
  return {
    id: c.id, title: c.title, kind: c.kind, year: c.year, summary: c.summary, state: c.state, planItemId: c.planItemId, roomId: c.roomId,
    heldOn: c.heldOn, comments: { open: c.commentsOpen, moderation: c.commentsModeration }, createdAt: iso(c.createdAt)!, updatedAt: iso(c.updatedAt)!,
  };
}

/** The day its meeting is set for (before it is held; null without one). */
const meetingOn = sql<string | null>`(select m.meeting_on::text from ${consultationMeetings} m where m.org_id = ${outer(consultations.orgId)} and m.consultation_id = ${outer(consultations.id)})`;

/** Checklist items not done by their due date. */
const lateTasks = sql<number>`(select count(*)::int from ${consultationTasks} t where t.org_id = ${outer(consultations.orgId)}
  and t.consultation_id = ${outer(consultations.id)} and t.state <> 'done' and t.due_on < ${today()})`;

/** What the list of `f` holds (the report counts with the same condition). */
export const consultationWhere = (actor: Actor, f: ConsultationFilter) => and(
  eq(consultations.orgId, actor.orgId),
  f.q ? ilike(consultations.title, `%${f.q}%`) : undefined,
  f.kind ? eq(consultations.kind, f.kind) : undefined,
  f.year ? eq(consultations.year, f.year) : undefined,
  f.state?.length ? inArray(consultations.state, f.state) : undefined,
  f.roomId ? eq(consultations.roomId, f.roomId) : undefined,
);

export async function listConsultations(db: Queryable, actor: Actor, f: ConsultationFilter, page: { limit: number; offset: number }) {
  const where = consultationWhere(actor, f);
  const [rows, [count]] = await Promise.all([
    db.select({ c: consultations, late: lateTasks, meetingOn }).from(consultations).where(where)
      .orderBy(desc(consultations.year), desc(consultations.updatedAt), desc(consultations.id)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(consultations).where(where),
  ]);
  return { total: count!.n, items: rows.map(({ c, late, meetingOn: on }) => ({ ...summary(c), lateTasks: late, meetingOn: on })) };
}

/** A consultation as the public sees it while its online comments are open. */
export const publicConsultation = (c: Consultation) => ({
  id: c.id, orgId: c.orgId, title: c.title, kind: c.kind, year: c.year, summary: c.summary, state: c.state,
  comments: { open: c.commentsOpen, moderation: c.commentsModeration },
});

/** The 八个一 checklist, in its fixed order, each item flagged late when past due and not done. */
export async function checklistOf(db: Queryable, c: Pick<Consultation, 'orgId' | 'id'>) {
  const rows = await db.select().from(consultationTasks)
    .where(and(eq(consultationTasks.orgId, c.orgId), eq(consultationTasks.consultationId, c.id))).orderBy(asc(consultationTasks.key));
  const ids = rows.flatMap((t) => (t.deliverableId ? [t.deliverableId] : []));
  const files = new Map((ids.length ? await db.select({ id: attachments.id, filename: attachments.filename, mime: attachments.mime, size: attachments.size }).from(attachments)
    .where(and(eq(attachments.orgId, c.orgId), inArray(attachments.id, ids))) : []).map((f) => [f.id, f]));
  const day = today();
  return rows.sort((a, b) => TASK_KEYS.indexOf(a.key as never) - TASK_KEYS.indexOf(b.key as never)).map((t) => ({
    key: t.key, owner: t.owner, dueDate: t.dueOn, state: t.state, note: t.note, doneAt: iso(t.doneAt), deliverable: t.deliverableId ? files.get(t.deliverableId) ?? null : null,
    late: t.state !== 'done' && !!t.dueOn && t.dueOn < day,
  }));
}

/** The whole consultation, with its checklist. */
/** One consultation as its page shows it: its checklist, its topic, and the day of its meeting (null: none set yet). */
export async function presentConsultation(db: Queryable, c: Consultation) {
  const [checklist, topic, [meeting]] = await Promise.all([checklistOf(db, c), topicOf(db, c.orgId, { consultationId: c.id }),
    db.select({ on: consultationMeetings.meetingOn }).from(consultationMeetings).where(and(eq(consultationMeetings.orgId, c.orgId), eq(consultationMeetings.consultationId, c.id)))]);
  return { ...summary(c), topic, checklist, meetingOn: meeting?.on ?? null };
}

/**
 * The public list: consultations past their topic step or with online comments open, with what may be said of them outside (title,
 * kind, year, step, summary, the day of the meeting); nothing of the office's work. Without a login it
 * spans every committee, as the published proposals do.
 * The public list: of one committee, of several (scope=tree: a committee and those below it, each
 * item with its committee's name — org/oversight.ts rule 2), or of every one (a visitor).
 */
export async function listPublicConsultations(db: Queryable, orgId: string | { id: string; name: string }[] | undefined, f: ConsultationFilter, page: { limit: number; offset: number }) {
  const tree = Array.isArray(orgId) ? new Map(orgId.map((o) => [o.id, o.name])) : null;
  const where = and(
    tree ? inArray(consultations.orgId, [...tree.keys()]) : orgId ? eq(consultations.orgId, orgId as string) : undefined,
    or(ne(consultations.state, 'topic'), eq(consultations.commentsOpen, true)),
    f.q ? ilike(consultations.title, `%${f.q}%`) : undefined,
    f.kind ? eq(consultations.kind, f.kind) : undefined,
    f.year ? eq(consultations.year, f.year) : undefined,
    f.state?.length ? inArray(consultations.state, f.state) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db.select({ id: consultations.id, title: consultations.title, kind: consultations.kind, year: consultations.year, state: consultations.state,
      summary: consultations.summary, heldOn: consultations.heldOn, commentsOpen: consultations.commentsOpen, moderation: consultations.commentsModeration, orgId: consultations.orgId }).from(consultations).where(where)
      .orderBy(desc(consultations.year), desc(consultations.updatedAt), desc(consultations.id)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(consultations).where(where),
  ]);
  return {
    total: count!.n,
    items: rows.map(({ commentsOpen, moderation, orgId: org, ...c }) => ({ ...c, comments: { open: commentsOpen, moderation }, ...(tree ? { orgId: org, orgName: tree.get(org) ?? '' } : {}) })),
  };
}
