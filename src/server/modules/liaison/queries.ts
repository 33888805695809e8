import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../core/db/client.ts';
import type { Actor } from '../../core/policies.ts';
import { committees, members, plenarySessions, sectors, terms } from '../org/schema.ts';
import { visibleLinks, type Contact, type Link } from './access.ts';
import { KINDS, loadBound, type Kind } from './rules.ts';
import { liaisonContacts, liaisonGraphs, liaisonLinks, liaisonMeetings, liaisonOpinions, liaisonReports } from './schema.ts';

const fromM = alias(members, 'from_m');
const toM = alias(members, 'to_m');

export interface LinkFilter { year: number; kind?: Kind; fromMemberId?: string; toMemberId?: string; mine?: boolean; active?: boolean; q?: string }

/** Face-to-face contacts on the link in its year: what 一见面 counts. */
const faceToFace = sql<number>`(select count(*)::int from ${liaisonContacts} where ${liaisonContacts.orgId} = ${liaisonLinks.orgId}
  and ${liaisonContacts.linkId} = ${liaisonLinks.id} and ${liaisonContacts.channel} = 'faceToFace')`;
const contactCount = sql<number>`(select count(*)::int from ${liaisonContacts} where ${liaisonContacts.orgId} = ${liaisonLinks.orgId} and ${liaisonContacts.linkId} = ${liaisonLinks.id})`;

function linkWhere(actor: Actor, f: LinkFilter): SQL {
  return and(
    visibleLinks(actor), eq(liaisonLinks.year, f.year),
    // Active links unless the removed ones are asked for (active=false).
    eq(liaisonLinks.active, f.active ?? true),
    f.kind ? eq(liaisonLinks.kind, f.kind) : undefined,
    f.fromMemberId ? eq(liaisonLinks.fromMemberId, f.fromMemberId) : undefined,
    f.toMemberId ? eq(liaisonLinks.toMemberId, f.toMemberId) : undefined,
    f.mine && actor.memberId ? eq(liaisonLinks.fromMemberId, actor.memberId) : f.mine ? sql`false` : undefined,
    f.q ? sql`(${fromM.name} ilike ${`%${f.q}%`} or ${toM.name} ilike ${`%${f.q}%`})` : undefined,
  )!;
}

function linkRows(db: Queryable) {
  return db.select({
    l: liaisonLinks, fromName: fromM.name, toName: toM.name, sectorName: sectors.name, committeeName: committees.name, contactCount, faceToFace,
  }).from(liaisonLinks)
    .leftJoin(fromM, and(eq(fromM.orgId, liaisonLinks.orgId), eq(fromM.id, liaisonLinks.fromMemberId)))
    .leftJoin(toM, and(eq(toM.orgId, liaisonLinks.orgId), eq(toM.id, liaisonLinks.toMemberId)))
    .leftJoin(sectors, and(eq(sectors.orgId, liaisonLinks.orgId), eq(sectors.id, liaisonLinks.sectorId)))
    .leftJoin(committees, and(eq(committees.orgId, liaisonLinks.orgId), eq(committees.id, liaisonLinks.committeeId)));
}
type LinkRow = Awaited<ReturnType<ReturnType<typeof linkRows>['execute']>>[number];

const presentLink = (r: LinkRow) => ({
  id: r.l.id, year: r.l.year, kind: r.l.kind, fromMemberId: r.l.fromMemberId, toMemberId: r.l.toMemberId, sectorId: r.l.sectorId, committeeId: r.l.committeeId,
  reason: r.l.reason, manual: r.l.manual, active: r.l.active,
  fromName: r.fromName, toName: r.toName, sectorName: r.sectorName, committeeName: r.committeeName,
  contactCount: r.contactCount, faceToFace: r.faceToFace,
});
export type LinkView = ReturnType<typeof presentLink>;

export async function listLinks(db: Queryable, actor: Actor, f: LinkFilter, page?: { limit: number; offset: number }) {
  const where = linkWhere(actor, f);
  const q = linkRows(db).where(where).orderBy(asc(liaisonLinks.kind), asc(fromM.nameSort), asc(committees.name), asc(toM.nameSort), asc(sectors.sort), asc(liaisonLinks.id));
  const [rows, [count]] = await Promise.all([
    page ? q.limit(page.limit).offset(page.offset) : q,
    db.select({ n: sql<number>`count(*)::int` }).from(liaisonLinks)
      .leftJoin(fromM, and(eq(fromM.orgId, liaisonLinks.orgId), eq(fromM.id, liaisonLinks.fromMemberId)))
      .leftJoin(toM, and(eq(toM.orgId, liaisonLinks.orgId), eq(toM.id, liaisonLinks.toMemberId))).where(where),
  ]);
  return { items: rows.map(presentLink), total: count!.n };
}

export async function linkView(db: Queryable, link: Link) {
  const [row] = await linkRows(db).where(and(eq(liaisonLinks.orgId, link.orgId), eq(liaisonLinks.id, link.id)));
  return presentLink(row!);
}

/**
 * The year's graph: its version and, per kind, the links and liaisons, and the most links the rules
 * gave one liaison against the bound (rules.ts; links staff added by hand are theirs to weigh).
 */
export async function graphSummary(db: Queryable, orgId: string, year: number) {
  const [graph] = await db.select().from(liaisonGraphs).where(and(eq(liaisonGraphs.orgId, orgId), eq(liaisonGraphs.year, year)));
  const loads = await db.select({
    kind: liaisonLinks.kind, liaison: sql<string>`coalesce(${liaisonLinks.fromMemberId}, ${liaisonLinks.committeeId})`,
    n: sql<number>`count(*)::int`, generated: sql<number>`count(*) filter (where not ${liaisonLinks.manual})::int`,
  }).from(liaisonLinks).where(and(eq(liaisonLinks.orgId, orgId), eq(liaisonLinks.year, year), eq(liaisonLinks.active, true)))
    .groupBy(liaisonLinks.kind, sql`2`);
  const balanced = new Set<Kind>(['partyMember', 'chairMeeting', 'standing', 'committee']);
  return {
    year, version: graph?.version ?? 0, generatedAt: graph?.generatedAt.toISOString() ?? null, created: graph?.created ?? 0, kept: graph?.kept ?? 0,
    kinds: KINDS.map((kind) => {
      const of = loads.filter((l) => l.kind === kind);
      const generated = of.reduce((s, l) => s + l.generated, 0);
      return {
        kind, links: of.reduce((s, l) => s + l.n, 0), liaisons: of.length, maxLoad: Math.max(0, ...of.map((l) => l.generated)),
        // The bound the rules kept to (rules.ts): over the links they gave and the liaisons that carry them.
        bound: balanced.has(kind) ? loadBound(generated, of.filter((l) => l.generated > 0).length) : null,
      };
    }),
  };
}

const presentContact = (c: Contact) => ({
  id: c.id, linkId: c.linkId, year: c.year, date: c.date, channel: c.channel, participants: c.participants, topics: c.topics,
  policyTalk: c.policyTalk, massesReached: c.massesReached, problemsSolved: c.problemsSolved, createdAt: c.createdAt.toISOString(),
});

export async function contactView(db: Queryable, c: Contact, link: LinkView) {
  const ops = await db.select().from(liaisonOpinions).where(and(eq(liaisonOpinions.orgId, c.orgId), eq(liaisonOpinions.contactId, c.id))).orderBy(asc(liaisonOpinions.position));
  return {
    ...presentContact(c), link,
    opinions: ops.map((o) => ({ id: o.id, content: o.content, opinionId: o.opinionId, proposalId: o.proposalId })),
  };
}

/** Contacts on links the caller may see (of one link, or the caller's own as liaison), newest first. */
export async function listContacts(db: Queryable, actor: Actor, f: { year?: number; linkId?: string; mine?: boolean }, page: { limit: number; offset: number }) {
  const where = and(
    visibleLinks(actor), eq(liaisonContacts.orgId, actor.orgId),
    f.year ? eq(liaisonContacts.year, f.year) : undefined,
    f.linkId ? eq(liaisonContacts.linkId, f.linkId) : undefined,
    f.mine ? (actor.memberId ? eq(liaisonLinks.fromMemberId, actor.memberId) : sql`false`) : undefined,
  );
  const join = and(eq(liaisonLinks.orgId, liaisonContacts.orgId), eq(liaisonLinks.id, liaisonContacts.linkId));
  const opinionCount = sql<number>`(select count(*)::int from ${liaisonOpinions} where ${liaisonOpinions.orgId} = ${liaisonContacts.orgId} and ${liaisonOpinions.contactId} = ${liaisonContacts.id})`;
  const [rows, [count]] = await Promise.all([
    db.select({ c: liaisonContacts, kind: liaisonLinks.kind, fromName: fromM.name, toName: toM.name, sectorName: sectors.name, opinionCount }).from(liaisonContacts)
      .innerJoin(liaisonLinks, join)
      .leftJoin(fromM, and(eq(fromM.orgId, liaisonLinks.orgId), eq(fromM.id, liaisonLinks.fromMemberId)))
      .leftJoin(toM, and(eq(toM.orgId, liaisonLinks.orgId), eq(toM.id, liaisonLinks.toMemberId)))
      .leftJoin(sectors, and(eq(sectors.orgId, liaisonLinks.orgId), eq(sectors.id, liaisonLinks.sectorId)))
      .where(where).orderBy(desc(liaisonContacts.date), desc(liaisonContacts.createdAt)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(liaisonContacts).innerJoin(liaisonLinks, join).where(where),
  ]);
  return {
    total: count!.n,
    items: rows.map((r) => ({ ...presentContact(r.c), kind: r.kind, fromName: r.fromName, toName: r.toName, sectorName: r.sectorName, opinionCount: r.opinionCount })),
  };
}

/**
 * 一见面一报告, now: per member liaison of the year, their active links, how many had a
 * face-to-face contact this year, and whether the written report is in. Behind: a link without
 * one, or no report. (A special committee's links have no member liaison and are not on the board.)
 */
/** `only`: that member's row alone (null: no row); `behind`: the rows behind only (the totals stay the year's). */
export async function compliance(db: Queryable, orgId: string, year: number, opts: { only?: string | null; behind?: boolean } = {}) {
  const rows = await db.select({
    memberId: liaisonLinks.fromMemberId, name: fromM.name, sectorName: sectors.name,
    links: sql<number>`count(*)::int`,
    met: sql<number>`count(*) filter (where ${faceToFace} > 0)::int`,
    reportedAt: sql<string | null>`(select ${liaisonReports.submittedAt} from ${liaisonReports} where ${liaisonReports.orgId} = ${liaisonLinks.orgId}
      and ${liaisonReports.year} = ${year} and ${liaisonReports.memberId} = ${liaisonLinks.fromMemberId})`,
    reportFile: sql<boolean>`exists (select 1 from ${liaisonReports} where ${liaisonReports.orgId} = ${liaisonLinks.orgId}
      and ${liaisonReports.year} = ${year} and ${liaisonReports.memberId} = ${liaisonLinks.fromMemberId} and ${liaisonReports.attachmentId} is not null)`,
  }).from(liaisonLinks)
    .innerJoin(fromM, and(eq(fromM.orgId, liaisonLinks.orgId), eq(fromM.id, liaisonLinks.fromMemberId)))
    .leftJoin(sectors, and(eq(sectors.orgId, fromM.orgId), eq(sectors.id, fromM.sectorId)))
    .where(and(eq(liaisonLinks.orgId, orgId), eq(liaisonLinks.year, year), eq(liaisonLinks.active, true), opts.only === undefined ? undefined : opts.only ? eq(liaisonLinks.fromMemberId, opts.only) : sql`false`))
    .groupBy(liaisonLinks.orgId, liaisonLinks.fromMemberId, fromM.name, fromM.nameSort, sectors.name)
    .orderBy(asc(fromM.nameSort));
  const items = rows.map((r) => {
    const reported = !!r.reportedAt;
    return {
      memberId: r.memberId!, name: r.name, sectorName: r.sectorName ?? '', links: r.links, met: r.met, unmet: r.links - r.met,
      reported, reportedAt: r.reportedAt ? new Date(r.reportedAt).toISOString() : null, reportFile: !!r.reportFile, behind: r.met < r.links || !reported,
    };
  });
  const sum = (f: (i: (typeof items)[number]) => number) => items.reduce((s, i) => s + f(i), 0);
  return {
    year, items: opts.behind ? items.filter((i) => i.behind) : items,
    totals: {
      liaisons: items.length, behind: sum((i) => (i.behind ? 1 : 0)), links: sum((i) => i.links), met: sum((i) => i.met),
      unmet: sum((i) => i.unmet), reported: sum((i) => (i.reported ? 1 : 0)),
    },
  };
}

export async function listReports(db: Queryable, actor: Actor, f: { year: number; all: boolean }) {
  const rows = await db.select({ r: liaisonReports, name: members.name }).from(liaisonReports)
    .innerJoin(members, and(eq(members.orgId, liaisonReports.orgId), eq(members.id, liaisonReports.memberId)))
    .where(and(eq(liaisonReports.orgId, actor.orgId), eq(liaisonReports.year, f.year), f.all ? undefined : actor.memberId ? eq(liaisonReports.memberId, actor.memberId) : sql`false`))
    .orderBy(asc(members.nameSort));
  return rows.map(({ r, name }) => presentReport(r, name));
}

export const presentReport = (r: typeof liaisonReports.$inferSelect, name?: string) => ({
  id: r.id, year: r.year, memberId: r.memberId, ...(name === undefined ? {} : { name }), body: r.body, submittedAt: r.submittedAt.toISOString(),
  file: r.attachmentId ? `/api/v1/liaison/reports/${r.id}/file` : null,
});

/** A report for a caller who may read it (the office, or its member), else 404. */
export async function loadReport(db: Queryable, actor: Actor, id: string, all: boolean) {
  const [r] = await db.select().from(liaisonReports).where(and(eq(liaisonReports.orgId, actor.orgId), eq(liaisonReports.id, id),
    all ? undefined : actor.memberId ? eq(liaisonReports.memberId, actor.memberId) : sql`false`));
  return r ?? null;
}

/** The 双联见面会 of a year (or all), newest first, with attendee and opinion counts. */
export async function listMeetings(db: Queryable, orgId: string, f: { year?: number }) {
  const rows = await db.select({
    m: liaisonMeetings, sessionNumber: plenarySessions.number, termNumber: terms.number,
    opinions: sql<number>`(select count(*)::int from ${liaisonOpinions} where ${liaisonOpinions.orgId} = ${liaisonMeetings.orgId} and ${liaisonOpinions.meetingId} = ${liaisonMeetings.id})`,
  }).from(liaisonMeetings)
    .leftJoin(plenarySessions, and(eq(plenarySessions.orgId, liaisonMeetings.orgId), eq(plenarySessions.id, liaisonMeetings.sessionId)))
    .leftJoin(terms, and(eq(terms.orgId, plenarySessions.orgId), eq(terms.id, plenarySessions.termId)))
    .where(and(eq(liaisonMeetings.orgId, orgId), f.year ? eq(liaisonMeetings.year, f.year) : undefined))
    .orderBy(desc(liaisonMeetings.date), desc(liaisonMeetings.createdAt));
  return rows.map((r) => ({
    ...presentMeeting(r.m), termNumber: r.termNumber, sessionNumber: r.sessionNumber, attendees: r.m.attendeeIds.length, opinions: r.opinions,
    /** The meeting in one line (a list shows it as the row's title): 十四届三次会议双联见面会 · 市政协会议中心. */
    title: `${r.termNumber && r.sessionNumber ? `第${r.termNumber}届第${r.sessionNumber}次会议` : `${r.m.year}年`}双联见面会 · ${r.m.place}`,
  }));
}

const presentMeeting = (m: typeof liaisonMeetings.$inferSelect) => ({
  id: m.id, year: m.year, date: m.date, place: m.place, sessionId: m.sessionId, topics: m.topics, createdAt: m.createdAt.toISOString(),
});

/** One meeting with its attendees (names) and opinions (who raised each, the draft it became). */
export async function meetingView(db: Queryable, orgId: string, id: string) {
  const [m] = await db.select().from(liaisonMeetings).where(and(eq(liaisonMeetings.orgId, orgId), eq(liaisonMeetings.id, id)));
  if (!m) return null;
  const [people, ops, [session]] = await Promise.all([
    m.attendeeIds.length ? db.select({ id: members.id, name: members.name, party: members.party }).from(members).where(and(eq(members.orgId, orgId), inArray(members.id, m.attendeeIds))).orderBy(asc(members.nameSort)) : [],
    db.select({ o: liaisonOpinions, name: members.name }).from(liaisonOpinions)
      .leftJoin(members, and(eq(members.orgId, liaisonOpinions.orgId), eq(members.id, liaisonOpinions.memberId)))
      .where(and(eq(liaisonOpinions.orgId, orgId), eq(liaisonOpinions.meetingId, id))).orderBy(asc(liaisonOpinions.position)),
    db.select({ number: plenarySessions.number, termNumber: terms.number, startsOn: plenarySessions.startsOn }).from(plenarySessions)
      .leftJoin(terms, and(eq(terms.orgId, plenarySessions.orgId), eq(terms.id, plenarySessions.termId)))
      .where(and(eq(plenarySessions.orgId, orgId), eq(plenarySessions.id, m.sessionId))),
  ]);
  return {
    ...presentMeeting(m), termNumber: session?.termNumber ?? null, sessionNumber: session?.number ?? null,
    attendees: people, opinions: ops.map(({ o, name }) => ({ id: o.id, memberId: o.memberId, memberName: name, content: o.content, opinionId: o.opinionId, proposalId: o.proposalId })),
  };
}

/** The year's active party-member links (党员委员联系党外委员) of the committees `orgIds`. */
const partyMemberLinks = (orgIds: string[], year: number) =>
  and(inArray(liaisonLinks.orgId, orgIds), eq(liaisonLinks.year, year), eq(liaisonLinks.kind, 'partyMember'), eq(liaisonLinks.active, true));
const memberAt = (m: { orgId: AnyPgColumn; id: AnyPgColumn }, side: 'from' | 'to') =>
  and(eq(m.orgId, liaisonLinks.orgId), eq(m.id, side === 'from' ? liaisonLinks.fromMemberId : liaisonLinks.toMemberId));

/**
 * The members on either end of the year's active party-member links: the party-member liaisons
 * (`from`) or the non-party members they link with (`to`), each once.
 */
export async function partyMemberLinkPeople(db: Queryable, orgId: string, year: number, side: 'from' | 'to') {
  return db.selectDistinct({ memberId: members.id, name: members.name, nameSort: members.nameSort }).from(liaisonLinks)
    .innerJoin(members, memberAt(members, side)).where(partyMemberLinks([orgId], year)).orderBy(asc(members.nameSort));
}

/** How many members `partyMemberLinkPeople` lists on each side, for every committee of `orgIds` (one statement, grouped by committee; a committee without links has none). */
export async function partyMemberLinkCounts(db: Queryable, orgIds: string[], year: number): Promise<Map<string, { from: number; to: number }>> {
  if (!orgIds.length) return new Map();
  const from = alias(members, 'from_member'), to = alias(members, 'to_member');
  const rows = await db.select({ orgId: liaisonLinks.orgId, from: sql<number>`count(distinct ${from.id})::int`, to: sql<number>`count(distinct ${to.id})::int` }).from(liaisonLinks)
    .leftJoin(from, memberAt(from, 'from')).leftJoin(to, memberAt(to, 'to')).where(partyMemberLinks(orgIds, year)).groupBy(liaisonLinks.orgId);
  return new Map(rows.map((r) => [r.orgId, { from: r.from, to: r.to }]));
}
