import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgSequence, primaryKey, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

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
  /** A frontline session (kind `frontline`): the council room that held it. */
  roomId: uuid(),
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
  index('consultations_org_room').on(t.orgId, t.roomId),
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
  /** Its deliverable: an uploaded document (an attachment of the consultation). */
  deliverableId: uuid(),
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
  /** What the outcome changed, counted: a measure and its number (e.g. 调整优化公交线路, 6) for the reports to add up. */
  outcomeMeasure: text(),
  outcomeQuantity: integer(),
  /** Why it has no outcome (yet), when staff close its tracking without one. */
  noOutcomeReason: text(),
  createdBy: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.id] }),
  uniqueIndex('consultation_recommendations_number').on(t.orgId, t.consultationId, t.number),
]);

/**
 * A frontline council room (协商在一线·委员议事室): hosted by a county committee (an org of level
 * `county` under this one) or by a department (a handling unit); its members come from the roster;
 * its sessions are consultations of kind `frontline` with its `roomId`.
 */
export const consultationRooms = pgTable('consultation_rooms', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  name: text().notNull(),
  place: text(),
  hostCountyOrgId: uuid(),
  hostUnitId: uuid(),
  note: text(),
  active: boolean().notNull().default(true),
  createdBy: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('consultation_rooms_org_name').on(t.orgId, t.name)]);

/** A room's members (roster members); `convener` marks who convenes it (召集人). */
export const consultationRoomMembers = pgTable('consultation_room_members', {
  orgId: uuid().notNull(),
  roomId: uuid().notNull(),
  memberId: uuid().notNull(),
  convener: boolean().notNull().default(false),
}, (t) => [primaryKey({ columns: [t.orgId, t.roomId, t.memberId] }), index('consultation_room_members_member').on(t.orgId, t.memberId)]);

/** An inspection visit (视察) of a democratic-supervision item: when, where, who went, what they found. */
export const consultationVisits = pgTable('consultation_visits', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  consultationId: uuid().notNull(),
  visitedOn: date({ mode: 'string' }).notNull(),
  place: text().notNull(),
  /** Roster members who took part (their duty record counts the visit). */
  memberIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
  /** Others who went, as the office writes them (leaders of the unit, experts …). */
  participants: text(),
  findings: text().notNull(),
  createdBy: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('consultation_visits_org_consultation').on(t.orgId, t.consultationId, t.visitedOn)]);

/**
 * 开门式选题: a topic (选题) proposed for a year by anyone logged in — a member, a unit's clerk, the
 * office or a registered member of the public — supported by others, shortlisted by the office and
 * picked by the chair meeting (a leader) as a consultation or a plan item; every other topic gets an answer.
 */
export const consultationTopics = pgTable('consultation_topics', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  year: integer().notNull(),
  title: text().notNull(),
  /** Why: the background and what the consultation should achieve. */
  reason: text().notNull(),
  suggestedKind: text(),
  /** Who the proposer suggests should own it (a special committee, a department), as they name it. */
  suggestedOwner: text(),
  state: text().notNull().default('proposed'), // proposed | shortlisted | picked | declined | merged
  proposedBy: uuid().notNull(),
  /** What the proposer was when proposing: member | unit | office | public. */
  proposerKind: text().notNull(),
  proposerMemberId: uuid(),
  proposerUnitId: uuid(),
  /** The answer the proposer sees when it is declined or merged. */
  answer: text(),
  mergedIntoId: uuid(),
  /** What the pick made of it. */
  consultationId: uuid(),
  planItemId: uuid(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.id] }),
  index('consultation_topics_org_year').on(t.orgId, t.year, t.state),
]);

/** One person's support of a topic: one per person and topic. */
export const consultationTopicSupports = pgTable('consultation_topic_supports', {
  orgId: uuid().notNull(),
  topicId: uuid().notNull(),
  userId: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.topicId, t.userId] })]);

/**
 * The meeting of a consultation (互动式协商), one per consultation: day, time, place and agenda
 * (ordered items, each with its time, title and speaker — a member of the roster or a named guest),
 * the minutes, and the secret its rotating sign-in codes are made from.
 */
export const consultationMeetings = pgTable('consultation_meetings', {
  orgId: uuid().notNull(),
  consultationId: uuid().notNull(),
  meetingOn: date({ mode: 'string' }).notNull(),
  startTime: text().notNull(),      // HH:MM, China time
  place: text().notNull(),
  agenda: jsonb().$type<{ time: string; title: string; speakerMemberId: string | null; speaker: string | null }[]>().notNull().default([]),
  minutes: text(),
  minutesFileId: uuid(),
  codeSecret: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.consultationId] }), index('consultation_meetings_org_day').on(t.orgId, t.meetingOn)]);

/**
 * A member invited to the meeting: the invitation (once sent), the reply (attend, or leave asked
 * with a reason, which staff grant or refuse), and the attendance staff record at the venue.
 */
export const meetingInvitees = pgTable('meeting_invitees', {
  orgId: uuid().notNull(),
  consultationId: uuid().notNull(),
  memberId: uuid().notNull(),
  invitedAt: timestamp({ withTimezone: true }),
  reply: text().notNull().default('pending'),   // pending | attend | leave
  leaveReason: text(),
  leaveState: text(),                           // asked | approved | refused
  leaveNote: text(),
  leaveDecidedBy: uuid(),
  leaveDecidedAt: timestamp({ withTimezone: true }),
  signedInAt: timestamp({ withTimezone: true }),
  signedInHow: text(),                          // code | staff
  signedInBy: uuid(),
}, (t) => [primaryKey({ columns: [t.orgId, t.consultationId, t.memberId] }), index('meeting_invitees_org_member').on(t.orgId, t.memberId)]);
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
  // The repeat check (the same text again from the same account) by the text's digest. Keyed by the
  // author, not the consultation: no other index has that column, so the check probes this one even
  // while the table has no statistics yet (a consultation's index would look as good, and be scanned
  // whole for every comment).
  index('consultation_comments_repeat').on(t.orgId, t.authorId, sql`md5(${t.content})`),
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

/**
 * The themes of a consultation's visible comments as last grouped (theme-cache.ts), shared by every
 * app instance on the database: one groups (holding the lease), the others read what it wrote.
 */
export const consultationThemes = pgTable('consultation_themes', {
  orgId: uuid().notNull(),
  consultationId: uuid().notNull(),
  /** The grouping: { grouped, computedAt, themes } as GET …/themes answers them; null before the first. */
  view: jsonb(),
  /** The visible comments it was grouped from: their count and the last number. */
  basisCount: integer(),
  basisSeq: bigint({ mode: 'number' }),
  computedAt: timestamp({ withTimezone: true }),
  /** An instance grouping now holds the lease until then (a crashed one's runs out). */
  leaseUntil: timestamp({ withTimezone: true }),
  failedAt: timestamp({ withTimezone: true }),
}, (t) => [primaryKey({ columns: [t.orgId, t.consultationId] })]);
