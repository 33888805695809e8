import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { sheet, type Tables } from '../../core/xlsx.ts';
import { LEVEL_LABELS, STATE_NAMES } from './labels.ts';
import { handedIn, hasAdoption, hasInstruction, memberCounts, yearOf } from './queries.ts';
import { opinionAdoptions, opinionInstructions, opinions } from './schema.ts';
import { LEVELS, STATES, type Level } from './workflow.ts';
import type { Actor } from '../../core/policies.ts';
import type { Scope } from '../org/oversight.ts';
import { addRecords, perCommittee, rolledUp } from '../org/rollup.ts';

// The figures a work report quotes (全年报送社情民意信息 N 篇，编发 M 期，被采用 K 篇，获领导批示 J 次),
// for the reports of one year (the year of their first submission; drafts by creation):
// received = handed in and not withdrawn; issued = numbered at approval; adopted = with at least
// one adoption (and adoption records by level); instructions = 批示 records (and by level);
// per member: handed in, adopted and instructed reports against the quota. scope=tree adds up the
// committees below (opinionStatsOver).

const zeroLevels = () => Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;

export async function opinionStats(db: Queryable, orgId: string, year: number) {
  const ofYear = and(eq(opinions.orgId, orgId), eq(yearOf, year));
  // (The two tables share these columns; Drizzle types one table at a time.)
  const byLevelOf = (t: typeof opinionAdoptions | typeof opinionInstructions) =>
    db.select({ level: t.level, n: sql<number>`count(*)::int` }).from(t as typeof opinionAdoptions)
      .innerJoin(opinions, and(eq(opinions.orgId, t.orgId), eq(opinions.id, t.opinionId)))
      .where(and(ofYear, sql`${opinions.state} <> 'withdrawn'`)).groupBy(t.level);
  const [states, [totals], adoptions, instructions, perMember] = await Promise.all([
    db.select({ state: opinions.state, n: sql<number>`count(*)::int` }).from(opinions).where(ofYear).groupBy(opinions.state),
    db.select({
      received: sql<number>`count(*) filter (where ${handedIn})::int`,
      issued: sql<number>`count(*) filter (where ${opinions.number} is not null)::int`,
      adopted: sql<number>`count(*) filter (where ${hasAdoption})::int`,
      instructed: sql<number>`count(*) filter (where ${hasInstruction})::int`,
    }).from(opinions).where(ofYear),
    byLevelOf(opinionAdoptions),
    byLevelOf(opinionInstructions),
    memberCounts(db, orgId, year),
  ]);
  const byLevel = (rows: { level: string; n: number }[]) => ({ ...zeroLevels(), ...Object.fromEntries(rows.map((r) => [r.level, r.n])) });
  return {
    year,
    byState: { ...Object.fromEntries(STATES.map((s) => [s, 0])), ...Object.fromEntries(states.map((r) => [r.state, r.n])) } as Record<string, number>,
    received: totals!.received, issued: totals!.issued, adoptedReports: totals!.adopted, instructedReports: totals!.instructed,
    adoptionsByLevel: byLevel(adoptions), adoptions: adoptions.reduce((s, r) => s + r.n, 0),
    instructionsByLevel: byLevel(instructions), instructions: instructions.reduce((s, r) => s + r.n, 0),
    members: {
      total: perMember.length, withReports: perMember.filter((m) => m.submitted > 0).length, quotaMet: perMember.filter((m) => m.met).length,
      items: perMember.sort((a, b) => b.submitted - a.submitted || b.adopted - a.adopted || a.name.localeCompare(b.name, 'zh')),
    },
  };
}

const HEADLINE = ['received', 'issued', 'adoptedReports', 'adoptions', 'instructedReports', 'instructions'] as const;
type Headline = Record<(typeof HEADLINE)[number], number>;

/**
 * The year's figures over the caller's scope (org/rollup.ts): its own, or with scope=tree (office
 * and leaders) each active committee below computed on its own and added up. The members against
 * the quota stay the caller's own (no row of a member below comes with the figures); `byOrg` gives
 * each committee's headline figures, the caller's first.
 */
export async function opinionStatsOver(db: Queryable, actor: Actor, year: number, scope?: Scope) {
  const parts = await perCommittee(db, actor, scope, (a) => opinionStats(db, a.orgId, year));
  const own = parts[0]!.value;
  if (!rolledUp(parts)) return { ...own, scope: 'own' as const, committees: [parts[0]!.org.name] };
  const all = parts.map((p) => p.value);
  const headline = (s: OpinionStats): Headline => Object.fromEntries(HEADLINE.map((k) => [k, s[k]])) as Headline;
  return {
    ...own, ...addRecords(all.map(headline)),
    byState: addRecords(all.map((s) => s.byState)),
    adoptionsByLevel: addRecords(all.map((s) => s.adoptionsByLevel)), instructionsByLevel: addRecords(all.map((s) => s.instructionsByLevel)),
    members: { ...addRecords(all.map((s) => ({ total: s.members.total, withReports: s.members.withReports, quotaMet: s.members.quotaMet }))), items: own.members.items },
    scope: 'tree' as const, committees: parts.map((p) => p.org.name),
    byOrg: parts.map((p) => ({ orgId: p.org.id, org: p.org.name, ...headline(p.value) })),
  };
}

type OpinionStats = Awaited<ReturnType<typeof opinionStats>>;
type MemberRow = OpinionStats['members']['items'][number];

/** The page as a workbook: the year's figures (by level and by state too) on one sheet, the members against the quota on another. */
export function opinionStatsTables(s: OpinionStats & { byOrg?: ({ org: string } & Headline)[] }): Tables {
  const figures: [string, number][] = [
    ['报送（篇）', s.received], ['编发（期）', s.issued], ['被采用（篇）', s.adoptedReports], ['采用（次）', s.adoptions],
    ['获批示（篇）', s.instructedReports], ['批示（次）', s.instructions],
    ...LEVELS.map((l): [string, number] => [`采用（次）：${LEVEL_LABELS[l]}`, s.adoptionsByLevel[l]]),
    ...LEVELS.map((l): [string, number] => [`批示（次）：${LEVEL_LABELS[l]}`, s.instructionsByLevel[l]]),
    ...STATES.map((st): [string, number] => [`状态：${STATE_NAMES[st]}`, s.byState[st] ?? 0]),
  ];
  const sum = (k: 'submitted' | 'adopted' | 'instructed') => s.members.items.reduce((n, m) => n + m[k], 0);
  const total = { name: '合计', standing: false, submitted: sum('submitted'), adopted: sum('adopted'), instructed: sum('instructed'), quota: null, met: null };
  type Row = Omit<MemberRow, 'memberId' | 'quota' | 'met'> & { quota: number | null; met: boolean | null };
  return [
    sheet<[string, number]>(`${s.year}年概况`, [{ header: '指标', value: (r) => r[0], width: 24 }, { header: '数值', value: (r) => r[1], width: 10 }], figures),
    sheet<Row>('委员完成情况', [
      { header: '委员', value: (r) => r.name, width: 14 }, { header: '常委', value: (r) => (r.standing ? '是' : ''), width: 6 },
      { header: '报送', value: (r) => r.submitted, width: 8 }, { header: '被采用', value: (r) => r.adopted, width: 8 },
      { header: '获批示', value: (r) => r.instructed, width: 8 }, { header: '年度任务', value: (r) => r.quota, width: 10 },
      { header: '完成', value: (r) => (r.met === null ? '' : r.met ? '是' : '否'), width: 6 },
    ], [...s.members.items, total], { boldLastRow: true }),
    // Rolled up: each committee's figures, and their sum.
    ...(s.byOrg ? [sheet<{ org: string } & Headline>('各政协', [
      { header: '政协', value: (r) => r.org, width: 20 },
      ...HEADLINE.map((k) => ({ header: { received: '报送（篇）', issued: '编发（期）', adoptedReports: '被采用（篇）', adoptions: '采用（次）', instructedReports: '获批示（篇）', instructions: '批示（次）' }[k], value: (r: Headline) => r[k], width: 12 })),
    ], [...s.byOrg, { org: '合计', ...Object.fromEntries(HEADLINE.map((k) => [k, s[k]])) as Headline }], { boldLastRow: true })] : []),
  ];
}
