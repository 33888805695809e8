import crypto from 'node:crypto';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { runCommand, type CommandScope, type Ctx } from '../../core/command.ts';
import type { Queryable } from '../../core/db/client.ts';
import { conflict, forbidden, invalid, notFound, say } from '../../core/errors.ts';
import { memberUsers, notify } from '../../core/notify.ts';
import { invitationNotice } from './notices.ts';
import { hasRole, type Actor } from '../../core/policies.ts';
import { bindUploads, storeUpload, type Upload } from '../handling/attachments.ts';
import { today } from '../handling/deadlines.ts';
import { memberCommittees, members } from '../org/schema.ts';
import { scheduleAbsenceCheck } from './absence.ts';
import { loadConsultation, type LoadedConsultation } from './access.ts';
import { TASK_NAMES, type TaskKey } from './checklist.ts';
import { codeIsValid, newCodeSecret } from './meeting-rules.ts';
import { recordRoomSession } from './room-sessions.ts';
import { consultationMeetings as meetings, consultations, consultationTasks, meetingInvitees as invitees } from './schema.ts';

// The meeting of a consultation (互动式协商): staff set its day, place and agenda, choose and invite
// the members, decide their leave, record who came (a member present types the code shown at the
// venue; staff may tick the list), keep its materials, speeches and minutes. Every change is audited;
// the acts that count for a member's duty record publish `meetingAttendance.signedIn`,
// `meetingLeave.approved` and `meetingSpeech.added` with `memberIds` and `occurredOn` (the meeting day).

export type Meeting = typeof meetings.$inferSelect;
export interface LoadedMeeting { l: LoadedConsultation; m: Meeting }
/** Files of a consultation (materials, speeches, minutes, checklist deliverables) are attachments of this item kind. */
export const FILE_KIND = 'consultation';
const fileItem = (id: string) => ({ kind: FILE_KIND, id });

/** The consultation's meeting; 404 when it has none yet. */
export async function loadMeeting(db: Queryable, actor: Actor, id: string, opts: { lock?: boolean } = {}): Promise<LoadedMeeting> {
  const l = await loadConsultation(db, actor, id, opts);
  const q = db.select().from(meetings).where(and(eq(meetings.orgId, l.c.orgId), eq(meetings.consultationId, l.c.id)));
  const [m] = await (opts.lock ? q.for('update') : q);
  if (!m) throw notFound('Meeting');
  return { l, m };
}

const open = (l: LoadedConsultation) => {
  if (l.c.state === 'closed') throw conflict(say('协商已办结，会议不能再修改', 'The consultation is closed'));
};

/** Active members of the committee among `ids`; 422 at `path` for any other. */
async function checkMembers(c: CommandScope, ids: string[], path: string) {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return [];
  const rows = await c.tx.select({ id: members.id }).from(members).where(and(eq(members.orgId, c.actor.orgId), inArray(members.id, wanted), eq(members.active, true)));
  if (rows.length !== wanted.length) throw invalid(path, say('含有本委员会没有的委员', 'unknown member of this committee'));
  return wanted;
}

async function addInviteeRows(c: CommandScope, id: string, memberIds: string[]) {
  if (!memberIds.length) return 0;
  const rows = await c.tx.insert(invitees).values(memberIds.map((memberId) => ({ orgId: c.actor.orgId, consultationId: id, memberId })))
    .onConflictDoNothing().returning({ memberId: invitees.memberId });
  return rows.length;
}

export interface AgendaItem { time: string; title: string; speakerMemberId?: string | null; speaker?: string | null }
export interface MeetingInput { date: string; time: string; place: string; agenda: AgendaItem[] }

/** Staff set (or change) the meeting's day, time, place and agenda; the agenda's speakers are invited. */
export function scheduleMeeting(ctx: Ctx, id: string, input: MeetingInput) {
  return runCommand(ctx, async (c) => {
    const l = await loadConsultation(c.tx, c.actor, id, { lock: true });
    c.authorize('consultation.manage');
    open(l);
    const agenda = input.agenda.map((a) => ({ time: a.time, title: a.title, speakerMemberId: a.speakerMemberId ?? null, speaker: a.speaker ?? null }));
    for (const [i, a] of agenda.entries()) if (a.speakerMemberId) await checkMembers(c, [a.speakerMemberId], `/agenda/${i}/speakerMemberId`);
    const [before] = await c.tx.select().from(meetings).where(and(eq(meetings.orgId, l.c.orgId), eq(meetings.consultationId, id)));
    const values = { meetingOn: input.date, startTime: input.time, place: input.place, agenda, updatedAt: new Date() };
    if (before) await c.tx.update(meetings).set(values).where(and(eq(meetings.orgId, l.c.orgId), eq(meetings.consultationId, id)));
    else await c.tx.insert(meetings).values({ orgId: l.c.orgId, consultationId: id, codeSecret: newCodeSecret(), ...values });
    await scheduleAbsenceCheck(c.tx, l.c.orgId, id, input.date);
    await addInviteeRows(c, id, agenda.flatMap((a) => (a.speakerMemberId ? [a.speakerMemberId] : [])));
    await c.record({ action: before ? 'meetingChanged' : 'meetingScheduled', entity: 'consultation', entityId: id, before: { state: l.c.state }, after: {
      state: l.c.state, note: `${input.date} ${input.time} ${input.place}；议程 ${agenda.length} 项`,
    } });
  });
}

export interface InviteeSelection { memberIds?: string[]; sectorIds?: string[]; committeeIds?: string[]; standing?: boolean }

/** Staff add members to the invitation list: by hand, by sector, by special committee, or the standing committee. */
export function addInvitees(ctx: Ctx, id: string, sel: InviteeSelection) {
  return runCommand(ctx, async (c) => {
    const { l } = await loadMeeting(c.tx, c.actor, id, { lock: true });
    c.authorize('consultation.manage');
    open(l);
    const byHand = await checkMembers(c, sel.memberIds ?? [], '/memberIds');
    const groups = [
      sel.sectorIds?.length ? inArray(members.sectorId, sel.sectorIds) : undefined,
      sel.standing ? eq(members.standing, true) : undefined,
      sel.committeeIds?.length ? sql`exists (select 1 from ${memberCommittees} mc where mc.org_id = ${members.orgId} and mc.member_id = ${members.id}
        and mc.committee_id in (${sql.join(sel.committeeIds.map((x) => sql`${x}::uuid`), sql`, `)}))` : undefined,
    ].filter(Boolean);
    const grouped = groups.length
      ? (await c.tx.select({ id: members.id }).from(members).where(and(eq(members.orgId, c.actor.orgId), eq(members.active, true), or(...groups)))).map((r) => r.id)
      : [];
    const added = await addInviteeRows(c, id, [...new Set([...byHand, ...grouped])]);
    if (added) await c.record({ action: 'inviteesAdded', entity: 'consultation', entityId: id, before: { state: l.c.state }, after: { state: l.c.state, note: `邀请名单增加 ${added} 人` } });
    return { added };
  });
}

/** Staff take members off the list (not those who already signed in). */
export function removeInvitees(ctx: Ctx, id: string, memberIds: string[]) {
  return runCommand(ctx, async (c) => {
    const { l } = await loadMeeting(c.tx, c.actor, id, { lock: true });
    c.authorize('consultation.manage');
    open(l);
    const rows = await c.tx.delete(invitees).where(and(eq(invitees.orgId, l.c.orgId), eq(invitees.consultationId, id), inArray(invitees.memberId, [...new Set(memberIds)]), isNull(invitees.signedInAt)))
      .returning({ memberId: invitees.memberId });
    if (rows.length) await c.record({ action: 'inviteesRemoved', entity: 'consultation', entityId: id, before: { state: l.c.state }, after: { state: l.c.state, note: `邀请名单移除 ${rows.length} 人` } });
    return { removed: rows.length };
  });
}

/** Staff send the invitations not yet sent: a notice to each member, whose to-do list then asks for a reply. */
export function sendInvitations(ctx: Ctx, id: string) {
  return runCommand(ctx, async (c) => {
    const { l, m } = await loadMeeting(c.tx, c.actor, id, { lock: true });
    c.authorize('consultation.manage');
    open(l);
    if (m.meetingOn < today()) throw conflict(say('会议日期已过', 'The meeting day has passed'));
    const sent = await c.tx.update(invitees).set({ invitedAt: new Date() })
      .where(and(eq(invitees.orgId, l.c.orgId), eq(invitees.consultationId, id), isNull(invitees.invitedAt))).returning({ memberId: invitees.memberId });
    if (!sent.length) throw conflict(say('没有待发送的邀请：请先添加参会委员', 'No invitation to send: add members first'));
    // (staff who are members too and invite themselves need no notice of it)
    const to = (await memberUsers(c.tx, l.c.orgId, sent.map((s) => s.memberId))).filter((u) => u !== c.actor.id);
    await notify(c.tx, l.c.orgId, to, invitationNotice(l.c, m));
    await c.record({ action: 'invited', entity: 'consultation', entityId: id, before: { state: l.c.state }, after: { state: l.c.state, note: `发出会议邀请 ${sent.length} 份` } });
    return { sent: sent.length };
  });
}

/** The caller's invitation to this meeting (a member invited); 404 otherwise. */
async function myInvitation(c: CommandScope, id: string) {
  if (!c.actor.memberId) throw forbidden(say('只有委员本人可以回复', 'Only the invited member replies'));
  const [row] = await c.tx.select().from(invitees)
    .where(and(eq(invitees.orgId, c.actor.orgId), eq(invitees.consultationId, id), eq(invitees.memberId, c.actor.memberId))).for('update');
  if (!row?.invitedAt) throw notFound('Invitation');
  return row;
}
/**
 * The id a member's attendance or leave at a meeting goes by in events: the same for the same
 * meeting, member and kind (a UUID made from them), so the duty record counts it once.
 */
export function inviteeEventId(kind: 'attendance' | 'leave', consultationId: string, memberId: string) {
  const h = crypto.createHash('sha1').update(`${kind}:${consultationId}:${memberId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
const ofInvitee = (orgId: string, id: string, memberId: string) => and(eq(invitees.orgId, orgId), eq(invitees.consultationId, id), eq(invitees.memberId, memberId));

/** An invited member replies: attending, or asking for leave with a reason (staff then decide). */
export function replyInvitation(ctx: Ctx, id: string, body: { answer: 'attend' | 'leave'; reason?: string }) {
  return runCommand(ctx, async (c) => {
    const { l, m } = await loadMeeting(c.tx, c.actor, id);
    const inv = await myInvitation(c, id);
    if (m.meetingOn < today()) throw conflict(say('会议已经召开', 'The meeting has taken place'));
    if (body.answer === 'leave' && !body.reason) throw invalid('/reason', say('请假须说明理由', 'a reason is required'));
    if (inv.leaveState === 'approved' && body.answer === 'leave') throw conflict(say('请假已获批准', 'Leave is already granted'));
    const set = body.answer === 'attend'
      ? { reply: 'attend', leaveReason: null, leaveState: null, leaveNote: null, leaveDecidedBy: null, leaveDecidedAt: null }
      : { reply: 'leave', leaveReason: body.reason!, leaveState: 'asked', leaveNote: null, leaveDecidedBy: null, leaveDecidedAt: null };
    await c.tx.update(invitees).set(set).where(ofInvitee(l.c.orgId, id, inv.memberId));
    await c.record({ action: body.answer === 'attend' ? 'attending' : 'leaveAsked', entity: 'meetingLeave', entityId: id,
      after: { memberId: inv.memberId, reply: body.answer, reason: body.reason ?? null } });
  });
}

/** Staff grant or refuse a leave request; the member is told. Granted leave counts as excused. */
export function decideLeave(ctx: Ctx, id: string, body: { memberId: string; approve: boolean; note?: string }) {
  return runCommand(ctx, async (c) => {
    const { l, m } = await loadMeeting(c.tx, c.actor, id, { lock: true });
    c.authorize('consultation.manage');
    const [inv] = await c.tx.select().from(invitees).where(ofInvitee(l.c.orgId, id, body.memberId));
    if (!inv) throw invalid('/memberId', say('该委员不在邀请名单中', 'not invited to this meeting'));
    if (inv.leaveState !== 'asked') throw conflict(say('该委员没有待审批的请假', 'No leave request waits for a decision'));
    await c.tx.update(invitees).set({ leaveState: body.approve ? 'approved' : 'refused', leaveNote: body.note ?? null, leaveDecidedBy: c.actor.id, leaveDecidedAt: new Date(),
      ...(body.approve ? {} : { reply: 'pending' }) }).where(ofInvitee(l.c.orgId, id, body.memberId));
    const action = body.approve ? 'approved' : 'refused';
    await c.record({ action, entity: 'meetingLeave', entityId: id, after: { memberId: body.memberId, reason: inv.leaveReason, note: body.note ?? null } },
      { id: inviteeEventId('leave', id, body.memberId), consultationId: id, memberIds: [body.memberId], occurredOn: m.meetingOn, reason: inv.leaveReason, note: body.note ?? null, actorUserId: c.actor.id });
    await notify(c.tx, l.c.orgId, await memberUsers(c.tx, l.c.orgId, [body.memberId]), {
      kind: body.approve ? 'meetingLeaveApproved' : 'meetingLeaveRefused',
      title: body.approve ? `请假已批准：${l.c.title}` : `请假未获批准：${l.c.title}`, body: body.note ?? '', href: '/meetings',
      params: { title: l.c.title, date: m.meetingOn },
    });
  });
}

/** Attendance is taken from the meeting's day (China time), not before it. */
function meetingBegun(m: { meetingOn: string }) {
  if (m.meetingOn > today()) throw conflict(say(`会议定于 ${m.meetingOn} 召开，当天起才能签到`, `The meeting is on ${m.meetingOn}: attendance opens that day`));
}

/** Present: signed in. Leave asked for or granted is withdrawn (the member came after all: present, not excused). */
async function recordSignIn(c: CommandScope, lm: LoadedMeeting, inv: { memberId: string; leaveState: string | null }, how: 'code' | 'staff') {
  const { memberId } = inv;
  const withdrawn = inv.leaveState === 'asked' || inv.leaveState === 'approved';
  await c.tx.update(invitees).set({ signedInAt: new Date(), signedInHow: how, signedInBy: c.actor.id, ...(withdrawn ? { reply: 'attend', leaveReason: null, leaveState: null, leaveNote: null, leaveDecidedBy: null, leaveDecidedAt: null } : {}) })
    .where(ofInvitee(lm.l.c.orgId, lm.l.c.id, memberId));
  if (withdrawn) await c.record({ action: 'attending', entity: 'meetingLeave', entityId: lm.l.c.id, after: { memberId, reply: 'attend', reason: null, note: '签到，请假撤回' } });
  await c.record({ action: 'signedIn', entity: 'meetingAttendance', entityId: lm.l.c.id, after: { memberId, how } },
    { id: inviteeEventId('attendance', lm.l.c.id, memberId), consultationId: lm.l.c.id, memberIds: [memberId], occurredOn: lm.m.meetingOn, how, actorUserId: c.actor.id });
  await recordRoomSession(c, lm.l.c, 'edited');
}

/**
 * A member present signs in with the code shown at the venue (current or previous): no code, no
 * attendance. Signing in again changes nothing.
 */
export function signIn(ctx: Ctx, id: string, code: string) {
  return runCommand(ctx, async (c) => {
    const lm = await loadMeeting(c.tx, c.actor, id, { lock: true });
    const inv = await myInvitation(c, id);
    meetingBegun(lm.m);
    if (!codeIsValid(lm.m.codeSecret, code)) throw invalid('/code', say('签到码不正确或已过期，请输入现场屏幕上的签到码', 'wrong or expired code: type the code shown at the venue'));
    if (!inv.signedInAt) await recordSignIn(c, lm, inv, 'code');
    return { signedIn: true };
  });
}

/** Staff tick (or untick) a member on the attendance list. */
export function markAttendance(ctx: Ctx, id: string, body: { memberId: string; present: boolean }) {
  return runCommand(ctx, async (c) => {
    const lm = await loadMeeting(c.tx, c.actor, id, { lock: true });
    c.authorize('consultation.manage');
    open(lm.l);
    const [inv] = await c.tx.select().from(invitees).where(ofInvitee(lm.l.c.orgId, id, body.memberId));
    if (!inv) throw invalid('/memberId', say('该委员不在邀请名单中', 'not invited to this meeting'));
    if (body.present && !inv.signedInAt) { meetingBegun(lm.m); await recordSignIn(c, lm, inv, 'staff'); }
    if (!body.present && inv.signedInAt) {
      await c.tx.update(invitees).set({ signedInAt: null, signedInHow: null, signedInBy: null }).where(ofInvitee(lm.l.c.orgId, id, body.memberId));
      await c.record({ action: 'cleared', entity: 'meetingAttendance', entityId: id, after: { memberId: body.memberId } },
        { id: inviteeEventId('attendance', id, body.memberId), consultationId: id, memberIds: [body.memberId], occurredOn: lm.m.meetingOn, actorUserId: c.actor.id });
      await recordRoomSession(c, lm.l.c, 'edited');
    }
  });
}

/** Staff add a material of the meeting, or its minutes as a document (after the meeting). */
export function uploadMeetingFile(ctx: Ctx, id: string, kind: 'material' | 'minutes', file: Upload) {
  return runCommand(ctx, async (c) => {
    const { l, m } = await loadMeeting(c.tx, c.actor, id, { lock: true });
    c.authorize('consultation.manage');
    open(l);
    if (kind === 'minutes' && m.meetingOn > today()) throw conflict(say('会议召开后才能上传纪要', 'Minutes come after the meeting'));
    const row = await storeUpload(c, fileItem(id), file);
    await bindUploads(c, fileItem(id), [row.id], { kind, id });
    if (kind === 'minutes') await c.tx.update(meetings).set({ minutesFileId: row.id, updatedAt: new Date() }).where(and(eq(meetings.orgId, l.c.orgId), eq(meetings.consultationId, id)));
    await c.record({ action: kind === 'minutes' ? 'minutesUploaded' : 'materialUploaded', entity: 'consultation', entityId: id, before: { state: l.c.state },
      after: { state: l.c.state, note: row.filename } });
    return row;
  });
}

/** Staff write the minutes (after the meeting). */
export function writeMinutes(ctx: Ctx, id: string, text: string) {
  return runCommand(ctx, async (c) => {
    const { l, m } = await loadMeeting(c.tx, c.actor, id, { lock: true });
    c.authorize('consultation.manage');
    open(l);
    if (m.meetingOn > today()) throw conflict(say('会议召开后才能填写纪要', 'Minutes come after the meeting'));
    await c.tx.update(meetings).set({ minutes: text, updatedAt: new Date() }).where(and(eq(meetings.orgId, l.c.orgId), eq(meetings.consultationId, id)));
    await c.record({ action: 'minutesWritten', entity: 'consultation', entityId: id, before: { state: l.c.state }, after: { state: l.c.state, note: '会议纪要' } });
  });
}

/** A speaker of the agenda uploads their speech; staff may upload any speaker's. */
export function uploadSpeech(ctx: Ctx, id: string, memberId: string | undefined, file: Upload) {
  return runCommand(ctx, async (c) => {
    const { l, m } = await loadMeeting(c.tx, c.actor, id, { lock: true });
    const staff = hasRole(c.actor, 'staff');
    const speaker = staff ? memberId : c.actor.memberId;
    if (!speaker) throw staff ? invalid('/memberId', say('请指定发言委员', 'name the speaker')) : forbidden(say('只有发言委员或工作人员可以上传发言', 'Only the speaker or staff upload a speech'));
    if (!staff && memberId && memberId !== c.actor.memberId) throw forbidden(say('只能上传本人的发言', 'Only your own speech'));
    open(l);
    if (!m.agenda.some((a) => a.speakerMemberId === speaker)) {
      if (staff) throw invalid('/memberId', say('该委员不是议程中的发言人', 'not a speaker of the agenda'));
      throw forbidden(say('您不是议程中的发言人', 'You are not a speaker of the agenda'));
    }
    const row = await storeUpload(c, fileItem(id), file);
    await bindUploads(c, fileItem(id), [row.id], { kind: 'speech', id: speaker });
    await c.record({ action: 'added', entity: 'meetingSpeech', entityId: row.id, after: { consultationId: id, memberId: speaker, filename: row.filename } },
      { id: row.id, consultationId: id, memberIds: [speaker], occurredOn: m.meetingOn, filename: row.filename, actorUserId: c.actor.id });
    return row;
  });
}

/** Staff upload the deliverable of one of the 八个一 (a document); the item may then be marked done. */
export function uploadDeliverable(ctx: Ctx, id: string, key: TaskKey, file: Upload) {
  return runCommand(ctx, async (c) => {
    const l = await loadConsultation(c.tx, c.actor, id, { lock: true });
    c.authorize('consultation.manage');
    if (l.c.state === 'closed') throw conflict(say('协商已办结，清单不能再修改', 'The consultation is closed'));
    const ofTask = and(eq(consultationTasks.orgId, l.c.orgId), eq(consultationTasks.consultationId, id), eq(consultationTasks.key, key));
    const [task] = await c.tx.select().from(consultationTasks).where(ofTask);
    if (!task) throw notFound('Checklist item');
    const row = await storeUpload(c, fileItem(id), file);
    await bindUploads(c, fileItem(id), [row.id], { kind: 'deliverable', id });
    // An item not begun is under way once its deliverable is in (staff then mark it done).
    await c.tx.update(consultationTasks).set({ deliverableId: row.id, ...(task.state === 'todo' ? { state: 'doing' } : {}), updatedAt: sql`now()` }).where(ofTask);
    await c.tx.update(consultations).set({ updatedAt: sql`now()` }).where(and(eq(consultations.orgId, l.c.orgId), eq(consultations.id, id)));
    await c.record({ action: 'checklist', entity: 'consultation', entityId: id, before: { state: l.c.state }, after: { state: l.c.state, note: `${TASK_NAMES[key]}：成果 ${row.filename}` } });
    return row;
  });
}
