import { oneTable } from '../../core/xlsx.ts';
import { MEMBER_LEVEL_LABELS, PROJECT_KIND_LABELS, PROJECT_STATE_LABELS } from './labels.ts';
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
