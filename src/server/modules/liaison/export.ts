import { oneTable, type Column } from '../../core/xlsx.ts';
import { CHANNEL_LABELS, KIND_LABELS } from './labels.ts';
import type { counters } from './counters.ts';
import type { compliance, LinkView, listContacts, listMeetings, listReports } from './queries.ts';
import type { Kind } from './rules.ts';
import { chinaTime } from '../../core/china-time.ts';

// The 双联 tables as .xlsx: the year's links, the compliance board, the counters; and the columns of
// the contacts, written reports and 双联见面会 as their lists show them (core/list-export.ts).

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


type Contact = Awaited<ReturnType<typeof listContacts>>['items'][number];
export const contactColumns: Column<Contact>[] = [
  { header: '日期', value: (c) => c.date, width: 12 },
  { header: '方式', value: (c) => CHANNEL_LABELS[c.channel as keyof typeof CHANNEL_LABELS] ?? c.channel, width: 10 },
  { header: '联系类型', value: (c) => KIND_LABELS[c.kind as Kind], width: 24 },
  { header: '联系人', value: (c) => c.fromName ?? '', width: 14 },
  { header: '联系对象', value: (c) => c.toName ?? c.sectorName ?? '', width: 16 },
  { header: '参加人员', value: (c) => c.participants, width: 20 },
  { header: '内容', value: (c) => c.topics, width: 40 },
  { header: '政策宣讲', value: (c) => (c.policyTalk ? '是' : '否'), width: 10 },
  { header: '群众人次', value: (c) => c.massesReached, width: 10 },
  { header: '意见建议条数', value: (c) => c.opinionCount, width: 12 },
  { header: '解决问题', value: (c) => c.problemsSolved.join('；'), width: 30 },
];

type Report = Awaited<ReturnType<typeof listReports>>[number];
export const reportColumns: Column<Report>[] = [
  { header: '委员', value: (r) => r.name ?? '', width: 14 },
  { header: '年度', value: (r) => r.year, width: 8 },
  { header: '提交时间', value: (r) => chinaTime(r.submittedAt), width: 18 },
  { header: '附件', value: (r) => (r.file ? '有' : '无'), width: 8 },
  { header: '报告内容', value: (r) => r.body, width: 60 },
];

type Meeting = Awaited<ReturnType<typeof listMeetings>>[number];
export const meetingColumns: Column<Meeting>[] = [
  { header: '日期', value: (m) => m.date, width: 12 },
  { header: '地点', value: (m) => m.place, width: 20 },
  { header: '会议', value: (m) => (m.termNumber ? `第${m.termNumber}届第${m.sessionNumber ?? ''}次会议` : ''), width: 18 },
  { header: '出席委员数', value: (m) => m.attendees, width: 10 },
  { header: '意见建议条数', value: (m) => m.opinions, width: 12 },
  { header: '议题', value: (m) => m.topics.join('；'), width: 40 },
];
