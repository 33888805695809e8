import { boolean, customType, date, index, integer, primaryKey, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

// 交办件: anything the committee hands to units to answer. `itemKind` + `itemId` name the item
// (a proposal today; consultation recommendations and supervision opinions later).

/** One unit's part in handling an item: lead or co-handling. */
export const assignments = pgTable('assignments', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  itemKind: text().notNull(),
  itemId: uuid().notNull(),
  unitId: uuid().notNull(),
  role: text().notNull(), // lead | co
  state: text().notNull(), // pending | signed | returned | withdrawn
  assignedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  returnBy: date({ mode: 'string' }).notNull(),   // end of the return window
  dueOn: date({ mode: 'string' }).notNull(),      // reply due (lead) or opinion due (co)
  periodStart: date({ mode: 'string' }).notNull(), // start of this handling period: the 6-month cap counts from it
  signedAt: timestamp({ withTimezone: true }),
  returnedAt: timestamp({ withTimezone: true }),
  returnReason: text(),
  opinion: text(),           // a co unit's view sent to the lead unit
  opinionAt: timestamp({ withTimezone: true }),
  note: text(),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.id] }),
  index('assignments_item').on(t.orgId, t.itemKind, t.itemId),
  index('assignments_unit').on(t.orgId, t.unitId, t.state),
]);

export const extensionRequests = pgTable('extension_requests', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  assignmentId: uuid().notNull(),
  itemKind: text().notNull(),
  itemId: uuid().notNull(),
  requestedDueOn: date({ mode: 'string' }).notNull(),
  reason: text().notNull(),
  state: text().notNull().default('pending'), // pending | granted | refused | withdrawn (the unit replied or returned) | lapsed (reassigned)
  requestedBy: uuid().notNull(),
  requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  decidedBy: uuid(),
  decidedAt: timestamp({ withTimezone: true }),
  decisionNote: text(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('extensions_item').on(t.orgId, t.itemKind, t.itemId)]);

/** The handling log: contacts with the proposer before replying, and notes. */
export const handlingLogs = pgTable('handling_logs', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  itemKind: text().notNull(),
  itemId: uuid().notNull(),
  unitId: uuid().notNull(),
  kind: text().notNull(), // visit | phone | meeting | note
  happenedOn: date({ mode: 'string' }).notNull(),
  content: text().notNull(),
  createdBy: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('handling_logs_item').on(t.orgId, t.itemKind, t.itemId)]);

export const replies = pgTable('replies', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  itemKind: text().notNull(),
  itemId: uuid().notNull(),
  unitId: uuid().notNull(),
  round: integer().notNull(), // 1, then 2 after a re-handling, …
  category: text().notNull(), // A | B | C
  content: text().notNull(),
  signer: text(),             // who signs the letter (负责人)
  createdBy: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('replies_item').on(t.orgId, t.itemKind, t.itemId)]);

/** The proposer's evaluation of a reply. */
export const evaluations = pgTable('evaluations', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  itemKind: text().notNull(),
  itemId: uuid().notNull(),
  replyId: uuid().notNull(),
  round: integer().notNull(),
  satisfaction: text().notNull(), // with the handling: satisfied | basic | unsatisfied (decides re-handling)
  resultSatisfaction: text(),      // with the result, when given: the same scale
  contacted: boolean(),
  contactMethod: text(),
  comment: text(),
  createdBy: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('evaluations_item').on(t.orgId, t.itemKind, t.itemId)]);

/** Files attached to an item's handling: to a reply or a contact-log entry (content-checked on upload). */
export const attachments = pgTable('attachments', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  itemKind: text().notNull(),
  itemId: uuid().notNull(),
  ownerKind: text(),  // reply | log (handling), material | minutes | speech | deliverable (双协), report (a liaison's annual report); null until what carries it is saved
  ownerId: uuid(),
  filename: text().notNull(),
  mime: text().notNull(),
  size: integer().notNull(),
  sha256: text().notNull(),
  data: bytea().notNull(),
  createdBy: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('attachments_item').on(t.orgId, t.itemKind, t.itemId)]);
