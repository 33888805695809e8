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
  'search.resultsCapped': '共 {total}+ 条结果',
  'search.resultsAbout': '约 {estimate} 条结果（排序取前 {total} 条）',
  'search.about': '约 {n}',
  'search.category': '按分类筛选',
  'search.allCategories': '全部分类',
  'search.empty': '没有找到相关内容',
  'search.tooCommon': '“{q}”都是常用词（如“提案”“建议”“问题”），不能单独检索：请加上更具体的词语，如“养老服务”“公交线路”',
  'search.prompt': '输入关键词搜索',
  'search.related': '相关搜索',
};
