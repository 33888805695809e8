import { customType, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * Full-text search documents. Chinese has no spaces, so the app segments the text (jieba) and
 * stores the words in a 'simple' tsvector: the same on PGlite and PostgreSQL, no extension needed.
 */
export const searchDocs = pgTable('search_docs', {
  orgId: uuid().notNull(),
  docKind: text().notNull(), // proposal
  docId: uuid().notNull(),
  tsv: tsvector().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.docKind, t.docId] }), index('search_docs_tsv').using('gin', t.tsv)]);
