import { say } from '../../core/errors.ts';
import type { Transition } from '../../core/workflow.ts';

// The handling part of an assigned item's transition table (交办件), the same for every kind of
// item: reassignment, sign or return, co-handling opinion, contact log, extensions and the reply.
// The item's own table adds how it is assigned and what follows the reply.

/** The states the handling runs through, named alike in every item's table. */
export type HandlingState = 'assigned' | 'handling' | 'rehandling' | 'replied';

/** What these transitions need to know about the item and the caller's part in it. */
export interface HandlingFacts<S extends string> {
  state: S;
  /** The caller's own pending or signed assignment, if any. */
  mine?: { role: 'lead' | 'co'; returnBy: string; hasOpinion: boolean };
  leadSigned: boolean;
  today: string;
  pendingExtension: boolean;
}

/**
 * Relations: unsignedUnit (an assigned unit that has not signed), leadUnit and coUnit (signed
 * units). A returned item goes back to `returnTo`, for the office to assign again.
 */
export function handlingTransitions<S extends string, C extends HandlingFacts<S>>(returnTo: S): Transition<S | HandlingState, C>[] {
  const inHands: HandlingState[] = ['handling', 'rehandling'];
  return [
    { from: ['assigned', 'handling'], action: 'reassign', to: 'assigned', who: ['staff'], label: '改办', labelEn: 'Reassign' },
    { from: ['assigned', 'handling'], action: 'sign', who: ['unsignedUnit'], label: '签收', labelEn: 'Sign for it',
      to: (f) => (f.leadSigned || f.mine?.role === 'lead' ? 'handling' : f.state) },
    { from: ['assigned', 'handling'], action: 'return', to: returnTo, who: ['unsignedUnit'], label: '退回', labelEn: 'Return',
      guard: (f) => (f.mine && f.today <= f.mine.returnBy ? true : say(`退回期限已于 ${f.mine?.returnBy} 结束`, `The return window ended on ${f.mine?.returnBy}`)) },
    { from: ['assigned', ...inHands], action: 'opinion', to: (f) => f.state, who: ['coUnit'], label: '提交协办意见', labelEn: 'Send co-handling opinion',
      guard: (f) => (f.mine?.hasOpinion ? say('已提交协办意见', 'Opinion already sent') : true) },
    { from: inHands, action: 'logContact', to: (f) => f.state, who: ['leadUnit', 'coUnit'], label: '记录办理过程', labelEn: 'Log contact' },
    { from: inHands, action: 'requestExtension', to: (f) => f.state, who: ['leadUnit'], label: '申请延期', labelEn: 'Request extension',
      guard: (f) => (f.pendingExtension ? say('已有待审批的延期申请', 'An extension request is pending') : true) },
    { from: ['assigned', ...inHands], action: 'grantExtension', to: (f) => f.state, who: ['staff'], label: '同意延期', labelEn: 'Grant extension',
      guard: (f) => (f.pendingExtension ? true : say('没有待审批的延期申请', 'No pending extension request')) },
    { from: ['assigned', ...inHands], action: 'refuseExtension', to: (f) => f.state, who: ['staff'], label: '不同意延期', labelEn: 'Refuse extension',
      guard: (f) => (f.pendingExtension ? true : say('没有待审批的延期申请', 'No pending extension request')) },
    { from: inHands, action: 'reply', to: 'replied', who: ['leadUnit'], label: '答复', labelEn: 'Reply' },
  ];
}
