import { bigint, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ActivityKind, HonourLevel, MemberLevel, ProjectKind, ProjectState } from './labels.ts';

// 双创 (dual creation): members' projects (bases, innovation projects, enterprises), the 三个一
// pairings with poor households, the 五送 activities, members' honours and the experience-exchange
// meetings. Every row carries its place (`countyOrgId`: the county committee it lies in, given or
// taken from the member's county) and its `year`, so the figures by county and year are filters of
// the lists.

export const creationProjects = pgTable('creation_projects', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  kind: text().notNull().$type<ProjectKind>(),
  name: text().notNull(),
  /** The members behind it, the first leading. */
  memberIds: uuid().array().notNull(),
  countyOrgId: uuid(),
  /** The committee the (leading) member sits on: 省市县三级. */
  level: text().notNull().$type<MemberLevel>(),
  /** Money invested, in 元. */
  investment: bigint({ mode: 'number' }).notNull().default(0),
  jobs: integer().notNull().default(0),
  poorHouseholds: integer().notNull().default(0),
  state: text().notNull().$type<ProjectState>(),
  startedOn: date({ mode: 'string' }).notNull(),
  year: integer().notNull(),
  description: text().notNull().default(''),
  createdBy: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.id] }),
  index('creation_projects_org_year').on(t.orgId, t.year, t.kind),
  index('creation_projects_org_members').using('gin', t.memberIds),
]);

/** 三个一: a member pairs with a poor household, does one practical thing, gives one suggestion. */
export const creationPairings = pgTable('creation_pairings', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  memberId: uuid().notNull(),
  householdName: text().notNull(),
  householdPlace: text().notNull().default(''),
  practicalThing: text().notNull().default(''),
  suggestion: text().notNull().default(''),
  pairedOn: date({ mode: 'string' }).notNull(),
  year: integer().notNull(),
  countyOrgId: uuid(),
  createdBy: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('creation_pairings_org_year').on(t.orgId, t.year), index('creation_pairings_org_member').on(t.orgId, t.memberId)]);

/** 五送: one activity — policy, technology, culture, medicine or warmth taken to the people. */
export const creationActivities = pgTable('creation_activities', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  kind: text().notNull().$type<ActivityKind>(),
  date: date({ mode: 'string' }).notNull(),
  year: integer().notNull(),
  place: text().notNull(),
  countyOrgId: uuid(),
  beneficiaries: integer().notNull().default(0),
  memberIds: uuid().array().notNull(),
  summary: text().notNull().default(''),
  createdBy: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('creation_activities_org_year').on(t.orgId, t.year, t.kind), index('creation_activities_org_members').using('gin', t.memberIds)]);

/** An honour a member received (e.g. 脱贫攻坚先进个人). */
export const creationHonours = pgTable('creation_honours', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  memberId: uuid().notNull(),
  level: text().notNull().$type<HonourLevel>(),
  awardedBy: text().notNull(),
  title: text().notNull(),
  date: date({ mode: 'string' }).notNull(),
  year: integer().notNull(),
  countyOrgId: uuid(),
  createdBy: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('creation_honours_org_year').on(t.orgId, t.year)]);

/** A 双创 experience-exchange meeting (委员双创经验交流会). */
export const creationExchanges = pgTable('creation_exchanges', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  date: date({ mode: 'string' }).notNull(),
  year: integer().notNull(),
  place: text().notNull(),
  countyOrgId: uuid(),
  topic: text().notNull(),
  attendees: integer().notNull().default(0),
  createdBy: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('creation_exchanges_org_year').on(t.orgId, t.year)]);
