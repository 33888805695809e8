// Strings of the 四双 report page; merged into i18n.ts. The report's own text is Chinese (the server drafts it).
// The English table is typed against the Chinese one, so a missing key fails the type check.

export const reportsZh = {
  'nav.sishuang': '四双工作报告',
  'home.shortcut.sishuang': '本年度四双工作报告，由系统数据生成，每个数字可查看其来源记录',
  'reports.year': '年度',
  'reports.download': '下载 Word',
  'reports.profile': '报告署名信息',
  'reports.profile.cityName': '市（县）名称',
  'reports.profile.partyCommittee': '党委名称',
  'reports.profile.chair': '政协主席',
  'reports.profile.counties': '所辖县（市、区）',
  'reports.profile.saved': '报告署名信息已保存',
  'reports.figures': '本部分数据',
  'reports.figures.all': '全部数据及其来源',
  'reports.source.title': '{label}：{value}',
  'reports.source.total': '共 {total} 条记录',
  'reports.source.sum': '{field} 合计 {sum}',
  'reports.source.more': '加载更多',
  'reports.source.empty': '没有记录',
  'reports.source.open': '查看来源记录',
};
type Keys = keyof typeof reportsZh;

export const reportsEn: Record<Keys, string> = {
  'nav.sishuang': '四双 report',
  'home.shortcut.sishuang': 'This year\'s 四双 report drafted from the data; every figure opens the records behind it',
  'reports.year': 'Year',
  'reports.download': 'Download Word',
  'reports.profile': 'Names in the report',
  'reports.profile.cityName': 'City (county)',
  'reports.profile.partyCommittee': 'Party committee',
  'reports.profile.chair': 'Chair',
  'reports.profile.counties': 'Counties under it',
  'reports.profile.saved': 'Names saved',
  'reports.figures': 'Figures of this part',
  'reports.figures.all': 'Every figure and its source',
  'reports.source.title': '{label}: {value}',
  'reports.source.total': '{total} records',
  'reports.source.sum': '{field} adds up to {sum}',
  'reports.source.more': 'Load more',
  'reports.source.empty': 'No records',
  'reports.source.open': 'Open the records behind it',
};
