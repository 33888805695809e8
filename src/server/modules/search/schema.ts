import { customType, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * Full-text search documents. Chinese has no spaces, so the app segments the text (jieba) and
 * stores the words in a 'simple' tsvector: the same on PGlite and PostgreSQL, no extension needed.
 * Kinds: proposal, reply, opinion, consultation, comment, document (see search/indexing.ts). A
 * title's words weigh A, the text's B (C: a proposal's replies).
 */
export const searchDocs = pgTable('search_docs', {
  orgId: uuid().notNull(),
  docKind: text().notNull(),
  docId: uuid().notNull(),
  tsv: tsvector().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.docKind, t.docId] }), index('search_docs_tsv').using('gin', t.tsv).with({ fastupdate: false })]);

/**
 * The query log: each search (its first page) of a committee, by whom (`searcher`: a user id, or
 * for a visitor a daily hash of address and browser) and what kind of caller, with how many results.
 * Related searches are drawn from it.
 */
export const searchQueries = pgTable('search_queries', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  /** The query as typed (trimmed), and its key: spaces collapsed, lower case. */
  q: text().notNull(),
  qKey: text().notNull(),
  /** Its segmented words, with the parts of compounds (公交线路: 公交, 线路, 公交线路), for "shares words with". */
  terms: text().array().notNull(),
  kind: text(),
  callerKind: text().notNull(),
  searcher: text().notNull(),
  resultCount: integer().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.id] }),
  index('search_queries_key').on(t.orgId, t.qKey),
  index('search_queries_searcher').on(t.orgId, t.searcher),
  index('search_queries_terms').using('gin', t.terms),
]);
