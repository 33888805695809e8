// Search across everything: the header's box, the search page and related searches; merged into i18n.ts.
// The English table is typed against the Chinese one, so a missing key fails the type check.

export const searchZh = {
  'search.title': '搜索',
  'search.placeholder': '搜索提案、社情民意、协商、文库…',
  'search.box': '全站搜索',
  'search.all': '全部',
  'search.kind.proposal': '提案',
  'search.kind.reply': '答复',
  'search.kind.opinion': '社情民意',
  'search.kind.consultation': '协商',
  'search.kind.comment': '评论',
  'search.kind.document': '文库',
  'search.kind.contact': '双联记录',
  'search.kinds': '按类别筛选',
  'search.year': '按年份筛选',
  'search.allYears': '全部年份',
  'search.results': '共 {total} 条结果',
  'search.empty': '没有找到相关内容',
  'search.prompt': '输入关键词搜索',
  'search.related': '相关搜索',
};

export const searchEn: Record<keyof typeof searchZh, string> = {
  'search.title': 'Search',
  'search.placeholder': 'Search proposals, opinions, consultations, library…',
  'search.box': 'Search everything',
  'search.all': 'All',
  'search.kind.proposal': 'Proposal',
  'search.kind.reply': 'Reply',
  'search.kind.opinion': 'Public opinion',
  'search.kind.consultation': 'Consultation',
  'search.kind.comment': 'Comment',
  'search.kind.document': 'Library',
  'search.kind.contact': 'Liaison contact',
  'search.kinds': 'Filter by kind',
  'search.year': 'Filter by year',
  'search.allYears': 'All years',
  'search.results': '{total} results',
  'search.empty': 'Nothing found',
  'search.prompt': 'Type words to search for',
  'search.related': 'Related searches',
};
