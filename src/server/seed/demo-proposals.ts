// Two years of proposals for the demo committee: the sessions of 2025 and 2026, about 600
// proposals in every state of the workflow, with their co-signers, assignments, handling logs,
// extension requests, replies, evaluations, unit ratings, the leader's supervision of the key
// proposals, history (audit entries), reminder jobs
// for future due dates and a few recent notifications for the demo logins (co-signers asked to confirm too).
//
// Nothing here goes through the commands: each proposal's life is planned as a list of steps (the
// same actions the workflow table allows, in an order it accepts: checked below), laid out in
// time, then written with bulk inserts. Every choice comes from a seeded PRNG; only the dates
// depend on the day the seed runs: items still in progress are placed relative to today (so an
// assigned item is always inside its return window, a few are overdue, …), finished ones in the
// sessions' own years.
//
// Who acted: the demo has logins for six people only. Actions of a member or unit without a login
// are recorded as entered by the proposal office (the staff login), as paper proposals and paper
// replies are in practice; the history notes say so.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { getTableConfig, type PgInsertValue, type PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from '../core/db/client.ts';
import { auditLog } from '../core/schema.ts';
import { jobs, notifications } from '../core/jobs-schema.ts';
import { cosignNotice } from '../modules/proposals/notices.ts';
import { assignments, evaluations, extensionRequests, handlingLogs, replies } from '../modules/handling/schema.ts';
import { assignmentDates, DEFAULT_HANDLING, extensionCap, plusMonths, today } from '../modules/handling/deadlines.ts';
import { REMINDER_JOB } from '../modules/handling/engine.ts';
import { memberLetters, opinions } from '../modules/opinions/schema.ts';
import { proposalCosigners, proposalRatings, proposals, supervisionLogs } from '../modules/proposals/schema.ts';
import { proposalWorkflow, type ProposalState } from '../modules/proposals/workflow.ts';
import { CITY_PREFIX, COUNTIES, FEMALE_GIVEN, MALE_GIVEN, SURNAMES } from './demo-data.ts';
import {
  CLOSINGS, CO_OPINIONS, CONVERT_REASONS, EFFECTS, ELABORATIONS, EVALUATION_COMMENTS, EXEMPTION_REASONS, EXTENSION_REASONS, EXTENSION_REFUSALS, FIELD_INTRO,
  FIELD_NOTES, GENERIC_SUGGESTIONS, GROUP_PROPOSERS, LOG_TEXTS, NOT_FILED_REASONS, PROBLEM_CLOSINGS, PROBLEM_INTROS, RATING_COMMENTS,
  REPLY_BY_CATEGORY, REPLY_NEXT, REPLY_OPENINGS, REPLY_REHANDLED, REPLY_THANKS, RETURN_REASONS, SECTOR_PROPOSERS, SIGNIFICANCE, STATUS,
  SUGGESTION_INTROS, SUPERVISION_TEXTS, TOPICS, type Topic,
} from './demo-proposal-data.ts';
import { createRandom } from './random.ts';

export interface SessionInfo { id: string; termId: string; termNumber: number; number: number; startsOn: string; endsOn: string }

export interface ProposalSeedContext {
  orgId: string;
  /** Every member, in a fixed order (the roster's), with the name of their sector. */
  members: readonly { id: string; name: string; sector: string }[];
  units: readonly { id: string; name: string }[];
  /** The two sessions the proposals belong to, older first (the demo: 2025 and 2026). */
  sessions: readonly [SessionInfo, SessionInfo];
  staffUserId: string;
  /** The demo logins linked to a member: the leader (who also lead-handles the key proposals) and the member. */
  leader: { userId: string; memberId: string };
  member: { userId: string; memberId: string };
  /** The unit logins; the first two get a full in-tray each (the demo's `unit` and `unit2`). */
  unitLogins: readonly { userId: string; unitId: string }[];
  /** Dates of items in progress are relative to this (default: now). */
  now?: Date;
}

export type ProposalSeedCounts = Record<ProposalState, number>;

const SEED = 20250111;
const CHUNK = 1000;
const DAY_MS = 86_400_000;
const H = DEFAULT_HANDLING;

type State = ProposalState;
type Kind = 'member' | 'joint' | 'group' | 'committee' | 'sector';
type Flag = 'overdue' | 'pendingExt' | 'grantedExt' | 'refusedExt' | 'returned' | 'secondRound' | 'doubleUnsat' | 'key'
  | 'coOpinion' | 'noCoOpinion' | 'memberCosigns' | 'fromDraft' | 'published';
const TIMING: Flag[] = ['overdue', 'pendingExt', 'grantedExt', 'refusedExt', 'returned'];

/** How many proposals of each state, in the older and in the current session (drafts: see DRAFTS). */
const COUNTS: readonly [State, number, number][] = [
  ['closed', 238, 102], ['replied', 0, 50], ['handling', 0, 62], ['rehandling', 0, 12], ['assigned', 0, 30], ['filed', 0, 18],
  ['submitted', 0, 18], ['not_filed', 12, 12], ['merged', 6, 6], ['converted', 6, 6], ['withdrawn', 3, 3],
];

/** The `member` login's own proposals: a few in every state. */
const MEMBER_PLAN: readonly [State, 0 | 1, Kind][] = [
  ['closed', 0, 'member'], ['closed', 0, 'joint'], ['closed', 0, 'member'], ['closed', 1, 'member'], ['closed', 1, 'joint'],
  ['replied', 1, 'member'], ['replied', 1, 'joint'], ['rehandling', 1, 'member'], ['handling', 1, 'member'], ['handling', 1, 'joint'],
  ['assigned', 1, 'member'], ['filed', 1, 'member'], ['submitted', 1, 'member'], ['submitted', 1, 'joint'],
  ['not_filed', 0, 'member'], ['converted', 1, 'member'], ['withdrawn', 0, 'member'], ['merged', 1, 'member'],
];
const LEADER_PLAN: readonly [State, 0 | 1, Kind][] = [['closed', 0, 'member'], ['closed', 1, 'joint'], ['handling', 1, 'member'], ['replied', 1, 'member']];

/**
 * Drafts exist only in their proposer's own account, so only the two logins with a member have
 * them: the member's (one waiting for co-signers, one ready to submit, one inviting the leader)
 * and the leader's (one inviting the member to co-sign: the member's 确认附议 to-do).
 */
const DRAFTS: readonly { who: 'member' | 'leader'; kind: Kind; cosign: ('other' | 'otherConfirmed' | 'member' | 'leader')[] }[] = [
  { who: 'member', kind: 'member', cosign: [] },
  { who: 'member', kind: 'member', cosign: [] },
  { who: 'member', kind: 'joint', cosign: ['other', 'other'] },
  { who: 'member', kind: 'joint', cosign: ['otherConfirmed', 'otherConfirmed'] },
  { who: 'member', kind: 'joint', cosign: ['leader', 'otherConfirmed'] },
  { who: 'leader', kind: 'joint', cosign: ['member', 'otherConfirmed'] },
  { who: 'leader', kind: 'member', cosign: [] },
];

interface Slot { state: State; session: 0 | 1; proposer?: 'member' | 'leader'; kind?: Kind; lead?: string; co?: string; flags: Set<Flag> }

/** One step of a proposal's life: a workflow action (or 'created'), on a day, by someone. */
interface Step {
  action: string;
  day: number;
  official: boolean; // staff or a unit: office hours
  unitId?: string;
  memberId?: string;
  data?: Record<string, unknown>;
  order?: number; // as planned: ties on a day keep it
  at?: Date;
}

interface Chain { C: number; S?: number; W?: number; D?: number; F?: number; A0?: number; R?: number; A?: number; LS?: number; R1?: number; E1?: number; R2?: number; E2?: number; P?: number }

interface Plan {
  id: string; slot: Slot; topic: Topic; title: string; body: string; kind: Kind;
  proposerMemberId: string | null; proposerName: string; createdBy: string;
  cosigners: { memberId: string; pending: boolean; via?: string; confirmedDay?: number; confirmedAt?: Date }[];
  lead: string; co: string[]; firstLead?: string;
  during: boolean; chain: Chain; steps: Step[];
  number?: number; mergeInto?: Plan;
}

// ── Days ────────────────────────────────────────────────────────────────────────────────────

const dayNum = (s: string) => Date.parse(`${s}T00:00:00Z`) / DAY_MS;
const dayStr = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const addMonths = (n: number, k: number) => dayNum(plusMonths(dayStr(n), k));
const weekday = (n: number) => new Date(n * DAY_MS).getUTCDay();
/** A moment on a day, `minutes` after midnight in China. */
const moment = (n: number, minutes: number) => new Date(n * DAY_MS + (minutes - 480) * 60_000);
const OPEN_STATES: State[] = ['assigned', 'handling', 'rehandling'];

/**
 * Bulk insert, a chunk per statement, the rows travelling as one JSON parameter (jsonb_to_recordset):
 * several times cheaper than thousands of bound values, on PGlite and PostgreSQL alike. Columns are
 * the schema's (snake_case in the database); one no row sets keeps its database default.
 */
async function insertAll<T extends PgTable>(db: Queryable, table: T, rows: PgInsertValue<T>[]) {
  if (!rows.length) return;
  const { name, columns } = getTableConfig(table);
  const given = rows as Record<string, unknown>[];
  const cols = columns.filter((c) => given.some((r) => r[c.name] !== undefined));
  for (const c of cols) {
    if (c.notNull && given.some((r) => r[c.name] === undefined) && (c.default === undefined || typeof c.default === 'object')) {
      throw new Error(`demo proposals: ${name}.${c.name} missing in some rows`);
    }
  }
  const snake = (s: string) => s.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`);
  const list = sql.raw(cols.map((c) => `"${snake(c.name)}"`).join(', '));
  const types = sql.raw(cols.map((c) => `"${snake(c.name)}" ${c.getSQLType()}`).join(', '));
  for (let i = 0; i < given.length; i += CHUNK) {
    const json = given.slice(i, i + CHUNK).map((r) => Object.fromEntries(cols.map((c) => [snake(c.name), r[c.name] === undefined ? c.default ?? null : r[c.name]])));
    await db.execute(sql`insert into ${sql.identifier(name)} (${list}) select ${list} from jsonb_to_recordset(${JSON.stringify(json)}::jsonb) as x(${types})`);
  }
}

/** Transitions the workflow table allows (from → action), to check every planned step. */
const ALLOWED = new Set(proposalWorkflow.transitions.flatMap((t) => (typeof t.from === 'string' ? [t.from] : t.from).map((f) => `${f}:${t.action}`)));

export async function seedDemoProposals(tx: Queryable, ctx: ProposalSeedContext): Promise<ProposalSeedCounts> {
  const rng = createRandom(SEED);
  // Times of day come from their own stream, so that where a date falls never shifts the content.
  const clock = createRandom(SEED + 1);
  // The proposers' view of the result and the office's publication exemptions: a third stream.
  const views = createRandom(SEED + 2);
  // The leader's supervision of the key proposals: a fourth, added later without moving the others.
  const oversight = createRandom(SEED + 3);
  const now = ctx.now ?? new Date();
  const nowDay = dayNum(today(now));
  const yesterday = nowDay - 1;
  const sess = ctx.sessions.map((s) => ({ ...s, start: dayNum(s.startsOn), end: dayNum(s.endsOn) }));
  const { orgId } = ctx;
  if (nowDay < sess[1]!.end + 30) {
    throw new Error(`demo proposals: today (${dayStr(nowDay)}) is before the ${ctx.sessions[1].startsOn} session has had a month of proposals; check the clock`);
  }

  const unitByName = new Map(ctx.units.map((u) => [u.name, u.id]));
  const unitName = new Map(ctx.units.map((u) => [u.id, u.name]));
  const unitId = (name: string) => { const id = unitByName.get(name); if (!id) throw new Error(`demo proposals: no unit ${name}`); return id; };
  const unitUser = new Map(ctx.unitLogins.map((l) => [l.unitId, l.userId]));
  const memberUser = new Map([[ctx.member.memberId, ctx.member.userId], [ctx.leader.memberId, ctx.leader.userId]]);
  const memberById = new Map(ctx.members.map((m) => [m.id, m]));
  const protagonists = new Set([ctx.member.memberId, ctx.leader.memberId]);
  const others = ctx.members.filter((m) => !protagonists.has(m.id));
  const bySector = new Map<string, typeof others>();
  for (const m of others) bySector.set(m.sector, [...(bySector.get(m.sector) ?? []), m]);
  const [unitA, unitB] = ctx.unitLogins.map((l) => unitName.get(l.unitId)!);
  if (!unitA || !unitB) throw new Error('demo proposals: two unit logins expected');

  // Each unit's head signs its replies.
  const head = new Map(ctx.units.map((u) => [u.id, rng.pick(SURNAMES) + rng.pick(rng.chance(0.8) ? MALE_GIVEN : FEMALE_GIVEN)]));

  // ── Which proposal is what: slots ─────────────────────────────────────────────────────────

  const slots: Slot[] = [];
  for (const [state, a, b] of COUNTS) {
    for (let i = 0; i < a; i++) slots.push({ state, session: 0, flags: new Set() });
    for (let i = 0; i < b; i++) slots.push({ state, session: 1, flags: new Set() });
  }
  const take = (n: number, match: (s: Slot) => boolean, apply: (s: Slot) => void) => {
    const pool = rng.shuffle(slots.filter(match));
    if (pool.length < n) throw new Error(`demo proposals: only ${pool.length} slots for ${n}`);
    pool.slice(0, n).forEach(apply);
  };
  const is = (state: State, session: 0 | 1) => (s: Slot) => s.state === state && s.session === session;
  const timed = (s: Slot) => TIMING.some((f) => s.flags.has(f));

  for (const [who, plan] of [['member', MEMBER_PLAN], ['leader', LEADER_PLAN]] as const) {
    for (const [state, session, kind] of plan) take(1, (s) => is(state, session)(s) && !s.proposer, (s) => { s.proposer = who; s.kind = kind; });
  }
  // The member co-signs some proposals of others.
  for (const [state, session] of [['closed', 0], ['closed', 1], ['handling', 1], ['replied', 1], ['assigned', 1]] as const) {
    take(1, (s) => is(state, session)(s) && !s.proposer && !s.kind, (s) => { s.kind = 'joint'; s.flags.add('memberCosigns'); });
  }
  // The two unit logins: items in every stage, as lead and as co-handling unit.
  const quota = (unit: string, role: 'lead' | 'co', state: State, n: number, flags: Flag[] = []) =>
    take(n, (s) => is(state, 1)(s) && !s.lead && !s.co, (s) => { if (role === 'lead') s.lead = unit; else s.co = unit; flags.forEach((f) => s.flags.add(f)); });
  quota(unitA, 'lead', 'assigned', 5); quota(unitA, 'lead', 'handling', 9); quota(unitA, 'lead', 'rehandling', 2); quota(unitA, 'lead', 'replied', 5);
  quota(unitA, 'co', 'assigned', 2); quota(unitA, 'co', 'handling', 3, ['noCoOpinion']); quota(unitA, 'co', 'handling', 1, ['coOpinion']); quota(unitA, 'co', 'replied', 1);
  quota(unitB, 'lead', 'assigned', 2); quota(unitB, 'lead', 'handling', 4); quota(unitB, 'lead', 'rehandling', 1); quota(unitB, 'lead', 'replied', 2);
  const flag = (f: Flag, n: number, match: (s: Slot) => boolean) => take(n, (s) => match(s) && !s.flags.has(f), (s) => s.flags.add(f));
  const handlingOf = (unit?: string) => (s: Slot) => is('handling', 1)(s) && s.lead === unit && !timed(s);
  flag('overdue', 2, handlingOf(unitA)); flag('pendingExt', 1, handlingOf(unitA)); flag('grantedExt', 1, handlingOf(unitA));
  flag('overdue', 1, handlingOf(unitB)); flag('pendingExt', 1, handlingOf(unitB));
  flag('overdue', 3, handlingOf(undefined)); flag('pendingExt', 1, handlingOf(undefined)); flag('grantedExt', 1, handlingOf(undefined));
  const free = (state: State, session: 0 | 1) => (s: Slot) => is(state, session)(s) && !timed(s);
  flag('grantedExt', 2, free('replied', 1)); flag('grantedExt', 5, free('closed', 0)); flag('grantedExt', 3, free('closed', 1));
  flag('refusedExt', 2, free('closed', 0));
  flag('returned', 3, free('closed', 0)); flag('returned', 2, free('closed', 1)); flag('returned', 2, (s) => free('handling', 1)(s) && !s.lead);
  flag('returned', 2, free('filed', 1));
  flag('secondRound', 8, is('closed', 0)); flag('secondRound', 4, is('closed', 1)); flag('secondRound', 5, is('replied', 1));
  flag('doubleUnsat', 1, (s) => is('rehandling', 1)(s) && !s.proposer);
  flag('key', 10, (s) => is('closed', 0)(s) && !s.proposer); flag('key', 3, (s) => is('closed', 1)(s) && !s.proposer);
  for (const state of ['replied', 'handling', 'rehandling', 'assigned'] as const) flag('key', state === 'handling' ? 3 : state === 'replied' ? 2 : 1, (s) => is(state, 1)(s) && !s.proposer);
  for (const s of slots) {
    if (s.state === 'withdrawn' && rng.chance(0.4)) s.flags.add('fromDraft');
    // Last year's closed proposals are mostly published by now; this year's are catching up.
    if (s.state === 'closed' && rng.chance(s.session === 0 ? 0.85 : 0.4)) s.flags.add('published');
    if (s.kind) continue;
    const personal = ['withdrawn', 'not_filed', 'converted', 'merged'].includes(s.state);
    const collective = s.flags.has('key') ? 0.45 : personal ? 0 : 0.08;
    s.kind = rng.chance(collective) ? rng.weighted(['group', 'committee', 'sector'] as const, [55, 25, 20]) : rng.chance(0.22) ? 'joint' : 'member';
  }

  // ── Texts ───────────────────────────────────────────────────────────────────────────────

  const districts = COUNTIES.map((c) => c.place.replace(CITY_PREFIX, ''));
  const rural = districts.filter((d) => d.endsWith('县'));
  const expand = (template: string) => template
    .replaceAll('{区}', () => rng.pick(districts)).replaceAll('{县}', () => rng.pick(rural))
    .replace(/\{([^{}]*\|[^{}]*)\}/g, (_, alts: string) => rng.pick(alts.split('|')));
  const usedTitles = new Map<string, number>();
  const titleOf = (t: Topic, avoid?: string) => {
    let title = '';
    for (let i = 0; i < 12; i++) {
      title = expand(rng.pick(t.titles));
      if (!usedTitles.has(title) && title !== avoid) break;
    }
    usedTitles.set(title, (usedTitles.get(title) ?? 0) + 1);
    return title;
  };
  const ORD = ['一', '二', '三', '四', '五', '六', '七'];
  /** n items in their original order. */
  const some = <T>(items: readonly T[], n: number) => rng.sample(items.map((x, i) => [x, i] as const), n).sort((a, b) => a[1] - b[1]).map(([x]) => x);
  /**
   * 案由 (background, what the proposer found, the problems) and 建议 (numbered suggestions). A
   * thorough one (a party group's, a committee's, or one in five of the members') says it all.
   */
  const bodyOf = (t: Topic, collective = false) => {
    const subject = (x: string) => x.replaceAll('{subject}', t.subject);
    const thorough = rng.chance(0.2) || collective;
    const field = rng.chance(0.45);
    const background = thorough || rng.chance(0.3) ? t.background.join('') : rng.pick(t.background);
    const opening = background + (rng.chance(0.4) ? rng.pick(SIGNIFICANCE) : '') + (rng.chance(0.6) ? subject(rng.pick(STATUS)) : '');
    const intro = field ? `${expand(rng.pick(FIELD_NOTES))}${FIELD_INTRO}` : rng.pick(PROBLEM_INTROS);
    const problems = some(t.problems, thorough ? t.problems.length : rng.int(3, t.problems.length)).map((p) => p + (rng.chance(0.3) ? rng.pick(ELABORATIONS) : ''));
    const inline = rng.chance(0.4);
    const problemText = inline
      ? `${problems.map((p, i) => `${ORD[i]}是${p}`).join('；')}。`
      : problems.map((p, i) => `（${ORD[i]}）${p}${i === problems.length - 1 ? '。' : '；'}`).join('\n');
    const [closeProblems, problemClosing] = [rng.chance(0.5), subject(rng.pick(PROBLEM_CLOSINGS))];
    const suggestions = [...some(t.suggestions, thorough ? t.suggestions.length : rng.int(4, t.suggestions.length)), ...(rng.chance(0.5) ? [rng.pick(GENERIC_SUGGESTIONS)] : [])];
    const suggestionIntro = rng.pick(SUGGESTION_INTROS);
    const [withEffect, effect] = [rng.chance(0.5), subject(rng.pick(EFFECTS))];
    const closing = rng.pick(CLOSINGS);
    const write = (full: boolean) => ['一、案由', field ? opening : opening + intro, field ? intro : '', problemText, full || closeProblems ? problemClosing : '',
      '二、建议', suggestionIntro, ...suggestions.map((x, i) => `${i + 1}. ${x}`), full || withEffect ? effect : '', closing].filter(Boolean).join('\n');
    const body = write(thorough);
    return body.length >= 360 ? body : write(true); // a short one keeps its closing sentences
  };
  const we = (unit: string) => (/(委员会|国资委)$/.test(unit) ? '我委' : /院$/.test(unit) ? '我院' : /公司$/.test(unit) ? '我公司'
    : /办公室$/.test(unit) ? '我办' : /局$/.test(unit) ? '我局' : /(会|联)$/.test(unit) ? '我会' : '我们');
  const FIELDS: Record<string, string> = {
    市中级人民法院: '审判', 市人民检察院: '检察', 市供电公司: '供电服务', 市总工会: '工会', 团市委: '共青团', 市妇联: '妇女儿童',
    市残联: '残疾人', 市人民政府外事办公室: '外事', 市国资委: '国资监管',
  };
  const fieldOf = (unit: string) => FIELDS[unit] ?? unit.replace(/^市/, '').replace(/(委员会|局)$/, '');
  const fill = (s: string, unit: string, you: string, year: number) =>
    s.replaceAll('{we}', we(unit)).replaceAll('{you}', you).replaceAll('{field}', fieldOf(unit)).replaceAll('{year}', String(year));

  // ── Planning each proposal ──────────────────────────────────────────────────────────────

  const topicsLedBy = (unit: string) => TOPICS.filter((t) => t.lead.includes(unit));
  const topicsCoBy = (unit: string) => TOPICS.filter((t) => t.co.includes(unit) && !t.lead.includes(unit));
  const proposerFor = (t: Topic) => {
    const pool = t.sectors.flatMap((s) => bySector.get(s) ?? []);
    return pool.length && rng.chance(0.6) ? rng.pick(pool) : rng.pick(others);
  };
  const cosignersFor = (proposer: string, n: number, exclude: string[] = []) => {
    const sector = memberById.get(proposer)?.sector;
    const out: string[] = [];
    while (out.length < n) {
      const pool = sector && rng.chance(0.6) ? bySector.get(sector) ?? others : others;
      const m = rng.pick(pool).id;
      if (m !== proposer && !out.includes(m) && !exclude.includes(m)) out.push(m);
    }
    return out;
  };
  const collectiveName = (kind: Kind, t: Topic) => (kind === 'group' ? (t.org && rng.chance(0.4) ? t.org : rng.pick(GROUP_PROPOSERS))
    : kind === 'committee' ? (rng.chance(0.25) ? '提案委员会' : t.committee)
    : t.sectors.map((s) => SECTOR_PROPOSERS[s]).find(Boolean) ?? '经济界别');

  /** The main steps' days, forward from the submission on day S. Always the same draws, whatever the path. */
  function chainFrom(slot: Slot, S: number, during: boolean, s: (typeof sess)[number]): Chain {
    const g = Array.from({ length: 13 }, () => rng.next());
    const r = (u: number, lo: number, hi: number) => lo + Math.floor(u * (hi - lo + 1));
    const t = slot.state;
    const c: Chain = { C: S - (slot.kind === 'joint' ? r(g[0]!, 2, 12) : r(g[0]!, 0, 10)) };
    if (t === 'withdrawn' && slot.flags.has('fromDraft')) { c.W = c.C + r(g[1]!, 1, 20); return c; }
    c.S = S;
    if (t === 'withdrawn') { c.W = S + r(g[1]!, 1, 12); return c; }
    if (t === 'submitted') return c;
    if (t === 'not_filed' || t === 'converted') { c.D = during ? Math.max(S + 1, s.end + r(g[2]!, 5, 20)) : S + r(g[2]!, 3, 15); return c; }
    c.F = during ? Math.max(S + 1, s.end + r(g[3]!, 4, 18)) : S + r(g[3]!, 2, 14);
    const nextA = (from: number) => (during ? Math.max(from + 1, s.end + r(g[4]!, 26, 38)) : from + r(g[4]!, 2, 12));
    let A = nextA(c.F);
    if (slot.flags.has('returned')) {
      c.A0 = A; c.R = A + r(g[5]!, 1, 6);
      if (t === 'filed') return c;
      A = c.R + r(g[6]!, 2, 8);
    }
    if (t === 'filed') return c;
    c.A = A;
    if (t === 'assigned') return c;
    c.LS = A + r(g[7]!, 0, 6);
    if (t === 'handling') return c;
    const grantedReply = r(g[8]!, 95, 145), normalReply = slot.flags.has('refusedExt') ? r(g[8]!, 75, 86) : r(g[8]!, 25, 85);
    c.R1 = Math.max(c.LS + 2, A + (slot.flags.has('grantedExt') ? grantedReply : normalReply));
    const twice = slot.flags.has('secondRound') || slot.flags.has('doubleUnsat');
    if (t === 'replied' && !twice) return c;
    c.E1 = c.R1 + r(g[9]!, 3, 28);
    if (t === 'closed' && !twice) { if (slot.flags.has('published')) c.P = c.E1 + r(g[12]!, 7, 60); return c; }
    if (t === 'rehandling' && !twice) return c;
    c.R2 = c.E1 + r(g[10]!, 20, 80);
    if (t === 'replied') return c;
    c.E2 = c.R2 + r(g[11]!, 3, 25);
    if (t === 'closed' && slot.flags.has('published')) c.P = c.E2 + r(g[12]!, 7, 60);
    return c;
  }
  const KEYS = ['C', 'S', 'W', 'D', 'F', 'A0', 'R', 'A', 'LS', 'R1', 'E1', 'R2', 'E2', 'P'] as const;
  type Key = (typeof KEYS)[number];
  const OFFICIAL: Key[] = ['D', 'F', 'A0', 'R', 'A', 'LS', 'R1', 'R2', 'P'];
  const present = (c: Chain) => KEYS.filter((k) => c[k] !== undefined);
  const last = (c: Chain) => Math.max(...present(c).map((k) => c[k]!));

  /** Where a proposal in progress stands relative to today: its anchor step and how many days ago. */
  function anchorOf(slot: Slot, c: Chain): [Key, number] {
    const u = rng.next();
    const ago = (lo: number, hi: number) => lo + Math.floor(u * (hi - lo + 1));
    const f = slot.flags;
    switch (slot.state) {
      case 'submitted': return ['S', ago(1, 14)];
      case 'filed': return f.has('returned') ? ['R', ago(1, 4)] : ['F', ago(1, 12)];
      case 'assigned': return ['A', ago(1, 5)];
      case 'handling': return ['A', f.has('overdue') ? ago(96, 125) : f.has('pendingExt') ? ago(76, 86) : f.has('grantedExt') ? ago(100, 135) : ago(12, 80)];
      case 'replied': return [c.R2 !== undefined ? 'R2' : 'R1', ago(1, 40)];
      case 'rehandling': return [c.E2 !== undefined ? 'E2' : 'E1', ago(5, 75)];
      default: throw new Error(`no anchor for ${slot.state}`);
    }
  }

  /** Lays the chain out in time: finished proposals in their session's year, the others relative to today. */
  function place(slot: Slot): { chain: Chain; during: boolean } {
    const s = sess[slot.session]!;
    const windowEnd = slot.session === 0 ? sess[1]!.start - 1 : Math.min(yesterday, s.start + 364);
    const wantDuring = rng.chance(0.78);
    const uDuring = rng.next(), uBetween = rng.next();
    const duringDay = s.start + Math.floor(uDuring * (s.end - s.start + 1));
    let chain: Chain, during: boolean;
    if (OPEN_STATES.includes(slot.state) || ['submitted', 'filed', 'replied'].includes(slot.state)) {
      chain = chainFrom(slot, 0, false, s);
      const [key, ago] = anchorOf(slot, chain);
      const shift = yesterday + 1 - ago - chain[key]!;
      for (const k of present(chain)) chain[k] = chain[k]! + shift;
      const anchor = chain[key]!;
      for (const k of present(chain)) if (chain[k]! > anchor) chain[k] = Math.min(chain[k]!, yesterday);
      // Numbered in the session its submission falls in: the current one, or the one before early in the year.
      if (chain.S! < sess[1]!.start) slot.session = 0;
      const own = sess[slot.session]!;
      if (chain.S! < own.start) {
        const span = anchor - chain.S!;
        if (anchor > own.start) { // squeeze what came before the anchor into the session's year
          for (const k of present(chain)) if (chain[k]! < anchor) chain[k] = anchor - Math.round(((anchor - chain[k]!) * (anchor - own.start)) / span);
        } else { // today is before the sessions' time: crowd it all after the first session's start
          const shift = own.start - chain.S!;
          for (const k of present(chain)) chain[k] = Math.min(chain[k]! + shift, Math.max(yesterday, own.start));
        }
      }
      during = chain.S! >= own.start && chain.S! <= own.end;
    } else {
      chain = chainFrom(slot, wantDuring ? duringDay : 0, wantDuring, s);
      during = wantDuring;
      if (!wantDuring) {
        const span = last(chain);
        const lo = s.end + 1, hi = Math.min(windowEnd, yesterday - span);
        const S = hi >= lo ? lo + Math.floor(uBetween * (hi - lo + 1)) : duringDay;
        during = hi < lo;
        for (const k of present(chain)) chain[k] = chain[k]! + S;
      }
      const end = last(chain);
      if (end > yesterday) { // not enough time since: the same steps, closer together
        const S0 = chain.S ?? chain.C, k0 = (yesterday - S0) / (end - S0);
        for (const k of present(chain)) if (chain[k]! > S0) chain[k] = S0 + Math.floor((chain[k]! - S0) * k0);
      }
    }
    // Offices work on weekdays: move official steps off weekends where their neighbours allow.
    const keys = present(chain).sort((a, b) => chain[a]! - chain[b]! || KEYS.indexOf(a) - KEYS.indexOf(b));
    keys.forEach((k, i) => {
      if (!OFFICIAL.includes(k)) return;
      const d = chain[k]!, w = weekday(d);
      if (w !== 0 && w !== 6) return;
      const prev = i ? chain[keys[i - 1]!]! : -Infinity, next = i < keys.length - 1 ? chain[keys[i + 1]!]! : Infinity;
      const back = d - (w === 6 ? 1 : 2), fwd = d + (w === 6 ? 2 : 1);
      if (back >= prev) chain[k] = back;
      else if (fwd <= next && fwd <= yesterday) chain[k] = fwd;
    });
    return { chain, during };
  }

  const plans: Plan[] = [];
  const merged: Slot[] = [];
  for (const slot of slots) {
    if (slot.state === 'merged') { merged.push(slot); continue; }
    plans.push(planOne(slot));
  }

  function pickTopic(slot: Slot): Topic {
    if (slot.lead) return rng.pick(topicsLedBy(slot.lead));
    if (slot.co) return rng.pick(topicsCoBy(slot.co));
    return rng.pick(TOPICS);
  }

  function planOne(slot: Slot, topic = pickTopic(slot), avoid?: string): Plan {
    const kind = slot.kind!;
    const title = titleOf(topic, avoid);
    const body = bodyOf(topic, ['group', 'committee', 'sector'].includes(kind));
    const protagonist = slot.proposer === 'member' ? ctx.member : slot.proposer === 'leader' ? ctx.leader : null;
    const collective = kind === 'group' || kind === 'committee' || kind === 'sector';
    const proposer = collective ? null : protagonist ? memberById.get(protagonist.memberId)! : proposerFor(topic);
    const nCos = kind === 'joint' ? rng.weighted([1, 2, 3, 4], [40, 30, 20, 10]) : 0;
    const cos = proposer ? cosignersFor(proposer.id, nCos, [ctx.member.memberId]) : [];
    if (slot.flags.has('memberCosigns')) cos[0] = ctx.member.memberId;
    const lead = slot.lead ? unitId(slot.lead) : unitId(rng.chance(0.8) ? topic.lead[0]! : rng.pick(topic.lead));
    const coPool = topic.co.map(unitId).filter((u) => u !== lead);
    const nCo = slot.co ? rng.weighted([1, 2], [75, 25]) : rng.weighted([0, 1, 2], [60, 30, 10]);
    const co = slot.co ? [unitId(slot.co), ...rng.sample(coPool.filter((u) => u !== unitId(slot.co!)), nCo - 1)] : rng.sample(coPool, nCo);
    const wrongPool = [...topic.co, ...topic.lead].map(unitId).filter((u) => u !== lead);
    const firstLead = slot.flags.has('returned') ? rng.pick(wrongPool.length ? wrongPool : ctx.units.map((u) => u.id).filter((u) => u !== lead)) : undefined;
    const { chain, during } = place(slot);
    const plan: Plan = {
      id: randomUUID(), slot, topic, title, body, kind,
      proposerMemberId: proposer?.id ?? null, proposerName: proposer?.name ?? collectiveName(kind, topic),
      createdBy: protagonist?.userId ?? ctx.staffUserId,
      cosigners: cos.map((memberId) => ({ memberId, pending: false })),
      lead, co, firstLead, during, chain, steps: [],
    };
    plan.steps = stepsOf(plan);
    return plan;
  }

  /** Everything that happened, in order: the chain plus co-signing, signing, opinions, contacts, extensions, ratings. */
  function stepsOf(p: Plan): Step[] {
    const { chain: c, slot } = p;
    const f = slot.flags;
    const steps: Step[] = [];
    const u = () => rng.next();
    const within = (x: number, lo: number, hi: number) => (hi < lo ? lo : lo + Math.floor(x * (hi - lo + 1)));
    const add = (action: string, day: number, official: boolean, extra: Partial<Step> = {}) => steps.push({ action, day, official, ...extra });
    /** A working day in [lo, hi] near `x` (offices rarely act at weekends). */
    const onWorkday = (x: number, lo: number, hi: number) => {
      const d = within(x, lo, hi), w = weekday(d);
      if (w !== 0 && w !== 6) return d;
      const back = d - (w === 6 ? 1 : 2), fwd = d + (w === 6 ? 2 : 1);
      return back >= lo ? back : fwd <= Math.min(hi, yesterday) ? fwd : d;
    };
    // Steps of a proposer without a login are entered by the office, in office hours.
    const byOffice = !p.proposerMemberId || !memberUser.has(p.proposerMemberId);
    const end = (next?: number) => Math.min(next === undefined ? yesterday : next - 1, yesterday);

    add('created', c.C, byOffice);
    const cosignDraws = p.cosigners.map(() => u());
    p.cosigners.forEach((x, i) => {
      const day = within(cosignDraws[i]!, c.C, c.S ?? c.W ?? yesterday);
      if (memberUser.has(x.memberId)) add('cosign', day, false, { memberId: x.memberId });
      else x.confirmedDay = day;
    });
    if (c.S !== undefined) add('submit', c.S, byOffice);
    if (c.W !== undefined) add('withdraw', c.W, byOffice);
    const reason = { reject: rng.pick(NOT_FILED_REASONS), to: rng.chance(0.5) ? 'opinion' as const : 'letter' as const };
    if (c.D !== undefined) {
      if (slot.state === 'not_filed') add('reject', c.D, true, { data: { reason: reason.reject } });
      else add('convert', c.D, true, { data: { to: reason.to, reason: rng.pick(CONVERT_REASONS[reason.to]) } });
    }
    if (c.F === undefined) return steps;
    add('file', c.F, true);
    const keyDraw = u();
    if (f.has('key')) add('markKey', onWorkday(keyDraw, c.F, Math.min(c.A ?? c.A0 ?? yesterday, c.F + 20, yesterday)), true);
    if (c.A0 !== undefined) {
      add('assign', c.A0, true, { data: { units: [{ unitId: p.firstLead!, role: 'lead' }] } });
      add('return', c.R!, true, { unitId: p.firstLead, data: { reason: rng.pick(RETURN_REASONS).replaceAll('{unit}', unitName.get(p.lead)!) } });
    }
    if (c.A === undefined) return steps;
    const units = [{ unitId: p.lead, role: 'lead' }, ...p.co.map((x) => ({ unitId: x, role: 'co' }))];
    add('assign', c.A, true, { data: { units } });
    if (c.LS !== undefined) add('sign', c.LS, true, { unitId: p.lead });
    const coDue = addMonths(c.A, H.coOpinionMonths);
    for (const x of p.co) {
      const [uSign, uSigned, uOpinion, uWants, opinion] = [u(), u(), u(), u(), rng.pick(CO_OPINIONS)];
      const signDay = onWorkday(uSign, c.A, Math.min(c.A + 6, end(c.R1)));
      const signs = slot.state === 'assigned' ? uSigned < 0.4 && signDay <= yesterday : true;
      if (!signs) continue;
      add('sign', signDay, true, { unitId: x });
      const wants = x === unitByName.get(slot.co ?? '') && f.has('noCoOpinion') ? false : x === unitByName.get(slot.co ?? '') && f.has('coOpinion') ? true
        : c.R1 !== undefined ? uWants < 0.9 : uWants < 0.5;
      const hi = Math.min(coDue, end(c.R1));
      if (wants && hi >= signDay) add('opinion', onWorkday(uOpinion, signDay, hi), true, { unitId: x, data: { content: opinion } });
    }
    if (c.LS === undefined) return steps;
    // Contacts with the proposer before the reply (a few also by a co unit).
    const contacts = (from: number, to: number, n: number) => {
      const draws = Array.from({ length: 4 }, () => [u(), u(), u()] as const);
      const kinds = draws.map(([, k]) => (k < 0.4 ? 'phone' : k < 0.75 ? 'visit' : k < 0.95 ? 'meeting' : 'note'));
      const days = draws.slice(0, n).map(([d]) => onWorkday(d, from, to)).sort((a, b) => a - b);
      const texts = kinds.map((k) => rng.pick(LOG_TEXTS[k]));
      days.forEach((day, i) => {
        const byCo = p.co.length > 0 && draws[i]![2] < 0.15;
        const unit = byCo ? p.co[0]! : p.lead;
        const coSigned = steps.find((s) => s.action === 'sign' && s.unitId === unit);
        if (byCo && (!coSigned || coSigned.day > day)) return;
        add('logContact', day, true, { unitId: unit, data: { kind: kinds[i]!, text: texts[i]! } });
      });
    };
    contacts(c.LS, end(c.R1), rng.weighted([0, 1, 2, 3], [15, 40, 30, 15]));
    // Extensions.
    const due = addMonths(c.A, H.replyMonths);
    const [uReq, uDec] = [u(), u()];
    const extReason = rng.pick(EXTENSION_REASONS), refusal = rng.pick(EXTENSION_REFUSALS), extMonths = rng.chance(0.5) ? 1 : 2;
    if (f.has('pendingExt')) {
      const day = Math.max(c.LS, yesterday - Math.floor(uReq * 4));
      add('requestExtension', day, true, { unitId: p.lead, data: { months: extMonths, reason: extReason } });
    } else if (f.has('grantedExt') || f.has('refusedExt')) {
      const granted = f.has('grantedExt');
      const req = granted ? Math.max(c.LS, due - 3 - Math.floor(uReq * 12)) : Math.max(c.LS, (c.R1 ?? yesterday) - 10 - Math.floor(uReq * 10));
      const dec = req + 1 + Math.floor(uDec * 4);
      if (dec <= end(c.R1)) {
        add('requestExtension', req, true, { unitId: p.lead, data: { months: granted ? 2 : extMonths, reason: extReason } });
        add(granted ? 'grantExtension' : 'refuseExtension', dec, true, granted ? {} : { data: { note: refusal } });
      }
    }
    if (c.R1 === undefined) return steps;
    const category = (second: boolean) => rng.weighted(['A', 'B', 'C'] as const, second ? [50, 45, 5] : [45, 40, 15]);
    const cat1 = category(false);
    add('reply', c.R1, true, { unitId: p.lead, data: { round: 1, category: cat1 } });
    const [uRate, rateScores] = [u(), [rng.weighted([3, 4, 5], [20, 50, 30]), rng.weighted([2, 3, 4, 5], [5, 25, 45, 25]), rng.weighted([2, 3, 4, 5], [5, 30, 45, 20])]];
    const rates = rng.chance(0.55);
    const rateComment = rng.pick(RATING_COMMENTS);
    if (rates) add('rate', onWorkday(uRate, c.R1, end(c.E1)), true, { unitId: p.lead, data: { scores: rateScores, comment: rateComment } });
    const satisfaction = (cat: string) => rng.weighted(['satisfied', 'basic'] as const, cat === 'A' ? [88, 12] : cat === 'B' ? [80, 20] : [60, 40]);
    if (c.E1 === undefined) return steps;
    const twice = c.R2 !== undefined || slot.state === 'rehandling';
    add('evaluate', c.E1, byOffice, { data: { satisfaction: twice ? 'unsatisfied' : satisfaction(cat1) } });
    if (!twice) { if (c.P !== undefined) add('publish', c.P, true); return steps; }
    contacts(c.E1, end(c.R2), rng.weighted([1, 2], [60, 40]));
    if (c.R2 === undefined) return steps;
    const cat2 = category(true);
    add('reply', c.R2, true, { unitId: p.lead, data: { round: 2, category: cat2 } });
    if (c.E2 === undefined) return steps;
    add('evaluate', c.E2, byOffice, { data: { satisfaction: f.has('doubleUnsat') ? 'unsatisfied' : satisfaction(cat2) } });
    if (c.P !== undefined) add('publish', c.P, true);
    return steps;
  }

  // Merged proposals: submitted after a similar one was filed, and merged into it.
  const intoStates: State[] = ['assigned', 'handling', 'replied', 'rehandling', 'closed']; // filed some days before
  for (const slot of merged) {
    const candidates = plans.filter((p) => p.slot.session === slot.session && intoStates.includes(p.slot.state));
    const target = rng.pick(candidates);
    const p = planOne({ ...slot, state: 'submitted', flags: new Set() }, target.topic, target.title);
    p.slot = slot;
    const s = sess[slot.session]!;
    const windowEnd = slot.session === 0 ? sess[1]!.start - 1 : yesterday - 1;
    const [uS, uD, uC] = [rng.next(), rng.next(), rng.next()];
    const S = Math.max(s.start, Math.min(windowEnd, target.chain.S! + Math.floor(uS * 11)));
    const D = Math.min(yesterday, Math.max(target.chain.F!, S) + 1 + Math.floor(uD * 10));
    const S2 = Math.min(S, D - 1);
    p.chain = { C: S2 - Math.floor(uC * 10), S: S2, D };
    p.during = S2 >= s.start && S2 <= s.end;
    p.steps = [
      { action: 'created', day: p.chain.C, official: p.steps[0]!.official },
      ...p.steps.filter((x) => x.action === 'cosign').map((x) => ({ ...x, day: Math.min(Math.max(x.day, p.chain.C), S2) })),
      { action: 'submit', day: S2, official: p.steps[0]!.official },
      { action: 'merge', day: D, official: true },
    ];
    for (const x of p.cosigners) x.confirmedDay = Math.min(Math.max(x.confirmedDay ?? S2, p.chain.C), S2);
    p.mergeInto = target;
    plans.push(p);
  }

  // Drafts of the two member logins.
  for (const d of DRAFTS) {
    const who = d.who === 'member' ? ctx.member : ctx.leader;
    const slot: Slot = { state: 'draft', session: 1, proposer: d.who, kind: d.kind, flags: new Set() };
    const topic = rng.pick(TOPICS);
    const ago = rng.int(1, 40);
    const p: Plan = {
      id: randomUUID(), slot, topic, title: titleOf(topic), body: bodyOf(topic), kind: d.kind,
      proposerMemberId: who.memberId, proposerName: memberById.get(who.memberId)!.name, createdBy: who.userId,
      cosigners: [], lead: '', co: [], during: false, chain: { C: nowDay - ago }, steps: [],
    };
    const otherIds = cosignersFor(who.memberId, d.cosign.length, [ctx.member.memberId, ctx.leader.memberId]);
    d.cosign.forEach((c, i) => {
      const memberId = c === 'member' ? ctx.member.memberId : c === 'leader' ? ctx.leader.memberId : otherIds[i]!;
      p.cosigners.push({ memberId, pending: c !== 'otherConfirmed' });
    });
    p.steps = [{ action: 'created', day: p.chain.C, official: false }];
    for (const x of p.cosigners) if (!x.pending) x.confirmedDay = Math.min(yesterday, p.chain.C + rng.int(0, 3));
    plans.push(p);
  }

  // ── Times of day, and numbers in filing order ───────────────────────────────────────────

  const latest = new Date(now.getTime() - 60_000);
  for (const p of plans) {
    p.steps.forEach((s, i) => { s.order = i; });
    p.steps.sort((a, b) => a.day - b.day || a.order! - b.order!);
    let prev = 0;
    for (const s of p.steps) {
      const minutes = s.official ? 510 + Math.floor(clock.next() * 540) : 450 + Math.floor(clock.next() * 900);
      let t = moment(s.day, minutes).getTime();
      if (t <= prev) t = prev + (3 + Math.floor(clock.next() * 40)) * 60_000;
      s.at = new Date(Math.min(t, latest.getTime()));
      prev = t;
    }
  }
  for (const si of [0, 1] as const) {
    const filed = plans.filter((p) => p.slot.session === si && p.chain.F !== undefined && p.steps.some((s) => s.action === 'file'));
    filed.sort((a, b) => a.steps.find((s) => s.action === 'file')!.at!.getTime() - b.steps.find((s) => s.action === 'file')!.at!.getTime());
    filed.forEach((p, i) => { p.number = i + 1; });
  }

  // ── Writing it down ─────────────────────────────────────────────────────────────────────

  type Row<T extends PgTable> = PgInsertValue<T>;
  const out = {
    proposals: [] as Row<typeof proposals>[], cosigners: [] as Row<typeof proposalCosigners>[], ratings: [] as Row<typeof proposalRatings>[],
    assignments: [] as (Row<typeof assignments> & { id: string; state: string; role: string; unitId: string; dueOn: string; itemId: string; opinion?: string | null })[],
    extensions: [] as Row<typeof extensionRequests>[], logs: [] as Row<typeof handlingLogs>[], replies: [] as Row<typeof replies>[],
    evaluations: [] as Row<typeof evaluations>[], supervision: [] as Row<typeof supervisionLogs>[], audit: [] as (Row<typeof auditLog> & { at: Date })[], jobs: [] as Row<typeof jobs>[],
    notifications: [] as Row<typeof notifications>[], opinions: [] as Row<typeof opinions>[], letters: [] as Row<typeof memberLetters>[],
  };
  const recent = nowDay - 60;
  // With the values the web words a notice by in the reader's language, as notify() stores them.
  const notice = (userId: string | undefined, at: Date, kind: string, title: string, body: string, href: string, readAt: Date | null, params: Record<string, string | number>) => {
    if (userId && dayNum(today(at)) >= recent) out.notifications.push({ orgId, userId, kind, title, body, href, createdAt: at, readAt, params });
  };
  const counts = Object.fromEntries(proposalWorkflow.states.map((s) => [s, 0])) as ProposalSeedCounts;

  for (const p of plans) {
    const s = sess[p.slot.session]!;
    const href = `/proposals/${p.id}`;
    const row: Row<typeof proposals> & { state: string; round: number; unsatisfiedCount: number } = {
      orgId, id: p.id, title: p.title, body: p.body, kind: p.kind, domain: p.topic.domain, state: 'draft',
      proposerMemberId: p.proposerMemberId, proposerName: p.proposerName, createdBy: p.createdBy, round: 0, unsatisfiedCount: 0,
    };
    const proposerUser = p.proposerMemberId ? memberUser.get(p.proposerMemberId) : ctx.staffUserId;
    const proxied = !proposerUser;
    const you = p.proposerMemberId ? '您' : '你们';
    const active: (typeof out.assignments)[number][] = [];
    const mine: (typeof out.assignments)[number][] = [];
    const lead = () => active.find((a) => a.role === 'lead');
    let lastReply: { id: string; round: number; category: string } | undefined;
    let pendingExt: { row: Row<typeof extensionRequests>; months: number } | undefined;
    const unitLogs: string[] = [];
    for (const step of p.steps) {
      const at = step.at!;
      const from = row.state;
      let to = from;
      let note: string | null = null;
      const unit = step.unitId ? unitName.get(step.unitId)! : '';
      const unitActor = step.unitId ? unitUser.get(step.unitId) : undefined;
      let actor: string = ctx.staffUserId;
      const byUnit = () => { actor = unitActor ?? ctx.staffUserId; };
      const day = dayStr(step.day);
      const d = step.data ?? {};
      if (step.action !== 'created' && !ALLOWED.has(`${from}:${step.action}`)) throw new Error(`demo proposals: ${step.action} from ${from} (${p.slot.state})`);
      switch (step.action) {
        case 'created':
          row.createdAt = at;
          actor = proposerUser ?? ctx.staffUserId;
          out.audit.push({ orgId, at, actorUserId: actor, action: 'created', entity: 'proposal', entityId: p.id, before: null,
            after: { state: 'draft', title: p.title, ...(proxied ? { note: '提案办代为录入（委员书面提交）' } : {}) } });
          continue;
        case 'cosign':
          actor = memberUser.get(step.memberId!)!;
          p.cosigners.find((x) => x.memberId === step.memberId)!.confirmedAt = at;
          break;
        case 'submit': row.submittedAt = at; actor = proposerUser ?? ctx.staffUserId; to = 'submitted'; break;
        case 'withdraw': actor = proposerUser ?? ctx.staffUserId; to = 'withdrawn'; break;
        case 'reject': row.decisionReason = String(d.reason); note = row.decisionReason; to = 'not_filed'; break;
        case 'convert': {
          row.convertedTo = String(d.to); row.decisionReason = String(d.reason); note = row.decisionReason; to = 'converted';
          const common = { orgId, title: p.title, body: p.body, authorName: p.proposerName, sourceProposalId: p.id, createdAt: at };
          if (d.to === 'opinion') out.opinions.push({ ...common, authorMemberId: p.proposerMemberId, updatedAt: at });
          else out.letters.push({ ...common, memberId: p.proposerMemberId });
          break;
        }
        case 'merge': {
          const target = p.mergeInto!;
          row.mergedIntoId = target.id; note = `并入 ${target.title}`; to = 'merged';
          const incoming = [p.proposerMemberId, ...p.cosigners.map((x) => x.memberId)]
            .filter((m): m is string => !!m && m !== target.proposerMemberId && !target.cosigners.some((x) => x.memberId === m));
          for (const m of incoming) target.cosigners.push({ memberId: m, pending: false, via: p.id, confirmedAt: at });
          break;
        }
        case 'file':
          Object.assign(row, { termId: s.termId, sessionId: s.id, number: p.number, duringSession: p.during, filedAt: at });
          note = `第${p.number}号`; to = 'filed';
          if (proposerUser && proposerUser !== ctx.staffUserId) notice(proposerUser, at, 'proposal', `提案已立案：${p.title}`, '', href, at, { key: 'filed', title: p.title });
          break;
        case 'markKey':
          row.isKey = true; row.keyLeaderUserId = ctx.leader.userId;
          notice(ctx.leader.userId, at, 'key', `请领办重点提案：${p.title}`, '', href, step.day < nowDay - 14 ? at : null, { title: p.title });
          break;
        case 'assign': {
          const list = d.units as { unitId: string; role: 'lead' | 'co' }[];
          for (const a of active.splice(0)) a.state = 'withdrawn';
          for (const x of list) {
            const a = { orgId, id: randomUUID(), itemKind: 'proposal', itemId: p.id, unitId: x.unitId, role: x.role, state: 'pending', assignedAt: at, note: null,
              ...assignmentDates(day, x.role, H) };
            out.assignments.push(a); active.push(a); mine.push(a);
          }
          note = list.length > 1 ? `主办 1 家、协办 ${list.length - 1} 家` : null; to = 'assigned';
          break;
        }
        case 'return': {
          byUnit();
          const a = active.find((x) => x.unitId === step.unitId)!;
          for (const x of active.splice(0)) x.state = 'withdrawn';
          Object.assign(a, { state: 'returned', returnedAt: at, returnReason: String(d.reason) });
          note = String(d.reason); to = 'filed';
          break;
        }
        case 'sign': {
          byUnit();
          const a = active.find((x) => x.unitId === step.unitId)!;
          Object.assign(a, { state: 'signed', signedAt: at });
          to = a.role === 'lead' || lead()?.state === 'signed' ? 'handling' : from;
          break;
        }
        case 'opinion': {
          byUnit();
          Object.assign(active.find((x) => x.unitId === step.unitId)!, { opinion: String(d.content), opinionAt: at });
          break;
        }
        case 'logContact': {
          byUnit();
          const who = p.proposerMemberId ? `${p.proposerName}${p.cosigners.length ? '等' : ''}委员` : `${p.proposerName}有关负责同志`;
          const coNames = p.co.map((x) => unitName.get(x)).join('、') || '相关部门';
          const content = String(d.text).replaceAll('{unit}', unit).replaceAll('{who}', who).replaceAll('{co}', coNames);
          out.logs.push({ orgId, itemKind: 'proposal', itemId: p.id, unitId: step.unitId!, kind: String(d.kind), happenedOn: day, content, createdBy: actor, createdAt: at });
          if (step.unitId === p.lead && d.kind !== 'note') unitLogs.push(String(d.kind));
          note = `${d.kind} ${day}`;
          break;
        }
        case 'requestExtension': {
          byUnit();
          const a = lead()!;
          const requested = [plusMonths(a.dueOn, Number(d.months)), extensionCap(String(a.periodStart), H)].sort()[0]!;
          const ext = { orgId, id: randomUUID(), assignmentId: a.id, itemKind: 'proposal', itemId: p.id, requestedDueOn: requested, reason: String(d.reason),
            state: 'pending', requestedBy: actor, requestedAt: at };
          out.extensions.push(ext); pendingExt = { row: ext, months: Number(d.months) };
          note = `申请延至 ${requested}：${d.reason}`;
          if (p.slot.flags.has('pendingExt')) notice(ctx.staffUserId, at, 'extension', `延期申请：${p.title}`, note, href, null, { key: 'requested', title: p.title, due: requested, reason: String(d.reason) });
          break;
        }
        case 'grantExtension': case 'refuseExtension': {
          const granted = step.action === 'grantExtension';
          Object.assign(pendingExt!.row, { state: granted ? 'granted' : 'refused', decidedBy: ctx.staffUserId, decidedAt: at, decisionNote: granted ? null : String(d.note) });
          if (granted) lead()!.dueOn = String(pendingExt!.row.requestedDueOn);
          note = granted ? null : String(d.note);
          pendingExt = undefined;
          break;
        }
        case 'reply': {
          byUnit();
          const round = Math.max(row.round, 1);
          const category = String(d.category) as 'A' | 'B' | 'C';
          const year = Number(day.slice(0, 4));
          const measures = some(p.topic.measures, category === 'C' ? rng.int(1, 2) : rng.int(2, Math.min(3, p.topic.measures.length)));
          const content = [
            fill(round > 1 ? REPLY_REHANDLED : rng.pick(REPLY_OPENINGS.filter((o) => p.co.length || !o.includes('协办'))), unit, you, year),
            ...measures.map((m, i) => `${ORD[i]}、${m}。`),
            fill(rng.pick(REPLY_BY_CATEGORY[category]), unit, you, year),
            fill(rng.pick(REPLY_NEXT), unit, you, year),
            fill(rng.pick(REPLY_THANKS), unit, you, year),
          ].join('\n');
          const id = randomUUID();
          out.replies.push({ orgId, id, itemKind: 'proposal', itemId: p.id, unitId: step.unitId!, round, category, content, signer: head.get(step.unitId!)!, createdBy: actor, createdAt: at });
          lastReply = { id, round, category };
          row.round = round;
          note = `${category}类`; to = 'replied';
          const evaluated = p.steps.find((x) => x.action === 'evaluate' && x.day >= step.day && x.at! > at);
          if (proposerUser && proposerUser !== ctx.staffUserId) notice(proposerUser, at, 'proposal', `提案已答复（${category}类），请评价：${p.title}`, '', href, evaluated?.at ?? null, { key: 'replied', title: p.title, category });
          break;
        }
        case 'rate': {
          byUnit();
          const [topic, research, feasibility] = d.scores as number[];
          out.ratings.push({ orgId, proposalId: p.id, unitId: step.unitId!, topic: topic!, research: research!, feasibility: feasibility!, comment: String(d.comment) || null, createdBy: actor, createdAt: at });
          note = `${topic}/${research}/${feasibility}`;
          break;
        }
        case 'evaluate': {
          actor = proposerUser ?? ctx.staffUserId;
          const satisfaction = String(d.satisfaction) as 'satisfied' | 'basic' | 'unsatisfied';
          const byLetter = rng.chance(0.3);
          const contacted = unitLogs.length > 0 || byLetter;
          const method = unitLogs.length ? unitLogs[unitLogs.length - 1]! : contacted ? 'letter' : 'none';
          const comment = rng.chance(satisfaction === 'satisfied' ? 0.4 : satisfaction === 'basic' ? 0.7 : 1) ? rng.pick(EVALUATION_COMMENTS[satisfaction]) : null;
          const category = lastReply!.category;
          const resultSatisfaction = !views.chance(0.85) ? null : satisfaction === 'unsatisfied' ? 'unsatisfied'
            : views.weighted(['satisfied', 'basic', 'unsatisfied'] as const, category === 'A' ? [85, 14, 1] : category === 'B' ? [60, 35, 5] : [35, 50, 15]);
          out.evaluations.push({ orgId, itemKind: 'proposal', itemId: p.id, replyId: lastReply!.id, round: lastReply!.round, satisfaction, resultSatisfaction, contacted, contactMethod: method, comment, createdBy: actor, createdAt: at });
          unitLogs.length = 0;
          note = satisfaction;
          if (satisfaction === 'unsatisfied') {
            row.unsatisfiedCount += 1; row.round += 1; row.needsMeeting = row.unsatisfiedCount >= 2;
            const restart = assignmentDates(day, 'lead', H); // 3 more months, and a new 6-month cap
            Object.assign(lead()!, { dueOn: restart.dueOn, periodStart: restart.periodStart });
            to = 'rehandling';
            notice(unitUser.get(p.lead), at, 'rehandling', `提案者不满意，请重新办理：${p.title}`, `答复期限 ${lead()!.dueOn}`, href, null, { title: p.title, due: lead()!.dueOn });
          } else {
            row.closedAt = at; to = 'closed';
          }
          break;
        }
        case 'publish': row.published = true; row.publishedAt = at; break;
        default: throw new Error(`demo proposals: unknown step ${step.action}`);
      }
      if (step.unitId && !unitActor) note = note ? `${unit}：${note}` : unit; // entered by the office for a unit without a login
      row.state = to;
      out.audit.push({ orgId, at, actorUserId: actor, action: step.action, entity: 'proposal', entityId: p.id, before: { state: from }, after: { state: to, note } });
    }
    if (row.state !== p.slot.state) throw new Error(`demo proposals: planned ${p.slot.state}, reached ${row.state}`);
    row.updatedAt = p.steps[p.steps.length - 1]!.at!;
    if (row.state === 'closed' && !row.published && (p.slot.session === 0 || views.chance(0.15))) {
      const at = new Date(Math.min(now.getTime(), row.updatedAt.getTime() + 3 * 86_400_000));
      row.publicationExemptReason = views.pick(EXEMPTION_REASONS);
      row.updatedAt = at;
      out.audit.push({ orgId, at, actorUserId: ctx.staffUserId, action: 'exempt', entity: 'proposal', entityId: p.id, before: { state: 'closed' }, after: { state: 'closed', note: row.publicationExemptReason } });
    }
    out.proposals.push(row);
    counts[row.state as State] += 1;
    if (row.isKey) supervise(p, row);

    // Reminders still to come, and the units' notices of recent assignments.
    if (OPEN_STATES.includes(row.state as State)) {
      for (const a of active) {
        if (a.role === 'co' && a.opinion) continue;
        for (const [offset, label] of [[-14, 'due14'], [-3, 'due3'], [1, 'overdue']] as const) {
          const runAt = new Date(`${dayStr(dayNum(a.dueOn) + offset)}T01:00:00Z`);
          if (runAt <= now) continue;
          out.jobs.push({ orgId, kind: REMINDER_JOB, key: `${label}:${a.id}:${a.dueOn}`, runAt,
            payload: { assignmentId: a.id, dueOn: a.dueOn, label, item: { kind: 'proposal', id: p.id, title: p.title, href } } });
        }
      }
    }
    for (const a of mine) {
      const readAt = a.state === 'pending' ? null : ((a.signedAt ?? a.returnedAt ?? a.assignedAt) as Date);
      notice(unitUser.get(a.unitId), a.assignedAt as Date, 'assigned', `新交办件：${p.title}`,
        `${a.role === 'lead' ? '主办' : '协办'}，请于 ${a.returnBy} 前签收或退回，${a.role === 'lead' ? '答复' : '协办意见'}截止 ${a.dueOn}`, href, readAt,
        { key: a.role, title: p.title, returnBy: String(a.returnBy), due: a.dueOn });
    }
  }
  /**
   * 督办: the leading leader visits, meets or researches a key proposal 1–3 times while its lead unit
   * handles it (from a week after signing until the day before the first reply, or yesterday); one
   * not yet signed for, not yet.
   */
  function supervise(p: Plan, row: (typeof out.proposals)[number]) {
    const signed = p.steps.find((x) => x.action === 'sign' && x.unitId === p.lead);
    if (!signed) return;
    const replied = p.steps.find((x) => x.action === 'reply');
    const from = signed.day + 7, to = replied ? replied.day - 1 : yesterday;
    if (to < from) return;
    const n = replied ? oversight.int(1, 3) : oversight.int(1, 2);
    const days = [...new Set(Array.from({ length: n }, () => from + oversight.int(0, to - from)))].sort((a, b) => a - b);
    const leader = memberById.get(ctx.leader.memberId)!.name;
    for (const d of days) {
      const kind = oversight.weighted(['visit', 'meeting', 'research'] as const, [50, 35, 15]);
      const outcome = oversight.pick(SUPERVISION_TEXTS[kind]).replaceAll('{unit}', unitName.get(p.lead)!);
      const at = new Date(Math.min(moment(d, 540 + oversight.int(0, 480)).getTime(), latest.getTime()));
      const day = dayStr(d);
      out.supervision.push({ orgId, proposalId: p.id, kind, happenedOn: day, participants: `${leader}副主席，市政协提案委员会、${unitName.get(p.lead)}负责同志`,
        outcome, createdBy: ctx.leader.userId, createdAt: at });
      out.audit.push({ orgId, at, actorUserId: ctx.leader.userId, action: 'supervised', entity: 'proposal', entityId: p.id,
        before: { state: 'handling' }, after: { state: 'handling', note: `${kind} ${day}：${outcome}` } });
      if (at > (row.updatedAt as Date)) row.updatedAt = at;
    }
  }

  // Co-signers without a login confirmed on paper, between the draft and its submission.
  for (const p of plans) {
    const created = p.steps[0]!.at!.getTime();
    const submitted = p.steps.find((x) => x.action === 'submit')?.at?.getTime() ?? latest.getTime();
    for (const x of p.cosigners) {
      const t = x.pending ? null : x.confirmedAt?.getTime() ?? moment(x.confirmedDay ?? p.chain.C, 540 + Math.floor(clock.next() * 600)).getTime();
      const confirmedAt = t === null ? null : new Date(x.via || x.confirmedAt ? t : Math.max(created + 60_000, Math.min(t, submitted - 60_000)));
      out.cosigners.push({ orgId, proposalId: p.id, memberId: x.memberId, confirmedAt, viaMergeOf: x.via ?? null });
      // Asked when the draft named them (as the proposer's save does); read once they confirmed.
      if (!x.via) {
        const n = cosignNotice(p);
        notice(memberUser.get(x.memberId), new Date(created), n.kind, n.title, '', n.href, confirmedAt, n.params);
      }
    }
  }

  // The audit log's ids give the history its order: write it oldest first.
  out.audit.sort((a, b) => a.at.getTime() - b.at.getTime());
  await insertAll(tx, proposals, out.proposals);
  await insertAll(tx, proposalCosigners, out.cosigners);
  await insertAll(tx, assignments, out.assignments);
  await insertAll(tx, extensionRequests, out.extensions);
  await insertAll(tx, handlingLogs, out.logs);
  await insertAll(tx, replies, out.replies);
  await insertAll(tx, evaluations, out.evaluations);
  await insertAll(tx, proposalRatings, out.ratings);
  await insertAll(tx, supervisionLogs, out.supervision);
  await insertAll(tx, auditLog, out.audit);
  await insertAll(tx, jobs, out.jobs);
  await insertAll(tx, notifications, out.notifications);
  await insertAll(tx, opinions, out.opinions);
  await insertAll(tx, memberLetters, out.letters);
  return counts;
}
