import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plusMonths, today } from '../src/server/modules/handling/deadlines.ts';
import { proposalWorkflow } from '../src/server/modules/proposals/workflow.ts';
import { engines, testApp, type TestApp } from './helpers.ts';

// Every (state, action, caller) triple: the allowed ones succeed, every other one is refused
// (403, 409, or 404 for a caller who may not read the proposal) and changes nothing; a caller with no
// part in the action hears 403 whatever the state.

const CALLERS = ['member', 'member2', 'staff', 'leader', 'admin', 'unitA', 'unitB'] as const;
type Caller = (typeof CALLERS)[number];
type State = 'draft' | 'submitted' | 'filed' | 'assigned' | 'handling' | 'replied' | 'rehandling' | 'closed' | 'not_filed' | 'converted' | 'merged' | 'withdrawn';

/**
 * Written out by hand from api.md and the issue, not derived from the transition table.
 * The proposal is a joint one by `member` with `member2` invited; unit A leads, unit B co-handles
 * (and has not signed yet when the proposal reaches `handling`).
 */
const ALLOWED: Record<State, [string, Caller][]> = {
  draft: [['withdraw', 'member'], ['cosign', 'member2'], ['declineCosign', 'member2']],
  submitted: [['withdraw', 'member'], ['file', 'staff'], ['reject', 'staff'], ['convert', 'staff'], ['merge', 'staff'], ['sendBack', 'staff'], ['classify', 'staff']],
  filed: [['assign', 'staff'], ['markKey', 'staff'], ['classify', 'staff']],
  assigned: [['reassign', 'staff'], ['markKey', 'staff'], ['classify', 'staff'], ['sign', 'unitA'], ['return', 'unitA'], ['sign', 'unitB'], ['return', 'unitB']],
  handling: [['reassign', 'staff'], ['markKey', 'staff'], ['classify', 'staff'], ['sign', 'unitB'], ['return', 'unitB'], ['logContact', 'unitA'], ['requestExtension', 'unitA'], ['reply', 'unitA']],
  replied: [['evaluate', 'member'], ['rate', 'unitA'], ['markKey', 'staff'], ['classify', 'staff']],
  rehandling: [['reply', 'unitA'], ['logContact', 'unitA'], ['requestExtension', 'unitA'], ['rate', 'unitA'], ['markKey', 'staff'], ['classify', 'staff']],
  closed: [['publish', 'staff'], ['exempt', 'staff'], ['rate', 'unitA'], ['markKey', 'staff'], ['classify', 'staff']],
  not_filed: [], converted: [], merged: [], withdrawn: [],
};
/** Triples the table lets through to a guard that refuses them here (409 with the reason). */
const GUARDED: Record<string, [string, Caller][]> = {
  draft: [['submit', 'member']], // the co-signer has not confirmed
  assigned: [['grantExtension', 'staff'], ['refuseExtension', 'staff']], // nothing pending
  handling: [['grantExtension', 'staff'], ['refuseExtension', 'staff']],
  rehandling: [['grantExtension', 'staff'], ['refuseExtension', 'staff']],
};

/** The parts each caller plays in that proposal at some stage (roles and relations), written out by hand. */
const PARTS: Record<Caller, string[]> = {
  member: ['member', 'proposer'], member2: ['member', 'pendingCosigner', 'cosigner'], staff: ['staff'], leader: ['leader'], admin: ['admin'],
  unitA: ['unit', 'unsignedUnit', 'leadUnit'], unitB: ['unit', 'unsignedUnit', 'coUnit'],
};
/** An action none of the caller's parts may ever take: "not yours" (403) comes before "not now" (409). */
const notTheirs = (action: string, caller: Caller) =>
  !proposalWorkflow.transitions.some((t) => t.action === action && t.who.some((w) => PARTS[caller].includes(w)));

describe.each(engines)('proposal (state, action, caller) triples (%s)', (engine) => {
  let t: TestApp;
  let keptId: string; // a filed proposal to merge into
  beforeAll(async () => { t = await testApp(engine); keptId = (await reach('filed')).id; }, 180_000);
  afterAll(async () => { await t?.close(); });

  const post = async (user: Caller, url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: await t.as(user), payload });
  const must = async (user: Caller, id: string, action: string, payload: object = {}) => {
    const res = await post(user, `/api/v1/proposals/${id}/actions/${action}`, payload);
    if (res.statusCode !== 200) throw new Error(`${user} ${action}: ${res.statusCode} ${res.body}`);
  };
  const body = (action: string): object => ({
    reject: { reason: '属于个人或家庭事务' }, sendBack: { reason: '请一事一案' }, convert: { to: 'opinion', reason: '适合以社情民意反映' }, merge: { intoId: keptId },
    assign: { units: [{ unitId: t.fx.unitIds.a, role: 'lead' }, { unitId: t.fx.unitIds.b, role: 'co' }] },
    reassign: { units: [{ unitId: t.fx.unitIds.a, role: 'lead' }], note: '调整承办单位' }, return: { reason: '不属于本单位职责' },
    opinion: { content: '协办意见' }, logContact: { kind: 'phone', date: today(), content: '电话沟通' },
    requestExtension: { dueDate: plusMonths(today(), 4), reason: '需要调研' }, grantExtension: {}, refuseExtension: { note: '不同意' },
    reply: { category: 'B', content: '已列入计划' }, evaluate: { satisfaction: 'satisfied', contacted: true },
    rate: { topic: 4, research: 3, feasibility: 5 }, declineCosign: { reason: '不熟悉该领域' }, markKey: { leaderUserId: t.fx.userIds.leader }, classify: { domain: '经济' }, exempt: { reason: '涉及个人隐私' },
  } as Record<string, object>)[action] ?? {};

  /** A fresh proposal driven through the API into `state`. */
  async function reach(state: State): Promise<{ id: string }> {
    const res = await post('member', '/api/v1/proposals', { title: `关于${state}的提案`, body: '建议……', kind: 'joint', domain: '社会', cosignerIds: [t.fx.memberIds[1]] });
    const id = res.json().id as string;
    const steps: Record<State, [Caller, string, object?][]> = {
      draft: [], withdrawn: [['member', 'withdraw']],
      submitted: [['member2', 'cosign'], ['member', 'submit']],
      filed: [['member2', 'cosign'], ['member', 'submit'], ['staff', 'file']],
      not_filed: [['member2', 'cosign'], ['member', 'submit'], ['staff', 'reject', body('reject')]],
      converted: [['member2', 'cosign'], ['member', 'submit'], ['staff', 'convert', body('convert')]],
      merged: [['member2', 'cosign'], ['member', 'submit'], ['staff', 'merge', { intoId: keptId }]],
      assigned: [['member2', 'cosign'], ['member', 'submit'], ['staff', 'file'], ['staff', 'assign', body('assign')]],
      handling: [['member2', 'cosign'], ['member', 'submit'], ['staff', 'file'], ['staff', 'assign', body('assign')], ['unitA', 'sign']],
      replied: [['member2', 'cosign'], ['member', 'submit'], ['staff', 'file'], ['staff', 'assign', body('assign')], ['unitA', 'sign'], ['unitA', 'reply', body('reply')]],
      rehandling: [['member2', 'cosign'], ['member', 'submit'], ['staff', 'file'], ['staff', 'assign', body('assign')], ['unitA', 'sign'], ['unitA', 'reply', body('reply')], ['member', 'evaluate', { satisfaction: 'unsatisfied' }]],
      closed: [['member2', 'cosign'], ['member', 'submit'], ['staff', 'file'], ['staff', 'assign', body('assign')], ['unitA', 'sign'], ['unitA', 'reply', body('reply')], ['member', 'evaluate', { satisfaction: 'satisfied' }]],
    };
    for (const [who, action, payload] of steps[state]) await must(who, id, action, payload);
    return { id };
  }

  /** Everything a refused action must leave untouched. */
  async function snapshot(id: string) {
    const read = await t.app.inject({ url: `/api/v1/proposals/${id}`, headers: await t.as('member') });
    const audit = await t.app.inject({ url: `/api/v1/audit?pageSize=1`, headers: await t.as('admin') });
    const notes = await t.app.inject({ url: '/api/v1/notifications?pageSize=1', headers: await t.as('staff') });
    return { proposal: read.json(), audit: audit.json().total, notes: notes.json().total };
  }

  for (const state of Object.keys(ALLOWED) as State[]) {
    it(`${state}: only the allowed callers may act, the rest change nothing`, async () => {
      const { id } = await reach(state);
      const allowed = new Set(ALLOWED[state].map(([a, c]) => `${a}/${c}`));
      const guarded = new Set((GUARDED[state] ?? []).map(([a, c]) => `${a}/${c}`));
      const before = await snapshot(id);
      for (const action of proposalWorkflow.actionNames) {
        for (const caller of CALLERS) {
          const key = `${action}/${caller}`;
          if (allowed.has(key)) continue;
          const res = await post(caller, `/api/v1/proposals/${id}/actions/${action}`, body(action));
          if (guarded.has(key)) expect(res.statusCode, key).toBe(409);
          else if (res.statusCode !== 404 && notTheirs(action, caller)) expect(res.statusCode, `${key} → ${res.body}`).toBe(403);
          else expect([403, 404, 409], `${key} → ${res.statusCode} ${res.body}`).toContain(res.statusCode);
          expect(res.headers['content-type']).toContain('application/problem+json');
        }
      }
      expect(await snapshot(id)).toEqual(before);
      for (const [action, caller] of ALLOWED[state]) {
        const fresh = await reach(state);
        const res = await post(caller, `/api/v1/proposals/${fresh.id}/actions/${action}`, body(action));
        expect(res.statusCode, `${action}/${caller} → ${res.body}`).toBe(200);
        const listed = (await t.app.inject({ url: `/api/v1/proposals/${fresh.id}/history`, headers: await t.as('staff') }));
        if (listed.statusCode === 200) expect(listed.json().at(-1).action).toBe(action);
      }
    }, 120_000);
  }

  it('lists exactly the allowed actions for each caller', async () => {
    for (const state of ['submitted', 'assigned', 'handling', 'replied', 'closed'] as State[]) {
      const { id } = await reach(state);
      for (const caller of CALLERS) {
        const res = await t.app.inject({ url: `/api/v1/proposals/${id}/actions`, headers: await t.as(caller) });
        const expected = ALLOWED[state].filter(([, c]) => c === caller).map(([a]) => a).sort();
        if (res.statusCode === 404) { expect(expected).toEqual([]); continue; }
        expect(res.json().map((a: { action: string }) => a.action).sort(), `${state}/${caller}`).toEqual(expected);
      }
    }
  }, 120_000);
});
