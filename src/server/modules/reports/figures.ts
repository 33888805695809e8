import { and, desc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import type { Actor } from '../../core/policies.ts';
import { plenarySessions } from '../org/schema.ts';
import { listCampaigns, partyFiguresByOrg } from '../party/queries.ts';
import { counterTotalsByOrg, SUM_FIELD } from '../liaison/counters.ts';
import { listMeetings } from '../liaison/queries.ts';
import { figures as creationFigures } from '../creation/queries.ts';
import { ownCommittee, scopeOf } from '../creation/access.ts';
import { consultationWhere } from '../consultations/queries.ts';
import { consultations, consultationComments } from '../consultations/schema.ts';
import { HELD, KINDS as CONSULTATION_KINDS, STEP_WORDS } from '../consultations/workflow.ts';
import { listRooms } from '../consultations/rooms.ts';
import { outcomeMeasures, recommendationWhere } from '../consultations/recommendation-queries.ts';
import { consultationRecommendations } from '../consultations/schema.ts';
import { OUTCOME_KINDS } from '../consultations/recommendation-workflow.ts';
import { proposalWhere } from '../proposals/queries.ts';
import { proposals } from '../proposals/schema.ts';
import { listRounds } from '../selection/queries.ts';
import { placeOf } from './profile.ts';
import { addFigures, perCommittee, rolledUp } from '../org/rollup.ts';
import { figureScope, type Scope } from '../org/oversight.ts';
import { describeSource, type SourceNames } from './sources.ts';

// The figures of the 四双 report, each computed by the module that keeps its records and carrying
// the list that answers it: `source` is an API list of the caller's committee whose `total` is
// `value` (or, with `field`, whose items' `field` add up to it). The prose (draft.ts) only reads
// them: figures and text are kept apart so that edited prose can later keep its figures fresh.

export interface Figure {
  key: string; label: string; value: number; unit: string; source: string; field?: string;
  /** `source` said in words for readers: which list (of which page) with which filter (sources.ts). */
  sourceLabel?: string;
  /** The web page that shows the list of `source` (null: none). */
  sourcePage?: string | null;
  /**
   * Only in a report rolled up over the committees below (scope=tree): 'tree' when the value adds up
   * every committee's (`parts`, the caller's own first), 'own' when it is the caller's committee's
   * alone (a campaign, a consultation, a measure belong to one committee).
   */
  scope?: 'own' | 'tree';
  /** Each committee's value, when scope is 'tree'. */
  parts?: { orgId: string; org: string; value: number }[];
  /**
   * When scope is 'tree', what `source` lists: 'own' — the caller's committee's records only (its
   * total is parts[0], the committees below keep their own lists), 'tree' — every committee's (the
   * 双创 lists of the office and leaders cover the committees below).
   */
  sourceCovers?: 'own' | 'tree';
}

/** What the prose needs beside the figures: names from the data (never counted). */
export interface FigureContext {
  campaign: { id: string; title: string } | null;
  /**
   * The consultation with the most online comments (网民留言): `held` when it is among those the
   * report counts as held (HELD), otherwise still under way (`stage`, its step in words).
   */
  onlineConsultation: { id: string; title: string; held: boolean; stage: string } | null;
  roomHosts: { counties: string[]; units: string[] };
  measures: { key: string; measure: string }[];
  session: { id: string; number: number } | null;
}

const API = '/api/v1';
const qs = (params: Record<string, string | number | boolean | string[] | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) for (const x of v) q.append(k, x);
    else if (v !== undefined) q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
};

export const CONSULTATION_KIND_LABELS: Record<(typeof CONSULTATION_KINDS)[number], string> = {
  plenary: '全体会议', standing: '专题议政性常委会议', bimonthly: '双月专题协商座谈会', supervision: '专项民主监督',
  sector: '界别协商活动', online: '网络议政', frontline: '协商在一线', other: '其他协商',
};
export const OUTCOME_LABELS: Record<(typeof OUTCOME_KINDS)[number], string> = { party: '被吸纳为党委决策的协商建议', government: '被吸纳为政府文件的协商建议', department: '被吸纳为部门工作措施的协商建议' };
/** 提交 onwards: every proposal handed in; 立案 onwards; 答复 onwards. */
const SUBMITTED = ['submitted', 'filed', 'not_filed', 'converted', 'merged', 'assigned', 'handling', 'replied', 'rehandling', 'closed'];
const FILED = ['filed', 'assigned', 'handling', 'replied', 'rehandling', 'closed'];
const REPLIED = ['replied', 'rehandling', 'closed'];

/** The year's plenary session (the latest, if it held two): a year's proposals are those of its session. */
export async function yearSession(db: Queryable, orgId: string, year: number): Promise<{ id: string; number: number } | null> {
  const [session] = await db.select({ id: plenarySessions.id, number: plenarySessions.number }).from(plenarySessions)
    .where(and(eq(plenarySessions.orgId, orgId), sql`${plenarySessions.startsOn} between ${`${year}-01-01`} and ${`${year}-12-31`}`))
    .orderBy(desc(plenarySessions.startsOn)).limit(1);
  return session ?? null;
}

/**
 * The figures read for every committee of a report at once, each in one statement grouped by
 * committee (the party figures, the 双联 counters' totals): started once and shared by each
 * committee's `sishuangFigures`, which takes its own from them. One committee's report reads them
 * for itself alone, by the same statements.
 */
export interface ByOrg { party: ReturnType<typeof partyFiguresByOrg>; liaison: ReturnType<typeof counterTotalsByOrg> }
const readByOrg = (db: Queryable, orgIds: string[], year: number): ByOrg =>
  ({ party: partyFiguresByOrg(db, orgIds, year), liaison: counterTotalsByOrg(db, orgIds, { from: `${year}-01-01`, to: `${year}-12-31` }) });

/**
 * Every figure of the year the data holds, and the names the prose quotes. `creation: false` leaves
 * out the 双创 figures (a roll-up takes them once, from the caller: `creation: 'tree'`, their lists
 * already cover the committees below; otherwise they are the committee's own, scope=own); `ownOnly: false` the figures of one committee's own records that a roll-up
 * does not add up (OWN_ONLY: the campaign, the online comments, the measures); `byOrg` the figures
 * already being read for every committee of a roll-up.
 */
export async function sishuangFigures(db: Queryable, actor: Actor, year: number, opts: { creation?: boolean | 'tree'; ownOnly?: boolean; byOrg?: ByOrg } = {}): Promise<{ figures: Figure[]; context: FigureContext }> {
  const orgId = actor.orgId;
  const byOrg = opts.byOrg ?? readByOrg(db, [orgId], year);
  const out: Figure[] = [];
  const add = (f: Figure) => { out.push(f); };

  // Every read at once (each its own statements, on the pool, the session's proposals once its
  // session is known); the figures are then added in the report's order.
  const c = consultationComments, rec = consultationRecommendations;
  const heldFilter = { year, state: [...HELD] };
  const PROPOSALS: [string, string, Record<string, unknown>][] = [
    ['submitted', '提交提案', { state: SUBMITTED }], ['filed', '立案提案', { state: FILED }], ['replied', '已答复提案', { state: REPLIED }],
    ['satisfied', '提案人对办理表示满意', { satisfaction: 'satisfied' }], ['key', '党政领导领办的重点提案', { isKey: true }],
  ];
  const [party, tally, meetings, campaigns, creation, heldRows, [busiest], rooms, outcomeRows, measureRows, counted, rounds] = await Promise.all([
    byOrg.party.then((m) => m.get(orgId)!), byOrg.liaison.then(({ totals, sources }) => ({ total: totals.get(orgId)!, sources })), listMeetings(db, orgId, { year }), opts.ownOnly === false ? [] : listCampaigns(db, actor, {}),
    // A committee's own report counts its own committee's 双创 (scope=own); a roll-up the caller's lists, which cover the committees below.
    opts.creation !== false ? scopeOf(db, actor).then((s) => (opts.creation === 'tree' ? creationFigures(db, s, { year }) : creationFigures(db, ownCommittee(s, orgId), { year, scope: 'own' }))) : null,
    // Each kind's count is its list's total (the list's own condition), the kinds counted in one statement.
    db.select({ kind: consultations.kind, n: sql<number>`count(*)::int` }).from(consultations).where(consultationWhere(actor, heldFilter)).groupBy(consultations.kind),
    opts.ownOnly === false ? [] : db.select({ id: consultations.id, title: consultations.title, state: consultations.state, n: sql<number>`count(${c.id})::int` }).from(consultations)
      .innerJoin(c, and(eq(c.orgId, consultations.orgId), eq(c.consultationId, consultations.id), eq(c.status, 'visible')))
      .where(and(eq(consultations.orgId, orgId), eq(consultations.year, year)))
      .groupBy(consultations.id, consultations.title, consultations.state).orderBy(desc(sql`count(${c.id})`), consultations.id).limit(1),
    listRooms(db, actor, { active: true }),
    // Each outcome's count is its list's total, the outcomes counted in one statement.
    db.select({ kind: rec.outcomeKind, n: sql<number>`count(*)::int` }).from(rec).where(recommendationWhere(actor, { year, outcome: 'any' })).groupBy(rec.outcomeKind),
    opts.ownOnly === false ? [] : outcomeMeasures(db, orgId, { year }),
    // Each proposal figure is its list's total (the list's own condition), all counted in one statement.
    yearSession(db, orgId, year).then(async (session) => {
      if (!session) return null;
      const filters = PROPOSALS.map(([, , extra]) => ({ sessionId: session.id, ...extra }));
      const [totals] = await db.select(Object.fromEntries(filters.map((f, i) => [`n${i}`, sql<number>`(count(*) filter (where ${proposalWhere(actor, orgId, f)}))::int`])))
        .from(proposals).where(proposalWhere(actor, orgId, { sessionId: session.id }));
      return { session, filters, totals };
    }),
    listRounds(db, actor, { year, announced: true, page: 1, pageSize: 200 }),
  ]);

  // 双联: the party organisation (the party module's own figures) and the liaison counters.
  for (const f of party.figures) add({ ...f, key: `party.${f.key}` });
  const LIAISON: Record<keyof typeof tally.total, [string, string]> = {
    policyTalks: ['宣讲党的政策', '场次'], membersVisited: ['走访政协委员', '人次'], massesVisited: ['走访界别群众', '人次'],
    opinionsCollected: ['征求意见建议', '条'], problemsSolved: ['协调解决实际问题', '件'],
  };
  for (const k of Object.keys(LIAISON) as (keyof typeof LIAISON)[]) {
    const field = SUM_FIELD[k];
    add({ key: `liaison.${k}`, label: LIAISON[k][0], value: tally.total[k], unit: LIAISON[k][1], source: tally.sources[k], ...(field ? { field } : {}) });
  }
  add({ key: 'liaison.meetings', label: '双联见面会', value: meetings.length, unit: '次', source: `${API}/liaison/meetings${qs({ year })}` });
  // The campaign of the year (献一计): the one with the most ideas among those opened that year.
  const campaign = campaigns.filter((c) => c.opensOn.startsWith(`${year}-`)).sort((a, b) => b.ideas - a.ideas)[0] ?? null;
  if (campaign) {
    add({ key: 'campaign.ideas', label: '委员献计', value: campaign.ideas, unit: '条', source: `${API}/campaigns/${campaign.id}/ideas` });
    add({ key: 'campaign.adopted', label: '被采纳的献计', value: campaign.adopted, unit: '条', source: `${API}/campaigns/${campaign.id}/ideas${qs({ adopted: true })}` });
  }

  // 双创: the creation module's figures.
  if (creation) for (const f of creation.figures) add({ ...f, key: `creation.${f.key}` });

  // 双协: consultations held by kind, the online comments, the rooms, the recommendations' outcomes.
  const heldBy = new Map(heldRows.map((r) => [r.kind, r.n]));
  for (const kind of CONSULTATION_KINDS) {
    add({ key: `consultations.${kind}`, label: CONSULTATION_KIND_LABELS[kind], value: heldBy.get(kind) ?? 0, unit: '次', source: `${API}/consultations${qs({ kind, ...heldFilter })}` });
  }
  if (busiest) add({ key: 'online.comments', label: '网民留言', value: busiest.n, unit: '条', source: `${API}/consultations/${busiest.id}/comments` });

  add({ key: 'rooms.active', label: '协商在一线委员议事室', value: rooms.length, unit: '个', source: `${API}/consultations/rooms${qs({ active: true })}` });
  const hosts = (kind: 'county' | 'unit') => [...new Set(rooms.filter((r) => r.host.kind === kind).map((r) => r.host.name).filter((n): n is string => !!n)
    .map((n) => (kind === 'county' ? placeOf(n) : n)))];

  const outcomeBy = new Map(outcomeRows.map((x) => [x.kind, x.n]));
  for (const k of OUTCOME_KINDS) add({ key: `recommendations.${k}`, label: OUTCOME_LABELS[k], value: outcomeBy.get(k) ?? 0, unit: '条', source: `${API}/recommendations${qs({ year, outcome: k })}` });
  // A measure names its unit the way staff wrote it: 调整优化市区公交线路（条）.
  const measures = measureRows.map((m, i) => {
    const [, name, unit] = /^(.*?)[（(]([^（()）]{1,4})[)）]$/.exec(m.measure) ?? [null, m.measure, '项'];
    return { key: `measures.${i + 1}`, measure: m.measure, name: name!, unit: unit!, quantity: m.quantity };
  });
  for (const m of measures) {
    add({ key: m.key, label: m.name, value: m.quantity, unit: m.unit, source: `${API}/recommendations${qs({ year, measure: m.measure })}`, field: 'outcome.quantity' });
  }

  // 双评: the proposals of the year's plenary session.
  const session = counted?.session ?? null;
  if (counted) {
    PROPOSALS.forEach(([key, label], i) => add({
      key: `proposals.${key}`, label, value: Number(counted.totals?.[`n${i}`] ?? 0), unit: '件', source: `${API}/proposals${qs(counted.filters[i] as Record<string, string | boolean | string[]>)}`,
    }));
  }

  // 优秀提案: the announced rounds of the year, their excellent entries added up.
  if (rounds.total) {
    add({ key: 'proposals.excellent', label: '评出优秀提案', value: rounds.items.reduce((n, r) => n + (r.excellent ?? 0), 0), unit: '件', source: `${API}/selections${qs({ year, announced: true })}`, field: 'excellent' });
  }

  return {
    figures: out,
    context: {
      campaign: campaign && { id: campaign.id, title: campaign.title },
      onlineConsultation: busiest ? { id: busiest.id, title: busiest.title, held: (HELD as string[]).includes(busiest.state), stage: STEP_WORDS[busiest.state as keyof typeof STEP_WORDS]?.zh ?? busiest.state } : null,
      roomHosts: { counties: hosts('county'), units: hosts('unit') },
      measures: measures.map((m) => ({ key: m.key, measure: m.name })), session: session ? { id: session.id, number: session.number } : null,
    },
  };
}

/** Figures of one committee's records that are not added up (a campaign, a consultation, a measure is one committee's). */
const OWN_ONLY = /^(campaign\.|online\.|measures\.)/;
/** Figures whose lists, for the office and leaders, already cover the committees below (creation/access.ts). */
const WHOLE_TREE = /^creation\./;

/**
 * The figures over the caller's scope: its own, or with scope=tree (and org.oversee) each active
 * committee below computed on its own (org/rollup.ts) and added up figure by figure — the party
 * figures and the 双联 counters' totals read for all of them at once, grouped by committee (ByOrg).
 * `committees` names them; `tree` says whether anything below was added.
 */
export async function sishuangFiguresOver(db: Queryable, actor: Actor, year: number, scope?: Scope) {
  const committees = await figureScope(db, actor, scope);
  const byOrg = readByOrg(db, committees.map((c) => c.id), year);
  const parts = await perCommittee(db, actor, committees, (a) => sishuangFigures(db, a, year, { creation: a.orgId === actor.orgId && (committees.length > 1 ? 'tree' : true), ownOnly: a.orgId === actor.orgId, byOrg }));
  const own = parts[0]!.value;
  if (!rolledUp(parts)) return { ...own, figures: described(own.figures, own.context), committees, tree: false };
  // Added up: all but the 双创 figures (the caller's lists already cover the committees below) and
  // the one committee's records (the caller's alone).
  const summed = new Map(addFigures(parts.map((p) => ({ ...p, value: p.value.figures.filter((f) => !OWN_ONLY.test(f.key) && !WHOLE_TREE.test(f.key)) }))).map((f) => [f.key, f as Figure]));
  const ownOf = (f: Figure): Figure => (OWN_ONLY.test(f.key) ? { ...f, scope: 'own' } : WHOLE_TREE.test(f.key) ? { ...f, scope: 'tree', parts: [], sourceCovers: 'tree' } : summed.get(f.key)!);
  const figures = [...own.figures.map(ownOf), ...[...summed.values()].filter((f) => !own.figures.some((g) => g.key === f.key))];
  const contexts = parts.map((p) => p.value.context);
  const union = (get: (c: FigureContext) => string[]) => [...new Set(contexts.flatMap(get))];
  const context: FigureContext = {
    ...own.context,
    roomHosts: { counties: union((c) => c.roomHosts.counties), units: union((c) => c.roomHosts.units) },
    session: own.context.session ?? contexts.find((c) => c.session)?.session ?? null,
  };
  return { figures: described(figures, context), context, committees, tree: true };
}

/** Each figure with its source said in words and the page of its list (sources.ts). */
function described(figures: Figure[], context: FigureContext): Figure[] {
  const names: SourceNames = {
    campaigns: new Map(context.campaign ? [[context.campaign.id, context.campaign.title]] : []),
    consultations: new Map(context.onlineConsultation ? [[context.onlineConsultation.id, context.onlineConsultation.title]] : []),
    sessions: new Map(context.session ? [[context.session.id, context.session.number]] : []),
  };
  return figures.map((f) => ({ ...f, ...describeSource(f.source, names) }));
}
