import { say, type Localized } from '../../core/errors.ts';
import { defineWorkflow } from '../../core/workflow.ts';
import { STATE_WORDS as HANDLING_WORDS } from '../proposals/workflow.ts';
import { handlingTransitions, type HandlingFacts } from '../handling/transitions.ts';

export const REC_STATES = ['pending', 'assigned', 'handling', 'replied', 'rehandling', 'closed'] as const;
export type RecState = (typeof REC_STATES)[number];
/** The states in both languages: a proposal's handling ones, and waiting for assignment. */
export const REC_STATE_WORDS: Record<RecState, Localized> = {
  pending: say('待交办', 'pending'), assigned: HANDLING_WORDS.assigned, handling: HANDLING_WORDS.handling,
  replied: HANDLING_WORDS.replied, rehandling: HANDLING_WORDS.rehandling, closed: HANDLING_WORDS.closed,
};
export const OUTCOME_KINDS = ['party', 'government', 'department'] as const;

/** What the guards and targets need: the caller's assignment, as for a proposal, and the consultation's step. */
export interface RecFacts extends HandlingFacts<RecState> {
  /** The consultation is at central assignment (集中式交办): recommendations are written and assigned then. */
  assigning: boolean;
  satisfaction?: string;
}

/**
 * A recommendation's transition table: the handling part of the proposal's (assign, sign or
 * return, co-handling opinion, contact log, extensions, reply, evaluation with re-handling), through
 * the same engine. The office evaluates the reply (the consultation is the committee's), then
 * records the outcome (吸纳转化) on the replied or closed recommendation. Relations: unsignedUnit,
 * leadUnit, coUnit, as for a proposal.
 */
export const recommendationWorkflow = defineWorkflow<RecState, RecFacts>('recommendation', REC_STATES, [
  { from: 'pending', action: 'assign', to: 'assigned', who: ['staff'], label: '交办', labelEn: 'Assign',
    guard: (f) => (f.assigning ? true : say('协商活动不在集中交办阶段', 'The consultation is not at central assignment')) },
  ...handlingTransitions<RecState, RecFacts>('pending'),
  { from: 'replied', action: 'evaluate', who: ['staff'], label: '评价办理', labelEn: 'Evaluate',
    to: (f) => (f.satisfaction === 'unsatisfied' ? 'rehandling' : 'closed') },
  { from: ['replied', 'closed'], action: 'recordOutcome', to: (f) => f.state, who: ['staff'], label: '记录吸纳转化', labelEn: 'Record outcome' },
  { from: ['replied', 'closed'], action: 'noOutcome', to: (f) => f.state, who: ['staff'], label: '说明未转化原因', labelEn: 'Give a reason for no outcome' },
], { noun: say('协商建议', 'recommendation'), states: REC_STATE_WORDS });
