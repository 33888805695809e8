import { and, eq, sql } from 'drizzle-orm';
import { runCommand, type Ctx } from '../../core/command.ts';
import { conflict, invalid, notFound, say } from '../../core/errors.ts';
import { loadConsultation } from './access.ts';
import { TASK_NAMES, type TaskKey } from './checklist.ts';
import { consultations, consultationTasks } from './schema.ts';
import type { Queryable } from '../../core/db/client.ts';
import { documentLinks } from '../library/schema.ts';

// Staff keep the 八个一 checklist: each item's owner, due date and progress; an item the kind did
// not start with can be included, one it does not need left out. Each change lands in the history.

export interface TaskPatch { key: TaskKey; included?: boolean; owner?: string | null; dueDate?: string | null; state?: 'todo' | 'doing' | 'done'; note?: string | null }

const STATE_NAMES = { todo: '未开始', doing: '进行中', done: '已完成' };

/** A library document linked to the item as its deliverable (文库, library/links.ts) also counts. */
async function hasLibraryDeliverable(tx: Queryable, orgId: string, consultationId: string, key: TaskKey) {
  const [row] = await tx.select({ id: documentLinks.documentId }).from(documentLinks).where(and(eq(documentLinks.orgId, orgId),
    eq(documentLinks.targetKind, 'consultation'), eq(documentLinks.targetId, consultationId), eq(documentLinks.part, key))).limit(1);
  return !!row;
}

export function setTask(ctx: Ctx, id: string, patch: TaskPatch) {
  return runCommand(ctx, async (c) => {
    const l = await loadConsultation(c.tx, c.actor, id, { lock: true });
    c.authorize('consultation.manage');
    if (l.c.state === 'closed') throw conflict(say('协商已办结，清单不能再修改', 'The consultation is closed'));
    const { key, included, dueDate, ...fields } = patch;
    const ofTask = and(eq(consultationTasks.orgId, l.c.orgId), eq(consultationTasks.consultationId, l.c.id), eq(consultationTasks.key, key));
    const [before] = await c.tx.select().from(consultationTasks).where(ofTask);
    const notes: string[] = [];
    if (included === false) {
      if (!before) throw notFound('Checklist item');
      await c.tx.delete(consultationTasks).where(ofTask);
      notes.push('移出清单');
    } else {
      if (!before) {
        if (!included) throw notFound('Checklist item');
        await c.tx.insert(consultationTasks).values({ orgId: l.c.orgId, consultationId: l.c.id, key });
        notes.push('加入清单');
      }
      if (fields.state === 'done' && !before?.deliverableId && !(await hasLibraryDeliverable(c.tx, l.c.orgId, l.c.id, key))) {
        throw invalid('/state', say('请先上传该事项的成果文件，或从文库关联', 'upload the item\'s deliverable, or link one from the library, first'));
      }
      // What the form sent as it was changes nothing and says nothing in the history.
      if (before) {
        if (fields.owner !== undefined && (fields.owner ?? null) === before.owner) delete fields.owner;
        if (fields.state !== undefined && fields.state === before.state) delete fields.state;
        if (fields.note !== undefined && (fields.note ?? null) === before.note) delete fields.note;
      }
      const due = dueDate !== undefined && (dueDate ?? null) !== (before?.dueOn ?? null) ? dueDate : undefined;
      if (before && fields.owner === undefined && fields.state === undefined && fields.note === undefined && due === undefined) return;
      const doneAt = fields.state === undefined ? undefined : fields.state === 'done' ? (before?.doneAt ?? new Date()) : null;
      await c.tx.update(consultationTasks).set({ ...fields, ...(due !== undefined ? { dueOn: due } : {}), ...(doneAt !== undefined ? { doneAt } : {}), updatedAt: sql`now()` })
        .where(ofTask);
      if (fields.owner !== undefined) notes.push(`负责：${fields.owner ?? '—'}`);
      if (due !== undefined) notes.push(`完成时限：${due ?? '—'}`);
      if (fields.state !== undefined) notes.push(`状态：${STATE_NAMES[fields.state]}`);
      if (fields.note) notes.push(fields.note);
    }
    await c.tx.update(consultations).set({ updatedAt: sql`now()` }).where(and(eq(consultations.orgId, l.c.orgId), eq(consultations.id, l.c.id)));
    await c.record({ action: 'checklist', entity: 'consultation', entityId: l.c.id, before: { state: l.c.state }, after: { state: l.c.state, note: `${TASK_NAMES[key]}：${notes.join('；')}` } });
  });
}
