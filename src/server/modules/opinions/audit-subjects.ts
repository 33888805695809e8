import { addAuditSubjects, rowsById } from '../../core/audit/subjects.ts';
import { opinions } from './schema.ts';

// The audit log names 社情民意 by title and page (core/audit/subjects.ts).
addAuditSubjects('opinion', rowsById(opinions, { orgId: opinions.orgId, id: opinions.id, title: opinions.title }, (id) => `/opinions/${id}`));
