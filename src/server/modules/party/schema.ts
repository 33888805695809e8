import { sql } from 'drizzle-orm';
import { boolean, date, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ActivityKind, GroupKind } from './labels.ts';

// 党的组织 behind 双联: the committee's party groups as a tree (党组, 机关党组, 机关党委, 党支部,
// 党小组, 党员委员活动小组), their members (roster members, or office staff by name and user), the
// groups' activities (三会一课, 主题党日), and campaigns such as "我为…献一计" with members' ideas.

export const partyGroups = pgTable('party_groups', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  kind: text().notNull().$type<GroupKind>(),
  name: text().notNull(),
  parentId: uuid(),
  /** What a 党员委员活动小组 rests on: a special committee, or a county committee (an org). */
  committeeId: uuid(),
  countyOrgId: uuid(),
  active: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('party_groups_org_name').on(t.orgId, t.name), index('party_groups_org_parent').on(t.orgId, t.parentId)]);

/** A member of a group: a roster member (memberId), or office staff by name (and their user, userId). */
export const partyGroupMembers = pgTable('party_group_members', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  groupId: uuid().notNull(),
  memberId: uuid(),
  userId: uuid(),
  name: text().notNull(),
  /** 书记, 副书记, 委员, 组长, … (free text; empty for a plain member). */
  role: text().notNull().default(''),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.id] }), index('party_group_members_org_group').on(t.orgId, t.groupId),
  uniqueIndex('party_group_members_org_group_member').on(t.orgId, t.groupId, t.memberId),
  uniqueIndex('party_group_members_org_group_user').on(t.orgId, t.groupId, t.userId),
]);

/** A group's activity: 三会一课 (党员大会, 支委会, 党小组会, 党课), 主题党日, other; attendees are the group's member rows. */
export const partyActivities = pgTable('party_activities', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  groupId: uuid().notNull(),
  kind: text().notNull().$type<ActivityKind>(),
  date: date({ mode: 'string' }).notNull(),
  topic: text().notNull(),
  attendeeIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
  createdBy: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('party_activities_org_group_date').on(t.orgId, t.groupId, t.date), index('party_activities_org_date').on(t.orgId, t.date)]);

/** A campaign ("我为…献一计"): members submit ideas between opensOn and closesOn. */
export const campaigns = pgTable('campaigns', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  title: text().notNull(),
  theme: text().notNull(),
  opensOn: date({ mode: 'string' }).notNull(),
  closesOn: date({ mode: 'string' }).notNull(),
  createdBy: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('campaigns_org_opens').on(t.orgId, t.opensOn)]);

/** A member's idea; once adopted, by which body (adoptedBy) and when. */
export const campaignIdeas = pgTable('campaign_ideas', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  campaignId: uuid().notNull(),
  memberId: uuid().notNull(),
  title: text().notNull(),
  content: text().notNull(),
  submittedOn: date({ mode: 'string' }).notNull(),
  adoptedBy: text(),
  adoptedOn: date({ mode: 'string' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('campaign_ideas_org_campaign').on(t.orgId, t.campaignId), index('campaign_ideas_org_member').on(t.orgId, t.memberId)]);
