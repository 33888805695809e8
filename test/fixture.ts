import { eq } from 'drizzle-orm';
import { hashPassword } from '../src/server/core/auth/passwords.ts';
import type { Db } from '../src/server/core/db/client.ts';
import { orgs, users } from '../src/server/core/schema.ts';
import { withNameSort } from '../src/server/core/text/pinyin.ts';
import { committees, members, plenarySessions, sectors, terms, units } from '../src/server/modules/org/schema.ts';

/**
 * A small committee for tests: two sectors, two units, a county, four members and a login per
 * role; plus a second committee ("other") with its own admin and staff; and the committees above
 * the city — a province (its parent), the national committee (its grandparent) and a sibling city
 * under the same province — each with a login (org/oversight.ts).
 */
export interface Fixture {
  password: string;
  orgId: string; otherOrgId: string; countyId: string;
  parentOrgId: string; grandparentOrgId: string; siblingOrgId: string;
  sectorIds: string[]; unitIds: { a: string; b: string }; committeeId: string;
  memberIds: string[]; otherSectorId: string; otherMemberId: string;
  /** A sector and a member of each committee but the city (other, parent, grandparent, sibling), by committee. */
  sectorOfOrg: Record<string, string>; memberOfOrg: Record<string, string>;
  userIds: Record<string, string>;
  orgOf: Record<string, string>;
}

let cachedHash: Promise<string> | null = null;

export async function seedFixture(db: Db): Promise<Fixture> {
  const password = 'fixture-pass-1';
  const passwordHash = await (cachedHash ??= hashPassword(password));
  const [org] = await db.insert(orgs).values({ name: '测试市政协', level: 'city' }).returning();
  const [other] = await db.insert(orgs).values({ name: '另一市政协', level: 'city' }).returning();
  const [county] = await db.insert(orgs).values({ name: '测试区政协', level: 'county', parentId: org!.id }).returning();
  // Created after the city: the deployment's own committee is the first one (library/queries.ts visitorOrg).
  const [national] = await db.insert(orgs).values({ name: '测试全国政协', level: 'national' }).returning();
  const [province] = await db.insert(orgs).values({ name: '测试省政协', level: 'provincial', parentId: national!.id }).returning();
  const [sibling] = await db.insert(orgs).values({ name: '兄弟市政协', level: 'city', parentId: province!.id }).returning();
  await db.update(orgs).set({ parentId: province!.id }).where(eq(orgs.id, org!.id));
  const orgId = org!.id;
  const ss = await db.insert(sectors).values([{ orgId, name: '教育界', sort: 1 }, { orgId, name: '经济界', sort: 2 }]).returning();
  const [os] = await db.insert(sectors).values({ orgId: other!.id, name: '教育界' }).returning();
  const [ua, ub] = await db.insert(units).values([{ orgId, name: '市教育局', kind: 'government' }, { orgId, name: '市卫健委', kind: 'government' }]).returning();
  const [cm] = await db.insert(committees).values({ orgId, name: '提案委员会' }).returning();
  const [term] = await db.insert(terms).values({ orgId, number: 5, startYear: 2022, endYear: 2027, current: true }).returning();
  await db.insert(plenarySessions).values([
    { orgId, termId: term!.id, number: 4, startsOn: '2025-01-10', endsOn: '2025-01-14' },
    { orgId, termId: term!.id, number: 5, startsOn: '2026-01-09', endsOn: '2026-01-13' },
  ]);
  const ms = await db.insert(members).values([
    { orgId, name: '张三', party: '中共', sectorId: ss[0]!.id, standing: true, phone: '13800000001', email: 'zs@example.cn', countyOrgId: county!.id, workplace: '示例大学' },
    { orgId, name: '李四', party: '民盟', sectorId: ss[1]!.id, standing: false, phone: '13800000002' },
    { orgId, name: '王五', party: '九三学社', sectorId: ss[0]!.id, standing: false, workplace: '示例医院' },
    { orgId, name: '赵六', party: '无党派', sectorId: ss[1]!.id, standing: true, chairMeeting: true },
  ].map(withNameSort)).returning();
  const [om] = await db.insert(members).values(withNameSort({ orgId: other!.id, name: '外市委员', party: '中共', sectorId: os!.id, standing: false })).returning();
  const sectorOfOrg: Record<string, string> = { [other!.id]: os!.id }, memberOfOrg: Record<string, string> = { [other!.id]: om!.id };
  for (const o of [province!, national!, sibling!]) {
    const [sx] = await db.insert(sectors).values({ orgId: o.id, name: '教育界' }).returning();
    const [mx] = await db.insert(members).values(withNameSort({ orgId: o.id, name: `${o.name.slice(0, 2)}委员`, party: '民进', sectorId: sx!.id, standing: false })).returning();
    sectorOfOrg[o.id] = sx!.id;
    memberOfOrg[o.id] = mx!.id;
  }
  const logins: { username: string; roles: string[]; memberId?: string; unitId?: string; orgId?: string }[] = [
    { username: 'admin', roles: ['admin'] },
    { username: 'staff', roles: ['staff'] },
    { username: 'leader', roles: ['leader'], memberId: ms[3]!.id },
    { username: 'member', roles: ['member'], memberId: ms[0]!.id },
    { username: 'member2', roles: ['member'], memberId: ms[1]!.id },
    { username: 'unitA', roles: ['unit'], unitId: ua!.id },
    { username: 'unitB', roles: ['unit'], unitId: ub!.id },
    { username: 'otherAdmin', roles: ['admin'], orgId: other!.id },
    { username: 'otherStaff', roles: ['staff'], orgId: other!.id },
    { username: 'parentAdmin', roles: ['admin'], orgId: province!.id },
    { username: 'grandparentStaff', roles: ['staff'], orgId: national!.id },
    { username: 'siblingAdmin', roles: ['admin'], orgId: sibling!.id },
  ];
  const rows = await db.insert(users).values(logins.map((l) => ({
    orgId: l.orgId ?? orgId, username: l.username, displayName: l.username, passwordHash, roles: l.roles, memberId: l.memberId ?? null, unitId: l.unitId ?? null,
  }))).returning();
  return {
    password, orgId, otherOrgId: other!.id, countyId: county!.id,
    parentOrgId: province!.id, grandparentOrgId: national!.id, siblingOrgId: sibling!.id,
    sectorIds: ss.map((s) => s.id), unitIds: { a: ua!.id, b: ub!.id }, committeeId: cm!.id,
    memberIds: ms.map((m) => m.id), otherSectorId: os!.id, otherMemberId: om!.id, sectorOfOrg, memberOfOrg,
    userIds: Object.fromEntries(rows.map((r) => [r.username, r.id])),
    orgOf: Object.fromEntries(rows.map((r) => [r.username, r.orgId])),
  };
}
