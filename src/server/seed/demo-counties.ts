// Two of the demo's county committees run themselves (org/oversight.ts): each has its admin, its
// term and session, a few sectors, a handling unit, a few members and a couple of proposals — a
// little data of their own, which the city's statistics add up with its own (含下级).
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Queryable } from '../core/db/client.ts';
import { orgs, users } from '../core/schema.ts';
import { withNameSort } from '../core/text/pinyin.ts';
import { members, plenarySessions, sectors, terms, units } from '../modules/org/schema.ts';
import { proposals } from '../modules/proposals/schema.ts';
import type { DemoLogin } from './demo.ts';

interface CountyPlan {
  /** Index into COUNTIES (demo-data.ts). */
  index: number; username: string; code: string; region: string; unit: string; phonePrefix: string;
  members: [name: string, party: string, sector: number][];
  proposals: [title: string, member: number, state: 'submitted' | 'filed', domain: string][];
}

const SECTORS = ['中国共产党', '教育界', '经济界'];

export const DEMO_COUNTIES: CountyPlan[] = [
  {
    index: 0, username: 'dongcheng', code: 'demo-dc', region: '示例市东城区', unit: '东城区教育局', phonePrefix: '1390001',
    members: [['陈立新', '中共', 0], ['黄晓梅', '民进', 1], ['周建华', '民建', 2], ['吴丽娟', '九三学社', 1], ['郑国强', '无党派', 2]],
    proposals: [
      ['关于东城区老旧小区加装电梯的提案', 2, 'filed', '社会'],
      ['关于东城区中小学课后服务提质的提案', 1, 'filed', '社会'],
      ['关于东城区夜间经济街区建设的提案', 4, 'submitted', '经济'],
    ],
  },
  {
    index: 3, username: 'beishan', code: 'demo-bs', region: '示例市北山县', unit: '北山县农业农村局', phonePrefix: '1390002',
    members: [['刘春生', '中共', 0], ['杨秀英', '农工党', 1], ['赵德明', '民盟', 2], ['孙桂兰', '无党派', 2]],
    proposals: [
      ['关于北山县特色农产品品牌建设的提案', 2, 'filed', '经济'],
      ['关于北山县乡村医生队伍建设的提案', 1, 'submitted', '社会'],
    ],
  },
];

/** The demo's person on two levels: a member of the city who is also a vice-chair of the first county's committee, with one login. */
export const TWO_LEVEL_USERNAME = 'twolevel';

export async function seedDemoCounties(tx: Queryable, ctx: {
  counties: { id: string; name: string }[]; passwordHash: string; now?: Date;
  /** The city, and the member of it who also sits on the first county's committee. */
  city: { orgId: string; member: { id: string; name: string; party: string } };
}): Promise<DemoLogin[]> {
  const now = ctx.now ?? new Date();
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
  const logins: DemoLogin[] = [];
  for (const plan of DEMO_COUNTIES) {
    const county = ctx.counties[plan.index]!;
    const orgId = county.id;
    await tx.update(orgs).set({ code: plan.code, region: plan.region }).where(eq(orgs.id, orgId));
    const displayName = `${county.name.replace(/^示例市/, '')}管理员`;
    // A county's office is small: its one login administers the committee and does the office's work (立案, 交办, …).
    const [admin] = await tx.insert(users).values({ orgId, username: plan.username, displayName, passwordHash: ctx.passwordHash, roles: ['admin', 'staff'] }).returning();
    logins.push({ username: plan.username, role: 'admin', displayName });

    const termId = randomUUID(), sessionId = randomUUID();
    const year = now.getFullYear();
    await tx.insert(terms).values({ orgId, id: termId, number: 9, startYear: 2022, endYear: 2027, current: true });
    await tx.insert(plenarySessions).values({ orgId, id: sessionId, termId, number: 5, startsOn: `${year}-01-06`, endsOn: `${year}-01-09` });
    const sectorIds = SECTORS.map(() => randomUUID());
    await tx.insert(sectors).values(SECTORS.map((name, i) => ({ orgId, id: sectorIds[i]!, name, sort: (i + 1) * 10 })));
    await tx.insert(units).values({ orgId, name: plan.unit, kind: 'government' });
    const memberIds = plan.members.map(() => randomUUID());
    await tx.insert(members).values(plan.members.map(([name, party, sector], i) => withNameSort({
      orgId, id: memberIds[i]!, name, party, sectorId: sectorIds[sector]!, standing: i === 0, phone: `${plan.phonePrefix}${String(i + 1).padStart(4, '0')}`,
    })));
    if (plan.index === DEMO_COUNTIES[0]!.index) {
      await seedTwoLevelMember(tx, { ...ctx.city, countyOrgId: orgId, sectorId: sectorIds[2]!, passwordHash: ctx.passwordHash, phone: `${plan.phonePrefix}9999` });
      logins.push({ username: TWO_LEVEL_USERNAME, role: 'member', displayName: ctx.city.member.name });
    }
    let number = 0;
    await tx.insert(proposals).values(plan.proposals.map(([title, m, state, domain], i) => ({
      orgId, title, body: `${title.replace(/^关于|的提案$/g, '')}，建议有关部门加快研究推进。`, kind: 'member', domain, state,
      proposerMemberId: memberIds[m]!, proposerName: plan.members[m]![0], createdBy: admin!.id, termId, sessionId,
      number: state === 'filed' ? ++number : null, duringSession: true,
      submittedAt: daysAgo(40 - i), filedAt: state === 'filed' ? daysAgo(35 - i) : null,
    })));
  }
  return logins;
}

/**
 * One person, one login, two committees (core/auth/accounts.ts): the city member gets a login there
 * and a member record and vice-chair's login in the county, both rows of one account.
 */
async function seedTwoLevelMember(tx: Queryable, p: { orgId: string; member: { id: string; name: string; party: string }; countyOrgId: string; sectorId: string; passwordHash: string; phone: string }) {
  const accountId = randomUUID(), countyMemberId = randomUUID();
  await tx.insert(members).values(withNameSort({ orgId: p.countyOrgId, id: countyMemberId, name: p.member.name, party: p.member.party, sectorId: p.sectorId, standing: true, chairMeeting: true, phone: p.phone }));
  await tx.insert(users).values([
    { orgId: p.orgId, username: TWO_LEVEL_USERNAME, displayName: p.member.name, passwordHash: p.passwordHash, roles: ['member'], memberId: p.member.id, accountId },
    { orgId: p.countyOrgId, username: TWO_LEVEL_USERNAME, displayName: `${p.member.name} 副主席`, passwordHash: p.passwordHash, roles: ['member', 'leader'], memberId: countyMemberId, accountId },
  ]);
}
