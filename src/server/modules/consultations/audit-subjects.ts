import { sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { addAuditSubjects, rowsById, yearNamed } from '../../core/audit/subjects.ts';
import { outer } from '../../core/db/client.ts';
import { attachments } from '../handling/schema.ts';
import { consultationComments as comments, consultationRecommendations as recs, consultationRooms as rooms, consultations, consultationTopics as topics,
  consultationVisits as visits } from './schema.ts';

// The audit log names consultations and what belongs to them by title and page (core/audit/subjects.ts).
const page = (id: string) => `/consultations/${id}`;
const consultation = rowsById(consultations, { orgId: consultations.orgId, id: consultations.id, title: consultations.title }, page);
addAuditSubjects('consultation', consultation);
// Keyed by the consultation: a meeting's leave and sign-in, a frontline room's session.
for (const entity of ['meetingLeave', 'meetingAttendance', 'consultationRoomSession']) addAuditSubjects(entity, consultation);
addAuditSubjects('recommendation', rowsById(recs, { orgId: recs.orgId, id: recs.id, title: recs.title }, (id) => `/recommendations/${id}`));
addAuditSubjects('consultationTopic', rowsById(topics, { orgId: topics.orgId, id: topics.id, title: topics.title }, (id) => `/consultations/topics/${id}`));
addAuditSubjects('consultationRoom', rowsById(rooms, { orgId: rooms.orgId, id: rooms.id, title: rooms.name }, (id) => `/consultations/rooms/${id}`));
/** The title of the consultation a row belongs to (a correlated subquery). */
const titleOf = (consultationId: AnyPgColumn, orgId: AnyPgColumn) =>
  sql<string>`(select c.title from ${consultations} c where c.org_id = ${outer(orgId)} and c.id = ${outer(consultationId)})`;
// A comment or a visit by the consultation it belongs to.
addAuditSubjects('consultationComment', rowsById(comments, { orgId: comments.orgId, id: comments.id, title: titleOf(comments.consultationId, comments.orgId),
  also: comments.consultationId }, (_id, c) => (c ? page(c) : null)));
addAuditSubjects('consultationVisit', rowsById(visits, { orgId: visits.orgId, id: visits.id,
  title: sql`${titleOf(visits.consultationId, visits.orgId)} || ' · ' || ${visits.place}`, also: visits.consultationId }, (_id, c) => (c ? page(c) : null)));
// A speech is its file, on the consultation's page.
addAuditSubjects('meetingSpeech', rowsById(attachments, { orgId: attachments.orgId, id: attachments.id, title: attachments.filename, also: attachments.itemId },
  (_id, c) => (c ? page(c) : null)));
addAuditSubjects('consultationPlan', yearNamed((y, lang) => (lang === 'en' ? `Consultation plan ${y}` : `${y} 年度协商计划`), '/consultations/plan'));
