// 优秀提案评选 for the demo committee: last session's year fully run and announced at this year's
// plenary session (15 excellent proposals and their lead units), and this year's round under way
// at 承办单位推荐 (level 3), where the demo's two unit logins still have entries to score.
//
// Like the proposal seed, rows are written directly: each round is played level by level here
// (scores from a seeded PRNG, the best `quota` pass on), so the data obey the module's rules: an
// entry reached a level only by passing the one before it.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../core/db/client.ts';
import { assignments } from '../modules/handling/schema.ts';
import { plusDays } from '../modules/handling/deadlines.ts';
import { proposals } from '../modules/proposals/schema.ts';
import { DEFAULT_LEVELS, yearBounds } from '../modules/selection/levels.ts';
import { selectionEntries, selectionLevels, selectionReviews, selectionRounds, selectionUnits } from '../modules/selection/schema.ts';
import type { SessionInfo } from './demo-proposals.ts';
import { createRandom, type Random } from './random.ts';

export interface SelectionSeedContext {
  orgId: string;
  /** The demo's two sessions, older first: a round for each of their years. */
  sessions: readonly [SessionInfo, SessionInfo];
  staffUserId: string;
  leaderUserId: string;
  /** Logins of members (their self-nominations) and of units (their scores). */
  memberLogins: readonly { userId: string; memberId: string }[];
  unitLogins: readonly { userId: string; unitId: string }[];
  now?: Date;
}

const SEED = 20260124;
const DAY = 86_400_000;

const REASONS = [
  '提案建议被承办单位采纳，已出台具体措施', '提案推动解决了群众关心的实际问题', '调研扎实，建议被纳入部门年度工作计划',
  '提案办理成效明显，得到社会广泛关注', '建议转化为政府规范性文件，推动了制度完善',
];
const STAFF_REASON = '提案委员会推荐：选题重要，办理成效显著';
const COMMENTS: Record<string, readonly string[]> = {
  committee: ['选题紧扣中心工作，建议具体可行', '调研深入，数据翔实', '问题分析透彻，对策针对性强', '选题较好，部分建议可操作性有待加强'],
  unit: ['建议已吸纳进年度工作要点', '推动出台了相关配套文件', '办理中与提案人沟通充分，建议落实到位', '部分建议列入计划，正在推进'],
  supervision: ['督查核实，落实情况属实', '转化成效明显，群众反映良好', '已纳入政府重点工作督查事项'],
  chair: ['同意推荐', '社会效益突出，建议列为优秀提案', '同意，建议进一步跟踪落实'],
  standing: ['同意表彰', '常委会议审议通过'],
};

interface Candidate { id: string; proposerMemberId: string | null; leadUnitId: string; merit: number }
interface Played { entry: typeof selectionEntries.$inferInsert; merit: number }

/** Replied or closed proposals of a year with the unit that led them, in a stable order. */
async function candidates(tx: Queryable, orgId: string, year: number) {
  const [from, to] = yearBounds(year);
  return tx.select({ id: proposals.id, proposerMemberId: proposals.proposerMemberId, leadUnitId: assignments.unitId }).from(proposals)
    .innerJoin(assignments, and(eq(assignments.orgId, proposals.orgId), eq(assignments.itemKind, 'proposal'), eq(assignments.itemId, proposals.id),
      eq(assignments.role, 'lead'), eq(assignments.state, 'signed')))
    .where(and(eq(proposals.orgId, orgId), inArray(proposals.state, ['replied', 'closed']),
      sql`${proposals.submittedAt} >= ${from.toISOString()} and ${proposals.submittedAt} < ${to.toISOString()}`))
    .orderBy(asc(proposals.sessionId), asc(proposals.number), asc(proposals.title));
}

/** `n` nominees: up to three of each favoured group (with a high merit), and a sample of the rest. */
function nominees(rng: Random, pool: Awaited<ReturnType<typeof candidates>>, n: number, favouredGroup: (c: Omit<Candidate, 'merit'>) => string | undefined): Candidate[] {
  const seen = new Set<string>();
  const perGroup = new Map<string, number>();
  const first: Candidate[] = [];
  const rest: Omit<Candidate, 'merit'>[] = [];
  for (const c of pool) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    const group = favouredGroup(c);
    if (group === undefined) rest.push(c);
    else if ((perGroup.get(group) ?? 0) < 3) { perGroup.set(group, (perGroup.get(group) ?? 0) + 1); first.push({ ...c, merit: rng.int(90, 97) }); }
  }
  return [...first, ...rng.sample(rest, n - first.length).map((c) => ({ ...c, merit: rng.int(55, 92) }))];
}

export async function seedDemoSelections(tx: Queryable, ctx: SelectionSeedContext) {
  const rng = createRandom(SEED);
  const { orgId } = ctx;
  const now = ctx.now ?? new Date();
  const memberUser = new Map(ctx.memberLogins.map((l) => [l.memberId, l.userId]));
  const unitUser = new Map(ctx.unitLogins.map((l) => [l.unitId, l.userId]));
  const clamp = (n: number) => Math.max(1, Math.min(100, n));

  /**
   * Plays a round: nominations from `days[0]`, level k closed on `days[k]` (when given), its scores
   * a few days before; the level under way (if any) has no scores yet.
   */
  async function play(year: number, nominated: Candidate[], days: Date[], announceOn?: Date) {
    const roundId = randomUUID();
    const levels = DEFAULT_LEVELS.map((l, i) => ({ ...l, id: randomUUID(), position: i + 1 }));
    const closedCount = days.length - 1;
    const decided = closedCount === levels.length;
    const entries: Played[] = nominated.map((c, i) => ({
      merit: c.merit,
      entry: {
        orgId, id: randomUUID(), roundId, proposalId: c.id, proposerMemberId: c.proposerMemberId, leadUnitId: c.leadUnitId,
        nominatedBy: (c.proposerMemberId && memberUser.get(c.proposerMemberId)) || ctx.staffUserId, nominatedAs: c.proposerMemberId ? 'self' : 'staff',
        reason: c.proposerMemberId ? rng.pick(REASONS) : STAFF_REASON, reached: 1, excellent: false,
        createdAt: new Date(days[0]!.getTime() + (i % 10) * DAY + rng.int(1, 8) * 3600_000),
      },
    }));
    const reviewRows: (typeof selectionReviews.$inferInsert)[] = [];
    const levelRows: (typeof selectionLevels.$inferInsert)[] = [];
    for (const level of levels) {
      const row = { orgId, id: level.id, roundId, position: level.position, key: level.key, name: level.name, actor: level.actor, quota: level.quota };
      const closes = days[level.position];
      levelRows.push(row);
      if (!closes) continue;
      const input = entries.filter((e) => e.entry.reached === level.position);
      const scoredOn = new Date(closes.getTime() - rng.int(2, 5) * DAY);
      const scores = new Map<Played, number[]>();
      for (const e of input) {
        if (level.actor === 'proposer') continue;
        const reviewers = level.actor === 'staffOrLeader' ? [ctx.leaderUserId, ctx.staffUserId]
          : level.actor === 'leadUnit' ? [unitUser.get(e.entry.leadUnitId!) ?? ctx.staffUserId] : [ctx.staffUserId];
        for (const reviewerUserId of reviewers) {
          const score = clamp(e.merit + rng.int(-6, 6));
          scores.set(e, [...(scores.get(e) ?? []), score]);
          reviewRows.push({ orgId, roundId, entryId: e.entry.id!, level: level.position, reviewerUserId, score, comment: rng.pick(COMMENTS[level.key]!), createdAt: scoredOn, updatedAt: scoredOn });
        }
      }
      // The best pass on (unscored last, then by nomination), as closing a level does by default.
      const avg = (e: Played) => { const s = scores.get(e); return s ? s.reduce((a, b) => a + b, 0) / s.length : -1; };
      const pass = [...input].sort((a, b) => avg(b) - avg(a) || a.entry.createdAt!.getTime() - b.entry.createdAt!.getTime()).slice(0, level.quota ?? input.length);
      for (const e of pass) {
        if (level.position === levels.length) e.entry.excellent = true;
        else e.entry.reached = level.position + 1;
      }
      Object.assign(row, { passed: pass.length, closedAt: closes, closedBy: ctx.staffUserId });
    }
    const announcedAt = announceOn;
    await tx.insert(selectionRounds).values({
      orgId, id: roundId, year, name: `${year}年度优秀提案评选`, state: announcedAt ? 'announced' : decided ? 'decided' : 'open',
      currentLevel: Math.min(closedCount + 1, levels.length), createdBy: ctx.staffUserId, createdAt: new Date(days[0]!.getTime() - 5 * DAY),
      updatedAt: announcedAt ?? days[closedCount]!, announcedAt: announcedAt ?? null, announcedBy: announcedAt ? ctx.staffUserId : null,
    });
    await tx.insert(selectionLevels).values(levelRows);
    await tx.insert(selectionEntries).values(entries.map((e) => e.entry));
    for (let i = 0; i < reviewRows.length; i += 500) await tx.insert(selectionReviews).values(reviewRows.slice(i, i + 500));
    if (announcedAt) {
      const winners = [...new Set(entries.filter((e) => e.entry.excellent).map((e) => e.entry.leadUnitId!))];
      await tx.insert(selectionUnits).values(winners.map((unitId) => ({ orgId, roundId, unitId })));
    }
    return roundId;
  }

  const [older, current] = ctx.sessions.map((s) => Number(s.startsOn.slice(0, 4))) as [number, number];
  const members = new Set(ctx.memberLogins.map((l) => l.memberId));
  const units = new Set(ctx.unitLogins.map((l) => l.unitId));
  const at = (day: string) => new Date(`${day}T01:00:00Z`); // 09:00 in China

  // Last year: announced at this year's plenary session (在全会上公开通报); the demo's members among the winners.
  const plenary = ctx.sessions[1].startsOn;
  const lastDays = [`${older}-10-25`, `${older}-11-10`, `${older}-11-28`, `${older}-12-12`, `${older}-12-26`, plusDays(plenary, -12), plusDays(plenary, -3)].map(at);
  const demoMember = (c: Omit<Candidate, 'merit'>) => (c.proposerMemberId && members.has(c.proposerMemberId) ? c.proposerMemberId : undefined);
  await play(older, nominees(rng, await candidates(tx, orgId, older), 60, demoMember), lastDays, at(plenary));

  // This year: at the unit level; the demo units' clerks have entries still to score.
  const recent = (days: number) => new Date(now.getTime() - days * DAY);
  const demoUnitOrMember = (c: Omit<Candidate, 'merit'>) => (units.has(c.leadUnitId) ? c.leadUnitId : demoMember(c));
  await play(current, nominees(rng, await candidates(tx, orgId, current), 52, demoUnitOrMember), [recent(40), recent(20), recent(6)]);
}
