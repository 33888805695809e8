import type { Kind } from './workflow.ts';

/** 八个一: research trip, research report, book of speeches, video or slides, forum, recommendations, publicity, effect. */
export const TASK_KEYS = ['researchTrip', 'researchReport', 'speechBook', 'media', 'forum', 'recommendations', 'publicity', 'effect'] as const;
export type TaskKey = (typeof TASK_KEYS)[number];
export const TASK_STATES = ['todo', 'doing', 'done'] as const;

/** The office's names for the eight (history notes). */
export const TASK_NAMES: Record<TaskKey, string> = {
  researchTrip: '一次调研视察', researchReport: '一份调研报告', speechBook: '一本发言汇编', media: '一部视频或课件',
  forum: '一场协商会议', recommendations: '一套意见建议', publicity: '一套宣传方案', effect: '一个良好成效',
};

/**
 * The checklist a consultation starts with: the two flagship forms and the plenary carry all eight;
 * smaller forms fewer. Staff add or drop items afterwards.
 */
const SHORT: TaskKey[] = ['researchTrip', 'researchReport', 'forum', 'recommendations', 'effect'];
export const CHECKLIST_OF: Record<Kind, readonly TaskKey[]> = {
  plenary: TASK_KEYS, standing: TASK_KEYS, bimonthly: TASK_KEYS,
  supervision: ['researchTrip', 'researchReport', 'forum', 'recommendations', 'publicity', 'effect'],
  sector: SHORT, other: SHORT,
  online: ['researchReport', 'forum', 'recommendations', 'publicity', 'effect'],
  frontline: ['researchTrip', 'forum', 'recommendations', 'effect'],
};
