import { describe, expect, it } from 'vitest';
import { defineWorkflow, type Transition } from './workflow.ts';
import { Problem, say } from './errors.ts';
import type { Actor, Role } from './policies.ts';

// A small sample workflow: an expense claim written by its owner, approved by the office.
//
//   draft ──submit (owner; guard: complete)──▶ submitted ──approve (staff | leader ≤ 1000)──▶ approved
//     ▲                                           │ └──reject (staff)──▶ rejected
//     └────────────withdraw (owner)───────────────┘                         │
//   approved / rejected ──reopen (admin)──▶ draft, or submitted when the claim is still complete
//
// "approve" has two transitions: staff unconditionally, leader only for small amounts; the first one
// whose caller and guard fit wins.

type S = 'draft' | 'submitted' | 'approved' | 'rejected';
interface C { complete: boolean; amount: number }
const states = ['draft', 'submitted', 'approved', 'rejected'] as const;
const transitions: Transition<S, C>[] = [
  { from: 'draft', action: 'submit', to: 'submitted', who: ['owner'], label: '提交', labelEn: 'Submit', guard: (c) => c.complete || '材料不完整 Claim is incomplete' },
  { from: 'submitted', action: 'withdraw', to: 'draft', who: ['owner'], label: '撤回' },
  { from: 'submitted', action: 'approve', to: 'approved', who: ['staff'], label: '批准', labelEn: 'Approve' },
  { from: 'submitted', action: 'approve', to: 'approved', who: ['leader'], label: '领导批准', labelEn: 'Approve (leader)', guard: (c) => c.amount <= 1000 || '金额超过 1000 元 Over the leader limit' },
  { from: 'submitted', action: 'reject', to: 'rejected', who: ['staff'], label: '退回', labelEn: 'Reject' },
  { from: ['approved', 'rejected'], action: 'reopen', to: (c) => (c.complete ? 'submitted' : 'draft'), who: ['admin'], label: '重新打开', labelEn: 'Reopen' },
];
const wf = defineWorkflow<S, C>('claim', states, transitions, {
  noun: say('报销单', 'claim'),
  states: { draft: say('草稿', 'draft'), submitted: say('已提交', 'submitted'), approved: say('已批准', 'approved'), rejected: say('已退回', 'rejected') },
});
const actions = ['submit', 'withdraw', 'approve', 'reject', 'reopen'] as const;

/** Callers: a role, optionally with the relation "owner" to this claim. */
const callers: Record<string, { roles: Role[]; relations?: string[] }> = {
  owner: { roles: ['member'], relations: ['owner'] },
  member: { roles: ['member'] },
  staff: { roles: ['staff'] },
  leader: { roles: ['leader'] },
  admin: { roles: ['admin'] },
  unit: { roles: ['unit'] },
};
const actor = (roles: Role[]): Actor => ({ id: 'u1', orgId: 'o1', username: 'u', displayName: 'U', roles, memberId: null, unitId: null });
const subject = (state: S, who: keyof typeof callers, ctx: C) => ({ state, actor: actor(callers[who]!.roles), relations: callers[who]!.relations, ctx });

const OK: C = { complete: true, amount: 500 };      // every guard passes
const BAD: C = { complete: false, amount: 5000 };   // every guard refuses

type Outcome = S | 403 | 409 | { refused: string };
const INCOMPLETE = { refused: '材料不完整 Claim is incomplete' };
const OVER_LIMIT = { refused: '金额超过 1000 元 Over the leader limit' };

/**
 * The expected outcome of every (state, action) × caller, written out by hand, first with every guard
 * passing (OK), then with every guard refusing (BAD). 403 = not this caller (a caller with no part in the
 * action hears it in every state), 409 = not from this state.
 */
const expected: Record<`${S}:${(typeof actions)[number]}`, Record<string, [ok: Outcome, bad: Outcome]>> = {
  'draft:submit': { owner: ['submitted', INCOMPLETE], member: [403, 403], staff: [403, 403], leader: [403, 403], admin: [403, 403], unit: [403, 403] },
  'draft:withdraw': { owner: [409, 409], member: [403, 403], staff: [403, 403], leader: [403, 403], admin: [403, 403], unit: [403, 403] },
  'draft:approve': { owner: [403, 403], member: [403, 403], staff: [409, 409], leader: [409, 409], admin: [403, 403], unit: [403, 403] },
  'draft:reject': { owner: [403, 403], member: [403, 403], staff: [409, 409], leader: [403, 403], admin: [403, 403], unit: [403, 403] },
  'draft:reopen': { owner: [403, 403], member: [403, 403], staff: [403, 403], leader: [403, 403], admin: [409, 409], unit: [403, 403] },

  'submitted:submit': { owner: [409, 409], member: [403, 403], staff: [403, 403], leader: [403, 403], admin: [403, 403], unit: [403, 403] },
  'submitted:withdraw': { owner: ['draft', 'draft'], member: [403, 403], staff: [403, 403], leader: [403, 403], admin: [403, 403], unit: [403, 403] },
  'submitted:approve': { owner: [403, 403], member: [403, 403], staff: ['approved', 'approved'], leader: ['approved', OVER_LIMIT], admin: [403, 403], unit: [403, 403] },
  'submitted:reject': { owner: [403, 403], member: [403, 403], staff: ['rejected', 'rejected'], leader: [403, 403], admin: [403, 403], unit: [403, 403] },
  'submitted:reopen': { owner: [403, 403], member: [403, 403], staff: [403, 403], leader: [403, 403], admin: [409, 409], unit: [403, 403] },

  'approved:submit': { owner: [409, 409], member: [403, 403], staff: [403, 403], leader: [403, 403], admin: [403, 403], unit: [403, 403] },
  'approved:withdraw': { owner: [409, 409], member: [403, 403], staff: [403, 403], leader: [403, 403], admin: [403, 403], unit: [403, 403] },
  'approved:approve': { owner: [403, 403], member: [403, 403], staff: [409, 409], leader: [409, 409], admin: [403, 403], unit: [403, 403] },
  'approved:reject': { owner: [403, 403], member: [403, 403], staff: [409, 409], leader: [403, 403], admin: [403, 403], unit: [403, 403] },
  'approved:reopen': { owner: [403, 403], member: [403, 403], staff: [403, 403], leader: [403, 403], admin: ['submitted', 'draft'], unit: [403, 403] },

  'rejected:submit': { owner: [409, 409], member: [403, 403], staff: [403, 403], leader: [403, 403], admin: [403, 403], unit: [403, 403] },
  'rejected:withdraw': { owner: [409, 409], member: [403, 403], staff: [403, 403], leader: [403, 403], admin: [403, 403], unit: [403, 403] },
  'rejected:approve': { owner: [403, 403], member: [403, 403], staff: [409, 409], leader: [409, 409], admin: [403, 403], unit: [403, 403] },
  'rejected:reject': { owner: [403, 403], member: [403, 403], staff: [409, 409], leader: [403, 403], admin: [403, 403], unit: [403, 403] },
  'rejected:reopen': { owner: [403, 403], member: [403, 403], staff: [403, 403], leader: [403, 403], admin: ['submitted', 'draft'], unit: [403, 403] },
};

function outcome(fn: () => S): Outcome {
  try { return fn(); } catch (e) {
    if (!(e instanceof Problem)) throw e;
    // The sample's guards refuse in one text; the workflow's own refusals are in both languages.
    if (e.status === 409 && typeof e.detail === 'string') return { refused: e.detail };
    return e.status as 403 | 409;
  }
}

const cases = states.flatMap((state) => actions.flatMap((action) => Object.keys(callers).flatMap((who) =>
  ([['OK', OK, 0], ['BAD', BAD, 1]] as const).map(([guards, ctx, i]) => ({ state, action, who, guards, ctx, want: expected[`${state}:${action}`][who]![i] })))));

describe('defineWorkflow', () => {
  it('has an expectation for every (state, action) × caller', () => {
    expect(Object.keys(expected)).toHaveLength(states.length * actions.length);
    expect(cases).toHaveLength(states.length * actions.length * Object.keys(callers).length * 2);
    expect([...wf.actionNames].sort()).toEqual([...actions].sort());
  });

  it.each(cases)('$state × $action by $who (guards $guards) → $want', ({ state, action, who, ctx, want }) => {
    expect(outcome(() => wf.resolve(subject(state, who, ctx), action))).toEqual(want);
  });

  it('answers with Problems carrying the status and a readable detail in Chinese and English', () => {
    const notHere = (() => { try { wf.resolve(subject('draft', 'staff', OK), 'approve'); } catch (e) { return e; } })() as Problem;
    expect(notHere).toBeInstanceOf(Problem);
    expect(notHere).toMatchObject({ status: 409, title: 'Conflict', detail: say('此报销单当前为“草稿”，不能批准', 'This claim is “draft”: “Approve” is not possible now') });
    const notYou = (() => { try { wf.resolve(subject('submitted', 'member', OK), 'approve'); } catch (e) { return e; } })() as Problem;
    expect(notYou).toMatchObject({ status: 403, title: 'Forbidden', detail: say('您无权对此报销单执行“批准”', '“Approve” is not yours to do on this claim') });
    const refused = (() => { try { wf.resolve(subject('draft', 'owner', BAD), 'submit'); } catch (e) { return e; } })() as Problem;
    expect(refused).toMatchObject({ status: 409, detail: '材料不完整 Claim is incomplete' });
  });

  it('rejects an unknown action with 409 in every state', () => {
    for (const state of states) expect(outcome(() => wf.resolve(subject(state, 'admin', OK), 'explode'))).toBe(409);
  });

  it('checks the caller before the state: a stranger to the action hears 403 in every state, its actor 409', () => {
    for (const state of states) expect(outcome(() => wf.resolve(subject(state, 'unit', OK), 'approve')), state).toBe(403);
    expect(outcome(() => wf.resolve(subject('approved', 'staff', OK), 'approve'))).toBe(409);
  });

  it('counts relations as identities only when supplied for this object', () => {
    expect(wf.resolve({ state: 'draft', actor: actor(['member']), relations: ['owner'], ctx: OK }, 'submit')).toBe('submitted');
    expect(outcome(() => wf.resolve({ state: 'draft', actor: actor(['member']), ctx: OK }, 'submit'))).toBe(403);
    expect(outcome(() => wf.resolve({ state: 'draft', actor: actor(['member']), relations: ['proposer'], ctx: OK }, 'submit'))).toBe(403);
  });

  it('lets a caller with several identities use any transition that fits', () => {
    // staff who is also a leader: the unguarded staff transition applies even over the leader limit
    const s = { state: 'submitted' as S, actor: actor(['leader', 'staff']), ctx: BAD };
    expect(wf.resolve(s, 'approve')).toBe('approved');
    // an owner who is also staff may both withdraw and approve
    expect(wf.allowed({ ...s, relations: ['owner'] }).map((a) => a.action).sort()).toEqual(['approve', 'reject', 'withdraw']);
  });

  describe('allowed()', () => {
    const allCases = states.flatMap((state) => Object.keys(callers).flatMap((who) =>
      ([['OK', OK, 0], ['BAD', BAD, 1]] as const).map(([guards, ctx, i]) => ({ state, who, guards, ctx, i }))));

    it.each(allCases)('in $state for $who (guards $guards) lists exactly the actions resolve() permits', ({ state, who, ctx, i }) => {
      const permitted = actions.filter((a) => typeof expected[`${state}:${a}`][who]![i] === 'string');
      const listed = wf.allowed(subject(state, who, ctx)).map((a) => a.action);
      expect([...listed].sort()).toEqual([...permitted].sort());
    });

    it('gives labels, falling back to the action name for labelEn', () => {
      expect(wf.allowed(subject('submitted', 'staff', OK))).toEqual([
        { action: 'approve', label: '批准', labelEn: 'Approve' },
        { action: 'reject', label: '退回', labelEn: 'Reject' },
      ]);
      expect(wf.allowed(subject('submitted', 'owner', OK))).toEqual([{ action: 'withdraw', label: '撤回', labelEn: 'withdraw' }]);
    });

    it('lists an action once even when several of its transitions fit (one button per action)', () => {
      const both = { state: 'submitted' as S, actor: actor(['staff', 'leader']), ctx: OK };
      expect(wf.allowed(both)).toEqual([
        { action: 'approve', label: '批准', labelEn: 'Approve' },
        { action: 'reject', label: '退回', labelEn: 'Reject' },
      ]);
      // …and the label is that of the transition resolve() takes
      expect(wf.allowed({ state: 'submitted', actor: actor(['leader']), ctx: OK })).toEqual([{ action: 'approve', label: '领导批准', labelEn: 'Approve (leader)' }]);
    });
  });

  describe('definition checks', () => {
    it('throws on an unknown from-state, in a list too', () => {
      expect(() => defineWorkflow<S, C>('x', states, [{ from: 'archived' as S, action: 'a', to: 'draft', who: ['admin'], label: 'a' }])).toThrow('x: unknown state archived');
      expect(() => defineWorkflow<S, C>('x', states, [{ from: ['draft', 'limbo' as S], action: 'a', to: 'draft', who: ['admin'], label: 'a' }])).toThrow('x: unknown state limbo');
    });

    it('throws on an unknown target state', () => {
      expect(() => defineWorkflow<S, C>('x', states, [{ from: 'draft', action: 'a', to: 'done' as S, who: ['admin'], label: 'a' }])).toThrow('x: unknown state done');
    });

    it('accepts a valid definition and exposes it', () => {
      expect(wf.name).toBe('claim');
      expect(wf.states).toEqual(states);
      expect(wf.transitions).toHaveLength(6);
    });
  });
});
