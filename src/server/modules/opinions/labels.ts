import type { Column } from '../../core/xlsx.ts';
import type { listOpinions } from './queries.ts';
import type { Level, OpinionState } from './workflow.ts';

/** The states as the office names them (exports; the web app has its own strings). */
export const STATE_NAMES: Record<OpinionState, string> = {
  draft: '草稿', submitted: '待审核', returned: '退回修改', approved: '已编发', forwarded: '已报送', adopted: '已采用', rejected: '不予采用', withdrawn: '已撤回',
};

export const LEVEL_LABELS: Record<Level, string> = { county: '县（区）级', city: '市级', province: '省级', national: '全国' };

/** "社情民意〔2026〕第12期": the number an approved report is issued under. */
export function numberLabel(year: number | null, number: number | null) {
  return year && number ? `社情民意〔${year}〕第${number}期` : null;
}

type Item = Awaited<ReturnType<typeof listOpinions>>['items'][number];
const day = (iso: string | null) => iso?.slice(0, 10) ?? '';
/** The reports list's export (core/list-export.ts): the rows as the list shows them. */
export const opinionColumns: Column<Item>[] = [
  { header: '年度', value: (o) => o.year, width: 8 }, { header: '期号', value: (o) => o.numberLabel, width: 22 },
  { header: '标题', value: (o) => o.title, width: 40 }, { header: '反映人', value: (o) => o.authorName, width: 14 },
  { header: '状态', value: (o) => STATE_NAMES[o.state as OpinionState], width: 10 },
  { header: '报送', value: (o) => o.forwardedTo.join('、'), width: 20 }, { header: '采用', value: (o) => o.adoptionCount || '', width: 8 },
  { header: '最高采用层级', value: (o) => (o.topLevel ? LEVEL_LABELS[o.topLevel as Level] : ''), width: 14 }, { header: '批示', value: (o) => o.instructionCount || '', width: 8 },
  { header: '字数', value: (o) => o.bodyLength, width: 8 }, { header: '提交日期', value: (o) => day(o.submittedAt), width: 12 },
];

/** What the author is told of their report, by what happened to it (commands; the demo's history). */
export type AuthorNews =
  | { key: 'returned' | 'rejected'; reason: string }
  | { key: 'approved'; year: number; number: number }
  | { key: 'forwarded'; bodies: string[] }
  | { key: 'adopted'; adoptedBy: string; level: Level }
  | { key: 'instructed'; leader: string; content: string };

/** The author's notice (kind `opinion`, worded on the web as `notice.opinion.<key>`), linking to the report. */
export function authorNotice(o: { id: string; title: string }, news: AuthorNews) {
  const base = { kind: 'opinion', href: `/opinions/${o.id}` };
  const params = { key: news.key, title: o.title };
  switch (news.key) {
    case 'returned': return { ...base, title: `社情民意信息被退回修改：${o.title}`, body: news.reason, params };
    case 'rejected': return { ...base, title: `社情民意信息不予采用：${o.title}`, body: news.reason, params };
    case 'approved': return { ...base, title: `社情民意信息已编发（${numberLabel(news.year, news.number)}）：${o.title}`, params: { ...params, year: news.year, number: news.number } };
    case 'forwarded': return { ...base, title: `社情民意信息已报送${news.bodies.join('、')}：${o.title}`, params: { ...params, bodies: news.bodies.join('、') } };
    case 'adopted': return { ...base, title: `社情民意信息被${news.adoptedBy}采用（${LEVEL_LABELS[news.level]}）：${o.title}`, params: { ...params, adoptedBy: news.adoptedBy, level: news.level } };
    case 'instructed': return { ...base, title: `社情民意信息获${news.leader}批示：${o.title}`, body: news.content, params: { ...params, leader: news.leader } };
  }
}
