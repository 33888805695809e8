import { pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

// 社情民意信息 (public-opinion reports) and 委员来信 (member letters). A proposal that staff convert
// becomes one of these for its proposer. (The full reporting workflow of 社情民意 builds on this table.)

export const opinions = pgTable('opinions', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  title: text().notNull(),
  body: text().notNull(),
  authorMemberId: uuid(),
  authorName: text().notNull(),
  state: text().notNull().default('draft'),
  sourceProposalId: uuid(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('opinions_org_source').on(t.orgId, t.sourceProposalId)]);

export const memberLetters = pgTable('member_letters', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  title: text().notNull(),
  body: text().notNull(),
  memberId: uuid(),
  authorName: text().notNull(),
  state: text().notNull().default('received'),
  sourceProposalId: uuid(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('member_letters_org_source').on(t.orgId, t.sourceProposalId)]);
