import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

// The office's versions of a report's prose. The prose is kept as templates whose figures are
// `{{figure-key}}` tokens, so an edited paragraph keeps its figures live: each version holds only
// the paragraphs staff rewrote (by paragraph id, with the draft they rewrote), and the report is
// the fresh draft with the latest version's paragraphs laid over it. Version 1 is the draft itself.

/** A rewritten paragraph: the template staff wrote, the draft template it replaced (to tell when the data changed the draft since). */
export interface EditedParagraph { template: string; base: string }
/** The figures as they stood when the version was saved: a token whose figure later disappears still names it. */
export interface FigureNote { label: string; unit: string; value: number }

export const reportVersions = pgTable('report_versions', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  /** Which report: 'sishuang'. */
  report: text().notNull(),
  year: integer().notNull(),
  number: integer().notNull(),
  paragraphs: jsonb().notNull().$type<Record<string, EditedParagraph>>().default(sql`'{}'::jsonb`),
  figures: jsonb().notNull().$type<Record<string, FigureNote>>().default(sql`'{}'::jsonb`),
  note: text().notNull().default(''),
  /** Null for version 1, the draft. */
  createdBy: uuid(),
  restoredFrom: integer(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('report_versions_org_report_year_number').on(t.orgId, t.report, t.year, t.number)]);
