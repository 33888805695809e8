import { and, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { outer, queryRowsNamed, runNamed, type Queryable } from '../../core/db/client.ts';
import { rowsFromJson } from '../../core/db/json-rows.ts';
import { notFound } from '../../core/errors.ts';
import { hasRole, type Actor } from '../../core/policies.ts';
import type { Assignment } from '../handling/engine.ts';
import { assignments, extensionRequests } from '../handling/schema.ts';
import { today } from '../handling/deadlines.ts';
import { proposalCosigners, proposalRatings, proposals } from './schema.ts';
import type { ProposalFacts, ProposalState } from './workflow.ts';
import { settingsFrom, type ProposalSettings } from './settings.ts';
import { orgs } from '../../core/schema.ts';

export type Proposal = typeof proposals.$inferSelect;
type Json = Record<string, unknown>;
export const KIND = 'proposal';

export interface Loaded {
  p: Proposal;
  cosigners: (typeof proposalCosigners.$inferSelect)[];
  active: Assignment[];
  relations: string[];
  /** The caller may read it in full (fullAccess); else it is published and read as the public does. */
  full: boolean;
  /** Its committee's proposal settings. */
  settings: ProposalSettings;
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

/** The unit has a current (pending or signed) assignment of the proposal. */
export const assignedTo = (unitId: SQL | string) => sql`exists (select 1 from ${assignments} a where a.org_id = ${proposals.orgId}
  and a.item_kind = ${KIND} and a.item_id = ${proposals.id} and a.unit_id = ${unitId} and a.state in ('pending', 'signed'))`;

/** The caller's own proposals: as proposer (a collective one: whoever entered it) or co-signer. */
export function ownedBy(actor: Actor): SQL {
  return or(
    actor.memberId ? eq(proposals.proposerMemberId, actor.memberId) : undefined,
    and(isNull(proposals.proposerMemberId), eq(proposals.createdBy, actor.id)),
    actor.memberId ? sql`exists (select 1 from ${proposalCosigners} c where c.org_id = ${proposals.orgId} and c.proposal_id = ${proposals.id} and c.member_id = ${actor.memberId})` : undefined,
  )!;
}

/**
 * Who may read a proposal in full. The one rule, as SQL, of GET …/:id and of every list, search and
 * suggestion: the proposer and co-signers, the units it is assigned to, its leading leader, and
 * staff, leaders and admins of the committee (not drafts). Anyone may read a published one, with
 * contact details masked (see readableBy).
 */
export function fullAccess(actor: Actor | null): SQL {
  if (!actor) return sql`false`;
  return and(eq(proposals.orgId, actor.orgId), or(
    ownedBy(actor),
    hasRole(actor, 'staff', 'leader', 'admin') ? ne(proposals.state, 'draft') : undefined,
    actor.unitId && hasRole(actor, 'unit') ? assignedTo(actor.unitId) : undefined,
    eq(proposals.keyLeaderUserId, actor.id),
  ))!;
}

/** What the caller may open: published proposals (of any committee), and those of fullAccess. */
export const readableBy = (actor: Actor | null): SQL => or(eq(proposals.published, true), fullAccess(actor))!;

/** Of these ids, the ones the caller may open, each with whether they read it in full (else masked). */
export async function readableAmong(db: Queryable, actor: Actor, ids: string[]): Promise<Map<string, boolean>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: proposals.id, full: sql<boolean>`coalesce(${fullAccess(actor)}, false)` }).from(proposals)
    .where(and(eq(proposals.orgId, actor.orgId), inArray(proposals.id, ids), readableBy(actor)));
  return new Map(rows.map((r) => [r.id, r.full]));
}

/** The caller reads it as the public does: contact details masked, internal notes left out. */
export const publicView = (l: Pick<Loaded, 'full'>) => !l.full;

export async function loadProposal(db: Queryable, actor: Actor | null, orgId: string, id: string, opts: { lock?: boolean; extra?: Partial<ProposalFacts>; afterOwnAction?: boolean } = {}): Promise<Loaded> {
  // The committee's settings come with the row (they are not locked: the row is).
  const q = db.select({
    p: proposals, full: sql<boolean>`coalesce(${fullAccess(actor)}, false)`,
    stored: sql<unknown>`(select ${orgs.settings} from ${orgs} where ${orgs.id} = ${outer(proposals.orgId)})`,
  }).from(proposals)
    .where(and(eq(proposals.orgId, orgId), eq(proposals.id, id)));
  // (Both statements named: every action sends them, so they are parsed and planned once per connection.)
  const [row] = await runNamed(opts.lock ? q.for('update', { of: proposals }) : q);
  if (!row) throw notFound('Proposal');
  const { p, full } = row;
  const settings = settingsFrom(row.stored);
  // Its relations in one more statement, read after the lock (so they are what the lock holder left).
  const [rel] = await queryRowsNamed<{ cosigners: Json[]; active: Json[]; pending: boolean; rated: boolean }>(db, sql`select
    coalesce((select json_agg(c.*) from ${proposalCosigners} c where c.org_id = ${orgId} and c.proposal_id = ${id}), '[]') as cosigners,
    coalesce((select json_agg(a.*) from ${assignments} a where a.org_id = ${orgId} and a.item_kind = ${KIND} and a.item_id = ${id}
      and a.state in ('pending', 'signed')), '[]') as active,
    exists (select 1 from ${extensionRequests} e where e.org_id = ${orgId} and e.item_kind = ${KIND} and e.item_id = ${id}
      and e.state = 'pending') as pending,
    exists (select 1 from ${proposalRatings} r where r.org_id = ${orgId} and r.proposal_id = ${id} and r.unit_id = ${actor?.unitId ?? null}) as rated`);
  const { pending, rated } = rel!;
  const cosigners = rowsFromJson(proposalCosigners, rel!.cosigners);
  const active = rowsFromJson(assignments, rel!.active);
  const relations = relationsOf(actor, p, cosigners, active);
  // Right after acting (e.g. a unit returning it), the caller still gets the result of their action.
  if (!opts.afterOwnAction && !full && !p.published) throw notFound('Proposal');
  const mine = actor?.unitId ? active.find((a) => a.unitId === actor.unitId) : undefined;
  const lead = active.find((a) => a.role === 'lead');
  return {
    p, cosigners, active, relations, full, mine, lead, settings,
    facts: {
      state: p.state as ProposalState, kind: p.kind, bodyLength: [...p.body].length, bodyLimit: settings.bodyLimit,
      cosigners: cosigners.filter((c) => !c.viaMergeOf).map((c) => ({ confirmed: !!c.confirmedAt })),
      mine: mine && { role: mine.role as 'lead' | 'co', state: mine.state, returnBy: mine.returnBy, hasOpinion: !!mine.opinion },
      leadSigned: lead?.state === 'signed', today: today(), pendingExtension: pending,
      ratedByMyUnit: rated, published: p.published, exempt: !!p.publicationExemptReason, isKey: p.isKey, ...opts.extra,
    },
  };
}

/** A proposal the caller may open: of their committee, or of any committee once published; else 404. */
export async function loadReadable(db: Queryable, actor: Actor | null, id: string, opts: { afterOwnAction?: boolean } = {}): Promise<Loaded> {
  const [row] = await db.select({ orgId: proposals.orgId }).from(proposals)
    .where(and(eq(proposals.id, id), or(eq(proposals.published, true), actor ? eq(proposals.orgId, actor.orgId) : undefined)));
  if (!row) throw notFound('Proposal');
  return loadProposal(db, actor, row.orgId, id, opts);
}
