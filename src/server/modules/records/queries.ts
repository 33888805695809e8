import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../core/db/client.ts';
import { notFound, type Lang } from '../../core/errors.ts';
import { committees, memberCommittees, members, sectors } from '../org/schema.ts';
import { today } from '../handling/deadlines.ts';
import { dutyRules, gradeOf, gradeSql, pointsOf, warningsOf, warningsSql, type DutyRules, type Grade } from './rules.ts';
import { dutyEntries, dutyTotals } from './schema.ts';
import { entrySubjects } from './subjects.ts';

export interface RecordFilter { year: number; sectorId?: string; committeeId?: string; grade?: Grade; q?: string; warning?: boolean; /** Points within these bounds (both included). */ minPoints?: number; maxPoints?: number }

export interface TotalRow {
  memberId: string; name: string; sectorId: string; sectorName: string; points: number; counts: Record<string, number>;
  grade: Grade; sectorRank: number; sectorSize: number; committeeRank: number | null; warnings: ('noProposal' | 'belowPass')[];
}

/**
 * Active members' totals for a year (a member without entries has 0), with the grade by the rules
 * and the rank in their sector (and in the special committee filtered by); points high to low.
 */
export async function listTotals(db: Queryable, orgId: string, f: RecordFilter, page?: { limit: number; offset: number }, rules?: DutyRules) {
  const r = rules ?? await dutyRules(db, orgId);
  const pts = sql`coalesce(t.points, 0)`;
  const inCommittee = f.committeeId
    ? sql`exists (select 1 from ${memberCommittees} mc where mc.org_id = m.org_id and mc.member_id = m.id and mc.committee_id = ${f.committeeId})`
    : sql`true`;
  const warnings = warningsSql(r, f.year, today(), { points: pts, counts: sql`t.counts` });
  const rows = await queryRows<{
    member_id: string; name: string; sector_id: string; sector_name: string; points: number; counts: Record<string, number> | null;
    grade: Grade; sector_rank: number; sector_size: number; committee_rank: number | null; warnings: string[]; total: number;
  }>(db, sql`
    with ranked as (
      select m.id member_id, m.name, m.name_sort, m.sector_id, s.name sector_name, ${pts}::int points, t.counts,
        ${gradeSql(r, pts)} grade, ${warnings} warnings,
        rank() over (partition by m.sector_id order by ${pts} desc)::int sector_rank,
        count(*) over (partition by m.sector_id)::int sector_size,
        ${inCommittee} in_committee
      from ${members} m
      join ${sectors} s on s.org_id = m.org_id and s.id = m.sector_id
      left join ${dutyTotals} t on t.org_id = m.org_id and t.year = ${f.year} and t.member_id = m.id
      where m.org_id = ${orgId} and m.active),
    chosen as (
      select *, case when ${f.committeeId ? sql`true` : sql`false`} then rank() over (order by points desc)::int end committee_rank
      from ranked where in_committee)
    select *, count(*) over ()::int total from chosen
    where true ${f.sectorId ? sql`and sector_id = ${f.sectorId}` : sql``} ${f.grade ? sql`and grade = ${f.grade}` : sql``}
      ${f.q ? sql`and name ilike ${`%${f.q}%`}` : sql``} ${f.warning ? sql`and cardinality(warnings) > 0` : sql``}
      ${f.minPoints === undefined ? sql`` : sql`and points >= ${f.minPoints}`} ${f.maxPoints === undefined ? sql`` : sql`and points <= ${f.maxPoints}`}
    order by points desc, name_sort, member_id
    ${page ? sql`limit ${page.limit} offset ${page.offset}` : sql``}`);
  const items: TotalRow[] = rows.map((x) => ({
    memberId: x.member_id, name: x.name, sectorId: x.sector_id, sectorName: x.sector_name, points: x.points, counts: x.counts ?? {},
    grade: x.grade, sectorRank: x.sector_rank, sectorSize: x.sector_size, committeeRank: x.committee_rank, warnings: x.warnings as TotalRow['warnings'],
  }));
  return { items, total: rows[0]?.total ?? 0 };
}

/**
 * A member's year: every entry with its points by the rules and a link to its record, the total,
 * grade, rank in the sector and in each special committee, and the warnings due. `lang`: the
 * language its subjects are named in (null: not looked up, for a caller after the figures alone).
 */
export async function memberRecord(db: Queryable, orgId: string, memberId: string, year: number, lang: Lang | null = 'zh') {
  const [m] = await db.select({ id: members.id, name: members.name, sectorId: members.sectorId, sectorName: sectors.name }).from(members)
    .innerJoin(sectors, and(eq(sectors.orgId, members.orgId), eq(sectors.id, members.sectorId)))
    .where(and(eq(members.orgId, orgId), eq(members.id, memberId)));
  if (!m) throw notFound('Member');
  const rules = await dutyRules(db, orgId);
  const rows = await db.select().from(dutyEntries)
    .where(and(eq(dutyEntries.orgId, orgId), eq(dutyEntries.memberId, memberId), eq(dutyEntries.year, year)))
    .orderBy(desc(dutyEntries.occurredOn), asc(dutyEntries.kind), asc(dutyEntries.id));
  // (`subject`: what the entry is for, named and linked as it is now: records/subjects.ts; no lang: as the entry holds it)
  const subjects = lang ? await entrySubjects(db, orgId, rows, lang) : rows.map((e) => ({ title: e.title || null, href: e.href, gone: false }));
  const entries = rows.map((e, i) => ({
    id: e.id, kind: e.kind, variant: e.variant, points: pointsOf(rules, e.kind, e.variant), occurredOn: e.occurredOn, title: e.title,
    source: { type: e.sourceType, id: e.sourceId, href: e.href }, subject: subjects[i]!,
  }));
  const points = entries.reduce((s, e) => s + e.points, 0);
  const counts: Record<string, number> = {};
  const byKind: Record<string, { count: number; points: number }> = {};
  for (const e of entries) {
    counts[e.kind] = (counts[e.kind] ?? 0) + 1;
    const k = (byKind[e.kind] ??= { count: 0, points: 0 });
    k.count += 1; k.points += e.points;
  }
  // Ranks by the stored totals (what the office's list shows), this member's points as they are now.
  const [sector] = await queryRows<{ rank: number; size: number }>(db, sql`
    select (1 + count(*) filter (where coalesce(t.points, 0) > ${points}))::int rank, (count(*) filter (where m.id <> ${memberId}) + 1)::int size
    from ${members} m left join ${dutyTotals} t on t.org_id = m.org_id and t.year = ${year} and t.member_id = m.id
    where m.org_id = ${orgId} and m.active and m.sector_id = ${m.sectorId} and m.id <> ${memberId}`).then((r) => r.map((x) => ({ rank: x.rank, size: x.size })));
  const inCommittees = await queryRows<{ id: string; name: string; rank: number; size: number }>(db, sql`
    select c.id, c.name,
      (1 + count(t.member_id) filter (where t.member_id <> ${memberId} and t.points > ${points}))::int rank,
      (count(mm.id) filter (where mm.id <> ${memberId}) + 1)::int size
    from ${memberCommittees} mine
    join ${committees} c on c.org_id = mine.org_id and c.id = mine.committee_id
    join ${memberCommittees} mc on mc.org_id = mine.org_id and mc.committee_id = mine.committee_id
    join ${members} mm on mm.org_id = mc.org_id and mm.id = mc.member_id and mm.active
    left join ${dutyTotals} t on t.org_id = mm.org_id and t.year = ${year} and t.member_id = mm.id
    where mine.org_id = ${orgId} and mine.member_id = ${memberId}
    group by c.id, c.name order by c.name`);
  return {
    member: { id: m.id, name: m.name, sectorId: m.sectorId, sectorName: m.sectorName },
    year, points, grade: gradeOf(rules, points), byKind,
    rank: { sector: sector ?? { rank: 1, size: 1 }, committees: inCommittees },
    warnings: warningsOf(rules, year, today(), { points, counts }),
    entries,
  };
}
export type MemberRecord = Awaited<ReturnType<typeof memberRecord>>;

