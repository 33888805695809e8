// Data for the demo committee (示例市政协). Everything here is fictional: the city, the people,
// the companies; only the shape (sectors, parties, departments, job titles) follows real practice.
import type { PARTIES, UNIT_KINDS } from '../modules/org/values.ts';

export type Party = (typeof PARTIES)[number];
export type UnitKind = (typeof UNIT_KINDS)[number];

// ── Committees and terms ────────────────────────────────────────────────────────────────────

export const CITY_ORG = '示例市政协';
export const CITY_PREFIX = '示例市';

/** The county committees under the city. `short` fills `{c}` in workplace templates. */
export const COUNTIES = [
  { name: '示例市东城区政协', place: '示例市东城区', short: '东城' },
  { name: '示例市西城区政协', place: '示例市西城区', short: '西城' },
  { name: '示例市南湖区政协', place: '示例市南湖区', short: '南湖' },
  { name: '示例市北山县政协', place: '示例市北山县', short: '北山' },
  { name: '示例市青河县政协', place: '示例市青河县', short: '青河' },
] as const;

/** Terms with their plenary sessions (startsOn, endsOn), held each January or February. */
export const TERMS = [
  {
    number: 4, startYear: 2017, endYear: 2022, current: false,
    sessions: [
      ['2017-01-08', '2017-01-11'], ['2018-01-20', '2018-01-23'], ['2019-01-12', '2019-01-15'],
      ['2020-01-04', '2020-01-07'], ['2021-02-01', '2021-02-04'],
    ],
  },
  {
    number: 5, startYear: 2022, endYear: 2027, current: true,
    sessions: [
      ['2022-01-09', '2022-01-12'], ['2023-02-12', '2023-02-15'], ['2024-01-20', '2024-01-23'],
      ['2025-01-11', '2025-01-14'], ['2026-01-24', '2026-01-27'],
    ],
  },
] as const;

// ── Special committees and handling units ───────────────────────────────────────────────────

export const COMMITTEES = [
  '提案委员会', '经济委员会', '农业和农村委员会', '人口资源环境委员会', '教科卫体委员会',
  '社会和法制委员会', '民族宗教委员会', '文化文史和学习委员会', '港澳台侨和外事委员会',
] as const;
export type CommitteeName = (typeof COMMITTEES)[number];

const GOVERNMENT_UNITS = [
  '市发展和改革委员会', '市教育局', '市科学技术局', '市工业和信息化局', '市民族宗教事务局', '市公安局',
  '市民政局', '市司法局', '市财政局', '市人力资源和社会保障局', '市自然资源和规划局', '市生态环境局',
  '市住房和城乡建设局', '市交通运输局', '市水务局', '市农业农村局', '市商务局', '市文化广电和旅游局',
  '市卫生健康委员会', '市退役军人事务局', '市应急管理局', '市审计局', '市人民政府外事办公室', '市国资委',
  '市市场监督管理局', '市体育局', '市统计局', '市医疗保障局', '市林业局', '市城市管理局', '市乡村振兴局',
  '市信访局', '市数据局', '市税务局', '市气象局',
];

export const UNITS: { name: string; kind: UnitKind }[] = [
  ...GOVERNMENT_UNITS.map((name) => ({ name, kind: 'government' as const })),
  { name: '市中级人民法院', kind: 'court' },
  { name: '市人民检察院', kind: 'procuratorate' },
  { name: '市供电公司', kind: 'other' },
  { name: '市总工会', kind: 'other' },
  { name: '团市委', kind: 'other' },
  { name: '市妇联', kind: 'other' },
  { name: '市残联', kind: 'other' },
];

// ── Parties ─────────────────────────────────────────────────────────────────────────────────

export const DEMOCRATIC_PARTIES = ['民革', '民盟', '民建', '民进', '农工党', '致公党', '九三学社', '台盟'] as const;

/** How the democratic-party members of a mixed sector spread over the eight parties. */
const DEMOCRATIC_SPREAD: Record<(typeof DEMOCRATIC_PARTIES)[number], number> = {
  民革: 1, 民盟: 1.3, 民建: 1.2, 民进: 1.2, 农工党: 1, 致公党: 0.7, 九三学社: 1, 台盟: 0.4,
};

export type PartyWeights = Partial<Record<Party, number>>;

/** A sector's party mix: shares of 中共, 无党派 and the democratic parties (spread as given). */
function mix(cpc: number, nonParty: number, democratic: number, spread: Partial<Record<Party, number>> = DEMOCRATIC_SPREAD): PartyWeights {
  const total = Object.values(spread).reduce((s, w) => s + (w ?? 0), 0);
  const out: PartyWeights = { 中共: cpc, 无党派: nonParty };
  for (const [party, w] of Object.entries(spread)) out[party as Party] = (democratic * (w ?? 0)) / total;
  return out;
}
const only = (party: Party): PartyWeights => ({ [party]: 1 });

/** The party organisation a democratic-party vice-chair heads. */
export const PARTY_CITY_BODY: Partial<Record<Party, string>> = {
  民革: '民革示例市委员会', 民盟: '民盟示例市委员会', 民建: '民建示例市委员会', 民进: '民进示例市委员会',
  农工党: '农工党示例市委员会', 致公党: '致公党示例市委员会', 九三学社: '九三学社示例市委员会', 台盟: '台盟示例市委员会',
};

// ── Workplaces and titles ───────────────────────────────────────────────────────────────────

/** A workplace, or a workplace with the titles that fit it (instead of its field's default titles). */
export type Place = string | readonly [string, readonly string[]];

/**
 * A field of work: where members of a sector work and what they are called there.
 * `countyPlaces` are templates for members seated in a county: `{county}` → 示例市北山县, `{c}` → 北山.
 * `company` fields make up a company name from BRANDS and INDUSTRIES instead of using `places`.
 */
export interface Field { titles: readonly string[]; places: readonly Place[]; countyPlaces?: readonly Place[]; company?: boolean }

export const BRANDS = [
  '恒信', '华盛', '金源', '鼎泰', '瑞丰', '新禾', '安泰', '宏达', '中邦', '远航', '德润', '天成', '嘉禾', '博远',
  '星河', '华茂', '汇通', '聚力', '永盛', '润泽', '同创', '凯晟', '佳联', '明远', '盛源', '启航', '弘毅', '信达',
];
export const INDUSTRIES = [
  '科技有限公司', '建设集团有限公司', '生物医药股份有限公司', '食品有限公司', '物流有限公司', '新材料科技有限公司',
  '电子科技有限公司', '置业有限公司', '纺织有限公司', '机械制造有限公司', '环保科技有限公司', '农业开发有限公司',
  '文化传媒有限公司', '信息技术有限公司', '商贸有限公司', '能源集团有限公司', '智能装备有限公司', '医疗器械有限公司',
];

export const FIELDS = {
  official: {
    titles: ['副局长'],
    places: [
      ['中共示例市委办公室', ['副主任']], ['中共示例市委组织部', ['副部长']], ['中共示例市委宣传部', ['副部长']],
      ['中共示例市委统一战线工作部', ['部长', '副部长']], ['中共示例市委政法委员会', ['副书记']],
      ['中共示例市委政策研究室', ['主任', '副主任']], ['示例市人民政府办公室', ['副主任']],
      ['示例市发展和改革委员会', ['主任', '副主任']], ['示例市卫生健康委员会', ['主任', '副主任']],
      ['示例市教育局', ['局长', '副局长']], ['示例市科学技术局', ['局长', '副局长']], ['示例市财政局', ['局长', '副局长']],
      ['示例市生态环境局', ['局长', '副局长']], ['示例市民政局', ['局长', '副局长']], ['示例市农业农村局', ['局长', '副局长']],
      ['示例市住房和城乡建设局', ['局长', '副局长']], ['示例市文化广电和旅游局', ['局长', '副局长']],
      ['示例市司法局', ['局长', '副局长']], ['示例市中级人民法院', ['副院长']], ['示例市人民检察院', ['副检察长']],
    ],
    countyPlaces: [['中共{county}委', ['副书记', '常委、统战部部长']], ['{county}人民政府办公室', ['主任']], ['{county}发展和改革局', ['局长']]],
  },
  university: {
    titles: ['教授', '副教授', '院长', '副院长', '教授、博士生导师'],
    places: [
      '示例大学经济管理学院', '示例大学文学院', '示例大学化学化工学院', '示例大学法学院', '示例大学信息工程学院',
      '示例大学生命科学学院', '示例师范学院教育科学学院', '示例理工学院机械工程学院',
      ['示例职业技术学院', ['院长', '副院长', '教授']], ['示例医学高等专科学校', ['校长', '副校长', '教授']],
    ],
  },
  school: {
    titles: ['校长', '副校长', '高级教师', '正高级教师', '教务处主任'],
    places: [
      '示例市实验中学', '示例市第一中学', '示例市第三中学', '示例市外国语学校', '示例市实验小学', '示例市第二实验小学',
      '示例市特殊教育学校', '示例市职业教育中心', ['示例市第一幼儿园', ['园长', '副园长', '高级教师']],
    ],
    countyPlaces: ['{county}第一中学', '{county}实验小学', '{county}职业高级中学'],
  },
  hospital: {
    titles: ['院长', '副院长', '主任医师', '副主任医师', '科主任、主任医师', '护理部主任'],
    places: [
      '示例市第一人民医院', '示例市第二人民医院', '示例市中医院', '示例大学附属医院', '示例市妇幼保健院',
      '示例市肿瘤医院', '示例市精神卫生中心', '示例市口腔医院',
      ['示例市疾病预防控制中心', ['主任', '副主任', '主任医师']], ['示例市急救中心', ['主任', '副主任医师']],
    ],
    countyPlaces: ['{county}人民医院', '{county}中医院'],
  },
  research: {
    titles: ['研究员', '副研究员', '院长', '副院长', '高级工程师', '正高级工程师', '总工程师'],
    places: [
      '示例市环境科学研究院', '示例市新材料研究院', '示例市工业技术研究院', '示例市水利水电勘测设计研究院',
      '示例市建筑设计研究院', '示例市农业科学院', ['示例市计量测试研究所', ['所长', '高级工程师']],
      ['示例市科学技术情报研究所', ['所长', '研究员']],
    ],
  },
  law: {
    titles: ['主任', '高级合伙人', '合伙人', '律师', '一级律师'],
    places: ['示例北辰律师事务所', '示例正衡律师事务所', '示例明德律师事务所', '示例天平律师事务所', ['示例市公证处', ['主任', '公证员']], ['示例仲裁委员会', ['仲裁员', '秘书长']]],
    countyPlaces: ['{county}致远律师事务所'],
  },
  accounting: {
    titles: ['主任会计师', '合伙人', '注册会计师'],
    places: ['示例正信会计师事务所', '示例华诚会计师事务所', ['示例华诚税务师事务所', ['所长', '注册税务师']]],
  },
  finance: {
    titles: ['行长', '副行长', '高级经济师'],
    places: [
      '中国工商银行示例市分行', '中国农业银行示例市分行', '中国银行示例市分行', '中国建设银行示例市分行', '示例农村商业银行',
      '示例银行', ['示例市融资担保集团有限公司', ['董事长', '总经理']], ['中国人寿保险股份有限公司示例分公司', ['总经理', '副总经理']],
    ],
    countyPlaces: [['示例农村商业银行{c}支行', ['行长']]],
  },
  enterprise: { titles: ['董事长', '总经理', '董事长兼总经理', '副总经理', '执行董事'], places: [], company: true },
  soe: {
    titles: ['董事长', '总经理', '党委书记、董事长', '副总经理'],
    places: [
      '示例市城市建设投资集团有限公司', '示例市交通投资集团有限公司', '示例市国有资本运营有限公司', '示例钢铁集团有限公司',
      '示例市公共交通集团有限公司', '示例市水务集团有限公司', '示例市文化旅游投资集团有限公司',
    ],
  },
  economyOrg: {
    titles: ['会长', '副会长'],
    places: [['示例市经济研究中心', ['主任', '研究员']], '示例市企业联合会', '示例市个体劳动者协会', '示例市物流与采购协会'],
  },
  culture: {
    titles: ['馆长', '副馆长'],
    places: [
      ['示例市文学艺术界联合会', ['副主席']], ['示例市歌舞剧院', ['院长', '副院长', '国家一级演员']],
      ['示例市书画院', ['院长', '一级美术师']], ['示例市博物馆', ['馆长', '副馆长', '研究馆员']],
      ['示例市图书馆', ['馆长', '研究馆员']], ['示例市作家协会', ['主席', '副主席', '作家']],
      ['示例市美术家协会', ['主席', '副主席']], ['示例市书法家协会', ['主席', '副主席']],
      ['示例市非物质文化遗产保护中心', ['主任', '非遗代表性传承人']], ['示例市戏曲剧院', ['院长', '国家一级演员']],
      ['示例市文化馆', ['馆长', '副研究馆员']],
    ],
    countyPlaces: ['{county}文化馆'],
  },
  media: {
    titles: ['主任记者', '高级编辑'],
    places: [
      ['示例日报社', ['社长', '总编辑', '副总编辑', '高级记者', '主任记者']], ['示例晚报社', ['总编辑', '主任记者']],
      ['示例市广播电视台', ['台长', '副台长', '主任播音员', '高级编辑']], ['示例出版社', ['社长', '总编辑', '编审']],
    ],
    countyPlaces: [['{county}融媒体中心', ['主任', '副主任', '主任记者']]],
  },
  sport: {
    titles: ['主任', '副主任'],
    places: [
      ['示例市体育运动学校', ['校长', '副校长', '高级教练']], '示例市体育中心', '示例市全民健身指导中心',
      ['示例市足球协会', ['副主席', '秘书长']], ['示例大学体育学院', ['院长', '教授']],
      ['示例市游泳运动管理中心', ['主任', '国家级教练']], ['示例市田径队', ['主教练', '国家级教练']],
    ],
  },
  agriculture: {
    titles: ['研究员', '副研究员'],
    places: [
      ['示例市农业科学院', ['院长', '研究员', '副研究员']], ['示例市农业技术推广中心', ['主任', '推广研究员', '高级农艺师']],
      ['示例市畜牧兽医站', ['站长', '高级兽医师']], ['示例市种子管理站', ['站长', '高级农艺师']],
    ],
    countyPlaces: [
      ['{county}绿源果蔬专业合作社', ['理事长']], ['{county}{c}农业发展有限公司', ['董事长', '总经理']],
      ['{county}{c}家庭农场', ['场主']], ['{county}农业农村局', ['局长', '副局长']], ['{county}茶叶产业协会', ['会长']],
      ['{county}{c}镇农业综合服务中心', ['主任']],
    ],
  },
  socialScience: {
    titles: ['教授', '副教授'],
    places: [
      ['中共示例市委党校', ['教授', '副教授', '副校长']], ['示例市社会科学院', ['院长', '研究员', '副研究员']],
      ['示例市社会科学界联合会', ['主席', '副主席']], ['示例大学马克思主义学院', ['院长', '教授']],
      ['示例大学历史文化学院', ['教授', '副教授']], ['示例市地方志编纂中心', ['主任', '编审']],
    ],
  },
  welfare: {
    titles: ['主任', '副主任'],
    places: [
      ['示例市慈善总会', ['会长', '副会长', '秘书长']], ['示例市社会福利院', ['院长']],
      ['示例市残疾人联合会', ['理事长', '副理事长']], '示例市颐康养老服务中心', ['示例市儿童福利院', ['院长']],
      '示例市社会保险事业管理中心', ['示例市红十字会', ['常务副会长', '秘书长']],
    ],
    countyPlaces: [['{county}{c}街道幸福社区', ['党委书记、居委会主任']]],
  },
  ethnic: {
    titles: ['会长', '秘书长'],
    places: [
      ['示例市民族中学', ['校长', '高级教师']], ['示例市民族宗教事务局', ['副局长']], ['示例市民族歌舞团', ['团长', '国家一级演员']],
      ['示例市清真食品有限公司', ['董事长', '总经理']], '示例市少数民族联谊会', ['示例市民族医院', ['院长', '主任医师']],
    ],
  },
  religion: {
    titles: ['会长', '副会长'],
    places: [
      '示例市佛教协会', '示例市道教协会', '示例市伊斯兰教协会', ['示例市基督教两会', ['主席', '会长', '牧师']],
      ['示例市天主教爱国会', ['主任', '副主任']], ['示例市慈云寺', ['住持', '监院']],
      ['示例市玄妙观', ['住持']],
    ],
  },
  foreign: {
    titles: ['主任', '副主任'],
    places: [
      ['示例市人民对外友好协会', ['会长', '秘书长']], ['示例大学外国语学院', ['院长', '教授']],
      ['示例市国际贸易促进委员会', ['会长', '副会长']], '示例市外事服务中心', ['示例市进出口有限公司', ['董事长', '总经理']],
      '示例市国际友好城市交流中心',
    ],
  },
  youth: {
    titles: ['书记', '副书记'],
    places: ['共青团示例市委员会', '示例大学团委', ['示例市青年志愿者协会', ['会长']], ['示例市青少年宫', ['主任']]],
    countyPlaces: ['共青团{county}委员会'],
  },
  union: {
    titles: ['工会主席'],
    places: [
      ['示例市总工会', ['副主席', '经费审查委员会主任']], ['示例钢铁集团有限公司', ['高级技师', '工会主席', '车间主任']],
      ['示例市公共交通集团有限公司', ['驾驶员', '工会主席']], ['示例市供电公司', ['班长、高级技师']],
      ['示例市环境卫生管理处', ['班组长']], ['示例市城市建设投资集团有限公司', ['工会主席']],
    ],
    countyPlaces: [['{county}总工会', ['主席', '副主席']]],
  },
  women: {
    titles: ['会长', '副会长'],
    places: [
      ['示例市妇女联合会', ['副主席']], '示例市女企业家协会', ['示例市妇幼保健院', ['院长', '主任医师']],
      '示例市家庭教育研究会', '示例市女法官协会',
    ],
    countyPlaces: [['{county}妇女联合会', ['主席']], ['{county}{c}街道和谐社区', ['党委书记']]],
  },
  youthFed: {
    titles: ['副主席', '秘书长'],
    places: ['示例市青年联合会', ['示例市青年企业家协会', ['会长', '副会长']], ['示例市体育运动学校', ['教练员']]],
  },
  commerce: {
    titles: ['会长', '副会长'],
    places: [['示例市工商业联合会', ['副主席', '秘书长']], '示例市温州商会', '示例市福建商会', '示例市民营企业家协会', '示例市餐饮烹饪行业协会'],
  },
  science: {
    titles: ['副主席', '秘书长'],
    places: ['示例市科学技术协会', ['示例市科技馆', ['馆长']], ['示例市老科技工作者协会', ['会长']]],
  },
  taiwan: {
    titles: ['会长', '副会长'],
    places: ['示例市台湾同胞联谊会', ['示例台商投资有限公司', ['董事长']], '示例市海峡两岸交流促进会', '示例市台湾同胞投资企业协会'],
  },
  overseas: {
    titles: ['会长', '副会长'],
    places: [
      ['示例市归国华侨联合会', ['副主席']], ['示例市华侨投资有限公司', ['董事长']], '示例市侨商会',
      ['示例市华侨中学', ['校长']], '示例市海外联谊会',
    ],
  },
  invited: {
    titles: ['会长'],
    places: [['示例市人民政府参事室', ['参事']], ['示例市文史研究馆', ['馆员']], ['香港示例同乡会', ['会长', '副会长']], '澳门示例商会'],
  },
} satisfies Record<string, Field>;
export type FieldKey = keyof typeof FIELDS;

// ── Sectors ─────────────────────────────────────────────────────────────────────────────────

export interface SectorDef {
  name: string;
  /** Members seated in this sector (the chair-meeting members below count towards it). */
  size: number;
  parties: PartyWeights;
  /** Fields of work; repeat a key to weight it. */
  fields: readonly FieldKey[];
  /** The special committees its members most often join. */
  committees: readonly CommitteeName[];
  /** Share of women (default 0.42). */
  female?: number;
  /** Share of ethnic-minority members (default 0.08). */
  minority?: number;
  /** Birth years (default 1958–1990, centred on the mid-1970s). */
  born?: readonly [number, number];
}

const MIXED = mix(50, 25, 25);

/** The usual order of a city committee's sectors (界别). */
export const SECTORS: readonly SectorDef[] = [
  { name: '中国共产党', size: 38, parties: only('中共'), fields: ['official', 'official', 'official', 'university', 'hospital', 'soe'], committees: [] },
  { name: '中国国民党革命委员会', size: 14, parties: only('民革'), fields: ['law', 'law', 'university', 'enterprise', 'culture', 'hospital', 'finance'], committees: ['社会和法制委员会', '港澳台侨和外事委员会'] },
  { name: '中国民主同盟', size: 18, parties: only('民盟'), fields: ['university', 'university', 'school', 'culture', 'research', 'socialScience'], committees: ['教科卫体委员会', '文化文史和学习委员会'] },
  { name: '中国民主建国会', size: 16, parties: only('民建'), fields: ['enterprise', 'enterprise', 'finance', 'accounting', 'soe'], committees: ['经济委员会'] },
  { name: '中国民主促进会', size: 16, parties: only('民进'), fields: ['school', 'school', 'university', 'culture', 'media'], committees: ['教科卫体委员会', '文化文史和学习委员会'] },
  { name: '中国农工民主党', size: 14, parties: only('农工党'), fields: ['hospital', 'hospital', 'hospital', 'research'], committees: ['教科卫体委员会', '人口资源环境委员会'] },
  { name: '中国致公党', size: 10, parties: only('致公党'), fields: ['enterprise', 'overseas', 'university', 'research'], committees: ['港澳台侨和外事委员会', '经济委员会'] },
  { name: '九三学社', size: 14, parties: only('九三学社'), fields: ['research', 'research', 'university', 'hospital'], committees: ['教科卫体委员会', '人口资源环境委员会'] },
  { name: '无党派人士', size: 12, parties: only('无党派'), fields: ['university', 'hospital', 'research', 'law', 'culture'], committees: [] },
  { name: '中国共产主义青年团', size: 8, parties: mix(75, 15, 10), fields: ['youth'], committees: ['社会和法制委员会', '教科卫体委员会'], born: [1980, 1990] },
  { name: '中华全国总工会', size: 12, parties: mix(75, 15, 10), fields: ['union'], committees: ['经济委员会', '社会和法制委员会'] },
  { name: '中华全国妇女联合会', size: 12, parties: mix(75, 15, 10), fields: ['women'], committees: ['社会和法制委员会'], female: 0.95 },
  { name: '中华全国青年联合会', size: 8, parties: mix(40, 35, 25), fields: ['youthFed', 'enterprise', 'university'], committees: ['经济委员会', '教科卫体委员会'], born: [1980, 1990] },
  { name: '中华全国工商业联合会', size: 24, parties: mix(35, 35, 30, { 民建: 3, 民革: 1, 致公党: 1, 民盟: 0.5, 民进: 0.5, 农工党: 0.5, 九三学社: 0.5, 台盟: 0.3 }), fields: ['commerce', 'enterprise', 'enterprise', 'enterprise'], committees: ['经济委员会'], female: 0.25 },
  { name: '中国科学技术协会', size: 12, parties: MIXED, fields: ['science', 'research', 'university'], committees: ['教科卫体委员会', '人口资源环境委员会'] },
  { name: '中华全国台湾同胞联谊会', size: 6, parties: mix(30, 30, 40, { 台盟: 6, 民革: 2, 民盟: 0.5, 民建: 0.5, 民进: 0.5, 农工党: 0.5, 致公党: 0.5, 九三学社: 0.5 }), fields: ['taiwan', 'enterprise'], committees: ['港澳台侨和外事委员会'] },
  { name: '中华全国归国华侨联合会', size: 8, parties: mix(40, 30, 30, { 致公党: 4, 民革: 1, 民盟: 1, 民建: 1, 民进: 1, 农工党: 1, 九三学社: 1, 台盟: 0.3 }), fields: ['overseas', 'enterprise', 'university'], committees: ['港澳台侨和外事委员会'] },
  { name: '文化艺术界', size: 18, parties: MIXED, fields: ['culture'], committees: ['文化文史和学习委员会'] },
  { name: '科学技术界', size: 18, parties: MIXED, fields: ['research', 'research', 'university', 'enterprise'], committees: ['教科卫体委员会', '人口资源环境委员会'] },
  { name: '社会科学界', size: 14, parties: MIXED, fields: ['socialScience', 'socialScience', 'law', 'university'], committees: ['文化文史和学习委员会', '社会和法制委员会'] },
  { name: '经济界', size: 26, parties: mix(50, 25, 25), fields: ['enterprise', 'enterprise', 'soe', 'finance', 'accounting', 'economyOrg'], committees: ['经济委员会'], female: 0.25 },
  { name: '农业和农村界', size: 18, parties: MIXED, fields: ['agriculture'], committees: ['农业和农村委员会', '人口资源环境委员会'] },
  { name: '教育界', size: 20, parties: MIXED, fields: ['school', 'school', 'university'], committees: ['教科卫体委员会'], female: 0.5 },
  { name: '体育界', size: 8, parties: MIXED, fields: ['sport'], committees: ['教科卫体委员会'] },
  { name: '新闻出版界', size: 10, parties: MIXED, fields: ['media'], committees: ['文化文史和学习委员会'] },
  { name: '医药卫生界', size: 20, parties: MIXED, fields: ['hospital'], committees: ['教科卫体委员会', '人口资源环境委员会'], female: 0.45 },
  { name: '对外友好界', size: 8, parties: MIXED, fields: ['foreign'], committees: ['港澳台侨和外事委员会'] },
  { name: '社会福利和社会保障界', size: 12, parties: MIXED, fields: ['welfare'], committees: ['社会和法制委员会'], female: 0.5 },
  { name: '少数民族界', size: 10, parties: MIXED, fields: ['ethnic'], committees: ['民族宗教委员会'], minority: 0.9 },
  { name: '宗教界', size: 10, parties: only('无党派'), fields: ['religion'], committees: ['民族宗教委员会'], female: 0.2, minority: 0.2 },
  { name: '特别邀请人士', size: 16, parties: mix(60, 25, 15), fields: ['invited', 'official', 'soe'], committees: [] },
];

// ── Leadership ──────────────────────────────────────────────────────────────────────────────

/**
 * The chair meeting (主席会议): 主席, 副主席 and 秘书长, each seated in a sector; plus one more
 * party-group member. Party-group members (党组成员) are all 中共.
 */
export interface LeaderDef { post: '主席' | '副主席' | '秘书长' | '提案委员会主任'; sector: string; party: Party; chairMeeting: boolean; partyGroup: boolean }

export const LEADERS: readonly LeaderDef[] = [
  { post: '主席', sector: '中国共产党', party: '中共', chairMeeting: true, partyGroup: true },
  { post: '副主席', sector: '中国共产党', party: '中共', chairMeeting: true, partyGroup: true },
  { post: '副主席', sector: '中国共产党', party: '中共', chairMeeting: true, partyGroup: true },
  { post: '副主席', sector: '中国共产党', party: '中共', chairMeeting: true, partyGroup: true },
  { post: '副主席', sector: '经济界', party: '中共', chairMeeting: true, partyGroup: true },
  { post: '副主席', sector: '特别邀请人士', party: '中共', chairMeeting: true, partyGroup: true },
  { post: '副主席', sector: '中国国民党革命委员会', party: '民革', chairMeeting: true, partyGroup: false },
  { post: '副主席', sector: '中国民主同盟', party: '民盟', chairMeeting: true, partyGroup: false },
  { post: '副主席', sector: '中国民主建国会', party: '民建', chairMeeting: true, partyGroup: false },
  { post: '副主席', sector: '中国民主促进会', party: '民进', chairMeeting: true, partyGroup: false },
  { post: '副主席', sector: '中国农工民主党', party: '农工党', chairMeeting: true, partyGroup: false },
  { post: '副主席', sector: '中国致公党', party: '致公党', chairMeeting: true, partyGroup: false },
  { post: '副主席', sector: '九三学社', party: '九三学社', chairMeeting: true, partyGroup: false },
  { post: '副主席', sector: '无党派人士', party: '无党派', chairMeeting: true, partyGroup: false },
  { post: '秘书长', sector: '中国共产党', party: '中共', chairMeeting: true, partyGroup: true },
  { post: '提案委员会主任', sector: '中国共产党', party: '中共', chairMeeting: false, partyGroup: true },
];

/** Share of all members who sit on the standing committee (the leaders above included). */
export const STANDING_SHARE = 0.12;
/** Share of members (other than the leaders) seated through a county committee. */
export const COUNTY_SHARE = 0.63;
/** Share of members with an e-mail address on file. */
export const EMAIL_SHARE = 0.5;

// ── People ──────────────────────────────────────────────────────────────────────────────────

/** Common surnames, most frequent first (weights fall off by rank). */
export const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
export const surnameWeight = (rank: number) => (rank < 5 ? 10 : rank < 10 ? 5 : rank < 20 ? 3 : rank < 40 ? 2 : 1);

export const MALE_GIVEN = [
  '建国', '建华', '建平', '建军', '志强', '志刚', '志勇', '国强', '国庆', '国栋', '海涛', '文博', '文斌', '俊杰', '晓东',
  '晓峰', '明辉', '立新', '立群', '卫东', '卫国', '永刚', '永强', '德明', '振华', '振宇', '振东', '宏伟', '宏亮', '学军',
  '学文', '云峰', '春生', '庆华', '浩然', '鹏飞', '宇航', '天宇', '旭东', '瑞峰', '光明', '少华', '世杰', '长青', '新民',
  '利民', '敬东', '劲松', '松涛', '金龙', '荣华', '成林', '英杰', '宗华', '书林', '伟东', '思远', '一鸣', '博文', '嘉伟',
  '晨阳', '继光', '兆丰', '耀军', '德华', '向东', '家骏', '守信', '维平', '恒远', '景春', '泽宇', '连生', '福林',
  '伟', '军', '勇', '杰', '涛', '斌', '超', '磊', '鹏', '辉', '峰', '明', '波', '健', '凯', '毅', '亮', '浩', '宁', '林',
  '昊', '翔', '彬', '坤', '锋', '晖', '川', '震',
];
export const FEMALE_GIVEN = [
  '秀英', '桂英', '丽娟', '丽华', '秀兰', '玉兰', '淑芬', '淑华', '红梅', '晓燕', '晓红', '晓玲', '海燕', '春燕', '文静',
  '静怡', '雪梅', '美玲', '丽萍', '婷婷', '慧敏', '慧娟', '雅琴', '玉珍', '凤英', '建英', '爱华', '爱玲', '素梅', '金凤',
  '秋菊', '冬梅', '小红', '晓琳', '丹丹', '琳琳', '亚楠', '晓雯', '文娟', '艳华', '艳红', '玉梅', '翠兰', '红霞', '彩霞',
  '秀珍', '瑞芳', '晓敏', '明珠', '立红', '凤琴', '海霞', '宏艳', '晓琴', '佳慧', '思敏', '雨欣', '梦洁', '若兰', '书琴',
  '芳', '敏', '静', '丽', '艳', '娟', '霞', '燕', '玲', '萍', '红', '婷', '雪', '琳', '洁', '颖', '倩', '莉', '蕾', '瑶',
  '璐', '薇', '妍', '晶', '慧', '琴', '梅',
];

/** Names of well-known people the generator must not produce. */
export const AVOID_NAMES = new Set([
  '李娜', '王菲', '刘翔', '姚明', '李宁', '周杰', '李强', '王毅', '韩正', '蔡奇', '李希', '王勇', '张军', '周强', '秦刚',
  '李刚', '刘涛', '张杰', '朱军', '王刚', '周涛', '李鹏', '刘洋', '王楠', '孙杨', '林丹', '马龙', '黎明', '周迅', '赵薇',
  '韩寒', '杨澜', '董卿', '雷军', '邓丽君', '钟南山', '袁隆平', '屠呦呦', '杨利伟', '王健林', '董明珠', '宗庆后', '刘德华',
  '郭晶晶', '张怡宁', '邓亚萍', '郎平', '朱婷', '莫言', '余华', '张艺谋', '马云', '马化腾', '李彦宏', '刘强东', '王宝强',
  '黄渤', '沈腾', '孙俪', '李冰冰', '范冰冰', '章子怡', '巩俐', '王俊凯', '易烊千玺', '杨超', '林俊杰', '张靓颖', '李宇春',
  '周深', '毛不易', '刘欢', '那英', '韩红', '宋丹丹', '赵丽', '郭敬明', '郑爽', '白岩松', '崔健', '汪峰', '王峰', '李健',
  '陈明', '孙楠', '张敏',
]);

/** Workplaces whose members are of a given ethnicity (an imam is 回族). */
export const ETHNIC_WORKPLACES: readonly (readonly [string, string])[] = [['伊斯兰教', '回族'], ['清真', '回族']];

export const MINORITIES = ['回族', '满族', '蒙古族', '壮族', '土家族'] as const;
export const MINORITY_WEIGHTS = [3, 2, 1.5, 1, 1.5];

export const PHONE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139',
  '150', '151', '152', '153', '155', '156', '157', '158', '159',
  '180', '181', '182', '183', '186', '187', '188', '189',
];

// ── Logins ──────────────────────────────────────────────────────────────────────────────────

export const STAFF_NAME = '李文静';
export const EDUCATION_UNIT = '市教育局';
export const HEALTH_UNIT = '市卫生健康委员会';
