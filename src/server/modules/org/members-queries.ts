import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { preparedPer, type Queryable } from '../../core/db/client.ts';
import { orgs } from '../../core/schema.ts';
import { notFound } from '../../core/errors.ts';
import { committees, memberCommittees, members, sectors } from './schema.ts';

export interface MemberFilter {
  q?: string; sectorId?: string; party?: string; committeeId?: string; countyOrgId?: string; standing?: boolean; active?: string;
}

type MemberRow = typeof members.$inferSelect;

function where(orgId: string, f: MemberFilter): SQL | undefined {
  return and(
    eq(members.orgId, orgId),
    f.active === 'all' ? undefined : eq(members.active, f.active !== 'false'),
    f.q ? or(ilike(members.name, `%${f.q}%`), ilike(members.workplace, `%${f.q}%`), ilike(sql`replace(${members.nameSort}, ' ', '')`, `%${f.q.replace(/\s+/g, '')}%`)) : undefined,
    f.sectorId ? eq(members.sectorId, f.sectorId) : undefined,
    f.party ? eq(members.party, f.party) : undefined,
    f.countyOrgId ? eq(members.countyOrgId, f.countyOrgId) : undefined,
    f.standing === undefined ? undefined : eq(members.standing, f.standing),
    f.committeeId ? sql`exists (select 1 from ${memberCommittees} mc where mc.org_id = ${members.orgId}
      and mc.member_id = ${members.id} and mc.committee_id = ${f.committeeId})` : undefined,
  );
}

/** A member as the API shows one: with the names of sector, county and committees; contact details only `withPrivate`. */
function memberView(m: MemberRow, names: { sector: string | null; county: string | null; committees: { id: string; name: string }[] }, withPrivate: boolean) {
  const { phone, email, createdAt, ...pub } = m;
  return {
    ...pub,
    ...(withPrivate ? { phone, email } : {}),
    createdAt: createdAt.toISOString(),
    sectorName: names.sector ?? '',
    countyName: m.countyOrgId ? names.county : null,
    committeeIds: names.committees.map((c) => c.id),
    committeeNames: names.committees.map((c) => c.name),
  };
}

/** Adds names of sector, county and committees; drops private fields unless `withPrivate(row)`. */
async function present(db: Queryable, orgId: string, rows: MemberRow[], withPrivate: (m: MemberRow) => boolean) {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [sectorRows, countyRows, links] = await Promise.all([
    db.select({ id: sectors.id, name: sectors.name }).from(sectors)
      .where(and(eq(sectors.orgId, orgId), inArray(sectors.id, [...new Set(rows.map((r) => r.sectorId))]))),
    db.select({ id: orgs.id, name: orgs.name }).from(orgs)
      .where(inArray(orgs.id, [...new Set(rows.map((r) => r.countyOrgId).filter((x): x is string => !!x))])),
    db.select({ memberId: memberCommittees.memberId, id: committees.id, name: committees.name }).from(memberCommittees)
      .innerJoin(committees, and(eq(committees.orgId, memberCommittees.orgId), eq(committees.id, memberCommittees.committeeId)))
      .where(and(eq(memberCommittees.orgId, orgId), inArray(memberCommittees.memberId, ids))).orderBy(asc(committees.name)),
  ]);
  const sectorName = new Map(sectorRows.map((s) => [s.id, s.name]));
  const countyName = new Map(countyRows.map((c) => [c.id, c.name]));
  return rows.map((m) => memberView(m, {
    sector: sectorName.get(m.sectorId) ?? null,
    county: m.countyOrgId ? countyName.get(m.countyOrgId) ?? null : null,
    committees: links.filter((l) => l.memberId === m.id),
  }, withPrivate(m)));
}

const county = alias(orgs, 'county');
const p = (name: string) => sql.placeholder(name);

/**
 * A page of the directory in one prepared statement: the page, the total (a window count, taken
 * before LIMIT), and the names of sector, county and committees. Every filter is a parameter
 * ("null: no filter"), so one plan serves every combination.
 */
const directoryPage = preparedPer((db) => {
  const filter = (value: SQL, test: SQL) => sql`(${value} is null or ${test})`;
  return db.select({
    m: members,
    total: sql<number>`(count(*) over ())::int`,
    sectorName: sectors.name,
    countyName: county.name,
    committees: sql<{ id: string; name: string }[]>`coalesce((select json_agg(json_build_object('id', c.id, 'name', c.name) order by c.name)
      from ${memberCommittees} mc join ${committees} c on c.org_id = mc.org_id and c.id = mc.committee_id
      where mc.org_id = ${members.orgId} and mc.member_id = ${members.id}), '[]'::json)`,
  }).from(members)
    .leftJoin(sectors, and(eq(sectors.orgId, members.orgId), eq(sectors.id, members.sectorId)))
    .leftJoin(county, eq(county.id, members.countyOrgId))
    .where(and(
      eq(members.orgId, p('orgId')),
      filter(sql`${p('active')}::boolean`, sql`${members.active} = ${p('active')}::boolean`),
      filter(sql`${p('like')}::text`, sql`(${members.name} ilike ${p('like')}::text or ${members.workplace} ilike ${p('like')}::text
        or replace(${members.nameSort}, ' ', '') ilike ${p('likeSort')}::text)`),
      filter(sql`${p('sectorId')}::uuid`, sql`${members.sectorId} = ${p('sectorId')}::uuid`),
      filter(sql`${p('party')}::text`, sql`${members.party} = ${p('party')}::text`),
      filter(sql`${p('countyOrgId')}::uuid`, sql`${members.countyOrgId} = ${p('countyOrgId')}::uuid`),
      filter(sql`${p('standing')}::boolean`, sql`${members.standing} = ${p('standing')}::boolean`),
      filter(sql`${p('committeeId')}::uuid`, sql`exists (select 1 from ${memberCommittees} mc where mc.org_id = ${members.orgId}
        and mc.member_id = ${members.id} and mc.committee_id = ${p('committeeId')}::uuid)`),
    ))
    .orderBy(asc(members.nameSort), asc(members.name), asc(members.id))
    .limit(p('limit')).offset(p('offset'))
    .prepare('members_directory_page');
});

export async function listMembers(db: Queryable, orgId: string, f: MemberFilter, page: { limit: number; offset: number }) {
  const rows = await directoryPage(db).execute({
    orgId, ...page,
    active: f.active === 'all' ? null : f.active !== 'false',
    like: f.q ? `%${f.q}%` : null, likeSort: f.q ? `%${f.q.replace(/\s+/g, '')}%` : null,
    sectorId: f.sectorId ?? null, party: f.party ?? null, countyOrgId: f.countyOrgId ?? null,
    standing: f.standing ?? null, committeeId: f.committeeId ?? null,
  });
  // A page past the end has no row to carry the total: count it then (rare).
  const total = rows[0]?.total ?? (page.offset ? (await db.select({ n: sql<number>`count(*)::int` }).from(members).where(where(orgId, f)))[0]!.n : 0);
  return {
    items: rows.map(({ m, sectorName, countyName, committees: cs }) => memberView(m, { sector: sectorName, county: countyName, committees: cs }, false)),
    total,
  };
}

/** Every member matching the filter, with private fields, for the roster export. */
export async function allMembers(db: Queryable, orgId: string, f: MemberFilter) {
  const rows = await db.select().from(members).where(where(orgId, f)).orderBy(asc(members.nameSort), asc(members.name), asc(members.id));
  return present(db, orgId, rows, () => true);
}

export async function getMember(db: Queryable, orgId: string, id: string, withPrivate: (m: MemberRow) => boolean) {
  const [row] = await db.select().from(members).where(and(eq(members.orgId, orgId), eq(members.id, id)));
  if (!row) throw notFound('Member');
  return (await present(db, orgId, [row], withPrivate))[0]!;
}
