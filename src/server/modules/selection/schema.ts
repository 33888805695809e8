import { boolean, index, integer, primaryKey, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

// 优秀提案评选: a yearly round in which nominated proposals pass through reviewing levels
// (提案人自荐 → … → 常委会议表彰), each level scoring its input and passing a shorter list on.

/** A committee's round for a year (one name once a year). `currentLevel` is the position of the level under way. */
export const selectionRounds = pgTable('selection_rounds', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  year: integer().notNull(),
  name: text().notNull(),
  state: text().notNull().default('open'), // open | decided (every level closed) | announced
  currentLevel: integer().notNull().default(1),
  createdBy: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  announcedAt: timestamp({ withTimezone: true }),
  announcedBy: uuid(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('selection_rounds_org_year_name').on(t.orgId, t.year, t.name)]);

/** The round's reviewing levels in order; who acts at each, and how many it may pass on. */
export const selectionLevels = pgTable('selection_levels', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  roundId: uuid().notNull(),
  position: integer().notNull(), // 1, 2, …
  key: text().notNull(),
  name: text().notNull(),
  actor: text().notNull(), // proposer | staff | leadUnit | staffOrLeader
  quota: integer(),        // at most this many pass on (null: no limit)
  passed: integer(),       // how many passed, once closed
  closedAt: timestamp({ withTimezone: true }),
  closedBy: uuid(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('selection_levels_org_round_position').on(t.orgId, t.roundId, t.position)]);

/** A nominated proposal. `reached` is the furthest level it entered: it passed every level before. */
export const selectionEntries = pgTable('selection_entries', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  roundId: uuid().notNull(),
  proposalId: uuid().notNull(),
  proposerMemberId: uuid(),
  leadUnitId: uuid(),  // the unit that led the handling, when nominated (it reviews at a leadUnit level)
  nominatedBy: uuid().notNull(),
  nominatedAs: text().notNull(), // self | staff
  reason: text().notNull(),
  reached: integer().notNull().default(1),
  excellent: boolean().notNull().default(false), // passed the last level
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.id] }),
  uniqueIndex('selection_entries_org_round_proposalId').on(t.orgId, t.roundId, t.proposalId),
  index('selection_entries_proposer').on(t.orgId, t.proposerMemberId),
]);

/** A reviewer's score (1–100) and comment on an entry at one level. */
export const selectionReviews = pgTable('selection_reviews', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  roundId: uuid().notNull(),
  entryId: uuid().notNull(),
  level: integer().notNull(),
  reviewerUserId: uuid().notNull(),
  score: integer().notNull(),
  comment: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.id] }),
  uniqueIndex('selection_reviews_org_entry_level_reviewer').on(t.orgId, t.entryId, t.level, t.reviewerUserId),
  index('selection_reviews_round').on(t.orgId, t.roundId),
]);

/** 提案办理先进单位 named when the round is announced. */
export const selectionUnits = pgTable('selection_units', {
  orgId: uuid().notNull(),
  roundId: uuid().notNull(),
  unitId: uuid().notNull(),
}, (t) => [primaryKey({ columns: [t.orgId, t.roundId, t.unitId] })]);
