import { eq } from 'drizzle-orm';
import { runCommand, type Ctx } from '../../core/command.ts';
import type { Queryable } from '../../core/db/client.ts';
import { orgs } from '../../core/schema.ts';

/** Reports a member is expected to submit a year: standing members (常委) and other members. */
export interface Quota { standing: number; member: number }
export interface OpinionSettings { bodyLimit: number; quota: Quota }

export const DEFAULT_OPINION_SETTINGS: OpinionSettings = { bodyLimit: 1500, quota: { standing: 3, member: 1 } };

/** A committee's report settings: its own values in orgs.settings.opinions, else the defaults seen in practice. */
export async function opinionSettings(db: Queryable, orgId: string): Promise<OpinionSettings> {
  const [org] = await db.select({ settings: orgs.settings }).from(orgs).where(eq(orgs.id, orgId));
  const s = ((org?.settings ?? {}) as { opinions?: Partial<OpinionSettings> }).opinions ?? {};
  return { bodyLimit: s.bodyLimit ?? DEFAULT_OPINION_SETTINGS.bodyLimit, quota: { ...DEFAULT_OPINION_SETTINGS.quota, ...(s.quota ?? {}) } };
}

/** Admins change the body limit and the yearly quotas. */
export function saveOpinionSettings(ctx: Ctx, patch: { bodyLimit?: number; quota?: Partial<Quota> }) {
  return runCommand(ctx, async (c) => {
    c.authorize('org.configure');
    const [org] = await c.tx.select({ settings: orgs.settings }).from(orgs).where(eq(orgs.id, c.actor.orgId)).for('update');
    const before = await opinionSettings(c.tx, c.actor.orgId);
    const after: OpinionSettings = { bodyLimit: patch.bodyLimit ?? before.bodyLimit, quota: { ...before.quota, ...(patch.quota ?? {}) } };
    await c.tx.update(orgs).set({ settings: { ...(org?.settings ?? {}), opinions: after } }).where(eq(orgs.id, c.actor.orgId));
    await c.record({ action: 'settings', entity: 'org', entityId: c.actor.orgId, before, after });
    return after;
  });
}
