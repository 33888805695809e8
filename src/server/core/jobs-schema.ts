import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/** Scheduled jobs that survive restarts; `key` makes each one fire at most once. */
export const jobs = pgTable('jobs', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  kind: text().notNull(),
  key: text().notNull(),
  runAt: timestamp({ withTimezone: true }).notNull(),
  payload: jsonb().notNull(),
  doneAt: timestamp({ withTimezone: true }),
  attempts: integer().notNull().default(0),
  lastError: text(),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.id] }),
  uniqueIndex('jobs_org_key').on(t.orgId, t.key),
  index('jobs_due').on(t.runAt).where(sql`done_at is null`),
]);

/** In-app notifications; e-mail and SMS are sent alongside when configured. */
export const notifications = pgTable('notifications', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  userId: uuid().notNull(),
  kind: text().notNull(),
  title: text().notNull(),
  body: text().notNull().default(''),
  href: text(),
  /** What varies in the title and body, for the web to word them in the reader's language. */
  params: jsonb().$type<Record<string, string | number>>(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  readAt: timestamp({ withTimezone: true }),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('notifications_user').on(t.orgId, t.userId, t.createdAt)]);
