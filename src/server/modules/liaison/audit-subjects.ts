import { sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { addAuditSubjects, rowsById, yearNamed } from '../../core/audit/subjects.ts';
import { outer } from '../../core/db/client.ts';
import { members } from '../org/schema.ts';
import { liaisonContacts as contacts, liaisonLinks as links, liaisonMeetings as meetings, liaisonOpinions as opinions, liaisonReports as reports } from './schema.ts';

// The audit log names 双联 links, contacts, opinions, reports and meetings (core/audit/subjects.ts).
const memberName = (orgId: AnyPgColumn, memberId: AnyPgColumn) =>
  sql<string>`(select m.name from ${members} m where m.org_id = ${outer(orgId)} and m.id = ${outer(memberId)})`;
addAuditSubjects('liaisonLink', rowsById(links, { orgId: links.orgId, id: links.id,
  title: sql`${links.year} || ' · ' || coalesce(${memberName(links.orgId, links.fromMemberId)}, '') || ' → ' || coalesce(${memberName(links.orgId, links.toMemberId)}, '')` }, () => '/liaison'));
addAuditSubjects('liaisonContact', rowsById(contacts, { orgId: contacts.orgId, id: contacts.id, title: sql`${contacts.date} || ' · ' || left(${contacts.topics}, 40)` },
  (id) => `/liaison/contacts/${id}`));
addAuditSubjects('liaisonOpinion', rowsById(opinions, { orgId: opinions.orgId, id: opinions.id, title: sql`left(${opinions.content}, 40)`, also: opinions.contactId },
  (_id, contact) => (contact ? `/liaison/contacts/${contact}` : null)));
addAuditSubjects('liaisonReport', rowsById(reports, { orgId: reports.orgId, id: reports.id,
  title: sql`${reports.year} || ' · ' || coalesce(${memberName(reports.orgId, reports.memberId)}, '')`, also: reports.memberId }, (_id, m) => (m ? `/records/members/${m}` : null)));
addAuditSubjects('liaisonMeeting', rowsById(meetings, { orgId: meetings.orgId, id: meetings.id, title: sql`${meetings.date} || ' · ' || ${meetings.place}` }, () => '/liaison/meetings'));
addAuditSubjects('liaisonGraph', yearNamed((y, lang) => (lang === 'en' ? `Liaison assignment ${y}` : `${y} 年双联联系安排`), '/liaison'));
