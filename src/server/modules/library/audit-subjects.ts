import { addAuditSubjects, rowsById } from '../../core/audit/subjects.ts';
import { documentCategories, documents } from './schema.ts';

// The audit log names documents and their categories (core/audit/subjects.ts).
addAuditSubjects('document', rowsById(documents, { orgId: documents.orgId, id: documents.id, title: documents.title }, (id) => `/library/${id}`));
addAuditSubjects('documentCategory', rowsById(documentCategories, { orgId: documentCategories.orgId, id: documentCategories.id, title: documentCategories.name }, () => '/library'));
