import { eq } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { authorize, type Actor } from '../../core/policies.ts';
import { oneTable, type Column, type Tables } from '../../core/xlsx.ts';
import { units } from '../org/schema.ts';
import { dueBoard, listProposals } from '../proposals/queries.ts';
import { proposalStats } from '../proposals/stats.ts';
import { figureScope, type Scope } from '../org/oversight.ts';
import { addRecords, perCommittee, rolledUp, sumOf, type Committee, type Part } from '../org/rollup.ts';
import { rate } from '../proposals/timeliness.ts';
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
// scope=tree (the office and leaders of a committee with committees below, org/oversight.ts rule 2):
// each chart is built for every committee on its own (org/rollup.ts) and the rows added up by key,
// each row then carrying `parts` (each committee's values, the caller's own first) — its `sources`
// are the caller's own lists, which answer parts[0] only (the chart says so: sourceCovers 'own').
// A rate is recomputed from the summed counts (承办单位答复率 becomes one row per committee and a
// total); the 双创 chart is the caller's alone, its lists already covering the committees below.

export const CHART_KEYS = [
  'proposalStates', 'proposalRates', 'proposalOverdue', 'consultationPlan', 'consultationOutcomes',
  'liaisonCompliance', 'creationProjects', 'dutyPoints', 'opinionAdoptions',
] as const;
export type ChartKey = (typeof CHART_KEYS)[number];

/** count: `source`'s total equals the value; sum: its items' `field` add up to it; rate: a percentage (no list answers it). */
export interface Series { key: string; label: string; unit: string; kind: 'count' | 'sum' | 'rate'; field?: string }
export interface ChartRow { key: string; label: string; values: (number | null)[]; sources: (string | null)[]; parts?: { orgId: string; org: string; values: (number | null)[] }[] }
/**
 * `note`: a line under the chart (and its sheet); `totals`: the figures the note quotes.
 * `sourceCovers` (rolled-up charts only): 'own' — a row's sources list the caller's committee's
 * records only (its part, parts[0]); 'tree' — the lists cover the committees below too.
 */
export interface Chart { key: ChartKey; title: string; series: Series[]; rows: ChartRow[]; note?: string; totals?: Record<string, number>; sourceCovers?: 'own' | 'tree' }

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

type Built = Omit<Chart, 'key'>;
type Builder = (db: Queryable, actor: Actor, year: number) => Promise<Built>;
/** A chart over several committees that is not the rows added up (`parts`: the caller's first). */
type TreeBuilder = (db: Queryable, actor: Actor, year: number, scope: Committee[]) => Promise<Built>;

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
    return complianceChart((await compliance(db, actor.orgId, year)).totals, year);
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
    return pointsChart((await listTotals(db, actor.orgId, { year })).items.map((i) => i.points), year);
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

type ComplianceTotals = Awaited<ReturnType<typeof compliance>>['totals'];
const complianceChart = (totals: ComplianceTotals, year: number): Built => ({
  title: '双联“一见面一报告”落实',
  series: [{ key: 'liaisons', label: '联系人', unit: '名', kind: 'count' }],
  rows: [
    { key: 'done', label: '已落实', values: [totals.liaisons - totals.behind], sources: [null] },
    { key: 'behind', label: '未落实', values: [totals.behind], sources: [url('/liaison/compliance', { year, behind: true })] },
  ],
  note: `联系 ${totals.links} 个，已见面 ${totals.met} 个，已交报告 ${totals.reported} 人。`,
  totals: { links: totals.links, met: totals.met, reported: totals.reported },
});

/** Each row's values per committee, the caller's own first (a committee without the row: zeros). */
const partsOf = (parts: Part<unknown>[], n: number, valuesIn: (p: Part<unknown>) => (number | null)[] | undefined) =>
  parts.map((p) => ({ orgId: p.org.id, org: p.org.name, values: valuesIn(p) ?? Array<number | null>(n).fill(0) }));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-/i;

/**
 * Per-committee charts added up by row key. A row of one committee's own records (keyed by a unit's
 * id) stays its committee's, named with it; its sources are the caller's lists only for the caller's rows.
 */
export function addCharts(parts: Part<Built>[]): Built {
  const first = parts[0]!.value;
  const n = first.series.length;
  const rows = new Map<string, { row: ChartRow; by: Map<string, (number | null)[]> }>();
  for (const p of parts) {
    for (const r of p.value.rows) {
      const key = !p.own && UUID.test(r.key) ? `${p.org.id}:${r.key}` : r.key;
      let m = rows.get(key);
      if (!m) {
        m = { row: { key, label: !p.own && UUID.test(r.key) ? `${r.label}（${p.org.name}）` : r.label, values: Array<number | null>(n).fill(null), sources: p.own ? r.sources : r.sources.map(() => null) }, by: new Map() };
        rows.set(key, m);
      }
      m.row.values = m.row.values.map((v, i) => (r.values[i] === null ? v : (v ?? 0) + r.values[i]!));
      m.by.set(p.org.id, r.values);
    }
  }
  const totals = first.totals && addRecords(parts.map((p) => p.value.totals ?? {}));
  // The note of a committee with rows (the caller's may have no session of the year while one below has).
  const note = (parts.find((p) => p.value.rows.length) ?? parts[0]!).value.note;
  return {
    ...first, ...(totals ? { totals } : {}), note, sourceCovers: 'own',
    rows: [...rows.values()].map(({ row, by }) => ({ ...row, parts: partsOf(parts, n, (p) => by.get(p.org.id)) })),
  };
}

const TREE: Partial<Record<ChartKey, TreeBuilder>> = {
  // Rates per committee and for all of them, each from the summed counts (never an average of rates).
  async proposalRates(db, actor, year, scope) {
    const title = '各级政协答复率与满意率';
    const series: Series[] = [
      { key: 'assigned', label: '交办', unit: '件', kind: 'count' },
      { key: 'replyRate', label: '答复率', unit: '%', kind: 'rate' }, { key: 'satisfactionRate', label: '办理满意率', unit: '%', kind: 'rate' },
    ];
    const parts = await perCommittee(db, actor, scope, async (a, org) => {
      const sessionId = await sessionOf(db, a.orgId, year);
      return sessionId ? (await proposalStats(db, [org], 'org', { sessionId })).total : null;
    });
    const held = parts.filter((p): p is Part<NonNullable<typeof p.value>> => !!p.value);
    if (!held.length) return { title, series, rows: [], note: NO_SESSION };
    const row = (key: string, label: string, s: { assigned: number; replied: number; satisfied: number; basic: number; evaluated: number }, source: string | null) =>
      ({ key, label, values: [s.assigned, rate(s.replied, s.assigned), rate(s.satisfied + s.basic, s.evaluated)], sources: [null, source, source] });
    const sum = (k: 'assigned' | 'replied' | 'satisfied' | 'basic' | 'evaluated') => sumOf(held, (v) => v[k]);
    const ownSession = await sessionOf(db, actor.orgId, year);
    return {
      title, series, sourceCovers: 'own',
      rows: [
        ...held.map((p) => row(p.org.id, p.org.name, p.value, p.own && ownSession ? url('/proposals', { sessionId: ownSession }) : null)),
        row('total', '合计', { assigned: sum('assigned'), replied: sum('replied'), satisfied: sum('satisfied'), basic: sum('basic'), evaluated: sum('evaluated') }, null),
      ],
    };
  },

  // The liaisons of every committee, on track or behind; the note from the summed counts.
  async liaisonCompliance(db, actor, year, scope) {
    const parts = await perCommittee(db, actor, scope, async (a) => (await compliance(db, a.orgId, year)).totals);
    const chart = complianceChart(addRecords(parts.map((p) => p.value)) as ComplianceTotals, year);
    const n = chart.series.length;
    const per = (p: Part<ComplianceTotals>, k: string) => [k === 'done' ? p.value.liaisons - p.value.behind : p.value.behind];
    return { ...chart, sourceCovers: 'own', rows: chart.rows.map((r) => ({ ...r, parts: partsOf(parts, n, (p) => per(p as Part<ComplianceTotals>, r.key)) })) };
  },

  // The 双创 lists of the office and leaders already cover the committees below (creation/access.ts).
  async creationProjects(db, actor, year) {
    return { ...(await BUILDERS.creationProjects(db, actor, year)), sourceCovers: 'tree' };
  },

  // Bands over every committee's members' points.
  async dutyPoints(db, actor, year, scope) {
    const parts = await perCommittee(db, actor, scope, async (a) => (await listTotals(db, a.orgId, { year })).items.map((i) => i.points));
    const chart = pointsChart(parts.flatMap((p) => p.value), year);
    return {
      ...chart, sourceCovers: 'own',
      rows: chart.rows.map((r, i) => {
        const [lo, hi] = pointBands(parts.flatMap((p) => p.value))[i]!;
        return { ...r, parts: partsOf(parts, 1, (p) => [(p.value as number[]).filter((x) => x >= lo && x <= hi).length]) };
      }),
    };
  },
};

const pointsChart = (points: number[], year: number): Built => ({
  title: '委员履职积分分布',
  series: [{ key: 'members', label: '委员', unit: '名', kind: 'count' }],
  rows: pointBands(points).map(([lo, hi]) => ({
    key: `${lo}..${hi}`, label: lo === hi ? `${lo}` : `${lo}–${hi}`, values: [points.filter((x) => x >= lo && x <= hi).length],
    sources: [url('/records', { year, minPoints: lo, maxPoints: hi })],
  })),
});

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

/**
 * The charts asked for (default: all) of the caller's committee for a year; with scope=tree (office
 * and leaders) rolled up over the active committees below. `by=org` (rolled up only): each row split
 * into one per committee, from its parts.
 */
export async function dashboard(db: Queryable, actor: Actor, year: number, only?: readonly ChartKey[], scope?: Scope, by?: 'org') {
  authorize(actor, 'report.read');
  const keys = only?.length ? CHART_KEYS.filter((k) => only.includes(k)) : CHART_KEYS;
  const committees: Committee[] = await figureScope(db, actor, scope);
  const tree = committees.length > 1;
  const build = async (key: ChartKey): Promise<Built> => {
    if (!tree) return BUILDERS[key](db, actor, year);
    const special = TREE[key];
    if (special) return special(db, actor, year, committees);
    const parts = await perCommittee(db, actor, committees, (a) => BUILDERS[key](db, a, year));
    return rolledUp(parts) ? addCharts(parts) : parts[0]!.value;
  };
  const charts = await Promise.all(keys.map(async (key): Promise<Chart> => {
    const chart = { key, ...(await build(key)) };
    return tree && by === 'org' ? byOrg(chart) : chart;
  }));
  return { year, scope: tree ? 'tree' as const : 'own' as const, committees: committees.map((o) => o.name), charts };
}

/** Each rolled-up row as one row per committee (its values from the row's parts; the caller's sources on its own rows only). */
function byOrg(chart: Chart): Chart {
  if (!chart.rows.some((r) => r.parts)) return chart;
  return {
    ...chart,
    rows: chart.rows.flatMap((r) => (r.parts ?? []).map((p, i) => ({
      key: `${r.key}@${p.orgId}`, label: `${r.label} · ${p.org}`, values: p.values, sources: i === 0 && chart.sourceCovers === 'own' ? r.sources : r.sources.map(() => null),
    }))),
  };
}

/** One chart's table: a row per category, a column per series (with its unit). */
export function dashboardTable(chart: Chart): Tables {
  const columns: Column<ChartRow>[] = [
    { header: '项目', value: (r) => r.label, width: 24 },
    ...chart.series.map((s, i): Column<ChartRow> => ({ header: `${s.label}（${s.unit}）`, value: (r) => r.values[i], width: 14 })),
  ];
  return oneTable(chart.title.slice(0, 31), columns, chart.rows, { note: chart.note });
}
