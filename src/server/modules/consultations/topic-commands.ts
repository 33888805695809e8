import { and, eq, inArray, sql } from 'drizzle-orm';
import { runCommand, type CommandScope, type Ctx } from '../../core/command.ts';
import { invalid, say } from '../../core/errors.ts';
import { notify } from '../../core/notify.ts';
import { hasRole, memberOf } from '../../core/policies.ts';
import { users } from '../../core/schema.ts';
import { today } from '../handling/deadlines.ts';
import { insertConsultation } from './commands.ts';
import { insertPlanItem } from './plan.ts';
import { consultationTopics as topics, consultationTopicSupports as supports } from './schema.ts';
import { loadTopic, topicHref, topicSubject, type LoadedTopic } from './topic-access.ts';
import { topicWorkflow } from './topic-workflow.ts';
import type { Kind } from './workflow.ts';

// 开门式选题: anyone logged in proposes a topic for a year and supports others' (once each); the
// office shortlists, merges duplicates or declines with an answer; the chair meeting (a leader)
// picks a shortlisted one as a consultation or a plan item of that year. The proposer is told.

export interface TopicInput { year: number; title: string; reason: string; suggestedKind?: Kind; suggestedOwner?: string }

/** What the proposer was when proposing: a member (leaders who are members too), a unit, the public, else the office. */
function proposerKind(c: CommandScope): 'member' | 'unit' | 'public' | 'office' {
  if (memberOf(c.actor)) return 'member';
  if (c.actor.unitId && hasRole(c.actor, 'unit')) return 'unit';
  if (hasRole(c.actor, 'admin', 'staff', 'leader')) return 'office';
  return 'public';
}

export function proposeTopic(ctx: Ctx, input: TopicInput) {
  return runCommand(ctx, async (c) => {
    c.authorize('consultationTopic.propose');
    const thisYear = Number(today().slice(0, 4));
    if (input.year < thisYear) throw invalid('/year', say(`只能为 ${thisYear} 年及以后提出选题`, `topics are proposed for ${thisYear} or later`));
    // The same title for the same year again from the same person: a double submit, or one proposed already.
    // (The caller's row, locked, puts two at once one after the other.)
    await c.tx.select({ id: users.id }).from(users).where(and(eq(users.orgId, c.actor.orgId), eq(users.id, c.actor.id))).for('update');
    const title = input.title.trim();
    const [again] = await c.tx.select({ id: topics.id }).from(topics).where(and(eq(topics.orgId, c.actor.orgId), eq(topics.proposedBy, c.actor.id),
      eq(topics.year, input.year), sql`btrim(${topics.title}) = ${title}`)).limit(1);
    if (again) throw invalid('/title', say('您已为该年度提出过同名选题，请勿重复提出', 'you have proposed a topic of this title for this year already'));
    const kind = proposerKind(c);
    const [t] = await c.tx.insert(topics).values({
      orgId: c.actor.orgId, year: input.year, title, reason: input.reason, suggestedKind: input.suggestedKind ?? null,
      suggestedOwner: input.suggestedOwner ?? null, proposedBy: c.actor.id, proposerKind: kind,
      proposerMemberId: kind === 'member' ? c.actor.memberId : null, proposerUnitId: kind === 'unit' ? c.actor.unitId : null,
    }).returning();
    await c.record({ action: 'proposed', entity: 'consultationTopic', entityId: t!.id, after: { state: t!.state, title: t!.title, year: t!.year } }, {
      id: t!.id, memberIds: t!.proposerMemberId ? [t!.proposerMemberId] : [], occurredOn: today(), year: t!.year, title: t!.title,
      suggestedKind: t!.suggestedKind, proposerKind: kind, actorUserId: c.actor.id,
    });
    return t!;
  });
}

type Body = Record<string, unknown>;
type Changes = Partial<typeof topics.$inferInsert>;
type Step = (c: CommandScope, l: LoadedTopic, body: Body, set: (v: Changes) => void) => Promise<string | void>;

/** The proposer hears what became of the topic (notice.topic.<key>). */
async function tell(c: CommandScope, l: LoadedTopic, key: 'picked' | 'declined' | 'merged', title: string, body: string, params: Record<string, string> = {}) {
  await notify(c.tx, l.t.orgId, [l.t.proposedBy], { kind: 'topic', title, body, href: topicHref(l.t.id), params: { key, title: l.t.title, ...params } });
}

/** What each action does beyond the state change; may return a note for the history. */
const steps: Record<string, Step> = {
  async shortlist() {},
  async decline(c, l, b, set) {
    const answer = String(b.answer);
    set({ answer });
    await tell(c, l, 'declined', `您提出的选题未被采用：${l.t.title}`, answer, { answer });
    return answer;
  },
  async merge(c, l, b, set) {
    const intoId = String(b.intoId);
    const [into] = intoId === l.t.id ? [] : await c.tx.select().from(topics)
      .where(and(eq(topics.orgId, l.t.orgId), eq(topics.id, intoId), inArray(topics.state, ['proposed', 'shortlisted', 'picked']))).for('update');
    if (!into) throw invalid('/intoId', say('请选择本委员会另一个未结束的选题', 'name another open or picked topic of this committee'));
    const answer = (b.answer as string | undefined) ?? `与选题《${into.title}》重复，已合并到该选题`;
    set({ mergedIntoId: into.id, answer });
    // The supporters now support the topic it joins (once each; its own proposer does not support it).
    await c.tx.execute(sql`insert into ${supports} (org_id, topic_id, user_id, created_at)
      select org_id, ${into.id}, user_id, created_at from ${supports} where org_id = ${l.t.orgId} and topic_id = ${l.t.id} and user_id <> ${into.proposedBy}
      on conflict do nothing`);
    await c.tx.update(topics).set({ updatedAt: sql`now()` }).where(and(eq(topics.orgId, into.orgId), eq(topics.id, into.id)));
    await tell(c, l, 'merged', `您提出的选题已合并：${l.t.title}`, answer, { into: into.title, answer });
    return `并入《${into.title}》`;
  },
  async pick(c, l, b, set) {
    const kind = b.kind as Kind;
    const note = `来自选题《${l.t.title}》`;
    if (b.as === 'planItem') {
      if (b.month === undefined) throw invalid('/month', say('列入年度计划时请选择月份', 'name the month of the plan item'));
      const item = await insertPlanItem(c, { year: l.t.year, kind, month: b.month as number, topic: l.t.title }, note);
      set({ planItemId: item.id });
      await tell(c, l, 'picked', `您提出的选题已列入 ${l.t.year} 年协商计划：${l.t.title}`, `${item.month}月`, { as: 'planItem' });
      return `列入 ${l.t.year} 年协商计划（${item.month}月）`;
    }
    const row = await insertConsultation(c, { title: l.t.title, kind, year: l.t.year, summary: l.t.reason }, note);
    set({ consultationId: row.id });
    await tell(c, l, 'picked', `您提出的选题已确定为协商活动：${l.t.title}`, '', { as: 'consultation' });
    return '确定为协商活动';
  },
  async support(c, l) {
    await c.tx.insert(supports).values({ orgId: l.t.orgId, topicId: l.t.id, userId: c.actor.id });
  },
  async unsupport(c, l) {
    await c.tx.delete(supports).where(and(eq(supports.orgId, l.t.orgId), eq(supports.topicId, l.t.id), eq(supports.userId, c.actor.id)));
  },
};

for (const a of topicWorkflow.actionNames) if (!steps[a]) throw new Error(`no step for topic action ${a}`);

/** Any workflow action: lock → transition table → step → write → history/audit → event. */
export function actOnTopic(ctx: Ctx, id: string, action: string, body: Body) {
  return runCommand(ctx, async (c) => {
    const l = await loadTopic(c.tx, c.actor, id, { lock: true });
    const to = topicWorkflow.resolve(topicSubject(l, c.actor), action);
    const changes: Changes = {};
    const stepNote = await steps[action]!(c, l, body, (v) => Object.assign(changes, v));
    const note = [stepNote, body.note as string | undefined].filter(Boolean).join('；') || null;
    const [after] = await c.tx.update(topics).set({ ...changes, state: to, updatedAt: sql`now()` })
      .where(and(eq(topics.orgId, l.t.orgId), eq(topics.id, id))).returning();
    await c.record({ action, entity: 'consultationTopic', entityId: id, before: { state: l.t.state }, after: { state: to, note } },
      { id, action, from: l.t.state, to, actorUserId: c.actor.id, note, consultationId: after!.consultationId, planItemId: after!.planItemId });
    return after!;
  });
}
