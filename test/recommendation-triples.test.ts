import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plusMonths, today } from '../src/server/modules/handling/deadlines.ts';
import { recommendationWorkflow } from '../src/server/modules/consultations/recommendation-workflow.ts';
import { engines, testApp, type TestApp } from './helpers.ts';

// Every (state, action, caller) triple of a consultation recommendation's table: the allowed ones
// succeed, every other one is refused (403, 409, or 404 for a caller who may not read it) and
// changes nothing; a caller with no part in the action hears 403 whatever the state.

const CALLERS = ['member', 'staff', 'leader', 'admin', 'unitA', 'unitB', 'otherStaff'] as const;
type Caller = (typeof CALLERS)[number];
type State = 'pending' | 'assigned' | 'handling' | 'replied' | 'rehandling' | 'closed';

/** Written out by hand from api.md ("handled and replied to exactly like proposals") and the issue. Unit A leads, unit B co-handles. */
const ALLOWED: Record<State, [string, Caller][]> = {
  pending: [['assign', 'staff']],
  assigned: [['reassign', 'staff'], ['sign', 'unitA'], ['sign', 'unitB'], ['return', 'unitA'], ['return', 'unitB']],
  handling: [['reassign', 'staff'], ['opinion', 'unitB'], ['logContact', 'unitA'], ['logContact', 'unitB'], ['requestExtension', 'unitA'], ['reply', 'unitA']],
  replied: [['evaluate', 'staff'], ['recordOutcome', 'staff'], ['noOutcome', 'staff']],
  rehandling: [['opinion', 'unitB'], ['logContact', 'unitA'], ['logContact', 'unitB'], ['requestExtension', 'unitA'], ['reply', 'unitA']],
  closed: [['recordOutcome', 'staff'], ['noOutcome', 'staff']],
};
/** Let through by the table to a guard that refuses them here: no extension is pending. */
const GUARDED: Partial<Record<State, [string, Caller][]>> = {
  assigned: [['grantExtension', 'staff'], ['refuseExtension', 'staff']],
  handling: [['grantExtension', 'staff'], ['refuseExtension', 'staff']],
  rehandling: [['grantExtension', 'staff'], ['refuseExtension', 'staff']],
};
const PARTS: Record<Caller, string[]> = {
  member: ['member'], staff: ['staff'], leader: ['leader'], admin: ['admin'], otherStaff: ['staff'],
  unitA: ['unit', 'unsignedUnit', 'leadUnit'], unitB: ['unit', 'unsignedUnit', 'coUnit'],
};
const notTheirs = (action: string, caller: Caller) =>
  !recommendationWorkflow.transitions.some((t) => t.action === action && t.who.some((w) => PARTS[caller].includes(w)));

describe.each(engines)('recommendation (state, action, caller) triples (%s)', (engine) => {
  let t: TestApp;
  let consultationId: string;
  beforeAll(async () => {
    t = await testApp(engine);
    consultationId = (await post('staff', '/api/v1/consultations', { title: '关于发展托育服务的协商', kind: 'bimonthly', year: 2031 })).json().id;
    for (const a of ['prepare', 'convene', 'conclude']) await post('staff', `/api/v1/consultations/${consultationId}/actions/${a}`, {});
  }, 180_000);
  afterAll(async () => { await t?.close(); });

  async function post(user: Caller, url: string, payload: object) {
    return t.app.inject({ method: 'POST', url, headers: await t.as(user), payload });
  }
  const body = (action: string): object => ({
    assign: { units: [{ unitId: t.fx.unitIds.a, role: 'lead' }, { unitId: t.fx.unitIds.b, role: 'co' }] },
    reassign: { units: [{ unitId: t.fx.unitIds.a, role: 'lead' }, { unitId: t.fx.unitIds.b, role: 'co' }], note: '调整' },
    return: { reason: '不属于本单位职责' }, opinion: { content: '协办意见' }, logContact: { kind: 'phone', date: today(), content: '电话沟通' },
    requestExtension: { dueDate: plusMonths(today(), 4), reason: '需要调研' }, refuseExtension: { note: '不同意' },
    reply: { category: 'B', content: '已列入计划' }, evaluate: { satisfaction: 'satisfied' },
    recordOutcome: { kind: 'government', title: '实施意见', progress: 50 }, noOutcome: { reason: '涉及省级事权' },
  } as Record<string, object>)[action] ?? {};

  async function reach(state: State): Promise<string> {
    const id = (await post('staff', `/api/v1/consultations/${consultationId}/recommendations`, { title: `建议（${state}）`, content: '建议内容' })).json().id as string;
    const path: [Caller, string, object?][] = [['staff', 'assign'], ['unitA', 'sign'], ['unitB', 'sign'], ['unitA', 'reply']];
    const steps: Record<State, [Caller, string, object?][]> = {
      pending: [], assigned: path.slice(0, 1), handling: path.slice(0, 3), replied: path,
      rehandling: [...path, ['staff', 'evaluate', { satisfaction: 'unsatisfied' }]], closed: [...path, ['staff', 'evaluate']],
    };
    for (const [who, action, payload] of steps[state]) {
      const res = await post(who, `/api/v1/recommendations/${id}/actions/${action}`, payload ?? body(action));
      if (res.statusCode !== 200) throw new Error(`${who} ${action}: ${res.statusCode} ${res.body}`);
    }
    return id;
  }

  async function snapshot(id: string) {
    const read = await t.app.inject({ url: `/api/v1/recommendations/${id}`, headers: await t.as('staff') });
    const audit = await t.app.inject({ url: '/api/v1/audit?pageSize=1', headers: await t.as('admin') });
    return { recommendation: read.json(), audit: audit.json().total };
  }

  for (const state of Object.keys(ALLOWED) as State[]) {
    it(`${state}: only the allowed callers may act, the rest change nothing`, async () => {
      const id = await reach(state);
      const allowed = new Set(ALLOWED[state].map(([a, c]) => `${a}/${c}`));
      const guarded = new Set((GUARDED[state] ?? []).map(([a, c]) => `${a}/${c}`));
      const before = await snapshot(id);
      for (const action of recommendationWorkflow.actionNames) {
        for (const caller of CALLERS) {
          const key = `${action}/${caller}`;
          if (allowed.has(key)) continue;
          const res = await post(caller, `/api/v1/recommendations/${id}/actions/${action}`, body(action));
          if (caller === 'otherStaff' || (state === 'pending' && caller.startsWith('unit'))) expect(res.statusCode, key).toBe(404);
          else if (guarded.has(key)) expect(res.statusCode, key).toBe(409);
          else if (notTheirs(action, caller)) expect(res.statusCode, `${key} → ${res.body}`).toBe(403);
          else expect([403, 409], `${key} → ${res.statusCode} ${res.body}`).toContain(res.statusCode);
          expect(res.headers['content-type']).toContain('application/problem+json');
        }
      }
      expect(await snapshot(id)).toEqual(before);
      for (const [action, caller] of ALLOWED[state]) {
        const fresh = await reach(state);
        const res = await post(caller, `/api/v1/recommendations/${fresh}/actions/${action}`, body(action));
        expect(res.statusCode, `${action}/${caller} → ${res.body}`).toBe(200);
        const history = (await t.app.inject({ url: `/api/v1/recommendations/${fresh}/history`, headers: await t.as('staff') })).json();
        expect(history.at(-1).action).toBe(action);
      }
    }, 120_000);
  }

  it('lists exactly the allowed actions for each caller', async () => {
    for (const state of Object.keys(ALLOWED) as State[]) {
      const id = await reach(state);
      for (const caller of CALLERS) {
        const res = await t.app.inject({ url: `/api/v1/recommendations/${id}/actions`, headers: await t.as(caller) });
        const expected = ALLOWED[state].filter(([, c]) => c === caller).map(([a]) => a).sort();
        if (res.statusCode === 404) { expect(expected).toEqual([]); continue; }
        expect(res.json().map((a: { action: string }) => a.action).sort(), `${state}/${caller}`).toEqual(expected);
      }
    }
  }, 120_000);
});
