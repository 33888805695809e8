import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { runCommand, type CommandScope, type Ctx } from '../../core/command.ts';
import { conflict, invalid, notFound, say } from '../../core/errors.ts';
import { memberUsers, notify, roleUsers, unitUsers } from '../../core/notify.ts';
import { assignments } from '../handling/schema.ts';
import { units } from '../org/schema.ts';
import { KIND as PROPOSAL } from '../proposals/access.ts';
import { proposals } from '../proposals/schema.ts';
import { entryRelations, loadRound, subject, type Level, type LoadedRound } from './access.ts';
import { DEFAULT_LEVELS, reviews, scoreAt, yearBounds, type LevelDef } from './levels.ts';
import { selectionEntries, selectionLevels, selectionReviews, selectionRounds, selectionUnits } from './schema.ts';
import { selectionWorkflow } from './workflow.ts';

const href = (roundId: string) => `/selections/${roundId}`;
/** Proposals that may be nominated: answered by the unit (replied) or closed. */
export const NOMINABLE = ['replied', 'closed'];

function checkLevels(levels: readonly LevelDef[]) {
  const keys = new Set<string>();
  let cap: number | null = null;
  levels.forEach((l, i) => {
    if (keys.has(l.key)) throw invalid(`/levels/${i}/key`, say('重复', 'appears twice'));
    keys.add(l.key);
    if (l.actor === 'proposer' && i > 0) throw invalid(`/levels/${i}/actor`, say('提案人只能在第一级推荐', 'the proposer acts at the first level only'));
    // Each level passes a shorter list on.
    if (l.quota !== null && cap !== null && l.quota > cap) throw invalid(`/levels/${i}/quota`, say(`不能多于前一级的名额（${cap}）`, `must not exceed an earlier level's quota (${cap})`));
    if (l.quota !== null) cap = l.quota;
  });
}

/** Staff open a round for a year, with the default six levels or their own. */
export function createRound(ctx: Ctx, input: { year: number; name: string; levels?: LevelDef[] }) {
  return runCommand(ctx, async (c) => {
    c.authorize('selection.manage');
    const levels = input.levels ?? DEFAULT_LEVELS;
    checkLevels(levels);
    const [r] = await c.tx.insert(selectionRounds).values({ orgId: c.actor.orgId, year: input.year, name: input.name, createdBy: c.actor.id }).returning();
    await c.tx.insert(selectionLevels).values(levels.map((l, i) => ({ orgId: c.actor.orgId, roundId: r!.id, position: i + 1, key: l.key, name: l.name, actor: l.actor, quota: l.quota })));
    await c.record({ action: 'created', entity: 'selection', entityId: r!.id, after: { state: r!.state, year: r!.year, name: r!.name, levels: levels.map((l) => l.name) } });
    return r!;
  });
}

/**
 * Staff change a round's name and levels (order, names, who acts, quotas; added or removed) until
 * it starts: refused (409) once the first level has closed or any entry has been scored. A level
 * kept under the same key keeps its id.
 */
export function editRound(ctx: Ctx, roundId: string, input: { name?: string; levels?: LevelDef[] }) {
  return runCommand(ctx, async (c) => {
    const l = await loadRound(c.tx, c.actor.orgId, roundId, { lock: true });
    c.authorize('selection.manage');
    if (l.r.state !== 'open' || l.r.currentLevel > 1) throw conflict(say('第一级已结束，评选设置不能再修改', 'The first level has closed: the selection can no longer be changed'));
    const [scored] = await c.tx.select({ id: selectionReviews.id }).from(selectionReviews)
      .where(and(eq(selectionReviews.orgId, c.actor.orgId), eq(selectionReviews.roundId, roundId))).limit(1);
    if (scored) throw conflict(say('已有评分，评选设置不能再修改', 'Entries have been scored: the selection can no longer be changed'));
    const notes: string[] = [];
    if (input.levels) {
      checkLevels(input.levels);
      await c.tx.delete(selectionLevels).where(and(eq(selectionLevels.orgId, c.actor.orgId), eq(selectionLevels.roundId, roundId)));
      await c.tx.insert(selectionLevels).values(input.levels.map((v, i) => ({
        orgId: c.actor.orgId, roundId, id: l.levels.find((old) => old.key === v.key)?.id, position: i + 1, key: v.key, name: v.name, actor: v.actor, quota: v.quota,
      })));
      notes.push(`评审环节：${input.levels.map((v) => (v.quota === null ? v.name : `${v.name}（${v.quota}）`)).join(' → ')}`);
    }
    if (input.name !== undefined && input.name !== l.r.name) notes.push(`名称：${input.name}`);
    await c.tx.update(selectionRounds).set({ ...(input.name !== undefined ? { name: input.name } : {}), updatedAt: sql`now()` })
      .where(and(eq(selectionRounds.orgId, c.actor.orgId), eq(selectionRounds.id, roundId)));
    const levelsOf = (list: readonly { key: string; name: string; actor: string; quota: number | null }[]) => list.map(({ key, name, actor, quota }) => ({ key, name, actor, quota }));
    await c.record({
      action: 'edited', entity: 'selection', entityId: roundId,
      before: { state: l.r.state, name: l.r.name, levels: levelsOf(l.levels) },
      after: { state: l.r.state, name: input.name ?? l.r.name, levels: levelsOf(input.levels ?? l.levels), note: notes.join('\n') || null },
    });
  });
}

/** The unit that led the handling (its signed lead assignment). */
async function leadUnitOf(c: CommandScope, proposalId: string) {
  const [a] = await c.tx.select({ unitId: assignments.unitId }).from(assignments)
    .where(and(eq(assignments.orgId, c.actor.orgId), eq(assignments.itemKind, PROPOSAL), eq(assignments.itemId, proposalId), eq(assignments.role, 'lead'), eq(assignments.state, 'signed')))
    .orderBy(desc(assignments.assignedAt)).limit(1);
  return a?.unitId ?? null;
}

/** The proposer nominates their own replied or closed proposal of the round's year (自荐); staff may nominate any. */
export function nominate(ctx: Ctx, roundId: string, input: { proposalId: string; reason: string }) {
  return runCommand(ctx, async (c) => {
    const l = await loadRound(c.tx, c.actor.orgId, roundId, { lock: true });
    c.authorize('selection.nominate');
    const [p] = await c.tx.select().from(proposals).where(and(eq(proposals.orgId, c.actor.orgId), eq(proposals.id, input.proposalId)));
    if (!p || p.state === 'draft') throw invalid('/proposalId', say('提案不存在', 'no such proposal'));
    const mine = !!p.proposerMemberId && p.proposerMemberId === c.actor.memberId;
    selectionWorkflow.resolve(subject(l, c.actor, mine ? ['proposer'] : []), 'nominate');
    if (!NOMINABLE.includes(p.state)) throw invalid('/proposalId', say('只能推荐已答复或已办结的提案', 'only a replied or closed proposal can be nominated'));
    const [from, to] = yearBounds(l.r.year);
    const at = p.submittedAt ?? p.createdAt;
    if (at < from || at >= to) throw invalid('/proposalId', say(`不是 ${l.r.year} 年的提案`, `not a proposal of ${l.r.year}`));
    const [dup] = await c.tx.select({ id: selectionEntries.id }).from(selectionEntries)
      .where(and(eq(selectionEntries.orgId, c.actor.orgId), eq(selectionEntries.roundId, roundId), eq(selectionEntries.proposalId, p.id)));
    if (dup) throw conflict(say('该提案已被推荐', 'This proposal is nominated already'), [{ path: '/proposalId', message: say('已被推荐', 'already nominated') }]);
    const [e] = await c.tx.insert(selectionEntries).values({
      orgId: c.actor.orgId, roundId, proposalId: p.id, proposerMemberId: p.proposerMemberId, leadUnitId: await leadUnitOf(c, p.id),
      nominatedBy: c.actor.id, nominatedAs: mine ? 'self' : 'staff', reason: input.reason,
    }).returning();
    await c.record({ action: 'nominated', entity: 'selection', entityId: roundId, after: { entryId: e!.id, proposalId: p.id, as: e!.nominatedAs, note: p.title } });
    return e!;
  });
}

/**
 * The proposer withdraws their self-nomination (staff any entry) while the first level is open:
 * the entry and any score it had are gone, and the proposal may be nominated again.
 */
export function withdrawEntry(ctx: Ctx, roundId: string, entryId: string) {
  return runCommand(ctx, async (c) => {
    const l = await loadRound(c.tx, c.actor.orgId, roundId, { lock: true });
    const inRound = (id: string) => and(eq(selectionEntries.orgId, c.actor.orgId), eq(selectionEntries.roundId, roundId), eq(selectionEntries.id, id));
    const [found] = await c.tx.select({ e: selectionEntries, title: proposals.title }).from(selectionEntries)
      .innerJoin(proposals, and(eq(proposals.orgId, selectionEntries.orgId), eq(proposals.id, selectionEntries.proposalId))).where(inRound(entryId));
    if (!found) throw notFound('Entry');
    const { e, title } = found;
    const relations = entryRelations(c.actor, e);
    selectionWorkflow.resolve(subject(l, c.actor, relations), 'withdraw');
    await c.tx.delete(selectionReviews).where(and(eq(selectionReviews.orgId, c.actor.orgId), eq(selectionReviews.entryId, e.id)));
    await c.tx.delete(selectionEntries).where(inRound(e.id));
    await c.record({
      action: 'withdrawn', entity: 'selection', entityId: roundId,
      before: { entryId: e.id, proposalId: e.proposalId, as: e.nominatedAs, reason: e.reason }, after: { entryId: e.id, proposalId: e.proposalId, note: title },
    });
    // Staff withdrawing a member's self-nomination tell the member.
    if (e.nominatedAs === 'self' && !relations.length && e.proposerMemberId) {
      await notify(c.tx, c.actor.orgId, await memberUsers(c.tx, c.actor.orgId, [e.proposerMemberId]), { kind: 'selection', title: `您的优秀提案自荐已由工作人员撤回：${title}`, href: href(roundId), params: { key: 'withdrawn', title } });
    }
  });
}

/** A reviewer of the level under way scores an entry of its input (1–100) with a comment; scoring again replaces it. */
export function review(ctx: Ctx, roundId: string, entryId: string, input: { score: number; comment?: string }) {
  return runCommand(ctx, async (c) => {
    const l = await loadRound(c.tx, c.actor.orgId, roundId, { lock: true });
    const [e] = await c.tx.select().from(selectionEntries).where(and(eq(selectionEntries.orgId, c.actor.orgId), eq(selectionEntries.roundId, roundId), eq(selectionEntries.id, entryId)));
    if (!e) throw notFound('Entry');
    const mayScore = reviews(c.actor, l.current.actor, e);
    selectionWorkflow.resolve(subject(l, c.actor, mayScore ? ['reviewer'] : [], e.reached), 'review');
    const level = l.current.position;
    const values = { score: input.score, comment: input.comment ?? null };
    await c.tx.insert(selectionReviews).values({ orgId: c.actor.orgId, roundId, entryId, level, reviewerUserId: c.actor.id, ...values })
      .onConflictDoUpdate({ target: [selectionReviews.orgId, selectionReviews.entryId, selectionReviews.level, selectionReviews.reviewerUserId], set: { ...values, updatedAt: sql`now()` } });
    await c.record({ action: 'reviewed', entity: 'selection', entityId: roundId, after: { entryId, level, score: input.score } });
  });
}

/** The entries at a level, best first: average score of the level, unscored last, then by nomination. */
async function rankedAt(c: CommandScope, roundId: string, level: number) {
  const score = scoreAt(level);
  return c.tx.select({ id: selectionEntries.id, reached: selectionEntries.reached, score }).from(selectionEntries)
    .where(and(eq(selectionEntries.orgId, c.actor.orgId), eq(selectionEntries.roundId, roundId), eq(selectionEntries.reached, level)))
    .orderBy(sql`${score} desc nulls last`, asc(selectionEntries.createdAt), asc(selectionEntries.id));
}

/** Checks the pass list of a level: entries of this round that are at this level, within the quota. */
async function checkPassList(c: CommandScope, roundId: string, level: Level, passIds: string[]) {
  const rows = await c.tx.select({ id: selectionEntries.id, reached: selectionEntries.reached }).from(selectionEntries)
    .where(and(eq(selectionEntries.orgId, c.actor.orgId), eq(selectionEntries.roundId, roundId), inArray(selectionEntries.id, passIds)));
  passIds.forEach((id, i) => {
    const e = rows.find((r) => r.id === id);
    if (!e) throw invalid(`/passIds/${i}`, say('本评选没有这件参评提案', 'no such entry in this selection'));
    if (e.reached !== level.position) throw conflict(say('不能越级：该提案不在本级', 'An entry passes only the level it is at'), [{ path: `/passIds/${i}`, message: say('不在本级', 'not at this level') }]);
  });
  if (level.quota !== null && passIds.length > level.quota) throw invalid('/passIds', say(`本级最多推荐 ${level.quota} 件`, `at most ${level.quota} at this level`));
}

/** Who scores at a level, to tell them it has begun. */
async function reviewersOf(c: CommandScope, l: LoadedRound, level: Level) {
  if (level.actor === 'leadUnit') {
    const rows = await c.tx.select({ unitId: selectionEntries.leadUnitId }).from(selectionEntries)
      .where(and(eq(selectionEntries.orgId, c.actor.orgId), eq(selectionEntries.roundId, l.r.id), eq(selectionEntries.reached, level.position)));
    return unitUsers(c.tx, c.actor.orgId, [...new Set(rows.map((r) => r.unitId).filter((u): u is string => !!u))]);
  }
  if (level.actor === 'staffOrLeader') return [...await roleUsers(c.tx, c.actor.orgId, 'staff'), ...await roleUsers(c.tx, c.actor.orgId, 'leader')];
  return level.actor === 'staff' ? roleUsers(c.tx, c.actor.orgId, 'staff') : [];
}

/**
 * Staff close the level under way, passing on the chosen entries (by default the best `quota`).
 * Irreversible; closing the last level picks the excellent proposals, to be announced.
 */
export function closeLevel(ctx: Ctx, roundId: string, levelId: string, input: { passIds?: string[] }) {
  return runCommand(ctx, async (c) => {
    const l = await loadRound(c.tx, c.actor.orgId, roundId, { lock: true });
    const level = l.levels.find((x) => x.id === levelId);
    if (!level) throw notFound('Level');
    const to = selectionWorkflow.resolve(subject(l, c.actor, [], level.position), 'close');
    const ranked = await rankedAt(c, roundId, level.position);
    if (!ranked.length) throw conflict(say('本级没有参评提案', 'There are no entries at this level'));
    if (input.passIds) await checkPassList(c, roundId, level, input.passIds);
    const pass = input.passIds ?? ranked.slice(0, level.quota ?? ranked.length).map((e) => e.id);
    const last = level.position === l.levels.length;
    await c.tx.update(selectionEntries).set(last ? { excellent: true } : { reached: level.position + 1 })
      .where(and(eq(selectionEntries.orgId, c.actor.orgId), eq(selectionEntries.roundId, roundId), inArray(selectionEntries.id, pass)));
    await c.tx.update(selectionLevels).set({ passed: pass.length, closedAt: sql`now()`, closedBy: c.actor.id })
      .where(and(eq(selectionLevels.orgId, c.actor.orgId), eq(selectionLevels.id, level.id)));
    await c.tx.update(selectionRounds).set({ state: to, currentLevel: last ? level.position : level.position + 1, updatedAt: sql`now()` })
      .where(and(eq(selectionRounds.orgId, c.actor.orgId), eq(selectionRounds.id, roundId)));
    await c.record({
      action: 'levelClosed', entity: 'selection', entityId: roundId,
      before: { state: l.r.state, level: level.position }, after: { state: to, level: level.position, passed: pass, note: `${level.name}：${pass.length}/${ranked.length}` },
    });
    const next = l.levels[level.position];
    if (next) await notify(c.tx, c.actor.orgId, await reviewersOf(c, l, next), { kind: 'selection', title: `优秀提案评选进入${next.name}，请评分：${l.r.name}`, href: href(roundId), params: { key: 'nextLevel', stage: next.name, name: l.r.name } });
  });
}

/**
 * The last level's choice is announced: the excellent proposals and the excellent handling units
 * (by default the lead units of the excellent proposals). Final: nothing changes afterwards.
 */
export function announce(ctx: Ctx, roundId: string, input: { unitIds?: string[] }) {
  return runCommand(ctx, async (c) => {
    const l = await loadRound(c.tx, c.actor.orgId, roundId, { lock: true });
    const to = selectionWorkflow.resolve(subject(l, c.actor, []), 'announce');
    const winners = await c.tx.select({ proposerMemberId: selectionEntries.proposerMemberId, leadUnitId: selectionEntries.leadUnitId }).from(selectionEntries)
      .where(and(eq(selectionEntries.orgId, c.actor.orgId), eq(selectionEntries.roundId, roundId), eq(selectionEntries.excellent, true)));
    const unitIds = input.unitIds ?? [...new Set(winners.map((w) => w.leadUnitId).filter((u): u is string => !!u))];
    if (unitIds.length) {
      const found = await c.tx.select({ id: units.id }).from(units).where(and(eq(units.orgId, c.actor.orgId), inArray(units.id, unitIds), eq(units.active, true)));
      if (found.length !== unitIds.length) throw invalid('/unitIds', say('含有不存在或已停用的承办单位', 'contains an unknown or inactive unit'));
      await c.tx.insert(selectionUnits).values(unitIds.map((unitId) => ({ orgId: c.actor.orgId, roundId, unitId })));
    }
    await c.tx.update(selectionRounds).set({ state: to, announcedAt: sql`now()`, announcedBy: c.actor.id, updatedAt: sql`now()` })
      .where(and(eq(selectionRounds.orgId, c.actor.orgId), eq(selectionRounds.id, roundId)));
    await c.record({ action: 'announced', entity: 'selection', entityId: roundId, before: { state: l.r.state }, after: { state: to, proposals: winners.length, units: unitIds.length } });
    const proposers = winners.map((w) => w.proposerMemberId).filter((m): m is string => !!m);
    await notify(c.tx, c.actor.orgId, await memberUsers(c.tx, c.actor.orgId, proposers), { kind: 'selection', title: `您的提案获评优秀提案：${l.r.name}`, href: href(roundId), params: { key: 'excellent', name: l.r.name } });
    await notify(c.tx, c.actor.orgId, await unitUsers(c.tx, c.actor.orgId, unitIds), { kind: 'selection', title: `贵单位获评提案办理先进单位：${l.r.name}`, href: href(roundId), params: { key: 'excellentUnit', name: l.r.name } });
  });
}
