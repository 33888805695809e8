import type { Column } from '../../core/xlsx.ts';
import { ACTIVITY_KIND_LABELS, type ActivityKind } from './labels.ts';
import type { listActivities, listCampaigns, listGroups, listIdeas, people } from './queries.ts';

// The columns of the party lists as their pages show them (core/list-export.ts): the groups, their
// activities, the people behind the figures, the campaigns and a campaign's ideas.

type Group = Awaited<ReturnType<typeof listGroups>>[number];
export const groupColumns = (all: Group[]): Column<Group>[] => {
  const names = new Map(all.map((g) => [g.id, g.name]));
  return [
    { header: '名称', value: (g) => g.name, width: 24 }, { header: '类型', value: (g) => g.kindLabel, width: 16 },
    { header: '上级组织', value: (g) => (g.parentId ? names.get(g.parentId) ?? '' : ''), width: 20 },
    { header: '专委会', value: (g) => g.committeeName ?? '', width: 16 }, { header: '所在县（区）', value: (g) => g.countyName ?? '', width: 14 },
    { header: '人数', value: (g) => g.memberCount, width: 8 }, { header: '状态', value: (g) => (g.active ? '在册' : '已撤销'), width: 8 },
  ];
};

type Activity = Awaited<ReturnType<typeof listActivities>>['items'][number];
export const activityColumns: Column<Activity>[] = [
  { header: '日期', value: (a) => a.date, width: 12 }, { header: '类型', value: (a) => ACTIVITY_KIND_LABELS[a.kind as ActivityKind], width: 12 },
  { header: '党组织', value: (a) => a.groupName, width: 20 }, { header: '主题', value: (a) => a.topic, width: 36 },
  { header: '参加人数', value: (a) => a.attendees.length, width: 10 }, { header: '参加人员', value: (a) => a.attendees.map((x) => x.name).join('、'), width: 40 },
];

export const PEOPLE_NAMES = { office: '机关党员', liaisons: '联系党外委员的党员委员', linked: '被联系的党外委员' } as const;
type Person = Awaited<ReturnType<typeof people>>[number];
export const personColumns: Column<Person>[] = [
  { header: '姓名', value: (p) => p.name, width: 14 }, { header: '身份', value: (p) => (p.memberId ? '委员' : '机关干部'), width: 10 },
];

const STATES = { upcoming: '未开始', open: '征集中', closed: '已截止' } as const;
type Campaign = Awaited<ReturnType<typeof listCampaigns>>[number];
export const campaignColumns: Column<Campaign>[] = [
  { header: '主题', value: (k) => k.title, width: 30 }, { header: '开始日期', value: (k) => k.opensOn, width: 12 }, { header: '截止日期', value: (k) => k.closesOn, width: 12 },
  { header: '状态', value: (k) => STATES[k.state as keyof typeof STATES], width: 10 }, { header: '金点子数', value: (k) => k.ideas, width: 10 },
  { header: '采纳数', value: (k) => k.adopted, width: 10 }, { header: '说明', value: (k) => k.theme, width: 40 },
];

type Idea = Awaited<ReturnType<typeof listIdeas>>['items'][number];
export const ideaColumns: Column<Idea>[] = [
  { header: '提交日期', value: (i) => i.submittedOn, width: 12 }, { header: '委员', value: (i) => i.memberName ?? '', width: 12 },
  { header: '题目', value: (i) => i.title, width: 30 }, { header: '采纳', value: (i) => (i.adopted ? '已采纳' : '未采纳'), width: 10 },
  { header: '采纳单位', value: (i) => i.adoptedBy ?? '', width: 20 }, { header: '采纳日期', value: (i) => i.adoptedOn ?? '', width: 12 },
  { header: '内容', value: (i) => i.content, width: 50 },
];
