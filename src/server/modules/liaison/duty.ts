import { and, eq, isNotNull } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { today } from '../handling/deadlines.ts';
import type { DutyFact } from '../records/rules.ts';
import { factsAsEvents } from '../records/contract.ts';
import { liaisonContacts, liaisonLinks, liaisonMeetings, liaisonReports } from './schema.ts';

/** A liaison's contacts (by channel) count on their duty record; one contact or all of a committee's. */
export async function contactDutyFacts(db: Queryable, orgId: string, id?: string): Promise<DutyFact[]> {
  const rows = await db.select({ id: liaisonContacts.id, date: liaisonContacts.date, channel: liaisonContacts.channel, topics: liaisonContacts.topics, memberId: liaisonLinks.fromMemberId })
    .from(liaisonContacts)
    .innerJoin(liaisonLinks, and(eq(liaisonLinks.orgId, liaisonContacts.orgId), eq(liaisonLinks.id, liaisonContacts.linkId)))
    .where(and(eq(liaisonContacts.orgId, orgId), isNotNull(liaisonLinks.fromMemberId), id ? eq(liaisonContacts.id, id) : undefined));
  return rows.map((c) => ({
    memberId: c.memberId!, kind: 'liaisonContact', variant: c.channel, key: `liaisonContact.logged:${c.id}`,
    sourceType: 'liaisonContact', sourceId: c.id, href: `/liaison/contacts/${c.id}`, title: c.topics, occurredOn: c.date,
  }));
}

/** The annual written report counts once a year (rewriting it changes nothing); dated when handed in, within its year. */
export async function reportDutyFacts(db: Queryable, orgId: string, id?: string): Promise<DutyFact[]> {
  const rows = await db.select({ id: liaisonReports.id, year: liaisonReports.year, memberId: liaisonReports.memberId, submittedAt: liaisonReports.submittedAt })
    .from(liaisonReports).where(and(eq(liaisonReports.orgId, orgId), id ? eq(liaisonReports.id, id) : undefined));
  return rows.map((r) => {
    const day = today(r.submittedAt);
    return {
      memberId: r.memberId, kind: 'liaisonReport', key: `liaisonReport.reported:${r.id}`, sourceType: 'liaisonReport', sourceId: r.id,
      href: '/liaison/mine', title: `${r.year}年度双联书面报告`, occurredOn: day.startsWith(String(r.year)) ? day : `${r.year}-12-31`,
    };
  });
}

/** The members who attended a 双联见面会 (with the keys of `liaisonMeeting.held`). */
export async function liaisonMeetingDutyFacts(db: Queryable, orgId: string, id?: string): Promise<DutyFact[]> {
  const rows = await db.select({ id: liaisonMeetings.id, date: liaisonMeetings.date, attendeeIds: liaisonMeetings.attendeeIds })
    .from(liaisonMeetings).where(and(eq(liaisonMeetings.orgId, orgId), id ? eq(liaisonMeetings.id, id) : undefined));
  return factsAsEvents('liaisonMeeting.held', rows.map((m) => ({ id: m.id, memberIds: m.attendeeIds, occurredOn: m.date })));
}
