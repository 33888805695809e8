// The English table of ../search.ts, loaded only when the page is in English.
import type { searchZh } from '../search';

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
  'search.resultsCapped': '{total}+ results',
  'search.resultsAbout': 'about {estimate} results (the first {total} ranked)',
  'search.about': '~{n}',
  'search.category': 'Filter by category',
  'search.allCategories': 'All categories',
  'search.empty': 'Nothing found',
  'search.tooCommon': '“{q}” holds only words too common to search by (such as 提案 proposal, 建议 suggestion): add a more specific word, such as 养老服务 or 公交线路',
  'search.prompt': 'Type words to search for',
  'search.related': 'Related searches',
};
