import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
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
  return rows.map((m) => {
    const mine = links.filter((l) => l.memberId === m.id);
    const { phone, email, createdAt, ...pub } = m;
    return {
      ...pub,
      ...(withPrivate(m) ? { phone, email } : {}),
      createdAt: createdAt.toISOString(),
      sectorName: sectorName.get(m.sectorId) ?? '',
      countyName: m.countyOrgId ? countyName.get(m.countyOrgId) ?? null : null,
      committeeIds: mine.map((l) => l.id),
      committeeNames: mine.map((l) => l.name),
    };
  });
}

export async function listMembers(db: Queryable, orgId: string, f: MemberFilter, page: { limit: number; offset: number }) {
  const w = where(orgId, f);
  const [rows, [count]] = await Promise.all([
    db.select().from(members).where(w).orderBy(asc(members.nameSort), asc(members.name), asc(members.id)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(members).where(w),
  ]);
  return { items: await present(db, orgId, rows, () => false), total: count!.n };
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
