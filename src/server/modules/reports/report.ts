import { eq } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import type { Actor } from '../../core/policies.ts';
import { authorize } from '../../core/policies.ts';
import { orgs } from '../../core/schema.ts';
import './access.ts';
import { sishuangFiguresOver } from './figures.ts';
import { draftSishuang, treeWording, type SishuangDraft, type SishuangReport } from './draft.ts';
import type { Committee } from '../org/rollup.ts';
import type { Scope } from '../org/oversight.ts';
import { reportProfile } from './profile.ts';
import { compose, drafted, versionOf } from './versions.ts';

export interface ScopedDraft extends SishuangDraft { scope: Scope; committees: Committee[] }

/**
 * The year's draft as the caller's data gives it: the figures, and the prose templates around them.
 * scope=tree (office and leaders, org/oversight.ts): rolled up over the active committees below,
 * the prose saying so; `scope` says what was given (own for whoever may not oversee, or has none below).
 */
export async function sishuangDraft(db: Queryable, actor: Actor, year: number, scope?: Scope): Promise<ScopedDraft> {
  const [profile, over, [org]] = await Promise.all([
    reportProfile(db, actor.orgId), sishuangFiguresOver(db, actor, year, scope), db.select({ level: orgs.level }).from(orgs).where(eq(orgs.id, actor.orgId)),
  ]);
  const draft = draftSishuang(year, profile, over.figures, over.context, over.tree ? treeWording(org?.level ?? 'city') : undefined);
  return { ...draft, scope: over.tree ? 'tree' : 'own', committees: over.committees };
}

/**
 * The year's 四双 report of the caller's committee: the figures first, then the prose drafted around
 * them with the office's rewritten paragraphs of the latest version (or of `version`) laid over it.
 */
export async function sishuangReport(db: Queryable, actor: Actor, year: number, version?: number, scope?: Scope): Promise<SishuangReport & { scope: Scope; committees: Committee[] }> {
  authorize(actor, 'report.read');
  const [draft, shown] = await Promise.all([sishuangDraft(db, actor, year, scope), versionOf(db, actor.orgId, year, version)]);
  // The office's versions rewrite its own report; the rolled-up one is always the fresh draft.
  const composed = draft.scope === 'tree'
    ? compose(draft, drafted(shown.latest))
    : compose(draft, shown);
  return { ...composed, scope: draft.scope, committees: draft.committees };
}

/** The committee as the document signs it. */
export async function committeeName(db: Queryable, orgId: string) {
  const [org] = await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, orgId));
  return org?.name ?? '';
}
