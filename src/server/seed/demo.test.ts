import { describe, it, expect } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { openDatabase, type Database, type Db } from '../core/db/client.ts';
import { verifyPassword } from '../core/auth/passwords.ts';
import { orgs, users } from '../core/schema.ts';
import { committees, memberCommittees, members, plenarySessions, sectors, terms, units } from '../modules/org/schema.ts';
import { PARTIES } from '../modules/org/values.ts';
import { DEMO_PASSWORD, seedDemo } from './demo.ts';

const DEMOCRATIC = ['民革', '民盟', '民建', '民进', '农工党', '致公党', '九三学社', '台盟'];

async function withSeeded<T>(fn: (db: Db, orgId: string, logins: Awaited<ReturnType<typeof seedDemo>>['logins']) => Promise<T>): Promise<T> {
  const database: Database = await openDatabase({ memory: true });
  try {
    const { orgId, logins } = await seedDemo(database.db);
    return await fn(database.db, orgId, logins);
  } finally {
    await database.close();
  }
}

/** Everything that should come out the same on every run (ids aside). */
async function roster(db: Db) {
  const rows = await db.select({
    name: members.name, gender: members.gender, birthYear: members.birthYear, party: members.party, sector: sectors.name,
    workplace: members.workplace, title: members.title, phone: members.phone, standing: members.standing,
  }).from(members).innerJoin(sectors, eq(sectors.id, members.sectorId)).orderBy(asc(members.phone));
  return rows.map((r) => Object.values(r).join('|'));
}

describe('demo seed', () => {
  it('creates a realistic committee with one login per role', async () => {
    await withSeeded(async (db, orgId, logins) => {
      // Committees: the city and its five counties.
      const allOrgs = await db.select().from(orgs);
      const city = allOrgs.find((o) => o.id === orgId)!;
      expect(city).toMatchObject({ name: '示例市政协', level: 'city', parentId: null });
      const counties = allOrgs.filter((o) => o.parentId === orgId);
      expect(counties).toHaveLength(5);
      expect(counties.every((o) => o.level === 'county')).toBe(true);
      const countyIds = new Set(counties.map((o) => o.id));

      // Terms and sessions.
      const termRows = await db.select().from(terms).where(eq(terms.orgId, orgId)).orderBy(asc(terms.number));
      expect(termRows.map((t) => [t.number, t.startYear, t.endYear, t.current])).toEqual([[4, 2017, 2022, false], [5, 2022, 2027, true]]);
      const sessionRows = await db.select().from(plenarySessions).where(eq(plenarySessions.orgId, orgId));
      for (const t of termRows) {
        const own = sessionRows.filter((s) => s.termId === t.id).sort((a, b) => a.number - b.number);
        expect(own.map((s) => s.number)).toEqual([1, 2, 3, 4, 5]);
        own.forEach((s, i) => {
          expect(s.startsOn).toMatch(new RegExp(`^${t.startYear + i}-0[12]-\\d\\d$`));
          expect(s.endsOn! >= s.startsOn).toBe(true);
        });
      }

      // Catalogues.
      const sectorRows = await db.select().from(sectors).where(eq(sectors.orgId, orgId)).orderBy(asc(sectors.sort));
      expect(sectorRows.length).toBeGreaterThanOrEqual(28);
      expect(sectorRows.length).toBeLessThanOrEqual(34);
      expect(sectorRows[0]!.name).toBe('中国共产党');
      expect(new Set(sectorRows.map((s) => s.sort)).size).toBe(sectorRows.length);
      const committeeRows = await db.select().from(committees).where(eq(committees.orgId, orgId));
      expect(committeeRows.length).toBeGreaterThanOrEqual(8);
      expect(committeeRows.length).toBeLessThanOrEqual(9);
      const unitRows = await db.select().from(units).where(eq(units.orgId, orgId));
      expect(unitRows.length).toBeGreaterThanOrEqual(35);
      expect(unitRows.length).toBeLessThanOrEqual(45);
      expect(unitRows.filter((u) => u.kind === 'court').map((u) => u.name)).toEqual(['市中级人民法院']);
      expect(unitRows.filter((u) => u.kind === 'procuratorate').map((u) => u.name)).toEqual(['市人民检察院']);

      // Members.
      const memberRows = await db.select().from(members).where(eq(members.orgId, orgId));
      const n = memberRows.length;
      expect(n).toBeGreaterThanOrEqual(400);
      expect(n).toBeLessThanOrEqual(500);
      const share = (f: (m: (typeof memberRows)[number]) => boolean) => memberRows.filter(f).length / n;
      for (const s of sectorRows) expect(memberRows.some((m) => m.sectorId === s.id), s.name).toBe(true);
      expect(memberRows.every((m) => (PARTIES as readonly string[]).includes(m.party))).toBe(true);
      for (const p of DEMOCRATIC) expect(memberRows.some((m) => m.party === p), p).toBe(true);
      expect(memberRows.some((m) => m.party === '无党派')).toBe(true);
      expect(share((m) => m.party === '中共')).toBeGreaterThan(0.35);
      expect(share((m) => m.party === '中共')).toBeLessThan(0.45);
      // Sectors of a party seat that party's members only.
      const sectorName = new Map(sectorRows.map((s) => [s.id, s.name]));
      const fixed: Record<string, string> = { 中国共产党: '中共', 中国国民党革命委员会: '民革', 无党派人士: '无党派' };
      for (const m of memberRows) {
        const want = fixed[sectorName.get(m.sectorId)!];
        if (want) expect(m.party).toBe(want);
      }
      expect(share((m) => m.gender === '男')).toBeGreaterThan(0.55);
      expect(share((m) => m.gender === '男')).toBeLessThan(0.68);
      expect(memberRows.every((m) => m.gender === '男' || m.gender === '女')).toBe(true);
      expect(memberRows.every((m) => m.birthYear! >= 1958 && m.birthYear! <= 1990)).toBe(true);
      expect(share((m) => m.ethnicity === '汉族')).toBeGreaterThan(0.8);
      expect(share((m) => m.standing)).toBeGreaterThan(0.1);
      expect(share((m) => m.standing)).toBeLessThan(0.14);
      const chair = memberRows.filter((m) => m.chairMeeting);
      expect(chair.length).toBeGreaterThanOrEqual(13);
      expect(chair.length).toBeLessThanOrEqual(17);
      expect(chair.every((m) => m.standing)).toBe(true);
      const partyGroup = memberRows.filter((m) => m.partyGroup);
      expect(partyGroup.length).toBeGreaterThanOrEqual(6);
      expect(partyGroup.length).toBeLessThanOrEqual(10);
      expect(partyGroup.every((m) => m.party === '中共')).toBe(true);
      expect(share((m) => m.countyOrgId !== null)).toBeGreaterThan(0.5);
      expect(share((m) => m.countyOrgId !== null)).toBeLessThan(0.7);
      expect(memberRows.every((m) => m.countyOrgId === null || countyIds.has(m.countyOrgId))).toBe(true);
      expect(memberRows.every((m) => /^1[358]\d{9}$/.test(m.phone ?? ''))).toBe(true);
      expect(new Set(memberRows.map((m) => m.phone)).size).toBe(n);
      expect(new Set(memberRows.map((m) => m.name)).size).toBe(n);
      expect(share((m) => m.email !== null)).toBeGreaterThan(0.35);
      expect(share((m) => m.email !== null)).toBeLessThan(0.65);
      expect(memberRows.every((m) => m.workplace && m.title)).toBe(true);

      // Special-committee seats: 0–2 each, all pointing at real committees.
      const seats = await db.select().from(memberCommittees).where(eq(memberCommittees.orgId, orgId));
      const perMember = new Map<string, number>();
      for (const s of seats) perMember.set(s.memberId, (perMember.get(s.memberId) ?? 0) + 1);
      expect(Math.max(...perMember.values())).toBeLessThanOrEqual(2);
      expect(perMember.size).toBeGreaterThan(n / 2);
      const committeeIds = new Set(committeeRows.map((c) => c.id));
      expect(seats.every((s) => committeeIds.has(s.committeeId))).toBe(true);

      // Logins.
      expect(logins.map((l) => [l.username, l.role])).toEqual([
        ['admin', 'admin'], ['staff', 'staff'], ['leader', 'leader'], ['member', 'member'], ['unit', 'unit'], ['unit2', 'unit'],
      ]);
      const userRows = await db.select().from(users).where(eq(users.orgId, orgId));
      expect(userRows).toHaveLength(6);
      const user = (username: string) => userRows.find((u) => u.username === username)!;
      const memberById = new Map(memberRows.map((m) => [m.id, m]));
      const unitName = new Map(unitRows.map((u) => [u.id, u.name]));
      for (const l of logins) {
        expect(user(l.username).roles).toEqual([l.role]);
        expect(user(l.username).displayName).toBe(l.displayName);
      }
      expect(user('admin')).toMatchObject({ displayName: '系统管理员', memberId: null, unitId: null });
      expect(user('staff')).toMatchObject({ memberId: null, unitId: null });
      const leader = memberById.get(user('leader').memberId!)!;
      expect(leader.chairMeeting).toBe(true);
      expect(user('leader').displayName).toBe(`${leader.name} 副主席`);
      const member = memberById.get(user('member').memberId!)!;
      expect(member.chairMeeting).toBe(false);
      expect(user('member').displayName).toBe(member.name);
      expect(unitName.get(user('unit').unitId!)).toBe('市教育局');
      expect(user('unit').displayName).toBe('市教育局经办人');
      expect(unitName.get(user('unit2').unitId!)).toBe('市卫生健康委员会');
      expect(await verifyPassword(user('member').passwordHash, DEMO_PASSWORD)).toBe(true);
      expect(new Set(userRows.map((u) => u.passwordHash)).size).toBe(1);

      // A second run on the same database is refused.
      await expect(seedDemo(db)).rejects.toThrow(/already exists/);
    });
  }, 60_000);

  it('is deterministic: two databases get the same roster', async () => {
    const first = await withSeeded((db) => roster(db));
    const second = await withSeeded((db) => roster(db));
    expect(first.length).toBeGreaterThan(400);
    expect(second).toEqual(first);
  }, 60_000);
});
