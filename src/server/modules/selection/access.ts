import { and, asc, eq, or } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { notFound } from '../../core/errors.ts';
import type { Actor } from '../../core/policies.ts';
import type { RoundFacts, RoundState } from './workflow.ts';
import { selectionLevels, selectionRounds } from './schema.ts';

export type Round = typeof selectionRounds.$inferSelect;
export type Level = typeof selectionLevels.$inferSelect;
export interface LoadedRound { r: Round; levels: Level[]; current: Level }

/**
 * A round of the committee `orgId` with its levels; `orAnnounced` also finds announced rounds of
 * any committee (they are public), and a null `orgId` only those.
 */
export async function loadRound(db: Queryable, orgId: string | null, id: string, opts: { lock?: boolean; orAnnounced?: boolean } = {}): Promise<LoadedRound> {
  const announced = eq(selectionRounds.state, 'announced');
  const scope = !orgId ? announced : opts.orAnnounced ? or(eq(selectionRounds.orgId, orgId), announced) : eq(selectionRounds.orgId, orgId);
  const q = db.select().from(selectionRounds).where(and(eq(selectionRounds.id, id), scope));
  const [r] = await (opts.lock ? q.for('update') : q);
  if (!r) throw notFound('Selection');
  const levels = await db.select().from(selectionLevels).where(and(eq(selectionLevels.orgId, r.orgId), eq(selectionLevels.roundId, id))).orderBy(asc(selectionLevels.position));
  return { r, levels, current: levels[Math.min(r.currentLevel, levels.length) - 1]! };
}

/** The round as the transition table sees it. */
export const subject = (l: LoadedRound, actor: Actor, relations: string[], target?: number) => ({
  state: l.r.state as RoundState, actor, relations,
  ctx: { current: { position: l.current.position, last: l.current.position === l.levels.length }, target } satisfies RoundFacts,
});

/** The caller's relations to an entry: `proposer` for their own self-nomination (which they may withdraw). */
export const entryRelations = (actor: Actor, e: { nominatedAs: string; proposerMemberId: string | null }) =>
  (e.nominatedAs === 'self' && !!actor.memberId && e.proposerMemberId === actor.memberId ? ['proposer'] : []);
