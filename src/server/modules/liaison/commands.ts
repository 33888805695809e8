import { and, eq, inArray, sql } from 'drizzle-orm';
import { runCommand, type CommandScope, type Ctx } from '../../core/command.ts';
import { conflict, forbidden, invalid, notFound, say } from '../../core/errors.ts';
import { hasRole, memberOf } from '../../core/policies.ts';
import { dayInChinese } from '../../core/china-time.ts';
import { today } from '../handling/deadlines.ts';
import { insertOpinion } from '../opinions/commands.ts';
import { bindUploads, storeUpload, type Upload } from '../handling/attachments.ts';
import { attachments } from '../handling/schema.ts';
import { committees, members, plenarySessions, sectors } from '../org/schema.ts';
import { insertProposal } from '../proposals/commands.ts';
import { searchDocs } from '../search/schema.ts';
import { correctionRefused, loadContact, loadLink, mayLog, type Contact, type Link } from './access.ts';
import { CHANNEL_LABELS, KIND_LABELS } from './labels.ts';
import type { Kind } from './rules.ts';
import { liaisonContacts, liaisonLinks, liaisonMeetings, liaisonOpinions, liaisonReports } from './schema.ts';

export interface LinkInput { year: number; kind: Kind; fromMemberId?: string; toMemberId?: string; sectorId?: string; committeeId?: string; reason?: string }

/** Which ends a link of each kind has: a member or committee it runs from, a member or sector it runs to. */
const ENDS: Record<Kind, { from: 'member' | 'committee'; to: 'member' | 'sector' }> = {
  partyGroup: { from: 'member', to: 'member' }, partyMember: { from: 'member', to: 'member' },
  chairMeeting: { from: 'member', to: 'member' }, standing: { from: 'member', to: 'member' },
  masses: { from: 'member', to: 'sector' }, committee: { from: 'committee', to: 'sector' },
};

async function activeMember(c: CommandScope, id: string | undefined, path: string) {
  if (!id) throw invalid(path, say('这类联系须填写', 'required for this kind of link'));
  const [m] = await c.tx.select({ id: members.id }).from(members).where(and(eq(members.orgId, c.actor.orgId), eq(members.id, id), eq(members.active, true)));
  if (!m) throw invalid(path, say('本政协没有这位在任委员', 'no such active member in this committee'));
  return id;
}

async function checkEnds(c: CommandScope, input: LinkInput) {
  const ends = ENDS[input.kind];
  const orgId = c.actor.orgId;
  const fromMemberId = ends.from === 'member' ? await activeMember(c, input.fromMemberId, '/fromMemberId') : null;
  let committeeId: string | null = null;
  if (ends.from === 'committee') {
    if (!input.committeeId) throw invalid('/committeeId', say('专委会联系须填写专委会', 'required for a special committee\'s link'));
    const [k] = await c.tx.select({ id: committees.id }).from(committees).where(and(eq(committees.orgId, orgId), eq(committees.id, input.committeeId), eq(committees.active, true)));
    if (!k) throw invalid('/committeeId', say('本政协没有这个在设的专委会', 'no such active special committee in this committee'));
    committeeId = input.committeeId;
  }
  const toMemberId = ends.to === 'member' ? await activeMember(c, input.toMemberId, '/toMemberId') : null;
  if (toMemberId && toMemberId === fromMemberId) throw invalid('/toMemberId', say('委员不能联系自己', 'a member does not link to themselves'));
  let sectorId: string | null = null;
  if (ends.to === 'sector') {
    if (!input.sectorId) throw invalid('/sectorId', say('联系界别须填写界别', 'required for a link to a sector'));
    const [s] = await c.tx.select({ id: sectors.id }).from(sectors).where(and(eq(sectors.orgId, orgId), eq(sectors.id, input.sectorId), eq(sectors.active, true)));
    if (!s) throw invalid('/sectorId', say('本政协没有这个在设的界别', 'no such active sector in this committee'));
    sectorId = input.sectorId;
  }
  for (const [field, value] of [['fromMemberId', input.fromMemberId], ['toMemberId', input.toMemberId], ['sectorId', input.sectorId], ['committeeId', input.committeeId]] as const) {
    const used = { fromMemberId, toMemberId, sectorId, committeeId }[field];
    if (value && !used) throw invalid(`/${field}`, say(`“${KIND_LABELS[input.kind]}”不需要此项`, `not part of a “${input.kind}” link`));
  }
  return { fromMemberId, toMemberId, sectorId, committeeId };
}

const HAND = '工作人员手动调整';
const removed = say('这条联系已撤销', 'This link was removed');

async function insertHandLink(c: CommandScope, year: number, kind: Kind, ends: Awaited<ReturnType<typeof checkEnds>>, reason?: string) {
  const [dup] = await c.tx.select({ id: liaisonLinks.id }).from(liaisonLinks).where(and(
    eq(liaisonLinks.orgId, c.actor.orgId), eq(liaisonLinks.year, year), eq(liaisonLinks.kind, kind), eq(liaisonLinks.active, true),
    ...(['fromMemberId', 'toMemberId', 'sectorId', 'committeeId'] as const).map((f) => (ends[f] ? eq(liaisonLinks[f], ends[f]) : sql`${liaisonLinks[f]} is null`)),
  ));
  if (dup) throw conflict(say('这条联系已存在', 'This link exists already'));
  const [link] = await c.tx.insert(liaisonLinks).values({ orgId: c.actor.orgId, year, kind, ...ends, reason: reason ? `${HAND}：${reason}` : HAND, manual: true }).returning();
  return link!;
}

/** Staff add a link by hand; regeneration keeps it. */
export function addLink(ctx: Ctx, input: LinkInput) {
  return runCommand(ctx, async (c) => {
    c.authorize('liaison.manage');
    const link = await insertHandLink(c, input.year, input.kind, await checkEnds(c, input), input.reason);
    await c.record({ action: 'added', entity: 'liaisonLink', entityId: link.id, after: link });
    return link;
  });
}

async function lockedActive(c: CommandScope, id: string) {
  c.authorize('liaison.manage');
  const link = await loadLink(c.tx, c.actor, id, { lock: true });
  if (!link.active) throw conflict(removed);
  return link;
}

/** Marks a link removed by hand: it stays, inactive, so regeneration does not bring it back. */
async function retire(c: CommandScope, link: Link, note: string) {
  const [after] = await c.tx.update(liaisonLinks).set({ active: false, manual: true, reason: `${link.reason}（${note}）`, updatedAt: sql`now()` })
    .where(and(eq(liaisonLinks.orgId, link.orgId), eq(liaisonLinks.id, link.id))).returning();
  return after!;
}

/** Staff remove a link; its contacts stay with it. */
export function removeLink(ctx: Ctx, id: string, reason?: string) {
  return runCommand(ctx, async (c) => {
    const link = await lockedActive(c, id);
    const after = await retire(c, link, reason ? `已撤销：${reason}` : '已撤销');
    await c.record({ action: 'removed', entity: 'liaisonLink', entityId: id, before: link, after });
    return after;
  });
}

/** Staff give a link's target another liaison (member, or special committee): the old link is removed, a new one made by hand. */
export function reassignLink(ctx: Ctx, id: string, to: { fromMemberId?: string; committeeId?: string; reason?: string }) {
  return runCommand(ctx, async (c) => {
    const link = await lockedActive(c, id);
    const kind = link.kind;
    if (kind === 'masses') throw conflict(say('联系本界别群众的是委员本人，不能改派', 'A member links the masses of their own sector: it cannot be reassigned'));
    const field = ENDS[kind].from === 'committee' ? 'committeeId' : 'fromMemberId';
    if (!to[field]) throw invalid(`/${field}`, say('请选择新的联系人', 'name the new liaison'));
    const ends = await checkEnds(c, { year: link.year, kind, toMemberId: link.toMemberId ?? undefined, sectorId: link.sectorId ?? undefined, [field]: to[field] });
    await retire(c, link, '已改派');
    const moved = await insertHandLink(c, link.year, kind, ends, to.reason ?? '改派');
    await c.record({ action: 'reassigned', entity: 'liaisonLink', entityId: id, before: link, after: moved });
    return moved;
  });
}

export interface ContactInput {
  date: string; channel: keyof typeof CHANNEL_LABELS; participants: string; topics: string;
  policyTalk?: boolean; massesReached?: number; opinions?: string[]; problemsSolved?: string[];
}

/** The liaison (or staff) logs a contact on an active link, with the opinions collected. */
export function logContact(ctx: Ctx, linkId: string, input: ContactInput) {
  return runCommand(ctx, async (c) => {
    const link = await loadLink(c.tx, c.actor, linkId);
    if (!mayLog(c.actor, link)) throw forbidden(say('只有联系人本人或工作人员可以记录联系', 'Only the liaison or staff log contacts'));
    if (!link.active) throw conflict(removed);
    if (input.date > today()) throw invalid('/date', say('不能晚于今天', 'must not be in the future'));
    if (Number(input.date.slice(0, 4)) !== link.year) throw invalid('/date', say(`${link.year} 年度联系的记录须在 ${link.year} 年内`, `a contact of the ${link.year} link must fall in ${link.year}`));
    if (input.massesReached && link.kind !== 'masses') throw invalid('/massesReached', say('只有联系界别群众时才填写', 'only on a link to a sector\'s masses'));
    const [contact] = await c.tx.insert(liaisonContacts).values({
      orgId: c.actor.orgId, linkId, year: link.year, date: input.date, channel: input.channel, participants: input.participants, topics: input.topics,
      policyTalk: input.policyTalk ?? false, massesReached: input.massesReached ?? 0, problemsSolved: input.problemsSolved ?? [], createdBy: c.actor.id,
    }).returning();
    const opinions = input.opinions?.length
      ? await c.tx.insert(liaisonOpinions).values(input.opinions.map((content, position) => ({ orgId: c.actor.orgId, contactId: contact!.id, position, content }))).returning()
      : [];
    await c.record({ action: 'logged', entity: 'liaisonContact', entityId: contact!.id, after: { ...contact, opinions: opinions.map((o) => o.content) } },
      { id: contact!.id, linkId, kind: link.kind, fromMemberId: link.fromMemberId, memberIds: link.fromMemberId ? [link.fromMemberId] : [], occurredOn: input.date, date: input.date, channel: input.channel, actorUserId: c.actor.id });
    return contact!;
  });
}

/** A contact locked for a correction by a caller who may correct it now (liaison/access.ts). */
async function correctable(c: CommandScope, id: string) {
  const loaded = await loadContact(c.tx, c.actor, id, { lock: true });
  const refused = correctionRefused(c.actor, loaded.link, loaded.contact, Number(today().slice(0, 4)));
  if (refused) throw refused.status === 403 ? forbidden(refused.message) : conflict(refused.message);
  return loaded;
}

export type ContactPatch = Partial<Omit<ContactInput, 'opinions'>>;

/**
 * Its liaison (within the contact's year) or staff correct a contact: the day (within the link's
 * year), channel, participants, topics and what came of it. The duty record follows (a channel
 * changed from 见面 takes its points back), as do 一见面 and the counters, read from the rows.
 */
export function updateContact(ctx: Ctx, id: string, patch: ContactPatch) {
  return runCommand(ctx, async (c) => {
    const { contact, link } = await correctable(c, id);
    if (patch.date !== undefined) {
      if (patch.date > today()) throw invalid('/date', say('不能晚于今天', 'must not be in the future'));
      if (Number(patch.date.slice(0, 4)) !== link.year) throw invalid('/date', say(`${link.year} 年度联系的记录须在 ${link.year} 年内`, `a contact of the ${link.year} link must fall in ${link.year}`));
    }
    if (patch.massesReached && link.kind !== 'masses') throw invalid('/massesReached', say('只有联系界别群众时才填写', 'only on a link to a sector\'s masses'));
    const [after] = await c.tx.update(liaisonContacts).set(patch).where(and(eq(liaisonContacts.orgId, contact.orgId), eq(liaisonContacts.id, id))).returning();
    const fields = Object.keys(patch) as (keyof ContactPatch)[];
    const pick = (row: Contact) => Object.fromEntries(fields.map((k) => [k, row[k]]));
    await c.record({ action: 'edited', entity: 'liaisonContact', entityId: id, before: pick(contact), after: pick(after!) },
      { id, linkId: link.id, memberIds: link.fromMemberId ? [link.fromMemberId] : [], occurredOn: after!.date, channel: after!.channel, actorUserId: c.actor.id });
    return after!;
  });
}

/**
 * Its liaison (within the contact's year) or staff delete a contact logged by mistake, with the
 * opinions collected there; not once one of them became a 社情民意 or proposal draft (that draft
 * names the contact as its origin). Its duty points go with it.
 */
export function deleteContact(ctx: Ctx, id: string) {
  return runCommand(ctx, async (c) => {
    const { contact, link } = await correctable(c, id);
    const ops = await c.tx.select().from(liaisonOpinions).where(and(eq(liaisonOpinions.orgId, contact.orgId), eq(liaisonOpinions.contactId, id))).for('update');
    const toOpinion = ops.some((o) => o.opinionId);
    const toProposal = ops.some((o) => o.proposalId);
    if (toOpinion || toProposal) {
      const what = [toOpinion ? say('社情民意信息', 'a 社情民意 report') : null, toProposal ? say('提案草稿', 'a proposal draft') : null].filter((x) => !!x) as { zh: string; en: string }[];
      throw conflict(say(`这次联系收集的意见已转为${what.map((w) => w.zh).join('和')}，不能删除联系记录（可以修改）`,
        `An opinion collected at this contact became ${what.map((w) => w.en).join(' and ')}: the contact cannot be deleted (it may be edited)`));
    }
    await c.tx.delete(liaisonOpinions).where(and(eq(liaisonOpinions.orgId, contact.orgId), eq(liaisonOpinions.contactId, id)));
    await c.tx.delete(searchDocs).where(and(eq(searchDocs.orgId, contact.orgId), eq(searchDocs.docKind, 'contact'), eq(searchDocs.docId, id)));
    await c.tx.delete(liaisonContacts).where(and(eq(liaisonContacts.orgId, contact.orgId), eq(liaisonContacts.id, id)));
    await c.record({ action: 'delete', entity: 'liaisonContact', entityId: id, before: { ...contact, opinions: ops.map((o) => o.content) } },
      { id, linkId: link.id, memberIds: link.fromMemberId ? [link.fromMemberId] : [], occurredOn: contact.date, channel: contact.channel, actorUserId: c.actor.id });
    return { id, linkId: link.id };
  });
}

type OpinionRow = typeof liaisonOpinions.$inferSelect;

/** An opinion collected at a contact: the liaison authors its draft; they or staff turn it. */
async function contactOrigin(c: CommandScope, row: OpinionRow, contactId: string) {
  const { contact, link } = await loadContact(c.tx, c.actor, contactId);
  if (!mayLog(c.actor, link)) throw forbidden(say('只有联系人本人或工作人员可以转化意见', 'Only the liaison or staff turn an opinion into a draft'));
  if (!link.fromMemberId) throw conflict(say('专委会联系收集的意见没有委员作者', 'An opinion of a committee\'s link has no member to author the draft'));
  const where = `${KIND_LABELS[link.kind]}，${dayInChinese(contact.date)}，${CHANNEL_LABELS[contact.channel as keyof typeof CHANNEL_LABELS]}`;
  const origin = { kind: 'liaisonOpinion', id: row.id, label: `来自双联联系（${where}）`, href: `/liaison/contacts/${contact.id}` };
  return { author: link.fromMemberId, origin, body: `${row.content}\n\n（来源：双联联系，${where}；联系事项：${contact.topics.trim().replace(/[。；，、\s]+$/u, '')}）` };
}

/** An opinion raised at the 双联见面会: the member who raised it authors its draft; they or staff turn it. */
async function meetingOrigin(c: CommandScope, row: OpinionRow) {
  const [meeting] = await c.tx.select().from(liaisonMeetings).where(and(eq(liaisonMeetings.orgId, c.actor.orgId), eq(liaisonMeetings.id, row.meetingId!)));
  const mine = !!c.actor.memberId && c.actor.memberId === row.memberId;
  if (!meeting || !row.memberId || !(mine || hasRole(c.actor, 'staff', 'admin', 'leader'))) throw notFound('Opinion');
  if (!mine && !hasRole(c.actor, 'staff', 'admin')) throw forbidden(say('只有提出意见的委员或工作人员可以转化意见', 'Only the member who raised it or staff turn an opinion into a draft'));
  const where = `${dayInChinese(meeting.date)}，${meeting.place}`;
  const origin = { kind: 'liaisonOpinion', id: row.id, label: `来自双联见面会（${where}）`, href: `/liaison/meetings/${meeting.id}` };
  return { author: row.memberId, origin, body: `${row.content}\n\n（来源：双联见面会，${where}）` };
}

/**
 * An opinion collected on a contact (or raised at the 双联见面会) becomes a 社情民意 draft or a proposal draft of the liaison,
 * through the opinions and proposals modules' own commands, in this one transaction: the draft
 * carries its origin, and the opinion the draft's id.
 */
export function convertOpinion(ctx: Ctx, id: string, to: 'opinion' | 'proposal', title: string) {
  return runCommand(ctx, async (c) => {
    const [row] = await c.tx.select().from(liaisonOpinions).where(and(eq(liaisonOpinions.orgId, c.actor.orgId), eq(liaisonOpinions.id, id))).for('update');
    if (!row) throw notFound('Opinion');
    const { author, origin, body } = row.contactId ? await contactOrigin(c, row, row.contactId) : await meetingOrigin(c, row);
    if (row.opinionId || row.proposalId) throw conflict(say('这条意见已转化', 'This opinion was turned into a draft already'));
    let set: { opinionId: string } | { proposalId: string };
    if (to === 'opinion') {
      const own = c.actor.memberId === author;
      const o = await insertOpinion(c, { title, body, origin, ...(own ? {} : { authorMemberId: author }) });
      set = { opinionId: o.id };
    } else {
      if (c.actor.memberId !== author) throw forbidden(say('提案草稿由委员本人撰写', 'Only the liaison drafts the proposal'));
      const p = await insertProposal(c, { title, body, kind: 'member', origin });
      set = { proposalId: p.id };
    }
    const [after] = await c.tx.update(liaisonOpinions).set(set).where(and(eq(liaisonOpinions.orgId, row.orgId), eq(liaisonOpinions.id, id))).returning();
    await c.record({ action: 'converted', entity: 'liaisonOpinion', entityId: id, before: row, after });
    return after!;
  });
}

/** Whose annual report the caller writes or uploads: their own as a member, a named member's as staff; that member must be a liaison of the year. */
async function reportOwner(c: CommandScope, input: { year: number; memberId?: string }) {
  const forOther = !!input.memberId && input.memberId !== c.actor.memberId;
  if (forOther) c.authorize('liaison.manage');
  else if (!memberOf(c.actor)) { // (a leader linked to a member is a liaison as members are)
    if (hasRole(c.actor, 'staff', 'admin')) throw invalid('/memberId', say('请选择报告所属的委员', 'name the member the report is for'));
    throw forbidden(say('只有委员撰写双联报告', 'Only members write liaison reports'));
  }
  const memberId = forOther ? await activeMember(c, input.memberId, '/memberId') : c.actor.memberId!;
  const [link] = await c.tx.select({ id: liaisonLinks.id }).from(liaisonLinks).where(and(
    eq(liaisonLinks.orgId, c.actor.orgId), eq(liaisonLinks.year, input.year), eq(liaisonLinks.fromMemberId, memberId), eq(liaisonLinks.active, true))).limit(1);
  if (!link) throw invalid('/year', say(`该委员 ${input.year} 年没有双联联系`, `no liaison links of this member in ${input.year}`));
  return memberId;
}

const reported = (c: CommandScope, r: typeof liaisonReports.$inferSelect, extra: object) =>
  c.record({ action: 'reported', entity: 'liaisonReport', entityId: r.id, after: { year: r.year, memberId: r.memberId, ...extra } },
    { id: r.id, year: r.year, memberIds: [r.memberId], occurredOn: today(), actorUserId: c.actor.id });

/** A liaison's annual written report (一见面一报告): written by the member, or entered by staff for them; rewritten until the year is out. */
export function saveReport(ctx: Ctx, input: { year: number; body: string; memberId?: string }) {
  return runCommand(ctx, async (c) => {
    const memberId = await reportOwner(c, input);
    const [report] = await c.tx.insert(liaisonReports).values({ orgId: c.actor.orgId, year: input.year, memberId, body: input.body, createdBy: c.actor.id })
      .onConflictDoUpdate({ target: [liaisonReports.orgId, liaisonReports.year, liaisonReports.memberId], set: { body: input.body, createdBy: c.actor.id, submittedAt: sql`now()` } })
      .returning();
    await reported(c, report!, { length: [...input.body].length });
    return report!;
  });
}

/** The annual report as a document (.doc, .docx or .pdf, checked by its content); it replaces an earlier upload and keeps any written text. */
export function uploadReport(ctx: Ctx, input: { year: number; memberId?: string }, file: Upload) {
  return runCommand(ctx, async (c) => {
    const memberId = await reportOwner(c, input);
    const [report] = await c.tx.insert(liaisonReports).values({ orgId: c.actor.orgId, year: input.year, memberId, body: '', createdBy: c.actor.id })
      .onConflictDoUpdate({ target: [liaisonReports.orgId, liaisonReports.year, liaisonReports.memberId], set: { createdBy: c.actor.id, submittedAt: sql`now()` } })
      .returning();
    const item = { kind: 'liaisonReport', id: report!.id };
    const stored = await storeUpload(c, item, file, { kinds: ['doc', 'docx', 'pdf'], message: say('年度报告只能上传 Word（.doc、.docx）或 PDF 文件', 'The annual report must be a Word (.doc, .docx) or PDF file') });
    await bindUploads(c, item, [stored.id], { kind: 'report', id: report!.id });
    if (report!.attachmentId) await c.tx.delete(attachments).where(and(eq(attachments.orgId, c.actor.orgId), eq(attachments.id, report!.attachmentId)));
    const [after] = await c.tx.update(liaisonReports).set({ attachmentId: stored.id }).where(and(eq(liaisonReports.orgId, c.actor.orgId), eq(liaisonReports.id, report!.id))).returning();
    await reported(c, after!, { file: stored.filename, size: stored.size });
    return { report: after!, file: stored };
  });
}

export interface MeetingInput { date: string; place: string; sessionId: string; attendeeIds: string[]; topics: string[]; opinions?: { memberId: string; content: string }[] }

/**
 * Staff record the year's 双联见面会, held during a plenary session: its attendees, the topics
 * raised and the opinions collected, each raised by an attendee (turned into drafts like a contact's).
 */
export function holdMeeting(ctx: Ctx, input: MeetingInput) {
  return runCommand(ctx, async (c) => {
    c.authorize('liaison.manage');
    const orgId = c.actor.orgId;
    const [session] = await c.tx.select().from(plenarySessions).where(and(eq(plenarySessions.orgId, orgId), eq(plenarySessions.id, input.sessionId)));
    if (!session) throw invalid('/sessionId', say('本政协没有这次全体会议', 'no such plenary session in this committee'));
    if (input.date > today()) throw invalid('/date', say('不能晚于今天', 'must not be in the future'));
    const last = session.endsOn ?? session.startsOn;
    if (input.date < session.startsOn || input.date > last) throw invalid('/date', say(`双联见面会在全会期间召开（${session.startsOn} 至 ${last}）`, `the meeting is held during the plenary session (${session.startsOn} to ${last})`));
    const attendeeIds = [...new Set(input.attendeeIds)];
    const found = await c.tx.select({ id: members.id }).from(members).where(and(eq(members.orgId, orgId), inArray(members.id, attendeeIds), eq(members.active, true)));
    if (found.length !== attendeeIds.length) throw invalid('/attendeeIds', say('含有本政协没有的在任委员', 'contains an unknown or inactive member'));
    (input.opinions ?? []).forEach((o, i) => {
      if (!attendeeIds.includes(o.memberId)) throw invalid(`/opinions/${i}/memberId`, say('提出意见的须是出席的委员', 'must be one of the attendees'));
    });
    const [meeting] = await c.tx.insert(liaisonMeetings).values({
      orgId, year: Number(input.date.slice(0, 4)), date: input.date, place: input.place, sessionId: session.id, attendeeIds, topics: input.topics, createdBy: c.actor.id,
    }).returning();
    const opinions = input.opinions?.length
      ? await c.tx.insert(liaisonOpinions).values(input.opinions.map((o, position) => ({ orgId, meetingId: meeting!.id, memberId: o.memberId, position, content: o.content }))).returning()
      : [];
    await c.record({ action: 'held', entity: 'liaisonMeeting', entityId: meeting!.id, after: { ...meeting, opinions: opinions.map((o) => o.content) } },
      { id: meeting!.id, memberIds: attendeeIds, occurredOn: input.date, sessionId: session.id, opinions: opinions.length, actorUserId: c.actor.id });
    return meeting!;
  });
}
