import { sql } from 'drizzle-orm';
import { addAuditSubjects, rowsById } from '../../core/audit/subjects.ts';
import { orgs, users } from '../../core/schema.ts';
import { committees, members, plenarySessions, sectors, terms, units } from './schema.ts';

// The audit log names the committee's people, bodies and terms by name and page (core/audit/subjects.ts).
addAuditSubjects('member', rowsById(members, { orgId: members.orgId, id: members.id, title: members.name }, (id) => `/members/${id}`));
addAuditSubjects('user', rowsById(users, { orgId: users.orgId, id: users.id,
  title: sql`case when ${users.displayName} = ${users.username} then ${users.username} else ${users.displayName} || ' · ' || ${users.username} end` }, () => '/admin/users'));
addAuditSubjects('unit', rowsById(units, { orgId: units.orgId, id: units.id, title: units.name }, () => '/admin/units'));
addAuditSubjects('sector', rowsById(sectors, { orgId: sectors.orgId, id: sectors.id, title: sectors.name }, () => '/admin/sectors'));
addAuditSubjects('committee', rowsById(committees, { orgId: committees.orgId, id: committees.id, title: committees.name }, () => '/admin/committees'));
addAuditSubjects('term', rowsById(terms, { orgId: terms.orgId, id: terms.id, title: (lang) => (lang === 'en' ? sql`'Term ' || ${terms.number}` : sql`'第' || ${terms.number} || '届'`) }, () => '/admin/terms'));
addAuditSubjects('session', rowsById(plenarySessions, { orgId: plenarySessions.orgId, id: plenarySessions.id, title: (lang) => (lang === 'en' ? sql`'Session ' || ${plenarySessions.number}` : sql`'第' || ${plenarySessions.number} || '次会议'`) }, () => '/admin/terms'));
// A committee's own entries, and those of the committees below it it set up: by id alone.
addAuditSubjects('org', rowsById(orgs, { orgId: null, id: orgs.id, title: orgs.name }, () => '/admin/orgs'));
