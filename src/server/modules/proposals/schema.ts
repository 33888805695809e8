import { sql } from 'drizzle-orm';
import type { Origin } from '../../core/origin.ts';
import { boolean, jsonb, date, index, integer, primaryKey, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

// 提案: drafted by members, filed and numbered by staff, then handled as an assigned item.

export const proposals = pgTable('proposals', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  title: text().notNull(),
  body: text().notNull(),
  kind: text().notNull(),   // member | joint | group | committee | sector
  domain: text(),           // 经济 | 政治 | 文化 | 社会 | 生态文明 | 其他
  state: text().notNull().default('draft'),
  proposerMemberId: uuid(), // the lead proposer (a member); null for a group/committee/sector proposal by staff
  proposerName: text().notNull(), // the member, or the party group / special committee / sector named
  createdBy: uuid().notNull(),
  termId: uuid(),
  sessionId: uuid(),
  number: integer(),        // given at filing, per session
  duringSession: boolean(),
  submittedAt: timestamp({ withTimezone: true }),
  filedAt: timestamp({ withTimezone: true }),
  closedAt: timestamp({ withTimezone: true }),
  round: integer().notNull().default(0),         // handling round: 1, then 2 after 不满意 …
  unsatisfiedCount: integer().notNull().default(0),
  needsMeeting: boolean().notNull().default(false), // a second 不满意: staff meet the proposer face to face
  decisionReason: text(),   // not filed / converted: the ground given
  convertedTo: text(),      // opinion | letter
  mergedIntoId: uuid(),
  /** Made from an opinion collected elsewhere (a 双联 contact): the link back. */
  origin: jsonb().$type<Origin>(),
  isKey: boolean().notNull().default(false),
  keyLeaderUserId: uuid(),
  published: boolean().notNull().default(false),
  publishedAt: timestamp({ withTimezone: true }),
  publicationExemptReason: text(), // why a closed proposal is not published (publication is the default)
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.id] }),
  uniqueIndex('proposals_org_session_number').on(t.orgId, t.sessionId, t.number),
  index('proposals_org_state').on(t.orgId, t.state),
  index('proposals_org_proposer').on(t.orgId, t.proposerMemberId),
  index('proposals_org_updated').on(t.orgId, t.updatedAt),
  // The public list (published ones of every committee, newest first) without reading the rest.
  index('proposals_published_updated').on(t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst()).where(sql`${t.published}`),
]);

/** Co-proposers: invited co-signers of a joint proposal (confirm before submit), and proposers of merged ones. */
export const proposalCosigners = pgTable('proposal_cosigners', {
  orgId: uuid().notNull(),
  proposalId: uuid().notNull(),
  memberId: uuid().notNull(),
  confirmedAt: timestamp({ withTimezone: true }),
  viaMergeOf: uuid(), // set when the member came in through 并案
}, (t) => [primaryKey({ columns: [t.orgId, t.proposalId, t.memberId] }), index('cosigners_member').on(t.orgId, t.memberId)]);

/** The unit's quality rating of a proposal (双评). */
export const proposalRatings = pgTable('proposal_ratings', {
  orgId: uuid().notNull(),
  proposalId: uuid().notNull(),
  unitId: uuid().notNull(),
  topic: integer().notNull(),
  research: integer().notNull(),
  feasibility: integer().notNull(),
  comment: text(),
  createdBy: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.proposalId, t.unitId] })]);

/** 督办: supervision visits and meetings on key proposals, led by their leader or staff. */
export const supervisionLogs = pgTable('supervision_logs', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  proposalId: uuid().notNull(),
  kind: text().notNull(), // visit | meeting | research
  happenedOn: date({ mode: 'string' }).notNull(),
  participants: text().notNull(),
  outcome: text().notNull(),
  createdBy: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('supervision_proposal').on(t.orgId, t.proposalId)]);
