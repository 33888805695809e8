// The demo committee: 示例市政协 with its counties, terms, sectors, special committees, handling
// units, about 450 members, one login per role, and two years of proposals (demo-proposals.ts).
// Content comes from demo-data.ts; every random choice comes from one seeded PRNG, so two runs
// produce the same roster (ids differ).
import { randomUUID } from 'node:crypto';
import { and, eq, gte, isNull } from 'drizzle-orm';
import type { PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import type { Db, Queryable } from '../core/db/client.ts';
import { hashPassword } from '../core/auth/passwords.ts';
import { orgs, users } from '../core/schema.ts';
import { withNameSort } from '../core/text/pinyin.ts';
import { committees, memberCommittees, members, plenarySessions, sectors, terms, units } from '../modules/org/schema.ts';
import {
  AVOID_NAMES, BRANDS, CITY_ORG, CITY_PREFIX, COMMITTEES, COUNTIES, COUNTY_SHARE, EDUCATION_UNIT, EMAIL_SHARE, ETHNIC_WORKPLACES,
  FEMALE_GIVEN, FIELDS, HEALTH_UNIT, INDUSTRIES, LEADERS, MALE_GIVEN, MINORITIES, MINORITY_WEIGHTS, PARTY_CITY_BODY, PHONE_PREFIXES,
  SECTORS, STAFF_NAME, STANDING_SHARE, SURNAMES, TERMS, UNITS, surnameWeight,
  type CommitteeName, type Field, type LeaderDef, type Party, type SectorDef,
} from './demo-data.ts';
import { seedDemoProposals, type SessionInfo } from './demo-proposals.ts';
import { seedDemoOpinions } from './demo-opinions.ts';
import { seedDemoLiaison } from './demo-liaison.ts';
import { seedDemoParty } from './demo-party.ts';
import { seedDemoSelections } from './demo-selections.ts';
import { seedDemoConsultations, seedDemoOnlineConsultation } from './demo-consultations.ts';
import { seedDemoTopics } from './demo-topics.ts';
import { seedDemoCreation } from './demo-creation.ts';
import { seedDemoCounties } from './demo-counties.ts';
import { backfillRecords } from '../modules/records/entries.ts';
import { scheduleAbsenceCheck } from '../modules/consultations/absence.ts';
import { consultationMeetings } from '../modules/consultations/schema.ts';
import { today } from '../modules/handling/deadlines.ts';
import { createRandom, type Random } from './random.ts';

export const DEMO_PASSWORD = 'tongxin-demo';
export interface DemoLogin { username: string; role: string; displayName: string }

const SEED = 20220109;
const CHUNK = 200;

type County = (typeof COUNTIES)[number];

/** One member as planned, before ids exist. */
interface PlannedMember {
  name: string; gender: '男' | '女'; birthYear: number; ethnicity: string; party: Party; sector: string;
  standing: boolean; chairMeeting: boolean; partyGroup: boolean; county: number | null;
  workplace: string; title: string; phone: string; email: string | null; committees: CommitteeName[];
  post: LeaderDef['post'] | null;
}

// ── Planning (pure: the PRNG in, the roster out) ────────────────────────────────────────────

/** Titles several people at one workplace may hold; any other title (院长, 会长 …) is held by one. */
const SHARED_TITLES = new Set([
  '教授', '教授、博士生导师', '高级教师', '正高级教师', '主任医师', '科主任、主任医师', '研究员', '高级工程师', '正高级工程师',
  '总工程师', '合伙人', '高级合伙人', '律师', '一级律师', '公证员', '仲裁员', '注册会计师', '注册税务师', '高级经济师',
  '国家一级演员', '一级美术师', '研究馆员', '作家', '非遗代表性传承人', '高级记者', '主任记者', '高级编辑', '主任播音员',
  '编审', '高级教练', '国家级教练', '教练员', '推广研究员', '高级农艺师', '高级兽医师', '牧师', '馆员', '参事',
  '高级技师', '驾驶员', '班长、高级技师', '班组长', '车间主任',
]);
const isShared = (title: string) => title.startsWith('副') || SHARED_TITLES.has(title);

function makeNamer(rng: Random) {
  const used = new Set<string>();
  const weights = SURNAMES.map((_, i) => surnameWeight(i));
  return (gender: '男' | '女') => {
    for (;;) {
      const given = rng.pick(gender === '男' ? MALE_GIVEN : FEMALE_GIVEN);
      const name = rng.weighted(SURNAMES, weights) + given;
      if (!used.has(name) && !AVOID_NAMES.has(name)) { used.add(name); return name; }
    }
  };
}

function makePhones(rng: Random) {
  const used = new Set<string>();
  return () => {
    for (;;) {
      const phone = rng.pick(PHONE_PREFIXES) + rng.digits(8);
      if (!used.has(phone)) { used.add(phone); return phone; }
    }
  };
}

/** A birth year in [min, max], centred (the mean of two uniform draws). */
const birthYear = (rng: Random, [min, max]: readonly [number, number]) => min + Math.round(((rng.next() + rng.next()) / 2) * (max - min));

const ethnicity = (rng: Random, minorityShare: number) =>
  rng.chance(minorityShare) ? rng.weighted(MINORITIES, MINORITY_WEIGHTS) : '汉族';

function makeJobs(rng: Random) {
  const heldByOne = new Set<string>();
  const fill = (template: string, county: County | null) =>
    county ? template.replaceAll('{county}', county.place).replaceAll('{c}', county.short) : template;
  const draw = (field: Field, county: County | null): [string, string] => {
    if (field.company) {
      const prefix = county && rng.chance(0.5) ? county.place : CITY_PREFIX;
      return [prefix + rng.pick(BRANDS) + rng.pick(INDUSTRIES), rng.pick(field.titles)];
    }
    const pool = county && field.countyPlaces?.length && rng.chance(0.5) ? field.countyPlaces : field.places;
    const place = rng.pick(pool);
    const [template, titles] = typeof place === 'string' ? [place, field.titles] : place;
    return [fill(template, county), rng.pick(titles)];
  };
  /**
   * A workplace and title that `fits` the member; a head's post (院长, 会长 …) goes to one member
   * per workplace. Redraws up to 30 times, then takes the last draw.
   */
  return (field: Field, county: County | null, fits: (job: [string, string]) => boolean): [string, string] => {
    const acceptable = (j: [string, string]) => fits(j) && (isShared(j[1]) || !heldByOne.has(j.join('|')));
    let job = draw(field, county);
    for (let i = 0; i < 30 && !acceptable(job); i++) job = draw(field, county);
    if (!isShared(job[1])) heldByOne.add(job.join('|'));
    return job;
  };
}

/** Posts in the party's own bodies (中共…委, 党委书记, 团委书记 …) go to 中共 members only. */
const needsCpc = ([workplace, title]: [string, string]) => workplace.startsWith('中共') || title.includes('书记') || title.includes('党组');

function leaderJob(l: LeaderDef): [string, string] {
  if (l.post === '副主席' && l.party !== '中共' && l.party !== '无党派') return [PARTY_CITY_BODY[l.party]!, '主委、市政协副主席'];
  const title = l.post === '主席' ? '市政协党组书记、主席' : l.partyGroup ? `市政协党组成员、${l.post}` : `市政协${l.post}`;
  return [CITY_ORG, title];
}

/** The whole roster: the leaders first, then each sector filled up to its size. */
function planMembers(rng: Random): PlannedMember[] {
  const name = makeNamer(rng);
  const phone = makePhones(rng);
  const job = makeJobs(rng);
  const out: PlannedMember[] = [];

  for (const l of LEADERS) {
    const gender = rng.chance(0.15) ? '女' : '男';
    const [workplace, title] = leaderJob(l);
    out.push({
      name: name(gender), gender, birthYear: birthYear(rng, [1962, 1972]), ethnicity: ethnicity(rng, 0.08),
      party: l.party, sector: l.sector, standing: true, chairMeeting: l.chairMeeting, partyGroup: l.partyGroup, county: null,
      workplace, title, phone: phone(), email: null, committees: l.post === '提案委员会主任' ? ['提案委员会'] : [], post: l.post,
    });
  }

  for (const s of SECTORS) {
    const seated = out.filter((m) => m.sector === s.name).length;
    for (let i = seated; i < s.size; i++) out.push(ordinaryMember(rng, s, { name, phone, job }));
  }

  // The standing committee: the leaders plus a sample of the others.
  const others = out.filter((m) => !m.standing);
  const wanted = Math.round(STANDING_SHARE * out.length) - (out.length - others.length);
  for (const m of rng.sample(others, wanted)) m.standing = true;

  out.forEach((m, i) => { if (rng.chance(EMAIL_SHARE)) m.email = `m${String(i + 1).padStart(4, '0')}@example.cn`; });
  return out;
}

function ordinaryMember(rng: Random, s: SectorDef, make: {
  name: (g: '男' | '女') => string; phone: () => string;
  job: (f: Field, c: County | null, fits: (job: [string, string]) => boolean) => [string, string];
}): PlannedMember {
  const gender = rng.chance(s.female ?? 0.42) ? '女' : '男';
  const county = rng.chance(COUNTY_SHARE) ? rng.int(0, COUNTIES.length - 1) : null;
  const parties = Object.entries(s.parties) as [Party, number][];
  const party = rng.weighted(parties.map(([p]) => p), parties.map(([, w]) => w));
  const born = birthYear(rng, s.born ?? [1958, 1990]);
  // Members born after 1982 rarely head their workplace, except in the youth sectors.
  const young = born > 1982 && !s.born;
  const [workplace, title] = make.job(FIELDS[rng.pick(s.fields)], county === null ? null : COUNTIES[county]!,
    (j) => (party === '中共' || !needsCpc(j)) && (!young || isShared(j[1])));
  const count = rng.weighted([0, 1, 2], [30, 50, 20]);
  const joined: CommitteeName[] = [];
  while (joined.length < count) {
    const c = joined.length === 0 && s.committees.length && rng.chance(0.7) ? rng.pick(s.committees) : rng.pick(COMMITTEES);
    if (!joined.includes(c)) joined.push(c);
  }
  return {
    name: make.name(gender), gender, birthYear: born,
    ethnicity: ETHNIC_WORKPLACES.find(([word]) => workplace.includes(word))?.[1] ?? ethnicity(rng, s.minority ?? 0.08),
    party, sector: s.name, standing: false, chairMeeting: false, partyGroup: false, county,
    workplace, title, phone: make.phone(), email: null, committees: joined, post: null,
  };
}

// ── Writing ─────────────────────────────────────────────────────────────────────────────────

async function insertAll<T extends PgTable>(db: Queryable, table: T, rows: PgInsertValue<T>[]) {
  for (let i = 0; i < rows.length; i += CHUNK) await db.insert(table).values(rows.slice(i, i + CHUNK));
}

/**
 * Creates the demo committee on an empty database; returns the logins to print. Deterministic
 * (seeded PRNG); the proposals' dates follow `now` (tests may move it).
 */
export async function seedDemo(db: Db, opts: { now?: Date } = {}): Promise<{ orgId: string; logins: DemoLogin[]; countyLogins: DemoLogin[] }> {
  const [existing] = await db.select({ id: orgs.id }).from(orgs).where(and(eq(orgs.name, CITY_ORG), isNull(orgs.parentId)));
  if (existing) throw new Error(`${CITY_ORG} already exists: the demo seed expects an empty database`);

  const plan = planMembers(createRandom(SEED));
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return db.transaction(async (tx) => {
    const orgId = randomUUID();
    const countyIds = COUNTIES.map(() => randomUUID());
    await tx.insert(orgs).values([
      { id: orgId, parentId: null, name: CITY_ORG, level: 'city' },
      ...COUNTIES.map((c, i) => ({ id: countyIds[i]!, parentId: orgId, name: c.name, level: 'county' })),
    ]);

    const sessions: SessionInfo[] = [];
    for (const t of TERMS) {
      const termId = randomUUID();
      await tx.insert(terms).values({ orgId, id: termId, number: t.number, startYear: t.startYear, endYear: t.endYear, current: t.current });
      const rows = t.sessions.map(([startsOn, endsOn], i) => ({ orgId, id: randomUUID(), termId, termNumber: t.number, number: i + 1, startsOn, endsOn }));
      await tx.insert(plenarySessions).values(rows.map(({ termNumber: _, ...r }) => r));
      sessions.push(...rows);
    }

    const sectorId = new Map(SECTORS.map((s) => [s.name, randomUUID()]));
    await tx.insert(sectors).values(SECTORS.map((s, i) => ({ orgId, id: sectorId.get(s.name)!, name: s.name, sort: (i + 1) * 10 })));
    const committeeId = new Map(COMMITTEES.map((name) => [name, randomUUID()]));
    await tx.insert(committees).values(COMMITTEES.map((name) => ({ orgId, id: committeeId.get(name)!, name })));
    const unitId = new Map(UNITS.map((u) => [u.name, randomUUID()]));
    await tx.insert(units).values(UNITS.map((u) => ({ orgId, id: unitId.get(u.name)!, name: u.name, kind: u.kind })));

    const memberIds = plan.map(() => randomUUID());
    await insertAll(tx, members, plan.map((m, i) => withNameSort({
      orgId, id: memberIds[i]!, name: m.name, gender: m.gender, birthYear: m.birthYear, ethnicity: m.ethnicity, party: m.party,
      sectorId: sectorId.get(m.sector)!, standing: m.standing, chairMeeting: m.chairMeeting, partyGroup: m.partyGroup,
      countyOrgId: m.county === null ? null : countyIds[m.county]!, workplace: m.workplace, title: m.title, phone: m.phone, email: m.email,
    })));
    await insertAll(tx, memberCommittees, plan.flatMap((m, i) =>
      m.committees.map((c) => ({ orgId, memberId: memberIds[i]!, committeeId: committeeId.get(c)! }))));

    // One login per role. The leader is a 中共 vice-chair; the member an ordinary member with an e-mail and a committee.
    const leader = plan.findIndex((m) => m.post === '副主席' && m.party === '中共');
    const member = plan.findIndex((m) => !m.standing && m.email && m.committees.length > 0);
    const logins: (DemoLogin & { id: string; memberId?: string; unitId?: string })[] = [
      { id: randomUUID(), username: 'admin', role: 'admin', displayName: '系统管理员' },
      { id: randomUUID(), username: 'staff', role: 'staff', displayName: STAFF_NAME },
      { id: randomUUID(), username: 'leader', role: 'leader', displayName: `${plan[leader]!.name} 副主席`, memberId: memberIds[leader]! },
      { id: randomUUID(), username: 'member', role: 'member', displayName: plan[member]!.name, memberId: memberIds[member]! },
      { id: randomUUID(), username: 'unit', role: 'unit', displayName: `${EDUCATION_UNIT}经办人`, unitId: unitId.get(EDUCATION_UNIT)! },
      { id: randomUUID(), username: 'unit2', role: 'unit', displayName: `${HEALTH_UNIT}经办人`, unitId: unitId.get(HEALTH_UNIT)! },
      // A registered member of the public (网民): proposes and supports open topics.
      { id: randomUUID(), username: 'public', role: 'public', displayName: '网民王先生' },
    ];
    await tx.insert(users).values(logins.map((l) => ({
      orgId, id: l.id, username: l.username, displayName: l.displayName, passwordHash, roles: [l.role],
      memberId: l.memberId ?? null, unitId: l.unitId ?? null,
    })));

    // Two county committees with their own admin and a little data of their own (demo-counties.ts).
    // …and a city member who is also a vice-chair of the first county's committee, with one login for both.
    const twoLevel = plan.findIndex((m, i) => i !== member && i !== leader && !m.standing && m.party !== '中共');
    const countyLogins = await seedDemoCounties(tx, {
      counties: COUNTIES.map((c, i) => ({ id: countyIds[i]!, name: c.name })), passwordHash, now: opts.now,
      city: { orgId, member: { id: memberIds[twoLevel]!, name: plan[twoLevel]!.name, party: plan[twoLevel]!.party } },
    });

    // Two years of proposals: those of the current term's last two sessions (2025 and 2026).
    const login = (username: string) => logins.find((l) => l.username === username)!;
    await seedDemoProposals(tx, {
      orgId,
      members: plan.map((m, i) => ({ id: memberIds[i]!, name: m.name, sector: m.sector })),
      units: UNITS.map((u) => ({ id: unitId.get(u.name)!, name: u.name })),
      sessions: sessions.slice(-2) as [SessionInfo, SessionInfo],
      staffUserId: login('staff').id,
      leader: { userId: login('leader').id, memberId: login('leader').memberId! },
      member: { userId: login('member').id, memberId: login('member').memberId! },
      unitLogins: logins.filter((l) => l.unitId).map((l) => ({ userId: l.id, unitId: l.unitId! })),
      now: opts.now,
    });

    // 优秀提案评选: last year's announced, this year's at the unit level.
    await seedDemoSelections(tx, {
      orgId, sessions: sessions.slice(-2) as [SessionInfo, SessionInfo], staffUserId: login('staff').id, leaderUserId: login('leader').id,
      memberLogins: logins.filter((l) => l.memberId).map((l) => ({ userId: l.id, memberId: l.memberId! })),
      unitLogins: logins.filter((l) => l.unitId).map((l) => ({ userId: l.id, unitId: l.unitId! })),
      now: opts.now,
    });

    // 社情民意: 40 reports of this year and last, the demo member's among them.
    await seedDemoOpinions(tx, {
      orgId,
      members: plan.map((m, i) => ({ id: memberIds[i]!, name: m.name })),
      staffUserId: login('staff').id,
      memberLogins: [login('member'), login('leader')].map((l) => ({ userId: l.id, memberId: l.memberId! })),
      now: opts.now,
    });

    // 双联: this year's links, contacts and reports.
    await seedDemoLiaison(tx, { orgId, staffUserId: login('staff').id, demoMemberId: login('member').memberId!, now: opts.now });
    // 党的组织 and the rest of 双联: groups and a year of activities, the 双联见面会, uploaded reports, 献一计 campaigns.
    await seedDemoParty(tx, {
      orgId, staffUserId: login('staff').id, staffName: STAFF_NAME, demoMemberId: login('member').memberId!, sessions,
      committees: COMMITTEES.map((name) => ({ id: committeeId.get(name)!, name })), counties: COUNTIES.map((c, i) => ({ id: countyIds[i]!, name: c.name })), now: opts.now,
    });

    // 双创: this year's members' projects, pairings, 五送 activities, honours and an exchange meeting.
    await seedDemoCreation(tx, { orgId, staffUserId: login('staff').id, demoMemberId: login('member').memberId!, now: opts.now });

    // 双协: this year's plan and its consultations, each at the step its month puts it.
    const consultationSeed = {
      orgId, staffUserId: login('staff').id, leaderUserId: login('leader').id,
      committees: COMMITTEES.map((name) => ({ id: committeeId.get(name)!, name })),
      units: UNITS.map((u) => ({ id: unitId.get(u.name)!, name: u.name })),
      unitLogins: logins.filter((l) => l.unitId).map((l) => ({ userId: l.id, unitId: l.unitId! })),
      members: plan.map((m, i) => ({ id: memberIds[i]!, name: m.name, standing: m.standing })), demoMemberId: login('member').memberId!,
      commenters: [login('member'), login('leader')].map((l) => ({ userId: l.id, name: l.displayName, memberId: l.memberId! })),
      passwordHash,
      now: opts.now,
    };
    const { planItemFromTopic } = await seedDemoConsultations(tx, consultationSeed);
    // 网络议政: one online consultation with its comments open now.
    await seedDemoOnlineConsultation(tx, consultationSeed);

    // 开门式选题: this year's topics in every state; two more members of the public propose and support.
    const netizens = [{ id: randomUUID(), username: 'netizen2', displayName: '市民李女士' }, { id: randomUUID(), username: 'netizen3', displayName: '赵同学' }];
    await tx.insert(users).values(netizens.map((n) => ({ orgId, ...n, passwordHash, roles: ['public'] })));
    const person = (username: string) => ({ userId: login(username).id, memberId: login(username).memberId, unitId: login(username).unitId });
    await seedDemoTopics(tx, {
      orgId, staffUserId: login('staff').id, leaderUserId: login('leader').id, planItem: planItemFromTopic, now: opts.now,
      people: {
        member: person('member'), leader: person('leader'), unit: person('unit'), unit2: person('unit2'), public: person('public'),
        public2: { userId: netizens[0]!.id }, public3: { userId: netizens[1]!.id },
      },
    });
    // The meetings of today and to come: their unexcused absences are counted once the day has passed.
    const coming = await tx.select({ id: consultationMeetings.consultationId, on: consultationMeetings.meetingOn }).from(consultationMeetings)
      .where(and(eq(consultationMeetings.orgId, orgId), gte(consultationMeetings.meetingOn, today(opts.now))));
    for (const m of coming) await scheduleAbsenceCheck(tx, orgId, m.id, m.on);
    // 履职档案: the members' entries from all of the above (made before any subscriber saw it), and their totals.
    await backfillRecords(tx, orgId);

    return { orgId, logins: logins.map(({ username, role, displayName }) => ({ username, role, displayName })), countyLogins };
  });
}
