import { and, asc, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { auditLog, orgs, users } from '../schema.ts';
import { Problem, unauthorized } from '../errors.ts';
import { ProblemSchema } from '../http.ts';
import { DUMMY_HASH, verifyPassword } from './passwords.ts';

type User = typeof users.$inferSelect;
interface Attempt { username: string; password: string; org?: string; requestId: string }

/** The 400 of a username in several committees: the usual problem and the committees to choose from. */
export const ChooseCommitteeProblem = Type.Object({
  ...ProblemSchema.properties,
  orgs: Type.Optional(Type.Array(Type.Object({ id: Type.String(), name: Type.String() }))),
});

const wrongPassword = () => unauthorized('用户名或密码错误 Wrong username or password');

const lockedFor = (u: User, now: number) => (u.lockedUntil && u.lockedUntil.getTime() > now ? u.lockedUntil.getTime() - now : 0);

function locked(ms: number) {
  const minutes = Math.ceil(ms / 60_000);
  return new Problem(423, 'Locked', `账户已锁定，请 ${minutes} 分钟后再试 Account locked for ${minutes} more minutes`);
}

/** Counts a wrong password; enough of them in a row lock the account for a while. */
async function recordFailure(app: FastifyInstance, user: User, requestId: string) {
  const cfg = app.config;
  const failures = user.failedLogins + 1;
  const lock = failures >= cfg.LOGIN_MAX_FAILURES;
  await app.db.transaction(async (tx) => {
    await tx.update(users).set(lock
      ? { failedLogins: 0, lockedUntil: new Date(Date.now() + cfg.LOGIN_LOCK_MINUTES * 60_000) }
      : { failedLogins: failures }).where(and(eq(users.orgId, user.orgId), eq(users.id, user.id)));
    if (lock) await tx.insert(auditLog).values({ orgId: user.orgId, actorUserId: user.id, action: 'locked', entity: 'user', entityId: user.id, after: { failures }, requestId });
  });
}

/** A right password clears the count of wrong ones and any expired lock. */
async function opened(app: FastifyInstance, user: User) {
  if (user.failedLogins || user.lockedUntil) await app.db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(and(eq(users.orgId, user.orgId), eq(users.id, user.id)));
  return user;
}

/** The committees of these users, by name. */
async function committeesOf(app: FastifyInstance, matches: User[]) {
  return app.db.select({ id: orgs.id, name: orgs.name }).from(orgs)
    .where(inArray(orgs.id, matches.map((u) => u.orgId))).orderBy(asc(orgs.name));
}

/**
 * The active user the password opens, or a problem: 401 wrong username or password, 423 locked,
 * 400 when the username exists in several committees and the password opens more than one.
 */
export async function authenticate(app: FastifyInstance, { username, password, org, requestId }: Attempt): Promise<User> {
  const found = await app.db.select().from(users)
    .where(and(eq(users.username, username), eq(users.active, true), org ? eq(users.orgId, org) : undefined));
  const now = Date.now();
  if (found.length <= 1) {
    const user = found[0];
    if (!user) { await verifyPassword(DUMMY_HASH, password); throw wrongPassword(); }
    if (lockedFor(user, now)) throw locked(lockedFor(user, now));
    if (await verifyPassword(user.passwordHash, password)) return opened(app, user);
    await recordFailure(app, user, requestId);
    throw wrongPassword();
  }
  // The same username in several committees. The committees are named only to whoever knows the
  // password of one of them, so that no one can list where an account exists; a password that
  // opens just one of them simply logs in there.
  const open = found.filter((u) => !lockedFor(u, now));
  if (!open.length) throw locked(Math.min(...found.map((u) => lockedFor(u, now))));
  const opens = await Promise.all(open.map((u) => verifyPassword(u.passwordHash, password)));
  const matches = open.filter((_, i) => opens[i]);
  if (matches.length === 1) return opened(app, matches[0]!);
  if (matches.length > 1) {
    throw new Problem(400, 'Bad Request', '该用户名属于多个政协，请选择 This username exists in several committees: give "org"',
      [{ path: '/org', message: 'required for this username' }], { orgs: await committeesOf(app, matches) });
  }
  for (const u of open) await recordFailure(app, u, requestId);
  throw wrongPassword();
}
