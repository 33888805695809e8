import { and, asc, desc, eq, ilike, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import type { Actor } from '../../core/policies.ts';
import { today } from '../handling/deadlines.ts';
import type { Consultation } from './access.ts';
import { TASK_KEYS } from './checklist.ts';
import { consultations, consultationTasks } from './schema.ts';

export interface ConsultationFilter { q?: string; kind?: string; year?: number; state?: string[] }

const iso = (d: Date | null) => d?.toISOString() ?? null;

function summary(c: Consultation) {
  return {
    id: c.id, title: c.title, kind: c.kind, year: c.year, summary: c.summary, state: c.state, planItemId: c.planItemId,
    heldOn: c.heldOn, comments: { open: c.commentsOpen, moderation: c.commentsModeration }, createdAt: iso(c.createdAt)!, updatedAt: iso(c.updatedAt)!,
  };
}

/** Checklist items not done by their due date. */
const lateTasks = sql<number>`(select count(*)::int from ${consultationTasks} t where t.org_id = ${consultations.orgId}
  and t.consultation_id = ${consultations.id} and t.state <> 'done' and t.due_on < ${today()})`;

export async function listConsultations(db: Queryable, actor: Actor, f: ConsultationFilter, page: { limit: number; offset: number }) {
  const where = and(
    eq(consultations.orgId, actor.orgId),
    f.q ? ilike(consultations.title, `%${f.q}%`) : undefined,
    f.kind ? eq(consultations.kind, f.kind) : undefined,
    f.year ? eq(consultations.year, f.year) : undefined,
    f.state?.length ? inArray(consultations.state, f.state) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db.select({ c: consultations, late: lateTasks }).from(consultations).where(where)
      .orderBy(desc(consultations.year), desc(consultations.updatedAt), desc(consultations.id)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(consultations).where(where),
  ]);
  return { total: count!.n, items: rows.map(({ c, late }) => ({ ...summary(c), lateTasks: late })) };
}

/** A consultation as the public sees it while its online comments are open. */
export const publicConsultation = (c: Consultation) => ({
  id: c.id, orgId: c.orgId, title: c.title, kind: c.kind, year: c.year, summary: c.summary, state: c.state,
  comments: { open: c.commentsOpen, moderation: c.commentsModeration },
});

/** The public list: consultations whose online comments are open, newest first. */
export async function listOpenForComments(db: Queryable, f: ConsultationFilter, page: { limit: number; offset: number }) {
  const where = and(
    eq(consultations.commentsOpen, true),
    f.q ? ilike(consultations.title, `%${f.q}%`) : undefined,
    f.kind ? eq(consultations.kind, f.kind) : undefined,
    f.year ? eq(consultations.year, f.year) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db.select().from(consultations).where(where).orderBy(desc(consultations.updatedAt), desc(consultations.id)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(consultations).where(where),
  ]);
  return { total: count!.n, items: rows.map(publicConsultation) };
}

/** The 八个一 checklist, in its fixed order, each item flagged late when past due and not done. */
export async function checklistOf(db: Queryable, c: Pick<Consultation, 'orgId' | 'id'>) {
  const rows = await db.select().from(consultationTasks)
    .where(and(eq(consultationTasks.orgId, c.orgId), eq(consultationTasks.consultationId, c.id))).orderBy(asc(consultationTasks.key));
  const day = today();
  return rows.sort((a, b) => TASK_KEYS.indexOf(a.key as never) - TASK_KEYS.indexOf(b.key as never)).map((t) => ({
    key: t.key, owner: t.owner, dueDate: t.dueOn, state: t.state, note: t.note, doneAt: iso(t.doneAt),
    late: t.state !== 'done' && !!t.dueOn && t.dueOn < day,
  }));
}

/** The whole consultation, with its checklist. */
export async function presentConsultation(db: Queryable, c: Consultation) {
  return { ...summary(c), checklist: await checklistOf(db, c) };
}
