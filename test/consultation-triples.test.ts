import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultationWorkflow } from '../src/server/modules/consultations/workflow.ts';
import { engines, testApp, type TestApp } from './helpers.ts';

// Every (state, action, caller) triple of the consultation table: the allowed ones succeed, every
// other one is refused (403 for a caller with no part in the action, whatever the state; 409 for
// an action the state does not allow; 404 for another committee) and changes nothing.

const CALLERS = ['member', 'staff', 'leader', 'admin', 'unitA', 'otherStaff'] as const;
type Caller = (typeof CALLERS)[number];
type State = 'topic' | 'preparing' | 'consulting' | 'assigning' | 'handling' | 'tracking' | 'closed';

/** Written out by hand from api.md and the issue, not derived from the transition table. */
const ALLOWED: Record<State, [string, Caller][]> = {
  topic: [['prepare', 'staff']],
  preparing: [['convene', 'staff'], ['openComments', 'staff']],
  consulting: [['conclude', 'staff'], ['openComments', 'staff']],
  assigning: [['dispatch', 'staff']],
  handling: [['track', 'staff']],
  tracking: [['close', 'staff']],
  closed: [],
};
/** Bodies of the actions that need one (a bimonthly forum may open online comments). */
const BODY: Record<string, object> = { openComments: { moderation: 'post' } };
const PATH: [State, string][] = [['topic', 'prepare'], ['preparing', 'convene'], ['consulting', 'conclude'], ['assigning', 'dispatch'], ['handling', 'track'], ['tracking', 'close']];

describe.each(engines)('consultation (state, action, caller) triples (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await testApp(engine); }, 180_000);
  afterAll(async () => { await t?.close(); });

  const post = async (user: Caller, url: string, payload: object = {}) => t.app.inject({ method: 'POST', url, headers: await t.as(user), payload });

  /** A fresh consultation driven through the API into `state`. */
  async function reach(state: State): Promise<string> {
    const res = await post('staff', '/api/v1/consultations', { title: `关于${state}的协商`, kind: 'bimonthly', year: 2026 });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    for (const [from, action] of PATH) {
      if (from === state) break;
      const r = await post('staff', `/api/v1/consultations/${id}/actions/${action}`);
      if (r.statusCode !== 200) throw new Error(`${action}: ${r.statusCode} ${r.body}`);
    }
    return id;
  }

  async function snapshot(id: string) {
    const read = await t.app.inject({ url: `/api/v1/consultations/${id}`, headers: await t.as('staff') });
    const audit = await t.app.inject({ url: '/api/v1/audit?pageSize=1', headers: await t.as('admin') });
    return { consultation: read.json(), audit: audit.json().total };
  }

  for (const state of Object.keys(ALLOWED) as State[]) {
    it(`${state}: only the allowed callers may act, the rest change nothing`, async () => {
      const id = await reach(state);
      const allowed = new Set(ALLOWED[state].map(([a, c]) => `${a}/${c}`));
      const before = await snapshot(id);
      for (const action of consultationWorkflow.actionNames) {
        for (const caller of CALLERS) {
          const key = `${action}/${caller}`;
          if (allowed.has(key)) continue;
          const res = await post(caller, `/api/v1/consultations/${id}/actions/${action}`, BODY[action]);
          const want = caller === 'otherStaff' ? 404 : caller === 'staff' ? 409 : 403;
          expect(res.statusCode, `${key} → ${res.body}`).toBe(want);
          expect(res.headers['content-type']).toContain('application/problem+json');
        }
      }
      expect(await snapshot(id)).toEqual(before);
      for (const [action, caller] of ALLOWED[state]) {
        const fresh = await reach(state);
        const res = await post(caller, `/api/v1/consultations/${fresh}/actions/${action}`, BODY[action]);
        expect(res.statusCode, `${action}/${caller} → ${res.body}`).toBe(200);
        const history = (await t.app.inject({ url: `/api/v1/consultations/${fresh}/history`, headers: await t.as('leader') })).json();
        expect(history.at(-1)).toMatchObject({ action, from: state, to: res.json().state });
      }
    }, 120_000);
  }

  it('lists exactly the allowed actions for each caller', async () => {
    for (const state of Object.keys(ALLOWED) as State[]) {
      const id = await reach(state);
      for (const caller of CALLERS) {
        const res = await t.app.inject({ url: `/api/v1/consultations/${id}/actions`, headers: await t.as(caller) });
        if (caller === 'otherStaff') { expect(res.statusCode).toBe(404); continue; }
        const expected = ALLOWED[state].filter(([, c]) => c === caller).map(([a]) => a).sort();
        expect(res.json().map((a: { action: string }) => a.action).sort(), `${state}/${caller}`).toEqual(expected);
      }
    }
  }, 120_000);
});
