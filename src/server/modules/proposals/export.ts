import type { Column, Tables } from '../../core/xlsx.ts';
import { listSheet } from '../../core/list-export.ts';
import type { listProposals, pendingExtensions } from './queries.ts';
import type { searchProposals } from './search.ts';
import { STATE_NAMES } from './workflow.ts';
import { chinaTime } from '../../core/china-time.ts';

// A proposal list or search as the caller sees it, as .xlsx: the rows come from the same query
// (same filters, same read rule, same order) as the page, up to MAX_EXPORT_ROWS of them.

export const KIND_NAMES: Record<string, string> = { member: '个人提案', joint: '联名提案', group: '党派团体提案', committee: '专委会提案', sector: '界别提案' };

type ListItem = Awaited<ReturnType<typeof listProposals>>['items'][number];
type Hit = Awaited<ReturnType<typeof searchProposals>>['items'][number];

const number = (r: { number: number | null }) => (r.number ? String(r.number).padStart(4, '0') : '');
const unitsIn = (r: ListItem, role: string) => r.units.filter((u) => u.role === role).map((u) => u.name).join('、');
const day = (iso: string | null) => iso?.slice(0, 10) ?? '';

/** The list's rows; co-signers only where the list carries them (not the public's). */
export function listTable(list: { items: ListItem[]; total: number }, opts: { publicList: boolean }): Tables {
  const columns: (Column<ListItem> | false)[] = [
    { header: '会议', value: (r) => r.sessionLabel, width: 12 }, { header: '编号', value: number, width: 8 },
    { header: '标题', value: (r) => r.title, width: 40 }, { header: '提案人', value: (r) => r.proposerName, width: 16 },
    !opts.publicList && { header: '联名委员', value: (r) => r.cosigners.map((c) => c.name).join('、'), width: 20 },
    { header: '类别', value: (r) => KIND_NAMES[r.kind], width: 12 }, { header: '领域', value: (r) => r.domain, width: 10 },
    { header: '状态', value: (r) => STATE_NAMES[r.state], width: 10 },
    { header: '主办单位', value: (r) => unitsIn(r, 'lead'), width: 20 }, { header: '协办单位', value: (r) => unitsIn(r, 'co'), width: 24 },
    !opts.publicList && { header: '答复期限', value: (r) => r.dueOn, width: 12 },
    { header: '重点提案', value: (r) => (r.isKey ? '是' : ''), width: 8 },
    opts.publicList ? { header: '公开日期', value: (r) => day(r.publishedAt), width: 12 } : { header: '已公开', value: (r) => (r.published ? '是' : ''), width: 8 },
    { header: '提交日期', value: (r) => day(r.submittedAt), width: 12 },
    !opts.publicList && { header: '更新时间', value: (r) => chinaTime(r.updatedAt), width: 18 },
  ];
  return listSheet('提案列表', columns, list);
}

/** The HTML of a highlight as plain text: the <mark>s dropped, the escaped characters back. */
const plain = (html: string) => html.replace(/<\/?mark>/g, '').replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

/** The hits in the order of relevance, each with the passage that matched. */
export function searchTable(found: { items: Hit[]; total: number }): Tables {
  return listSheet('提案检索', [
    { header: '会议', value: (r) => r.sessionLabel, width: 12 }, { header: '编号', value: number, width: 8 },
    { header: '标题', value: (r) => r.title, width: 40 }, { header: '提案人', value: (r) => r.proposerName, width: 16 },
    { header: '领域', value: (r) => r.domain, width: 10 }, { header: '状态', value: (r) => STATE_NAMES[r.state], width: 10 },
    { header: '匹配内容', value: (r) => `${r.highlight.inReply ? '（答复）' : ''}${plain(r.highlight.snippet)}`, width: 60 },
  ], found);
}

type Extension = Awaited<ReturnType<typeof pendingExtensions>>[number];
/** 延期申请 waiting for the office, oldest first. */
export const extensionColumns: Column<Extension>[] = [
  { header: '提案', value: (r) => r.title, width: 40 }, { header: '承办单位', value: (r) => r.unitName, width: 20 },
  { header: '现答复期限', value: (r) => r.currentDueOn, width: 12 }, { header: '申请延至', value: (r) => r.requestedDueOn, width: 12 },
  { header: '理由', value: (r) => r.reason, width: 50 }, { header: '申请时间', value: (r) => chinaTime(r.requestedAt), width: 18 },
];
