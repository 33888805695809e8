// Strings of the public portal (the visitors' home page at /) and the public frame's menu.
// The English table is typed against the Chinese one, so a missing key fails the type check.

export const portalZh = {
  'portal.title': '{org}公开信息',
  'portal.intro': '提案、协商、文库，向社会公开；注册后可以参与网络议政、提出和支持选题、收藏文档。',
  'portal.searchPlaceholder': '搜索公开的提案、协商和文档',
  'portal.live': '正在进行的网络议政',
  'portal.liveJoin': '参与议政',
  'portal.sections': '栏目',
  'portal.proposals': '已公开的提案及其办理答复',
  'portal.selections': '历年优秀提案评选结果',
  'portal.consultations': '协商活动、网络议政和征集中的选题',
  'portal.topics': '为政协协商出题：提出和支持选题',
  'portal.topicsVisitor': '为政协协商出题：登录或注册后提出和支持选题',
  'portal.library': '政协文档资料，可在线预览',
  'portal.search': '一次搜索提案、协商和文档',
  'portal.latestProposals': '最新公开提案',
  'portal.latestDocuments': '文库新上架',
  'portal.all': '查看全部',
  'portal.join': '注册网民账号',
  'portal.joinIntro': '注册后即可发表意见、提出和支持选题、收藏文档。',
  'portal.welcome': '{name}，欢迎回来',
  'nav.searchAll': '全站检索',
};
