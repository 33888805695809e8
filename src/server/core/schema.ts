import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, integer, boolean, jsonb, bigserial, primaryKey, index, uniqueIndex } from 'drizzle-orm/pg-core';

// Core tables. Every tenant table carries orgId and every key includes it (Citus distribution column).

/** Committees. A reference table on Citus: small, read by every shard. */
export const orgs = pgTable('orgs', {
  id: uuid().primaryKey().defaultRandom(),
  parentId: uuid(),
  name: text().notNull(),
  level: text().notNull(), // national | provincial | city | county
  settings: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Instance-wide key/value (e.g. the generated session secret). Reference table. */
export const systemSettings = pgTable('system_settings', {
  key: text().primaryKey(),
  value: text().notNull(),
});

export const users = pgTable('users', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  username: text().notNull(),
  displayName: text().notNull(),
  passwordHash: text().notNull(),
  roles: jsonb().$type<string[]>().notNull().default([]),
  memberId: uuid(),
  unitId: uuid(),
  active: boolean().notNull().default(true),
  failedLogins: integer().notNull().default(0),
  lockedUntil: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.id] }),
  uniqueIndex('users_org_username').on(t.orgId, t.username),
  index('users_username').on(t.username),
]);

export const sessions = pgTable('sessions', {
  orgId: uuid().notNull(),
  tokenHash: text().notNull(),
  userId: uuid().notNull(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.tokenHash] })]);

export const apiTokens = pgTable('api_tokens', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  userId: uuid().notNull(),
  name: text().notNull(),
  tokenHash: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp({ withTimezone: true }),
  revokedAt: timestamp({ withTimezone: true }),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.id] }),
  uniqueIndex('api_tokens_org_hash').on(t.orgId, t.tokenHash),
]);

export const auditLog = pgTable('audit_log', {
  orgId: uuid().notNull(),
  id: bigserial({ mode: 'number' }).notNull(),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  actorUserId: uuid(),
  action: text().notNull(),
  entity: text().notNull(),
  entityId: text(),
  before: jsonb(),
  after: jsonb(),
  requestId: text(),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.id] }),
  index('audit_entity').on(t.orgId, t.entity, t.entityId),
]);

/** Events written in the command's transaction, dispatched to subscribers after commit. */
export const outbox = pgTable('outbox', {
  orgId: uuid().notNull(),
  id: bigserial({ mode: 'number' }).notNull(),
  type: text().notNull(),
  payload: jsonb().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  dispatchedAt: timestamp({ withTimezone: true }),
  attempts: integer().notNull().default(0),
  lastError: text(),
  nextAttemptAt: timestamp({ withTimezone: true }),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.id] }),
  index('outbox_pending').on(t.id).where(sql`dispatched_at is null`),
]);
