import { and, eq, inArray, sql } from 'drizzle-orm';
import { writeLater, type CommandScope } from '../../core/command.ts';
import { queryRowsNamed, runNamed, type Queryable } from '../../core/db/client.ts';
import { rowsFromJson } from '../../core/db/json-rows.ts';
import { invalid, say } from '../../core/errors.ts';
import { scheduleJobs } from '../../core/jobs.ts';
import { notify, roleUsers, unitUsers, unitUsersOf } from '../../core/notify.ts';
import { units } from '../org/schema.ts';
import { assignmentDates, extensionCap, plusDays, today, type HandlingSettings } from './deadlines.ts';
import { assignments, evaluations, extensionRequests, handlingLogs, replies } from './schema.ts';
import { bindUploads } from './attachments.ts';

// The handling engine (交办件): assignment, sign/return, co-handling opinions, the handling log,
// extensions, replies and evaluations — for any kind of assigned item. The item's own module
// owns its state machine and calls these inside its command.

export interface ItemRef { kind: string; id: string; title: string; href: string }
export type Assignment = typeof assignments.$inferSelect;
const ACTIVE = ['pending', 'signed'];

/** Due reminders: 14 and 3 days before, and the day after the due date (escalation). Each key fires once. */
export const REMINDER_JOB = 'handling.reminder';
async function scheduleReminders(c: CommandScope, item: ItemRef, a: Assignment) {
  await scheduleJobs(c.tx, ([[-14, 'due14'], [-3, 'due3'], [1, 'overdue']] as const).map(([offset, label]) => ({
    orgId: a.orgId, kind: REMINDER_JOB, key: `${label}:${a.id}:${a.dueOn}`,
    runAt: new Date(`${plusDays(a.dueOn, offset)}T01:00:00Z`), // 09:00 in China
    payload: { assignmentId: a.id, dueOn: a.dueOn, label, item },
  })));
}

/**
 * The item's pending extension request settles when the assignment it asked for stops running:
 * `withdrawn` when the unit itself replies or returns the item, `lapsed` when the office reassigns
 * it (the request kept, its note saying why). `settledNote` adds a line saying so to the action's
 * note in the item's history.
 */
const SETTLED_BY = {
  reply: { state: 'withdrawn', why: '已答复', line: '待审批的延期申请随之撤回' },
  return: { state: 'withdrawn', why: '已退回', line: '待审批的延期申请随之撤回' },
  reassign: { state: 'lapsed', why: '已改办', line: '待审批的延期申请随之失效' },
} as const;
async function settleExtension(c: CommandScope, item: { kind: string; id: string }, by: keyof typeof SETTLED_BY) {
  const { state, why } = SETTLED_BY[by];
  await writeLater(c.tx, c.tx.update(extensionRequests).set({ state, decidedBy: c.actor.id, decidedAt: sql`now()`, decisionNote: why })
    .where(and(eq(extensionRequests.orgId, c.actor.orgId), eq(extensionRequests.itemKind, item.kind), eq(extensionRequests.itemId, item.id), eq(extensionRequests.state, 'pending'))));
}
export const settledNote = (note: string | undefined, pendingExtension: boolean, by: keyof typeof SETTLED_BY) =>
  (pendingExtension ? [note, SETTLED_BY[by].line].filter(Boolean).join('\n') : note);

export async function checkUnits(c: CommandScope, list: { unitId: string; role: 'lead' | 'co' }[]) {
  const leads = list.filter((u) => u.role === 'lead').length;
  if (leads !== 1) throw invalid('/units', say('须有且只有一个主办单位', 'exactly one lead unit is required'));
  if (new Set(list.map((u) => u.unitId)).size !== list.length) throw invalid('/units', say('同一单位出现了两次', 'a unit appears twice'));
  const found = await runNamed(c.tx.select({ id: units.id }).from(units)
    .where(and(eq(units.orgId, c.actor.orgId), inArray(units.id, list.map((u) => u.unitId)), eq(units.active, true))));
  if (found.length !== list.length) throw invalid('/units', say('含有不存在或已停用的承办单位', 'contains an unknown or inactive unit'));
}

/** Assigns the item to a lead unit and co-handling units, ending any current assignment. */
export async function assign(c: CommandScope, item: ItemRef, list: { unitId: string; role: 'lead' | 'co' }[], s: HandlingSettings, dueOn?: string, note?: string) {
  await checkUnits(c, list);
  const start = today();
  await settleExtension(c, item, 'reassign');
  if (dueOn && (dueOn <= start || dueOn > extensionCap(start, s))) throw invalid('/dueDate', say(`须晚于今天，且不晚于 ${extensionCap(start, s)}`, `must be after today and no later than ${extensionCap(start, s)}`));
  // The current assignments end and the new ones begin in one statement (the update reads the
  // statement's snapshot: it does not see the rows the insert adds).
  const ended = c.tx.update(assignments).set({ state: 'withdrawn' }).where(and(eq(assignments.orgId, c.actor.orgId),
    eq(assignments.itemKind, item.kind), eq(assignments.itemId, item.id), inArray(assignments.state, ACTIVE)));
  const made = c.tx.insert(assignments).values(list.map((u) => ({
    orgId: c.actor.orgId, itemKind: item.kind, itemId: item.id, unitId: u.unitId, role: u.role, state: 'pending', note: note ?? null,
    ...assignmentDates(start, u.role, s, u.role === 'lead' ? dueOn : undefined),
  }))).returning();
  const rows = rowsFromJson(assignments, (await queryRowsNamed<{ row: Record<string, unknown> }>(c.tx,
    sql`with ended as (${ended.getSQL()}), made as (${made.getSQL()}) select row_to_json(made.*) as row from made`)).map((r) => r.row));
  for (const a of rows) {
    await scheduleReminders(c, item, a);
    await notify(c.tx, c.actor.orgId, unitUsersOf(c.actor.orgId, [a.unitId]), {
      kind: 'assigned', title: `新交办件：${item.title}`, body: `${a.role === 'lead' ? '主办' : '协办'}，请于 ${a.returnBy} 前签收或退回，${a.role === 'lead' ? '答复' : '协办意见'}截止 ${a.dueOn}`, href: item.href,
      params: { key: a.role, title: item.title, returnBy: a.returnBy, due: a.dueOn },
    });
  }
  return rows;
}

export async function sign(c: CommandScope, a: Assignment) {
  await writeLater(c.tx, c.tx.update(assignments).set({ state: 'signed', signedAt: sql`now()` }).where(and(eq(assignments.orgId, a.orgId), eq(assignments.id, a.id))));
}

/** A unit returns the item inside the window: every current assignment ends and staff reassign. */
export async function returnItem(c: CommandScope, item: ItemRef, a: Assignment, reason: string) {
  await settleExtension(c, item, 'return');
  await c.tx.update(assignments).set({ state: 'withdrawn' }).where(and(eq(assignments.orgId, a.orgId),
    eq(assignments.itemKind, item.kind), eq(assignments.itemId, item.id), inArray(assignments.state, ACTIVE)));
  await c.tx.update(assignments).set({ state: 'returned', returnedAt: sql`now()`, returnReason: reason }).where(and(eq(assignments.orgId, a.orgId), eq(assignments.id, a.id)));
  const [unit] = await c.tx.select({ name: units.name }).from(units).where(and(eq(units.orgId, a.orgId), eq(units.id, a.unitId)));
  await notify(c.tx, a.orgId, await roleUsers(c.tx, a.orgId, 'staff'), {
    kind: 'returned', title: `${unit?.name ?? ''}退回：${item.title}`, body: reason, href: item.href, params: { unit: unit?.name ?? '', title: item.title },
  });
}

export async function sendOpinion(c: CommandScope, item: ItemRef, a: Assignment, content: string, lead: Assignment | undefined) {
  await c.tx.update(assignments).set({ opinion: content, opinionAt: sql`now()` }).where(and(eq(assignments.orgId, a.orgId), eq(assignments.id, a.id)));
  if (lead) await notify(c.tx, a.orgId, await unitUsers(c.tx, a.orgId, [lead.unitId]), {
    kind: 'opinion', title: `协办单位意见：${item.title}`, body: content.slice(0, 200), href: item.href, params: { key: 'coUnit', title: item.title },
  });
}

export async function logContact(c: CommandScope, item: ItemRef, unitId: string, entry: { kind: string; happenedOn: string; content: string }, attachmentIds: string[] = []) {
  if (entry.happenedOn > today()) throw invalid('/date', say('不能是将来的日期', 'must not be in the future'));
  const [row] = await c.tx.insert(handlingLogs).values({ orgId: c.actor.orgId, itemKind: item.kind, itemId: item.id, unitId, ...entry, createdBy: c.actor.id }).returning({ id: handlingLogs.id });
  await bindUploads(c, item, attachmentIds, { kind: 'log', id: row!.id });
}

export async function requestExtension(c: CommandScope, item: ItemRef, lead: Assignment, body: { dueDate: string; reason: string }, s: HandlingSettings) {
  const cap = extensionCap(lead.periodStart, s);
  if (body.dueDate <= lead.dueOn) throw invalid('/dueDate', say(`须晚于现在的答复期限 ${lead.dueOn}`, `must be after the current due date ${lead.dueOn}`));
  if (body.dueDate > cap) throw invalid('/dueDate', say(`不能晚于 ${cap}（总共 ${s.maxMonths} 个月）`, `must not be later than ${cap} (${s.maxMonths} months in total)`));
  await c.tx.insert(extensionRequests).values({ orgId: c.actor.orgId, assignmentId: lead.id, itemKind: item.kind, itemId: item.id, requestedDueOn: body.dueDate, reason: body.reason, requestedBy: c.actor.id });
  await notify(c.tx, c.actor.orgId, await roleUsers(c.tx, c.actor.orgId, 'staff'), {
    kind: 'extension', title: `延期申请：${item.title}`, body: `申请延至 ${body.dueDate}：${body.reason}`, href: item.href,
    params: { key: 'requested', title: item.title, due: body.dueDate, reason: body.reason },
  });
}

export async function pendingExtension(db: Queryable, orgId: string, item: { kind: string; id: string }) {
  const [r] = await db.select().from(extensionRequests).where(and(eq(extensionRequests.orgId, orgId), eq(extensionRequests.itemKind, item.kind),
    eq(extensionRequests.itemId, item.id), eq(extensionRequests.state, 'pending')));
  return r;
}

/** Staff grant (the due date moves, reminders follow it) or refuse the pending extension. */
export async function decideExtension(c: CommandScope, item: ItemRef, grant: boolean, note?: string) {
  const req = await pendingExtension(c.tx, c.actor.orgId, item);
  if (!req) throw invalid('/', say('没有待审批的延期申请', 'no pending extension request'));
  await c.tx.update(extensionRequests).set({ state: grant ? 'granted' : 'refused', decidedBy: c.actor.id, decidedAt: sql`now()`, decisionNote: note ?? null })
    .where(and(eq(extensionRequests.orgId, req.orgId), eq(extensionRequests.id, req.id)));
  const [a] = await c.tx.select().from(assignments).where(and(eq(assignments.orgId, req.orgId), eq(assignments.id, req.assignmentId)));
  if (grant && a && ACTIVE.includes(a.state)) {
    const [moved] = await c.tx.update(assignments).set({ dueOn: req.requestedDueOn }).where(and(eq(assignments.orgId, a.orgId), eq(assignments.id, a.id))).returning();
    await scheduleReminders(c, item, moved!);
  }
  if (a) await notify(c.tx, c.actor.orgId, await unitUsers(c.tx, c.actor.orgId, [a.unitId]), {
    kind: 'extension', title: `延期申请${grant ? '已同意' : '未同意'}：${item.title}`, body: grant ? `新的答复期限 ${req.requestedDueOn}` : note ?? '', href: item.href,
    params: { key: grant ? 'granted' : 'refused', title: item.title, due: req.requestedDueOn },
  });
}

export async function reply(c: CommandScope, item: { kind: string; id: string }, unitId: string, round: number, body: { category: string; content: string; signer?: string; attachmentIds?: string[] }) {
  await settleExtension(c, item, 'reply');
  const insert = c.tx.insert(replies).values({ orgId: c.actor.orgId, itemKind: item.kind, itemId: item.id, unitId, round, category: body.category, content: body.content, signer: body.signer ?? null, createdBy: c.actor.id });
  // (with no attachments to bind to it, the command reads nothing of it back: it goes with the command's recorded statement)
  if (!body.attachmentIds?.length) return writeLater(c.tx, insert);
  const [r] = await insert.returning({ id: replies.id });
  await bindUploads(c, item, body.attachmentIds, { kind: 'reply', id: r!.id });
}

/** The evaluation of the item's latest reply (its round), written with that reply's look-up in one statement. */
export async function evaluate(c: CommandScope, item: { kind: string; id: string }, body: { satisfaction: string; resultSatisfaction?: string; contacted?: boolean; contactMethod?: string; comment?: string }) {
  const [made] = await queryRowsNamed<{ id: string }>(c.tx, sql`insert into ${evaluations}
      (org_id, item_kind, item_id, reply_id, round, satisfaction, result_satisfaction, contacted, contact_method, comment, created_by)
    select r.org_id, r.item_kind, r.item_id, r.id, r.round, ${body.satisfaction}, ${body.resultSatisfaction ?? null}, ${body.contacted ?? null}::boolean,
      ${body.contactMethod ?? null}, ${body.comment ?? null}, ${c.actor.id}
    from ${replies} r where r.org_id = ${c.actor.orgId} and r.item_kind = ${item.kind} and r.item_id = ${item.id}
    order by r.round desc limit 1
    returning id`);
  if (!made) throw invalid('/', say('还没有答复可评价', 'there is no reply to evaluate yet'));
}

/** 不满意: the lead unit handles it again with a fresh due date (and a fresh 6-month cap). */
export async function restartHandling(c: CommandScope, item: ItemRef, lead: Assignment, s: HandlingSettings) {
  const dates = assignmentDates(today(), 'lead', s);
  const [moved] = await c.tx.update(assignments).set({ dueOn: dates.dueOn, periodStart: dates.periodStart }).where(and(eq(assignments.orgId, lead.orgId), eq(assignments.id, lead.id))).returning();
  await scheduleReminders(c, item, moved!);
  await notify(c.tx, c.actor.orgId, await unitUsers(c.tx, c.actor.orgId, [lead.unitId]), {
    kind: 'rehandling', title: `提案者不满意，请重新办理：${item.title}`, body: `答复期限 ${dates.dueOn}`, href: item.href, params: { title: item.title, due: dates.dueOn },
  });
}
