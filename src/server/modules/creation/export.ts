import { oneTable } from '../../core/xlsx.ts';
import type { Column } from '../../core/xlsx.ts';
import { ACTIVITY_KIND_LABELS, HONOUR_LEVEL_LABELS, MEMBER_LEVEL_LABELS, PROJECT_KIND_LABELS, PROJECT_STATE_LABELS } from './labels.ts';
import type { listExchanges, listParticipants, presentActivities, presentHonours, presentPairings } from './queries.ts';
import type { ProjectView } from './queries.ts';

// The members' projects as .xlsx, money in 万元, with a total row.

const wan = (yuan: number) => Math.round(yuan / 100) / 100;

export const projectsTable = (items: ProjectView[], sums: { investment: number; jobs: number; poorHouseholds: number }, note?: string) => oneTable('委员双创项目', [
  { header: '类型', value: (p) => (p.id ? PROJECT_KIND_LABELS[p.kind] : ''), width: 14 },
  { header: '名称', value: (p) => p.name, width: 30 },
  { header: '委员', value: (p) => p.memberNames.join('、'), width: 20 },
  { header: '委员层级', value: (p) => (p.id ? MEMBER_LEVEL_LABELS[p.level] : ''), width: 12 },
  { header: '所在县（区）', value: (p) => p.countyName ?? '', width: 14 },
  { header: '开始日期', value: (p) => p.startedOn, width: 12 },
  { header: '状态', value: (p) => (p.id ? PROJECT_STATE_LABELS[p.state] : ''), width: 10 },
  { header: '投入资金（万元）', value: (p) => wan(p.investment), width: 16 },
  { header: '带动就业（人）', value: (p) => p.jobs, width: 14 },
  { header: '带动贫困户（户）', value: (p) => p.poorHouseholds, width: 16 },
], [...items, { id: '', name: '合计', memberNames: [], countyName: null, startedOn: '', ...sums } as unknown as ProjectView], { boldLastRow: true, note });

type Activity = Awaited<ReturnType<typeof presentActivities>>[number];
/** The 五送 activities as their list shows them (core/list-export.ts). */
export const activityColumns: Column<Activity>[] = [
  { header: '日期', value: (a) => a.date, width: 12 }, { header: '类型', value: (a) => ACTIVITY_KIND_LABELS[a.kind as keyof typeof ACTIVITY_KIND_LABELS], width: 10 },
  { header: '委员', value: (a) => a.memberNames.join('、'), width: 20 }, { header: '地点', value: (a) => a.place, width: 24 },
  { header: '所在县（区）', value: (a) => a.countyName, width: 14 }, { header: '受益人数', value: (a) => a.beneficiaries, width: 10 },
  { header: '内容', value: (a) => a.summary, width: 40 },
];

type Honour = Awaited<ReturnType<typeof presentHonours>>[number];
export const honourColumns: Column<Honour>[] = [
  { header: '日期', value: (h) => h.date, width: 12 }, { header: '委员', value: (h) => h.memberName, width: 12 },
  { header: '荣誉', value: (h) => h.title, width: 30 }, { header: '级别', value: (h) => HONOUR_LEVEL_LABELS[h.level as keyof typeof HONOUR_LEVEL_LABELS], width: 10 },
  { header: '授予单位', value: (h) => h.awardedBy, width: 24 }, { header: '所在县（区）', value: (h) => h.countyName, width: 14 },
];

type Pairing = Awaited<ReturnType<typeof presentPairings>>[number];
/** 三个一 pairings: the household's name masked as the list masks it. */
export const pairingColumns: Column<Pairing>[] = [
  { header: '结对日期', value: (p) => p.pairedOn, width: 12 }, { header: '委员', value: (p) => p.memberName, width: 12 },
  { header: '结对户', value: (p) => p.householdName, width: 12 }, { header: '住址', value: (p) => p.householdPlace, width: 24 },
  { header: '所在县（区）', value: (p) => p.countyName, width: 14 }, { header: '办实事', value: (p) => p.practicalThing, width: 30 },
  { header: '提建议', value: (p) => p.suggestion, width: 30 },
];

type Participant = Awaited<ReturnType<typeof listParticipants>>['items'][number];
export const participantColumns: Column<Participant>[] = [
  { header: '委员', value: (p) => p.name, width: 12 }, { header: '所在县（区）', value: (p) => p.countyName, width: 14 },
  { header: '项目数', value: (p) => p.projects, width: 8 }, { header: '结对数', value: (p) => p.pairings, width: 8 },
  { header: '五送活动数', value: (p) => p.activities, width: 10 }, { header: '荣誉数', value: (p) => p.honours, width: 8 },
];

type Exchange = Awaited<ReturnType<typeof listExchanges>>['items'][number];
export const exchangeColumns: Column<Exchange>[] = [
  { header: '日期', value: (e) => e.date, width: 12 }, { header: '地点', value: (e) => e.place, width: 20 },
  { header: '主题', value: (e) => e.topic, width: 36 }, { header: '参加人数', value: (e) => e.attendees, width: 10 },
  { header: '所在县（区）', value: (e) => e.countyName, width: 14 },
];
