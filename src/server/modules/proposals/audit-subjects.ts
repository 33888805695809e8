import { sql } from 'drizzle-orm';
import { addAuditSubjects, rowsById } from '../../core/audit/subjects.ts';
import { attachments } from '../handling/schema.ts';
import { proposals } from './schema.ts';

// The audit log names proposals, and the files attached to anything, by title and page (core/audit/subjects.ts).
addAuditSubjects('proposal', rowsById(proposals, { orgId: proposals.orgId, id: proposals.id, title: proposals.title }, (id) => `/proposals/${id}`));

/** The page of what a file is attached to. */
const ITEM_PAGES: Record<string, (id: string) => string> = {
  proposal: (id) => `/proposals/${id}`, recommendation: (id) => `/recommendations/${id}`,
  consultation: (id) => `/consultations/${id}`, creationProject: (id) => `/creation/projects/${id}`,
};
addAuditSubjects('attachment', rowsById(attachments, { orgId: attachments.orgId, id: attachments.id, title: attachments.filename,
  also: sql`${attachments.itemKind} || ':' || ${attachments.itemId}` }, (_id, item) => {
  const [kind, id] = (item ?? '').split(':');
  return kind && id && ITEM_PAGES[kind] ? ITEM_PAGES[kind](id) : null;
}));
