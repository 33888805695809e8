import { and, eq, sql } from 'drizzle-orm';
import { runCommand, type CommandScope, type Ctx } from '../../core/command.ts';
import { conflict, invalid, say } from '../../core/errors.ts';
import { today } from '../handling/deadlines.ts';
import { loadConsultation, subject, type LoadedConsultation } from './access.ts';
import { CHECKLIST_OF } from './checklist.ts';
import { recordRoomSession } from './room-sessions.ts';
import { checkSessionRoom } from './rooms.ts';
import { consultationMeetings, consultationPlanItems, consultations, consultationTasks } from './schema.ts';
import { consultationWorkflow, type Kind } from './workflow.ts';

export interface ConsultationInput { title: string; kind: Kind; year: number; summary?: string; planItemId?: string; roomId?: string }

/** The plan item a new consultation carries out: of this committee, year and kind, and not yet taken. */
async function checkPlanItem(c: CommandScope, input: ConsultationInput) {
  if (!input.planItemId) return;
  const [item] = await c.tx.select().from(consultationPlanItems)
    .where(and(eq(consultationPlanItems.orgId, c.actor.orgId), eq(consultationPlanItems.id, input.planItemId)));
  if (!item) throw invalid('/planItemId', say('本委员会没有这个计划事项', 'no such plan item in this committee'));
  if (item.year !== input.year || item.kind !== input.kind) throw invalid('/planItemId', say(`该计划事项是 ${item.year} 年的另一类协商`, `the plan item is a ${item.kind} of ${item.year}`));
  const [taken] = await c.tx.select({ id: consultations.id }).from(consultations)
    .where(and(eq(consultations.orgId, c.actor.orgId), eq(consultations.planItemId, input.planItemId)));
  if (taken) throw invalid('/planItemId', say('该计划事项已有协商活动', 'the plan item already has its consultation'));
}

/**
 * A new consultation at its topic, with the 八个一 checklist of its kind (the caller has authorized it:
 * staff opening one, or the chair meeting picking a proposed topic). `note` goes to its history.
 */
export async function insertConsultation(c: CommandScope, input: ConsultationInput, note?: string) {
  await checkPlanItem(c, input);
  await checkSessionRoom(c, input.kind, input.roomId);
  const [row] = await c.tx.insert(consultations).values({
    orgId: c.actor.orgId, title: input.title, kind: input.kind, year: input.year, summary: input.summary ?? null,
    planItemId: input.planItemId ?? null, roomId: input.roomId ?? null, createdBy: c.actor.id,
  }).returning();
  await c.tx.insert(consultationTasks).values(CHECKLIST_OF[input.kind].map((key) => ({ orgId: c.actor.orgId, consultationId: row!.id, key })));
  await c.record({ action: 'created', entity: 'consultation', entityId: row!.id, after: { state: row!.state, title: row!.title, kind: row!.kind, year: row!.year, roomId: row!.roomId, ...(note ? { note } : {}) } });
  return row!;
}

/** Staff open a consultation at its topic, with the 八个一 checklist of its kind. */
export function createConsultation(ctx: Ctx, input: ConsultationInput) {
  return runCommand(ctx, async (c) => {
    c.authorize('consultation.manage');
    return insertConsultation(c, input);
  });
}

/** Staff edit the title and summary at any step; each edit lands in the history. */
export function updateConsultation(ctx: Ctx, id: string, patch: { title?: string; summary?: string }) {
  return runCommand(ctx, async (c) => {
    const l = await loadConsultation(c.tx, c.actor, id, { lock: true });
    c.authorize('consultation.manage');
    const changed = (['title', 'summary'] as const).filter((k) => patch[k] !== undefined && patch[k] !== l.c[k]);
    const [after] = await c.tx.update(consultations).set({ ...patch, updatedAt: sql`now()` })
      .where(and(eq(consultations.orgId, l.c.orgId), eq(consultations.id, id))).returning();
    if (changed.length) {
      await c.record({ action: 'edited', entity: 'consultation', entityId: id, before: { state: l.c.state, title: l.c.title, summary: l.c.summary },
        after: { state: l.c.state, title: after!.title, summary: after!.summary, note: `修改了${changed.map((k) => (k === 'title' ? '标题' : '简介')).join('、')}` } });
    }
    return after!;
  });
}

type Body = Record<string, unknown>;
type Step = (c: CommandScope, l: LoadedConsultation, body: Body, set: (v: Partial<typeof consultations.$inferInsert>) => void) => Promise<string | void>;

/** What each action does beyond the state change; may return a note for the history. */
const steps: Record<string, Step> = {
  async prepare() {},
  async convene() {},
  async conclude(c, l, b, set) {
    // By default the day of its meeting, when it had one (and not a later one).
    const [meeting] = await c.tx.select({ on: consultationMeetings.meetingOn }).from(consultationMeetings)
      .where(and(eq(consultationMeetings.orgId, l.c.orgId), eq(consultationMeetings.consultationId, l.c.id)));
    if (meeting && meeting.on > today()) throw conflict(say(`会议定于 ${meeting.on} 召开，尚未召开`, `The meeting is set for ${meeting.on}: it has not taken place yet`));
    const heldOn = (b.heldOn as string | undefined) ?? meeting?.on ?? today();
    if (heldOn > today()) throw invalid('/heldOn', say('不能是将来的日期', 'must not be in the future'));
    // The meeting is over: so are its online comments.
    set({ heldOn, commentsOpen: false });
    return `${heldOn} 召开`;
  },
  async dispatch() {},
  async track() {},
  async close() {},
  async openComments(_c, _l, b, set) {
    const moderation = (b.moderation as 'pre' | 'post' | undefined) ?? 'post';
    set({ commentsOpen: true, commentsModeration: moderation });
    return moderation === 'pre' ? '开放网络议政（先审后发）' : '开放网络议政（先发后审）';
  },
  async closeComments(_c, _l, _b, set) { set({ commentsOpen: false }); return '关闭网络议政'; },
};

for (const a of consultationWorkflow.actionNames) if (!steps[a]) throw new Error(`no step for consultation action ${a}`);

/** Any workflow action: lock → transition table → step → write → history/audit → event. */
export function actOnConsultation(ctx: Ctx, id: string, action: string, body: Body) {
  return runCommand(ctx, async (c) => {
    const l = await loadConsultation(c.tx, c.actor, id, { lock: true });
    const to = consultationWorkflow.resolve(subject(l, c.actor), action);
    const changes: Partial<typeof consultations.$inferInsert> = {};
    const stepNote = await steps[action]!(c, l, body, (v) => Object.assign(changes, v));
    const note = [stepNote, body.note as string | undefined].filter(Boolean).join('；') || null;
    const [after] = await c.tx.update(consultations).set({ ...changes, state: to, updatedAt: sql`now()` })
      .where(and(eq(consultations.orgId, l.c.orgId), eq(consultations.id, id))).returning();
    await c.record({ action, entity: 'consultation', entityId: id, before: { state: l.c.state }, after: { state: to, note } },
      { id, action, from: l.c.state, to, actorUserId: c.actor.id, note });
    // A frontline room's session, once held, counts for the members present.
    if (action === 'conclude') await recordRoomSession(c, after!, 'held');
    return after!;
  });
}
