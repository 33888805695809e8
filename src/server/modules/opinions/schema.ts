import type { Origin } from '../../core/origin.ts';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

// 社情民意信息 (public-opinion reports) and 委员来信 (member letters). A member writes a report (or
// staff enter one for them, or a converted proposal becomes one); staff edit, approve and number
// it, forward it, and record where it was adopted and the leaders' written instructions (批示).

export const opinions = pgTable('opinions', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  title: text().notNull(),
  body: text().notNull(),
  authorMemberId: uuid(),
  authorName: text().notNull(),
  state: text().notNull().default('draft'),
  sourceProposalId: uuid(),
  /** Made from an opinion collected elsewhere (a 双联 contact): the link back. */
  origin: jsonb().$type<Origin>(),
  /** The login that entered it; null for one made from a converted proposal. */
  createdBy: uuid(),
  /** Entered by staff for a member (a paper report): the office may see and submit the draft. */
  enteredByStaff: boolean().notNull().default(false),
  /** The first submission (kept when a returned report is submitted again): the report's year. */
  submittedAt: timestamp({ withTimezone: true }),
  approvedAt: timestamp({ withTimezone: true }),
  /** 社情民意〔numberYear〕第number期, given at approval. */
  number: integer(),
  numberYear: integer(),
  signer: text(),                   // 签发人, named at approval
  decisionReason: text(),           // returned / not used: the reason given
  forwardedTo: jsonb().$type<string[]>(), // 报送 to these bodies (市委, 市政府, 省政协 …)
  forwardedOn: date({ mode: 'string' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.id] }),
  uniqueIndex('opinions_org_source').on(t.orgId, t.sourceProposalId),
  uniqueIndex('opinions_org_year_number').on(t.orgId, t.numberYear, t.number),
  index('opinions_org_author').on(t.orgId, t.authorMemberId),
  index('opinions_org_state').on(t.orgId, t.state),
]);

/** Where a report was adopted (采用): one row per adopting body, at its level. */
export const opinionAdoptions = pgTable('opinion_adoptions', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  opinionId: uuid().notNull(),
  level: text().notNull(),          // county | city | province | national
  adoptedBy: text().notNull(),      // the adopting body, e.g. 市政府办公室, 全国政协办公厅
  adoptedOn: date({ mode: 'string' }).notNull(),
  note: text(),
  createdBy: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('opinion_adoptions_org_opinion').on(t.orgId, t.opinionId)]);

/** A leader's written instruction (批示) on a report. */
export const opinionInstructions = pgTable('opinion_instructions', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  opinionId: uuid().notNull(),
  leaderName: text().notNull(),
  leaderPosition: text().notNull(), // e.g. 市委书记, 副省长
  level: text().notNull(),          // county | city | province | national
  instructedOn: date({ mode: 'string' }).notNull(),
  content: text().notNull(),
  createdBy: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('opinion_instructions_org_opinion').on(t.orgId, t.opinionId)]);

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
