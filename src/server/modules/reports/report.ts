import { eq } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import type { Actor } from '../../core/policies.ts';
import { authorize } from '../../core/policies.ts';
import { orgs } from '../../core/schema.ts';
import './access.ts';
import { sishuangFigures } from './figures.ts';
import { draftSishuang, type SishuangDraft, type SishuangReport } from './draft.ts';
import { reportProfile } from './profile.ts';
import { compose, versionOf } from './versions.ts';

/** The year's draft as the caller's data gives it: the figures, and the prose templates around them. */
export async function sishuangDraft(db: Queryable, actor: Actor, year: number): Promise<SishuangDraft> {
  const [profile, { figures, context }] = await Promise.all([reportProfile(db, actor.orgId), sishuangFigures(db, actor, year)]);
  return draftSishuang(year, profile, figures, context);
}

/**
 * The year's 四双 report of the caller's committee: the figures first, then the prose drafted around
 * them with the office's rewritten paragraphs of the latest version (or of `version`) laid over it.
 */
export async function sishuangReport(db: Queryable, actor: Actor, year: number, version?: number): Promise<SishuangReport> {
  authorize(actor, 'report.read');
  const [draft, shown] = await Promise.all([sishuangDraft(db, actor, year), versionOf(db, actor.orgId, year, version)]);
  return compose(draft, shown);
}

/** The committee as the document signs it. */
export async function committeeName(db: Queryable, orgId: string) {
  const [org] = await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, orgId));
  return org?.name ?? '';
}
