import { and, eq, isNotNull, isNull, lt, ne, or } from 'drizzle-orm';
import type { Queryable, Tx } from '../../core/db/client.ts';
import type { Job } from '../../core/jobs.ts';
import { outbox, users } from '../../core/schema.ts';
import { attachments } from '../handling/schema.ts';
import { today } from '../handling/deadlines.ts';
import { factsAsEvents } from '../records/contract.ts';
import type { DutyFact } from '../records/rules.ts';
import { FILE_KIND, inviteeEventId } from './meeting-commands.ts';
import {
  consultationComments as comments, consultationMeetings as meetings, consultationTopics as topics, consultationVisits as visits, meetingInvitees as invitees,
} from './schema.ts';

// What the consultations count for on members' duty records (履职档案), from the rows as they are,
// as the events of the module would have carried them (the same keys): a meeting's attendance
// (signed in), approved leave, speeches and unexcused absences; topics proposed by members;
// online comments posted; supervision visits. For a committee (a backfill) or one meeting.

const meetingPayload = (consultationId: string, memberId: string, on: string, id: string) => ({ id, consultationId, memberIds: [memberId], occurredOn: on });

/** Invited members of meetings whose day has passed who neither signed in nor had leave granted. */
export async function absentees(db: Queryable, orgId: string, consultationId?: string, now = new Date()) {
  return db.select({ consultationId: invitees.consultationId, memberId: invitees.memberId, meetingOn: meetings.meetingOn }).from(invitees)
    .innerJoin(meetings, and(eq(meetings.orgId, invitees.orgId), eq(meetings.consultationId, invitees.consultationId)))
    .where(and(eq(invitees.orgId, orgId), consultationId ? eq(invitees.consultationId, consultationId) : undefined, lt(meetings.meetingOn, today(now)),
      isNotNull(invitees.invitedAt), isNull(invitees.signedInAt), or(isNull(invitees.leaveState), ne(invitees.leaveState, 'approved'))));
}

/** The facts of an absence: one `meetingAttendance.absent` per meeting, naming its absentees. */
export function absenceFacts(rows: { consultationId: string; memberId: string; meetingOn: string }[]): DutyFact[] {
  return factsAsEvents('meetingAttendance.absent', rows.map((r) => meetingPayload(r.consultationId, r.memberId, r.meetingOn, r.consultationId)));
}

/** Attendance, granted leave, speeches and absences at a committee's meetings (or one meeting's). */
export async function meetingDutyFacts(db: Queryable, orgId: string, consultationId?: string): Promise<DutyFact[]> {
  const one = (col: typeof invitees.consultationId | typeof attachments.itemId) => (consultationId ? eq(col, consultationId) : undefined);
  const rows = await db.select({ consultationId: invitees.consultationId, memberId: invitees.memberId, meetingOn: meetings.meetingOn, signedInAt: invitees.signedInAt, leaveState: invitees.leaveState })
    .from(invitees).innerJoin(meetings, and(eq(meetings.orgId, invitees.orgId), eq(meetings.consultationId, invitees.consultationId)))
    .where(and(eq(invitees.orgId, orgId), one(invitees.consultationId), or(isNotNull(invitees.signedInAt), eq(invitees.leaveState, 'approved'))));
  const speeches = await db.select({ id: attachments.id, consultationId: attachments.itemId, memberId: attachments.ownerId, meetingOn: meetings.meetingOn })
    .from(attachments).innerJoin(meetings, and(eq(meetings.orgId, attachments.orgId), eq(meetings.consultationId, attachments.itemId)))
    .where(and(eq(attachments.orgId, orgId), eq(attachments.itemKind, FILE_KIND), eq(attachments.ownerKind, 'speech'), isNotNull(attachments.ownerId),
      one(attachments.itemId)));
  return [
    ...factsAsEvents('meetingAttendance.signedIn', rows.filter((r) => r.signedInAt)
      .map((r) => meetingPayload(r.consultationId, r.memberId, r.meetingOn, inviteeEventId('attendance', r.consultationId, r.memberId)))),
    ...factsAsEvents('meetingLeave.approved', rows.filter((r) => !r.signedInAt && r.leaveState === 'approved')
      .map((r) => meetingPayload(r.consultationId, r.memberId, r.meetingOn, inviteeEventId('leave', r.consultationId, r.memberId)))),
    ...factsAsEvents('meetingSpeech.added', speeches.map((s) => meetingPayload(s.consultationId, s.memberId!, s.meetingOn, s.id))),
    ...absenceFacts(await absentees(db, orgId, consultationId)),
  ];
}

/** Topics members proposed (dated the day proposed). */
export async function topicDutyFacts(db: Queryable, orgId: string, id?: string): Promise<DutyFact[]> {
  const rows = await db.select({ id: topics.id, title: topics.title, memberId: topics.proposerMemberId, createdAt: topics.createdAt }).from(topics)
    .where(and(eq(topics.orgId, orgId), isNotNull(topics.proposerMemberId), id ? eq(topics.id, id) : undefined));
  return factsAsEvents('consultationTopic.proposed', rows.map((t) => ({ id: t.id, title: t.title, memberIds: [t.memberId!], occurredOn: today(t.createdAt) })));
}

/** Online comments by members that were published (visible now or once: they have a place in the stream). */
export async function commentDutyFacts(db: Queryable, orgId: string, id?: string): Promise<DutyFact[]> {
  const rows = await db.select({ id: comments.id, consultationId: comments.consultationId, memberId: users.memberId, createdAt: comments.createdAt, heldFor: comments.heldFor, moderatedAt: comments.moderatedAt })
    .from(comments).innerJoin(users, and(eq(users.orgId, comments.orgId), eq(users.id, comments.authorId)))
    .where(and(eq(comments.orgId, orgId), isNotNull(comments.seq), isNotNull(users.memberId), id ? eq(comments.id, id) : undefined));
  return factsAsEvents('consultationComment.posted', rows.map((c) => ({
    id: c.id, consultationId: c.consultationId, memberIds: [c.memberId!], occurredOn: today(c.heldFor && c.moderatedAt ? c.moderatedAt : c.createdAt),
  })));
}

/** The members who went on a supervision visit. */
export async function visitDutyFacts(db: Queryable, orgId: string, id?: string): Promise<DutyFact[]> {
  const rows = await db.select({ id: visits.id, consultationId: visits.consultationId, memberIds: visits.memberIds, visitedOn: visits.visitedOn }).from(visits)
    .where(and(eq(visits.orgId, orgId), id ? eq(visits.id, id) : undefined));
  return factsAsEvents('consultationVisit.added', rows.map((v) => ({ id: v.id, consultationId: v.consultationId, memberIds: v.memberIds, occurredOn: v.visitedOn })));
}


/**
 * The absence job (absence.ts): a meeting whose day has passed emits `meetingAttendance.absent`
 * with its absentees (none: no event), for the duty records to count.
 */
export async function runAbsenceCheck(job: Job, tx: Tx, now: Date) {
  const { consultationId } = job.payload as { consultationId: string };
  const rows = await absentees(tx, job.orgId, consultationId, now);
  if (!rows.length) return;
  await tx.insert(outbox).values({
    orgId: job.orgId, type: 'meetingAttendance.absent',
    payload: { id: consultationId, consultationId, memberIds: rows.map((r) => r.memberId), occurredOn: rows[0]!.meetingOn },
  });
}
