import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { conflict, notFound, say } from '../errors.ts';
import { orgs, sessions, users } from '../schema.ts';
import { ORG_LEVELS } from '../../modules/org/values.ts';

// One person, several committees (a member of the city and of a county committee): one account,
// a membership per committee. A membership is a `users` row of its committee, as every login is —
// its own roles, member and unit link, sessions and API tokens — and the rows of one person share
// `users.account_id` and one password (the same hash on each row, changed on all of them at once).
// A login on its own has no account id (its account is itself).
//
// Who links: only the person themself, by proving the other login's password while logged in
// (POST /api/v1/auth/memberships). An administrator who creates a login in their committee creates
// a login on its own, whatever its username; an administrator who resets a linked membership's
// password takes that membership out of the account (it becomes a login on its own with the
// temporary password) — so no administrator of one committee can reach a person's other ones. The
// person may take any membership but the one they work in out of their account themself
// (DELETE /api/v1/auth/memberships/:orgId): it keeps the password, no longer opens by a switch.

export type UserRow = typeof users.$inferSelect;
export interface Membership { row: UserRow; orgName: string; orgLevel: string }

/** The account of a login: its id, shared by the person's logins in other committees. */
export const accountKey = (u: Pick<UserRow, 'accountId' | 'id'>) => u.accountId ?? u.id;

/** The rows of the account of `u` (active or not), `u` alone when it has no account. */
export const accountRows = (u: Pick<UserRow, 'accountId' | 'id' | 'orgId'>) =>
  u.accountId ? eq(users.accountId, u.accountId) : and(eq(users.orgId, u.orgId), eq(users.id, u.id))!;

const levelRank = (level: string) => { const i = ORG_LEVELS.indexOf(level as (typeof ORG_LEVELS)[number]); return i < 0 ? ORG_LEVELS.length : i; };

/** The active memberships of the account of `u`, in active committees: the higher level first, then by name. */
export async function membershipsOf(db: Db | Tx, u: Pick<UserRow, 'accountId' | 'id' | 'orgId'>): Promise<Membership[]> {
  const rows = await db.select({ row: users, orgName: orgs.name, orgLevel: orgs.level }).from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(and(accountRows(u), eq(users.active, true), eq(orgs.active, true)));
  return rows.sort((a, b) => levelRank(a.orgLevel) - levelRank(b.orgLevel) || a.orgName.localeCompare(b.orgName, 'zh-CN'));
}

/** The membership a login opens: the one last used, or else the first. */
export function lastUsed(memberships: Membership[]): Membership | undefined {
  const used = memberships.filter((m) => m.row.lastUsedAt).sort((a, b) => b.row.lastUsedAt!.getTime() - a.row.lastUsedAt!.getTime());
  return used[0] ?? memberships[0];
}

/** Notes the membership as used now (a login or a switch opens it next time). */
export async function markUsed(db: Db | Tx, u: Pick<UserRow, 'orgId' | 'id'>) {
  await db.update(users).set({ lastUsedAt: sql`now()` }).where(and(eq(users.orgId, u.orgId), eq(users.id, u.id)));
}

/**
 * The person logged in as `mine` proved the password of `other` (another committee's login): the
 * other login — with the rest of its account, if it has one — joins their account and takes its
 * password; its sessions end (they were opened with a password that no longer opens it). 409 when
 * it already belongs to the account, or when the account already has a membership in its committee.
 */
export async function linkLogin(tx: Tx, mine: UserRow, other: UserRow): Promise<string> {
  if (accountKey(mine) === accountKey(other)) throw conflict(say('该登录已在您的账号中', 'This login already belongs to your account'));
  const [ours, theirs] = await Promise.all([
    tx.select({ orgId: users.orgId }).from(users).where(accountRows(mine)).for('update'),
    tx.select({ orgId: users.orgId, id: users.id }).from(users).where(accountRows(other)).for('update'),
  ]);
  const taken = new Set(ours.map((r) => r.orgId));
  if (theirs.some((r) => taken.has(r.orgId))) {
    throw conflict(say('您的账号在该政协已有登录', 'Your account already has a login in that committee'), [{ path: '/username', message: say('同一政协只能有一个', 'one per committee') }]);
  }
  const accountId = mine.accountId ?? randomUUID();
  if (!mine.accountId) await tx.update(users).set({ accountId }).where(and(eq(users.orgId, mine.orgId), eq(users.id, mine.id)));
  await tx.update(users).set({ accountId, passwordHash: mine.passwordHash, mustChangePassword: mine.mustChangePassword }).where(accountRows(other));
  for (const r of theirs) await tx.delete(sessions).where(and(eq(sessions.orgId, r.orgId), eq(sessions.userId, r.id)));
  return accountId;
}

/**
 * The person logged in as `mine` takes their membership in `orgId` out of their account: it becomes a
 * login on its own, with the password it has (the account's), and its sessions end (a switch opened
 * them). 404 when the account has no membership there; 409 for the committee of `mine` itself.
 */
export async function unlinkLogin(tx: Tx, mine: UserRow, orgId: string): Promise<UserRow> {
  if (orgId === mine.orgId) throw conflict(say('不能解除当前所在政协的登录，请先切换到其他政协', 'You cannot unlink the committee you are working in: switch to another first'));
  const [other] = mine.accountId
    ? await tx.select().from(users).where(and(eq(users.accountId, mine.accountId), eq(users.orgId, orgId))).for('update')
    : [];
  if (!other) throw notFound('Membership');
  await tx.update(users).set({ accountId: null }).where(and(eq(users.orgId, other.orgId), eq(users.id, other.id)));
  await tx.delete(sessions).where(and(eq(sessions.orgId, other.orgId), eq(sessions.userId, other.id)));
  return other;
}
