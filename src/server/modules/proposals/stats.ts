import { and, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../core/db/client.ts';
import { oneTable, type Column, type Tables } from '../../core/xlsx.ts';
import { daysBetween, today } from '../handling/deadlines.ts';
import type { dueBoard } from './queries.ts';
import type { keyBoard } from './supervision.ts';
import { STATE_NAMES } from './workflow.ts';
import { members, plenarySessions, sectors, terms } from '../org/schema.ts';
import { evaluations, replies } from '../handling/schema.ts';
import { KIND } from './access.ts';
import { numberLabel } from './queries.ts';
import { proposalRatings, proposals } from './schema.ts';
import { leadAssignments, onTimeFigures, rate, withTimeliness, type Timeliness } from './timeliness.ts';

// 双评 statistics, computed from the proposals' own records. Definitions:
// received = submitted; filed = given a number; reply rate = replied / assigned;
// on time = first reply no later than the lead unit's due date (extensions count);
// satisfaction = 满意 + 基本满意 among the latest evaluations, with the handling and (where the
// proposer rated it) with the result; shares of A/B/C among latest replies;
// quality = the units' mean rating (topic, research, feasibility) on a 1–5 scale.

export const GROUPINGS = ['unit', 'member', 'sector', 'domain', 'party', 'session', 'org'] as const;
export type Grouping = (typeof GROUPINGS)[number];

interface Facts {
  id: string; org: string; state: string; proposer: string; domain: string | null; party: string | null; sector: string | null; session: string | null;
  filed: boolean; assigned: boolean; unit: string | null; timeliness: Timeliness | null; firstReply: string | null; category: string | null;
  satisfaction: string | null; resultSatisfaction: string | null; quality: number | null;
}

/**
 * The facts of the submitted proposals of these committees (one, or a roll-up's several), each with
 * its committee's name. One statement per table over all of them, every join and filter on org_id (and
 * each table's rows of the proposals chosen matched on (org_id, id)), so on Citus each statement runs
 * on the shards, co-located, and the figures are added up here.
 */
async function facts(db: Queryable, scope: { id: string; name: string }[], f: StatsFilter): Promise<Facts[]> {
  if (!scope.length) return [];
  const names = new Map(scope.map((o) => [o.id, o.name]));
  const ids = [...names.keys()];
  const chosen = and(ids.length === 1 ? eq(proposals.orgId, ids[0]!) : inArray(proposals.orgId, ids), isNotNull(proposals.submittedAt),
    f.from ? gte(proposals.submittedAt, new Date(`${f.from}T00:00:00+08:00`)) : undefined,
    f.to ? lte(proposals.submittedAt, new Date(`${f.to}T23:59:59+08:00`)) : undefined,
    f.sessionId ? eq(proposals.sessionId, f.sessionId) : undefined)!;
  // The columns the figures need (not the texts: a province's roll-up reads tens of thousands).
  const ps = await db.select({
    p: { id: proposals.id, orgId: proposals.orgId, state: proposals.state, proposerName: proposals.proposerName, domain: proposals.domain, filedAt: proposals.filedAt },
    party: members.party, sector: sectors.name, sessionNumber: plenarySessions.number, termNumber: terms.number,
  }).from(proposals)
    .leftJoin(members, and(eq(members.orgId, proposals.orgId), eq(members.id, proposals.proposerMemberId)))
    .leftJoin(sectors, and(eq(sectors.orgId, members.orgId), eq(sectors.id, members.sectorId)))
    .leftJoin(plenarySessions, and(eq(plenarySessions.orgId, proposals.orgId), eq(plenarySessions.id, proposals.sessionId)))
    .leftJoin(terms, and(eq(terms.orgId, proposals.orgId), eq(terms.id, proposals.termId)))
    .where(chosen);
  if (!ps.length) return [];
  // The rows of the chosen proposals in another table: its (org_id, item) among theirs.
  const ofChosen = (orgId: AnyPgColumn, itemId: AnyPgColumn) =>
    and(ids.length === 1 ? eq(orgId, ids[0]!) : inArray(orgId, ids), sql`(${orgId}, ${itemId}) in (select ${proposals.orgId}, ${proposals.id} from ${proposals} where ${chosen})`);
  const [assigned, reps, evals, ratings] = await Promise.all([
    leadAssignments(db, ids),
    db.select({ orgId: replies.orgId, itemId: replies.itemId, round: replies.round, category: replies.category, at: sql<string>`(${replies.createdAt} at time zone 'Asia/Shanghai')::date::text` })
      .from(replies).where(and(eq(replies.itemKind, KIND), ofChosen(replies.orgId, replies.itemId))),
    db.select({ orgId: evaluations.orgId, itemId: evaluations.itemId, round: evaluations.round, satisfaction: evaluations.satisfaction, resultSatisfaction: evaluations.resultSatisfaction }).from(evaluations)
      .where(and(eq(evaluations.itemKind, KIND), ofChosen(evaluations.orgId, evaluations.itemId))),
    db.select({ orgId: proposalRatings.orgId, id: proposalRatings.proposalId, q: sql<number>`avg((${proposalRatings.topic} + ${proposalRatings.research} + ${proposalRatings.feasibility}) / 3.0)::float` })
      .from(proposalRatings).where(ofChosen(proposalRatings.orgId, proposalRatings.proposalId)).groupBy(proposalRatings.orgId, proposalRatings.proposalId),
  ]);
  // Keyed by committee and id: a tenant's ids are its own (primary keys are (org_id, id)).
  const key = (orgId: string, id: string) => `${orgId}|${id}`;
  const latest = <T extends { orgId: string; itemId: string; round: number }>(rows: T[]) => {
    const m = new Map<string, T>();
    for (const r of rows) {
      const k = key(r.orgId, r.itemId);
      if (!m.has(k) || m.get(k)!.round < r.round) m.set(k, r);
    }
    return m;
  };
  const lastReply = latest(reps), lastEval = latest(evals);
  const firstReply = new Map<string, string>();
  // The latest round's reply date (its latest reply's day: the same day the latest by time is on).
  const repliedOn = new Map<string, string>();
  for (const r of reps) {
    const k = key(r.orgId, r.itemId);
    if (!firstReply.has(k) || firstReply.get(k)! > r.at) firstReply.set(k, r.at);
    const last = lastReply.get(k)!;
    if (r.round === last.round && (!repliedOn.has(k) || repliedOn.get(k)! < r.at)) repliedOn.set(k, r.at);
  }
  const lead = new Map(withTimeliness(assigned, repliedOn).map((l) => [key(l.orgId, l.proposalId), l]));
  const quality = new Map(ratings.map((r) => [key(r.orgId, r.id), Number(r.q)]));
  return ps.map(({ p, party, sector, sessionNumber, termNumber }) => {
    const k = key(p.orgId, p.id);
    return {
      id: p.id, org: names.get(p.orgId) ?? '', state: p.state, proposer: p.proposerName, domain: p.domain, party, sector,
      session: sessionNumber && termNumber ? numberLabel(termNumber, sessionNumber, 1)!.split(' ')[0]! : null,
      filed: !!p.filedAt, assigned: ['assigned', 'handling', 'replied', 'rehandling', 'closed'].includes(p.state),
      unit: lead.get(k)?.unitName ?? null, timeliness: lead.get(k)?.timeliness ?? null, firstReply: firstReply.get(k) ?? null,
      category: lastReply.get(k)?.category ?? null, satisfaction: lastEval.get(k)?.satisfaction ?? null,
      resultSatisfaction: lastEval.get(k)?.resultSatisfaction ?? null, quality: quality.get(k) ?? null,
    };
  });
}

function summarize(key: string, rows: Facts[]) {
  const count = (pred: (f: Facts) => boolean) => rows.filter(pred).length;
  const replied = rows.filter((f) => f.firstReply);
  const evaluated = rows.filter((f) => f.satisfaction);
  const satisfied = count((f) => f.satisfaction === 'satisfied'), basic = count((f) => f.satisfaction === 'basic');
  const resultRated = rows.filter((f) => f.resultSatisfaction);
  const cats = rows.filter((f) => f.category);
  const rated = rows.filter((f) => f.quality !== null);
  const assigned = count((f) => f.assigned);
  return {
    key, received: rows.length, filed: count((f) => f.filed), merged: count((f) => f.state === 'merged'), converted: count((f) => f.state === 'converted'),
    notFiled: count((f) => f.state === 'not_filed'), assigned, replied: replied.length, replyRate: rate(replied.length, assigned),
    ...onTimeFigures(rows), evaluated: evaluated.length, satisfied, basic, unsatisfied: count((f) => f.satisfaction === 'unsatisfied'),
    satisfactionRate: rate(satisfied + basic, evaluated.length), fullSatisfactionRate: rate(satisfied, evaluated.length),
    resultSatisfactionRate: rate(count((f) => f.resultSatisfaction === 'satisfied' || f.resultSatisfaction === 'basic'), resultRated.length),
    categoryA: rate(count((f) => f.category === 'A'), cats.length), categoryB: rate(count((f) => f.category === 'B'), cats.length), categoryC: rate(count((f) => f.category === 'C'), cats.length),
    quality: rated.length ? Math.round((rated.reduce((s, f) => s + f.quality!, 0) / rated.length) * 100) / 100 : null,
  };
}

export type StatsRow = ReturnType<typeof summarize>;

export interface StatsFilter { from?: string; to?: string; sessionId?: string }

/** Committees whose facts one statement reads at most (a province's 100 at once; more in turns). */
const ORGS_PER_READ = 200;

/**
 * One row per group (and a total), e.g. per handling unit, over the committees given: the caller's
 * own, or with the ones below it (org/oversight.ts figureScope: a city's figure = its own + its
 * counties'). Their facts are read together (every statement by org_id: co-located on Citus) and
 * added up here.
 */
export async function proposalStats(db: Queryable, scope: { id: string; name: string }[], by: Grouping, f: StatsFilter) {
  const all: Facts[] = [];
  for (let i = 0; i < scope.length; i += ORGS_PER_READ) all.push(...(await facts(db, scope.slice(i, i + ORGS_PER_READ), f)));
  const keyOf: Record<Grouping, (x: Facts) => string | null> = { unit: (x) => x.unit, member: (x) => x.proposer, sector: (x) => x.sector, domain: (x) => x.domain, party: (x) => x.party, session: (x) => x.session, org: (x) => x.org };
  const groups = new Map<string, Facts[]>();
  for (const x of all) {
    const k = keyOf[by](x) ?? '（未定）';
    if (by === 'unit' && !x.unit) continue; // only assigned proposals have a unit
    const g = groups.get(k);
    if (g) g.push(x); else groups.set(k, [x]);
  }
  const rows = [...groups].map(([k, v]) => summarize(k, v)).sort((a, b) => b.received - a.received || a.key.localeCompare(b.key, 'zh-CN'));
  return { by, committees: scope.map((o) => o.name), rows, total: summarize('合计', all) };
}

const HEADERS: [keyof StatsRow, string][] = [
  ['key', '分组'], ['received', '收到'], ['filed', '立案'], ['merged', '并案'], ['converted', '转办'], ['notFiled', '不予立案'], ['assigned', '交办'],
  ['replied', '已答复'], ['replyRate', '答复率%'], ['onTime', '按期答复'], ['onTimeRate', '按期率%'], ['evaluated', '已评价'], ['satisfied', '满意'], ['basic', '基本满意'],
  ['unsatisfied', '不满意'], ['satisfactionRate', '办理满意率%'], ['resultSatisfactionRate', '结果满意率%'], ['categoryA', 'A类%'], ['categoryB', 'B类%'], ['categoryC', 'C类%'], ['quality', '提案质量评分'],
];
const BY_LABEL: Record<Grouping, string> = { unit: '承办单位', member: '提案人', sector: '界别', domain: '领域', party: '党派', session: '会议', org: '政协' };

export function statsTable(s: Awaited<ReturnType<typeof proposalStats>>): Tables {
  const columns: Column<StatsRow>[] = HEADERS.map(([k, h]) => ({ header: k === 'key' ? BY_LABEL[s.by] : h, value: (r) => r[k], width: k === 'key' ? 24 : 10 }));
  return oneTable(`按${BY_LABEL[s.by]}统计`, columns, [...s.rows, s.total], { boldLastRow: true });
}

/** The due/overdue board as a sheet: one row per lead assignment. */
export function boardTable(board: Awaited<ReturnType<typeof dueBoard>>): Tables {
  const rows = board.flatMap((g) => g.items.map((i) => ({ ...i, unitName: g.unitName })));
  return oneTable('督办看板', [
    { header: '承办单位', value: (r) => r.unitName, width: 20 }, { header: '提案', value: (r) => r.title, width: 40 },
    { header: '状态', value: (r) => STATE_NAMES[r.state], width: 10 }, { header: '重点提案', value: (r) => (r.isKey ? '是' : ''), width: 8 },
    { header: '答复期限', value: (r) => r.dueOn, width: 12 }, { header: '逾期天数', value: (r) => (r.overdue ? daysBetween(r.dueOn, today()) : ''), width: 8 },
    { header: '已签收', value: (r) => (r.signed ? '是' : '否'), width: 8 },
  ], rows);
}

/** The key proposals with their leaders and supervision, as a sheet. */
export function keyBoardTable(items: Awaited<ReturnType<typeof keyBoard>>): Tables {
  return oneTable('重点提案督办', [
    { header: '提案', value: (r) => r.title, width: 40 }, { header: '提案人', value: (r) => r.proposerName, width: 16 },
    { header: '状态', value: (r) => STATE_NAMES[r.state], width: 10 }, { header: '领办领导', value: (r) => r.leader, width: 12 },
    { header: '主办单位', value: (r) => r.leadUnit, width: 20 }, { header: '答复期限', value: (r) => r.dueOn, width: 12 },
    { header: '逾期', value: (r) => (r.overdue ? '是' : ''), width: 6 }, { header: '督办次数', value: (r) => r.visits, width: 8 },
    { header: '最近督办', value: (r) => r.lastVisit, width: 12 },
  ], items);
}
