// The party organisation behind 双联 for the demo committee, and the rest of 双联: the 党组 with the
// party-group members; the 机关党组 and 机关党委 with three branches and their cells of office staff
// (the staff login among them); a 党员委员活动小组 for every special committee and county, of the
// party-member members there; a year of 三会一课 and 主题党日 up to `now`; the year's 双联见面会 held
// during the plenary, with opinions collected; some liaisons' reports uploaded as Word files; a
// "我为…献一计" campaign open now with ideas, some adopted, and last year's, all adopted.
// Deterministic choices (seeded PRNG); every date lies on or before `now`.
import { createHash, randomUUID } from 'node:crypto';
import { Document, Packer, Paragraph } from 'docx';
import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../core/db/client.ts';
import { plusDays, today } from '../modules/handling/deadlines.ts';
import { attachments } from '../modules/handling/schema.ts';
import { liaisonLinks, liaisonMeetings, liaisonOpinions, liaisonReports } from '../modules/liaison/schema.ts';
import { memberCommittees, members } from '../modules/org/schema.ts';
import type { ActivityKind, GroupKind } from '../modules/party/labels.ts';
import { campaignIdeas, campaigns, partyActivities, partyGroupMembers, partyGroups } from '../modules/party/schema.ts';
import type { SessionInfo } from './demo-proposals.ts';
import { createRandom } from './random.ts';

export interface PartySeedContext {
  orgId: string;
  staffUserId: string;
  staffName: string;
  /** The demo `member` login's member. */
  demoMemberId: string;
  sessions: readonly SessionInfo[];
  committees: { id: string; name: string }[];
  counties: { id: string; name: string }[];
  now?: Date;
}

const SEED = 20261205;
const OFFICE_STAFF = ['王建国', '陈晓燕', '刘志强', '赵丽华', '孙伟', '周敏', '吴海涛', '郑雪梅', '冯立新', '何静', '许涛', '韩梅', '曹阳', '邓丽', '彭勇', '蒋红', '沈浩', '田甜'];
const TOPICS: Record<ActivityKind, string[]> = {
  congress: ['学习贯彻全会精神', '选举支部委员会', '年度党员民主评议'],
  branchCommittee: ['研究支部年度工作计划', '研究发展党员工作', '研究主题党日安排'],
  cellMeeting: ['学习党章党规', '交流学习体会', '开展批评与自我批评'],
  lecture: ['书记讲党课：发挥专门协商机构作用', '党课：加强和改进人民政协工作', '党课：牢记初心使命'],
  themeDay: ['重温入党誓词', '参观红色教育基地', '志愿服务进社区', '学习政协章程'],
  other: ['党组理论学习中心组学习', '专题学习研讨', '党员委员活动小组集中学习'],
};
const IDEAS = [
  ['发展临空经济产业园', '建议依托机场建设临空经济产业园，引进物流和跨境电商企业。'],
  ['打造地标农产品品牌', '建议整合县域特色农产品，统一区域公用品牌和质量标准。'],
  ['建设大健康产业集群', '建议出台专项政策支持医养结合和健康服务业发展。'],
  ['推行政务服务一网通办', '建议打通部门数据，实现企业开办一日办结。'],
  ['完善城乡公交网络', '建议优化市区公交线路，延伸至城郊新建社区。'],
  ['加强职业技能人才培养', '建议校企共建实训基地，扩大订单式培养规模。'],
  ['开发利用红色文化资源', '建议串联红色遗址，打造研学旅行线路。'],
  ['支持民营企业融资', '建议设立应急转贷资金池，降低中小企业融资成本。'],
  ['推进老旧小区改造', '建议统筹加装电梯和停车设施，引入社会资本参与。'],
  ['强化基层医疗服务', '建议推行县域医共体，提升乡镇卫生院服务能力。'],
  ['发展夜间经济', '建议规划特色街区，延长公共交通运营时间。'],
  ['保护长江生态环境', '建议建立沿江企业环境信用评价制度。'],
];
const ADOPTERS = ['市委', '市政府', '市发展改革委', '市农业农村局', '市卫生健康委'];
const MEETING_OPINIONS = ['建议党外委员更多参与专题协商', '建议完善委员联系界别群众的机制', '建议加强对委员履职的培训', '建议界别活动与专委会工作更紧密结合', '建议建立委员意见建议办理反馈机制', '建议拓展网络议政渠道'];

export async function seedDemoParty(tx: Queryable, ctx: PartySeedContext) {
  const rng = createRandom(SEED);
  const todayStr = today(ctx.now ?? new Date());
  const year = Number(todayStr.slice(0, 4));
  const orgId = ctx.orgId;
  const roster = await tx.select({ id: members.id, name: members.name, party: members.party, partyGroup: members.partyGroup, countyOrgId: members.countyOrgId })
    .from(members).where(and(eq(members.orgId, orgId), eq(members.active, true))).orderBy(asc(members.nameSort));
  const cpc = roster.filter((m) => m.party === '中共');
  const seats = await tx.select().from(memberCommittees).where(eq(memberCommittees.orgId, orgId));

  // The groups, as a tree, and their members.
  const groups: (typeof partyGroups.$inferInsert & { id: string })[] = [];
  const entries: (typeof partyGroupMembers.$inferInsert & { id: string })[] = [];
  const group = (kind: GroupKind, name: string, parentId: string | null, extra: { committeeId?: string; countyOrgId?: string } = {}) => {
    const id = randomUUID();
    groups.push({ orgId, id, kind, name, parentId, ...extra });
    return id;
  };
  const join = (groupId: string, who: { memberId?: string; userId?: string; name: string }, role = '') => {
    const id = randomUUID();
    entries.push({ orgId, id, groupId, memberId: who.memberId ?? null, userId: who.userId ?? null, name: who.name, role });
    return id;
  };
  const lead = group('leadingGroup', '市政协党组', null);
  roster.filter((m) => m.partyGroup).forEach((m, i) => join(lead, { memberId: m.id, name: m.name }, i === 0 ? '党组书记' : '党组成员'));
  const officeLead = group('officeLeadingGroup', '市政协机关党组', lead);
  const staff = { userId: ctx.staffUserId, name: ctx.staffName };
  join(officeLead, { name: OFFICE_STAFF[0]! }, '书记');
  join(officeLead, staff, '成员');
  const office = group('officeCommittee', '市政协机关党委', officeLead);
  join(office, { name: OFFICE_STAFF[0]! }, '书记');
  join(office, { name: OFFICE_STAFF[1]! }, '专职副书记');
  const people = OFFICE_STAFF.slice(2);
  const branchOf: string[] = [];
  ['机关第一党支部', '机关第二党支部', '机关第三党支部'].forEach((name, b) => {
    const branch = group('branch', name, office);
    branchOf.push(branch);
    const mine = people.filter((_, i) => i % 3 === b);
    mine.forEach((n, i) => join(branch, { name: n }, i === 0 ? '支部书记' : ''));
    if (b === 0) join(branch, staff, '组织委员');
    const cells = b === 2 ? 1 : 2;
    for (let c = 0; c < cells; c++) {
      const cell = group('cell', `${name}第${'一二'[c]}党小组`, branch);
      mine.filter((_, i) => i % cells === c).forEach((n, i) => join(cell, { name: n }, i === 0 ? '组长' : ''));
      if (b === 0 && c === 0) join(cell, staff);
    }
  });
  const memberGroups: string[] = [];
  for (const k of ctx.committees) {
    const of = cpc.filter((m) => seats.some((s) => s.memberId === m.id && s.committeeId === k.id));
    if (!of.length) continue;
    const g = group('memberGroup', `${k.name}党员委员活动小组`, lead, { committeeId: k.id });
    memberGroups.push(g);
    of.forEach((m, i) => join(g, { memberId: m.id, name: m.name }, i === 0 ? '组长' : ''));
  }
  for (const c of ctx.counties) {
    const of = cpc.filter((m) => m.countyOrgId === c.id);
    if (!of.length) continue;
    const g = group('memberGroup', `${c.name}党员委员活动小组`, lead, { countyOrgId: c.id });
    memberGroups.push(g);
    of.forEach((m, i) => join(g, { memberId: m.id, name: m.name }, i === 0 ? '组长' : ''));
  }

  // A year of activities up to today: 主题党日 monthly, 党课 quarterly, cell meetings every other month.
  const months = Number(todayStr.slice(5, 7));
  const dayIn = (month: number, latest = 28) => {
    const d = `${year}-${String(month).padStart(2, '0')}-${String(rng.int(1, latest)).padStart(2, '0')}`;
    return d > todayStr ? todayStr : d;
  };
  const activities: typeof partyActivities.$inferInsert[] = [];
  const held = (groupId: string, kind: ActivityKind, date: string, attendeeIds: string[]) =>
    activities.push({ orgId, groupId, kind, date, topic: rng.pick(TOPICS[kind]), attendeeIds, createdBy: ctx.staffUserId });
  const of = (groupId: string) => entries.filter((e) => e.groupId === groupId).map((e) => e.id);
  const subtree = (id: string): string[] => [id, ...groups.filter((g) => g.parentId === id).flatMap((g) => subtree(g.id))];
  for (let m = 1; m <= months; m++) {
    for (const b of branchOf) held(b, 'themeDay', dayIn(m), of(b).filter(() => rng.chance(0.9)));
    if (m % 3 === 0) for (const b of branchOf) held(b, 'lecture', dayIn(m), of(b));
    if (m % 2 === 0) for (const cell of groups.filter((g) => g.kind === 'cell')) held(cell.id, 'cellMeeting', dayIn(m), of(cell.id));
    if (m % 3 === 1) {
      held(lead, 'other', dayIn(m), of(lead));
      for (const g of memberGroups) held(g, rng.pick(['themeDay', 'other'] as const), dayIn(m), of(g).filter(() => rng.chance(0.8)));
    }
    if (m === 1 || m === 7) held(office, 'congress', dayIn(m), subtree(office).flatMap(of));
  }
  for (const b of branchOf) held(b, 'branchCommittee', dayIn(1), of(b).slice(0, 3));

  // The year's 双联见面会, on the plenary's second day: the members on either end of a party-member link.
  const session = [...ctx.sessions].reverse().find((s) => s.startsOn <= todayStr && s.startsOn.startsWith(String(year)));
  const meetingRows: typeof liaisonMeetings.$inferInsert[] = [];
  const meetingOpinions: typeof liaisonOpinions.$inferInsert[] = [];
  if (session) {
    const links = await tx.select({ from: liaisonLinks.fromMemberId, to: liaisonLinks.toMemberId }).from(liaisonLinks)
      .where(and(eq(liaisonLinks.orgId, orgId), eq(liaisonLinks.year, year), eq(liaisonLinks.kind, 'partyMember'), eq(liaisonLinks.active, true)));
    const attendees = [...new Set(links.flatMap((l) => [l.from!, l.to!]))].filter(() => rng.chance(0.85));
    const nonParty = [...new Set(links.map((l) => l.to!))].filter((id) => attendees.includes(id));
    const id = randomUUID();
    const date = plusDays(session.startsOn, 1) > todayStr ? session.startsOn : plusDays(session.startsOn, 1);
    meetingRows.push({ orgId, id, year, date, place: '市政协机关三楼会议室', sessionId: session.id, attendeeIds: attendees, topics: ['党员委员与党外委员面对面交流', '履职建言与凝聚共识'], createdBy: ctx.staffUserId });
    const raisers = nonParty.includes(ctx.demoMemberId) ? [ctx.demoMemberId, ...rng.sample(nonParty.filter((m) => m !== ctx.demoMemberId), 5)] : rng.sample(nonParty, 6);
    raisers.forEach((memberId, position) => meetingOpinions.push({ orgId, meetingId: id, memberId, position, content: MEETING_OPINIONS[position % MEETING_OPINIONS.length]! }));
  }

  // Some liaisons' reports as uploaded Word documents.
  const reports = await tx.select().from(liaisonReports).where(and(eq(liaisonReports.orgId, orgId), eq(liaisonReports.year, year))).orderBy(asc(liaisonReports.memberId));
  const uploaded = reports.filter((_, i) => i % 4 === 0).slice(0, 8);
  const names = new Map(roster.map((m) => [m.id, m.name]));
  for (const r of uploaded) {
    const data = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(`${names.get(r.memberId) ?? ''}${year}年度双联工作书面报告`), ...r.body.split('\n').map((p) => new Paragraph(p))] }] }));
    const id = randomUUID();
    await tx.insert(attachments).values({
      orgId, id, itemKind: 'liaisonReport', itemId: r.id, ownerKind: 'report', ownerId: r.id, filename: `${year}年度双联报告.docx`,
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: data.length, sha256: createHash('sha256').update(data).digest('hex'), data, createdBy: ctx.staffUserId,
    });
    await tx.update(liaisonReports).set({ attachmentId: id }).where(and(eq(liaisonReports.orgId, orgId), eq(liaisonReports.id, r.id)));
  }

  // Campaigns: this year's open now (some ideas adopted), last year's closed with every idea adopted.
  const thisOne = randomUUID();
  const lastOne = randomUUID();
  const opensOn = `${year}-01-01` > plusDays(todayStr, -60) ? `${year}-01-01` : plusDays(todayStr, -60);
  const campaignRows: typeof campaigns.$inferInsert[] = [
    { orgId, id: thisOne, title: '我为“十五五”规划献一计', theme: '围绕“十五五”规划编制和全市中心工作，委员建言献策', opensOn, closesOn: plusDays(todayStr, 20), createdBy: ctx.staffUserId },
    { orgId, id: lastOne, title: '我为疫后重振献一计', theme: '围绕疫后重振和经济社会发展建言献策', opensOn: `${year - 1}-03-01`, closesOn: `${year - 1}-05-31`, createdBy: ctx.staffUserId },
  ];
  const others = roster.filter((m) => m.id !== ctx.demoMemberId);
  const ideas: typeof campaignIdeas.$inferInsert[] = [];
  rng.sample(others, 9).forEach((m, i) => {
    const [title, content] = IDEAS[i % IDEAS.length]!;
    const submittedOn = plusDays(opensOn, rng.int(0, Math.max(0, Math.round((Date.parse(todayStr) - Date.parse(opensOn)) / 86_400_000))));
    const adopt = i % 3 === 0;
    ideas.push({ orgId, campaignId: thisOne, memberId: m.id, title, content, submittedOn, ...(adopt ? { adoptedBy: rng.pick(ADOPTERS), adoptedOn: submittedOn } : {}) });
  });
  rng.sample(others, 8).forEach((m, i) => {
    const [title, content] = IDEAS[(i + 5) % IDEAS.length]!;
    const submittedOn = `${year - 1}-04-${String(rng.int(1, 28)).padStart(2, '0')}`;
    ideas.push({ orgId, campaignId: lastOne, memberId: m.id, title, content, submittedOn, adoptedBy: rng.pick(ADOPTERS), adoptedOn: `${year - 1}-06-${String(rng.int(1, 28)).padStart(2, '0')}` });
  });

  await tx.insert(partyGroups).values(groups);
  await tx.insert(partyGroupMembers).values(entries);
  for (let i = 0; i < activities.length; i += 500) await tx.insert(partyActivities).values(activities.slice(i, i + 500));
  if (meetingRows.length) await tx.insert(liaisonMeetings).values(meetingRows);
  if (meetingOpinions.length) await tx.insert(liaisonOpinions).values(meetingOpinions);
  await tx.insert(campaigns).values(campaignRows);
  await tx.insert(campaignIdeas).values(ideas);
}
