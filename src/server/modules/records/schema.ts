import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

// 履职档案: a member's duty entries, made from the events of the modules where the acts happen
// (never typed in), and each member's yearly totals by the committee's point rules.

/**
 * One act that counts for one member: `key` names the act (`proposal.submit:<id>`, one per event and
 * record), unique with the member, so a redelivered event or a backfill adds nothing twice. Points
 * are not stored: they follow the rules (kind, or kind.variant), so every point is an entry.
 */
export const dutyEntries = pgTable('duty_entries', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  memberId: uuid().notNull(),
  kind: text().notNull(),            // proposalLead, proposalFiled, opinionAdopted, liaisonContact, meetingAttended, …
  variant: text(),                   // e.g. the adoption's level, the contact's channel
  key: text().notNull(),
  sourceType: text().notNull(),      // the record behind it: proposal, opinion, liaisonContact, …
  sourceId: text().notNull(),
  href: text().notNull(),
  title: text().notNull().default(''),
  occurredOn: date({ mode: 'string' }).notNull(),
  year: integer().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.id] }),
  uniqueIndex('duty_entries_org_key_member').on(t.orgId, t.key, t.memberId),
  index('duty_entries_org_year_member').on(t.orgId, t.year, t.memberId),
]);

/** A member's year as last computed from the entries with the rules: points and entries by kind. */
export const dutyTotals = pgTable('duty_totals', {
  orgId: uuid().notNull(),
  year: integer().notNull(),
  memberId: uuid().notNull(),
  points: integer().notNull(),
  counts: jsonb().$type<Record<string, number>>().notNull(),
  computedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.year, t.memberId] }), index('duty_totals_org_year_points').on(t.orgId, t.year, t.points)]);
