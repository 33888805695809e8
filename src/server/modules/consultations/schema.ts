import { bigint, boolean, date, index, integer, pgSequence, primaryKey, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

// 双协: consultations (协商) run through the six steps of 六式, the yearly plan "x+N" they are held
// against, and each consultation's 八个一 checklist.

export const consultations = pgTable('consultations', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  title: text().notNull(),
  kind: text().notNull(),   // plenary | standing | bimonthly | supervision | sector | online | frontline | other
  year: integer().notNull(),
  summary: text(),
  state: text().notNull().default('topic'),
  /** The plan item it carries out, if any. */
  planItemId: uuid(),
  /** The day the meeting was held (set on leaving `consulting`): what the x+N line counts. */
  heldOn: date({ mode: 'string' }),
  /** Online comments (网络议政): open to the public, and moderated before (pre) or after (post) they show. */
  commentsOpen: boolean().notNull().default(false),
  commentsModeration: text().notNull().default('post'),
  createdBy: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.id] }),
  index('consultations_org_year').on(t.orgId, t.year, t.kind),
  index('consultations_org_state').on(t.orgId, t.state),
  uniqueIndex('consultations_org_plan_item').on(t.orgId, t.planItemId),
]);

/** A committee's plan for a year: drafted by staff, adopted by the chair meeting (a leader). */
export const consultationPlans = pgTable('consultation_plans', {
  orgId: uuid().notNull(),
  year: integer().notNull(),
  adoptedAt: timestamp({ withTimezone: true }),
  adoptedBy: uuid(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.year] })]);

/** One planned consultation: its kind, month, topic and owner (a special committee, or the office when null). */
export const consultationPlanItems = pgTable('consultation_plan_items', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  year: integer().notNull(),
  kind: text().notNull(),
  month: integer().notNull(),
  topic: text().notNull(),
  committeeId: uuid(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('consultation_plan_items_org_year').on(t.orgId, t.year, t.month)]);

/** One of the 八个一 of a consultation: who owns it, by when, and how far it is. */
export const consultationTasks = pgTable('consultation_tasks', {
  orgId: uuid().notNull(),
  consultationId: uuid().notNull(),
  key: text().notNull(),       // researchTrip | researchReport | speechBook | media | forum | recommendations | publicity | effect
  owner: text(),               // a person, a special committee or an office, as staff name it
  dueOn: date({ mode: 'string' }),
  state: text().notNull().default('todo'), // todo | doing | done
  note: text(),
  doneAt: timestamp({ withTimezone: true }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.consultationId, t.key] })]);

/**
 * A recommendation (建议) of a consultation: an assigned item of the handling engine (item kind
 * `recommendation`), handled and replied to as a proposal is, then tracked to its outcome.
 */
export const consultationRecommendations = pgTable('consultation_recommendations', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  consultationId: uuid().notNull(),
  number: integer().notNull(),      // 1, 2, … within the consultation
  title: text().notNull(),
  content: text().notNull(),
  state: text().notNull().default('pending'),
  round: integer().notNull().default(0), // handling round: 1, then 2 after 不满意 …
  /** 吸纳转化: party | government | department (a party-committee decision, a government document, a department measure). */
  outcomeKind: text(),
  outcomeTitle: text(),
  outcomeNumber: text(),            // the document's number, e.g. 市政办发〔2026〕12号
  outcomeDate: date({ mode: 'string' }),
  progress: integer(),              // percent carried out
  progressNote: text(),
  /** Why it has no outcome (yet), when staff close its tracking without one. */
  noOutcomeReason: text(),
  createdBy: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.id] }),
  uniqueIndex('consultation_recommendations_number').on(t.orgId, t.consultationId, t.number),
]);

/** The order in which comments become visible: a comment stream's event ids (Last-Event-ID). */
export const commentSequence = pgSequence('consultation_comment_seq');

/** A comment of an online consultation (网络议政), by any login, public accounts included. */
export const consultationComments = pgTable('consultation_comments', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  consultationId: uuid().notNull(),
  authorId: uuid().notNull(),
  /** The author's display name when posting (shown to the public). */
  authorName: text().notNull(),
  content: text().notNull(),
  replyTo: uuid(),
  status: text().notNull(), // visible | held | hidden
  /** Why it was held (pre-moderation, a sensitive word) or hidden (the moderator's reason). */
  heldFor: text(),
  hiddenReason: text(),
  supports: integer().notNull().default(0),
  opposes: integer().notNull().default(0),
  /** Taken from commentSequence when it becomes visible. */
  seq: bigint({ mode: 'number' }),
  moderatedBy: uuid(),
  moderatedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.id] }),
  index('consultation_comments_seq').on(t.orgId, t.consultationId, t.seq),
  index('consultation_comments_status').on(t.orgId, t.consultationId, t.status, t.createdAt),
  index('consultation_comments_author').on(t.orgId, t.consultationId, t.authorId),
]);

/** One vote per user per comment, changeable. */
export const consultationCommentVotes = pgTable('consultation_comment_votes', {
  orgId: uuid().notNull(),
  commentId: uuid().notNull(),
  userId: uuid().notNull(),
  value: text().notNull(), // support | oppose
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.commentId, t.userId] })]);

/** A committee's sensitive words: a comment containing one is held for a moderator. */
export const sensitiveWords = pgTable('sensitive_words', {
  orgId: uuid().notNull(),
  word: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.word] })]);
