// Simplified Chinese first; English as a switch. Every visible string goes through t().
import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { proposalsZh } from './messages/proposals';
import { selectionZh } from './messages/selection';
import { opinionsZh } from './messages/opinions';
import { accountZh } from './messages/account';
import { uiZh } from './messages/ui';
import { liaisonZh } from './messages/liaison';
import { consultationsZh } from './messages/consultations';
import { meetingsZh } from './messages/meetings';
import { creationZh } from './messages/creation';
import { partyOrgZh } from './messages/party';
import { recordsZh } from './messages/records';
import { reportsZh } from './messages/reports';
import { dashboardZh } from './messages/dashboard';
import { searchZh } from './messages/search';
import { orgsZh } from './messages/orgs';

const zh = {
  'app.name': '同心',
  'app.tagline': '政协委员履职平台',
  'lang.switch': '语言',
  'lang.zh': '中文',
  'lang.en': 'English',

  'common.loading': '加载中…',
  'common.save': '保存',
  'common.cancel': '取消',
  'common.create': '新增',
  'common.edit': '编辑',
  'common.deactivate': '停用',
  'common.reactivate': '启用',
  'common.confirmDeactivate': '确定停用“{name}”吗？',
  'common.actions': '操作',
  'common.reset': '重置',
  'common.exportExcel': '导出 Excel',
  'common.exportCsv': '导出 CSV',
  'common.exportLimit': '导出当前筛选的全部结果（最多 {limit} 条）',
  'common.exportTruncated': '共 {total} 条，超过导出上限：只导出前 {limit} 条，请缩小筛选范围后分批导出。',
  'common.columns': '显示列',
  'nav.public': '公开信息',
  'common.yes': '是',
  'common.no': '否',
  'common.active': '状态',
  'common.activeYes': '在用',
  'common.activeNo': '已停用',
  'common.showInactive': '显示已停用',
  'common.name': '名称',
  'common.total': '共 {total} 条',
  'common.saved': '已保存',
  'common.created': '已新增',
  'common.deactivated': '已停用',
  'common.reactivated': '已启用',
  'common.error': '出错了',
  'common.loadFailed': '加载失败',
  'common.retry': '重试',
  'common.back': '返回',
  'common.backHome': '返回首页',
  'common.required': '请填写{field}',
  'common.none': '—',
  'common.menu': '菜单',
  'common.copy': '复制',
  'common.close': '关闭',
  'common.listSep': '、',
  'common.reload': '刷新页面',
  'common.crashed': '页面出错了，请刷新后重试。',

  'role.admin': '系统管理员',
  'role.staff': '机关工作人员',
  'role.leader': '领导',
  'role.member': '委员',
  'role.unit': '承办单位',
  'role.public': '网民',

  'unitKind.government': '政府部门',
  'unitKind.court': '法院',
  'unitKind.procuratorate': '检察院',
  'unitKind.other': '其他',

  'nav.home': '首页',
  'nav.members': '委员名录',
  'nav.import': '导入委员',
  'nav.admin': '系统管理',
  'nav.sectors': '界别',
  'nav.committees': '专委会',
  'nav.units': '承办单位',
  'nav.users': '用户',
  'nav.terms': '届次',
  'nav.audit': '审计日志',
  'nav.account': '我的账户',
  'nav.logout': '退出登录',

  'login.title': '登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.failed': '登录失败',
  'login.usernameRequired': '请输入用户名',
  'login.passwordRequired': '请输入密码',
  'login.committee': '所属政协',
  'login.chooseCommittee': '该用户名在多个政协都有账号，请选择要登录的政协',
  'login.committeeRequired': '请选择政协',

  'home.greeting': '{name}，您好',
  'home.morning': '{name}，早上好',
  'home.afternoon': '{name}，下午好',
  'home.evening': '{name}，晚上好',
  'home.todos': '待办事项',
  'home.noTodos': '暂无待办',
  'home.due': '截止 {date}',
  'home.overdue': '已逾期 {days} 天',
  'home.todoSummary': '共 {total} 项',
  'home.todoOverdue': '已逾期 {n} 项',
  'home.todoGroup': '{label}（{n}）',
  'todo.kind.liaisonMeet': '双联见面', 'todo.kind.liaisonReport': '双联报告',
  'todo.kind.dutyNoProposal': '提交提案', 'todo.kind.dutyBelowPass': '履职积分',
  'todo.kind.sign': '签收或退回', 'todo.kind.reply': '办理答复', 'todo.kind.opinion': '提交协办意见', 'todo.kind.cosign': '确认附议',
  'todo.kind.evaluate': '评价答复', 'todo.kind.file': '立案审查', 'todo.kind.assign': '交办', 'todo.kind.publish': '公开办结的提案',
  'todo.kind.key': '领办重点提案', 'todo.kind.nominate': '优秀提案自荐', 'todo.kind.selectionReview': '优秀提案评分', 'todo.kind.announce': '公布评选结果',
  'todo.kind.opinionReturned': '修改社情民意', 'todo.kind.opinionConverted': '完善社情民意', 'todo.kind.opinionReview': '审核社情民意',
  'todo.kind.opinionForward': '报送社情民意', 'todo.kind.other': '其他',
  'todo.kind.recommendationSign': '签收或退回建议', 'todo.kind.recommendationReply': '答复建议', 'todo.kind.recommendationOpinion': '建议的协办意见',
  'home.shortcuts': '常用功能',
  'home.shortcut.members': '查找委员，查看履职信息',
  'home.shortcut.import': '从 Excel 批量导入委员',
  'home.shortcut.sectors': '维护界别',
  'home.shortcut.committees': '维护专门委员会',
  'home.shortcut.units': '维护承办单位',
  'home.shortcut.users': '账号与角色',
  'home.shortcut.terms': '届与次会议',
  'home.shortcut.audit': '查看操作记录',
  'home.shortcut.account': '个人信息与 API 令牌',
  'home.shortcut.profile': '我的委员档案',
  'home.myProfile': '我的档案',

  'member.name': '姓名',
  'member.gender': '性别',
  'member.birthYear': '出生年份',
  'member.ethnicity': '民族',
  'member.party': '党派',
  'member.sector': '界别',
  'member.standing': '常委',
  'member.chairMeeting': '主席会议成员',
  'member.partyGroup': '党组成员',
  'member.liaisonSectors': '分工联系界别',
  'member.liaisonSectorsHelp': '双联：党组成员联系这些界别的党员委员',
  'member.county': '县区',
  'member.committees': '专委会',
  'member.workplace': '工作单位',
  'member.title': '职务',
  'member.phone': '手机',
  'member.email': '邮箱',
  'member.active': '状态',
  'member.createdAt': '录入时间',
  'member.searchPlaceholder': '搜索姓名或工作单位',
  'member.filterSector': '界别',
  'member.filterParty': '党派',
  'member.filterCommittee': '专委会',
  'member.filterCounty': '县区',
  'member.filterStanding': '常委',
  'member.standingOnly': '仅常委',
  'member.nonStanding': '非常委',
  'member.add': '新增委员',
  'member.import': '导入',
  'member.export': '导出',
  'member.editTitle': '编辑委员',
  'member.createTitle': '新增委员',
  'member.profile': '委员档案',
  'member.notFound': '未找到该委员',
  'member.deactivateConfirm': '确定停用委员“{name}”吗？停用后不再出现在名录中。',
  'member.empty': '没有符合条件的委员',
  'member.emailInvalid': '邮箱格式不正确',
  'member.phoneInvalid': '请输入 11 位手机号或带区号的固定电话',
  'member.birthYearInvalid': '请输入四位年份',

  'import.title': '导入委员',
  'import.intro': '请按模板填写委员信息后上传 .xlsx 文件。系统先检查，确认后再导入。',
  'import.template': '下载导入模板',
  'import.choose': '选择 Excel 文件',
  'import.file': '导入文件',
  'import.checking': '正在检查…',
  'import.report': '检查结果',
  'import.total': '总行数',
  'import.valid': '有效行',
  'import.invalid': '有问题的行',
  'import.row': '行号',
  'import.field': '字段',
  'import.message': '问题',
  'import.noErrors': '全部行均有效',
  'import.commit': '导入有效行',
  'import.retry': '修改后重新上传',
  'import.done': '已导入 {count} 名委员',
  'import.doneWithErrors': '已导入 {count} 名委员，{bad} 行未导入',
  'import.onlyXlsx': '请上传 .xlsx 文件',
  'import.nothingValid': '没有可导入的有效行',
  'import.toDirectory': '查看委员名录',

  'crud.createTitle': '新增{entity}',
  'crud.editTitle': '编辑{entity}',
  'crud.searchPlaceholder': '搜索名称',

  'sector.entity': '界别',
  'sector.title': '界别管理',
  'sector.sort': '排序',
  'sector.memberCount': '委员人数',

  'committee.entity': '专委会',
  'committee.title': '专委会管理',

  'unit.entity': '承办单位',
  'unit.title': '承办单位管理',
  'unit.kind': '类型',

  'user.entity': '用户',
  'user.title': '用户管理',
  'user.username': '用户名',
  'user.password': '初始密码',
  'user.displayName': '显示名称',
  'user.roles': '角色',
  'user.member': '关联委员',
  'user.unit': '关联承办单位',
  'user.memberSearch': '输入姓名搜索委员',
  'user.tokens': 'API 令牌',
  'user.tokensIntro': '此用户为其他系统创建的令牌。修改密码或停用用户会吊销全部令牌。',
  'user.searchPlaceholder': '搜索用户名或名称',
  'user.usernameInvalid': '2–64 位字母、数字或 _ . @ -',
  'user.memberRequired': '委员角色需要关联委员',
  'user.unitRequired': '承办单位角色需要关联承办单位',

  'term.title': '届次管理',
  'term.number': '届次',
  'term.label': '第{number}届',
  'term.years': '起止年份',
  'term.startYear': '起始年份',
  'term.endYear': '结束年份',
  'term.current': '本届',
  'term.add': '新增届',
  'term.edit': '编辑届',
  'term.sessions': '会议',
  'term.addSession': '新增会议',
  'term.noSessions': '尚无会议',
  'session.number': '次',
  'session.label': '第{number}次会议',
  'session.startsOn': '开始日期',
  'session.endsOn': '结束日期',
  'session.addTitle': '为第{number}届新增会议',

  'audit.title': '审计日志',
  'audit.at': '时间',
  'audit.actor': '操作人',
  'audit.action': '操作',
  'audit.entity': '对象类型',
  'audit.entityId': '对象编号',
  'audit.before': '修改前',
  'audit.after': '修改后',
  'audit.filterEntity': '对象类型',
  'audit.filterEntityId': '对象编号',

  'account.title': '我的账户',
  'account.profile': '个人信息',
  'account.org': '所属政协',
  'account.tokens': 'API 令牌',
  'account.tokensIntro': 'API 令牌用于其他系统以您的身份调用接口，请妥善保管。令牌到期、修改密码或账户停用后即失效；令牌不能用来创建新令牌。',
  'account.tokenName': '令牌名称',
  'account.createToken': '新建令牌',
  'account.createdAt': '创建时间',
  'account.lastUsedAt': '最近使用',
  'account.neverUsed': '从未使用',
  'account.expiresAt': '到期时间',
  'account.expired': '已过期',
  'account.expiresOn': '有效期至 {time}。',
  'account.validity': '有效期',
  'account.validityHint': '到期后令牌自动失效，最长 366 天。',
  'account.days': '{n} 天',
  'account.revoke': '吊销',
  'account.revokeConfirm': '确定吊销令牌“{name}”吗？使用它的系统将无法再访问。',
  'account.revoked': '已吊销',
  'account.tokenCreatedNamed': '令牌“{name}”已创建',
  'account.tokenOnce': '令牌只显示这一次，请立即复制保存。',
  'account.noTokens': '暂无令牌',

  'forbidden.title': '无权访问',
  'forbidden.detail': '您的角色不能使用此页面。',
  'notFound.title': '页面不存在',
  'notFound.detail': '您访问的页面不存在或已被移除。',

  ...proposalsZh,
  ...selectionZh,
  ...opinionsZh,
  ...accountZh,
  ...uiZh,
  ...liaisonZh,
  ...recordsZh,
  ...orgsZh,
  ...reportsZh,
  ...dashboardZh,
  ...searchZh,
  ...consultationsZh,
  ...meetingsZh,
  ...creationZh,
  ...partyOrgZh,
} as const;

export type MessageKey = keyof typeof zh;
export type Dictionary = Record<MessageKey, string>;


export type Lang = 'zh' | 'en';
const dictionaries: Partial<Record<Lang, Dictionary>> = { zh };
let englishLabels: { partyEn: Record<string, string>; genderEn: Record<string, string> } | undefined;

/** Loads a language's strings (English comes as its own chunk); the page renders once they are in. */
export async function loadLang(lang: Lang): Promise<void> {
  if (dictionaries[lang]) return;
  const m = await import('./i18n-en');
  dictionaries.en = m.en;
  englishLabels = m;
}
const STORAGE_KEY = 'tongxin.lang';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  /** Display label for a stored Chinese value (party, gender). */
  label: (kind: 'party' | 'gender', value: string | null | undefined) => string;
  /** Date-time formatting for the current language. */
  formatDateTime: (iso: string | null | undefined) => string;
  formatDate: (iso: string | null | undefined) => string;
  /** A text with YYYY-MM-DD days in it (a server's note) with those days as formatDate writes them. */
  formatDatesIn: (text: string) => string;
  /** The same day format for date pickers (dayjs tokens). */
  dateFormat: string;
}

/** The chosen language (also what the API client asks the server's messages in). */
export function readStoredLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'zh') return stored;
  } catch {
    // storage unavailable
  }
  return 'zh';
}

export function interpolate(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in vars ? String(vars[name]) : match,
  );
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(readStoredLang);

  const setLang = useCallback((next: Lang) => {
    void loadLang(next).then(() => setLangState(next));
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // ignore
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = (dictionaries[lang] ?? zh)['app.name'];
  }, [lang]);

  const value = useMemo<I18n>(() => {
    const dict = dictionaries[lang] ?? zh;
    const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    // A bare YYYY-MM-DD is a calendar date: format it in UTC so it never shifts a day.
    const calendarDate = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const safe = (fmt: Intl.DateTimeFormat, iso: string | null | undefined) => {
      if (!iso) return dict['common.none'];
      if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) fmt = calendarDate;
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : fmt.format(d);
    };
    return {
      lang,
      setLang,
      t: (key, vars) => interpolate(dict[key] ?? zh[key] ?? key, vars),
      label: (kind, value) => {
        if (!value) return dict['common.none'];
        if (lang === 'zh') return value;
        const table = (kind === 'party' ? englishLabels?.partyEn : englishLabels?.genderEn) ?? {};
        return table[value] ?? value;
      },
      formatDateTime: (iso) => safe(dateTime, iso),
      formatDate: (iso) => safe(date, iso),
      formatDatesIn: (text) => text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (day) => safe(date, day)),
      dateFormat: lang === 'zh' ? 'YYYY年M月D日' : 'D MMM YYYY',
    };
  }, [lang, setLang]);

  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
