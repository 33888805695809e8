import { and, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../core/db/client.ts';
import { conflict, invalid, say } from '../../core/errors.ts';
import { apiTokens, orgs, sessions, users } from '../../core/schema.ts';
import { hashPassword } from '../../core/auth/passwords.ts';
import { endAccess } from '../../core/auth/tokens.ts';
import { checkPasswordPolicy, newPassword } from '../../core/auth/password-policy.ts';
import { levelBelow } from './oversight.ts';

// Writing committees: a committee below (by its parent's admin, orgs-routes.ts) or a top one (by an
// operator, `tongxin org create`), and a committee's first admin. The rules of who may are in
// oversight.ts; these are the checks every way in shares.

export type Org = typeof orgs.$inferSelect;
export interface CommitteeInput { name: string; level: string; code?: string | null; region?: string | null }

export const orgView = (o: Org) => ({ id: o.id, name: o.name, level: o.level, parentId: o.parentId, code: o.code, region: o.region, active: o.active });

/** 422 at /code when another committee has this code. */
async function checkCode(tx: Tx, code: string | null | undefined, self?: string) {
  if (!code) return;
  const [taken] = await tx.select({ id: orgs.id }).from(orgs).where(and(eq(orgs.code, code), self ? ne(orgs.id, self) : undefined));
  if (taken) throw invalid('/code', say('已有政协使用这个代码', 'another committee has this code'));
}

/** A committee under `parent` (one level below it), or a top committee (parent null). */
export async function insertCommittee(tx: Tx, parent: Org | null, input: CommitteeInput): Promise<Org> {
  if (parent) {
    const below = levelBelow(parent.level);
    if (!below) throw invalid('/level', say('县级政协之下不能再设政协', 'a county committee has no committees below it'));
    if (input.level !== below) throw invalid('/level', say(`下级政协须低一级（${below}）`, `a committee below must be one level down: ${below}`));
  }
  await checkCode(tx, input.code);
  const [o] = await tx.insert(orgs).values({ name: input.name.trim(), level: input.level, code: input.code || null, region: input.region?.trim() || null, parentId: parent?.id ?? null }).returning();
  return o!;
}

export async function updateCommittee(tx: Tx, before: Org, patch: Partial<CommitteeInput> & { active?: boolean }): Promise<Org> {
  if (patch.code !== undefined) await checkCode(tx, patch.code, before.id);
  const values = { ...patch, ...(patch.name !== undefined ? { name: patch.name.trim() } : {}), ...(patch.code !== undefined ? { code: patch.code || null } : {}), ...(patch.region !== undefined ? { region: patch.region?.trim() || null } : {}) };
  const [o] = await tx.update(orgs).set(values).where(eq(orgs.id, before.id)).returning();
  // A deactivated committee: every session and API token of its users ends (login refuses them too).
  if (patch.active === false && before.active) {
    await tx.delete(sessions).where(eq(sessions.orgId, before.id));
    await tx.update(apiTokens).set({ revokedAt: sql`now()` }).where(and(eq(apiTokens.orgId, before.id), sql`${apiTokens.revokedAt} is null`));
  }
  return o!;
}

export interface AdminInput { username: string; displayName?: string; password?: string }

/**
 * The committee's admin `username`: created, or (when it exists) made an active admin again with a
 * new password. The password is temporary either way (changed at first login); when none is given
 * one is generated and returned, to be shown once.
 */
export async function setCommitteeAdmin(tx: Tx, org: Org, input: AdminInput) {
  if (!org.active) throw conflict(say('该政协已停用', 'This committee is deactivated'));
  const password = input.password ?? newPassword();
  checkPasswordPolicy('/password', password, input.username);
  const passwordHash = await hashPassword(password);
  const [before] = await tx.select().from(users).where(and(eq(users.orgId, org.id), eq(users.username, input.username))).for('update');
  const displayName = input.displayName?.trim() || before?.displayName || `${org.name}管理员`;
  const [user] = before
    // (a reset takes the login out of its person's account: core/auth/accounts.ts)
    ? await tx.update(users).set({ passwordHash, mustChangePassword: true, active: true, displayName, roles: [...new Set([...before.roles, 'admin'])], accountId: null })
      .where(and(eq(users.orgId, org.id), eq(users.id, before.id))).returning()
    : await tx.insert(users).values({ orgId: org.id, username: input.username, displayName, passwordHash, roles: ['admin'], mustChangePassword: true }).returning();
  if (before) await endAccess(tx, org.id, before.id);
  return { user: user!, created: !before, password: input.password ? undefined : password };
}
