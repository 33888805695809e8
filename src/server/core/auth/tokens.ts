import crypto from 'node:crypto';
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { GroupCommit } from '../group-commit.ts';
import { preparedPer, type Db, type Tx } from '../db/client.ts';
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

const actorColumns = {
  id: users.id, orgId: users.orgId, username: users.username, displayName: users.displayName,
  roles: users.roles, memberId: users.memberId, unitId: users.unitId, mustChangePassword: users.mustChangePassword,
};

export function toActor(u: Pick<typeof users.$inferSelect, keyof typeof actorColumns>): Actor {
  return { id: u.id, orgId: u.orgId, username: u.username, displayName: u.displayName, roles: u.roles as Role[], memberId: u.memberId, unitId: u.unitId, mustChangePassword: u.mustChangePassword };
}

// No cache in front of these: a logout, password change or deactivation must stop the very next
// request on every app instance, and one statement by primary key is cheap. Under load, the session
// lookups that arrive while others are under way are made together, in one statement (each request
// still reads the database after it arrived; 100 requests at once take a few connections, not 100
// turns of the pool).
const sessionActors = preparedPer((db) => db.select({ ...actorColumns, hash: sessions.tokenHash }).from(sessions)
  .innerJoin(users, and(eq(users.orgId, sessions.orgId), eq(users.id, sessions.userId), eq(users.active, true)))
  .where(and(sql`${sessions.orgId} = any(${sql.placeholder('orgIds')}::uuid[])`, sql`${sessions.tokenHash} = any(${sql.placeholder('hashes')}::text[])`,
    gt(sessions.expiresAt, sql`now()`)))
  .prepare('session_actors'));

type ActorRow = Parameters<typeof toActor>[0];
const sessionLoaders = new WeakMap<Db, GroupCommit<{ orgId: string; hash: string }, ActorRow | null>>();
function sessionActor(db: Db) {
  let loader = sessionLoaders.get(db);
  if (!loader) {
    sessionLoaders.set(db, loader = new GroupCommit({
      concurrency: 4, max: 500,
      run: async (keys) => {
        const rows = await sessionActors(db).execute({ orgIds: [...new Set(keys.map((k) => k.orgId))], hashes: [...new Set(keys.map((k) => k.hash))] });
        const found = new Map(rows.map(({ hash, ...u }) => [`${u.orgId}:${hash}`, u]));
        return keys.map((k) => found.get(`${k.orgId}:${k.hash}`) ?? null);
      },
    }));
  }
  return { execute: async (key: { orgId: string; hash: string }) => { const u = await loader.submit(key); return u ? [u] : []; } };
}

const apiTokenActor = preparedPer((db) => db.update(apiTokens).set({ lastUsedAt: sql`now()` }).from(users)
  .where(and(eq(apiTokens.orgId, sql.placeholder('orgId')), eq(apiTokens.tokenHash, sql.placeholder('hash')),
    isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, sql`now()`),
    eq(users.orgId, apiTokens.orgId), eq(users.id, apiTokens.userId), eq(users.active, true)))
  .returning(actorColumns)
  .prepare('api_token_actor'));

async function actorFrom(lookup: { execute(p: { orgId: string; hash: string }): Promise<Parameters<typeof toActor>[0][]> }, keys: TokenKeys, value: string | undefined) {
  const t = parseToken(value);
  if (!t) return null;
  const [u] = await lookup.execute({ orgId: t.orgId, hash: keys.digest(t.secret) });
  return u ? toActor(u) : null;
}

export const actorFromSession = (db: Db, keys: TokenKeys, cookie: string | undefined) => actorFrom(sessionActor(db), keys, cookie);
export const actorFromApiToken = (db: Db, keys: TokenKeys, bearer: string | undefined) => actorFrom(apiTokenActor(db), keys, bearer);

/**
 * A password change or reset, or a deactivation: every session and API token of the user ends
 * (but `keep`, the session cookie of a user who changed their own password).
 */
export async function endAccess(db: Db | Tx, orgId: string, userId: string, keep?: { keys: TokenKeys; cookie: string | undefined }) {
  const kept = keep && parseToken(keep.cookie);
  await db.delete(sessions).where(and(eq(sessions.orgId, orgId), eq(sessions.userId, userId), kept ? ne(sessions.tokenHash, keep.keys.digest(kept.secret)) : undefined));
  await db.update(apiTokens).set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.orgId, orgId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
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
