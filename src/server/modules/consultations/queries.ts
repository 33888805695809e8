import { and, asc, desc, eq, ilike, inArray, ne, or, sql } from 'drizzle-orm';
import { outer, type Queryable } from '../../core/db/client.ts';
import { notFound } from '../../core/errors.ts';
import type { Actor } from '../../core/policies.ts';
import { redactContacts } from '../../core/text/redact.ts';
import { today } from '../handling/deadlines.ts';
import { attachments } from '../handling/schema.ts';
import type { Consultation } from './access.ts';
import { TASK_KEYS } from './checklist.ts';
import { consultationComments, consultationMeetings, consultationRecommendations as recs, consultations, consultationTasks } from './schema.ts';
import { topicOf } from './topic-queries.ts';
import { HELD } from './workflow.ts';

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

/** What the public may read of the committee's consultations (the public list, and each of them): past the topic step, or with online comments open. */
export const inPublicList = () => or(ne(consultations.state, 'topic'), eq(consultations.commentsOpen, true))!;

/** A consultation as the public sees it while its online comments are open (the live page's head; the stream's check). */
export const publicConsultation = (c: Consultation) => ({
  id: c.id, orgId: c.orgId, title: c.title, kind: c.kind, year: c.year, summary: c.summary, state: c.state,
  comments: { open: c.commentsOpen, moderation: c.commentsModeration },
});

/** A consultation of the public list, of any committee (as a visitor reads them), or a 404. */
export async function loadPublicConsultation(db: Queryable, id: string): Promise<Consultation> {
  const [c] = await db.select().from(consultations).where(and(eq(consultations.id, id), inPublicList()));
  if (!c) throw notFound('Consultation');
  return c;
}

/** The steps at which its meeting is under way or over: only then are its day and place public. */
const MET = ['consulting', ...HELD];

/**
 * A consultation of the public list as anyone may read it (协商公开): publicConsultation's fields, the day it
 * was held, its meeting's day and place once the meeting is under way or over, its recommendations once
 * assigned (title, text with contact details masked, handling state, outcome: what was adopted, its document
 * number and date, the progress, or why nothing was), and how many comments show. Nothing of the office's
 * work: no checklist, owners, invitations, attendance, leave, units, replies, held or hidden comments, drafts.
 */
export async function presentPublicConsultation(db: Queryable, c: Consultation) {
  const [[meeting], recommendations, [counted]] = await Promise.all([
    MET.includes(c.state) ? db.select({ on: consultationMeetings.meetingOn, startTime: consultationMeetings.startTime, place: consultationMeetings.place }).from(consultationMeetings)
      .where(and(eq(consultationMeetings.orgId, c.orgId), eq(consultationMeetings.consultationId, c.id))) : [],
    db.select().from(recs).where(and(eq(recs.orgId, c.orgId), eq(recs.consultationId, c.id), ne(recs.state, 'pending'))).orderBy(asc(recs.number)),
    db.select({ n: sql<number>`count(*)::int` }).from(consultationComments)
      .where(and(eq(consultationComments.orgId, c.orgId), eq(consultationComments.consultationId, c.id), eq(consultationComments.status, 'visible'))),
  ]);
  return {
    ...publicConsultation(c), heldOn: c.heldOn, meeting: meeting ?? null, commentCount: counted?.n ?? 0,
    recommendations: recommendations.map((r) => ({
      id: r.id, number: r.number, title: r.title, content: redactContacts(r.content), state: r.state,
      outcome: r.outcomeKind ? { kind: r.outcomeKind, title: r.outcomeTitle, number: r.outcomeNumber, date: r.outcomeDate, measure: r.outcomeMeasure, quantity: r.outcomeQuantity } : null,
      progress: r.progress, noOutcomeReason: r.noOutcomeReason,
    })),
  };
}

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

/** The day of its meeting once under way or over (as the public page shows it; null before or without one). */
const publicMeetingOn = sql<string | null>`(case when ${consultations.state} in (${sql.join(MET.map((x) => sql`${x}`), sql`, `)}) then ${meetingOn} end)`;
/**
 * The public list's order, newest first: the day it was held (set when the meeting ends); else the day of its
 * meeting when under way; else the day it was opened (created), so that those still in preparation (no public day)
 * sort by when they began.
 */
const publicDay = sql`coalesce(${consultations.heldOn}, ${publicMeetingOn}::date, (${consultations.createdAt} at time zone 'Asia/Shanghai')::date)`;

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
    inPublicList(),
    f.q ? ilike(consultations.title, `%${f.q}%`) : undefined,
    f.kind ? eq(consultations.kind, f.kind) : undefined,
    f.year ? eq(consultations.year, f.year) : undefined,
    f.state?.length ? inArray(consultations.state, f.state) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db.select({ id: consultations.id, title: consultations.title, kind: consultations.kind, year: consultations.year, state: consultations.state,
      summary: consultations.summary, heldOn: consultations.heldOn, meetingOn: publicMeetingOn, commentsOpen: consultations.commentsOpen, moderation: consultations.commentsModeration, orgId: consultations.orgId })
      .from(consultations).where(where)
      .orderBy(desc(publicDay), desc(consultations.createdAt), desc(consultations.id)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(consultations).where(where),
  ]);
  return {
    total: count!.n,
    items: rows.map(({ commentsOpen, moderation, orgId: org, ...c }) => ({ ...c, comments: { open: commentsOpen, moderation }, ...(tree ? { orgId: org, orgName: tree.get(org) ?? '' } : {}) })),
  };
}
