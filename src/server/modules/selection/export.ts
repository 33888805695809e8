import type { Column } from '../../core/xlsx.ts';
import type { listEntries, listRounds } from './queries.ts';
import { chinaTime } from '../../core/china-time.ts';

// The columns of the 优秀提案评选 rounds and of a level's entries as their lists show them
// (core/list-export.ts): a score only where the list shows it (those who review or oversee).

const STATES: Record<string, string> = { open: '评选中', decided: '待公布', announced: '已公布' };
const OUTCOMES: Record<string, string> = { passed: '通过', pending: '评审中', out: '未通过' };

type Round = Awaited<ReturnType<typeof listRounds>>['items'][number];
export const roundColumns: Column<Round>[] = [
  { header: '年度', value: (r) => r.year, width: 8 }, { header: '名称', value: (r) => r.name, width: 30 },
  { header: '状态', value: (r) => STATES[r.state] ?? r.state, width: 10 }, { header: '当前环节', value: (r) => (r.state === 'open' ? r.currentLevelName ?? '' : ''), width: 16 },
  { header: '环节数', value: (r) => r.levels, width: 8 }, { header: '参评提案数', value: (r) => r.entries, width: 10 },
  { header: '优秀提案数', value: (r) => r.excellent ?? '', width: 10 }, { header: '公布时间', value: (r) => (r.announcedAt ? chinaTime(r.announcedAt) : ''), width: 18 },
];

type Entry = Awaited<ReturnType<typeof listEntries>>['items'][number];
export const entryColumns = (showScores: boolean): (Column<Entry> | false)[] => [
  { header: '提案', value: (e) => e.title, width: 36 }, { header: '提案者', value: (e) => e.proposerName, width: 16 },
  { header: '主办单位', value: (e) => e.leadUnitName ?? '', width: 20 }, { header: '推荐方式', value: (e) => (e.nominatedAs === 'self' ? '自荐' : '推荐'), width: 10 },
  { header: '推荐理由', value: (e) => e.reason ?? '', width: 36 },
  showScores && { header: '得分', value: (e) => e.score ?? '', width: 8 },
  showScores && { header: '评语', value: (e) => e.reviews.map((v) => `${v.levelName}${v.reviewerName ? `（${v.reviewerName}）` : ''}：${v.comment ?? ''}`).filter((x) => !x.endsWith('：')).join('；'), width: 40 },
  { header: '结果', value: (e) => OUTCOMES[e.outcome] ?? e.outcome, width: 10 }, { header: '优秀提案', value: (e) => (e.excellent ? '是' : ''), width: 10 },
];
