// Labelled Chinese comments for online consultation (网络议政): what residents and members write
// under a city's consultation topic. Each comment is built from its theme's phrase banks (what is
// wrong, where, what to do) inside shared openers, places and closers, so themes share words and
// sentences vary as real comments do; a few comments mention a second theme in passing. Used to
// seed the demo's online consultation and to measure the theme grouping against known labels.
// Deterministic: the same (n, seed) gives the same comments.
import { createRandom, type Random } from './random.ts';

export interface CommentTheme {
  /** The label, as staff would name the theme. */
  label: string;
  /** Words a theme about it should show (any one is enough). */
  words: readonly string[];
  /** What is wrong (a clause). */
  problems: readonly string[];
  /** What to do (a clause, without 建议). */
  asks: readonly string[];
  /** Who or what it concerns, to vary the subject. */
  subjects: readonly string[];
}

export const COMMENT_THEMES: readonly CommentTheme[] = [
  {
    label: '公交线路',
    words: ['公交', '线路', '公交车', '站点', '班次', '地铁', '换乘', '首末班'],
    problems: ['公交车班次太少，等车经常要半个多小时', '线路绕得厉害，坐公交比走路还慢', '末班车收得太早，晚上下班就没有公交了',
      '新小区附近一直没有公交站点', '公交和地铁换乘要走很远', '早高峰公交车挤不上去', '站牌信息陈旧，线路调整了也不更新'],
    asks: ['加密高峰时段的公交班次', '优化公交线路走向，减少绕行', '延长末班车运营时间', '在新建小区增设公交站点',
      '做好公交与地铁的换乘衔接', '开通社区微循环公交', '推广实时公交查询和电子站牌'],
    subjects: ['公交车', '公交线路', '公交站点', '社区公交', '地铁接驳公交'],
  },
  {
    label: '停车难',
    words: ['停车', '车位', '停车场', '停车位', '充电桩', '违停'],
    problems: ['小区车位严重不足，晚上回家找不到停车位', '医院周边停车难，车辆排队堵到主干道', '路边乱停车占用人行道',
      '停车场收费标准不透明', '老城区没有停车场，只能违停', '新能源车充电桩少，车位被燃油车占用', '学校门口接送孩子的车辆乱停乱放'],
    asks: ['推动机关单位停车场错时开放', '利用边角空地建设立体停车场', '建设全市统一的停车信息平台', '规范停车收费标准并公开',
      '在老旧小区周边施划夜间临时停车位', '加快建设公共充电桩', '加强违停治理'],
    subjects: ['停车位', '停车场', '小区停车', '路边停车', '共享车位'],
  },
  {
    label: '老旧小区改造',
    words: ['小区', '老旧', '改造', '电梯', '加装', '管网', '物业', '楼道'],
    problems: ['老旧小区没有电梯，老人上下楼很困难', '小区管网老化，雨天经常积水', '楼道墙皮脱落，电线私拉乱接', '老小区没有物业，环境脏乱差',
      '加装电梯低层住户意见不一，迟迟推不动', '改造施工拖了很久还没完工', '外墙保温脱落存在安全隐患'],
    asks: ['加快老旧小区改造进度', '完善加装电梯协商机制，一楼一策', '同步改造供水排水和燃气管网', '引入专业物业或推行准物业管理',
      '改造前充分征求居民意见', '加强改造工程质量监督', '整治楼道线路和消防隐患'],
    subjects: ['老旧小区', '老小区', '加装电梯', '小区改造', '楼道'],
  },
  {
    label: '养老服务',
    words: ['养老', '老人', '老年', '助餐', '照护', '养老院', '居家养老'],
    problems: ['社区养老服务站开门时间太短', '失能老人照护费用负担太重', '公办养老院床位紧张，排队要排好几年', '老年助餐点太少，独居老人吃饭成问题',
      '养老护理员流动大，服务质量不稳定', '农村留守老人缺少日常照料', '居家养老上门服务项目太少'],
    asks: ['增加社区老年助餐点', '扩大公办养老机构床位供给', '发展居家养老上门服务', '提高养老护理员待遇，稳定护理队伍',
      '建立长期护理保险制度', '加强养老机构安全监管', '推进医养结合'],
    subjects: ['养老服务', '社区养老', '老年人', '独居老人', '养老机构'],
  },
  {
    label: '学前教育',
    words: ['幼儿园', '学前', '入园', '托育', '幼儿', '学位', '普惠'],
    problems: ['公办幼儿园学位紧张，报名要抽签', '民办幼儿园收费太高，家长负担重', '新建小区配套幼儿园迟迟不移交',
      '幼儿园老师流失严重，待遇偏低', '普惠性幼儿园数量不够', '三岁以下托育机构很少', '幼儿园放学太早，双职工家庭接送困难'],
    asks: ['新建和改扩建一批公办幼儿园', '扩大普惠性学前教育资源', '落实小区配套幼儿园建设移交', '提高幼儿教师待遇',
      '规范民办幼儿园收费', '发展普惠托育服务', '开展幼儿园延时照护服务'],
    subjects: ['幼儿园', '学前教育', '入园', '托育机构', '幼儿教师'],
  },
  {
    label: '营商环境',
    words: ['企业', '营商', '审批', '办事', '中小企业', '融资', '政务'],
    problems: ['企业办事审批环节多，材料要重复提交', '中小企业融资难、融资贵', '涉企检查太频繁，影响企业正常经营',
      '政策兑现慢，申报流程复杂', '工程项目审批时间太长', '企业开办要跑好几个窗口', '拖欠民营企业账款的情况还存在'],
    asks: ['压缩工程建设项目审批时限', '推行一网通办，减少重复提交材料', '规范涉企行政检查', '完善中小企业融资担保体系',
      '推动惠企政策免申即享', '建立清理拖欠企业账款长效机制', '设立企业诉求一站式服务窗口'],
    subjects: ['企业', '中小企业', '个体工商户', '民营企业', '政务服务'],
  },
  {
    label: '垃圾分类',
    words: ['垃圾', '分类', '垃圾分类', '垃圾桶', '厨余', '回收', '清运'],
    problems: ['垃圾分类投放点太少，居民扔垃圾不方便', '分类后的垃圾又被混装清运', '厨余垃圾桶清理不及时，夏天异味很大',
      '大件垃圾和装修垃圾没有地方扔', '可回收物回收渠道不畅', '居民分类意识不强，投放准确率低', '垃圾中转站离小区太近'],
    asks: ['增设垃圾分类投放点并定时定点投放', '落实分类运输，杜绝混装混运', '及时清运厨余垃圾', '规划大件垃圾和装修垃圾集中堆放点',
      '完善再生资源回收网络', '加强垃圾分类宣传和督导', '对垃圾中转站进行除臭改造'],
    subjects: ['垃圾分类', '生活垃圾', '厨余垃圾', '垃圾清运', '可回收物'],
  },
];

// Shared by every theme: who speaks, where, how they open and close.
const PLACES = ['城东', '城西', '滨江路一带', '开发区', '老城区', '火车站附近', '高新区', '城南新区', '人民路', '我们街道', '建设路', '北湖片区'];
const OPENERS = ['', '', '', '我也来说两句，', '我是住在{place}的居民，', '反映一个身边的事：', '说说我的看法，', '看到这次网络议政，想提点意见：',
  '我家住{place}，', '从事相关工作多年，', '关注这个问题很久了，', '很多邻居都在说，'];
const CLOSERS = ['', '', '', '希望有关部门重视。', '希望能尽快解决。', '期待政协帮忙呼吁。', '谢谢！', '老百姓盼了很久了。', '这是民生实事，望早日落实。',
  '希望听听市民的意见。', '盼回复。'];
const ASK_LEADS = ['建议', '建议', '希望', '能不能', '呼吁', '恳请相关部门', '应当'];
const LINKS = ['，', '。', '；', '，所以'];

/** One comment of `theme`: opener, one or two problems (sometimes where), an ask, a closer; now and then a second theme in passing. */
function comment(r: Random, theme: CommentTheme, others: readonly CommentTheme[]): string {
  const place = r.pick(PLACES);
  const parts: string[] = [r.pick(OPENERS).replace('{place}', place)];
  const problems = r.sample(theme.problems, r.chance(0.3) ? 2 : 1);
  const form = r.int(0, 3);
  if (form === 0) parts.push(`${place}的${r.pick(theme.subjects)}问题很突出，${problems.join('，')}`);
  else if (form === 1) parts.push(problems.join('，'));
  else if (form === 2) parts.push(`关于${r.pick(theme.subjects)}：${problems.join('；')}`);
  else parts.push(`${r.pick(theme.subjects)}方面，${problems[0]}`);
  const asks = r.sample(theme.asks, r.chance(0.35) ? 2 : 1);
  parts.push(r.pick(LINKS), r.pick(ASK_LEADS), asks.join('，'), '。');
  // Noise: one comment in eight says something of another theme too.
  if (r.chance(0.12)) {
    const other = r.pick(others);
    parts.push(`另外，${r.pick(other.problems)}。`);
  }
  parts.push(r.pick(CLOSERS));
  return parts.join('').replace(/([，。；：])[，。；]/g, '$1');
}

/** n comments, spread evenly over the themes in a shuffled order, each labelled with its theme. */
export function generateComments(n: number, seed = 1): { content: string; theme: string }[] {
  const r = createRandom(seed);
  const out: { content: string; theme: string }[] = [];
  for (let i = 0; i < n; i++) {
    const theme = COMMENT_THEMES[i % COMMENT_THEMES.length]!;
    out.push({ content: comment(r, theme, COMMENT_THEMES.filter((t) => t !== theme)), theme: theme.label });
  }
  return r.shuffle(out);
}
