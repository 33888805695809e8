import { and, eq, max, sql } from 'drizzle-orm';
import type { Origin } from '../../core/origin.ts';
import { runCommand, type CommandScope, type Ctx } from '../../core/command.ts';
import { conflict, forbidden, invalid, say } from '../../core/errors.ts';
import { memberUsers, notify, roleUsers } from '../../core/notify.ts';
import { hasRole, memberOf } from '../../core/policies.ts';
import { orgs } from '../../core/schema.ts';
import { today } from '../handling/deadlines.ts';
import { members } from '../org/schema.ts';
import { loadOpinion, type LoadedOpinion } from './access.ts';
import { LEVEL_LABELS, STATE_NAMES, authorNotice, numberLabel, type AuthorNews } from './labels.ts';
import { opinionAdoptions, opinionInstructions, opinions } from './schema.ts';
import { opinionSettings } from './settings.ts';
import { opinionWorkflow, type Level, type OpinionState } from './workflow.ts';

export interface DraftInput { title: string; body: string; authorMemberId?: string; origin?: Origin }

const chars = (s: string) => [...s].length;

async function checkLength(c: CommandScope, body: string | undefined, path = '/body') {
  const { bodyLimit } = await opinionSettings(c.tx, c.actor.orgId);
  if (body !== undefined && chars(body) > bodyLimit) throw invalid(path, say(`不超过 ${bodyLimit} 字`, `at most ${bodyLimit} characters`));
}

async function memberName(c: CommandScope, memberId: string, path: string) {
  const [m] = await c.tx.select({ name: members.name }).from(members)
    .where(and(eq(members.orgId, c.actor.orgId), eq(members.id, memberId), eq(members.active, true)));
  if (!m) throw invalid(path, say('本政协没有这位在任委员', 'no such active member in this committee'));
  return m.name;
}

/** A member (a leader who is one too) drafts a report; staff may enter one for a member (a report handed in on paper). */
export function createOpinion(ctx: Ctx, input: DraftInput) {
  return runCommand(ctx, (c) => insertOpinion(c, input));
}

/** createOpinion inside an open command (another module's, e.g. an opinion collected on a 双联 contact). */
export async function insertOpinion(c: CommandScope, input: DraftInput) {
  // A member, or a leader who is one too (chairs and vice-chairs are).
  const own = memberOf(c.actor);
  const forOther = !!input.authorMemberId && input.authorMemberId !== own;
  if (forOther && !hasRole(c.actor, 'staff')) throw forbidden(say('只有工作人员可以代委员录入', 'Only staff enter reports for a member'));
  if (!forOther && !own) {
    if (hasRole(c.actor, 'staff')) throw invalid('/authorMemberId', say('请选择这篇信息的作者委员', 'name the member the report is for'));
    throw forbidden(say('只有委员可以撰写社情民意信息', 'Only members write reports'));
  }
  await checkLength(c, input.body);
  const authorMemberId = forOther ? input.authorMemberId! : own!;
  const authorName = await memberName(c, authorMemberId, '/authorMemberId');
  const [o] = await c.tx.insert(opinions).values({
    orgId: c.actor.orgId, title: input.title, body: input.body, authorMemberId, authorName, createdBy: c.actor.id, enteredByStaff: forOther, origin: input.origin ?? null,
  }).returning();
  const note = [forOther ? '工作人员代委员录入' : null, input.origin?.label ?? null].filter(Boolean).join('；') || null;
  await c.record({ action: 'created', entity: 'opinion', entityId: o!.id, after: { state: 'draft', title: o!.title, note } });
  return o!;
}

/**
 * Edits: the author while it is a draft or returned; staff while it is under review or approved
 * (not yet forwarded). Each edit lands in the history with the text before and after.
 */
export function updateOpinion(ctx: Ctx, id: string, patch: Partial<Pick<DraftInput, 'title' | 'body'>>) {
  return runCommand(ctx, async (c) => {
    const l = await loadOpinion(c.tx, c.actor, id, { lock: true });
    const byAuthor = l.relations.includes('author') && ['draft', 'returned'].includes(l.o.state);
    const byOffice = hasRole(c.actor, 'staff') && ['submitted', 'approved'].includes(l.o.state);
    if (!byAuthor && !byOffice) {
      if (l.relations.includes('author') || hasRole(c.actor, 'staff')) throw conflict(say(`此信息当前为“${STATE_NAMES[l.o.state as OpinionState]}”，不能修改`, `This report is “${l.o.state}”: it cannot be edited now`));
      throw forbidden();
    }
    await checkLength(c, patch.body);
    return edit(c, l, patch, byAuthor ? null : '工作人员编辑');
  });
}

async function edit(c: CommandScope, l: LoadedOpinion, patch: Partial<Pick<DraftInput, 'title' | 'body'>>, who: string | null) {
  const changed = (['title', 'body'] as const).filter((k) => patch[k] !== undefined && patch[k] !== l.o[k]);
  const [after] = await c.tx.update(opinions).set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(opinions.orgId, l.o.orgId), eq(opinions.id, l.o.id))).returning();
  if (changed.length) {
    const what = changed.map((k) => (k === 'title' ? '标题' : '正文')).join('、');
    await c.record({ action: 'edited', entity: 'opinion', entityId: l.o.id,
      before: { state: l.o.state, title: l.o.title, body: l.o.body }, after: { state: l.o.state, title: after!.title, body: after!.body, note: who ? `${who}：${what}` : `修改了${what}` } });
  }
  return after!;
}

type Body = Record<string, unknown>;
type Step = (c: CommandScope, l: LoadedOpinion, body: Body, set: (v: Partial<typeof opinions.$inferInsert>) => void) => Promise<string | void>;

function notPast(day: string) {
  if (day > today()) throw invalid('/date', say('不能晚于今天', 'must not be in the future'));
}

/** The author learns what became of their report (not when they did it themselves: staff who are also members). */
async function notifyAuthor(c: CommandScope, l: LoadedOpinion, news: AuthorNews) {
  if (!l.o.authorMemberId) return;
  const to = (await memberUsers(c.tx, l.o.orgId, [l.o.authorMemberId])).filter((id) => id !== c.actor.id);
  await notify(c.tx, l.o.orgId, to, authorNotice(l.o, news));
}

/** Staff review what is handed in; whoever handed it in (staff entering a paper report) needs no notice of it. */
async function notifyStaff(c: CommandScope, l: LoadedOpinion) {
  const staff = (await roleUsers(c.tx, l.o.orgId, 'staff')).filter((id) => id !== c.actor.id);
  const title = `${l.o.state === 'returned' ? '修改后重新提交的' : '新的'}社情民意信息待审核：${l.o.title}`;
  await notify(c.tx, l.o.orgId, staff, {
    kind: 'opinionReview', title, body: `作者：${l.o.authorName}`, href: `/opinions/${l.o.id}`,
    params: { key: l.o.state === 'returned' ? 'resubmitted' : 'new', title: l.o.title, author: l.o.authorName },
  });
}

/** The next number of the year: approvals of one committee take turns on its org row. */
async function nextNumber(c: CommandScope, year: number) {
  await c.tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, c.actor.orgId)).for('update');
  const [{ n }] = (await c.tx.select({ n: max(opinions.number) }).from(opinions)
    .where(and(eq(opinions.orgId, c.actor.orgId), eq(opinions.numberYear, year)))) as [{ n: number | null }];
  return (n ?? 0) + 1;
}

/** What each action does beyond the state change; may return a note for the history. */
const steps: Record<string, Step> = {
  async submit(c, l, _b, set) {
    set({ submittedAt: l.o.submittedAt ?? new Date(), decisionReason: null });
    await notifyStaff(c, l);
  },
  async withdraw() {},
  async return(c, l, b, set) {
    set({ decisionReason: String(b.reason) });
    await notifyAuthor(c, l, { key: 'returned', reason: String(b.reason) });
    return String(b.reason);
  },
  async reject(c, l, b, set) {
    set({ decisionReason: String(b.reason) });
    await notifyAuthor(c, l, { key: 'rejected', reason: String(b.reason) });
    return String(b.reason);
  },
  async approve(c, l, b, set) {
    const text = { title: b.title as string | undefined, body: b.body as string | undefined };
    await checkLength(c, text.body);
    if (text.title !== undefined || text.body !== undefined) await edit(c, l, text, '审核时编辑');
    const year = Number(today().slice(0, 4));
    const number = await nextNumber(c, year);
    set({ number, numberYear: year, approvedAt: new Date(), signer: (b.signer as string | undefined) ?? null });
    await notifyAuthor(c, l, { key: 'approved', year, number });
    return [numberLabel(year, number)!, b.signer ? `签发：${b.signer}` : '', (b.note as string | undefined) ?? ''].filter(Boolean).join('；');
  },
  async forward(c, l, b, set) {
    const bodies = b.bodies as string[];
    notPast(String(b.date));
    set({ forwardedTo: bodies, forwardedOn: String(b.date) });
    await notifyAuthor(c, l, { key: 'forwarded', bodies });
    return [`报送${bodies.join('、')}`, (b.note as string | undefined) ?? ''].filter(Boolean).join('；');
  },
  async adopt(c, l, b) {
    const level = b.level as Level;
    notPast(String(b.date));
    await c.tx.insert(opinionAdoptions).values({ orgId: l.o.orgId, opinionId: l.o.id, level, adoptedBy: String(b.adoptedBy), adoptedOn: String(b.date), note: (b.note as string | undefined) ?? null, createdBy: c.actor.id });
    await notifyAuthor(c, l, { key: 'adopted', adoptedBy: String(b.adoptedBy), level });
    return `${LEVEL_LABELS[level]} · ${b.adoptedBy}采用`;
  },
  async instruct(c, l, b) {
    const level = b.level as Level;
    notPast(String(b.date));
    await c.tx.insert(opinionInstructions).values({
      orgId: l.o.orgId, opinionId: l.o.id, leaderName: String(b.leaderName), leaderPosition: String(b.leaderPosition), level,
      instructedOn: String(b.date), content: String(b.content), createdBy: c.actor.id,
    });
    await notifyAuthor(c, l, { key: 'instructed', leader: `${b.leaderPosition}${b.leaderName}`, content: String(b.content) });
    return `${b.leaderPosition}${b.leaderName}批示：${b.content}`;
  },
};

for (const a of opinionWorkflow.actionNames) if (!steps[a]) throw new Error(`no step for opinion action ${a}`);

/** Any workflow action: lock → relations → transition table → step → write → history/audit → event. */
export function actOnOpinion(ctx: Ctx, id: string, action: string, body: Body) {
  return runCommand(ctx, async (c) => {
    const { bodyLimit } = await opinionSettings(c.tx, c.actor.orgId);
    const l = await loadOpinion(c.tx, c.actor, id, { lock: true, bodyLimit });
    const to = opinionWorkflow.resolve({ state: l.facts.state, actor: c.actor, relations: l.relations, ctx: l.facts }, action);
    const changes: Partial<typeof opinions.$inferInsert> = {};
    const note = await steps[action]!(c, l, body, (v) => Object.assign(changes, v));
    const [after] = await c.tx.update(opinions).set({ ...changes, state: to, updatedAt: sql`now()` })
      .where(and(eq(opinions.orgId, l.o.orgId), eq(opinions.id, id))).returning();
    await c.record({ action, entity: 'opinion', entityId: id, before: { state: l.o.state }, after: { state: to, note: note || null } },
      { id, action, from: l.o.state, to, actorUserId: c.actor.id, note: note || null });
    return after!;
  });
}
