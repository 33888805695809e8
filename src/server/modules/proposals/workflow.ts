import { say, type Localized } from '../../core/errors.ts';
import { defineWorkflow } from '../../core/workflow.ts';
import { handlingTransitions } from '../handling/transitions.ts';

export const STATES = ['draft', 'submitted', 'filed', 'not_filed', 'converted', 'merged', 'withdrawn',
  'assigned', 'handling', 'replied', 'rehandling', 'closed'] as const;
export type ProposalState = (typeof STATES)[number];
/** The states as the office names them (exports and letters; the web app has its own strings). */
export const STATE_NAMES: Record<string, string> = {
  draft: '草稿', submitted: '已提交', filed: '已立案', not_filed: '不予立案', converted: '已转办', merged: '已并案', withdrawn: '已撤回',
  assigned: '已交办', handling: '办理中', replied: '已答复', rehandling: '重新办理', closed: '已办结',
};
const STATE_NAMES_EN: Record<ProposalState, string> = {
  draft: 'draft', submitted: 'submitted', filed: 'filed', not_filed: 'not filed', converted: 'converted', merged: 'merged', withdrawn: 'withdrawn',
  assigned: 'assigned', handling: 'in handling', replied: 'replied', rehandling: 'in re-handling', closed: 'closed',
};
/** The states in both languages (refusals; a recommendation's handling states are these too). */
export const STATE_WORDS = Object.fromEntries(STATES.map((s) => [s, say(STATE_NAMES[s]!, STATE_NAMES_EN[s])])) as Record<ProposalState, Localized>;

/** What the guards and targets need to know about a proposal and the caller's part in it. */
export interface ProposalFacts {
  state: ProposalState;
  kind: string;
  bodyLength: number;
  bodyLimit: number;
  cosigners: { confirmed: boolean }[];
  /** The caller's own pending assignment (sign/return), if any. */
  mine?: { role: 'lead' | 'co'; state: string; returnBy: string; hasOpinion: boolean };
  leadSigned: boolean;
  today: string;
  pendingExtension: boolean;
  ratedByMyUnit: boolean;
  published: boolean;
  /** Staff exempted it from publication (with a reason). */
  exempt: boolean;
  isKey: boolean;
  /** Set by evaluate: the satisfaction given. */
  satisfaction?: string;
}

const OPEN: ProposalState[] = ['filed', 'assigned', 'handling', 'replied', 'rehandling', 'closed'];

/**
 * The proposal's transition table. `who` holds roles (staff, …) and relations to this proposal:
 * proposer, pendingCosigner, cosigner (one who confirmed), unsignedUnit (an assigned unit that has
 * not signed), leadUnit and coUnit (signed units).
 */
export const proposalWorkflow = defineWorkflow<ProposalState, ProposalFacts>('proposal', STATES, [
  { from: 'draft', action: 'submit', to: 'submitted', who: ['proposer'], label: '提交', labelEn: 'Submit',
    guard: (f) => f.bodyLength > f.bodyLimit ? say(`正文超过 ${f.bodyLimit} 字`, `Body exceeds ${f.bodyLimit} characters`)
      : f.kind === 'joint' && !f.cosigners.length ? say('联名提案需要至少一位附议人', 'A joint proposal needs co-signers')
      : f.cosigners.some((c) => !c.confirmed) ? say('尚有附议人未确认', 'Waiting for co-signers to confirm') : true },
  { from: ['draft', 'submitted'], action: 'withdraw', to: 'withdrawn', who: ['proposer'], label: '撤回', labelEn: 'Withdraw' },
  { from: 'draft', action: 'cosign', to: 'draft', who: ['pendingCosigner'], label: '确认附议', labelEn: 'Confirm co-signing' },
  // 拒绝附议: a member named without being asked says no (one who confirmed may still take it back while it is a draft).
  { from: 'draft', action: 'declineCosign', to: 'draft', who: ['pendingCosigner', 'cosigner'], label: '拒绝附议', labelEn: 'Decline co-signing' },
  { from: 'submitted', action: 'file', to: 'filed', who: ['staff'], label: '立案', labelEn: 'File' },
  { from: 'submitted', action: 'reject', to: 'not_filed', who: ['staff'], label: '不予立案', labelEn: 'Do not file' },
  { from: 'submitted', action: 'convert', to: 'converted', who: ['staff'], label: '转为社情民意或委员来信', labelEn: 'Convert' },
  { from: 'submitted', action: 'merge', to: 'merged', who: ['staff'], label: '并案', labelEn: 'Merge' },
  // 退回修改: the office's review finds what the proposer should mend (a title, a mixed subject) — back to a draft, the reason told.
  { from: 'submitted', action: 'sendBack', to: 'draft', who: ['staff'], label: '退回修改', labelEn: 'Send back for revision' },
  { from: 'filed', action: 'assign', to: 'assigned', who: ['staff'], label: '交办', labelEn: 'Assign' },
  ...handlingTransitions<ProposalState, ProposalFacts>('filed'),
  { from: 'replied', action: 'evaluate', who: ['proposer'], label: '评价办理', labelEn: 'Evaluate',
    to: (f) => (f.satisfaction === 'unsatisfied' ? 'rehandling' : 'closed') },
  { from: ['replied', 'rehandling', 'closed'], action: 'rate', to: (f) => f.state, who: ['leadUnit'], label: '评价提案质量', labelEn: 'Rate the proposal',
    guard: (f) => (f.ratedByMyUnit ? say('已评价', 'Already rated') : true) },
  { from: 'closed', action: 'publish', to: 'closed', who: ['staff'], label: '公开', labelEn: 'Publish',
    guard: (f) => (f.published ? say('已公开', 'Already published') : true) },
  { from: 'closed', action: 'exempt', to: 'closed', who: ['staff'], label: '不予公开', labelEn: 'Exempt from publication',
    guard: (f) => (f.published ? say('已公开', 'Already published') : f.exempt ? say('已决定不予公开', 'Already exempted') : true) },
  // 调整领域: the office sets the domain the statistics count a proposal under (the proposer's choice, or none, before).
  { from: ['submitted', ...OPEN], action: 'classify', to: (f) => f.state, who: ['staff'], label: '调整领域', labelEn: 'Change the domain' },
  { from: OPEN, action: 'markKey', to: (f) => f.state, who: ['staff'], label: '列为重点提案', labelEn: 'Mark as key proposal' },
], { noun: say('提案', 'proposal'), states: STATE_WORDS });
