import { say } from '../../core/errors.ts';
import { defineWorkflow } from '../../core/workflow.ts';

export const STATES = ['draft', 'submitted', 'returned', 'approved', 'forwarded', 'adopted', 'rejected', 'withdrawn'] as const;
export type OpinionState = (typeof STATES)[number];

/** Levels of an adoption or a 批示: county (县/区), city, province, national. */
export const LEVELS = ['county', 'city', 'province', 'national'] as const;
export type Level = (typeof LEVELS)[number];

export interface OpinionFacts { state: OpinionState; bodyLength: number; bodyLimit: number }

/** States in which a report has gone out of the committee and may be adopted or instructed on. */
const OUT: OpinionState[] = ['forwarded', 'adopted'];

/**
 * The report's transition table. `who` holds roles and the relation `author`: the member who
 * wrote it (or, for a report staff entered for a member, the office).
 */
export const opinionWorkflow = defineWorkflow<OpinionState, OpinionFacts>('opinion', STATES, [
  { from: ['draft', 'returned'], action: 'submit', to: 'submitted', who: ['author'], label: '提交', labelEn: 'Submit',
    guard: (f) => (f.bodyLength > f.bodyLimit ? say(`正文超过 ${f.bodyLimit} 字`, `Body exceeds ${f.bodyLimit} characters`) : true) },
  { from: ['draft', 'submitted', 'returned'], action: 'withdraw', to: 'withdrawn', who: ['author'], label: '撤回', labelEn: 'Withdraw' },
  { from: 'submitted', action: 'approve', to: 'approved', who: ['staff'], label: '审核编发', labelEn: 'Approve' },
  { from: 'submitted', action: 'return', to: 'returned', who: ['staff'], label: '退回修改', labelEn: 'Return for revision' },
  { from: 'submitted', action: 'reject', to: 'rejected', who: ['staff'], label: '不予采用', labelEn: 'Not used' },
  { from: 'approved', action: 'forward', to: 'forwarded', who: ['staff'], label: '报送', labelEn: 'Forward' },
  { from: OUT, action: 'adopt', to: 'adopted', who: ['staff'], label: '记录采用', labelEn: 'Record adoption' },
  { from: OUT, action: 'instruct', to: (f) => f.state, who: ['staff', 'leader'], label: '记录批示', labelEn: 'Record instruction' },
], {
  noun: say('社情民意信息', 'report'),
  states: {
    // (as the web app names them)
    draft: say('草稿', 'draft'), submitted: say('待审核', 'submitted'), returned: say('退回修改', 'returned'), approved: say('已编发', 'approved'),
    forwarded: say('已报送', 'forwarded'), adopted: say('已采用', 'adopted'), rejected: say('不予采用', 'not used'), withdrawn: say('已撤回', 'withdrawn'),
  },
});
