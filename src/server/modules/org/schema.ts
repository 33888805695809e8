import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, integer, boolean, date, primaryKey, index, uniqueIndex } from 'drizzle-orm/pg-core';

// 组织与委员: terms and sessions, sectors, special committees, handling units, members.

export const terms = pgTable('terms', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  number: integer().notNull(), // 第×届
  startYear: integer().notNull(),
  endYear: integer().notNull(),
  current: boolean().notNull().default(false),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('terms_org_number').on(t.orgId, t.number)]);

export const plenarySessions = pgTable('plenary_sessions', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  termId: uuid().notNull(),
  number: integer().notNull(), // 第×次会议
  startsOn: date({ mode: 'string' }).notNull(),
  endsOn: date({ mode: 'string' }),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('sessions_org_term_number').on(t.orgId, t.termId, t.number)]);

export const sectors = pgTable('sectors', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  name: text().notNull(),
  sort: integer().notNull().default(0),
  active: boolean().notNull().default(true),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('sectors_org_name').on(t.orgId, t.name)]);

export const committees = pgTable('committees', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  name: text().notNull(),
  active: boolean().notNull().default(true),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('committees_org_name').on(t.orgId, t.name)]);

export const units = pgTable('units', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  name: text().notNull(),
  kind: text().notNull(), // government | court | procuratorate | other
  active: boolean().notNull().default(true),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('units_org_name').on(t.orgId, t.name)]);

export const members = pgTable('members', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  name: text().notNull(),
  /** The name in pinyin (core/text/pinyin.ts): the directory's order. */
  nameSort: text().notNull().default(''),
  gender: text(),
  birthYear: integer(),
  ethnicity: text(),
  party: text().notNull(),
  sectorId: uuid().notNull(),
  standing: boolean().notNull().default(false),
  chairMeeting: boolean().notNull().default(false),
  partyGroup: boolean().notNull().default(false),
  /** A party-group member's division of work: the sectors they look after (双联 links them to those sectors' party members). */
  liaisonSectorIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
  countyOrgId: uuid(),
  workplace: text(),
  title: text(),
  phone: text(),
  email: text(),
  active: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.id] }),
  index('members_org_sector').on(t.orgId, t.sectorId),
  index('members_org_name').on(t.orgId, t.name),
  index('members_org_name_sort').on(t.orgId, t.nameSort),
]);

export const memberCommittees = pgTable('member_committees', {
  orgId: uuid().notNull(),
  memberId: uuid().notNull(),
  committeeId: uuid().notNull(),
}, (t) => [primaryKey({ columns: [t.orgId, t.memberId, t.committeeId] })]);
