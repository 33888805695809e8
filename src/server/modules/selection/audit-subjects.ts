import { addAuditSubjects, rowsById } from '../../core/audit/subjects.ts';
import { selectionRounds } from './schema.ts';

// The audit log names selection rounds by name and page (core/audit/subjects.ts).
addAuditSubjects('selection', rowsById(selectionRounds, { orgId: selectionRounds.orgId, id: selectionRounds.id, title: selectionRounds.name }, (id) => `/selections/${id}`));
