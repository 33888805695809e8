// 双创 for the demo committee: this year's members' projects of every kind across the demo's
// counties (a base's money, jobs and poor households in plausible proportion: an enterprise invests
// most and employs most, a poverty-relief base employs the most poor households), 三个一 pairings of
// members with poor households, 五送 activities, honours from county to national level, and one
// experience-exchange meeting. The demo `member` has a poverty-relief base, a pairing and activities.
// Deterministic choices (seeded PRNG); every date lies between 1 January and `now` (a planned
// project may start later in the year).
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import type { Queryable } from '../core/db/client.ts';
import { orgs } from '../core/schema.ts';
import { today } from '../modules/handling/deadlines.ts';
import { ACTIVITY_KINDS, type ProjectKind, type ProjectState } from '../modules/creation/labels.ts';
import { creationActivities, creationExchanges, creationHonours, creationPairings, creationProjects } from '../modules/creation/schema.ts';
import { members } from '../modules/org/schema.ts';
import { createRandom, yearSoFar } from './random.ts';

export interface CreationSeedContext { orgId: string; staffUserId: string; demoMemberId: string; now?: Date }

const SEED = 20260501;
const DAY = 86_400_000;
const WAN = 10_000;

/** Per kind: how many, names, 万元 invested, jobs and poor households (ranges). */
const KINDS: Record<ProjectKind, { n: number; names: string[]; wan: [number, number]; jobs: [number, number]; poor: [number, number] }> = {
  demonstrationBase: { n: 8, names: ['高山茶叶示范基地', '设施蔬菜示范基地', '稻虾共作示范基地', '中药材种植示范基地', '食用菌示范基地', '精品果园示范基地', '生态养殖示范基地', '花卉苗木示范基地'],
    wan: [80, 600], jobs: [15, 80], poor: [5, 30] },
  povertyBase: { n: 12, names: ['油茶扶贫产业基地', '黄桃扶贫产业基地', '黑山羊养殖扶贫基地', '香菇扶贫产业基地', '茶叶加工扶贫车间', '蜂蜜扶贫产业基地', '红薯粉条扶贫车间',
    '竹编扶贫车间', '光伏扶贫电站', '艾草扶贫产业基地', '土鸡养殖扶贫基地', '猕猴桃扶贫产业基地'], wan: [40, 400], jobs: [20, 120], poor: [15, 80] },
  innovation: { n: 10, names: ['农产品冷链物流平台', '智慧农业物联网项目', '中药饮片新工艺研发', '乡村电商直播中心', '农机共享服务平台', '秸秆综合利用项目', '农村污水处理新技术',
    '特色农产品溯源系统', '远程医疗服务站', '职业技能线上培训平台'], wan: [30, 300], jobs: [5, 40], poor: [0, 10] },
  enterprise: { n: 10, names: ['绿源农业发展有限公司', '山河建材有限公司', '科峰传动有限公司', '青禾食品有限公司', '恒信纺织有限公司', '鑫达电子科技有限公司', '康宁医药有限公司',
    '天成物流有限公司', '金穗米业有限公司', '华兴包装有限公司'], wan: [500, 5000], jobs: [60, 400], poor: [5, 40] },
};
const SURNAMES = ['陈', '刘', '张', '王', '李', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗', '梁', '宋', '郑'];
const GIVEN = ['德福', '桂兰', '长生', '秀英', '金山', '玉梅', '建国', '春花', '国强', '翠英', '永红', '大明'];
const VILLAGES = ['青山村', '石桥村', '柳河村', '桃园村', '新塘村', '马岭村', '白沙村', '龙潭村'];
const THINGS = ['协调危房改造资金', '帮助联系务工岗位', '资助孩子上学', '协调办理低保', '捐赠农用物资', '联系医院免费体检', '帮助销售农产品', '协调安装自来水'];
const SUGGESTIONS = ['发展林下养殖', '参加电商培训，网上销售土特产', '加入合作社种植茶叶', '申请小额贴息贷款扩大养殖', '参加技能培训后就近务工', '种植中药材增加收入'];
const ACTIVITY_SUMMARY: Record<(typeof ACTIVITY_KINDS)[number], string[]> = {
  policy: ['宣讲惠农政策和产业扶持政策', '解读乡村振兴政策'], technology: ['果树修剪和病虫害防治培训', '茶园管理技术现场指导', '养殖技术培训'],
  culture: ['送戏下乡文艺演出', '赠送图书并开展阅读活动'], medicine: ['义诊并赠送常用药品', '慢性病筛查和健康讲座'], warmth: ['走访慰问困难群众', '为留守儿童送去学习用品'],
};

export async function seedDemoCreation(tx: Queryable, ctx: CreationSeedContext) {
  const rng = createRandom(SEED);
  const now = ctx.now ?? new Date();
  const { year, yearStart, days, dayOf } = yearSoFar(rng, today(now));
  const counties = (await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.parentId, ctx.orgId))).map((o) => o.id);
  const roster = await tx.select({ id: members.id, county: members.countyOrgId }).from(members).where(eq(members.orgId, ctx.orgId)).orderBy(members.nameSort);
  // Members in the counties take part, a few of the city's own too.
  const inCounties = roster.filter((m) => m.county);
  const cityOnly = roster.filter((m) => !m.county);
  const pool = rng.shuffle([...rng.sample(inCounties, 70), ...rng.sample(cityOnly, 10)]).filter((m) => m.id !== ctx.demoMemberId);
  const demo = roster.find((m) => m.id === ctx.demoMemberId)!;
  const placeOf = (m: { county: string | null }) => m.county ?? rng.pick(counties);
  const base = { orgId: ctx.orgId, createdBy: ctx.staffUserId };
  let next = 0;
  const nextMember = () => pool[next++ % pool.length]!;

  const projects: PgInsertValue<typeof creationProjects>[] = [];
  for (const [kind, k] of Object.entries(KINDS) as [ProjectKind, (typeof KINDS)[ProjectKind]][]) {
    for (let i = 0; i < k.n; i++) {
      const lead = kind === 'povertyBase' && i === 0 ? demo : nextMember();
      const memberIds = [lead.id, ...(rng.chance(0.3) ? [nextMember().id] : [])];
      const state: ProjectState = i === k.n - 1 && kind !== 'enterprise' ? 'planned' : rng.weighted(['running', 'completed', 'suspended'] as const, [0.75, 0.2, 0.05]);
      const planned = state === 'planned';
      const startedOn = planned ? new Date(yearStart + rng.int(Math.min(days, 364), 364) * DAY).toISOString().slice(0, 10) : dayOf();
      projects.push({
        ...base, id: randomUUID(), kind, name: k.names[i]!, memberIds, countyOrgId: placeOf(lead), level: rng.chance(0.1) ? 'provincial' : 'city',
        investment: rng.int(k.wan[0], k.wan[1]) * WAN, jobs: planned ? 0 : rng.int(k.jobs[0], k.jobs[1]), poorHouseholds: planned ? 0 : rng.int(k.poor[0], k.poor[1]),
        state, startedOn, year: Number(startedOn.slice(0, 4)), description: `${k.names[i]}由委员领办，带动周边群众增收。`,
      });
    }
  }

  const pairings: PgInsertValue<typeof creationPairings>[] = [demo, ...pool.slice(0, 29)].map((m) => {
    const pairedOn = dayOf();
    return {
      ...base, memberId: m.id, householdName: rng.pick(SURNAMES) + rng.pick(GIVEN), householdPlace: rng.pick(VILLAGES), practicalThing: rng.pick(THINGS),
      suggestion: rng.pick(SUGGESTIONS), pairedOn, year: Number(pairedOn.slice(0, 4)), countyOrgId: placeOf(m),
    };
  });

  const activities: PgInsertValue<typeof creationActivities>[] = [];
  for (const kind of ACTIVITY_KINDS) {
    for (let i = 0; i < 6; i++) {
      const who = [...(i === 0 && (kind === 'technology' || kind === 'policy') ? [demo] : []), ...rng.sample(pool, rng.int(1, 4))];
      const date = dayOf();
      const countyOrgId = placeOf(who[0]!);
      activities.push({
        ...base, kind, date, year: Number(date.slice(0, 4)), place: rng.pick(VILLAGES), countyOrgId, beneficiaries: rng.int(20, 300),
        memberIds: [...new Set(who.map((m) => m.id))], summary: rng.pick(ACTIVITY_SUMMARY[kind]),
      });
    }
  }

  // Honours: most from the counties' and the city's party committees and governments, a few from higher up.
  const honoured = rng.sample(pool.slice(0, 40), 14);
  const honours: PgInsertValue<typeof creationHonours>[] = honoured.map((m, i) => {
    const level = i === 0 ? 'national' : i < 3 ? 'provincial' : i < 8 ? 'city' : 'county';
    const [awardedBy, title] = {
      national: ['全国政协', '全国政协委员履职先进个人'], provincial: ['省委省政府', '全省脱贫攻坚先进个人'],
      city: ['市委市政府', '脱贫攻坚先进个人'], county: ['县（区）委县（区）政府', '脱贫攻坚先进个人'],
    }[level] as [string, string];
    const date = dayOf(Math.floor(days / 3));
    return { ...base, memberId: m.id, level, awardedBy, title, date, year: Number(date.slice(0, 4)), countyOrgId: m.county };
  });

  const exchangeOn = dayOf(Math.floor(days / 2));
  await tx.insert(creationProjects).values(projects);
  await tx.insert(creationPairings).values(pairings);
  await tx.insert(creationActivities).values(activities);
  await tx.insert(creationHonours).values(honours);
  await tx.insert(creationExchanges).values({ ...base, date: exchangeOn, year: Number(exchangeOn.slice(0, 4)), place: '市政协机关三楼会议室', topic: `${year}年委员双创经验交流会`, attendees: 68, countyOrgId: null });
}
