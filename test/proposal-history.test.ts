import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { day, engines, testApp, type TestApp } from './helpers.ts';

// The history of a published proposal: what units and staff tell each other (here the refusal of an
// extension and its reason) is for them; the proposer sees the entry without the note; a reader with
// no part in it sees its public course only.

const REFUSAL = '内部意见：财政资金尚未落实，请按期答复';
const REQUEST = '需要与住建部门协调用地';

describe.each(engines)('proposal history by reader (%s)', (engine) => {
  let t: TestApp;
  let id: string;
  const history = async (login: string) => {
    const res = await t.app.inject({ url: `/api/v1/proposals/${id}/history`, headers: await t.as(login) });
    expect(res.statusCode, login).toBe(200);
    return { body: res.body, entries: res.json() as { action: string; note: string | null }[] };
  };

  beforeAll(async () => {
    t = await testApp(engine);
    const ok = async (login: string, url: string, payload: object = {}) => {
      const res = await t.app.inject({ method: 'POST', url, headers: await t.as(login), payload });
      if (res.statusCode >= 300) throw new Error(`${login} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    id = (await ok('member', '/api/v1/proposals', { title: '关于建设社区公园的提案', body: '建议在老城区建设口袋公园。', kind: 'member' })).id;
    const act = (login: string, action: string, payload: object = {}) => ok(login, `/api/v1/proposals/${id}/actions/${action}`, payload);
    await act('member', 'submit');
    await act('staff', 'file');
    await act('staff', 'assign', { units: [{ unitId: t.fx.unitIds.a, role: 'lead' }] });
    await act('unitA', 'sign');
    await act('unitA', 'requestExtension', { dueDate: day(120), reason: REQUEST });
    await act('staff', 'refuseExtension', { note: REFUSAL });
    await act('unitA', 'reply', { category: 'B', content: '已列入明年计划。' });
    await act('member', 'evaluate', { satisfaction: 'basic' });
    await act('staff', 'publish');
  });
  afterAll(async () => { await t?.close(); });

  it('shows the internal notes to staff, leaders and the handling unit', async () => {
    for (const login of ['staff', 'leader', 'admin', 'unitA']) {
      const { entries } = await history(login);
      expect(entries.find((e) => e.action === 'refuseExtension')?.note, login).toBe(REFUSAL);
      expect(entries.find((e) => e.action === 'requestExtension')?.note, login).toContain(REQUEST);
    }
  });

  it('shows the proposer every step, without the notes between the unit and the office', async () => {
    const { body, entries } = await history('member');
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['requestExtension', 'refuseExtension', 'reply', 'publish']));
    expect(body).not.toContain(REFUSAL);
    expect(body).not.toContain(REQUEST);
    expect(entries.find((e) => e.action === 'reply')?.note).toBe('B类');
  });

  it('shows others of the committee only the public course of a published proposal', async () => {
    for (const login of ['member2', 'unitB']) {
      const { body, entries } = await history(login);
      expect(body, login).not.toContain(REFUSAL);
      expect(body, login).not.toContain(REQUEST);
      expect(entries.map((e) => e.action), login).toEqual(['submit', 'file', 'assign', 'sign', 'reply', 'evaluate', 'publish']);
      expect(entries.find((e) => e.action === 'file')?.note, login).toMatch(/^第\d+号$/);
    }
  });
});
