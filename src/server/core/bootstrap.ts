import { sql } from 'drizzle-orm';
import type { Db } from './db/client.ts';
import { orgs, users } from './schema.ts';
import { hashPassword } from './auth/passwords.ts';
import { newPassword } from './auth/password-policy.ts';

/**
 * First start of an empty database: one committee and the user `admin`, whose password comes from
 * TONGXIN_ADMIN_PASSWORD or is generated and returned (to print once).
 */
export async function ensureInstance(db: Db, opts: { orgName: string; adminPassword?: string }): Promise<{ generatedPassword?: string }> {
  if (!(await isEmpty(db))) return {};
  const password = opts.adminPassword ?? newPassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [org] = await tx.insert(orgs).values({ name: opts.orgName, level: 'city' }).returning();
    await tx.insert(users).values({ orgId: org!.id, username: 'admin', displayName: '系统管理员', passwordHash, roles: ['admin'] });
  });
  return opts.adminPassword ? {} : { generatedPassword: password };
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(orgs);
  return row!.n === 0;
}
