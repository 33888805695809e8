// 社情民意 for the demo committee: 40 reports over this year and last, in every state of the
// workflow, numbered at approval (社情民意〔year〕第n期), forwarded to the city's party committee,
// government or the CPPCC above, adopted at county, city, province or national level, some with
// leaders' 批示; each with its history (audit entries). The `member` login has a few in each
// stage, so its 我的社情民意 page and quota show something. Reports of members without a login
// are entered by the office (as paper reports are). Authors with a login were told of each decision
// (the notices commands send; the last two months'). Deterministic choices (seeded PRNG); dates
// follow `now`, and none lies in the future.
import { randomUUID } from 'node:crypto';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import type { Queryable } from '../core/db/client.ts';
import { auditLog } from '../core/schema.ts';
import { notifications } from '../core/jobs-schema.ts';
import { today } from '../modules/handling/deadlines.ts';
import { LEVEL_LABELS, authorNotice, numberLabel, type AuthorNews } from '../modules/opinions/labels.ts';
import { opinionAdoptions, opinionInstructions, opinions } from '../modules/opinions/schema.ts';
import { opinionWorkflow, type Level, type OpinionState } from '../modules/opinions/workflow.ts';
import { CITY_PREFIX, COUNTIES } from './demo-data.ts';
import { createRandom } from './random.ts';

export interface OpinionSeedContext {
  orgId: string;
  members: readonly { id: string; name: string }[];
  staffUserId: string;
  /** Logins linked to a member: their reports are their own; the first is the demo `member`. */
  memberLogins: readonly { userId: string; memberId: string }[];
  now?: Date;
}

const SEED = 20260301;
const DAY = 86_400_000;

/** [title, the situation, two problems, two suggestions]. */
const TOPICS: readonly [string, string, [string, string], [string, string]][] = [
  ['关于老旧小区加装电梯推进缓慢的情况反映', '近期不少居民反映，老旧小区加装电梯意愿强烈，但实际落地项目不多。', ['低层住户意见难以统一，协商周期长', '审批涉及规划、住建、市场监管等多个部门，材料多、环节多'], ['由街道牵头建立协商调解机制，推广“一楼一策”补偿办法', '推行加装电梯“一窗受理、并联审批”，公布办理时限']],
  ['关于农村留守老人助餐服务覆盖不足的建议', '调研发现，部分乡镇农村留守老人就餐难问题较为突出。', ['村级助餐点数量少、服务半径大', '运营经费依赖一次性补助，难以持续'], ['依托村卫生室、党群服务中心增设助餐点', '建立政府补贴、集体经济、个人付费相结合的长效机制']],
  ['关于中小学生近视率居高不下的情况反映', '据学校体检数据，部分学校学生近视检出率逐年上升。', ['课后电子产品使用时间长，户外活动不足', '视力筛查结果未能有效转介干预'], ['保障学生每天校内外各1小时体育活动', '建立筛查、转介、复查闭环管理']],
  ['关于新就业形态劳动者职业伤害保障的建议', '外卖骑手、网约车司机等群体反映，发生意外后保障不足。', ['部分平台未参加职业伤害保障试点', '劳动者对保障政策知晓率低'], ['扩大职业伤害保障覆盖面，督促平台依规参保', '在骑手驿站等场所开展政策宣传']],
  ['关于城区停车难问题的情况反映', '群众反映老城区、医院、学校周边停车难问题突出。', ['公共停车泊位缺口大，错时共享不足', '智慧停车信息平台覆盖面窄'], ['推动机关、企事业单位停车场错时对外开放', '整合全市停车资源，建设统一的停车信息平台']],
  ['关于加强校园周边食品安全监管的建议', '家长反映，部分学校周边流动摊贩售卖“三无”食品。', ['流动摊贩流动性强，监管难', '部分小店进货查验制度落实不到位'], ['开展校园周边食品安全专项整治', '落实网格员日常巡查和举报奖励制度']],
  ['关于基层医疗机构药品配备不足的情况反映', '慢性病患者反映，在社区卫生服务中心难以配齐所需药品。', ['基层药品目录与上级医院衔接不够', '部分常用药短缺，需往返大医院开药'], ['推动基层与二三级医院用药目录衔接', '开展慢病长处方和药品配送服务']],
  ['关于加快城市易涝点改造的建议', '今年汛期，城区多处低洼路段出现积水，影响群众出行。', ['部分排水管网标准偏低、老化严重', '易涝点改造资金分散、进度不一'], ['制定易涝点改造三年计划并向社会公布', '统筹海绵城市建设资金，优先改造影响大的点位']],
  ['关于规范预付式消费的建议', '群众反映健身、美容、教育培训等行业“办卡容易退费难”。', ['经营者跑路、卷款现象时有发生', '预付资金缺乏有效监管'], ['推行预付式消费资金存管制度', '建立经营者信用评价和风险预警机制']],
  ['关于提升农村生活污水治理成效的建议', '部分村庄已建成的污水处理设施运行不正常。', ['设施重建轻管，运维经费和人员不足', '管网覆盖不全，收集率低'], ['建立县级统筹、专业运维的管护机制', '将设施运行情况纳入乡村振兴考核']],
  ['关于加强未成年人网络保护的建议', '家长和教师反映，未成年人沉迷网络游戏、短视频问题突出。', ['部分平台未成年人模式形同虚设', '家庭监护能力不足'], ['加大对平台落实防沉迷规定的检查力度', '开展家庭教育指导，提升家长网络素养']],
  ['关于小微企业融资难融资贵的情况反映', '部分小微企业主反映，贷款门槛高、审批慢、综合成本高。', ['缺少抵押物，信用贷款额度小', '担保费、评估费等附加费用较多'], ['推广“信易贷”，用好政府性融资担保', '清理规范融资环节收费']],
  ['关于公共场所母婴室建设管理的建议', '群众反映，部分商场、车站母婴室数量少、设施简陋。', ['母婴室配置标准落实不到位', '部分母婴室被挪作他用'], ['将母婴室纳入公共场所建设验收内容', '在地图应用中标注母婴室位置']],
  ['关于电动自行车充电安全隐患的情况反映', '部分小区居民“飞线充电”、楼道停放充电现象屡禁不止。', ['小区集中充电设施不足', '充电收费偏高，居民使用意愿低'], ['加快小区集中充电设施建设，合理确定收费', '开展电动自行车消防安全专项治理']],
  ['关于提高农村客运班线通达率的建议', '偏远山区村民反映，客运班线少、间隔长，出行不便。', ['客运线路亏损，经营主体退出', '城乡公交一体化推进不均衡'], ['推行预约响应式农村客运', '对农村客运给予运营补贴']],
  ['关于加强非物质文化遗产传承人培养的建议', '部分非遗项目面临传承人老龄化、后继乏人的困境。', ['年轻人从业收入低、意愿不强', '传习场所和经费保障不足'], ['将非遗传承纳入职业教育', '设立非遗传承专项扶持资金']],
  ['关于解决高校毕业生就业结构性矛盾的建议', '用人单位和毕业生均反映“招工难”与“就业难”并存。', ['专业设置与产业需求对接不够', '就业服务信息不对称'], ['建立专业设置动态调整机制', '搭建校企供需对接平台']],
  ['关于加强独居老人紧急救助的建议', '社区反映，独居老人突发疾病后难以及时被发现。', ['缺少有效的日常探访机制', '智能呼叫设备普及率低'], ['建立社区网格员、志愿者定期探访制度', '为高龄独居老人免费配备紧急呼叫设备']],
  ['关于规范物业服务收费的情况反映', '部分小区业主反映物业服务质价不符、收费不透明。', ['公共收益使用情况不公开', '业委会组建率低，监督乏力'], ['推行物业服务和收费清单公示', '加强街道对业委会组建的指导']],
  ['关于加快充电基础设施下乡的建议', '农村地区新能源汽车保有量增长，但充电桩明显不足。', ['农村电网容量有限', '充电桩建设运营收益低'], ['将充电设施纳入农村电网改造统筹规划', '对农村公共充电桩给予建设运营补贴']],
];

/** Where reports go, and who adopts them, by level. */
const CITY_BODIES = [`中共${CITY_PREFIX}委办公室`, `${CITY_PREFIX}人民政府办公室`];
const ADOPTERS: Record<Level, readonly string[]> = {
  county: COUNTIES.map((c) => `${c.place}人民政府办公室`),
  city: [`${CITY_PREFIX}人民政府办公室`, `中共${CITY_PREFIX}委办公室`, `${CITY_PREFIX}委政策研究室`],
  province: ['省政协办公厅', '省人民政府办公厅'],
  national: ['全国政协办公厅'],
};
const LEADERS: Record<Level, readonly [string, string][]> = {
  county: [['区委书记', '钱志远'], ['区长', '孙建国']],
  city: [['市委书记', '陈立新'], ['市长', '刘建华'], ['副市长', '周明远']],
  province: [['副省长', '吴国平'], ['省委常委、秘书长', '郑文涛']],
  national: [['全国政协副主席', '王振华']],
};
const INSTRUCTION_TEXTS = ['请有关部门认真研究，提出具体措施。', '此建议很有针对性，请牵头部门抓好落实。', '请结合年度重点工作一并推进，及时反馈。', '反映的问题值得重视，请调研后提出解决方案。'];
const RETURN_REASONS = ['请补充具体数据和典型案例', '建议内容较笼统，请细化可操作的措施', '请聚焦一个问题，压缩篇幅'];
const REJECT_REASONS = ['与已编发信息内容重复', '所反映问题已有明确政策，正在落实'];

interface Plan { state: OpinionState; lastYear?: boolean; adopt?: Level[]; instruct?: Level[]; mine?: boolean }

/** 40 reports: 31 of this year, 9 of last year; `mine`: the demo member's. */
const PLANS: readonly Plan[] = [
  ...([['draft', true], ['draft'], ['draft'], ['draft'], ['submitted', true], ['submitted'], ['submitted'], ['submitted'], ['submitted'], ['submitted'],
    ['returned', true], ['returned'], ['approved', true], ['approved'], ['approved'], ['forwarded', true], ['forwarded'], ['forwarded'], ['forwarded'], ['forwarded'],
    ['rejected'], ['rejected'], ['withdrawn']] as const).map(([state, mine]) => ({ state, mine: !!mine })),
  { state: 'adopted', adopt: ['city'], instruct: ['city'], mine: true },
  { state: 'adopted', adopt: ['city', 'province'] }, { state: 'adopted', adopt: ['county'] }, { state: 'adopted', adopt: ['city'], instruct: ['city'] },
  { state: 'adopted', adopt: ['province', 'national'], instruct: ['province', 'national'] }, { state: 'adopted', adopt: ['city'] },
  { state: 'adopted', adopt: ['province'] }, { state: 'adopted', adopt: ['county', 'city'], instruct: ['county'] },
  { state: 'adopted', lastYear: true, adopt: ['city'], instruct: ['city'], mine: true }, { state: 'adopted', lastYear: true, adopt: ['province'] },
  { state: 'adopted', lastYear: true, adopt: ['city'] }, { state: 'adopted', lastYear: true, adopt: ['national'], instruct: ['national'] },
  { state: 'adopted', lastYear: true, adopt: ['county'] },
  { state: 'forwarded', lastYear: true }, { state: 'forwarded', lastYear: true }, { state: 'forwarded', lastYear: true }, { state: 'rejected', lastYear: true },
];

type Row<T extends typeof opinions | typeof opinionAdoptions | typeof opinionInstructions | typeof auditLog | typeof notifications> = PgInsertValue<T>;

/** The actions that take a report from draft to `state`, as the transition table allows them. */
function chain(p: Plan): string[] {
  const out: Record<OpinionState, string[]> = {
    draft: [], submitted: ['submit'], returned: ['submit', 'return'], rejected: ['submit', 'reject'], withdrawn: ['submit', 'withdraw'],
    approved: ['submit', 'approve'], forwarded: ['submit', 'approve', 'forward'], adopted: ['submit', 'approve', 'forward'],
  };
  const tail = [...(p.adopt ?? []).map(() => 'adopt'), ...(p.instruct ?? []).map(() => 'instruct')];
  return [...out[p.state], ...tail];
}

export async function seedDemoOpinions(tx: Queryable, ctx: OpinionSeedContext) {
  const rng = createRandom(SEED);
  const now = ctx.now ?? new Date();
  const nowMs = now.getTime();
  const year = Number(today(now).slice(0, 4));
  // Beginning of this year in China (UTC+8), and last year's submissions between mid-January and November.
  const yearStart = Date.UTC(year, 0, 1) - 8 * 3_600_000;
  const loginOf = new Map(ctx.memberLogins.map((l) => [l.memberId, l.userId]));
  const demoMember = ctx.memberLogins[0]!.memberId;
  const others = ctx.members.filter((m) => !loginOf.has(m.id));
  const rows = { opinions: [] as Row<typeof opinions>[], adoptions: [] as Row<typeof opinionAdoptions>[], instructions: [] as Row<typeof opinionInstructions>[], audit: [] as Row<typeof auditLog>[], notifications: [] as Row<typeof notifications>[] };
  const told: { row: Row<typeof opinions>; at: Date; userId: string; news: AuthorNews }[] = [];
  const numbered: { row: Row<typeof opinions>; at: Date }[] = [];
  const topics = rng.shuffle(TOPICS);

  PLANS.forEach((p, i) => {
    const author = p.mine ? ctx.members.find((m) => m.id === demoMember)! : rng.pick(others);
    const userId = loginOf.get(author.id) ?? null;
    const actor = userId ?? ctx.staffUserId;
    const [topic, situation, problems, suggestions] = topics[i % topics.length]!;
    // A topic's second report comes from one of the districts.
    const title = i < topics.length ? topic : topic.replace(/^关于/, `关于${COUNTIES[i % COUNTIES.length]!.place.replace(CITY_PREFIX, '')}`);
    const body = `${situation}\n主要问题：一是${problems[0]}；二是${problems[1]}。\n建议：一是${suggestions[0]}；二是${suggestions[1]}。`;
    const steps = chain(p);
    // Time enough for the steps, all before now; this year's start no earlier than 1 January.
    const span = (4 + steps.length * 6) * DAY;
    const start = p.lastYear
      ? Date.UTC(year - 1, 0, 15) + rng.int(0, 300) * DAY
      : Math.max(yearStart + 3_600_000, nowMs - span - rng.int(0, 150) * DAY);
    let t = Math.min(start, nowMs);
    const next = (days: number) => new Date((t = Math.min(nowMs, t + days * DAY + rng.int(60, 600) * 60_000)));
    const id = randomUUID();
    const createdAt = new Date(t);
    const row: Row<typeof opinions> = {
      orgId: ctx.orgId, id, title, body, authorMemberId: author.id, authorName: author.name,
      createdBy: actor, enteredByStaff: !userId, createdAt, updatedAt: createdAt,
    };
    rows.audit.push({ orgId: ctx.orgId, at: createdAt, actorUserId: actor, action: 'created', entity: 'opinion', entityId: id, before: null,
      after: { state: 'draft', title: row.title, note: userId ? null : '工作人员代委员录入' } });
    let state: OpinionState = 'draft';
    const adopt = [...(p.adopt ?? [])];
    const instruct = [...(p.instruct ?? [])];
    for (const action of steps) {
      const at = next(action === 'submit' ? rng.int(0, 2) : rng.int(2, 9));
      let by = ctx.staffUserId;
      let note: string | null = null;
      let news: AuthorNews | undefined;
      const to = opinionWorkflow.resolve({ state, actor: { roles: ['staff', 'leader'] } as never, relations: ['author'], ctx: { state, bodyLength: 0, bodyLimit: 1 } }, action);
      switch (action) {
        case 'submit': by = actor; row.submittedAt = at; break;
        case 'withdraw': by = actor; break;
        case 'return': note = rng.pick(RETURN_REASONS); row.decisionReason = note; news = { key: 'returned', reason: note }; break;
        case 'reject': note = rng.pick(REJECT_REASONS); row.decisionReason = note; news = { key: 'rejected', reason: note }; break;
        case 'approve': row.approvedAt = at; row.signer = '市政协秘书长'; numbered.push({ row, at }); break;
        case 'forward': {
          const bodies = adopt.some((l) => l === 'province' || l === 'national') ? [...CITY_BODIES, '省政协办公厅'] : CITY_BODIES;
          row.forwardedTo = bodies; row.forwardedOn = today(at); note = `报送${bodies.join('、')}`;
          news = { key: 'forwarded', bodies };
          break;
        }
        case 'adopt': {
          const level = adopt.shift()!;
          const adoptedBy = rng.pick(ADOPTERS[level]);
          rows.adoptions.push({ orgId: ctx.orgId, opinionId: id, level, adoptedBy, adoptedOn: today(at), note: null, createdBy: ctx.staffUserId, createdAt: at });
          note = `${LEVEL_LABELS[level]} · ${adoptedBy}采用`;
          news = { key: 'adopted', adoptedBy, level };
          break;
        }
        case 'instruct': {
          const level = instruct.shift()!;
          const [position, name] = rng.pick(LEADERS[level]);
          const content = rng.pick(INSTRUCTION_TEXTS);
          rows.instructions.push({ orgId: ctx.orgId, opinionId: id, leaderName: name, leaderPosition: position, level, instructedOn: today(at), content, createdBy: ctx.staffUserId, createdAt: at });
          note = `${position}${name}批示：${content}`;
          news = { key: 'instructed', leader: `${position}${name}`, content };
          break;
        }
      }
      rows.audit.push({ orgId: ctx.orgId, at, actorUserId: by, action, entity: 'opinion', entityId: id, before: { state }, after: { state: to, note } });
      if (action === 'approve') told.push({ row, at, userId: userId!, news: { key: 'approved', year: 0, number: 0 } });
      else if (news) told.push({ row, at, userId: userId!, news });
      state = to;
      row.updatedAt = at;
    }
    row.state = state;
    rows.opinions.push(row);
  });

  // Numbers run per year of approval, in the order of approval; the approve entry names it.
  const counters = new Map<number, number>();
  for (const { row, at } of numbered.sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const y = Number(today(at).slice(0, 4));
    const n = (counters.get(y) ?? 0) + 1;
    counters.set(y, n);
    Object.assign(row, { number: n, numberYear: y });
    const entry = rows.audit.find((a) => a.entityId === row.id && a.action === 'approve')!;
    entry.after = { state: 'approved', note: `${numberLabel(y, n)}；签发：${row.signer}` };
    for (const x of told) if (x.row === row && x.news.key === 'approved') x.news = { key: 'approved', year: y, number: n };
  }

  // The authors' notices of the last 60 days, and of a report returned and not yet revised (unread,
  // as what happened this past week); the rest read an hour on.
  for (const { row, at, userId, news } of told) {
    const waiting = news.key === 'returned' && row.state === 'returned';
    if (!userId || (!waiting && at.getTime() < nowMs - 60 * DAY)) continue;
    const readAt = waiting || at.getTime() > nowMs - 7 * DAY ? null : new Date(at.getTime() + 3_600_000);
    rows.notifications.push({ orgId: ctx.orgId, userId, ...authorNotice({ id: row.id as string, title: row.title as string }, news), createdAt: at, readAt });
  }

  await tx.insert(opinions).values(rows.opinions);
  await tx.insert(opinionAdoptions).values(rows.adoptions);
  await tx.insert(opinionInstructions).values(rows.instructions);
  await tx.insert(auditLog).values(rows.audit);
  if (rows.notifications.length) await tx.insert(notifications).values(rows.notifications);
  return { opinions: rows.opinions.length, adoptions: rows.adoptions.length, instructions: rows.instructions.length };
}
