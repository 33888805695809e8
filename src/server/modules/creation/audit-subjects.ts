import { sql } from 'drizzle-orm';
import { addAuditSubjects, rowsById } from '../../core/audit/subjects.ts';
import { outer } from '../../core/db/client.ts';
import { members } from '../org/schema.ts';
import { creationActivities as activities, creationExchanges as exchanges, creationHonours as honours, creationPairings as pairings, creationProjects as projects } from './schema.ts';

// The audit log names 双创 projects, activities, honours and exchanges by title and page (core/audit/subjects.ts).
addAuditSubjects('creationProject', rowsById(projects, { orgId: projects.orgId, id: projects.id, title: projects.name }, (id) => `/creation/projects/${id}`));
addAuditSubjects('creationActivity', rowsById(activities, { orgId: activities.orgId, id: activities.id, title: activities.place }, () => '/creation/activities'));
addAuditSubjects('creationHonour', rowsById(honours, { orgId: honours.orgId, id: honours.id, title: honours.title }, () => '/creation/honours'));
addAuditSubjects('creationExchange', rowsById(exchanges, { orgId: exchanges.orgId, id: exchanges.id, title: exchanges.topic }, () => '/creation'));
// A pairing by its member (the household it helps is not the log's to show).
addAuditSubjects('creationPairing', rowsById(pairings, { orgId: pairings.orgId, id: pairings.id,
  title: sql`(select m.name from ${members} m where m.org_id = ${outer(pairings.orgId)} and m.id = ${outer(pairings.memberId)})` }, () => '/creation'));
