import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { orgs, users } from '../schema.ts';
import { Problem, say } from '../errors.ts';
import { ProblemSchema } from '../http.ts';
import { accountKey, lastUsed, membershipsOf, type Membership } from './accounts.ts';
import { DUMMY_HASH, verifyPassword } from './passwords.ts';
import { beginLoginAttempt, loginSucceeded } from './throttle.ts';

type User = typeof users.$inferSelect;
interface Attempt { username: string; password: string; org?: string; address: string; device?: string }

/** The 400 of a username in several committees: the usual problem and the committees to choose from. */
export const ChooseCommitteeProblem = Type.Object({
  ...ProblemSchema.properties,
  orgs: Type.Optional(Type.Array(Type.Object({ id: Type.String(), name: Type.String() }))),
});

const wrongPassword = () => new Problem(401, say('登录失败', 'Sign-in failed'), say('用户名或密码错误', 'Wrong username or password'));

/**
 * The active membership the password opens, or a problem: 401 wrong username or password, 429 too
 * many failures (throttle.ts; the same for every username, known or not), 400 when the username
 * exists in several committees and the password opens more than one account.
 *
 * A login opens its account (accounts.ts): the person's memberships in every committee. A password
 * that opens one account logs into its membership in `org` when given, or else the one last used
 * (or the first). Only logins of different people (unrelated accounts with the same username and
 * password) still ask which committee is meant.
 */
export async function authenticate(app: FastifyInstance, { username, password, org, address, device }: Attempt): Promise<User> {
  const attempt = await beginLoginAttempt(app, username, address, device);
  const found = await app.db.select().from(users)
    .where(and(eq(users.username, username),
      // No one of a deactivated committee logs in (org/oversight.ts).
      inArray(users.orgId, app.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.active, true)))));
  // An unknown username costs one hash check too, so that timing tells nothing; the rows of one
  // account share their hash, checked once.
  const hashes = found.length ? [...new Set(found.map((u) => u.passwordHash))] : [DUMMY_HASH];
  const opens = await Promise.all(hashes.map((h) => verifyPassword(h, password)));
  const right = new Set(hashes.filter((_, i) => opens[i]));
  // Each account once, with its active memberships (a deactivated login of an account whose other
  // memberships are active still opens them: deactivating one membership ends only that one).
  const matched = new Map<string, User>();
  for (const u of found) if (right.has(u.passwordHash) && (u.active || u.accountId)) matched.set(accountKey(u), u);
  const accounts: { via: User; memberships: Membership[] }[] = [];
  for (const via of matched.values()) {
    const memberships = await membershipsOf(app.db, via);
    if (memberships.length) accounts.push({ via, memberships });
  }
  let candidates = accounts;
  if (org) {
    candidates = accounts.filter((a) => a.memberships.some((m) => m.row.orgId === org));
    const there = candidates.filter((a) => a.via.orgId === org);
    if (candidates.length > 1 && there.length) candidates = there;
  }
  if (!candidates.length) throw wrongPassword();
  await loginSucceeded(app, attempt);
  if (candidates.length === 1) {
    const { memberships } = candidates[0]!;
    return (org ? memberships.find((m) => m.row.orgId === org) : lastUsed(memberships))!.row;
  }
  // The same username in several committees for different people, and the password opens more than
  // one of them. The committees are named only to whoever knows such a password, so that no one can
  // list where an account exists; a password that opens just one of them simply logs in there.
  const choices = new Map(candidates.flatMap((a) => a.memberships.map((m) => [m.row.orgId, m.orgName] as const)));
  throw new Problem(400, 'Bad Request', say('该用户名属于多个政协，请选择要登录的政协', 'This username exists in several committees: give "org"'),
    [{ path: '/org', message: say('请选择政协', 'required for this username') }],
    { orgs: [...choices].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')) });
}
