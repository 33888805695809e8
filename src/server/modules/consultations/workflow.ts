import { defineWorkflow } from '../../core/workflow.ts';

export const KINDS = ['plenary', 'standing', 'bimonthly', 'supervision', 'sector', 'online', 'frontline', 'other'] as const;
export type Kind = (typeof KINDS)[number];

/** The six steps of 六式, and the end: open topic, preparation, the meeting, assignment, handling, tracking. */
export const STATES = ['topic', 'preparing', 'consulting', 'assigning', 'handling', 'tracking', 'closed'] as const;
export type ConsultationState = (typeof STATES)[number];

/** Held: the meeting took place (what the plan's x+N line counts). */
export const HELD: ConsultationState[] = ['assigning', 'handling', 'tracking', 'closed'];

/**
 * What the guards need. Online comments (网络议政) will add an `openComments` transition from
 * `preparing`/`consulting` to the same state, guarded on `kind === 'online'` (and whether comments
 * are open), without touching the steps below.
 */
export interface ConsultationFacts {
  state: ConsultationState; kind: Kind;
  /** Its recommendations: not yet assigned, not yet answered, and without an outcome or a reason. */
  recommendations: { pending: number; unanswered: number; untracked: number };
}

/**
 * The consultation's transition table: the office moves it through the six steps; handing over,
 * tracking and closing wait for every recommendation (none at all is no obstacle: a plenary may have none).
 */
export const consultationWorkflow = defineWorkflow<ConsultationState, ConsultationFacts>('consultation', STATES, [
  { from: 'topic', action: 'prepare', to: 'preparing', who: ['staff'], label: '开始筹备', labelEn: 'Start preparing' },
  { from: 'preparing', action: 'convene', to: 'consulting', who: ['staff'], label: '召开协商', labelEn: 'Convene' },
  { from: 'consulting', action: 'conclude', to: 'assigning', who: ['staff'], label: '协商完成', labelEn: 'Conclude the meeting' },
  { from: 'assigning', action: 'dispatch', to: 'handling', who: ['staff'], label: '集中交办', labelEn: 'Hand to units',
    guard: (f) => (f.recommendations.pending ? `还有 ${f.recommendations.pending} 条建议未交办 ${f.recommendations.pending} recommendations are not assigned` : true) },
  { from: 'handling', action: 'track', to: 'tracking', who: ['staff'], label: '跟踪问效', labelEn: 'Track outcomes',
    guard: (f) => (f.recommendations.unanswered ? `还有 ${f.recommendations.unanswered} 条建议未答复 ${f.recommendations.unanswered} recommendations are not answered` : true) },
  { from: 'tracking', action: 'close', to: 'closed', who: ['staff'], label: '办结', labelEn: 'Close',
    guard: (f) => (f.recommendations.untracked ? `还有 ${f.recommendations.untracked} 条建议没有转化结果或说明 ${f.recommendations.untracked} recommendations have no outcome or reason` : true) },
]);
