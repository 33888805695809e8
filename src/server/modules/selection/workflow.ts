import { say } from '../../core/errors.ts';
import { defineWorkflow } from '../../core/workflow.ts';

export const ROUND_STATES = ['open', 'decided', 'announced'] as const;
export type RoundState = (typeof ROUND_STATES)[number];

/** What the guards need: the level under way, and the level an action aims at. */
export interface RoundFacts {
  current: { position: number; last: boolean };
  /** review: the furthest level the entry reached; close: the level to close. */
  target?: number;
}

/**
 * A selection round. Relations: `proposer` (the nominated proposal is the caller's; to withdraw,
 * their own self-nomination) and `reviewer` (the caller scores this entry at the current level).
 * An entry is scored, and a level closed, only at the level under way: nothing skips a level.
 * Announcing makes the results final.
 */
export const selectionWorkflow = defineWorkflow<RoundState, RoundFacts>('selection', ROUND_STATES, [
  { from: 'open', action: 'nominate', to: 'open', who: ['proposer', 'staff'], label: '推荐', labelEn: 'Nominate',
    guard: (f) => (f.current.position === 1 ? true : say('推荐已截止', 'Nominations are closed')) },
  { from: 'open', action: 'withdraw', to: 'open', who: ['proposer', 'staff'], label: '撤回推荐', labelEn: 'Withdraw',
    guard: (f) => (f.current.position === 1 ? true : say('第一级已结束，不能再撤回推荐', 'The first level has closed: nominations can no longer be withdrawn')) },
  { from: 'open', action: 'review', to: 'open', who: ['reviewer'], label: '评分', labelEn: 'Score',
    guard: (f) => (f.target === f.current.position ? true : say('该提案不在本级评审中', 'The proposal is not at this level')) },
  { from: 'open', action: 'close', who: ['staff'], label: '结束本级', labelEn: 'Close the level',
    to: (f) => (f.current.last ? 'decided' : 'open'),
    guard: (f) => (f.target === f.current.position ? true : say(`只能结束当前第 ${f.current.position} 级`, `Only level ${f.current.position} can be closed now`)) },
  { from: 'decided', action: 'announce', to: 'announced', who: ['staff'], label: '公布结果', labelEn: 'Announce' },
], { noun: say('评选', 'selection'), states: { open: say('评选中', 'open'), decided: say('待公布', 'decided'), announced: say('已公布', 'announced') } });
