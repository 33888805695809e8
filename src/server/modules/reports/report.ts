import { eq } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import type { Actor } from '../../core/policies.ts';
import { authorize } from '../../core/policies.ts';
import { orgs } from '../../core/schema.ts';
import './access.ts';
import { sishuangFigures } from './figures.ts';
import { draftSishuang, type SishuangReport } from './draft.ts';
import { reportProfile } from './profile.ts';

/** The year's 四双 report of the caller's committee: the figures first, then the prose drafted around them. */
export async function sishuangReport(db: Queryable, actor: Actor, year: number): Promise<SishuangReport> {
  authorize(actor, 'report.read');
  const [profile, { figures, context }] = await Promise.all([reportProfile(db, actor.orgId), sishuangFigures(db, actor, year)]);
  return draftSishuang(year, profile, figures, context);
}

/** The committee as the document signs it. */
export async function committeeName(db: Queryable, orgId: string) {
  const [org] = await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, orgId));
  return org?.name ?? '';
}
