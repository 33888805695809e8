import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

// 文库 (the document library): documents a committee's office uploads, their pages (extracted text,
// and a rendered image where the server has LibreOffice and poppler), categories, readers'
// favourites and reports of bad content. The files themselves live in the library storage
// (storage.ts: a folder under DATA_DIR), never in the database.

export type DocumentFormat = 'doc' | 'docx' | 'pdf' | 'pptx' | 'xlsx' | 'txt';
export const DOCUMENT_ACCESS = ['public', 'members', 'staff'] as const;
export type DocumentAccess = (typeof DOCUMENT_ACCESS)[number];
export type DocumentState = 'processing' | 'ready' | 'failed';

/** A category; `parentId` makes the tree the breadcrumbs walk. */
export const documentCategories = pgTable('document_categories', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  parentId: uuid(),
  name: text().notNull(),
  sort: integer().notNull().default(0),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('document_categories_org_parent_name').on(t.orgId, t.parentId, t.name)]);

/**
 * A document. The row exists only once its file is stored; `state` is processing until the job
 * (processing.ts) ends it ready or failed (with `reason`). `number` is 文档编号 TX-YYYY-NNNNN, by
 * committee and year. `terms` holds the text's top words (for related documents).
 */
export const documents = pgTable('documents', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  year: integer().notNull(),
  seq: integer().notNull(),
  number: text().notNull(),
  title: text().notNull(),
  filename: text().notNull(),
  format: text().notNull().$type<DocumentFormat>(),
  mime: text().notNull(),
  size: integer().notNull(),
  sha256: text().notNull(),
  storageKey: text().notNull(),
  access: text().notNull().$type<DocumentAccess>(),
  categoryId: uuid(),
  uploadedBy: uuid().notNull(),
  uploaderName: text().notNull(),
  uploadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  state: text().notNull().$type<DocumentState>().default('processing'),
  /** Why processing failed (or why the last attempt did, while retrying), in both languages. */
  reason: jsonb().$type<{ zh: string; en: string }>(),
  attempts: integer().notNull().default(0),
  pages: integer(),
  /** image: pages were rendered; text: no renderer on this server, the text is the preview. */
  previewKind: text().$type<'image' | 'text'>(),
  downloads: integer().notNull().default(0),
  /** Hidden by staff after a report: only staff see it. */
  hidden: boolean().notNull().default(false),
  terms: jsonb().$type<Record<string, number>>(),
  processedAt: timestamp({ withTimezone: true }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.id] }),
  uniqueIndex('documents_org_year_seq').on(t.orgId, t.year, t.seq),
  index('documents_org_uploaded').on(t.orgId, t.uploadedAt),
  index('documents_org_category').on(t.orgId, t.categoryId),
]);

/** A page (or part) of a document: its text, and the storage key of its image when rendered. */
export const documentPages = pgTable('document_pages', {
  orgId: uuid().notNull(),
  documentId: uuid().notNull(),
  n: integer().notNull(),
  text: text().notNull(),
  imageKey: text(),
}, (t) => [primaryKey({ columns: [t.orgId, t.documentId, t.n] })]);

export const documentFavourites = pgTable('document_favourites', {
  orgId: uuid().notNull(),
  userId: uuid().notNull(),
  documentId: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.userId, t.documentId] }), index('document_favourites_doc').on(t.orgId, t.documentId),
  // A reader's favourites across committees (其他政协的公开文档 too: GET /documents/favourites).
  index('document_favourites_user').on(t.userId, t.createdAt)]);

/** A reader's report of bad content; staff resolve it (dismiss, or hide the document). */
export const documentReports = pgTable('document_reports', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  documentId: uuid().notNull(),
  reporterId: uuid().notNull(),
  reason: text().notNull(),
  status: text().notNull().$type<'open' | 'dismissed' | 'hidden'>().default('open'),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  resolvedBy: uuid(),
  resolvedAt: timestamp({ withTimezone: true }),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('document_reports_open').on(t.orgId, t.status, t.createdAt)]);

export type LinkKind = 'proposal' | 'consultation' | 'member';

/**
 * A document linked to what it belongs to (links.ts): a proposal (its attachments), a consultation
 * — `part` naming one of its 八个一 when it is that item's deliverable — or a member (their duty
 * record). Readers see a link only when they may open both the document and the item.
 */
export const documentLinks = pgTable('document_links', {
  orgId: uuid().notNull(),
  documentId: uuid().notNull(),
  targetKind: text().notNull().$type<LinkKind>(),
  targetId: uuid().notNull(),
  /** A checklist item's key (researchReport, …) for a consultation's deliverable; '' for the item itself. */
  part: text().notNull().default(''),
  createdBy: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.documentId, t.targetKind, t.targetId, t.part] }), index('document_links_target').on(t.orgId, t.targetKind, t.targetId)]);
