import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { notFound } from '../../core/errors.ts';
import { hasRole, type Actor } from '../../core/policies.ts';
import { activeAssignments, pendingExtension, type Assignment } from '../handling/engine.ts';
import { today } from '../handling/deadlines.ts';
import { proposalCosigners, proposalRatings, proposals } from './schema.ts';
import type { ProposalFacts, ProposalState } from './workflow.ts';

export type Proposal = typeof proposals.$inferSelect;
export const KIND = 'proposal';

export interface Loaded {
  p: Proposal;
  cosigners: (typeof proposalCosigners.$inferSelect)[];
  active: Assignment[];
  relations: string[];
  facts: ProposalFacts;
  mine?: Assignment;
  lead?: Assignment;
}

/** Relations of the actor to this proposal, which the transition table's `who` refers to. */
function relationsOf(actor: Actor | null, p: Proposal, cosigners: Loaded['cosigners'], active: Assignment[]) {
  if (!actor) return [];
  const r: string[] = [];
  // A member's proposal belongs to its member; a party-group/committee/sector proposal to whoever entered it.
  if (p.proposerMemberId ? actor.memberId === p.proposerMemberId : actor.id === p.createdBy) r.push('proposer');
  const mine = cosigners.find((c) => c.memberId === actor.memberId);
  if (mine) r.push(mine.confirmedAt ? 'cosigner' : 'pendingCosigner');
  for (const a of active.filter((x) => x.unitId === actor.unitId && hasRole(actor, 'unit'))) {
    if (a.state === 'pending') r.push('unsignedUnit');
    else r.push(a.role === 'lead' ? 'leadUnit' : 'coUnit');
  }
  if (p.keyLeaderUserId === actor.id) r.push('keyLeader');
  return r;
}

/**
 * Who may read: the proposer and co-signers; staff and leaders (not drafts); units the proposal is
 * assigned to; anyone once published. Everyone else is told it does not exist.
 */
export function canRead(actor: Actor | null, l: Pick<Loaded, 'p' | 'relations'>): boolean {
  if (l.p.published) return true;
  if (!actor || actor.orgId !== l.p.orgId) return false;
  if (l.relations.some((r) => ['proposer', 'cosigner', 'pendingCosigner', 'unsignedUnit', 'leadUnit', 'coUnit', 'keyLeader'].includes(r))) return true;
  return l.p.state !== 'draft' && hasRole(actor, 'staff', 'leader', 'admin');
}

export async function loadProposal(db: Queryable, actor: Actor | null, orgId: string, id: string, opts: { lock?: boolean; bodyLimit?: number; extra?: Partial<ProposalFacts>; afterOwnAction?: boolean } = {}): Promise<Loaded> {
  const q = db.select().from(proposals).where(and(eq(proposals.orgId, orgId), eq(proposals.id, id)));
  const [p] = await (opts.lock ? q.for('update') : q);
  if (!p) throw notFound('Proposal');
  // One query after another: inside a transaction they share a single connection.
  const cosigners = await db.select().from(proposalCosigners).where(and(eq(proposalCosigners.orgId, orgId), eq(proposalCosigners.proposalId, id)));
  const active = await activeAssignments(db, orgId, { kind: KIND, id });
  const pending = await pendingExtension(db, orgId, { kind: KIND, id });
  const rated = actor?.unitId
    ? await db.select().from(proposalRatings).where(and(eq(proposalRatings.orgId, orgId), eq(proposalRatings.proposalId, id), eq(proposalRatings.unitId, actor.unitId)))
    : [];
  const relations = relationsOf(actor, p, cosigners, active);
  // Right after acting (e.g. a unit returning it), the caller still gets the result of their action.
  if (!opts.afterOwnAction && !canRead(actor, { p, relations })) throw notFound('Proposal');
  const mine = actor?.unitId ? active.find((a) => a.unitId === actor.unitId) : undefined;
  const lead = active.find((a) => a.role === 'lead');
  return {
    p, cosigners, active, relations, mine, lead,
    facts: {
      state: p.state as ProposalState, kind: p.kind, bodyLength: [...p.body].length, bodyLimit: opts.bodyLimit ?? Infinity,
      cosigners: cosigners.filter((c) => !c.viaMergeOf).map((c) => ({ confirmed: !!c.confirmedAt })),
      mine: mine && { role: mine.role as 'lead' | 'co', state: mine.state, returnBy: mine.returnBy, hasOpinion: !!mine.opinion },
      leadSigned: lead?.state === 'signed', today: today(), pendingExtension: !!pending,
      ratedByMyUnit: rated.length > 0, published: p.published, exempt: !!p.publicationExemptReason, isKey: p.isKey, ...opts.extra,
    },
  };
}
