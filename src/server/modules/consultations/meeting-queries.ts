import { and, asc, desc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { hasRole, type Actor } from '../../core/policies.ts';
import { today } from '../handling/deadlines.ts';
import { attachments } from '../handling/schema.ts';
import { members, sectors } from '../org/schema.ts';
import { FILE_KIND, type LoadedMeeting } from './meeting-commands.ts';
import { CODE_SECONDS, currentCode, meetingDeadlines, meetingSettings } from './meeting-rules.ts';
import { consultationMeetings as meetings, consultations, meetingInvitees as invitees } from './schema.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** What an invitee's state comes to: attended, excused (leave granted), absent (after the day), or still open. */
function standing(i: typeof invitees.$inferSelect, past: boolean) {
  if (i.signedInAt) return 'present';
  if (i.leaveState === 'approved') return 'excused';
  return past ? 'absent' : 'open';
}

/**
 * The meeting as every login of the committee reads it; a leave request's reason and the staff's
 * note only to staff and the member concerned.
 */
export async function presentMeeting(db: Queryable, actor: Actor, { l, m }: LoadedMeeting) {
  const staff = hasRole(actor, 'staff', 'admin');
  const [settings, rows, files] = await Promise.all([
    meetingSettings(db, l.c.orgId),
    db.select({ i: invitees, name: members.name, sector: sectors.name, standing: members.standing }).from(invitees)
      .innerJoin(members, and(eq(members.orgId, invitees.orgId), eq(members.id, invitees.memberId)))
      .leftJoin(sectors, and(eq(sectors.orgId, members.orgId), eq(sectors.id, members.sectorId)))
      .where(and(eq(invitees.orgId, l.c.orgId), eq(invitees.consultationId, l.c.id))).orderBy(asc(members.nameSort), asc(members.id)),
    db.select({ id: attachments.id, ownerKind: attachments.ownerKind, ownerId: attachments.ownerId, filename: attachments.filename, mime: attachments.mime, size: attachments.size, createdAt: attachments.createdAt })
      .from(attachments).where(and(eq(attachments.orgId, l.c.orgId), eq(attachments.itemKind, FILE_KIND), eq(attachments.itemId, l.c.id), inArray(attachments.ownerKind, ['material', 'minutes', 'speech'])))
      .orderBy(asc(attachments.createdAt)),
  ]);
  const past = m.meetingOn < today();
  const speakerIds = [...new Set(m.agenda.flatMap((a) => (a.speakerMemberId ? [a.speakerMemberId] : [])))];
  const names = new Map((speakerIds.length ? await db.select({ id: members.id, name: members.name }).from(members)
    .where(and(eq(members.orgId, l.c.orgId), inArray(members.id, speakerIds))) : []).map((x) => [x.id, x.name]));
  const file = (f: (typeof files)[number]) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size, createdAt: iso(f.createdAt)! });
  const list = rows.map(({ i, name, sector, standing: isStanding }) => {
    const mine = i.memberId === actor.memberId;
    return {
      memberId: i.memberId, name, sector, standing: isStanding, invitedAt: iso(i.invitedAt), reply: i.reply, leaveState: i.leaveState,
      ...(staff || mine ? { leaveReason: i.leaveReason, leaveNote: i.leaveNote } : {}),
      signedInAt: iso(i.signedInAt), signedInHow: i.signedInHow, attendance: standing(i, past),
    };
  });
  const count = (f: (x: (typeof list)[number]) => boolean) => list.filter(f).length;
  return {
    consultationId: l.c.id, title: l.c.title, state: l.c.state, date: m.meetingOn, time: m.startTime, place: m.place,
    agenda: m.agenda.map((a) => ({ ...a, speakerName: a.speakerMemberId ? names.get(a.speakerMemberId) ?? null : a.speaker })),
    ...meetingDeadlines(m.meetingOn, settings),
    invitees: list,
    counts: {
      invitees: list.length, invited: count((x) => !!x.invitedAt), attending: count((x) => x.reply === 'attend'), leaveAsked: count((x) => x.leaveState === 'asked'),
      excused: count((x) => x.attendance === 'excused'), present: count((x) => x.attendance === 'present'), absent: count((x) => x.attendance === 'absent'),
    },
    mine: list.find((x) => x.memberId === actor.memberId) ?? null,
    materials: files.filter((f) => f.ownerKind === 'material').map(file),
    speeches: files.filter((f) => f.ownerKind === 'speech').map((f) => ({ ...file(f), memberId: f.ownerId!, name: names.get(f.ownerId!) ?? null })),
    minutes: m.minutes, minutesFile: files.filter((f) => f.id === m.minutesFileId).map(file)[0] ?? null,
  };
}

/** What the sign-in screen shows: the code now, when it turns, the path a QR code opens, and the live count. */
export async function signInScreen(db: Queryable, { l, m }: LoadedMeeting) {
  const [n] = await db.select({ invited: sql<number>`count(*)::int`, present: sql<number>`count(*) filter (where ${invitees.signedInAt} is not null)::int`,
    excused: sql<number>`count(*) filter (where ${invitees.leaveState} = 'approved' and ${invitees.signedInAt} is null)::int` })
    .from(invitees).where(and(eq(invitees.orgId, l.c.orgId), eq(invitees.consultationId, l.c.id)));
  const { code, expiresAt } = currentCode(m.codeSecret);
  return { title: l.c.title, date: m.meetingOn, place: m.place, code, expiresAt, periodSeconds: CODE_SECONDS, path: `/meetings/${l.c.id}/sign-in?code=${code}`, ...n! };
}

/** The member's invitations: meetings from a month ago on, the soonest first. */
export async function myInvitations(db: Queryable, actor: Actor) {
  if (!actor.memberId) return [];
  const since = new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 10);
  const rows = await db.select({ i: invitees, title: consultations.title, m: meetings }).from(invitees)
    .innerJoin(meetings, and(eq(meetings.orgId, invitees.orgId), eq(meetings.consultationId, invitees.consultationId)))
    .innerJoin(consultations, and(eq(consultations.orgId, invitees.orgId), eq(consultations.id, invitees.consultationId)))
    .where(and(eq(invitees.orgId, actor.orgId), eq(invitees.memberId, actor.memberId), isNotNull(invitees.invitedAt), gte(meetings.meetingOn, since)))
    .orderBy(desc(sql`${meetings.meetingOn} >= ${today()}`), asc(meetings.meetingOn));
  const past = (d: string) => d < today();
  return rows.map(({ i, title, m }) => ({
    consultationId: i.consultationId, title, date: m.meetingOn, time: m.startTime, place: m.place, reply: i.reply, leaveState: i.leaveState,
    leaveReason: i.leaveReason, leaveNote: i.leaveNote, signedInAt: iso(i.signedInAt), attendance: standing(i, past(m.meetingOn)),
    speaker: m.agenda.some((a) => a.speakerMemberId === actor.memberId),
  }));
}
