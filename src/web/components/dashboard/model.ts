// The dashboard's charts as the server sends them (GET /api/v1/dashboard), how each is drawn, and
// which page lists the records behind a cell (its `source`, an API list, opened as the list page
// with the same filters in the URL).
import type { MessageKey } from '../../i18n';
import type { ChartOption } from './EChart';

export type ChartKey = 'proposalStates' | 'proposalRates' | 'proposalOverdue' | 'consultationPlan' | 'consultationOutcomes'
  | 'liaisonCompliance' | 'creationProjects' | 'dutyPoints' | 'opinionAdoptions';
export interface Series { key: string; label: string; unit: string; kind: 'count' | 'sum' | 'rate'; field?: string }
export interface ChartRow { key: string; label: string; values: (number | null)[]; sources: (string | null)[]; parts?: { orgId: string; org: string; values: (number | null)[] }[] }
/** sourceCovers (含下级 only): 'own' — a row's list is the caller's committee's records only. */
export interface Chart { key: ChartKey; title: string; series: Series[]; rows: ChartRow[]; note?: string; totals?: Record<string, number>; sourceCovers?: 'own' | 'tree' }
export interface Dashboard { year: number; scope: 'own' | 'tree'; committees: string[]; charts: Chart[] }

/** The charts each home page shows (a few that matter to the role). */
export const HOME_CHARTS: Record<'leader' | 'staff', ChartKey[]> = {
  leader: ['proposalStates', 'opinionAdoptions'],
  staff: ['proposalOverdue', 'liaisonCompliance'],
};

/** A row's name in the current language: the app's own words for states, kinds and levels; names from the data as they are. */
const ROW_WORDS: Partial<Record<ChartKey, (k: string) => string>> = {
  proposalStates: (k) => `proposal.state.${k}`,
  consultationPlan: (k) => `consultation.kind.${k}`,
  consultationOutcomes: (k) => `consultation.outcome.${k}`,
  liaisonCompliance: (k) => `liaison.board.${k}`,
  creationProjects: (k) => `creation.kind.${k}`,
  opinionAdoptions: (k) => `opinion.level.${k}`,
};
export const rowName = (c: Chart, r: ChartRow, t: (k: MessageKey) => string) => {
  const key = ROW_WORDS[c.key]?.(r.key);
  return key ? t(key as MessageKey) : r.label;
};

/** The note under a chart in the current language (the server's own note is Chinese, for the sheet). */
export function noteOf(c: Chart, t: (k: MessageKey, p?: Record<string, string | number>) => string): string | undefined {
  const own = c.sourceCovers === 'own' ? t('dashboard.note.ownSources') : '';
  const note = noteOfChart(c, t);
  return [note, own].filter(Boolean).join(' ') || undefined;
}

function noteOfChart(c: Chart, t: (k: MessageKey, p?: Record<string, string | number>) => string): string | undefined {
  if (c.key === 'proposalOverdue') return t('dashboard.note.asOfToday');
  if (c.key === 'liaisonCompliance' && c.totals) return t('dashboard.note.liaison', c.totals);
  // (The proposal charts carry a note only when the year has no plenary session.)
  if (c.note && (c.key === 'proposalStates' || c.key === 'proposalRates')) return t('dashboard.note.noSession');
  return undefined;
}

/** Most units a chart by unit draws (those with most proposals); the table has them all. */
export const MAX_BARS = 10;
/** The rows a chart draws. */
export const drawnRows = (c: Chart) => (LOOKS[c.key].type === 'hbar' ? c.rows.slice(0, MAX_BARS) : c.rows);

type Look = { type: 'bar' | 'hbar' | 'pie'; /** Series drawn (default: all); the table shows all. */ draw?: string[]; /** One series at a time (different scales). */ single?: boolean };
const LOOKS: Record<ChartKey, Look> = {
  proposalStates: { type: 'bar' },
  proposalRates: { type: 'hbar', draw: ['replyRate', 'satisfactionRate'] },
  proposalOverdue: { type: 'hbar' },
  consultationPlan: { type: 'bar' },
  consultationOutcomes: { type: 'pie' },
  liaisonCompliance: { type: 'pie' },
  creationProjects: { type: 'bar', single: true },
  dutyPoints: { type: 'bar' },
  opinionAdoptions: { type: 'bar' },
};

export const titleKey = (k: ChartKey) => `dashboard.chart.${k}` as MessageKey;
export const seriesKey = (c: ChartKey, s: string) => `dashboard.series.${c}.${s}` as MessageKey;

/** 12,345,678 → 1234.6万 (zh) or 12.3M (en): axis labels that fit a phone. */
export function compact(v: number, lang: string) {
  const a = Math.abs(v);
  if (lang === 'zh') return a >= 1e8 ? `${+(v / 1e8).toFixed(1)}亿` : a >= 1e4 ? `${+(v / 1e4).toFixed(1)}万` : `${v}`;
  return a >= 1e6 ? `${+(v / 1e6).toFixed(1)}M` : a >= 1e3 ? `${+(v / 1e3).toFixed(1)}k` : `${v}`;
}

/** The series a chart draws, with their index in the rows' values. */
export const drawn = (c: Chart) => c.series.map((s, i) => ({ s, i })).filter(({ s }) => LOOKS[c.key].draw?.includes(s.key) ?? true);

/** The ECharts option of a chart; `name(s)` is a series' label in the current language. */
export function optionOf(c: Chart, name: (s: Series) => string, label: (r: ChartRow) => string, lang: string, narrow: boolean): ChartOption {
  const look = LOOKS[c.key];
  const series = drawn(c);
  const rows = drawnRows(c);
  const unitOf = (s: Series) => (s.kind === 'rate' ? '%' : '');
  const tooltip = { trigger: look.type === 'pie' ? 'item' as const : 'axis' as const, confine: true };
  const shown = (s: Series) => (v: unknown) => `${compact(Number(v), lang)}${unitOf(s)}`;
  if (look.type === 'pie') {
    const { s, i } = series[0]!;
    return {
      tooltip, legend: { bottom: 0, type: 'scroll' },
      series: [{
        type: 'pie', name: name(s), radius: narrow ? ['30%', '58%'] : ['35%', '65%'], center: ['50%', '45%'], avoidLabelOverlap: true,
        label: { formatter: '{c}', fontSize: 12 }, data: rows.map((r) => ({ name: label(r), value: r.values[i] ?? 0 })),
      }],
    };
  }
  const horizontal = look.type === 'hbar';
  const categories = {
    type: 'category' as const, data: rows.map(label),
    axisLabel: horizontal ? { width: narrow ? 84 : 140, overflow: 'truncate' as const } : { interval: 0, rotate: rows.length > 4 && narrow ? 40 : 0, width: 72, overflow: 'truncate' as const },
    ...(horizontal ? { inverse: true } : {}),
  };
  const values = { type: 'value' as const, axisLabel: { formatter: (v: number) => compact(v, lang) }, minInterval: 1 };
  return {
    tooltip,
    legend: series.length > 1 ? { top: 0, type: 'scroll', ...(look.single ? { selectedMode: 'single' as const } : {}) } : undefined,
    grid: { left: 8, right: horizontal ? 44 : 16, top: series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
    xAxis: horizontal ? values : categories,
    yAxis: horizontal ? categories : values,
    series: series.map(({ s, i }) => ({
      type: 'bar', name: name(s), barMaxWidth: 28, data: rows.map((r) => r.values[i] ?? 0), tooltip: { valueFormatter: shown(s) },
      label: { show: true, position: horizontal ? 'right' : 'top', fontSize: 11, formatter: (p: { value: unknown }) => shown(s)(p.value) },
    })),
  };
}

/** The cell's value as the table shows it. */
export const shownValue = (v: number | null, s: Series) => (v === null ? '—' : s.kind === 'rate' ? `${v}%` : v.toLocaleString());

// API list → the page that lists it, and the filters that page reads from its URL.
const PAGES: [string, string, string[]][] = [
  ['/api/v1/proposals', '/proposals', ['state', 'sessionId', 'unitId', 'overdue']],
  ['/api/v1/consultations', '/consultations', ['year', 'kind']],
  ['/api/v1/recommendations', '/consultations', ['year']],
  ['/api/v1/liaison/compliance', '/liaison/compliance', ['year', 'behind']],
  ['/api/v1/creation/projects', '/creation', ['year', 'kind', 'started']],
  ['/api/v1/records', '/records', ['year', 'minPoints', 'maxPoints']],
  ['/api/v1/opinions', '/opinions', ['year', 'adoptedLevel']],
];

/** The list page of a cell's records (null: none). */
export function pageOf(source: string | null | undefined): string | null {
  if (!source) return null;
  const [path, query = ''] = source.split('?');
  const page = PAGES.find(([api]) => api === path);
  if (!page) return null;
  const from = new URLSearchParams(query), to = new URLSearchParams();
  for (const [k, v] of from) if (page[2].includes(k)) to.append(k, v);
  const q = to.toString();
  return q ? `${page[1]}?${q}` : page[1];
}

/** Where a click on a row (and series) goes: that cell's list, or the row's first. */
export const linkOf = (r: ChartRow, seriesIndex?: number) =>
  pageOf(seriesIndex === undefined ? null : r.sources[seriesIndex]) ?? pageOf(r.sources.find((s) => s));
