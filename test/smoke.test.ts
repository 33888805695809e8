import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, expectProblem, testApp, type TestApp } from './helpers.ts';

describe.each(engines)('org module over HTTP (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await testApp(engine); });
  afterAll(async () => { await t?.close(); });

  it('answers health with the engine', async () => {
    const res = await t.app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', db: engine });
  });

  it('creates, lists and finds a member', async () => {
    const h = await t.as('staff');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/members', headers: h, payload: { name: '孙七', sectorId: t.fx.sectorIds[0], party: '民建', standing: false, committeeIds: [t.fx.committeeId] } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: '孙七', sectorName: '教育界', committeeNames: ['提案委员会'] });
    const list = await t.app.inject({ url: `/api/v1/members?q=孙&sectorId=${t.fx.sectorIds[0]}`, headers: h });
    expect(list.json()).toMatchObject({ total: 1, items: [{ name: '孙七' }] });
  });

  it('rejects an unknown field naming it', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/sectors', headers: await t.as('staff'), payload: { name: 'x', bogus: 1 } });
    const p = expectProblem(res, 400);
    expect(p.errors[0]!.path).toBe('/bogus');
  });
});
