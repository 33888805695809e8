import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, expectProblem, testApp, type TestApp } from './helpers.ts';

describe.each(engines)('proposal statistics (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(engine);
    const ok = async (user: string, id: string, action: string, payload: object = {}) => {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${id}/actions/${action}`, headers: await t.as(user), payload });
      if (res.statusCode !== 200) throw new Error(`${action}: ${res.body}`);
    };
    const handled = async (title: string, unit: 'a' | 'b', category: string, satisfaction: string) => {
      const p = (await t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as('member'), payload: { title, body: '建议……', kind: 'member', domain: '社会' } })).json();
      await ok('member', p.id, 'submit');
      await ok('staff', p.id, 'file');
      await ok('staff', p.id, 'assign', { units: [{ unitId: t.fx.unitIds[unit], role: 'lead' }] });
      const clerk = unit === 'a' ? 'unitA' : 'unitB';
      await ok(clerk, p.id, 'sign');
      await ok(clerk, p.id, 'reply', { category, content: '答复' });
      await ok('member', p.id, 'evaluate', { satisfaction });
      return p.id as string;
    };
    const p1 = await handled('关于一的提案', 'a', 'A', 'satisfied');
    await ok('unitA', p1, 'rate', { topic: 5, research: 4, feasibility: 3 });
    await handled('关于二的提案', 'a', 'B', 'unsatisfied');
    await handled('关于三的提案', 'b', 'C', 'basic');
    const p4 = (await t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as('member2'), payload: { title: '关于四的提案', body: '建议……', kind: 'member', domain: '经济' } })).json();
    await ok('member2', p4.id, 'submit');
    await ok('staff', p4.id, 'reject', { reason: '属于个人或家庭事务' });
  }, 180_000);
  afterAll(async () => { await t?.close(); });

  const stats = async (by: string) => (await t.app.inject({ url: `/api/v1/proposals/stats?by=${by}`, headers: await t.as('staff') })).json();

  it('computes the rates per handling unit', async () => {
    const s = await stats('unit');
    const edu = s.rows.find((r: { key: string }) => r.key === '市教育局');
    expect(edu).toMatchObject({ received: 2, assigned: 2, replied: 2, replyRate: 100, onTime: 2, onTimeRate: 100, evaluated: 2, satisfied: 1, unsatisfied: 1,
      satisfactionRate: 50, categoryA: 50, categoryB: 50, categoryC: 0, quality: 4 });
    expect(s.rows.find((r: { key: string }) => r.key === '市卫健委')).toMatchObject({ categoryC: 100, satisfactionRate: 100, fullSatisfactionRate: 0 });
    expect(s.total).toMatchObject({ received: 4, filed: 3, notFiled: 1, replied: 3 });
  });

  it('groups by proposer, party, domain and session', async () => {
    expect((await stats('party')).rows.map((r: { key: string; received: number }) => [r.key, r.received])).toEqual([['中共', 3], ['民盟', 1]]);
    expect((await stats('member')).rows.find((r: { key: string }) => r.key === '张三')).toMatchObject({ received: 3, quality: 4, satisfactionRate: 66.7 });
    expect((await stats('domain')).rows.map((r: { key: string; received: number }) => [r.key, r.received])).toEqual([['社会', 3], ['经济', 1]]);
    expect((await stats('session')).rows[0]).toMatchObject({ key: '第五届第五次会议', filed: 3 });
  });

  it('exports the table to .xlsx and is closed to members', async () => {
    const res = await t.app.inject({ url: '/api/v1/proposals/stats.xlsx?by=unit', headers: await t.as('staff') });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('承办单位');
    expect(ws.getRow(ws.rowCount).getCell(1).value).toBe('合计');
    expectProblem(await t.app.inject({ url: '/api/v1/proposals/stats?by=unit', headers: await t.as('member') }), 403);
  });
});
