import { eq } from 'drizzle-orm';
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
  const s = (org?.settings ?? {}) as { proposals?: Partial<ProposalSettings> & { handling?: Partial<HandlingSettings> } };
  return {
    bodyLimit: s.proposals?.bodyLimit ?? 2500,
    notFiledGrounds: s.proposals?.notFiledGrounds ?? DEFAULT_GROUNDS,
    handling: { ...DEFAULT_HANDLING, ...(s.proposals?.handling ?? {}) },
  };
}
