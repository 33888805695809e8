import type { Figure, FigureContext } from './figures.ts';
import type { ReportProfile } from './profile.ts';

// The prose of the 四双 report, following the seed speech: the opening, 双联, 双创, 双协, 双评 with
// their sub-points, the closing. It reads the figures and never counts; a figure the year has none
// of is said plainly (本年度未…) rather than printed as 0. What tongxin keeps no records of (the
// emergency response, donations, chair-meeting members' links, members attending government
// meetings) is named as not recorded, for the office to complete. The draft is a template: every
// figure is a `{{figure-key}}` token, so that staff can rewrite a paragraph (versions.ts) and its
// figures stay live — the report fills the tokens with the day's values.

/** A section of the draft: its paragraphs are templates, each figure a `{{figure-key}}` token (fill() writes them out). */
export interface DraftSection { key: string; heading: string; paragraphs: string[] }
export interface SishuangDraft { year: number; title: string; sections: DraftSection[]; figures: Figure[] }

/** A paragraph as the report carries it beside its text: its id (`liaison.1`), the template, whether staff rewrote it, and what to look at. */
export interface Part { id: string; template: string; edited: boolean; /** Tokens whose figure the data no longer has. */ missing: string[]; /** Rewritten, and the data has since changed the drafted wording. */ draftChanged: boolean }
export interface Section { heading: string; paragraphs: string[]; parts: Part[] }
export interface VersionInfo { number: number; note: string; createdAt: string | null; createdBy: { id: string; name: string } | null; restoredFrom: number | null }
export interface SishuangReport {
  year: number; title: string; sections: Section[]; figures: Figure[];
  /** The version shown, and the latest saved one (1 while nobody has edited). */
  version: VersionInfo; latestVersion: number;
}

/** 1234 → 1234; money in 元 → 万元 or 亿元 as the speech writes it. */
export function money(yuan: number): string {
  const fmt = (n: number) => String(Math.round(n * 100) / 100);
  if (yuan >= 1e8) return `${fmt(yuan / 1e8)}亿元`;
  if (yuan >= 1e4) return `${fmt(yuan / 1e4)}万元`;
  return `${fmt(yuan)}元`;
}

/** A figure as the prose writes it: 12名, 3.5万元. */
export const figureText = (f: { value: number; unit: string }) => (f.unit === '元' ? money(f.value) : `${f.value}${f.unit}`);

/**
 * What a figure of a rolled-up report adds up and what its source lists, said plainly beside the
 * source: （各政协合计：示例市政协 3、甲县政协 2；来源列表仅含本级）; nothing for a committee's own report.
 */
export function sourceNote(f: Figure): string {
  if (f.scope === 'own') return '（仅本级）';
  if (f.scope !== 'tree') return '';
  if (f.sourceCovers === 'tree') return '（来源列表已含下级政协）';
  return `（各政协合计：${(f.parts ?? []).map((p) => `${p.org} ${figureText({ value: p.value, unit: f.unit })}`).join('、')}；来源列表仅含本级）`;
}

/** A title in the prose's quotation marks: its own “” become ‘’ inside them (“我为‘十五五’规划献一计”). */
export const quoted = (title: string) => `“${title.replace(/“/g, '‘').replace(/”/g, '’')}”`;

const TOKEN = /\{\{([A-Za-z][\w.-]*)\}\}/g;
/** The figure keys a template names. */
export const tokensOf = (template: string) => [...template.matchAll(TOKEN)].map((m) => m[1]!);

/**
 * A template written out with today's figures. A token whose figure the data no longer has is
 * written as its last known label, marked, and reported as missing (never silently dropped).
 */
export function fill(template: string, byKey: Map<string, Figure>, known: Record<string, { label: string }> = {}): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = template.replace(TOKEN, (_, key: string) => {
    const f = byKey.get(key);
    if (f) return figureText(f);
    missing.push(key);
    return `【${known[key]?.label ?? key}：暂无数据】`;
  });
  return { text, missing };
}

/**
 * A report rolled up over the committees below: `area` 全市 (全省), `below` what the committees below
 * are called (区县政协, 市县政协); the prose then says whose figures it adds (全市…（含区县政协）).
 */
export interface TreeWording { area: string; below: string }

/** 全市 / 全省 and 区县政协 / 市县政协 for a committee's level. */
export const treeWording = (level: string): TreeWording =>
  level === 'province' ? { area: '全省', below: '市县政协' } : { area: level === 'county' ? '全县' : '全市', below: '区县政协' };

export function draftSishuang(year: number, profile: ReportProfile, figures: Figure[], context: FigureContext, tree?: TreeWording): SishuangDraft {
  const byKey = new Map(figures.map((f) => [f.key, f]));
  const v = (key: string) => byKey.get(key)?.value ?? 0;
  const has = (key: string) => v(key) > 0;
  /** A figure's token ("12名" once filled): the prose keeps its figures live. */
  const n = (key: string) => `{{${key}}}`;
  /** The clauses the data holds (the caller says plainly when none is). */
  const clauses = (parts: [string, string, string][]) => {
    return parts.filter(([k]) => has(k)).map(([k, before, after]) => `${before}${n(k)}${after}`);
  };
  const list = (xs: string[]) => xs.join('、');
  const city = profile.cityName;
  const committee = `${city}政协`;
  const countiesPhrase = profile.counties.length ? `以专委会和${list(profile.counties)}等县（市、区）政协为依托` : '以专委会为依托';
  /** Whose figures a sentence gives: with a roll-up, 全市各级政协（含区县政协）. */
  const across = tree ? `${tree.area}各级政协（含${tree.below}）` : '';

  const opening = [
    `${year}年，${tree ? `${tree.area}政协系统（${committee}${profile.counties.length ? `和${list(profile.counties)}等${tree.below}` : `及${tree.below}`}）` : committee}在${profile.partyCommittee}的坚强领导下${profile.chair ? `，在政协主席${profile.chair}的带领下` : ''}，结合实际，大力实施履职能力提升工程，探索创新“双联、双创、双协、双评”四双工作载体，为政协履职赋能增效，形成党委重视、政府支持、政协主动、部门履职、委员参与、社会关注的政协工作格局。现将本年度${tree ? `${tree.area}（含${tree.below}）` : ''}四双工作情况报告如下。`,
  ];

  // 一、双联
  const org: string[] = [];
  org.push(has('party.officePartyMembers')
    ? `${tree ? across : committee}机关党委共有机关党员${n('party.officePartyMembers')}，${has('party.branches') ? `划分到${n('party.branches')}党支部` : '尚未划分党支部'}${has('party.cells') ? `、${n('party.cells')}党小组` : ''}`
    : '本年度机关党委尚未登记机关党员');
  org.push(has('party.memberGroups') ? `${countiesPhrase}，成立${n('party.memberGroups')}党员委员活动小组` : '本年度未成立党员委员活动小组');
  org.push(has('party.partyMemberLiaisons')
    ? `${n('party.partyMemberLiaisons')}党员委员联系${has('party.nonPartyLinked') ? n('party.nonPartyLinked') : ''}党外委员`
    : '本年度未建立党员委员联系党外委员的关系');
  if (has('party.activities')) org.push(`全年开展主题党日等党组织活动${n('party.activities')}`);
  const voice = clauses([
    ['liaison.policyTalks', '宣讲党的政策', ''], ['liaison.membersVisited', '走访政协委员', ''], ['liaison.massesVisited', '走访界别群众', ''],
    ['liaison.opinionsCollected', '征求意见建议', ''], ['liaison.problemsSolved', '协调解决实际问题', ''],
  ]);
  const campaign = context.campaign && has('campaign.ideas')
    ? `开展${quoted(context.campaign.title)}活动，委员献计${n('campaign.ideas')}，${has('campaign.adopted') ? `其中${n('campaign.adopted')}被有关方面采纳` : '采纳情况尚待反馈'}。`
    : '本年度未开展委员献计活动。';
  const liaison: DraftSection = {
    key: 'liaison', heading: '一、双联：把党的全面领导落实到微小之处',
    paragraphs: [
      '双联，即依据分工和界别设置，实行政协党组成员联系相关界别党员委员、党员委员联系党外委员和主席会议成员联系常委、常委联系委员、委员联系界别群众、专委会联系界别。',
      `双联延长了党组织手臂。着力构建政协党组、机关党组、机关党委、党支部和党员委员活动小组五位一体组织体系。${org.join('；')}。`,
      `双联扩大了政协声音。常态化实行一见面一报告，${has('liaison.meetings') ? `全会期间召开双联见面会${n('liaison.meetings')}，党员委员与党外委员面对面互动` : '本年度未召开双联见面会'}。${voice.length ? `${across}全年${list(voice)}。` : '本年度未记录双联走访、宣讲和征求意见情况。'}${campaign}`,
      '双联优化了履职格局。不断夯实委员点的根底，挖掘界别线的特色，发挥政协组织面的优势，凝聚社会各界体的力量，构建政协点线面体开放履职格局。',
    ],
  };

  // 二、双创
  const creation = clauses([
    ['creation.projects.demonstrationBase', '建立示范基地', ''], ['creation.projects.povertyBase', '扶贫产业基地', ''],
    ['creation.projects.innovation', '创新项目', ''], ['creation.projects.enterprise', '委员企业项目', ''],
  ]);
  const effects = clauses([['creation.investment', '投入资金', ''], ['creation.jobs', '带动就业', ''], ['creation.poorHouseholds', '带动贫困户', '就业']]);
  const careers = has('creation.participants')
    ? `${tree ? `${tree.area}共有${n('creation.participants')}省市县三级政协委员` : `${committee}共有${n('creation.participants')}政协委员`}投身双创${creation.length ? `，${list(creation)}` : ''}${effects.length ? `，${list(effects)}` : ''}${has('creation.membersHonoured') ? `，${n('creation.membersHonoured')}委员受到表彰（共${n('creation.honours')}）` : ''}。`
    : '本年度未记录委员投身双创的项目。';
  const threeOnes = clauses([['creation.pairings', '组织委员“三个一”结对帮扶', ''], ['creation.activities', '开展“五送”活动', ''], ['creation.beneficiaries', '惠及群众', '']]);
  const creationSection: DraftSection = {
    key: 'creation', heading: '二、双创：彰显委员为国履职为民尽责的硬核风采',
    paragraphs: [
      '双创，即在委员中深化开展围绕中心工作、围绕本职岗位、围绕界别群众为重点的创新创业活动，号召委员在经济建设主战场建功立业，为助力高质量发展彰显委员责任担当。',
      `在乡村振兴和共同富裕主战场当先锋。${careers}${threeOnes.length ? `${list(threeOnes)}。` : '本年度未开展“三个一”结对帮扶和“五送”活动。'}`,
      '委员投身应急处置、捐款捐物，主席会议成员联系重点企业、重点项目、帮扶村和社区，以及委员企业率先复工复产等情况，本系统尚未记录，未列入本报告的统计，请据实补充。',
    ],
  };

  // 三、双协
  const heldKinds: [string, string][] = [
    ['consultations.standing', '专题议政性常委会议'], ['consultations.bimonthly', '双月专题协商座谈会'],
    ['consultations.supervision', '专项民主监督'], ['consultations.sector', '以专委会为依托的界别协商活动'],
  ];
  const core = heldKinds.filter(([k]) => has(k)).map(([k, l]) => `${n(k)}${l}`);
  const notHeld = heldKinds.filter(([k]) => !has(k)).map(([, l]) => l);
  const others = ([['consultations.online', '网络议政'], ['consultations.frontline', '协商在一线'], ['consultations.other', '其他协商']] as [string, string][])
    .filter(([k]) => has(k)).map(([k, l]) => `${l}${n(k)}`);
  const plan = has('consultations.plenary') || core.length || others.length
    ? `本年度${across}${has('consultations.plenary') ? `以${n('consultations.plenary')}全体会议为龙头，` : ''}${core.length ? `${list(core)}为重点` : ''}${others.length ? `${core.length ? '，' : ''}${list(others)}为常态` : ''}，形成全会为龙头、多种协商为常态的协商议政格局。`
    : '本年度尚未举行协商活动。';
  const rooms = has('rooms.active')
    ? `依据协商在一线工作要求，${context.roomHosts.counties.length ? `在${list(context.roomHosts.counties)}` : ''}${context.roomHosts.counties.length && context.roomHosts.units.length ? '以及' : context.roomHosts.units.length ? '在' : ''}${context.roomHosts.units.length ? list(context.roomHosts.units) : ''}建立协商在一线委员议事室${n('rooms.active')}，开展专题议政建言。`
    : '本年度未建立协商在一线委员议事室。';
  const outcomes = clauses([['recommendations.party', '', '被吸纳为党委决策'], ['recommendations.government', '', '被吸纳为政府文件'], ['recommendations.department', '', '转化为部门工作措施']]);
  const measures = context.measures.filter((m) => has(m.key)).map((m) => `${m.measure}${n(m.key)}`);
  // The online comments name their consultation as the count above counts it: one held is among
  // those counted; one still under way is said to be under way, and not counted yet.
  const oc = context.onlineConsultation;
  const online = oc && has('online.comments')
    ? oc.held
      ? `围绕${quoted(oc.title)}同步开展网络协商议政，网民留言${n('online.comments')}。`
      : `${quoted(oc.title)}正在进行（${oc.stage}阶段，尚未计入上述已开展的协商次数），网民已留言${n('online.comments')}。`
    : '本年度未开展网上留言的网络协商议政。';
  const consultation: DraftSection = {
    key: 'consultation', heading: '三、双协：更好地发挥专门协商机构作用',
    paragraphs: [
      '双协，即重点开展好专题议政性常委会议协商和双月专题协商，专题议政性常委会议侧重就事关全局的重大问题进行协商，双月专题协商选择群众关注度高、切口小、易深入的议题进行协商。',
      `优化完善协商议政格局。${plan}${notHeld.length ? `本年度未开展${list(notHeld)}。` : ''}`,
      online,
      `建立协商成果办理转化落实常态化机制。${rooms}${outcomes.length ? `协商建议中，${list(outcomes)}。` : '本年度尚无协商建议被吸纳转化的记录。'}${measures.length ? `通过协商监督，推动${list(measures)}。` : ''}`,
    ],
  };

  // 四、双评
  const proposals = context.session && has('proposals.submitted')
    ? `${across}全体会议以来，委员通过平台提交提案${n('proposals.submitted')}，${has('proposals.filed') ? `立案${n('proposals.filed')}` : '尚未立案'}，${has('proposals.replied') ? `已答复${n('proposals.replied')}` : '尚未答复'}${has('proposals.satisfied') ? `，提案人对办理表示满意的${n('proposals.satisfied')}` : ''}。`
    : '本年度未召开全体会议，尚无提案统计。';
  const key = has('proposals.key') ? `本年度${tree ? `${tree.area}（含${tree.below}）` : ''}党政领导领办政协重点提案${n('proposals.key')}，座谈调研、现场督办、跟踪问效。` : '本年度未确定党政领导领办的重点提案。';
  const evaluation: DraftSection = {
    key: 'evaluation', heading: '四、双评：切实履行凝聚共识重要职能',
    paragraphs: [
      '双评，即提案承办单位评提案质量优劣，提案人评承办单位办得好差，不断提高提案质量和提案办理质量。',
      `把思想政治引领融入全过程。${proposals}`,
      `实现党政领导领办全覆盖。${key}`,
      `${has('proposals.excellent') ? `${across}从全部提案中评选出优秀提案${n('proposals.excellent')}，在全会上公开通报。` : '本年度尚未公布优秀提案评选结果。'}提案办理先进单位、委员列席政府常务会议等情况，本报告尚未统计，请据实补充。`,
    ],
  };

  const closing: DraftSection = {
    key: 'closing', heading: '五、下一步工作',
    paragraphs: [
      `新时代人民政协要肩负起把党中央决策部署落实下去、把海内外中华儿女智慧和力量凝聚起来的政治责任。${committee}将深入学习贯彻习近平总书记关于加强和改进人民政协工作的重要思想，不断深化四双工作载体，把建言资政和凝聚共识双向发力贯穿始终，画出最大同心圆、凝聚强大正能量。`,
    ],
  };

  return { year, title: `${committee}${year}年度“四双”工作情况报告${tree ? `（含${tree.below}）` : ''}`, sections: [{ key: 'opening', heading: '总体情况', paragraphs: opening }, liaison, creationSection, consultation, evaluation, closing], figures };
}
