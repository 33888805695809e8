import { say, type Localized } from '../../core/errors.ts';
import { defineWorkflow } from '../../core/workflow.ts';

export const KINDS = ['plenary', 'standing', 'bimonthly', 'supervision', 'sector', 'online', 'frontline', 'other'] as const;
export type Kind = (typeof KINDS)[number];

/** The six steps of 六式, and the end: open topic, preparation, the meeting, assignment, handling, tracking. */
export const STATES = ['topic', 'preparing', 'consulting', 'assigning', 'handling', 'tracking', 'closed'] as const;
export type ConsultationState = (typeof STATES)[number];
/** The steps as refusals, exports and the audit log name them. */
export const STEP_WORDS: Record<ConsultationState, Localized> = {
  topic: say('开门式选题', 'open topic selection'), preparing: say('标准式筹备', 'preparation'), consulting: say('互动式协商', 'consultation'),
  assigning: say('集中式交办', 'central assignment'), handling: say('提案式办理', 'handling'), tracking: say('跟踪式问效', 'tracking'), closed: say('已办结', 'closed'),
};

/** Held: the meeting took place (what the plan's x+N line counts). */
export const HELD: ConsultationState[] = ['assigning', 'handling', 'tracking', 'closed'];

/**
 * Kinds whose meeting may hold an online part (互动式协商: live public comments that staff moderate):
 * online consultation (网络议政) itself, and the forums and meetings that take comments alongside.
 */
export const COMMENT_KINDS: readonly Kind[] = ['online', 'bimonthly', 'standing', 'sector', 'frontline'];
export const MODERATIONS = ['pre', 'post'] as const;

/** What the guards need. */
export interface ConsultationFacts {
  state: ConsultationState; kind: Kind;
  /** Whether its online comments are open. */
  commentsOpen: boolean;
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
  // Online comments open and close beside the steps: the state stays as it is.
  { from: ['preparing', 'consulting'], action: 'openComments', to: (f) => f.state, who: ['staff'], label: '开放网络议政', labelEn: 'Open online comments',
    guard: (f) => (!COMMENT_KINDS.includes(f.kind) ? say('此类协商没有网络议政', 'This kind of consultation takes no online comments')
      : f.commentsOpen ? say('网络议政已开放', 'Online comments are already open') : true) },
  { from: STATES, action: 'closeComments', to: (f) => f.state, who: ['staff'], label: '关闭网络议政', labelEn: 'Close online comments',
    guard: (f) => (f.commentsOpen ? true : say('网络议政未开放', 'Online comments are not open')) },
], { noun: say('协商活动', 'consultation'), states: STEP_WORDS });
