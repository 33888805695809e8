import { say } from '../../core/errors.ts';
import { defineWorkflow } from '../../core/workflow.ts';

/** 开门式选题: proposed, shortlisted by the office, then picked by the chair meeting, declined with an answer, or merged into a duplicate. */
export const TOPIC_STATES = ['proposed', 'shortlisted', 'picked', 'declined', 'merged'] as const;
export type TopicState = (typeof TOPIC_STATES)[number];
/** Open for support (and listed to the public). */
export const OPEN_TOPIC_STATES: TopicState[] = ['proposed', 'shortlisted'];
/** What the chair meeting makes of a picked topic. */
export const PICK_AS = ['consultation', 'planItem'] as const;

export interface TopicFacts { state: TopicState; supported: boolean }

/**
 * The topic's transition table. Relations: `proposer` (who proposed it) and `other` (anyone else
 * of the committee logged in, the public included), who may support it once while it is open.
 */
export const topicWorkflow = defineWorkflow<TopicState, TopicFacts>('consultationTopic', TOPIC_STATES, [
  { from: 'proposed', action: 'shortlist', to: 'shortlisted', who: ['staff'], label: '列入候选', labelEn: 'Shortlist' },
  { from: 'shortlisted', action: 'pick', to: 'picked', who: ['leader'], label: '确定选题', labelEn: 'Pick' },
  { from: ['proposed', 'shortlisted'], action: 'decline', to: 'declined', who: ['staff', 'leader'], label: '不予采用', labelEn: 'Decline' },
  { from: ['proposed', 'shortlisted'], action: 'merge', to: 'merged', who: ['staff'], label: '合并重复选题', labelEn: 'Merge into another' },
  { from: ['proposed', 'shortlisted'], action: 'support', to: (f) => f.state, who: ['other'], label: '支持', labelEn: 'Support',
    guard: (f) => (f.supported ? say('您已支持过这个选题', 'You already support this topic') : true) },
  { from: ['proposed', 'shortlisted'], action: 'unsupport', to: (f) => f.state, who: ['other'], label: '取消支持', labelEn: 'Withdraw support',
    guard: (f) => (f.supported ? true : say('您还没有支持这个选题', 'You do not support this topic')) },
], {
  noun: say('选题', 'topic'),
  states: {
    proposed: say('已提出', 'proposed'), shortlisted: say('候选', 'shortlisted'), picked: say('已确定', 'picked'),
    declined: say('未采用', 'declined'), merged: say('已合并', 'merged'),
  },
});
