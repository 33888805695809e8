import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, integer, boolean, jsonb, bigserial, primaryKey, index, uniqueIndex } from 'drizzle-orm/pg-core';

// Core tables. Every tenant table carries orgId and every key includes it (Citus distribution column).

/** Committees. A reference table on Citus: small, read by every shard. */
export const orgs = pgTable('orgs', {
  id: uuid().primaryKey().defaultRandom(),
  parentId: uuid(),
  name: text().notNull(),
  level: text().notNull(), // national | provincial | city | county
  /** The committee's own code (e.g. the region's administrative division code), unique in the deployment. */
  code: text(),
  /** The region it serves (e.g. 玄武区). */
  region: text(),
  /** A deactivated committee: no one of it logs in (its rows stay). */
  active: boolean().notNull().default(true),
  settings: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('orgs_code').on(t.code), index('orgs_parent').on(t.parentId)]);

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
  /** An administrator set the password: the user must choose their own before anything else. */
  mustChangePassword: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  /**
   * One person's logins in several committees (core/auth/accounts.ts): the rows of the same account
   * share this id and one password (the hash is kept the same on each). Null: a login on its own.
   */
  accountId: uuid(),
  /** When this membership was last logged into or switched to: a login opens the last-used one. */
  lastUsedAt: timestamp({ withTimezone: true }),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.id] }),
  uniqueIndex('users_org_username').on(t.orgId, t.username),
  index('users_username').on(t.username),
  // One membership per committee for an account.
  uniqueIndex('users_org_account').on(t.orgId, t.accountId),
  index('users_account').on(t.accountId),
]);

export const sessions = pgTable('sessions', {
  orgId: uuid().notNull(),
  tokenHash: text().notNull(),
  userId: uuid().notNull(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.tokenHash] })]);

/** Days an API token lasts when its creator names none, and at most. */
export const TOKEN_DAYS = { default: 90, max: 366 } as const;

export const apiTokens = pgTable('api_tokens', {
  orgId: uuid().notNull(),
  id: uuid().notNull().defaultRandom(),
  userId: uuid().notNull(),
  name: text().notNull(),
  tokenHash: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp({ withTimezone: true }),
  revokedAt: timestamp({ withTimezone: true }),
  // The default dates the tokens made before tokens expired (and restored from their backups).
  expiresAt: timestamp({ withTimezone: true }).notNull().default(sql.raw(`now() + interval '${TOKEN_DAYS.default} days'`)),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.id] }),
  uniqueIndex('api_tokens_org_hash').on(t.orgId, t.tokenHash),
  index('api_tokens_org_user').on(t.orgId, t.userId),
]);

/**
 * Recent failed logins per key (an HMAC of the username, the address, or both; see auth/throttle.ts).
 * Not tenant data: keyed by what was typed, which need not name any user. Rows are forgotten a day
 * after their last failure.
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text().primaryKey(),
  /** The username's HMAC on its rows (alone and with an address), to clear them together. */
  account: text(),
  failures: integer().notNull(),
  lastAt: timestamp({ withTimezone: true }).notNull(),
}, (t) => [index('login_throttle_account').on(t.account), index('login_throttle_last_at').on(t.lastAt)]);

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
  // The log is read newest first.
  index('audit_at').on(t.orgId, t.at),
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
