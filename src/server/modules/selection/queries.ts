import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { invalid, say } from '../../core/errors.ts';
import { hasRole, type Actor } from '../../core/policies.ts';
import { users } from '../../core/schema.ts';
import { redactContacts } from '../../core/text/redact.ts';
import { units } from '../org/schema.ts';
import { proposalCosigners, proposals } from '../proposals/schema.ts';
import { readableBy } from '../proposals/access.ts';
import { entryRelations, subject, type LoadedRound } from './access.ts';
import { NOMINABLE } from './commands.ts';
import { reviews, scoreAt, yearBounds } from './levels.ts';
import { selectionEntries, selectionLevels, selectionReviews, selectionRounds, selectionUnits } from './schema.ts';
import { selectionWorkflow } from './workflow.ts';

const levelsOnly = (n: number) => say(`这一评选只有 ${n} 级`, `the selection has ${n} level${n === 1 ? '' : 's'}`);

const iso = (d: Date | null) => d?.toISOString() ?? null;
const page = (q: { page: number; pageSize: number }) => ({ limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
const seesAll = (actor: Actor | null) => !!actor && hasRole(actor, 'staff', 'admin', 'leader');

export interface RoundFilter { page: number; pageSize: number; q?: string; year?: number; announced?: boolean }

/** Rounds of the caller's committee (`orgId`: a visitor's, org/visitor.ts); announced ones only for the public. */
export async function listRounds(db: Queryable, actor: Actor | null, f: RoundFilter, orgId: string = actor!.orgId) {
  const where = and(
    eq(selectionRounds.orgId, orgId),
    f.announced || !actor ? eq(selectionRounds.state, 'announced') : undefined,
    f.year ? eq(selectionRounds.year, f.year) : undefined,
    f.q ? ilike(selectionRounds.name, `%${f.q}%`) : undefined,
  );
  const count = (cond: SQL) => sql<number>`(select count(*)::int from ${selectionEntries} e where e.org_id = ${selectionRounds.orgId} and e.round_id = ${selectionRounds.id} and ${cond})`;
  const [rows, [n]] = await Promise.all([
    db.select({
      r: selectionRounds, levelName: selectionLevels.name, levels: sql<number>`(select count(*)::int from ${selectionLevels} l where l.org_id = ${selectionRounds.orgId} and l.round_id = ${selectionRounds.id})`,
      entries: count(sql`true`), excellent: count(sql`e.excellent`),
    }).from(selectionRounds)
      .leftJoin(selectionLevels, and(eq(selectionLevels.orgId, selectionRounds.orgId), eq(selectionLevels.roundId, selectionRounds.id), eq(selectionLevels.position, selectionRounds.currentLevel)))
      .where(where).orderBy(desc(selectionRounds.year), desc(selectionRounds.createdAt)).limit(page(f).limit).offset(page(f).offset),
    db.select({ n: sql<number>`count(*)::int` }).from(selectionRounds).where(where),
  ]);
  return {
    total: n!.n,
    items: rows.map(({ r, levelName, levels, entries, excellent }) => ({
      id: r.id, year: r.year, name: r.name, state: r.state, currentLevel: r.currentLevel, currentLevelName: levelName, levels,
      entries, excellent: r.state === 'announced' || seesAll(actor) ? excellent : null, announcedAt: iso(r.announcedAt), createdAt: r.createdAt.toISOString(),
    })),
  };
}

/** The round with its levels (each with how many entered it), and its results once announced. */
export async function presentRound(db: Queryable, l: LoadedRound, publicView: boolean) {
  const { r } = l;
  const reachedCounts = await db.select({ reached: selectionEntries.reached, n: sql<number>`count(*)::int` }).from(selectionEntries)
    .where(and(eq(selectionEntries.orgId, r.orgId), eq(selectionEntries.roundId, r.id))).groupBy(selectionEntries.reached);
  const entered = (position: number) => reachedCounts.filter((c) => c.reached >= position).reduce((s, c) => s + c.n, 0);
  const stateOf = (position: number) => (r.state !== 'open' || position < r.currentLevel ? 'closed' : position === r.currentLevel ? 'current' : 'pending');
  return {
    id: r.id, year: r.year, name: r.name, state: r.state, currentLevel: r.currentLevel,
    levels: l.levels.map((v) => ({
      id: v.id, position: v.position, key: v.key, name: v.name, actor: v.actor, quota: v.quota, state: stateOf(v.position),
      entries: entered(v.position), passed: v.passed, closedAt: iso(v.closedAt),
    })),
    entries: entered(1), createdAt: r.createdAt.toISOString(), announcedAt: iso(r.announcedAt),
    results: r.state === 'announced' ? await results(db, l, publicView) : null,
  };
}

/** The excellent proposals (with their score at the last level) and the excellent handling units. */
async function results(db: Queryable, l: LoadedRound, publicView: boolean) {
  const { r } = l;
  const score = scoreAt(l.levels.length);
  const [winners, named] = await Promise.all([
    db.select({ e: selectionEntries, title: proposals.title, proposerName: proposals.proposerName, published: proposals.published, unitName: units.name, score })
      .from(selectionEntries)
      .innerJoin(proposals, and(eq(proposals.orgId, selectionEntries.orgId), eq(proposals.id, selectionEntries.proposalId)))
      .leftJoin(units, and(eq(units.orgId, selectionEntries.orgId), eq(units.id, selectionEntries.leadUnitId)))
      .where(and(eq(selectionEntries.orgId, r.orgId), eq(selectionEntries.roundId, r.id), eq(selectionEntries.excellent, true)))
      .orderBy(sql`${score} desc nulls last`, asc(proposals.title)),
    db.select({ name: units.name }).from(selectionUnits)
      .innerJoin(units, and(eq(units.orgId, selectionUnits.orgId), eq(units.id, selectionUnits.unitId)))
      .where(and(eq(selectionUnits.orgId, r.orgId), eq(selectionUnits.roundId, r.id))).orderBy(asc(units.name)),
  ]);
  return {
    proposals: winners.map((w) => ({
      proposalId: w.e.proposalId, title: publicView ? redactContacts(w.title) : w.title, proposerName: w.proposerName,
      leadUnitName: w.unitName, score: w.score, published: w.published,
    })),
    units: named.map((u) => u.name),
  };
}

/**
 * The entries a caller sees at a level: only the level's input (those that passed every level
 * before it). Staff, leaders and admins see all of them; a unit's clerks the ones their unit led,
 * at a level where units score; a member their own nominations. Best first at that level.
 */
export async function listEntries(db: Queryable, actor: Actor, l: LoadedRound, f: { level?: number; entryId?: string; page: number; pageSize: number }) {
  const { r } = l;
  const position = f.level ?? r.currentLevel;
  const level = l.levels[position - 1];
  if (!level) throw invalid('/level', levelsOnly(l.levels.length));
  const unitLevel = level.actor === 'leadUnit' && hasRole(actor, 'unit') && !!actor.unitId;
  const own = [
    actor.memberId ? eq(selectionEntries.proposerMemberId, actor.memberId) : undefined,
    unitLevel ? eq(selectionEntries.leadUnitId, actor.unitId!) : undefined,
  ].filter((x) => x);
  const where = and(
    eq(selectionEntries.orgId, r.orgId), eq(selectionEntries.roundId, r.id), sql`${selectionEntries.reached} >= ${position}`,
    f.entryId ? eq(selectionEntries.id, f.entryId) : undefined,
    seesAll(actor) ? undefined : own.length ? or(...own) : sql`false`,
    readableBy(actor), // and only proposals the caller may open
  );
  const score = scoreAt(position);
  const [rows, [n]] = await Promise.all([
    db.select({ e: selectionEntries, title: proposals.title, proposerName: proposals.proposerName, proposalState: proposals.state, unitName: units.name, score })
      .from(selectionEntries)
      .innerJoin(proposals, and(eq(proposals.orgId, selectionEntries.orgId), eq(proposals.id, selectionEntries.proposalId)))
      .leftJoin(units, and(eq(units.orgId, selectionEntries.orgId), eq(units.id, selectionEntries.leadUnitId)))
      .where(where).orderBy(sql`${score} desc nulls last`, asc(selectionEntries.createdAt), asc(selectionEntries.id))
      .limit(page(f).limit).offset(page(f).offset),
    db.select({ n: sql<number>`count(*)::int` }).from(selectionEntries)
      .innerJoin(proposals, and(eq(proposals.orgId, selectionEntries.orgId), eq(proposals.id, selectionEntries.proposalId))).where(where),
  ]);
  // Scores and comments: for those who review or oversee, not for the proposer.
  const showReviews = seesAll(actor) || unitLevel;
  const ids = rows.map((x) => x.e.id);
  const revs = ids.length ? await db.select({ v: selectionReviews, reviewerName: users.displayName }).from(selectionReviews)
    .leftJoin(users, and(eq(users.orgId, selectionReviews.orgId), eq(users.id, selectionReviews.reviewerUserId)))
    .where(and(eq(selectionReviews.orgId, r.orgId), inArray(selectionReviews.entryId, ids), sql`${selectionReviews.level} <= ${position}`))
    .orderBy(asc(selectionReviews.level), asc(selectionReviews.createdAt)) : [];
  const underWay = r.state === 'open' && position === r.currentLevel;
  const mayWithdraw = (e: typeof selectionEntries.$inferSelect) =>
    selectionWorkflow.allowed(subject(l, actor, entryRelations(actor, e))).some((a) => a.action === 'withdraw');
  const outcome = (e: typeof selectionEntries.$inferSelect) =>
    e.reached > position || e.excellent ? 'passed' : underWay ? 'pending' : 'out';
  return {
    total: n!.n, level: position, reviewsShown: showReviews,
    items: rows.map(({ e, title, proposerName, proposalState, unitName, score: s }) => {
      const mine = revs.find((x) => x.v.entryId === e.id && x.v.level === position && x.v.reviewerUserId === actor.id)?.v;
      return {
        id: e.id, proposalId: e.proposalId, title, proposerName, proposalState, leadUnitId: e.leadUnitId, leadUnitName: unitName,
        nominatedAs: e.nominatedAs, reason: e.reason, nominatedAt: e.createdAt.toISOString(), reached: e.reached, excellent: e.excellent,
        outcome: outcome(e), score: showReviews ? s : null,
        myReview: mine ? { score: mine.score, comment: mine.comment } : null,
        mayReview: underWay && e.reached === position && reviews(actor, level.actor, e), mayWithdraw: mayWithdraw(e),
        reviews: showReviews ? revs.filter((x) => x.v.entryId === e.id).map(({ v, reviewerName }) => ({
          level: v.level, levelName: l.levels[v.level - 1]?.name ?? '', score: v.score, comment: v.comment, reviewerName, at: v.updatedAt.toISOString(),
        })) : [],
      };
    }),
  };
}

/** Proposals of the round's year (by submission, China time), replied or closed, not yet nominated in it. */
export function nominableIn(r: { id: string; year: number }) {
  const [from, to] = yearBounds(r.year);
  const at = sql`coalesce(${proposals.submittedAt}, ${proposals.createdAt})`;
  return and(inArray(proposals.state, NOMINABLE), sql`${at} >= ${from.toISOString()}`, sql`${at} < ${to.toISOString()}`,
    sql`not exists (select 1 from ${selectionEntries} e where e.org_id = ${proposals.orgId} and e.round_id = ${r.id} and e.proposal_id = ${proposals.id})`);
}

/** Proposals the caller may nominate in this round: replied or closed, of its year, not yet nominated (staff: all). */
export async function eligibleProposals(db: Queryable, actor: Actor, l: LoadedRound, f: { q?: string; page: number; pageSize: number }) {
  const where = and(
    eq(proposals.orgId, l.r.orgId), nominableIn(l.r), readableBy(actor),
    hasRole(actor, 'staff') ? undefined : actor.memberId ? eq(proposals.proposerMemberId, actor.memberId) : sql`false`,
    f.q ? or(ilike(proposals.title, `%${f.q}%`), ilike(proposals.proposerName, `%${f.q}%`)) : undefined,
  );
  const [rows, [n]] = await Promise.all([
    db.select({ id: proposals.id, title: proposals.title, state: proposals.state, proposerName: proposals.proposerName, submittedAt: proposals.submittedAt })
      .from(proposals).where(where).orderBy(desc(proposals.submittedAt), asc(proposals.id)).limit(page(f).limit).offset(page(f).offset),
    db.select({ n: sql<number>`count(*)::int` }).from(proposals).where(where),
  ]);
  return { total: n!.n, items: rows.map((p) => ({ ...p, submittedAt: iso(p.submittedAt) })) };
}

/** A member's honours from announced rounds: their excellent proposals, as proposer or co-proposer (public, as the results). */
export async function honoursOf(db: Queryable, orgId: string, memberId: string) {
  const cosigned = sql`exists (select 1 from ${proposalCosigners} c where c.org_id = ${selectionEntries.orgId} and c.proposal_id = ${selectionEntries.proposalId}
    and c.member_id = ${memberId} and c.confirmed_at is not null)`;
  const rows = await db.select({ e: selectionEntries, r: selectionRounds, title: proposals.title }).from(selectionEntries)
    .innerJoin(selectionRounds, and(eq(selectionRounds.orgId, selectionEntries.orgId), eq(selectionRounds.id, selectionEntries.roundId)))
    .innerJoin(proposals, and(eq(proposals.orgId, selectionEntries.orgId), eq(proposals.id, selectionEntries.proposalId)))
    .where(and(eq(selectionEntries.orgId, orgId), eq(selectionEntries.excellent, true), eq(selectionRounds.state, 'announced'),
      or(eq(selectionEntries.proposerMemberId, memberId), cosigned)))
    .orderBy(desc(selectionRounds.year), asc(proposals.title));
  return rows.map(({ e, r, title }) => ({
    kind: 'excellentProposal' as const, roundId: r.id, roundName: r.name, year: r.year, proposalId: e.proposalId, title: redactContacts(title),
    role: e.proposerMemberId === memberId ? 'proposer' as const : 'cosigner' as const, announcedAt: iso(r.announcedAt),
  }));
}

/** Users who score at a level where staff (or staff and leaders) act. */
const REVIEWER_ROLES: Record<string, string[]> = { staff: ['staff'], staffOrLeader: ['staff', 'leader'] };

/**
 * How far a level's scoring has come (staff, leaders, admins): its entries, how many have no score
 * yet, and each reviewer's share — a user where staff or leaders score (every one of them may score
 * every entry), a lead unit where units score (its own entries). Unfinished reviewers first.
 */
export async function levelProgress(db: Queryable, l: LoadedRound, position: number) {
  const { r } = l;
  const level = l.levels[position - 1];
  if (!level) throw invalid('/level', levelsOnly(l.levels.length));
  const rows = await db.select({ entryId: selectionEntries.id, leadUnitId: selectionEntries.leadUnitId, unitName: units.name, reviewer: selectionReviews.reviewerUserId })
    .from(selectionEntries)
    .leftJoin(selectionReviews, and(eq(selectionReviews.orgId, selectionEntries.orgId), eq(selectionReviews.entryId, selectionEntries.id), eq(selectionReviews.level, position)))
    .leftJoin(units, and(eq(units.orgId, selectionEntries.orgId), eq(units.id, selectionEntries.leadUnitId)))
    .where(and(eq(selectionEntries.orgId, r.orgId), eq(selectionEntries.roundId, r.id), sql`${selectionEntries.reached} >= ${position}`));
  const entries = new Set(rows.map((x) => x.entryId));
  const scored = new Set(rows.filter((x) => x.reviewer).map((x) => x.entryId));
  let reviewers: { kind: 'user' | 'unit'; id: string | null; name: string | null; scored: number; total: number }[] = [];
  if (level.actor === 'leadUnit') {
    const byUnit = new Map<string | null, { name: string | null; all: Set<string>; done: Set<string> }>();
    for (const x of rows) {
      const u = byUnit.get(x.leadUnitId) ?? byUnit.set(x.leadUnitId, { name: x.unitName, all: new Set(), done: new Set() }).get(x.leadUnitId)!;
      u.all.add(x.entryId);
      if (x.reviewer) u.done.add(x.entryId);
    }
    reviewers = [...byUnit].map(([id, u]) => ({ kind: 'unit' as const, id, name: u.name, scored: u.done.size, total: u.all.size }));
  } else if (REVIEWER_ROLES[level.actor]) {
    const reviewed = [...new Set(rows.map((x) => x.reviewer).filter((x): x is string => !!x))];
    const roles = REVIEWER_ROLES[level.actor]!.map((role) => sql`${users.roles} @> ${JSON.stringify([role])}::jsonb`);
    const people = await db.select({ id: users.id, name: users.displayName }).from(users)
      .where(and(eq(users.orgId, r.orgId), or(and(eq(users.active, true), or(...roles)), reviewed.length ? inArray(users.id, reviewed) : undefined)));
    reviewers = people.map((u) => ({
      kind: 'user' as const, id: u.id, name: u.name, total: entries.size,
      scored: new Set(rows.filter((x) => x.reviewer === u.id).map((x) => x.entryId)).size,
    }));
  }
  reviewers.sort((a, b) => Number(a.scored >= a.total) - Number(b.scored >= b.total) || (a.name ?? '').localeCompare(b.name ?? '', 'zh-CN'));
  return { level: position, scoring: level.actor !== 'proposer', entries: entries.size, unscored: entries.size - scored.size, reviewers };
}
