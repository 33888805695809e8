// 双协 for the demo committee: this year's plan "x+N" (adopted by the chair meeting in January) and
// its consultations, each at the step its month puts it: long past ones closed with their
// recommendations' outcomes, then tracking, handling (recommendations with units, some replied),
// central assignment, the meeting, preparation and topics still open. Each has its 八个一 checklist
// (narrowed per kind, a late item here and there; each item done with its deliverable) and its
// history. Those past the meeting had it: invitees, some on leave, attendance, speeches, minutes;
// this month's meets today (invitations answered) and next month's has its invitations out (the
// demo logins among the invitees have the invitation's notice). Two
// frontline council rooms (one hosted by a county committee, one by a department) hold the frontline
// sessions; the supervision items have their inspection visits, and their outcomes count what
// changed (公交线路 adjusted …).
// Deterministic (seeded PRNG); dates follow `now` and none lies in the future but next month's meeting.
import { createHash, randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import type { Queryable } from '../core/db/client.ts';
import { auditLog, users } from '../core/schema.ts';
import { notifications } from '../core/jobs-schema.ts';
import { invitationNotice } from '../modules/consultations/notices.ts';
import { DEFAULT_HANDLING } from '../modules/handling/deadlines.ts';
import { plusDays, plusMonths, today } from '../modules/handling/deadlines.ts';
import { assignments, attachments, replies } from '../modules/handling/schema.ts';
import { CHECKLIST_OF, TASK_NAMES, type TaskKey } from '../modules/consultations/checklist.ts';
import { FILE_KIND } from '../modules/consultations/meeting-commands.ts';
import { newCodeSecret } from '../modules/consultations/meeting-rules.ts';
import {
  commentSequence, consultationCommentVotes, consultationComments, consultationMeetings, consultationPlanItems, consultationPlans, consultationRecommendations,
  consultationRoomMembers, consultationRooms, consultations, consultationTasks, consultationVisits, meetingInvitees, sensitiveWords,
} from '../modules/consultations/schema.ts';
import { orgs } from '../core/schema.ts';
import { members, sectors } from '../modules/org/schema.ts';
import { generateComments } from './online-comments.ts';
import { STATES, type ConsultationState, type Kind } from '../modules/consultations/workflow.ts';
import { createRandom } from './random.ts';

export interface ConsultationSeedContext {
  orgId: string;
  staffUserId: string;
  leaderUserId: string;
  committees: readonly { id: string; name: string }[];
  units: readonly { id: string; name: string }[];
  /** The units' clerks (who sign for and reply to the recommendations: their history names them). */
  unitLogins?: readonly { userId: string; unitId: string }[];
  /** The roster (for the meetings' invitees and speakers), and the demo member's login: invited to each meeting, sits in the county room and went on a supervision visit. */
  members: readonly { id: string; name: string; standing: boolean }[];
  demoMemberId: string;
  /** Logins of members who comment online (the demo member and leader), and the hash public accounts get (the demo password). */
  commenters: readonly { userId: string; name: string; memberId: string }[];
  passwordHash: string;
  now?: Date;
}

/** A one-page PDF: the demo's deliverables, speeches and minutes. */
const DEMO_PDF: Buffer = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const DEMO_PDF_SHA = createHash('sha256').update(DEMO_PDF).digest('hex');
const PLACES = ['市政协三楼协商议政厅', '市政协机关第一会议室', '市民中心二楼报告厅'];
const LEAVE_REASONS = ['赴外地出差', '参加单位重要会议', '身体不适住院治疗', '参加省里组织的培训'];

const SEED = 20260511;

/** The year's plan: [kind, month, topic, owning special committee (null: the office), recommendations with the unit they go to]. */
const PLAN: readonly [Kind, number, string, string | null, [string, string][]][] = [
  ['plenary', 1, '政协全体会议大会发言', null, []],
  ['bimonthly', 2, '推进城乡义务教育优质均衡发展', '教科卫体委员会', [['扩大城区学位供给', '市教育局'], ['推进县域教共体建设', '市教育局'], ['加强乡村教师队伍建设', '市人力资源和社会保障局']]],
  ['frontline', 3, '老旧小区加装电梯“一楼一策”', null, [['建立加装电梯协商调解机制', '市住房和城乡建设局']]],
  ['standing', 3, '优化营商环境、激发市场主体活力', '经济委员会', [['压缩工程建设项目审批时限', '市发展和改革委员会'], ['规范涉企行政检查', '市市场监督管理局'], ['完善中小企业融资担保体系', '市财政局']]],
  ['sector', 4, '医疗卫生界：基层医疗卫生服务能力提升', '教科卫体委员会', [['推动优质医疗资源下沉', '市卫生健康委员会'], ['落实家庭医生签约服务', '市卫生健康委员会']]],
  ['bimonthly', 4, '发展普惠托育服务', '社会和法制委员会', [['扩大普惠托位供给', '市卫生健康委员会'], ['加强托育人才培养', '市教育局']]],
  ['supervision', 5, '提高市区公共交通服务水平民主监督', '人口资源环境委员会', [['调整优化市区公交线路', '市交通运输局'], ['增设公交站点和候车亭', '市交通运输局']]],
  ['online', 5, '城市停车难问题网络议政', null, [['推动机关单位停车场错时开放', '市公安局'], ['建设全市停车信息平台', '市住房和城乡建设局']]],
  ['bimonthly', 6, '推进农村生活污水治理', '农业和农村委员会', [['建立专业化运维机制', '市生态环境局'], ['提高管网收集率', '市住房和城乡建设局']]],
  ['standing', 6, '推动文化和旅游深度融合发展', '文化文史和学习委员会', [['打造精品旅游线路', '市文化广电和旅游局'], ['加强非遗活化利用', '市文化广电和旅游局']]],
  ['sector', 7, '经济界：民营企业高质量发展', '经济委员会', [['构建亲清政商关系', '市工业和信息化局']]],
  ['frontline', 7, '农村留守老人助餐服务', null, [['增设村级助餐点', '市民政局']]],
  ['supervision', 8, '“一网通办”政务服务民主监督', '提案委员会', [['减少重复提交材料', '市数据局']]],
  ['bimonthly', 8, '加强新就业形态劳动者权益保障', '社会和法制委员会', [['扩大职业伤害保障覆盖面', '市人力资源和社会保障局'], ['建设户外劳动者服务驿站', '市总工会']]],
  ['sector', 9, '农业界：高标准农田建设', '农业和农村委员会', [['提高高标准农田建设投入标准', '市农业农村局']]],
  ['standing', 9, '推进城市更新行动', '人口资源环境委员会', [['统筹城市更新规划', '市住房和城乡建设局'], ['完善城市更新资金保障', '市财政局']]],
  ['online', 9, '未成年人网络保护网络议政', null, [['加强平台防沉迷监管', '市公安局']]],
  ['bimonthly', 10, '促进高校毕业生就业', '教科卫体委员会', [['建立专业设置动态调整机制', '市教育局'], ['搭建校企供需对接平台', '市人力资源和社会保障局']]],
  ['supervision', 10, '养老服务政策落实民主监督', '社会和法制委员会', [['加强养老机构安全监管', '市民政局']]],
  ['sector', 11, '社会福利和社会保障界：残疾人就业', '社会和法制委员会', [['落实残疾人按比例就业', '市残联']]],
  ['standing', 11, '推进全域旅游与乡村振兴融合', '农业和农村委员会', [['培育乡村旅游重点村', '市文化广电和旅游局']]],
  ['bimonthly', 12, '加快城市易涝点改造', '人口资源环境委员会', [['制定易涝点改造三年计划', '市水务局']]],
];

/** The council rooms: [name, place, host (a county committee's name or a unit's), the frontline topics they held]. */
const ROOMS: readonly [string, string, { county: string } | { unit: string }, string[]][] = [
  ['北山县委员议事室', '北山县政务服务中心三楼', { county: '示例市北山县政协' }, ['农村留守老人助餐服务']],
  ['市住建局委员议事室', '市住房和城乡建设局一楼', { unit: '市住房和城乡建设局' }, ['老旧小区加装电梯“一楼一策”']],
];

/** Inspection visits of each supervision item: [days before the meeting, place, others who went, findings]. */
const VISITS: Record<string, readonly [number, string, string, string][]> = {
  '提高市区公共交通服务水平民主监督': [
    [-40, '市公交集团调度中心', '市交通运输局分管负责同志', '部分线路重复率高、绕行严重，高峰时段发车间隔超过15分钟。'],
    [-30, '火车站公交枢纽', '市公交集团负责同志', '公交与地铁换乘步行距离长，站牌信息更新不及时。'],
    [-20, '城南新区新建小区', '街道和社区负责同志', '新建小区周边500米内无公交站点，居民出行不便。'],
  ],
  '“一网通办”政务服务民主监督': [
    [-35, '市政务服务中心', '市数据局分管负责同志', '部分事项线上线下标准不一，企业仍需重复提交材料。'],
    [-20, '高新区企业服务中心', '企业代表', '“免申即享”政策覆盖面窄，企业知晓率不高。'],
  ],
  '养老服务政策落实民主监督': [
    [-30, '市社会福利院', '市民政局分管负责同志', '护理员持证上岗率偏低，消防设施老化。'],
    [-15, '东城区社区养老服务中心', '社区负责同志', '助餐服务覆盖不足，部分老人反映价格偏高。'],
  ],
};

/** What a supervision opinion's outcome changed, counted: [measure, quantity]. */
const MEASURES: Record<string, [string, number]> = {
  调整优化市区公交线路: ['调整优化市区公交线路（条）', 6],
  增设公交站点和候车亭: ['新增公交站点（个）', 18],
  减少重复提交材料: ['精简申请材料（项）', 120],
  加强养老机构安全监管: ['整改养老机构安全隐患（处）', 35],
};

/** The step a consultation of month `m` has reached in month `current` (null: not started yet). */
function stepOf(m: number, current: number): ConsultationState | null {
  const ago = current - m;
  if (ago >= 5) return 'closed';
  if (ago === 4) return 'tracking';
  if (ago >= 2) return 'handling';
  if (ago === 1) return 'assigning';
  if (ago === 0) return 'consulting';
  if (ago === -1) return 'preparing';
  if (ago === -2) return 'topic';
  return null;
}

const ACTIONS: Record<Exclude<ConsultationState, 'topic'>, string> = {
  preparing: 'prepare', consulting: 'convene', assigning: 'conclude', handling: 'dispatch', tracking: 'track', closed: 'close',
};
const OUTCOMES = ['party', 'government', 'department'] as const;
const OUTCOME_TITLES = { party: '市委常委会会议研究决定', government: '市政府办公室印发实施意见', department: '部门出台工作措施' };

type Row<T extends Parameters<Queryable['insert']>[0]> = PgInsertValue<T>;

export async function seedDemoConsultations(tx: Queryable, ctx: ConsultationSeedContext) {
  const random = createRandom(SEED);
  const day = today(ctx.now);
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const notAfterToday = (d: string) => (d > day ? day : d);
  // 10:00 in China that day; today's before 10:00 is now (the demo holds nothing yet to come).
  const now = (ctx.now ?? new Date()).getTime();
  const at = (d: string) => new Date(Math.min(Date.parse(`${d}T02:00:00Z`), now));
  const committeeId = (name: string | null) => (name ? ctx.committees.find((c) => c.name === name)?.id ?? null : null);
  const unitOf = (name: string) => {
    const unit = ctx.units.find((u) => u.name === name);
    if (!unit) throw new Error(`no demo unit ${name}`);
    return unit;
  };
  const rows = {
    items: [] as Row<typeof consultationPlanItems>[], consultations: [] as Row<typeof consultations>[], tasks: [] as Row<typeof consultationTasks>[],
    recs: [] as Row<typeof consultationRecommendations>[], assignments: [] as Row<typeof assignments>[], replies: [] as Row<typeof replies>[], audit: [] as Row<typeof auditLog>[],
    meetings: [] as Row<typeof consultationMeetings>[], invitees: [] as Row<typeof meetingInvitees>[], files: [] as Row<typeof attachments>[],
    notices: [] as Row<typeof notifications>[],
  };
  // The meetings draw from their own sequence: the consultations' stay as they were.
  const meetingRandom = createRandom(SEED + 1);
  const file = (consultationId: string, ownerKind: string, ownerId: string, filename: string, on: string) => {
    const id = randomUUID();
    rows.files.push({ orgId: ctx.orgId, id, itemKind: FILE_KIND, itemId: consultationId, ownerKind, ownerId, filename, mime: 'application/pdf',
      size: DEMO_PDF.length, sha256: DEMO_PDF_SHA, data: DEMO_PDF, createdBy: ctx.staffUserId, createdAt: at(notAfterToday(on)) });
    return id;
  };
  /** The meeting of a consultation: held (`held`), today, or upcoming (invitations out, replies coming in). */
  const addMeeting = (id: string, kind: Kind, topic: string, on: string, phase: 'held' | 'today' | 'upcoming') => {
    const r = meetingRandom;
    const pool = kind === 'standing' || kind === 'plenary' ? ctx.members.filter((m) => m.standing) : ctx.members;
    const invited = [...new Set([ctx.demoMemberId, ...r.sample(pool.map((m) => m.id), r.int(12, 20))])];
    const speakers = r.sample(invited, r.int(3, 5));
    const nameOf = (mid: string) => ctx.members.find((m) => m.id === mid)?.name ?? '';
    const agenda = [
      { time: '09:00', title: '通报前期调研情况', speakerMemberId: null, speaker: '牵头专委会负责同志' },
      ...speakers.map((mid, i) => ({ time: `09:${String(20 + i * 10).padStart(2, '0')}`, title: `委员发言：${topic}`, speakerMemberId: mid, speaker: null })),
      { time: '10:30', title: '有关部门负责同志回应', speakerMemberId: null, speaker: '市政府有关部门' },
      { time: '11:00', title: '市政协领导讲话', speakerMemberId: null, speaker: '市政协主席' },
    ];
    const invitedOn = plusDays(on, -16);
    rows.meetings.push({
      orgId: ctx.orgId, consultationId: id, meetingOn: on, startTime: '09:00', place: r.pick(PLACES), agenda, codeSecret: newCodeSecret(),
      minutes: phase === 'held' ? `会议听取了关于“${topic}”的调研情况通报，${speakers.map(nameOf).join('、')}等 ${speakers.length} 位委员作了发言，有关部门作了回应。会议认为……建议……` : null,
      createdAt: at(plusDays(on, -25)), updatedAt: at(notAfterToday(phase === 'held' ? plusDays(on, 2) : invitedOn)),
    });
    if (phase === 'held') {
      const minutesId = file(id, 'minutes', id, `${topic}会议纪要.pdf`, plusDays(on, 2));
      rows.meetings.at(-1)!.minutesFileId = minutesId;
    }
    file(id, 'material', id, `${topic}调研报告.pdf`, notAfterToday(plusDays(on, -10)));
    invited.forEach((mid, i) => {
      const leave = !speakers.includes(mid) && mid !== ctx.demoMemberId && r.chance(0.15);
      const answered = phase !== 'upcoming' || (mid !== ctx.demoMemberId && r.chance(0.6));
      const leaveState = leave && answered ? (phase === 'upcoming' && i % 2 === 0 ? 'asked' : 'approved') : null;
      const present = phase === 'held' && !leaveState && r.chance(0.92);
      rows.invitees.push({
        orgId: ctx.orgId, consultationId: id, memberId: mid, invitedAt: at(notAfterToday(invitedOn)),
        reply: !answered ? 'pending' : leaveState ? 'leave' : 'attend', leaveReason: leaveState ? r.pick(LEAVE_REASONS) : null, leaveState,
        leaveDecidedBy: leaveState === 'approved' ? ctx.staffUserId : null, leaveDecidedAt: leaveState === 'approved' ? at(notAfterToday(plusDays(on, -5))) : null,
        signedInAt: present ? new Date(`${on}T00:${String(40 + (i % 20)).padStart(2, '0')}:00Z`) : null, signedInHow: present ? (r.chance(0.85) ? 'code' : 'staff') : null,
        signedInBy: present ? ctx.staffUserId : null,
      });
      // A member with a login was told (of the last two months' invitations, and any unanswered); read once answered.
      const login = ctx.commenters.find((c) => c.memberId === mid)?.userId;
      const sentAt = at(notAfterToday(invitedOn));
      if (login && (!answered || sentAt.getTime() >= now - 60 * 86_400_000)) {
        rows.notices.push({ orgId: ctx.orgId, userId: login, ...invitationNotice({ title: topic }, rows.meetings.at(-1) as { meetingOn: string; startTime: string; place: string }),
          createdAt: sentAt, readAt: answered ? new Date(Math.min(sentAt.getTime() + 3_600_000, now)) : null });
      }
    });
    if (phase === 'held') for (const mid of speakers) file(id, 'speech', mid, `${nameOf(mid)}发言稿.pdf`, plusDays(on, -3));
  };
  const adoptedOn = notAfterToday(`${year}-01-10`);

  // The rooms: the county room's members live in its county (and the demo member sits in it);
  // the department's are city members. The first convenes.
  const counties = await tx.select({ id: orgs.id, name: orgs.name }).from(orgs).where(and(eq(orgs.parentId, ctx.orgId), eq(orgs.level, 'county')));
  const roster = await tx.select({ id: members.id, countyOrgId: members.countyOrgId }).from(members)
    .where(and(eq(members.orgId, ctx.orgId), eq(members.active, true))).orderBy(asc(members.nameSort), asc(members.name));
  const cityMembers = await tx.select({ id: members.id }).from(members)
    .where(and(eq(members.orgId, ctx.orgId), eq(members.active, true), isNull(members.countyOrgId))).orderBy(asc(members.nameSort), asc(members.name));
  const roomOfTopic = new Map<string, string>();
  const roomRows: Row<typeof consultationRooms>[] = [], seats: Row<typeof consultationRoomMembers>[] = [];
  for (const [name, place, host, topics] of ROOMS) {
    const id = randomUUID();
    const county = 'county' in host ? counties.find((c) => c.name === host.county) : undefined;
    const seated = county
      ? [...new Set([...roster.filter((m) => m.countyOrgId === county.id).slice(0, 7).map((m) => m.id), ...(ctx.demoMemberId ? [ctx.demoMemberId] : [])])]
      : cityMembers.filter((_, i) => i % 47 === 3).slice(0, 6).map((m) => m.id);
    roomRows.push({ orgId: ctx.orgId, id, name, place, hostCountyOrgId: county?.id ?? null, hostUnitId: 'unit' in host ? unitOf(host.unit).id : null,
      createdBy: ctx.staffUserId, createdAt: at(notAfterToday(`${year}-01-15`)), updatedAt: at(notAfterToday(`${year}-01-15`)) });
    seated.forEach((memberId, i) => seats.push({ orgId: ctx.orgId, roomId: id, memberId, convener: i === 0 }));
    for (const topic of topics) roomOfTopic.set(topic, id);
  }
  const visits: Row<typeof consultationVisits>[] = [];

  for (const [kind, m, topic, committee, recs] of PLAN) {
    const itemId = randomUUID();
    rows.items.push({ orgId: ctx.orgId, id: itemId, year, kind, month: m, topic, committeeId: committeeId(committee), createdAt: at(notAfterToday(`${year}-01-05`)) });
    const state = stepOf(m, month);
    if (!state) continue;
    const id = randomUUID();
    const pad = (n: number) => String(n).padStart(2, '0');
    const planned = `${year}-${pad(m)}-${pad(random.int(10, 25))}`;
    const meeting = notAfterToday(planned);
    const opened = notAfterToday(plusDays(`${year}-${pad(m)}-01`, -60) < `${year}-01-01` ? `${year}-01-02` : plusDays(`${year}-${pad(m)}-01`, -60));
    const reached = STATES.indexOf(state);
    const held = reached >= STATES.indexOf('assigning');
    // The history: created, then one entry per step reached, spread between opening and now.
    const stepDays = [opened, plusDays(opened, 7), notAfterToday(plusDays(meeting, -1)), meeting, notAfterToday(plusDays(meeting, 20)), notAfterToday(plusMonths(meeting, 3)), notAfterToday(plusMonths(meeting, 5))];
    rows.audit.push({ orgId: ctx.orgId, at: at(opened), actorUserId: ctx.staffUserId, action: 'created', entity: 'consultation', entityId: id, after: { state: 'topic', title: topic, kind, year } });
    for (let s = 1; s <= reached; s++) {
      const to = STATES[s]!;
      rows.audit.push({ orgId: ctx.orgId, at: at(stepDays[s]!), actorUserId: ctx.staffUserId, action: ACTIONS[to as keyof typeof ACTIONS], entity: 'consultation', entityId: id,
        before: { state: STATES[s - 1] }, after: { state: to, note: to === 'assigning' ? `${meeting} 召开` : null } });
    }
    // Inspection visits before the meeting (those already made).
    (VISITS[topic] ?? []).forEach(([before, place, participants, findings], i) => {
      const visitedOn = plusDays(meeting, before);
      if (visitedOn > day || visitedOn < opened) return;
      const went = [i * 5 + 2, i * 5 + 60, i * 5 + 130].map((k) => roster[k % roster.length]!.id);
      if (i === 0 && ctx.demoMemberId) went.push(ctx.demoMemberId);
      visits.push({ orgId: ctx.orgId, consultationId: id, visitedOn, place, participants, findings, memberIds: [...new Set(went)], createdBy: ctx.staffUserId,
        createdAt: at(visitedOn), updatedAt: at(visitedOn) });
    });
    rows.consultations.push({
      orgId: ctx.orgId, id, title: topic, kind, year, state, planItemId: itemId, heldOn: held ? meeting : null, createdBy: ctx.staffUserId, roomId: roomOfTopic.get(topic) ?? null,
      summary: committee ? `${committee}牵头` : '办公室牵头', createdAt: at(opened), updatedAt: at(stepDays[reached]!),
    });
    // The meeting: held by those past it; this month's today; next month's with its invitations out.
    if (held) addMeeting(id, kind, topic, meeting, 'held');
    else if (state === 'consulting') addMeeting(id, kind, topic, day, 'today');
    else if (state === 'preparing') addMeeting(id, kind, topic, planned, 'upcoming');
    // 八个一: done (with its deliverable) before the step that needs them; in preparation one is late.
    CHECKLIST_OF[kind].forEach((key, i) => {
      const due = plusDays(meeting, key === 'effect' ? 150 : key === 'publicity' ? 30 : key === 'recommendations' ? 15 : -30 + i * 5);
      const done = held ? (key === 'effect' ? state === 'closed' : true) : state === 'consulting' ? i < 3 : state === 'preparing' ? i < 1 : false;
      const late = state === 'preparing' && i === 1;
      rows.tasks.push({
        orgId: ctx.orgId, consultationId: id, key, owner: committee ?? '办公室', dueOn: late ? plusDays(day, -3) : due,
        state: done ? 'done' : state === 'topic' ? 'todo' : 'doing', doneAt: done ? at(notAfterToday(due)) : null,
        deliverableId: done ? file(id, 'deliverable', id, `${TASK_NAMES[key]}：${topic}.pdf`, notAfterToday(due)) : null,
      });
    });
    if (!held) continue;
    // Recommendations: pending at central assignment; assigned, signed and (mostly) replied later on.
    recs.forEach(([title, unitName], i) => {
      const recId = randomUUID();
      const unit = unitOf(unitName);
      const assignedOn = notAfterToday(plusDays(meeting, 20));
      const replied = state === 'tracking' || state === 'closed' || (state === 'handling' && random.chance(0.5));
      // (A counted supervision outcome is always recorded once its tracking starts.)
      const measure = MEASURES[title];
      const outcome = (state === 'closed' ? random.chance(0.8) : state === 'tracking' && i === 0) || (!!measure && (state === 'closed' || state === 'tracking'));
      const outcomeKind = random.pick(OUTCOMES);
      const recState = state === 'assigning' ? 'pending' : replied ? (state === 'closed' ? 'closed' : 'replied') : 'handling';
      rows.recs.push({
        orgId: ctx.orgId, id: recId, consultationId: id, number: i + 1, title, content: `建议${title}，明确牵头部门和完成时限。`, state: recState, round: replied ? 1 : 0,
        outcomeKind: outcome ? outcomeKind : null, outcomeTitle: outcome ? `关于${title}的${OUTCOME_TITLES[outcomeKind]}` : null,
        outcomeNumber: outcome ? `〔${year}〕${random.int(3, 60)}号` : null, outcomeDate: outcome ? notAfterToday(plusMonths(meeting, 3)) : null,
        progress: outcome ? random.pick([60, 80, 100]) : null, noOutcomeReason: state === 'closed' && !outcome ? '涉及省级事权，已转报省政协' : null,
        outcomeMeasure: outcome && measure ? measure[0] : null, outcomeQuantity: outcome && measure ? measure[1] : null,
        createdBy: ctx.staffUserId, createdAt: at(meeting), updatedAt: at(notAfterToday(plusMonths(meeting, replied ? 2 : 1))),
      });
      // Its history, as the commands write it: created; then assigned, signed for and replied to.
      const recStep = (on: string, actorUserId: string | null, action: string, before: string | null, after: string, note?: string) => rows.audit.push({
        orgId: ctx.orgId, at: at(on), actorUserId, action, entity: 'recommendation', entityId: recId, ...(before ? { before: { state: before } } : {}),
        after: before ? { state: after, note: note ?? null } : { state: after, title, consultationId: id },
      });
      recStep(meeting, ctx.staffUserId, 'created', null, 'pending');
      if (recState === 'pending') return;
      const clerk = ctx.unitLogins?.find((l) => l.unitId === unit.id)?.userId ?? null;
      recStep(assignedOn, ctx.staffUserId, 'assign', 'pending', 'assigned', unit.name);
      recStep(notAfterToday(plusDays(assignedOn, 2)), clerk, 'sign', 'assigned', 'handling');
      if (replied) recStep(notAfterToday(plusMonths(assignedOn, 2)), clerk, 'reply', 'handling', 'replied');
      rows.assignments.push({
        orgId: ctx.orgId, itemKind: 'recommendation', itemId: recId, unitId: unit.id, role: 'lead', state: 'signed', assignedAt: at(assignedOn),
        returnBy: plusDays(assignedOn, DEFAULT_HANDLING.returnWindowDays), dueOn: plusMonths(assignedOn, DEFAULT_HANDLING.replyMonths), periodStart: assignedOn,
        signedAt: at(notAfterToday(plusDays(assignedOn, 2))),
      });
      if (replied) {
        rows.replies.push({ orgId: ctx.orgId, itemKind: 'recommendation', itemId: recId, unitId: unit.id, round: 1, category: random.pick(['A', 'B']),
          content: `${unit.name}已将“${title}”列入年度工作计划，正在推进落实。`, createdBy: ctx.staffUserId, createdAt: at(notAfterToday(plusMonths(assignedOn, 2))) });
      }
    });
  }

  await tx.insert(consultationPlans).values({ orgId: ctx.orgId, year, adoptedAt: at(adoptedOn), adoptedBy: ctx.leaderUserId, createdAt: at(notAfterToday(`${year}-01-05`)) });
  for (const [table, list] of [[consultationRooms, roomRows], [consultationRoomMembers, seats], [consultationVisits, visits],
    [consultationPlanItems, rows.items], [consultations, rows.consultations], [consultationTasks, rows.tasks],
    [consultationRecommendations, rows.recs], [assignments, rows.assignments], [replies, rows.replies], [auditLog, rows.audit],
    [consultationMeetings, rows.meetings], [meetingInvitees, rows.invitees], [attachments, rows.files], [notifications, rows.notices]] as const) {
    if (list.length) await tx.insert(table).values(list as never);
  }
  // The plan item that came from an open topic (开门式选题: see demo-topics.ts).
  const fromTopic = rows.items.find((i) => i.topic === '老旧小区加装电梯“一楼一策”')!;
  return { planItemFromTopic: { id: fromTopic.id as string, topic: fromTopic.topic as string, kind: fromTopic.kind as Kind, adoptedOn } };
}

/** Public accounts (网民) of the demo, who comment online: [username, display name]. */
const NETIZENS: readonly [string, string][] = [['citizen1', '市民小王'], ['citizen2', '公交通勤族'], ['citizen3', '退休教师老李'], ['citizen4', '大学生小陈']];
/** More public accounts, who write and vote on the generated comments: citizen5 … (网友 + a number, or these names). */
const MORE_NETIZENS = 36;
const NETIZEN_NAMES = ['城东老张', '宝妈小刘', '快递小哥', '社区志愿者', '个体户老周', '上班族阿杰', '退休职工', '开车族', '外卖骑手', '小区业主'];
/** Members (委员) with a login of their own who take part online: wy01 … (every sixth of the roster, so several sectors). */
const ONLINE_MEMBERS = 24;
/** Generated comments (online-comments.ts) before the hand-written ones: several themes of the city's 民生实事. */
const GENERATED_COMMENTS = 360;

/**
 * The latest comments of the open online consultation, written by hand: [author (index into NETIZENS,
 * or 'member'/'leader'), text, index of the comment it replies to]. Before them come
 * GENERATED_COMMENTS from `generateComments` (online-comments.ts), by public accounts and members.
 */
const COMMENTS: readonly [number | 'member' | 'leader', string, number?][] = [
  [0, '建议早晚高峰加密主干线班次，现在等车经常超过20分钟。'],
  [1, '地铁站和公交站换乘距离太远，希望优化接驳站点位置。'],
  [2, '老年人看不懂电子站牌，建议保留纸质线路图和语音报站。'],
  [3, '赞同，很多站点的电子站牌信息也不准确。', 2],
  ['member', '建议结合客流大数据，对重复率高的线路进行合并，把运力投向新建城区。'],
  [1, '同意合并重复线路，但要给沿线居民留出过渡期，并提前公示。', 4],
  ['leader', '感谢大家的意见，我们将整理后形成协商建议，报送市交通运输局。'],
  [3, '校园周边能否开通定制公交？节假日往返火车站很不方便。'],
];
/** A comment a sensitive word holds for the moderators (post-moderation shows the rest at once). */
const HELD_COMMENT = '有人在站台附近代开发票，希望管一管。';

/**
 * 网络议政 now: one online consultation at its meeting with comments open (post-moderated),
 * public accounts and members commenting, replies and votes, one comment held for a sensitive word.
 */
export async function seedDemoOnlineConsultation(tx: Queryable, ctx: ConsultationSeedContext) {
  const random = createRandom(SEED + 1);
  const day = today(ctx.now);
  const year = Number(day.slice(0, 4));
  const now = ctx.now ?? new Date();
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
  const id = randomUUID();
  const title = '“我为民生实事建言”网络议政';
  const netizens = [...NETIZENS, ...Array.from({ length: MORE_NETIZENS }, (_, i): [string, string] => [`citizen${i + 5}`, i < NETIZEN_NAMES.length ? NETIZEN_NAMES[i]! : `网友${1000 + i * 37}`])]
    .map(([username, displayName]) => ({ id: randomUUID(), username, displayName }));
  await tx.insert(users).values(netizens.map((n) => ({ orgId: ctx.orgId, id: n.id, username: n.username, displayName: n.displayName, passwordHash: ctx.passwordHash, roles: ['public'] })));
  // Members who take part online with a login of their own (the demo member and leader aside).
  const taken = new Set(ctx.commenters.map((c) => c.memberId));
  const onliners = ctx.members.filter((m, i) => i % 6 === 3 && !taken.has(m.id)).slice(0, ONLINE_MEMBERS)
    .map((m, i) => ({ id: randomUUID(), username: `wy${String(i + 1).padStart(2, '0')}`, displayName: m.name, memberId: m.id }));
  if (onliners.length) {
    await tx.insert(users).values(onliners.map((o) => ({ orgId: ctx.orgId, id: o.id, username: o.username, displayName: o.displayName, passwordHash: ctx.passwordHash, roles: ['member'], memberId: o.memberId })));
  }
  await tx.insert(consultations).values({
    orgId: ctx.orgId, id, title, kind: 'online', year, state: 'consulting', commentsOpen: true, commentsModeration: 'post',
    summary: '围绕公交出行、停车、老旧小区改造、养老、学前教育、营商环境和垃圾分类等民生实事，征求市民和委员的意见建议，供专题协商参考。', createdBy: ctx.staffUserId,
    createdAt: minutesAgo(60 * 24 * 20), updatedAt: minutesAgo(60 * 24),
  });
  // Its checklist under way: the report and the online forum now, the rest after the comments close.
  const plan: Partial<Record<TaskKey, [owner: string, days: number]>> = {
    researchReport: ['社会和法制委员会', 5], forum: ['办公室', 10], recommendations: ['社会和法制委员会', 25], publicity: ['办公室', 40], effect: ['社会和法制委员会', 170],
  };
  await tx.insert(consultationTasks).values(CHECKLIST_OF.online.map((key, i) => ({
    orgId: ctx.orgId, consultationId: id, key, owner: plan[key]?.[0] ?? '办公室', dueOn: plusDays(day, plan[key]?.[1] ?? 30), state: i < 2 ? 'doing' : 'todo',
  })));
  const steps: [string, string, string, string | null][] = [['created', 'topic', 'topic', null], ['prepare', 'topic', 'preparing', null], ['convene', 'preparing', 'consulting', null],
    ['openComments', 'consulting', 'consulting', '开放网络议政（先发后审）']];
  await tx.insert(auditLog).values(steps.map(([action, from, to, note], i) => ({
    orgId: ctx.orgId, at: minutesAgo(60 * 24 * (20 - i * 6)), actorUserId: ctx.staffUserId, action, entity: 'consultation', entityId: id,
    before: action === 'created' ? null : { state: from }, after: action === 'created' ? { state: 'topic', title, kind: 'online', year } : { state: to, note },
  })));
  await tx.insert(sensitiveWords).values(['代开发票', '赌博'].map((word) => ({ orgId: ctx.orgId, word })));

  // The voters, each with the group consensus counts them in (the sector of a member, 'public', …) and a leaning per theme.
  const sectorOf = new Map((await tx.select({ id: members.id, sector: sectors.name }).from(members)
    .innerJoin(sectors, and(eq(sectors.orgId, members.orgId), eq(sectors.id, members.sectorId))).where(eq(members.orgId, ctx.orgId))).map((m) => [m.id, m.sector]));
  const voters = [
    ...netizens.map((n) => ({ id: n.id, group: 'public' })),
    ...[...ctx.commenters, ...onliners.map((o) => ({ userId: o.id, memberId: o.memberId }))].map((m) => ({ id: m.userId, group: sectorOf.get(m.memberId) ?? 'office' })),
    { id: ctx.staffUserId, group: 'office' },
  ];
  const generated = generateComments(GENERATED_COMMENTS, SEED);
  const themes = [...new Set(generated.map((g) => g.theme))].sort();
  const gen = createRandom(SEED + 2);
  // How much each group favours each theme (0.15 … 0.95): what one group cheers another may oppose, so consensus differs from raw support.
  const leaning = new Map([...new Set(voters.map((v) => v.group))].sort().map((g) => [g, new Map(themes.map((t) => [t, 0.15 + gen.int(0, 16) * 0.05]))]));
  const writers = [...netizens.map((n) => ({ id: n.id, name: n.displayName })), ...ctx.commenters.map((c) => ({ id: c.userId, name: c.name })),
    ...onliners.map((o) => ({ id: o.id, name: o.displayName }))];

  interface Row { id: string; authorId: string; authorName: string; content: string; replyTo: string | null; at: Date; votes: { userId: string; value: string }[] }
  const rows: Row[] = [];
  const voteOn = (authorId: string, theme: string | null, many: number) => gen.sample(voters.filter((v) => v.id !== authorId), many).flatMap((v) => {
    const p = theme ? leaning.get(v.group)!.get(theme)! : 0.8;
    const roll = gen.next();
    return roll < p ? [{ userId: v.id, value: 'support' }] : roll < p + (1 - p) / 2 ? [{ userId: v.id, value: 'oppose' }] : [];
  });
  // Generated ones first (the older), over the last twenty days; one in ten answers an earlier comment of its theme.
  const spanMinutes = 60 * 24 * 19;
  const byTheme = new Map<string, string[]>();
  generated.forEach((g, i) => {
    const w = gen.chance(0.7) ? writers[gen.int(0, netizens.length - 1)]! : writers[gen.int(netizens.length, writers.length - 1)]!;
    const earlier = byTheme.get(g.theme) ?? [];
    const replyTo = earlier.length && gen.chance(0.1) ? gen.pick(earlier) : null;
    const rowId = randomUUID();
    rows.push({
      id: rowId, authorId: w.id, authorName: w.name, content: replyTo ? `${gen.pick(['赞同楼上。', '同意，补充一点：', '说得对，'])}${g.content}` : g.content, replyTo,
      at: minutesAgo(60 * 24 + spanMinutes - Math.round((i * spanMinutes) / GENERATED_COMMENTS)), votes: voteOn(w.id, g.theme, gen.int(0, 14)),
    });
    byTheme.set(g.theme, [...earlier, rowId]);
  });
  const author = (a: (typeof COMMENTS)[number][0]) => {
    if (typeof a === 'number') return { id: netizens[a]!.id, name: netizens[a]!.displayName };
    const c = ctx.commenters[a === 'member' ? 0 : 1] ?? ctx.commenters[0]!;
    return { id: c.userId, name: c.name };
  };
  const ids = COMMENTS.map(() => randomUUID());
  for (const [i, [who, content, replyTo]] of COMMENTS.entries()) {
    const a = author(who);
    const votes = random.sample([...netizens.slice(0, NETIZENS.length).map((n) => n.id), ...ctx.commenters.map((c) => c.userId)].filter((u) => u !== a.id), random.int(0, 4))
      .map((userId) => ({ userId, value: random.chance(0.8) ? 'support' : 'oppose' }));
    rows.push({ id: ids[i]!, authorId: a.id, authorName: a.name, content, replyTo: replyTo === undefined ? null : ids[replyTo]!, at: minutesAgo((COMMENTS.length - i) * 37), votes });
  }
  // Oldest first, a hundred at a time: each takes the next number of the stream's sequence (VALUES rows in order).
  for (let i = 0; i < rows.length; i += 100) {
    const chunk = rows.slice(i, i + 100);
    await tx.insert(consultationComments).values(chunk.map((r) => ({
      orgId: ctx.orgId, id: r.id, consultationId: id, authorId: r.authorId, authorName: r.authorName, content: r.content, replyTo: r.replyTo,
      status: 'visible', seq: sql`nextval(${commentSequence.seqName})`, createdAt: r.at,
      supports: r.votes.filter((v) => v.value === 'support').length, opposes: r.votes.filter((v) => v.value === 'oppose').length,
    })));
    const votes = chunk.flatMap((r) => r.votes.map((v) => ({ orgId: ctx.orgId, commentId: r.id, ...v, updatedAt: r.at })));
    if (votes.length) await tx.insert(consultationCommentVotes).values(votes);
    await tx.insert(auditLog).values(chunk.map((r) => ({
      orgId: ctx.orgId, at: r.at, actorUserId: r.authorId, action: 'posted', entity: 'consultationComment', entityId: r.id, after: { status: 'visible', consultationId: id },
    })));
  }
  await tx.insert(consultationComments).values({
    orgId: ctx.orgId, consultationId: id, authorId: netizens[0]!.id, authorName: netizens[0]!.displayName, content: HELD_COMMENT,
    status: 'held', heldFor: 'sensitive', createdAt: minutesAgo(5),
  });
}
