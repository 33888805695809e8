import { and, asc, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { orgs, users } from '../schema.ts';
import { Problem, say } from '../errors.ts';
import { ProblemSchema } from '../http.ts';
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

/** The committees of these users, by name. */
async function committeesOf(app: FastifyInstance, matches: User[]) {
  return app.db.select({ id: orgs.id, name: orgs.name }).from(orgs)
    .where(inArray(orgs.id, matches.map((u) => u.orgId))).orderBy(asc(orgs.name));
}

/**
 * The active user the password opens, or a problem: 401 wrong username or password, 429 too many
 * failures (throttle.ts; the same for every username, known or not), 400 when the username exists
 * in several committees and the password opens more than one.
 */
export async function authenticate(app: FastifyInstance, { username, password, org, address, device }: Attempt): Promise<User> {
  const attempt = await beginLoginAttempt(app, username, address, device);
  const found = await app.db.select().from(users)
    .where(and(eq(users.username, username), eq(users.active, true), org ? eq(users.orgId, org) : undefined,
      // No one of a deactivated committee logs in (org/oversight.ts).
      inArray(users.orgId, app.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.active, true)))));
  // An unknown username costs one hash check too, so that timing tells nothing.
  const hashes = found.length ? found.map((u) => u.passwordHash) : [DUMMY_HASH];
  const opens = await Promise.all(hashes.map((h) => verifyPassword(h, password)));
  const matches = found.filter((_, i) => opens[i]);
  if (!matches.length) throw wrongPassword();
  await loginSucceeded(app, attempt);
  if (matches.length === 1) return matches[0]!;
  // The same username in several committees, and the password opens more than one. The committees
  // are named only to whoever knows such a password, so that no one can list where an account
  // exists; a password that opens just one of them simply logs in there.
  throw new Problem(400, 'Bad Request', say('该用户名属于多个政协，请选择要登录的政协', 'This username exists in several committees: give "org"'),
    [{ path: '/org', message: say('请选择政协', 'required for this username') }], { orgs: await committeesOf(app, matches) });
}
