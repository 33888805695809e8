import crypto from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { apiTokens, sessions, systemSettings, users } from '../schema.ts';
import type { Actor, Role } from '../policies.ts';

// Session cookies and API tokens are "<orgId>.<secret>": the org routes the lookup (Citus shard),
// and only an HMAC of the secret is stored, so a copy of the database grants no access.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class TokenKeys {
  constructor(private secret: string) {}
  static async load(db: Db, configured?: string): Promise<TokenKeys> {
    if (configured) return new TokenKeys(configured);
    // No SESSION_SECRET: generate one once and keep it in the database so sessions survive restarts.
    await db.insert(systemSettings).values({ key: 'session_secret', value: crypto.randomBytes(32).toString('base64url') }).onConflictDoNothing();
    const [row] = await db.select().from(systemSettings).where(eq(systemSettings.key, 'session_secret'));
    return new TokenKeys(row!.value);
  }
  digest(secret: string) { return crypto.createHmac('sha256', this.secret).update(secret).digest('base64url'); }
}

export const newSecret = () => crypto.randomBytes(32).toString('base64url');

export function parseToken(value: string | undefined): { orgId: string; secret: string } | null {
  if (!value) return null;
  const dot = value.indexOf('.');
  const orgId = value.slice(0, dot), secret = value.slice(dot + 1);
  return dot > 0 && UUID.test(orgId) && secret.length >= 20 && secret.length <= 100 ? { orgId, secret } : null;
}

export function toActor(u: typeof users.$inferSelect): Actor {
  return { id: u.id, orgId: u.orgId, username: u.username, displayName: u.displayName, roles: u.roles as Role[], memberId: u.memberId, unitId: u.unitId };
}

async function activeUser(db: Db, orgId: string, userId: string) {
  const [u] = await db.select().from(users).where(and(eq(users.orgId, orgId), eq(users.id, userId), eq(users.active, true)));
  return u ? toActor(u) : null;
}

export async function actorFromSession(db: Db, keys: TokenKeys, cookie: string | undefined): Promise<Actor | null> {
  const t = parseToken(cookie);
  if (!t) return null;
  const [s] = await db.select().from(sessions).where(and(
    eq(sessions.orgId, t.orgId), eq(sessions.tokenHash, keys.digest(t.secret)), gt(sessions.expiresAt, sql`now()`)));
  return s ? activeUser(db, s.orgId, s.userId) : null;
}

export async function actorFromApiToken(db: Db, keys: TokenKeys, bearer: string | undefined): Promise<Actor | null> {
  const t = parseToken(bearer);
  if (!t) return null;
  const [row] = await db.update(apiTokens).set({ lastUsedAt: sql`now()` }).where(and(
    eq(apiTokens.orgId, t.orgId), eq(apiTokens.tokenHash, keys.digest(t.secret)), isNull(apiTokens.revokedAt))).returning();
  return row ? activeUser(db, row.orgId, row.userId) : null;
}

export async function createSession(db: Db, keys: TokenKeys, actor: Actor, ttlHours: number): Promise<string> {
  const secret = newSecret();
  await db.insert(sessions).values({
    orgId: actor.orgId, userId: actor.id, tokenHash: keys.digest(secret),
    expiresAt: new Date(Date.now() + ttlHours * 3600_000),
  });
  return `${actor.orgId}.${secret}`;
}

export async function destroySession(db: Db, keys: TokenKeys, cookie: string | undefined) {
  const t = parseToken(cookie);
  if (t) await db.delete(sessions).where(and(eq(sessions.orgId, t.orgId), eq(sessions.tokenHash, keys.digest(t.secret))));
}
