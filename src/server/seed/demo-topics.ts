// 开门式选题 for the demo committee: this year's topics in every state, proposed by the demo member,
// the leader, a unit's clerk and registered members of the public (网民); some supported by several
// people; one picked as a consultation (at its topic step), one picked before the plan was adopted as
// one of its items; declined and merged ones with the answer their proposer reads. Dates follow `now`
// and none lies in the future.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../core/db/client.ts';
import { auditLog } from '../core/schema.ts';
import { plusDays, today } from '../modules/handling/deadlines.ts';
import { CHECKLIST_OF } from '../modules/consultations/checklist.ts';
import { consultations, consultationTasks, consultationTopics, consultationTopicSupports } from '../modules/consultations/schema.ts';
import type { Kind } from '../modules/consultations/workflow.ts';

export interface TopicSeedContext {
  orgId: string;
  staffUserId: string;
  leaderUserId: string;
  /** The proposers and supporters: logins with what they are. */
  people: Record<'member' | 'leader' | 'unit' | 'unit2' | 'public' | 'public2' | 'public3', { userId: string; memberId?: string; unitId?: string }>;
  /** A plan item of the year that came from a topic picked before the plan was adopted. */
  planItem: { id: string; topic: string; kind: Kind; adoptedOn: string };
  now?: Date;
}

type Who = keyof TopicSeedContext['people'];
interface Spec {
  who: Who; title: string; reason: string; kind?: Kind; owner?: string; daysAgo: number;
  supporters: Who[]; state: 'proposed' | 'shortlisted' | 'picked' | 'declined' | 'merged';
  answer?: string; pick?: 'consultation' | 'planItem'; mergeInto?: string;
}

const SPECS: Spec[] = [
  { who: 'member', title: '关于规范校外培训机构收费的协商', reason: '部分校外培训机构预收费用过高、退费难，家长反映强烈，建议协商完善资金监管。', kind: 'bimonthly', owner: '教科卫体委员会',
    daysAgo: 40, supporters: ['leader', 'public', 'public2', 'unit'], state: 'proposed' },
  { who: 'public', title: '关于增设夜间公交线路的建议', reason: '城区夜间公交线路少、收班早，夜班工作者出行不便。', kind: 'online', daysAgo: 35, supporters: ['member', 'public2'], state: 'proposed' },
  { who: 'unit', title: '关于推进中小学课后服务提质增效的协商', reason: '课后服务内容单一、师资不足，需要统筹社会资源参与。', kind: 'sector', owner: '教科卫体委员会', daysAgo: 20, supporters: [], state: 'proposed' },
  { who: 'public3', title: '关于规范校外培训收费的建议', reason: '孩子报的培训班跑路了，希望政府管一管预付费。', daysAgo: 30, supporters: ['public2'], state: 'merged',
    mergeInto: '关于规范校外培训机构收费的协商' },
  { who: 'member', title: '关于加强社区嵌入式养老服务的协商', reason: '老城区老年人口集中，社区养老服务设施不足，建议协商推进嵌入式养老服务。', kind: 'bimonthly', owner: '社会和法制委员会',
    daysAgo: 60, supporters: ['leader', 'public', 'public2', 'public3', 'unit2'], state: 'shortlisted' },
  { who: 'public2', title: '关于城区停车收费实行差异化的建议', reason: '中心城区和外围停车收费一样，难以引导停车需求。', kind: 'online', daysAgo: 50, supporters: ['member', 'public'], state: 'shortlisted' },
  { who: 'leader', title: '关于提升县域医疗服务能力的协商', reason: '县域就诊率仍然偏低，基层医疗人才留不住，建议专题协商。', kind: 'standing', owner: '教科卫体委员会',
    daysAgo: 75, supporters: ['member', 'unit2', 'public'], state: 'picked', pick: 'consultation' },
  { who: 'public', title: '关于在市区修建赛马场的建议', reason: '可以带动旅游。', daysAgo: 45, supporters: [], state: 'declined',
    answer: '该事项涉及城市总体规划调整，不宜作为今年的协商议题，已转有关部门参考。感谢您的关注和支持。' },
  { who: 'unit2', title: '关于医疗机构停车场对外开放的协商', reason: '医院周边停车难，建议协商推动医院停车场错时开放。', kind: 'frontline', daysAgo: 55, supporters: ['public2'], state: 'declined',
    answer: '今年的网络议政“城市停车难问题”已包含这一内容，请在该协商中发表意见。' },
];

export async function seedDemoTopics(tx: Queryable, ctx: TopicSeedContext) {
  const day = today(ctx.now);
  const year = Number(day.slice(0, 4));
  const yearStart = `${year}-01-02`;
  const notBefore = (d: string) => (d < yearStart ? yearStart : d > day ? day : d);
  const at = (d: string, hour = 2) => new Date(`${d}T${String(hour).padStart(2, '0')}:00:00Z`);
  const ids = new Map(SPECS.map((s) => [s.title, randomUUID()]));
  const topics: (typeof consultationTopics.$inferInsert)[] = [];
  const supports: (typeof consultationTopicSupports.$inferInsert)[] = [];
  const audit: (typeof auditLog.$inferInsert)[] = [];
  const kindOf = (who: Who) => (who === 'member' || who === 'leader' ? 'member' : who.startsWith('unit') ? 'unit' : 'public');
  const history = (id: string, d: string, actor: string, action: string, from: string | null, to: string, note: string | null = null) =>
    audit.push({ orgId: ctx.orgId, at: at(d, from ? 3 : 2), actorUserId: actor, action, entity: 'consultationTopic', entityId: id, before: from ? { state: from } : null, after: { state: to, note } });

  // The one picked into the plan, before the plan was adopted: proposed by a member of the public in the first days of the year.
  const planned = {
    id: randomUUID(), title: ctx.planItem.topic, proposed: notBefore(plusDays(ctx.planItem.adoptedOn, -8)), picked: notBefore(plusDays(ctx.planItem.adoptedOn, -2)),
  };
  topics.push({
    orgId: ctx.orgId, id: planned.id, year, title: planned.title, reason: '老旧小区没有电梯，老人上下楼难，加装电梯常因低层住户意见不一而搁置。',
    suggestedKind: ctx.planItem.kind, state: 'picked', proposedBy: ctx.people.public3.userId, proposerKind: 'public', planItemId: ctx.planItem.id,
    createdAt: at(planned.proposed), updatedAt: at(planned.picked),
  });
  history(planned.id, planned.proposed, ctx.people.public3.userId, 'proposed', null, 'proposed');
  history(planned.id, notBefore(plusDays(planned.proposed, 2)), ctx.staffUserId, 'shortlist', 'proposed', 'shortlisted');
  history(planned.id, planned.picked, ctx.leaderUserId, 'pick', 'shortlisted', 'picked', `列入 ${year} 年协商计划`);
  for (const w of ['member', 'public', 'public2'] as Who[]) supports.push({ orgId: ctx.orgId, topicId: planned.id, userId: ctx.people[w].userId, createdAt: at(planned.proposed, 5) });

  for (const s of SPECS) {
    const id = ids.get(s.title)!;
    const p = ctx.people[s.who];
    const proposed = notBefore(plusDays(day, -s.daysAgo));
    const decided = notBefore(plusDays(proposed, 10));
    const kind = kindOf(s.who);
    let consultationId: string | null = null;
    if (s.pick === 'consultation') {
      consultationId = randomUUID();
      await tx.insert(consultations).values({ orgId: ctx.orgId, id: consultationId, title: s.title, kind: s.kind!, year, summary: s.reason, createdBy: ctx.leaderUserId, createdAt: at(decided, 4), updatedAt: at(decided, 4) });
      await tx.insert(consultationTasks).values(CHECKLIST_OF[s.kind!].map((key) => ({ orgId: ctx.orgId, consultationId: consultationId!, key })));
      audit.push({ orgId: ctx.orgId, at: at(decided, 4), actorUserId: ctx.leaderUserId, action: 'created', entity: 'consultation', entityId: consultationId,
        after: { state: 'topic', title: s.title, kind: s.kind, year, note: `来自选题《${s.title}》` } });
    }
    const into = s.mergeInto ? ids.get(s.mergeInto)! : null;
    const answer = s.answer ?? (s.mergeInto ? `与选题《${s.mergeInto}》重复，已合并到该选题` : null);
    topics.push({
      orgId: ctx.orgId, id, year, title: s.title, reason: s.reason, suggestedKind: s.kind ?? null, suggestedOwner: s.owner ?? null, state: s.state,
      proposedBy: p.userId, proposerKind: kind, proposerMemberId: kind === 'member' ? p.memberId ?? null : null, proposerUnitId: kind === 'unit' ? p.unitId ?? null : null,
      answer, mergedIntoId: into, consultationId, createdAt: at(proposed), updatedAt: at(s.state === 'proposed' ? proposed : decided),
    });
    history(id, proposed, p.userId, 'proposed', null, 'proposed');
    if (s.state === 'shortlisted' || s.state === 'picked') history(id, notBefore(plusDays(proposed, 5)), ctx.staffUserId, 'shortlist', 'proposed', 'shortlisted');
    if (s.state === 'picked') history(id, decided, ctx.leaderUserId, 'pick', 'shortlisted', 'picked', '确定为协商活动');
    if (s.state === 'declined') history(id, decided, ctx.staffUserId, 'decline', 'proposed', 'declined', answer);
    if (s.state === 'merged') history(id, decided, ctx.staffUserId, 'merge', 'proposed', 'merged', `并入《${s.mergeInto}》`);
    const backers = new Set(s.supporters);
    // A merged topic's supporters support the one it joined.
    for (const w of backers) supports.push({ orgId: ctx.orgId, topicId: into ?? id, userId: ctx.people[w].userId, createdAt: at(notBefore(plusDays(proposed, 1)), 6) });
  }
  await tx.insert(consultationTopics).values(topics);
  await tx.insert(consultationTopicSupports).values(supports).onConflictDoNothing();
  await tx.insert(auditLog).values(audit);
}
