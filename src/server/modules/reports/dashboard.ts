import { eq } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { authorize, type Actor } from '../../core/policies.ts';
import { oneTable, type Column, type Tables } from '../../core/xlsx.ts';
import { units } from '../org/schema.ts';
import { dueBoard, listProposals } from '../proposals/queries.ts';
import { proposalStats } from '../proposals/stats.ts';
import { figureScope } from '../org/oversight.ts';
import { STATES as PROPOSAL_STATES, STATE_NAMES as PROPOSAL_STATE_NAMES } from '../proposals/workflow.ts';
import { planView } from '../consultations/plan.ts';
import { listConsultations } from '../consultations/queries.ts';
import { listRecommendations } from '../consultations/recommendation-queries.ts';
import { OUTCOME_KINDS } from '../consultations/recommendation-workflow.ts';
import { HELD, KINDS as CONSULTATION_KINDS } from '../consultations/workflow.ts';
import { compliance } from '../liaison/queries.ts';
import { scopeOf } from '../creation/access.ts';
import { listProjects } from '../creation/queries.ts';
import { PROJECT_KIND_LABELS, PROJECT_KINDS } from '../creation/labels.ts';
import { listTotals } from '../records/queries.ts';
import { listOpinions } from '../opinions/queries.ts';
import { LEVEL_LABELS } from '../opinions/labels.ts';
import { LEVELS } from '../opinions/workflow.ts';
import { CONSULTATION_KIND_LABELS, OUTCOME_LABELS, yearSession } from './figures.ts';
import './access.ts';

// The leaders' and office's dashboard: a few charts over one committee's year, each a small table
// (rows × series) computed by the module that keeps the records — the same functions behind each
// module's own statistics page, so the dashboard and those pages agree. Every cell that counts
// records carries `source`, the API list whose `total` is that count (a sum names its `field`); the
// web app opens the matching list page. One chart's table is also its .xlsx (dashboardTable).
//
// Each chart is built for (db, actor, year) only; a later `scope` (a city over its counties) enters
// here, as the set of committees a builder counts over, without changing the charts' shape.

export const CHART_KEYS = [
  'proposalStates', 'proposalRates', 'proposalOverdue', 'consultationPlan', 'consultationOutcomes',
  'liaisonCompliance', 'creationProjects', 'dutyPoints', 'opinionAdoptions',
] as const;
export type ChartKey = (typeof CHART_KEYS)[number];

/** count: `source`'s total equals the value; sum: its items' `field` add up to it; rate: a percentage (no list answers it). */
export interface Series { key: string; label: string; unit: string; kind: 'count' | 'sum' | 'rate'; field?: string }
export interface ChartRow { key: string; label: string; values: (number | null)[]; sources: (string | null)[] }
/** `note`: a line under the chart (and its sheet); `totals`: the figures the note quotes. */
export interface Chart { key: ChartKey; title: string; series: Series[]; rows: ChartRow[]; note?: string; totals?: Record<string, number> }

const API = '/api/v1';
const one = { limit: 1, offset: 0 };
const url = (path: string, params: Record<string, string | number | boolean | readonly string[] | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) for (const x of v) q.append(k, x);
    else if (v !== undefined) q.set(k, String(v));
  }
  const s = q.toString();
  return `${API}${path}${s ? `?${s}` : ''}`;
};

const sessionOf = async (db: Queryable, orgId: string, year: number) => (await yearSession(db, orgId, year))?.id ?? null;
const NO_SESSION = '本年度没有全体会议，提案按会议统计。';

type Builder = (db: Queryable, actor: Actor, year: number) => Promise<Omit<Chart, 'key'>>;

const BUILDERS: Record<ChartKey, Builder> = {
  // 提案: how many of the year's session's proposals are in each state now.
  async proposalStates(db, actor, year) {
    const title = '提案流转（按当前状态）';
    const series: Series[] = [{ key: 'proposals', label: '提案', unit: '件', kind: 'count' }];
    const sessionId = await sessionOf(db, actor.orgId, year);
    if (!sessionId) return { title, series, rows: [], note: NO_SESSION };
    const states = PROPOSAL_STATES.filter((s) => s !== 'draft');
    const rows = await Promise.all(states.map(async (state) => {
      const f = { sessionId, state: [state] };
      return { key: state, label: PROPOSAL_STATE_NAMES[state]!, values: [(await listProposals(db, actor, actor.orgId, f, one)).total], sources: [url('/proposals', f)] };
    }));
    return { title, series, rows: rows.filter((r) => r.values[0]) };
  },

  // 提案: reply and satisfaction rates per lead unit (the statistics page's figures).
  async proposalRates(db, actor, year) {
    const title = '承办单位答复率与满意率';
    const series: Series[] = [
      { key: 'assigned', label: '交办', unit: '件', kind: 'count' },
      { key: 'replyRate', label: '答复率', unit: '%', kind: 'rate' }, { key: 'satisfactionRate', label: '办理满意率', unit: '%', kind: 'rate' },
    ];
    const sessionId = await sessionOf(db, actor.orgId, year);
    if (!sessionId) return { title, series, rows: [], note: NO_SESSION };
    const [stats, named] = await Promise.all([
      proposalStats(db, await figureScope(db, actor), 'unit', { sessionId }),
      db.select({ id: units.id, name: units.name }).from(units).where(eq(units.orgId, actor.orgId)),
    ]);
    const idOf = new Map(named.map((u) => [u.name, u.id]));
    return {
      title, series,
      rows: stats.rows.map((r) => {
        const list = url('/proposals', { sessionId, unitId: idOf.get(r.key) });
        return { key: idOf.get(r.key) ?? r.key, label: r.key, values: [r.assigned, r.replyRate, r.satisfactionRate], sources: [null, list, list] };
      }),
    };
  },

  // 提案: lead assignments overdue (and due within two weeks) per unit, now.
  async proposalOverdue(db, actor) {
    const board = await dueBoard(db, actor.orgId, 14);
    return {
      title: '逾期未答复（按承办单位）',
      series: [{ key: 'overdue', label: '已逾期', unit: '件', kind: 'count' }, { key: 'dueSoon', label: '两周内到期', unit: '件', kind: 'count' }],
      rows: board.map((g) => ({ key: g.unitId, label: g.unitName, values: [g.overdue, g.dueSoon], sources: [url('/proposals', { unitId: g.unitId, overdue: true }), null] })),
      note: '截至今日，不分年度。',
    };
  },

  // 协商: the year's plan against the consultations held, per kind.
  async consultationPlan(db, actor, year) {
    const plan = await planView(db, actor.orgId, year);
    const rows = await Promise.all(CONSULTATION_KINDS.map(async (kind) => {
      const f = { year, kind, state: [...HELD] };
      const held = (await listConsultations(db, actor, f, one)).total;
      const planned = plan.byKind.find((k) => k.kind === kind)?.planned ?? 0;
      return { key: kind, label: CONSULTATION_KIND_LABELS[kind], values: [planned, held], sources: [null, url('/consultations', f)] };
    }));
    return {
      title: '协商计划与完成',
      series: [{ key: 'planned', label: '计划', unit: '次', kind: 'count' }, { key: 'held', label: '已开展', unit: '次', kind: 'count' }],
      rows: rows.filter((r) => r.values[0] || r.values[1]),
    };
  },

  // 协商: the recommendations of the year's consultations taken into decisions, documents and measures.
  async consultationOutcomes(db, actor, year) {
    const rows = await Promise.all(OUTCOME_KINDS.map(async (outcome) => {
      const f = { year, outcome };
      return { key: outcome, label: OUTCOME_LABELS[outcome], values: [(await listRecommendations(db, actor, f, one)).total], sources: [url('/recommendations', f)] };
    }));
    return { title: '协商成果转化', series: [{ key: 'recommendations', label: '协商建议', unit: '条', kind: 'count' }], rows };
  },

  // 双联: liaisons on track with 一见面一报告, and those behind.
  async liaisonCompliance(db, actor, year) {
    const { totals } = await compliance(db, actor.orgId, year);
    return {
      title: '双联“一见面一报告”落实',
      series: [{ key: 'liaisons', label: '联系人', unit: '名', kind: 'count' }],
      rows: [
        { key: 'done', label: '已落实', values: [totals.liaisons - totals.behind], sources: [null] },
        { key: 'behind', label: '未落实', values: [totals.behind], sources: [url('/liaison/compliance', { year, behind: true })] },
      ],
      note: `联系 ${totals.links} 个，已见面 ${totals.met} 个，已交报告 ${totals.reported} 人。`,
      totals: { links: totals.links, met: totals.met, reported: totals.reported },
    };
  },

  // 双创: money invested, jobs and poor households employed by the members' projects built, per kind.
  async creationProjects(db, actor, year) {
    const scope = await scopeOf(db, actor);
    const rows = await Promise.all(PROJECT_KINDS.map(async (kind) => {
      const f = { year, started: true, kind };
      const { sums } = await listProjects(db, scope, f, one);
      const list = url('/creation/projects', f);
      return { key: kind, label: PROJECT_KIND_LABELS[kind], values: [sums.investment, sums.jobs, sums.poorHouseholds], sources: [list, list, list] };
    }));
    return {
      title: '双创投入与带动',
      series: [
        { key: 'investment', label: '投入资金', unit: '元', kind: 'sum', field: 'investment' }, { key: 'jobs', label: '带动就业', unit: '人', kind: 'sum', field: 'jobs' },
        { key: 'poorHouseholds', label: '带动贫困户', unit: '户', kind: 'sum', field: 'poorHouseholds' },
      ],
      rows,
    };
  },

  // 履职: how the active members' points for the year spread, in even bands.
  async dutyPoints(db, actor, year) {
    const { items } = await listTotals(db, actor.orgId, { year });
    const bands = pointBands(items.map((i) => i.points));
    return {
      title: '委员履职积分分布',
      series: [{ key: 'members', label: '委员', unit: '名', kind: 'count' }],
      rows: bands.map(([lo, hi]) => {
        const n = items.filter((i) => i.points >= lo && i.points <= hi).length;
        return { key: `${lo}..${hi}`, label: lo === hi ? `${lo}` : `${lo}–${hi}`, values: [n], sources: [url('/records', { year, minPoints: lo, maxPoints: hi })] };
      }),
    };
  },

  // 社情民意: the year's reports adopted, by the level that adopted them.
  async opinionAdoptions(db, actor, year) {
    const rows = await Promise.all(LEVELS.map(async (level) => {
      const f = { year, adoptedLevel: level };
      return { key: level, label: LEVEL_LABELS[level], values: [(await listOpinions(db, actor, f, one)).total], sources: [url('/opinions', f)] };
    }));
    return { title: '社情民意信息采用（按采用层级）', series: [{ key: 'reports', label: '被采用信息', unit: '篇', kind: 'count' }], rows };
  },
};

/** Up to eight even bands of whole points (1, 2, 5 × 10ⁿ wide) that cover every value; none without values. */
export function pointBands(values: number[]): [number, number][] {
  if (!values.length) return [];
  const min = Math.min(...values), max = Math.max(...values);
  const span = max - min + 1;
  let width = 1;
  for (let p = 1; width * 8 < span; p *= 10) width = [p, 2 * p, 5 * p, 10 * p].find((w) => w * 8 >= span) ?? 10 * p;
  const start = Math.floor(min / width) * width;
  const bands: [number, number][] = [];
  for (let lo = start; lo <= max; lo += width) bands.push([lo, lo + width - 1]);
  return bands;
}

/** The charts asked for (default: all) of the caller's committee for a year. */
export async function dashboard(db: Queryable, actor: Actor, year: number, only?: readonly ChartKey[]) {
  authorize(actor, 'report.read');
  const keys = only?.length ? CHART_KEYS.filter((k) => only.includes(k)) : CHART_KEYS;
  const charts = await Promise.all(keys.map(async (key): Promise<Chart> => ({ key, ...(await BUILDERS[key](db, actor, year)) })));
  return { year, charts };
}

/** One chart's table: a row per category, a column per series (with its unit). */
export function dashboardTable(chart: Chart): Tables {
  const columns: Column<ChartRow>[] = [
    { header: '项目', value: (r) => r.label, width: 24 },
    ...chart.series.map((s, i): Column<ChartRow> => ({ header: `${s.label}（${s.unit}）`, value: (r) => r.values[i], width: 14 })),
  ];
  return oneTable(chart.title.slice(0, 31), columns, chart.rows, { note: chart.note });
}
