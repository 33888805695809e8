import { and, eq, gte, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import './audit-subjects.ts';
import type { FastifyInstance } from 'fastify';
import { addTodoSource, type TodoItem } from '../../core/todos.ts';
import { hasRole } from '../../core/policies.ts';
import { registerItemKind } from '../handling/reminders.ts';
import { assignments } from '../handling/schema.ts';
import { assignmentTodo } from '../handling/todos.ts';
import { MEETING_ABSENCE_JOB } from './absence.ts';
import { runAbsenceCheck } from './duty.ts';
import { meetingRoutes } from './meeting-routes.ts';
import { commentRoutes } from './comment-routes.ts';
import { planRoutes } from './plan-routes.ts';
import { REC_KIND } from './recommendation-access.ts';
import { recommendationRoutes } from './recommendation-routes.ts';
import { roomRoutes } from './room-routes.ts';
import { consultationRoutes } from './routes.ts';
import { consultationMeetings as meetings, consultationRecommendations as recs, consultations, consultationTopics as topics, meetingInvitees as invitees } from './schema.ts';
import { topicRoutes } from './topic-routes.ts';
import { today } from '../handling/deadlines.ts';
import { members } from '../org/schema.ts';

// The 双协 module: consultations through the six steps, the yearly plan, the 八个一 checklist, and
// the recommendations, which the handling engine carries to units as it does proposals; frontline
// council rooms (协商在一线) with their sessions, and democratic supervision's inspection visits.

// Due reminders fire while the recommendation still waits on its units.
registerItemKind(REC_KIND, async (tx, orgId, id) => {
  const [r] = await tx.select({ state: recs.state }).from(recs)
    .where(and(eq(recs.orgId, orgId), eq(recs.id, id)));
  return { open: !!r && ['assigned', 'handling', 'rehandling'].includes(r.state) };
});

// A unit's recommendations to sign for, reply to or give its opinion on, as its proposals.
addTodoSource(async (db, actor) => {
  if (!actor.unitId || !hasRole(actor, 'unit')) return [];
  const mine = await db.select({ id: recs.id, title: recs.title, consultation: consultations.title, a: assignments }).from(assignments)
    .innerJoin(recs, and(eq(recs.orgId, assignments.orgId), eq(recs.id, assignments.itemId)))
    .innerJoin(consultations, and(eq(consultations.orgId, recs.orgId), eq(consultations.id, recs.consultationId)))
    .where(and(eq(assignments.orgId, actor.orgId), eq(assignments.itemKind, REC_KIND), eq(assignments.unitId, actor.unitId), inArray(assignments.state, ['pending', 'signed']),
      inArray(recs.state, ['assigned', 'handling', 'rehandling'])));
  return mine.map((m) => assignmentTodo(m.a, { href: `/recommendations/${m.id}`, params: { title: m.title, consultation: m.consultation } }, { prefix: 'recommendation', noun: '建议' }))
    .filter((x): x is TodoItem => !!x);
});

// 开门式选题: the office shortlists or answers the proposed topics; the chair meeting (a leader) picks among the shortlisted.
addTodoSource(async (db, actor) => {
  const office = hasRole(actor, 'staff');
  const chair = hasRole(actor, 'leader');
  if (!office && !chair) return [];
  const [n] = await db.select({
    proposed: sql<number>`count(*) filter (where ${topics.state} = 'proposed')::int`,
    shortlisted: sql<number>`count(*) filter (where ${topics.state} = 'shortlisted')::int`,
  }).from(topics).where(and(eq(topics.orgId, actor.orgId), inArray(topics.state, ['proposed', 'shortlisted'])));
  const out: TodoItem[] = [];
  if (office && n!.proposed) out.push({ kind: 'topicsToShortlist', title: `待列入候选或答复的协商选题 ${n!.proposed} 个`, params: { n: n!.proposed }, href: '/consultations/topics?state=proposed' });
  if (chair && n!.shortlisted) out.push({ kind: 'topicsToPick', title: `待主席会议确定的候选选题 ${n!.shortlisted} 个`, params: { n: n!.shortlisted }, href: '/consultations/topics?state=shortlisted' });
  return out;
});

// An invited member's invitations still to answer, until the meeting day.
addTodoSource(async (db, actor) => {
  if (!actor.memberId) return [];
  const rows = await db.select({ id: consultations.id, title: consultations.title, date: meetings.meetingOn }).from(invitees)
    .innerJoin(meetings, and(eq(meetings.orgId, invitees.orgId), eq(meetings.consultationId, invitees.consultationId)))
    .innerJoin(consultations, and(eq(consultations.orgId, invitees.orgId), eq(consultations.id, invitees.consultationId)))
    .where(and(eq(invitees.orgId, actor.orgId), eq(invitees.memberId, actor.memberId), isNotNull(invitees.invitedAt), eq(invitees.reply, 'pending'),
      gte(meetings.meetingOn, today()), ne(consultations.state, 'closed')));
  return rows.map((r) => ({ kind: 'meetingInvitation', title: `回复会议邀请：${r.title}`, params: { title: r.title, date: r.date }, href: '/meetings', due: r.date }));
});

// Staff: leave requests waiting for a decision.
addTodoSource(async (db, actor) => {
  if (!hasRole(actor, 'staff')) return [];
  const rows = await db.select({ id: consultations.id, title: consultations.title, name: members.name, date: meetings.meetingOn }).from(invitees)
    .innerJoin(meetings, and(eq(meetings.orgId, invitees.orgId), eq(meetings.consultationId, invitees.consultationId)))
    .innerJoin(consultations, and(eq(consultations.orgId, invitees.orgId), eq(consultations.id, invitees.consultationId)))
    .innerJoin(members, and(eq(members.orgId, invitees.orgId), eq(members.id, invitees.memberId)))
    .where(and(eq(invitees.orgId, actor.orgId), eq(invitees.leaveState, 'asked')));
  return rows.map((r) => ({ kind: 'meetingLeave', title: `审批请假：${r.name}（${r.title}）`, params: { name: r.name, title: r.title }, href: `/consultations/${r.id}?tab=meeting`, due: r.date }));
});

export async function consultationsModule(fastify: FastifyInstance) {
  await fastify.register(topicRoutes);
  await fastify.register(consultationRoutes);
  await fastify.register(commentRoutes);
  await fastify.register(planRoutes);
  await fastify.register(recommendationRoutes);
  await fastify.register(roomRoutes);
  await fastify.register(meetingRoutes);
  fastify.jobs.register(MEETING_ABSENCE_JOB, runAbsenceCheck);
}
