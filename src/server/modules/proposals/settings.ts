import { eq } from 'drizzle-orm';
import { runCommand, type Ctx } from '../../core/command.ts';
import { invalid, say } from '../../core/errors.ts';
import type { Queryable } from '../../core/db/client.ts';
import { orgs } from '../../core/schema.ts';
import { DEFAULT_HANDLING, type HandlingSettings } from '../handling/deadlines.ts';

export interface ProposalSettings {
  bodyLimit: number;
  notFiledGrounds: string[];
  handling: HandlingSettings;
}

export const DEFAULT_GROUNDS = [
  '不属于政协职能范围', '涉及党和国家秘密', '内容空泛、无具体建议', '一事多议或多事一议',
  '属于个人或家庭事务', '已有明确规定或正在实施', '属于学术探讨', '其他',
];

/** A committee's proposal settings: its own values in orgs.settings, else the defaults seen in practice. */
export async function proposalSettings(db: Queryable, orgId: string): Promise<ProposalSettings> {
  const [org] = await db.select({ settings: orgs.settings }).from(orgs).where(eq(orgs.id, orgId));
  return settingsFrom(org?.settings);
}

/** The proposal settings in a committee's stored orgs.settings (read with other rows). */
export function settingsFrom(stored: unknown): ProposalSettings {
  const s = (stored ?? {}) as { proposals?: Partial<ProposalSettings> & { handling?: Partial<HandlingSettings> } };
  return {
    bodyLimit: s.proposals?.bodyLimit ?? 2500,
    notFiledGrounds: s.proposals?.notFiledGrounds ?? DEFAULT_GROUNDS,
    handling: { ...DEFAULT_HANDLING, ...(s.proposals?.handling ?? {}) },
  };
}

/** Admins change the committee's settings; the reply period may not exceed the extension cap. */
export function saveProposalSettings(ctx: Ctx, patch: Partial<Omit<ProposalSettings, 'handling'>> & { handling?: Partial<HandlingSettings> }) {
  return runCommand(ctx, async (c) => {
    c.authorize('org.configure');
    const [org] = await c.tx.select({ settings: orgs.settings }).from(orgs).where(eq(orgs.id, c.actor.orgId)).for('update');
    const before = await proposalSettings(c.tx, c.actor.orgId);
    const after = { ...before, ...patch, handling: { ...before.handling, ...(patch.handling ?? {}) } };
    if (after.handling.replyMonths > after.handling.maxMonths) throw invalid('/handling/replyMonths', say('不能超过最长办理期限（maxMonths）', 'must not exceed maxMonths'));
    await c.tx.update(orgs).set({ settings: { ...(org?.settings ?? {}), proposals: after } }).where(eq(orgs.id, c.actor.orgId));
    await c.record({ action: 'settings', entity: 'org', entityId: c.actor.orgId, before, after });
  });
}
