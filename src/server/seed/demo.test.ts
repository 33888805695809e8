import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { buildApp } from '../app.ts';
import type { Database, Db } from '../core/db/client.ts';
import { verifyPassword } from '../core/auth/passwords.ts';
import { auditLog, orgs, users } from '../core/schema.ts';
import { jobs } from '../core/jobs-schema.ts';
import { REMINDER_JOB } from '../modules/handling/engine.ts';
import { committees, memberCommittees, members, plenarySessions, sectors, terms, units } from '../modules/org/schema.ts';
import { PARTIES } from '../modules/org/values.ts';
import { assignments, evaluations, extensionRequests, handlingLogs, replies } from '../modules/handling/schema.ts';
import { plusDays, plusMonths, today } from '../modules/handling/deadlines.ts';
import { memberLetters, opinionAdoptions, opinionInstructions, opinions } from '../modules/opinions/schema.ts';
import { LEVELS, STATES as OPINION_STATES } from '../modules/opinions/workflow.ts';
import { proposalCosigners, proposalRatings, proposals } from '../modules/proposals/schema.ts';
import { consultationRecommendations, consultations, meetingInvitees } from '../modules/consultations/schema.ts';
import { inviteeEventId } from '../modules/consultations/meeting-commands.ts';
import { recomputeYear } from '../modules/records/entries.ts';
import { HELD, STATES as CONSULTATION_STATES } from '../modules/consultations/workflow.ts';
import { numberLabel } from '../modules/proposals/queries.ts';
import { STATES } from '../modules/proposals/workflow.ts';
import { dutyEntries, dutyTotals } from '../modules/records/schema.ts';
import { DEFAULT_RULES, pointsOf } from '../modules/records/rules.ts';
import { testConfig, testDatabase } from '../../../test/helpers.ts';
import { DEMO_PASSWORD, seedDemo } from './demo.ts';
import { themeCacheOf } from '../modules/consultations/theme-cache.ts';

const DEMOCRATIC = ['民革', '民盟', '民建', '民进', '农工党', '致公党', '九三学社', '台盟'];

type Seeded = Awaited<ReturnType<typeof seedDemo>>;

async function withSeeded<T>(fn: (db: Db, orgId: string, logins: Seeded['logins']) => Promise<T>, now?: Date): Promise<T> {
  const database: Database = await testDatabase('embedded');
  try {
    const { orgId, logins } = await seedDemo(database.db, { now });
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

/** The proposals as the PRNG made them (ids and dates aside; numbers follow the filing dates). */
async function proposalSummary(db: Db) {
  const rows = await db.select({ p: proposals, session: plenarySessions.number }).from(proposals)
    .leftJoin(plenarySessions, eq(plenarySessions.id, proposals.sessionId));
  return rows.map(({ p, session }) => [session, p.state, p.kind, p.domain, p.title, p.proposerName, p.isKey, p.published, p.body].join('|')).sort();
}

describe('demo seed', () => {
  let database: Database;
  let seeded: Seeded;
  beforeAll(async () => {
    database = await testDatabase('embedded');
    seeded = await seedDemo(database.db);
  }, 120_000);
  afterAll(async () => { await database?.close(); });

  it('creates a realistic committee with one login per role', async () => {
    const db = database.db;
    const { orgId, logins } = seeded;
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
      ['admin', 'admin'], ['staff', 'staff'], ['leader', 'leader'], ['member', 'member'], ['unit', 'unit'], ['unit2', 'unit'], ['public', 'public'],
    ]);
    const everyone = await db.select().from(users).where(eq(users.orgId, orgId));
    // Besides the logins, public accounts (网民): two more who propose and support topics, some forty who comment online;
    // and members with a login of their own who take part online (wy01 …, each a member).
    const onliners = everyone.filter((u) => /^wy\d+$/.test(u.username));
    expect(onliners.length).toBeGreaterThanOrEqual(10);
    expect(onliners.every((u) => u.memberId && u.roles.join() === 'member')).toBe(true);
    const userRows = everyone.filter((u) => (!u.roles.includes('public') || logins.some((l) => l.username === u.username)) && !onliners.includes(u));
    // …and the person on two levels (demo-counties.ts): one login, the city's and the county's.
    expect(userRows).toHaveLength(8);
    expect(everyone.length - userRows.length - onliners.length).toBeGreaterThanOrEqual(40);
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
  }, 60_000);

  it('creates two years of proposals in every state, each with the records its state implies', async () => {
    await checkProposals(database.db, seeded.orgId);
  }, 60_000);

  it('gives each demo login a populated API: lists, to-dos, history', async () => {
    await checkApi(database, seeded.orgId);
  }, 60_000);

  it('creates 社情民意 reports in every state: numbered, forwarded, adopted at each level, some with 批示', async () => {
    await checkOpinions(database, seeded.orgId);
  }, 60_000);

  it('creates this year\'s 双联: links of every kind by the rules, contacts, opinions and reports, some liaisons behind', async () => {
    await checkLiaison(database);
  }, 60_000);

  it('creates the party organisation with a year of activities, the 双联见面会, uploaded reports and 献一计 campaigns', async () => {
    await checkParty(database);
  }, 60_000);

  it('creates this year\'s consultation plan and its consultations at their steps, consistent with the transition table', async () => {
    await checkConsultations(database, seeded.orgId);
  }, 120_000); // (20 s alone; a loaded machine has taken over 60)

  it('creates this year\'s 双创: projects of every kind across the counties, pairings, 五送 activities, honours and an exchange meeting', async () => {
    await checkCreation(database);
  }, 60_000);

  it('fills the members\' duty records from the proposals, reports and contacts it made, totals by the rules', async () => {
    const db = database.db;
    const orgId = seeded.orgId;
    const entries = await db.select().from(dutyEntries).where(eq(dutyEntries.orgId, orgId));
    const count = (kind: string) => entries.filter((e) => e.kind === kind).length;
    const submitted = await db.select().from(proposals).where(eq(proposals.orgId, orgId));
    // (a withdrawn proposal or report takes its entries back)
    const led = submitted.filter((p) => p.submittedAt && p.proposerMemberId && p.state !== 'withdrawn');
    expect(count('proposalLead')).toBe(led.length);
    expect(count('proposalFiled')).toBe(led.filter((p) => p.filedAt).length);
    expect(count('proposalKey')).toBe(led.filter((p) => p.filedAt && p.isKey).length);
    const keys = new Set(entries.map((e) => `${e.memberId} ${e.key}`));
    for (const p of led) expect(keys.has(`${p.proposerMemberId} proposal.submit:${p.id}`), p.title).toBe(true);
    const reports = (await db.select().from(opinions).where(eq(opinions.orgId, orgId))).filter((o) => o.submittedAt && o.authorMemberId && o.state !== 'withdrawn');
    expect(count('opinionSubmitted')).toBe(reports.length);
    const adopted = await db.select().from(opinionAdoptions).where(and(eq(opinionAdoptions.orgId, orgId), inArray(opinionAdoptions.opinionId, reports.map((o) => o.id))));
    expect(count('opinionAdopted')).toBe(adopted.length);
    expect(count('liaisonContact')).toBeGreaterThan(0);
    expect(count('proposalExcellent')).toBeGreaterThan(0);
    // Every year's totals are its entries' points by the default rules.
    const totals = await db.select().from(dutyTotals).where(eq(dutyTotals.orgId, orgId));
    for (const year of new Set(entries.map((e) => e.year))) {
      const sum = entries.filter((e) => e.year === year).reduce((n, e) => n + pointsOf(DEFAULT_RULES, e.kind, e.variant), 0);
      expect(totals.filter((x) => x.year === year).reduce((n, x) => n + x.points, 0), String(year)).toBe(sum);
    }
    // The modules seeded without events count too, with the keys their events would have.
    for (const kind of ['meetingAttended', 'meetingLeave', 'meetingSpeech', 'meetingAbsent', 'topicProposed', 'commentPosted', 'supervisionVisit',
      'creationProject', 'creationActivity', 'creationHonour', 'partyActivity', 'campaignIdea', 'liaisonMeeting']) expect(count(kind), kind).toBeGreaterThan(0);
    const invited = await db.select().from(meetingInvitees).where(eq(meetingInvitees.orgId, orgId));
    expect(count('meetingAttended')).toBe(invited.filter((i) => i.signedInAt).length);
    expect(count('meetingLeave')).toBe(invited.filter((i) => !i.signedInAt && i.leaveState === 'approved').length);
    for (const i of invited.filter((x) => x.signedInAt)) expect(keys.has(`${i.memberId} meetingAttendance.signedIn:${inviteeEventId('attendance', i.consultationId, i.memberId)}`)).toBe(true);
    // The demo member's record: meetings attended, 双创 and the party's (their 献一计 is left for them to submit), points by the rules.
    const [demo] = await db.select({ memberId: users.memberId }).from(users).where(and(eq(users.orgId, orgId), eq(users.username, 'member')));
    const year = Number(today().slice(0, 4));
    const mine = entries.filter((e) => e.memberId === demo!.memberId && e.year === year);
    const mineKinds = new Set(mine.map((e) => e.kind));
    for (const kind of ['meetingAttended', 'creationProject', 'partyActivity']) expect(mineKinds.has(kind), kind).toBe(true);
    const [myTotal] = totals.filter((x) => x.memberId === demo!.memberId && x.year === year);
    expect(myTotal!.points).toBe(mine.reduce((n, e) => n + pointsOf(DEFAULT_RULES, e.kind, e.variant), 0));
    // A recompute from the stored entries gives the same totals.
    const shape = (rows: (typeof totals)) => rows.map((x) => `${x.year} ${x.memberId} ${x.points} ${JSON.stringify(Object.entries(x.counts).sort())}`).sort();
    await db.transaction(async (tx) => { for (const y of new Set(entries.map((e) => e.year))) await recomputeYear(tx, orgId, y); });
    expect(shape(await db.select().from(dutyTotals).where(eq(dutyTotals.orgId, orgId)))).toEqual(shape(totals));
  }, 60_000);

  it('is deterministic: a second database, seeded on another day, gets the same roster and proposals', async () => {
    // Dates follow the day of seeding; everything else comes from the PRNG. Seeded half a year later,
    // the demo is as consistent then (items in progress move along with today).
    const later = new Date(Date.now() + 200 * 86_400_000);
    const first = [await roster(database.db), await proposalSummary(database.db)];
    const second = await withSeeded(async (db, orgId) => {
      await checkProposals(db, orgId, later);
      return [await roster(db), await proposalSummary(db)];
    }, later);
    expect(first[0]!.length).toBeGreaterThan(400);
    expect(first[1]!.length).toBeGreaterThan(550);
    expect(second).toEqual(first);
  }, 120_000);
});


const FILED = ['filed', 'assigned', 'handling', 'replied', 'rehandling', 'closed'];
const ANSWERED = ['replied', 'rehandling', 'closed'];

/** Shares of each state among all proposals (≈ the brief: mostly closed, every state present). */
const SHARES: Record<string, [number, number]> = {
  closed: [0.5, 0.62], replied: [0.06, 0.1], handling: [0.08, 0.12], rehandling: [0.01, 0.03], assigned: [0.035, 0.065],
  filed: [0.02, 0.04], submitted: [0.02, 0.04], not_filed: [0.03, 0.05], merged: [0.01, 0.03], converted: [0.01, 0.03],
  withdrawn: [0.005, 0.02], draft: [0.005, 0.04],
};

const share = <T>(items: T[], f: (x: T) => boolean) => items.filter(f).length / items.length;
const group = <T>(items: T[], key: (x: T) => string) => {
  const out = new Map<string, T[]>();
  for (const x of items) out.set(key(x), [...(out.get(key(x)) ?? []), x]);
  return out;
};
const dayOf = (d: Date) => today(d);

async function checkProposals(db: Db, orgId: string, now = new Date()) {
  const todayStr = today(now);
  const all = await db.select().from(proposals).where(eq(proposals.orgId, orgId));
  const userRows = await db.select().from(users).where(eq(users.orgId, orgId));
  const user = (name: string) => userRows.find((u) => u.username === name)!;
  const ofState = (...states: string[]) => all.filter((p) => states.includes(p.state));

  // About 600 of them, in every state, in the usual proportions.
  expect(all.length).toBeGreaterThanOrEqual(560);
  expect(all.length).toBeLessThanOrEqual(640);
  for (const s of STATES) {
    const [lo, hi] = SHARES[s]!;
    expect(ofState(s).length, s).toBeGreaterThan(0);
    expect(share(all, (p) => p.state === s), s).toBeGreaterThanOrEqual(lo);
    expect(share(all, (p) => p.state === s), s).toBeLessThanOrEqual(hi);
  }
  expect(share(all, (p) => p.kind === 'member')).toBeGreaterThan(0.6);
  expect(share(all, (p) => p.kind === 'joint')).toBeGreaterThan(0.15);
  expect(share(all, (p) => p.kind === 'joint')).toBeLessThan(0.28);
  for (const k of ['group', 'committee', 'sector']) expect(all.some((p) => p.kind === k && !p.proposerMemberId && p.proposerName), k).toBe(true);
  expect(new Set(all.map((p) => p.domain))).toEqual(new Set(['经济', '政治', '文化', '社会', '生态文明', '其他']));

  // Texts: "关于……的提案", 案由 and numbered 建议, 300–1,500 characters; titles rarely repeat.
  for (const p of all) {
    expect(p.title).toMatch(/^关于.+的提案$/);
    expect([...p.body].length, p.title).toBeGreaterThanOrEqual(300);
    expect([...p.body].length, p.title).toBeLessThanOrEqual(1500);
    expect(p.body).toMatch(/^一、案由\n[\s\S]+\n二、建议\n[\s\S]*\n1\. /);
  }
  expect(Math.max(...[...group(all, (p) => p.title).values()].map((g) => g.length))).toBeLessThanOrEqual(6);
  expect(new Set(all.map((p) => p.title)).size).toBeGreaterThan(all.length * 0.75);

  // Numbers: per session, in filing order, from 1; only filed proposals have one; sessions of 2025 and 2026.
  const sessionRows = await db.select({ s: plenarySessions, term: terms.number }).from(plenarySessions)
    .innerJoin(terms, eq(terms.id, plenarySessions.termId)).where(eq(plenarySessions.orgId, orgId));
  const sessionOf = new Map(sessionRows.map((r) => [r.s.id, r]));
  const numbered = all.filter((p) => p.number !== null);
  expect(numbered.map((p) => p.id).sort()).toEqual(ofState(...FILED).map((p) => p.id).sort());
  const bySession = group(numbered, (p) => p.sessionId!);
  expect([...bySession.keys()].map((id) => sessionOf.get(id)!.s.startsOn.slice(0, 4)).sort()).toEqual(['2025', '2026']);
  for (const list of bySession.values()) {
    const { s, term } = sessionOf.get(list[0]!.sessionId!)!;
    const inFilingOrder = [...list].sort((a, b) => a.filedAt!.getTime() - b.filedAt!.getTime());
    expect(inFilingOrder.map((p) => p.number)).toEqual(list.map((_, i) => i + 1));
    for (const p of list) {
      expect(p.termId).toBe(s.termId);
      expect(numberLabel(term, s.number, p.number)).toBe(`第五届第${s.number === 4 ? '四' : '五'}次会议 第${String(p.number).padStart(4, '0')}号`);
      const submitted = dayOf(p.submittedAt!);
      expect(p.duringSession, p.title).toBe(submitted >= s.startsOn && submitted <= s.endsOn!);
      expect(submitted >= s.startsOn).toBe(true);
      expect(p.submittedAt! <= p.filedAt!).toBe(true);
    }
  }
  expect(share(numbered, (p) => !!p.duringSession)).toBeGreaterThan(0.4);
  expect(all.filter((p) => p.number === null).every((p) => p.sessionId === null && p.duringSession === null)).toBe(true);

  // Replies and evaluations: every answered proposal has a reply; every closed one a final 满意/基本满意.
  const reps = await db.select().from(replies).where(eq(replies.orgId, orgId));
  const evals = await db.select().from(evaluations).where(eq(evaluations.orgId, orgId));
  const repliesOf = group(reps, (r) => r.itemId), evalsOf = group(evals, (e) => e.itemId);
  for (const p of all) {
    const rs = (repliesOf.get(p.id) ?? []).sort((a, b) => a.round - b.round);
    const es = (evalsOf.get(p.id) ?? []).sort((a, b) => a.round - b.round);
    if (!ANSWERED.includes(p.state)) { expect(rs, p.state).toHaveLength(0); expect(es).toHaveLength(0); continue; }
    expect(rs.length, p.state).toBeGreaterThan(0);
    expect(rs.map((r) => r.round)).toEqual(rs.map((_, i) => i + 1));
    expect(es.every((e) => rs.some((r) => r.id === e.replyId && r.round === e.round))).toBe(true);
    expect(es.slice(0, -1).every((e) => e.satisfaction === 'unsatisfied')).toBe(true);
    const lastEval = es[es.length - 1];
    if (p.state === 'closed') {
      expect(lastEval?.round).toBe(rs.length);
      expect(['satisfied', 'basic']).toContain(lastEval!.satisfaction);
      expect(p.closedAt).not.toBeNull();
    } else if (p.state === 'replied') {
      expect(es).toHaveLength(rs.length - 1);
    } else {
      expect(lastEval?.satisfaction).toBe('unsatisfied');
      expect(p.round).toBe(rs.length + 1);
    }
    expect(p.unsatisfiedCount).toBe(es.filter((e) => e.satisfaction === 'unsatisfied').length);
    expect(p.needsMeeting).toBe(p.unsatisfiedCount >= 2);
    expect(rs.every((r) => r.content.length > 80 && r.signer)).toBe(true);
  }
  expect(share(reps, (r) => r.category === 'A')).toBeGreaterThan(0.35);
  expect(share(reps, (r) => r.category === 'A')).toBeLessThan(0.55);
  expect(share(reps, (r) => r.category === 'B')).toBeGreaterThan(0.3);
  expect(share(reps, (r) => r.category === 'C')).toBeGreaterThan(0.07);
  expect(share(reps, (r) => r.category === 'C')).toBeLessThan(0.22);
  expect(share(evals, (e) => e.satisfaction === 'satisfied')).toBeGreaterThan(0.7);
  expect(share(evals, (e) => e.satisfaction === 'basic')).toBeGreaterThan(0.08);
  expect(share(evals, (e) => e.satisfaction === 'unsatisfied')).toBeGreaterThan(0.02);
  expect(share(evals, (e) => e.satisfaction === 'unsatisfied')).toBeLessThan(0.1);
  expect(ofState('closed').filter((p) => p.round > 1).length).toBeGreaterThan(5); // went through a second round

  // Published ⊆ closed: most of last session's, fewer of this one's; every other one of last
  // session's was exempted with a reason, so only this session's wait to be published.
  const published = all.filter((p) => p.published);
  expect(published.every((p) => p.state === 'closed' && p.publishedAt! >= p.closedAt!)).toBe(true);
  expect(published.length / ofState('closed').length).toBeGreaterThan(0.4);
  expect(published.length / ofState('closed').length).toBeLessThan(0.85);
  expect(all.every((p) => !p.publicationExemptReason || (p.state === 'closed' && !p.published))).toBe(true);
  const lastSession = [...sessionRows].sort((a, b) => a.s.startsOn.localeCompare(b.s.startsOn))[0]!.s.id;
  const pending = ofState('closed').filter((p) => !p.published && !p.publicationExemptReason);
  expect(pending.length).toBeGreaterThan(0);
  expect(pending.every((p) => p.sessionId !== lastSession)).toBe(true);
  const key = all.filter((p) => p.isKey);
  expect(key.length).toBeGreaterThanOrEqual(15);
  expect(key.length).toBeLessThanOrEqual(25);
  expect(key.every((p) => p.keyLeaderUserId === user('leader').id && FILED.includes(p.state))).toBe(true);
  expect(key.filter((p) => ['assigned', 'handling', 'replied', 'rehandling'].includes(p.state)).length).toBeGreaterThan(3);

  // Assignments: one active lead each, dates as deadlines.ts gives them; a few overdue; returns reassigned.
  const asg = await db.select().from(assignments).where(eq(assignments.orgId, orgId));
  const exts = await db.select().from(extensionRequests).where(eq(extensionRequests.orgId, orgId));
  const asgOf = group(asg, (a) => a.itemId);
  for (const p of all) {
    const mine = asgOf.get(p.id) ?? [];
    const active = mine.filter((a) => a.state === 'pending' || a.state === 'signed');
    if (!['assigned', 'handling', 'replied', 'rehandling', 'closed'].includes(p.state)) {
      expect(active, p.state).toHaveLength(0);
      continue;
    }
    const leads = active.filter((a) => a.role === 'lead');
    expect(leads, p.title).toHaveLength(1);
    const lead = leads[0]!;
    expect(lead.state).toBe(p.state === 'assigned' ? 'pending' : 'signed');
    for (const a of active) {
      const day = dayOf(a.assignedAt);
      expect(a.returnBy).toBe(plusDays(day, 7));
      expect(day >= dayOf(p.filedAt!)).toBe(true);
      if (a.role === 'co') expect(a.dueOn).toBe(plusMonths(day, 1));
      if (a.signedAt) expect(a.signedAt >= a.assignedAt).toBe(true);
    }
    // An extension granted in this handling period moved the due date (a re-handling starts a new period).
    const granted = exts.find((x) => x.assignmentId === lead.id && x.state === 'granted' && dayOf(x.decidedAt!) >= lead.periodStart);
    expect(lead.dueOn).toBe(granted ? granted.requestedDueOn : plusMonths(lead.periodStart, 3));
    expect(lead.periodStart === dayOf(lead.assignedAt)).toBe(p.unsatisfiedCount === 0);
    if (p.state === 'assigned') expect(lead.returnBy >= todayStr).toBe(true); // still inside its return window
    expect(mine.filter((a) => a.state === 'returned').every((a) => a.returnReason && a.returnedAt)).toBe(true);
  }
  expect(asg.filter((a) => a.state === 'returned').length).toBeGreaterThan(3);
  const leadOf = (p: (typeof all)[number]) => asgOf.get(p.id)!.find((a) => a.role === 'lead' && (a.state === 'pending' || a.state === 'signed'))!;
  const overdue = ofState('handling', 'rehandling', 'assigned').filter((p) => leadOf(p).dueOn < todayStr);
  expect(overdue.length).toBeGreaterThanOrEqual(3);
  expect(overdue.length).toBeLessThanOrEqual(10);
  expect(overdue.every((p) => p.state === 'handling')).toBe(true);
  const pendingExt = exts.filter((x) => x.state === 'pending');
  expect(pendingExt.length).toBeGreaterThanOrEqual(2);
  expect(pendingExt.length).toBeLessThanOrEqual(4);
  for (const x of pendingExt) {
    const p = all.find((y) => y.id === x.itemId)!;
    expect(p.state).toBe('handling');
    expect(x.requestedDueOn > leadOf(p).dueOn && x.requestedDueOn <= plusMonths(leadOf(p).periodStart, 6)).toBe(true);
  }
  expect(exts.some((x) => x.state === 'granted') && exts.some((x) => x.state === 'refused')).toBe(true);

  // Contacts logged for most handled ones, some unit ratings.
  const logs = await db.select().from(handlingLogs).where(eq(handlingLogs.orgId, orgId));
  const logged = new Set(logs.map((l) => l.itemId));
  expect(share(ofState('closed', 'replied'), (p) => logged.has(p.id))).toBeGreaterThan(0.7);
  expect(logs.every((l) => ['visit', 'phone', 'meeting', 'note'].includes(l.kind) && l.happenedOn < todayStr)).toBe(true);
  const ratings = await db.select().from(proposalRatings).where(eq(proposalRatings.orgId, orgId));
  expect(ratings.length).toBeGreaterThan(100);
  expect(ratings.every((r) => [r.topic, r.research, r.feasibility].every((x) => x >= 1 && x <= 5))).toBe(true);

  // Decisions: reasons, conversions into reports or letters, merged into a filed one whose proposers they joined.
  expect(ofState('not_filed', 'converted').every((p) => p.decisionReason)).toBe(true);
  const converted = ofState('converted').map((p) => p.id).sort();
  const ops = await db.select().from(opinions).where(eq(opinions.orgId, orgId));
  const letters = await db.select().from(memberLetters).where(eq(memberLetters.orgId, orgId));
  expect([...ops.filter((o) => o.sourceProposalId), ...letters].map((x) => x.sourceProposalId).sort()).toEqual(converted);
  const cos = await db.select().from(proposalCosigners).where(eq(proposalCosigners.orgId, orgId));
  for (const p of ofState('merged')) {
    const into = all.find((x) => x.id === p.mergedIntoId)!;
    expect(FILED).toContain(into.state);
    if (p.proposerMemberId && p.proposerMemberId !== into.proposerMemberId) {
      expect(cos.some((c) => c.proposalId === into.id && c.memberId === p.proposerMemberId && c.viaMergeOf === p.id)).toBe(true);
    }
  }
  const joint = ofState(...STATES.filter((s) => s !== 'draft')).filter((p) => p.kind === 'joint');
  expect(joint.every((p) => cos.some((c) => c.proposalId === p.id && c.confirmedAt && !c.viaMergeOf))).toBe(true);
  expect(cos.every((c) => !c.confirmedAt || c.confirmedAt <= now)).toBe(true);

  // History: an audit trail per proposal from 'created', each step starting where the last ended.
  const audit = await db.select().from(auditLog).where(and(eq(auditLog.orgId, orgId), eq(auditLog.entity, 'proposal'))).orderBy(asc(auditLog.id));
  const trail = group(audit, (a) => a.entityId!);
  for (const p of all) {
    const steps = trail.get(p.id)!;
    expect(steps[0]).toMatchObject({ action: 'created', before: null, after: { state: 'draft' } });
    let state = 'draft';
    for (const [i, a] of steps.entries()) {
      if (i) expect((a.before as { state: string }).state, `${p.title} ${a.action}`).toBe(state);
      state = (a.after as { state: string }).state;
      if (i) expect(a.at >= steps[i - 1]!.at).toBe(true);
      expect(a.at <= now).toBe(true);
      expect(a.actorUserId).not.toBeNull();
    }
    expect(state).toBe(p.state);
    expect(p.updatedAt.getTime()).toBe(steps[steps.length - 1]!.at.getTime());
    if (p.filedAt) expect(steps.find((a) => a.action === 'file')!.after).toEqual({ state: 'filed', note: `第${p.number}号` });
  }
  expect(audit.length).toBeGreaterThan(all.length * 6);

  // Reminders: jobs only for dates still to come, for items still open.
  const jobRows = await db.select().from(jobs).where(and(eq(jobs.orgId, orgId), eq(jobs.kind, REMINDER_JOB)));
  expect(jobRows.length).toBeGreaterThan(50);
  const open = new Set(ofState('assigned', 'handling', 'rehandling').map((p) => p.id));
  for (const j of jobRows) {
    expect(j.runAt.getTime()).toBeGreaterThan(now.getTime() - 10 * 60_000);
    expect(open.has((j.payload as { item: { id: string } }).item.id)).toBe(true);
  }

  // The demo logins: the `unit` login's unit has work in every stage; the `member` login has proposals in each.
  const unitId = user('unit').unitId!;
  const unitAsg = asg.filter((a) => a.unitId === unitId);
  const stateOf = new Map(all.map((p) => [p.id, p.state]));
  const at = (state: string, role: string, aState: string) => unitAsg.filter((a) => stateOf.get(a.itemId) === state && a.role === role && a.state === aState).length;
  expect(at('assigned', 'lead', 'pending')).toBeGreaterThanOrEqual(3);
  expect(at('handling', 'lead', 'signed')).toBeGreaterThanOrEqual(5);
  expect(at('handling', 'co', 'signed')).toBeGreaterThanOrEqual(2);
  expect(at('rehandling', 'lead', 'signed')).toBeGreaterThanOrEqual(1);
  expect(at('replied', 'lead', 'signed')).toBeGreaterThanOrEqual(3);
  expect(at('closed', 'lead', 'signed')).toBeGreaterThanOrEqual(10);
  expect(overdue.some((p) => leadOf(p).unitId === unitId)).toBe(true);
  const unit2Id = user('unit2').unitId!;
  expect(asg.some((a) => a.unitId === unit2Id && stateOf.get(a.itemId) === 'assigned' && a.state === 'pending')).toBe(true);
  expect(asg.some((a) => a.unitId === unit2Id && stateOf.get(a.itemId) === 'handling' && a.state === 'signed')).toBe(true);
  const memberId = user('member').memberId!;
  const own = all.filter((p) => p.proposerMemberId === memberId);
  for (const s of ['draft', 'submitted', 'filed', 'assigned', 'handling', 'replied', 'rehandling', 'closed', 'not_filed', 'withdrawn']) {
    expect(own.some((p) => p.state === s), s).toBe(true);
  }
  expect(own.filter((p) => p.createdBy === user('member').id)).toHaveLength(own.length);
  expect(cos.filter((c) => c.memberId === memberId && !c.confirmedAt).length).toBeGreaterThanOrEqual(1);
  expect(cos.filter((c) => c.memberId === memberId && c.confirmedAt).length).toBeGreaterThanOrEqual(3);
  // Drafts are in their proposer's own account only (staff lists show no drafts).
  const proposerLogins = new Set([user('member').id, user('leader').id]);
  expect(ofState('draft').every((p) => proposerLogins.has(p.createdBy))).toBe(true);
}

async function checkApi(database: Database, orgId: string) {
  const db = database.db;
  const app = await buildApp({ config: testConfig(), database, logger: false });
  await app.ready();
  try {
    const cookies = new Map<string, Record<string, string>>();
    const as = async (username: string) => {
      if (!cookies.has(username)) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
        expect(res.statusCode, username).toBe(200);
        cookies.set(username, { cookie: `tx_session=${res.cookies.find((c) => c.name === 'tx_session')!.value}` });
      }
      return cookies.get(username)!;
    };
    const get = async (username: string | null, url: string) => {
      const res = await app.inject({ url, headers: username ? await as(username) : {} });
      expect(res.statusCode, `${username} ${url}: ${res.body.slice(0, 200)}`).toBe(200);
      return res.json();
    };
    const all = await db.select().from(proposals).where(eq(proposals.orgId, orgId));
    const userRows = await db.select().from(users).where(eq(users.orgId, orgId));
    const user = (name: string) => userRows.find((u) => u.username === name)!;
    const kinds = async (username: string) => (await get(username, '/api/v1/todos')).items.map((t: { kind: string }) => t.kind) as string[];

    // Two county committees run themselves: their admins log in to their own committee and data,
    // and the city's statistics add theirs up with its own (含下级).
    for (const [username, county, memberCount] of [['dongcheng', '示例市东城区政协', 6], ['beishan', '示例市北山县政协', 4]] as const) {
      expect((await get(username, '/api/v1/auth/me')).user).toMatchObject({ orgName: county, roles: ['admin', 'staff'], mustChangePassword: false });
      // Its office's work waits on its to-do list (each county has a submitted and a filed proposal).
      expect(await kinds(username)).toEqual(expect.arrayContaining(['file', 'assign']));
      expect((await get(username, '/api/v1/members?pageSize=1')).total).toBe(memberCount);
      expect((await get(username, '/api/v1/units?pageSize=10')).items).toHaveLength(1);
    }
    // The person on two levels: one login opens the city (the higher level first) and lists both committees.
    expect((await get('twolevel', '/api/v1/auth/me')).user).toMatchObject({ orgName: '示例市政协', roles: ['member'] });
    expect((await get('twolevel', '/api/v1/auth/memberships')).items.map((m: { orgName: string; roles: string[] }) => [m.orgName, m.roles]))
      .toEqual([['示例市政协', ['member']], ['示例市东城区政协', ['member', 'leader']]]);
    const ownStats = await get('staff', '/api/v1/proposals/stats?by=org');
    const tree = await get('staff', '/api/v1/proposals/stats?by=org&scope=tree');
    expect(tree.total.received).toBe(ownStats.total.received + 5);
    expect(tree.rows.map((r: { key: string }) => r.key)).toEqual(expect.arrayContaining(['示例市政协', '示例市东城区政协', '示例市北山县政协']));

    // Lists: staff see every proposal but drafts; the public the published ones.
    expect((await get('staff', '/api/v1/proposals?pageSize=1')).total).toBe(all.filter((p) => p.state !== 'draft').length);
    expect((await get(null, '/api/v1/proposals?published=true&pageSize=1')).total).toBe(all.filter((p) => p.published).length);
    expect((await get('staff', '/api/v1/proposals?state=submitted&pageSize=1')).total).toBe(all.filter((p) => p.state === 'submitted').length);
    const unitList = await get('unit', '/api/v1/proposals?pageSize=200');
    expect(unitList.total).toBeGreaterThan(20);
    expect(unitList.items.every((p: { units: { name: string }[] }) => p.units.some((u) => u.name === '市教育局'))).toBe(true);
    expect((await get('member', '/api/v1/proposals?mine=true&pageSize=1')).total).toBeGreaterThan(15);
    const overdue = await get('staff', '/api/v1/proposals?overdue=true&pageSize=50');
    expect(overdue.total).toBeGreaterThanOrEqual(3);

    // To-dos: something to do for every demo role.
    const unitTodos = await kinds('unit');
    for (const k of ['sign', 'reply', 'opinion']) expect(unitTodos, `unit ${k}`).toContain(k);
    expect((await kinds('unit2')).length).toBeGreaterThan(3);
    const memberTodos = await kinds('member');
    for (const k of ['evaluate', 'cosign']) expect(memberTodos, `member ${k}`).toContain(k);
    // What the member's to-do list asks of them, a notice told them of (unread, linking to the same page).
    const asks = (await get('member', '/api/v1/todos')).items as { kind: string; href: string }[];
    const unread = (await get('member', '/api/v1/notifications?unread=true&pageSize=200')).items as { kind: string; href: string }[];
    for (const [todo, notice] of [['cosign', 'cosign'], ['opinionReturned', 'opinion'], ['meetingInvitation', 'meetingInvitation']] as const) {
      const items = asks.filter((x) => x.kind === todo);
      if (todo !== 'meetingInvitation') expect(items.length, todo).toBeGreaterThan(0); // (none in a month with no meeting in preparation)
      for (const x of items) expect(unread.some((n) => n.kind === notice && n.href === x.href), `${todo} ${x.href}`).toBe(true);
    }
    expect(await kinds('staff')).toEqual(expect.arrayContaining(['file', 'assign']));
    expect(await kinds('leader')).toContain('key');

    // 优秀提案评选: last year's announced (public, and on the member's record), this year's at the unit level.
    expect((await get(null, '/api/v1/selections')).items).toEqual([expect.objectContaining({ state: 'announced', excellent: 15 })]);
    const running = (await get('staff', '/api/v1/selections')).items.find((r: { state: string }) => r.state === 'open');
    expect(running).toMatchObject({ currentLevel: 3, currentLevelName: '承办单位推荐' });
    for (const u of ['unit', 'unit2']) expect(await kinds(u), u).toContain('selectionReview');
    expect((await get('member', `/api/v1/members/${user('member').memberId}/honours`)).items.length).toBeGreaterThan(0);

    // Boards: overdue items by unit, pending extension requests.
    const board = await get('staff', '/api/v1/proposals/board?days=30');
    expect(board.items.some((u: { overdue: number }) => u.overdue > 0)).toBe(true);
    const extensions = await get('staff', '/api/v1/proposals/extensions');
    expect(extensions.items.length).toBeGreaterThanOrEqual(2);

    // 督办: the leader has supervised most of the key proposals they lead, each visit in its history.
    type KeyRow = { id: string; state: string; visits: number; lastVisit: string | null };
    const key = (await get('leader', '/api/v1/proposals/key')).items as KeyRow[];
    const visited = key.filter((k) => k.visits > 0);
    expect(visited.length).toBeGreaterThan(key.length / 2);
    expect(visited.some((k) => ['handling', 'rehandling', 'replied'].includes(k.state))).toBe(true);
    expect(key.filter((k) => k.state === 'assigned').every((k) => k.visits === 0)).toBe(true);
    const log = (await get('leader', `/api/v1/proposals/${visited[0]!.id}/supervision`)).items as { date: string; by: string }[];
    expect(log).toHaveLength(visited[0]!.visits);
    expect(log.at(-1)!.date).toBe(visited[0]!.lastVisit);
    expect(log.every((l) => l.by === user('leader').displayName && l.date < today())).toBe(true);
    const supervised = (await get('leader', `/api/v1/proposals/${visited[0]!.id}/history`) as { action: string }[]).filter((h) => h.action === 'supervised');
    expect(supervised).toHaveLength(visited[0]!.visits);

    // History: a closed proposal lists its steps, in order, with who did them.
    const closed = all.filter((p) => p.state === 'closed' && p.round === 1).sort((a, b) => a.number! - b.number!)[0]!;
    const history = await get('staff', `/api/v1/proposals/${closed.id}/history`) as { action: string; from: string | null; to: string; actorName: string | null; note: string | null }[];
    expect(history[0]).toMatchObject({ action: 'created', from: null, to: 'draft' });
    const changes = history.filter((h) => h.from !== h.to).map((h) => h.to);
    expect(changes.slice(0, 3)).toEqual(['draft', 'submitted', 'filed']);
    expect(changes.slice(-3)).toEqual(['handling', 'replied', 'closed']);
    expect(changes).toContain('assigned');
    expect(history.every((h) => h.actorName)).toBe(true);
    expect(history.find((h) => h.action === 'file')!.note).toBe(`第${closed.number}号`);
    const detail = await get('staff', `/api/v1/proposals/${closed.id}`);
    expect(detail.numberLabel).toMatch(/^第五届第[四五]次会议 第\d{4}号$/);
    expect(detail.replies.length).toBeGreaterThan(0);
    expect(detail.evaluations.length).toBeGreaterThan(0);

    // The workflow accepts the seeded states: each role is offered the next step.
    const actions = async (username: string, id: string) => (await get(username, `/api/v1/proposals/${id}/actions`)).map((a: { action: string }) => a.action) as string[];
    const unitId = user('unit').unitId!;
    const asg = await db.select().from(assignments).where(and(eq(assignments.unitId, unitId), inArray(assignments.state, ['pending', 'signed'])));
    const stateOf = new Map(all.map((p) => [p.id, p.state]));
    const pending = asg.find((a) => a.role === 'lead' && a.state === 'pending' && stateOf.get(a.itemId) === 'assigned')!;
    expect(await actions('unit', pending.itemId)).toEqual(expect.arrayContaining(['sign', 'return']));
    const handling = asg.find((a) => a.role === 'lead' && stateOf.get(a.itemId) === 'handling')!;
    expect(await actions('unit', handling.itemId)).toEqual(expect.arrayContaining(['reply', 'logContact']));
    const toEvaluate = all.find((p) => p.proposerMemberId === user('member').memberId && p.state === 'replied')!;
    expect(await actions('member', toEvaluate.id)).toContain('evaluate');
    const mine = all.find((p) => p.proposerMemberId === user('member').memberId && p.state === 'closed')!;
    const own = await get('member', `/api/v1/proposals/${mine.id}/history`) as { action: string; actorName: string }[];
    expect(own.find((h) => h.action === 'created')!.actorName).toBe(user('member').displayName);
  } finally {
    await app.close();
  }
}

/** The demo's reports: each state, the records a state implies, numbers per year, and the API the demo logins see. */
async function checkOpinions(database: Database, orgId: string) {
  const db = database.db;
  const rows = (await db.select().from(opinions).where(eq(opinions.orgId, orgId))).filter((o) => !o.sourceProposalId);
  expect(rows).toHaveLength(40);
  expect(new Set(rows.map((o) => o.state))).toEqual(new Set(OPINION_STATES));
  const adoptions = await db.select().from(opinionAdoptions).where(eq(opinionAdoptions.orgId, orgId));
  const instructions = await db.select().from(opinionInstructions).where(eq(opinionInstructions.orgId, orgId));
  expect(new Set(adoptions.map((a) => a.level))).toEqual(new Set(LEVELS));
  expect(instructions.length).toBeGreaterThan(5);
  const issued = ['approved', 'forwarded', 'adopted'];
  for (const o of rows) {
    expect(!!o.number, `${o.title} numbered`).toBe(issued.includes(o.state));
    expect(o.forwardedTo !== null, `${o.title} forwarded`).toBe(['forwarded', 'adopted'].includes(o.state));
    expect(adoptions.some((a) => a.opinionId === o.id), `${o.title} adopted`).toBe(o.state === 'adopted');
    expect(!!o.decisionReason).toBe(['returned', 'rejected'].includes(o.state));
    expect(!!o.submittedAt).toBe(o.state !== 'draft');
    expect(o.updatedAt.getTime()).toBeLessThanOrEqual(Date.now());
  }
  for (const y of new Set(rows.filter((o) => o.number).map((o) => o.numberYear))) {
    const numbers = rows.filter((o) => o.numberYear === y).map((o) => o.number!).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  }
  expect([...adoptions.map((a) => a.adoptedOn), ...instructions.map((i) => i.instructedOn)].every((d) => d <= today())).toBe(true);

  const app = await buildApp({ config: testConfig(), database, logger: false });
  await app.ready();
  try {
    const get = demoGet(app);
    // The demo member has reports in several states, one adopted with a 批示, and this year's progress.
    const mine = (await get('member', '/api/v1/opinions?mine=true&pageSize=50')).items as { state: string; instructionCount: number }[];
    expect(new Set(mine.map((o) => o.state)).size).toBeGreaterThanOrEqual(6);
    expect(mine.some((o) => o.state === 'adopted' && o.instructionCount > 0)).toBe(true);
    expect((await get('member', '/api/v1/opinions/quota')).member.submitted).toBeGreaterThan(0);
    // Staff have reports to review and to forward; the year's figures show adoptions and 批示.
    const todo = (await get('staff', '/api/v1/todos')).items.map((i: { kind: string }) => i.kind);
    expect(todo).toEqual(expect.arrayContaining(['opinionReview', 'opinionForward']));
    const stats = await get('leader', '/api/v1/opinions/stats');
    expect(stats.adoptions).toBeGreaterThan(5);
    expect(stats.instructions).toBeGreaterThan(2);
  } finally {
    await app.close();
  }
}

/** The demo's app for `fn`: `as(login)` gives a session's headers, `get(login, url)` the 200 answer's JSON. */
async function withDemoApi(database: Database, fn: (api: {
  app: Awaited<ReturnType<typeof buildApp>>; as: (username: string) => Promise<Record<string, string>>; get: (username: string, url: string) => Promise<any>;
}) => Promise<void>) {
  const app = await buildApp({ config: testConfig(), database, logger: false });
  await app.ready();
  try {
    const as = async (username: string) => {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
      return { cookie: `tx_session=${login.cookies.find((c) => c.name === 'tx_session')!.value}`, 'x-requested-with': 'test' };
    };
    const get = async (username: string, url: string) => {
      const res = await app.inject({ url, headers: await as(username) });
      expect(res.statusCode, `${username} ${url}`).toBe(200);
      return res.json();
    };
    await fn({ app, as, get });
  } finally {
    await app.close();
  }
}

async function checkLiaison(database: Database) {
  await withDemoApi(database, async ({ app, as, get }) => {
    const year = Number(today().slice(0, 4));
    const graph = await get('staff', `/api/v1/liaison/graph?year=${year}`);
    expect(graph.version).toBe(1);
    for (const k of graph.kinds) {
      expect(k.links, k.kind).toBeGreaterThan(0);
      if (k.bound !== null) expect(k.maxLoad, k.kind).toBeLessThanOrEqual(k.bound);
    }
    // The seeded graph is the rules' own: generating again changes nothing.
    const again = await app.inject({ method: 'POST', url: '/api/v1/liaison/links/generate', headers: await as('staff'), payload: { year } });
    expect(again.json()).toEqual({ created: 0, kept: 0 });
    const board = await get('leader', `/api/v1/liaison/compliance?year=${year}`);
    expect(board.totals.behind).toBeGreaterThan(0);
    expect(board.totals.behind).toBeLessThan(board.totals.liaisons);
    expect(board.totals.reported).toBeGreaterThan(board.totals.liaisons / 2);
    const counters = await get('staff', `/api/v1/liaison/counters?from=${year}-01-01&to=${today()}`);
    for (const k of ['policyTalks', 'membersVisited', 'massesVisited', 'opinionsCollected', 'problemsSolved']) expect(counters.total[k], k).toBeGreaterThan(0);
    // The demo member has links, a face-to-face contact with an opinion to turn into a draft, and a report to write.
    const mine = await get('member', `/api/v1/liaison/links?year=${year}&mine=true`);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.some((l: { faceToFace: number }) => l.faceToFace > 0)).toBe(true);
    const contacts = await get('member', `/api/v1/liaison/contacts?year=${year}&mine=true&pageSize=100`);
    expect(contacts.items.every((c: { date: string }) => c.date <= today() && c.date >= `${year}-01-01`)).toBe(true);
    expect(contacts.items.some((c: { opinionCount: number }) => c.opinionCount > 0)).toBe(true);
    expect((await get('member', '/api/v1/todos')).items.map((i: { kind: string }) => i.kind)).toContain('liaisonReport');
  });
}

async function checkParty(database: Database) {
  await withDemoApi(database, async ({ get }) => {
    const year = Number(today().slice(0, 4));
    const groups = (await get('staff', '/api/v1/party/groups')).items as { kind: string; memberCount: number }[];
    for (const kind of ['leadingGroup', 'officeLeadingGroup', 'officeCommittee', 'branch', 'cell', 'memberGroup']) {
      expect(groups.filter((g) => g.kind === kind).length, kind).toBeGreaterThan(0);
    }
    expect(groups.every((g) => g.memberCount > 0)).toBe(true);
    const figures = (await get('leader', `/api/v1/party/figures?year=${year}`)).figures as { key: string; value: number; source: string }[];
    for (const f of figures) {
      expect(f.value, f.key).toBeGreaterThan(0);
      expect((await get('staff', f.source)).total, f.key).toBe(f.value);
    }
    const activities = (await get('staff', `/api/v1/party/activities?from=${year}-01-01&to=${today()}&pageSize=200`)).items as { date: string; kind: string }[];
    expect(new Set(activities.map((a) => a.date.slice(0, 7))).size).toBe(Number(today().slice(5, 7)));
    expect((await get('staff', '/api/v1/party/activities?mine=true')).total).toBeGreaterThan(0);
    // The demo member can submit to the open campaign; some of its ideas are adopted.
    const open = (await get('member', '/api/v1/campaigns?open=true')).items;
    expect(open).toHaveLength(1);
    expect(open[0].adopted).toBeGreaterThan(0);
    expect(open[0].adopted).toBeLessThan(open[0].ideas);
    const meetings = (await get('member', `/api/v1/liaison/meetings?year=${year}`)).items;
    expect(meetings).toHaveLength(1);
    expect(meetings[0].opinions).toBeGreaterThan(0);
    const board = await get('staff', `/api/v1/liaison/compliance?year=${year}`);
    expect(board.items.filter((i: { reportFile: boolean }) => i.reportFile).length).toBeGreaterThan(0);
  });
}

async function checkConsultations(database: Database, orgId: string) {
  const db = database.db;
  const year = Number(today().slice(0, 4));
  const all = await db.select().from(consultations).where(eq(consultations.orgId, orgId));
  const recs = await db.select().from(consultationRecommendations).where(eq(consultationRecommendations.orgId, orgId));
  // Whatever the month, a few consultations of several kinds in different steps.
  expect(all.length).toBeGreaterThanOrEqual(3);
  expect(new Set(all.map((c) => c.kind)).size).toBeGreaterThanOrEqual(3);
  expect(new Set(all.map((c) => c.state)).size).toBeGreaterThanOrEqual(3);
  for (const c of all) {
    const mine = recs.filter((r) => r.consultationId === c.id);
    const step = CONSULTATION_STATES.indexOf(c.state as never);
    expect(!!c.heldOn, c.title).toBe(HELD.includes(c.state as never));
    if (c.heldOn) expect(c.heldOn <= today()).toBe(true);
    if (step >= CONSULTATION_STATES.indexOf('assigning') && c.kind !== 'plenary') expect(mine.length, c.title).toBeGreaterThan(0);
    // What the guards of dispatch, track and close require of the steps after them.
    if (step > CONSULTATION_STATES.indexOf('assigning')) expect(mine.filter((r) => r.state === 'pending'), c.title).toEqual([]);
    if (step > CONSULTATION_STATES.indexOf('handling')) expect(mine.filter((r) => !['replied', 'closed'].includes(r.state)), c.title).toEqual([]);
    if (c.state === 'closed') expect(mine.filter((r) => !r.outcomeKind && !r.noOutcomeReason), c.title).toEqual([]);
  }
  const app = await buildApp({ config: testConfig(), database, logger: false });
  await app.ready();
  try {
    const login = async (username: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
      return { cookie: `tx_session=${res.cookies.find((c) => c.name === 'tx_session')!.value}` };
    };
    const get = async (username: string, url: string) => {
      const res = await app.inject({ url, headers: await login(username) });
      expect(res.statusCode, `${username} ${url}: ${res.body.slice(0, 200)}`).toBe(200);
      return res.json();
    };
    const plan = await get('leader', `/api/v1/consultations/plan?year=${year}`);
    expect(plan).toMatchObject({ adopted: true, plannedLine: { text: '1+4+6+3+4+4' } });
    expect(plan.heldLine.text).not.toBe('');
    expect(plan.byKind.reduce((s: number, k: { held: number }) => s + k.held, 0)).toBe(all.filter((c) => c.heldOn).length);
    expect((await get('staff', `/api/v1/consultations?year=${year}&pageSize=1`)).total).toBe(all.length);
    // 开门式选题: topics in every state from members, units and the public, several supported; the declined
    // and merged ones answered; the picked ones linked both ways (a consultation, a plan item); histories that reach their state.
    type T = { id: string; state: string; proposer: { kind: string }; supportCount: number; answer: string | null; consultationId: string | null; planItemId: string | null };
    const topics = (await get('staff', `/api/v1/consultations/topics?year=${year}&pageSize=100`)).items as T[];
    expect(new Set(topics.map((x) => x.state))).toEqual(new Set(['proposed', 'shortlisted', 'picked', 'declined', 'merged']));
    expect(new Set(topics.map((x) => x.proposer.kind))).toEqual(new Set(['member', 'unit', 'public']));
    expect(topics.filter((x) => x.supportCount > 1).length).toBeGreaterThanOrEqual(3);
    expect(topics.filter((x) => ['declined', 'merged'].includes(x.state)).every((x) => !!x.answer)).toBe(true);
    const picked = topics.filter((x) => x.state === 'picked');
    expect([picked.filter((x) => x.consultationId).length, picked.filter((x) => x.planItemId).length]).toEqual([1, 1]);
    for (const x of picked.filter((p) => p.consultationId)) expect((await get('member', `/api/v1/consultations/${x.consultationId}`)).topic.id).toBe(x.id);
    expect(plan.items.filter((i: { topicId: string | null }) => i.topicId).map((i: { topicId: string }) => i.topicId)).toEqual(picked.filter((x) => x.planItemId).map((x) => x.id));
    for (const x of topics) expect((await get('staff', `/api/v1/consultations/topics/${x.id}/history`)).at(-1).to, x.id).toBe(x.state);
    expect((await get('public', `/api/v1/consultations/topics?year=${year}&pageSize=100`)).items.every((x: T) => ['proposed', 'shortlisted', 'picked'].includes(x.state) || x.proposer.kind === 'public')).toBe(true);
    // Each one's history reaches its step; its checklist is there.
    for (const c of all) {
      const history = await get('staff', `/api/v1/consultations/${c.id}/history`);
      expect(history.at(-1).to, c.title).toBe(c.state);
      // (opening online comments keeps the state)
      expect(history.filter((h: { action: string }) => h.action !== 'openComments')).toHaveLength(CONSULTATION_STATES.indexOf(c.state as never) + 1);
      expect((await get('member', `/api/v1/consultations/${c.id}`)).checklist.length).toBeGreaterThanOrEqual(4);
    }
    // 协商在一线: two rooms (a county's, a department's) with members; the demo member sits in the
    // county's; frontline sessions belong to them. Held supervision items have their visits, and
    // counted outcomes carry their number.
    const rooms = (await get('staff', '/api/v1/consultations/rooms')).items as { name: string; host: { kind: string }; members: number; sessions: number }[];
    expect(rooms.map((r) => r.host.kind).sort()).toEqual(['county', 'unit']);
    for (const r of rooms) expect(r.members, r.name).toBeGreaterThan(3);
    expect((await get('member', '/api/v1/consultations/rooms?mine=true')).items.map((r: { name: string }) => r.name)).toEqual(['北山县委员议事室']);
    expect(rooms.reduce((n, r) => n + r.sessions, 0)).toBe(all.filter((c) => c.kind === 'frontline').length);
    expect((await get('leader', '/api/v1/consultations/rooms/figures')).total.rooms).toBe(2);
    for (const c of all.filter((x) => x.kind === 'supervision' && x.heldOn)) expect((await get('member', `/api/v1/consultations/${c.id}/visits`)).length, c.title).toBeGreaterThan(0);
    expect(recs.filter((r) => (r.outcomeMeasure === null) !== (r.outcomeQuantity === null))).toEqual([]);
    if (all.some((c) => c.title === '提高市区公共交通服务水平民主监督' && ['tracking', 'closed'].includes(c.state))) {
      expect(recs.find((r) => r.title === '调整优化市区公交线路')).toMatchObject({ outcomeMeasure: '调整优化市区公交线路（条）', outcomeQuantity: 6 });
    }
    // Each one past the meeting had it: invitees, attendance, speeches and minutes; the demo member was invited.
    for (const c of all.filter((x) => x.heldOn)) {
      const m = await get('staff', `/api/v1/consultations/${c.id}/meeting`);
      expect(m.date, c.title).toBe(c.heldOn);
      expect(m.counts.present, c.title).toBeGreaterThan(0);
      expect(m.speeches.length, c.title).toBeGreaterThan(0);
      expect(m.minutes && m.minutesFile, c.title).toBeTruthy();
      expect(m.invitees.every((i: { invitedAt: string | null }) => i.invitedAt)).toBe(true);
      // A done item of the 八个一 has its deliverable.
      const checklist = (await get('staff', `/api/v1/consultations/${c.id}`)).checklist as { state: string; deliverable: object | null }[];
      expect(checklist.filter((x) => x.state === 'done' && !x.deliverable), c.title).toEqual([]);
    }
    const invitations = await get('member', '/api/v1/consultations/invitations');
    expect(invitations.length).toBeGreaterThan(0);
    if (all.some((c) => c.state === 'preparing')) {
      expect(invitations.some((i: { reply: string; date: string }) => i.reply === 'pending' && i.date > today())).toBe(true);
      expect((await get('member', '/api/v1/todos')).items.map((i: { kind: string }) => i.kind)).toContain('meetingInvitation');
    }
    // 网络议政 now: one online consultation open to the public, with comments, replies and votes, and one held for a sensitive word.
    const open = ((await app.inject({ url: '/api/v1/consultations?pageSize=100' })).json().items as { id: string; kind: string; comments: { open: boolean } }[])
      .filter((c) => c.comments.open);
    expect(open.map((c) => c.kind)).toEqual(['online']);
    const comments = (await app.inject({ url: `/api/v1/consultations/${open[0]!.id}/comments?pageSize=100` })).json();
    expect(comments.total).toBeGreaterThanOrEqual(5);
    expect(comments.items.some((c: { replyTo: string | null }) => c.replyTo)).toBe(true);
    expect(comments.items.some((c: { supports: number }) => c.supports > 0)).toBe(true);
    expect((await get('staff', `/api/v1/consultations/${open[0]!.id}/comments?status=held`)).total).toBe(1);
    // A few hundred comments by public accounts and members, in several themes, with counts adding up.
    expect(comments.total).toBeGreaterThanOrEqual(300);
    await get('public', `/api/v1/consultations/${open[0]!.id}/themes`); // starts the grouping (on a worker)
    await themeCacheOf(app.db)!.settled();
    const themes = await get('public', `/api/v1/consultations/${open[0]!.id}/themes`);
    expect(themes).toMatchObject({ total: comments.total, grouped: comments.total, stale: false });
    expect(themes.themes.length).toBeGreaterThanOrEqual(5);
    expect(themes.themes.reduce((s: number, t: { size: number }) => s + t.size, 0)).toBe(comments.total);
    for (const t of themes.themes.filter((x: { key: string }) => x.key !== 'other')) expect(t.words.length).toBeGreaterThan(0);
    // Votes across groups: the most consensual comments are not the most supported ones.
    const byConsensus = (await get('public', `/api/v1/consultations/${open[0]!.id}/comments?order=consensus&pageSize=10`)).items as
      { id: string; supports: number; consensus: { groups: Record<string, unknown> } }[];
    expect(new Set(byConsensus.flatMap((c) => Object.keys(c.consensus.groups))).size).toBeGreaterThanOrEqual(4);
    expect(Object.keys(byConsensus[0]!.consensus.groups)).toContain('public');
    const ranked = (await get('public', `/api/v1/consultations/${open[0]!.id}/comments?order=consensus&pageSize=200`)).items as { id: string; supports: number }[];
    const mostSupported = [...ranked].sort((a, b) => b.supports - a.supports).slice(0, 10).map((c) => c.id);
    expect(byConsensus.map((c) => c.id)).not.toEqual(mostSupported);
    // The education bureau's clerk finds the recommendations assigned to it.
    const assignedToUnit = (await get('unit', '/api/v1/recommendations?pageSize=200')).items as { lead: { unitName: string } | null }[];
    expect(assignedToUnit.every((r) => r.lead?.unitName === '市教育局')).toBe(true);
  } finally {
    await app.close();
  }
}

async function checkCreation(database: Database) {
  const app = await buildApp({ config: testConfig(), database, logger: false });
  await app.ready();
  try {
    const get = demoGet(app);
    const year = Number(today().slice(0, 4));
    const figures = Object.fromEntries(((await get('staff', `/api/v1/creation/figures?year=${year}`)).figures as { key: string; value: number }[]).map((f) => [f.key, f.value]));
    for (const k of ['participants', 'projects.demonstrationBase', 'projects.povertyBase', 'projects.innovation', 'projects.enterprise', 'investment', 'jobs', 'poorHouseholds', 'honours', 'pairings', 'activities'])
      expect(figures[k], k).toBeGreaterThan(0);
    // Plausible proportions: some tens of members, money in the tens of millions of 元, fewer poor households than jobs.
    expect(figures.participants).toBeGreaterThan(30);
    expect(figures.investment).toBeGreaterThan(10_000_000);
    expect(figures.poorHouseholds).toBeLessThan(figures.jobs!);
    // Every county has projects, and the counties' figures add up to the city's where a project has a county.
    const counties = (await get('staff', '/api/v1/orgs')).items.filter((o: { level: string }) => o.level === 'county');
    let inCounties = 0;
    for (const c of counties) {
      const n = (await get('staff', `/api/v1/creation/projects?year=${year}&countyOrgId=${c.id}&pageSize=1`)).total;
      expect(n, c.name).toBeGreaterThan(0);
      inCounties += n;
    }
    expect(inCounties).toBe((await get('staff', `/api/v1/creation/projects?year=${year}&pageSize=1`)).total);
    const all = (await get('staff', `/api/v1/creation/projects?year=${year}&pageSize=200`)).items as { state: string; startedOn: string }[];
    expect(all.filter((p) => p.state !== 'planned').every((p) => p.startedOn <= today())).toBe(true);
    // The demo member has a project, a pairing and activities of their own.
    for (const list of ['projects', 'pairings', 'activities']) expect((await get('member', `/api/v1/creation/${list}?year=${year}`)).total, list).toBeGreaterThan(0);
    expect((await get('staff', `/api/v1/creation/exchanges?year=${year}`)).total).toBe(1);
  } finally {
    await app.close();
  }
}

/** GET as a demo login (logged in for each call), expecting 200; its JSON. */
function demoGet(app: Awaited<ReturnType<typeof buildApp>>) {
  return async (username: string, url: string) => {
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
    const res = await app.inject({ url, headers: { cookie: `tx_session=${login.cookies.find((c) => c.name === 'tx_session')!.value}` } });
    expect(res.statusCode, `${username} ${url}`).toBe(200);
    return res.json();
  };
}
