import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicWorkflow } from '../src/server/modules/consultations/topic-workflow.ts';
import { today } from '../src/server/modules/handling/deadlines.ts';
import { engines, sessionHeaders, testApp, type TestApp } from './helpers.ts';

// Every (state, action, caller) triple of the topic table (开门式选题): the allowed ones succeed, every
// other one is refused (403 for a caller with no part in the action, whatever the state; 409 for an
// action the state does not allow or a support given twice or never; 404 for another committee, and
// for a member of the public on another's topic that is no longer public) and changes nothing.

const CALLERS = ['proposer', 'member', 'staff', 'leader', 'admin', 'unitA', 'netizen', 'otherStaff'] as const;
type Caller = (typeof CALLERS)[number];
type State = 'proposed' | 'shortlisted' | 'picked' | 'declined' | 'merged';
const SUPPORTERS: Caller[] = ['member', 'staff', 'leader', 'admin', 'unitA', 'netizen'];

/** Written out by hand from the issue, not derived from the transition table. */
const ALLOWED: Record<State, [string, Caller][]> = {
  proposed: [['shortlist', 'staff'], ['decline', 'staff'], ['decline', 'leader'], ['merge', 'staff'], ...SUPPORTERS.map((c) => ['support', c] as [string, Caller])],
  shortlisted: [['pick', 'leader'], ['decline', 'staff'], ['decline', 'leader'], ['merge', 'staff'], ...SUPPORTERS.map((c) => ['support', c] as [string, Caller])],
  picked: [], declined: [], merged: [],
};
/** Who has any part in an action (else 403 in every state). */
const PART: Record<string, Caller[]> = {
  shortlist: ['staff'], pick: ['leader'], decline: ['staff', 'leader'], merge: ['staff'], support: SUPPORTERS, unsupport: SUPPORTERS,
};
const YEAR = Number(today().slice(0, 4));

describe.each(engines)('topic (state, action, caller) triples (%s)', (engine) => {
  let t: TestApp;
  let into: string;
  let netizen: Record<string, string>;
  beforeAll(async () => {
    t = await testApp(engine);
    const made = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: await t.as('admin'), payload: { username: 'netizen', password: t.fx.password, roles: ['public'] } });
    expect(made.statusCode, made.body).toBe(201);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'netizen', password: t.fx.password, org: t.fx.orgId } });
    netizen = sessionHeaders(login.cookies.find((c) => c.name === 'tx_session')!.value);
    into = await reach('proposed');
  }, 180_000);
  afterAll(async () => { await t?.close(); });

  const headersOf = async (caller: Caller) => (caller === 'netizen' ? netizen : t.as(caller === 'proposer' ? 'member2' : caller));
  const post = async (caller: Caller, url: string, payload: object = {}) => t.app.inject({ method: 'POST', url, headers: await headersOf(caller), payload });
  const BODIES: Record<string, () => object> = {
    shortlist: () => ({}), pick: () => ({ as: 'consultation', kind: 'bimonthly' }), decline: () => ({ answer: '已有类似协商安排，感谢关注' }),
    merge: () => ({ intoId: into }), support: () => ({}), unsupport: () => ({}),
  };
  const PATH: Record<State, [string, Caller][]> = {
    proposed: [], shortlisted: [['shortlist', 'staff']], picked: [['shortlist', 'staff'], ['pick', 'leader']],
    declined: [['decline', 'staff']], merged: [['merge', 'staff']],
  };

  /** A fresh topic of member2's (the proposer) driven through the API into `state` (each its own title: a repeat is refused). */
  let made = 0;
  async function reach(state: State): Promise<string> {
    const res = await post('proposer', '/api/v1/consultations/topics', { year: YEAR, title: `关于${state}的选题${++made}`, reason: '理由' });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    for (const [action, caller] of PATH[state]) {
      const r = await post(caller, `/api/v1/consultations/topics/${id}/actions/${action}`, BODIES[action]!());
      if (r.statusCode !== 200) throw new Error(`${action}: ${r.statusCode} ${r.body}`);
    }
    return id;
  }

  async function snapshot(id: string) {
    const read = await t.app.inject({ url: `/api/v1/consultations/topics/${id}`, headers: await t.as('staff') });
    const audit = await t.app.inject({ url: '/api/v1/audit?pageSize=1', headers: await t.as('admin') });
    return { topic: read.json(), audit: audit.json().total };
  }

  const refusal = (state: State, action: string, caller: Caller) => {
    if (caller === 'otherStaff') return 404;
    if (caller === 'netizen' && (state === 'declined' || state === 'merged')) return 404;
    return PART[action]!.includes(caller) ? 409 : 403;
  };

  for (const state of Object.keys(ALLOWED) as State[]) {
    it(`${state}: only the allowed callers may act, the rest change nothing`, async () => {
      const id = await reach(state);
      const allowed = new Set(ALLOWED[state].map(([a, c]) => `${a}/${c}`));
      const before = await snapshot(id);
      for (const action of topicWorkflow.actionNames) {
        for (const caller of CALLERS) {
          const key = `${action}/${caller}`;
          if (allowed.has(key)) continue;
          const res = await post(caller, `/api/v1/consultations/topics/${id}/actions/${action}`, BODIES[action]!());
          expect(res.statusCode, `${key} → ${res.body}`).toBe(refusal(state, action, caller));
          expect(res.headers['content-type']).toContain('application/problem+json');
        }
      }
      expect(await snapshot(id)).toEqual(before);
      for (const [action, caller] of ALLOWED[state]) {
        const fresh = await reach(state);
        const res = await post(caller, `/api/v1/consultations/topics/${fresh}/actions/${action}`, BODIES[action]!());
        expect(res.statusCode, `${action}/${caller} → ${res.body}`).toBe(200);
        const history = (await t.app.inject({ url: `/api/v1/consultations/topics/${fresh}/history`, headers: await t.as('leader') })).json();
        expect(history.at(-1)).toMatchObject({ action, from: state, to: res.json().state });
        // Having supported, the supporter may withdraw it, once.
        if (action === 'support') {
          expect((await post(caller, `/api/v1/consultations/topics/${fresh}/actions/unsupport`)).statusCode).toBe(200);
          expect((await post(caller, `/api/v1/consultations/topics/${fresh}/actions/unsupport`)).statusCode).toBe(409);
        }
      }
    }, 180_000);
  }

  it('lists exactly the allowed actions for each caller', async () => {
    for (const state of Object.keys(ALLOWED) as State[]) {
      const id = await reach(state);
      for (const caller of CALLERS) {
        const res = await t.app.inject({ url: `/api/v1/consultations/topics/${id}/actions`, headers: await headersOf(caller) });
        if (refusal(state, 'shortlist', caller) === 404) { expect(res.statusCode, `${state}/${caller}`).toBe(404); continue; }
        const expected = ALLOWED[state].filter(([, c]) => c === caller).map(([a]) => a).sort();
        expect(res.json().map((a: { action: string }) => a.action).sort(), `${state}/${caller}`).toEqual(expected);
      }
    }
  }, 120_000);
});
