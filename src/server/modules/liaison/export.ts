import { oneTable } from '../../core/xlsx.ts';
import { KIND_LABELS } from './labels.ts';
import type { counters } from './counters.ts';
import type { compliance, LinkView } from './queries.ts';
import type { Kind } from './rules.ts';

// The 双联 tables as .xlsx: the year's links, the compliance board, the counters.

export const linksTable = (year: number, links: LinkView[]) => oneTable(`${year}年双联`, [
  { header: '联系类型', value: (l) => KIND_LABELS[l.kind as Kind], width: 24 },
  { header: '联系人', value: (l) => l.fromName ?? l.committeeName, width: 16 },
  { header: '联系对象', value: (l) => l.toName ?? l.sectorName, width: 16 },
  { header: '依据', value: (l) => l.reason, width: 36 },
  { header: '手动调整', value: (l) => (l.manual ? '是' : '否'), width: 10 },
  { header: '联系次数', value: (l) => l.contactCount, width: 10 },
  { header: '见面次数', value: (l) => l.faceToFace, width: 10 },
], links);

type Board = Awaited<ReturnType<typeof compliance>>;
export const complianceTable = (b: Board) => oneTable(`${b.year}年一见面一报告`, [
  { header: '联系人', value: (i) => i.name, width: 14 },
  { header: '界别', value: (i) => i.sectorName, width: 16 },
  { header: '联系对象数', value: (i) => i.links, width: 12 },
  { header: '已见面', value: (i) => i.met, width: 10 },
  { header: '未见面', value: (i) => i.unmet, width: 10 },
  { header: '书面报告', value: (i) => (i.reported ? '已报告' : '未报告'), width: 12 },
  { header: '状态', value: (i) => (i.behind ? '滞后' : '已完成'), width: 10 },
], b.items);

type Counters = Awaited<ReturnType<typeof counters>>;
export const countersTable = (c: Counters) => oneTable('双联活动统计', [
  { header: { member: '委员', sector: '界别', committee: '专委会', county: '县（市、区）' }[c.by], value: (i) => i.name, width: 16 },
  ...(c.by === 'member' ? [{ header: '界别', value: (i: Counters['items'][number]) => i.sectorName ?? '', width: 16 }] : []),
  { header: '宣讲场次', value: (i) => i.policyTalks },
  { header: '走访委员人次', value: (i) => i.membersVisited, width: 14 },
  { header: '界别群众人次', value: (i) => i.massesVisited, width: 14 },
  { header: '征求意见建议条数', value: (i) => i.opinionsCollected, width: 18 },
  { header: '协调解决实际问题件数', value: (i) => i.problemsSolved, width: 20 },
], [...c.items, { key: '', name: '合计', sectorName: '', ...c.total, sources: c.sources }], { boldLastRow: true });

