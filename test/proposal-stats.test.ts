import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { assignments } from '../src/server/modules/handling/schema.ts';
import { day, engines, expectProblem, proposalIn, testApp, type TestApp } from './helpers.ts';

describe.each(engines)('proposal statistics (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(engine);
    const ok = async (user: string, id: string, action: string, payload: object = {}) => {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${id}/actions/${action}`, headers: await t.as(user), payload });
      if (res.statusCode !== 200) throw new Error(`${action}: ${res.body}`);
    };
    const handled = async (title: string, unit: 'a' | 'b', category: string, satisfaction: string, resultSatisfaction?: string) => {
      const p = (await t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as('member'), payload: { title, body: '建议……', kind: 'member', domain: '社会' } })).json();
      await ok('member', p.id, 'submit');
      await ok('staff', p.id, 'file');
      await ok('staff', p.id, 'assign', { units: [{ unitId: t.fx.unitIds[unit], role: 'lead' }] });
      const clerk = unit === 'a' ? 'unitA' : 'unitB';
      await ok(clerk, p.id, 'sign');
      await ok(clerk, p.id, 'reply', { category, content: '答复' });
      await ok('member', p.id, 'evaluate', { satisfaction, resultSatisfaction });
      return p.id as string;
    };
    const p1 = await handled('关于一的提案', 'a', 'A', 'satisfied', 'basic');
    await ok('unitA', p1, 'rate', { topic: 5, research: 4, feasibility: 3 });
    await handled('关于二的提案', 'a', 'B', 'unsatisfied', 'unsatisfied');
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
    // 关于二的提案 is being handled again (不满意), its new reply not yet due: on time counts 关于一的提案 only
    expect(edu).toMatchObject({ received: 2, assigned: 2, replied: 2, replyRate: 100, onTime: 1, late: 0, onTimeRate: 100, evaluated: 2, satisfied: 1, unsatisfied: 1,
      satisfactionRate: 50, resultSatisfactionRate: 50, categoryA: 50, categoryB: 50, categoryC: 0, quality: 4 });
    // 市卫健委's proposer rated the handling only, not the result
    expect(s.rows.find((r: { key: string }) => r.key === '市卫健委')).toMatchObject({ categoryC: 100, satisfactionRate: 100, fullSatisfactionRate: 0, resultSatisfactionRate: null });
    expect(s.total).toMatchObject({ received: 4, filed: 3, notFiled: 1, replied: 3 });
  });

  it('groups by proposer, party, domain and session', async () => {
    expect((await stats('party')).rows.map((r: { key: string; received: number }) => [r.key, r.received])).toEqual([['中共', 3], ['民盟', 1]]);
    expect((await stats('member')).rows.find((r: { key: string }) => r.key === '张三')).toMatchObject({ received: 3, quality: 4, satisfactionRate: 66.7 });
    expect((await stats('domain')).rows.map((r: { key: string; received: number }) => [r.key, r.received])).toEqual([['社会', 3], ['经济', 1]]);
    expect((await stats('session')).rows[0]).toMatchObject({ key: '第五届第五次会议', filed: 3 });
  });

  it('counts only the proposals submitted within the period asked for', async () => {
    const within = async (q: string) => (await t.app.inject({ url: `/api/v1/proposals/stats?by=unit&${q}`, headers: await t.as('staff') })).json().total.received;
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10); // in China
    const tomorrow = new Date(Date.now() + 32 * 3_600_000).toISOString().slice(0, 10);
    expect(await within(`from=${today}&to=${today}`)).toBe(4);
    expect(await within(`from=${tomorrow}`)).toBe(0);
    expect(await within('to=2020-12-31')).toBe(0);
  });

  it('exports the overdue board and the key proposals to .xlsx', async () => {
    const sheet = async (url: string) => {
      const res = await t.app.inject({ url, headers: await t.as('staff') });
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as never);
      return wb.worksheets[0]!;
    };
    // the one open item (关于二的提案, back with 市教育局 after 不满意) is due within 180 days
    const board = await sheet('/api/v1/proposals/board.xlsx?days=180');
    expect(board.getRow(1).values).toEqual([undefined, '承办单位', '提案', '状态', '重点提案', '答复期限', '逾期天数', '已签收']);
    expect(board.getRow(2).getCell(1).value).toBe('市教育局');
    expect(board.getRow(2).getCell(2).value).toBe('关于二的提案');
    expect(board.getRow(2).getCell(3).value).toBe('重新办理');
    expect(board.rowCount).toBe(2);
    const key = await sheet('/api/v1/proposals/key.xlsx');
    expect(key.getRow(1).getCell(1).value).toBe('提案');
    expect(key.rowCount).toBe(1); // none is key here: the header alone
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

describe.each(engines)('on-time rate (%s)', (engine) => {
  let t: TestApp;
  let ids: Record<'onTime' | 'lateReply' | 'openPastDue' | 'notYetDue', string>;
  /** Time passes: the lead unit's reply was due `days` days ago. */
  const dueAgo = (id: string, days: number) => t.database.db.update(assignments).set({ dueOn: day(-days) })
    .where(and(eq(assignments.itemId, id), eq(assignments.role, 'lead')));
  beforeAll(async () => {
    t = await testApp(engine);
    const reply = async (id: string) => {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${id}/actions/reply`, headers: await t.as('unitA'), payload: { category: 'B', content: '答复' } });
      if (res.statusCode !== 200) throw new Error(res.body);
    };
    ids = {
      onTime: await proposalIn(t, 'replied', '按期答复的提案'),
      lateReply: await proposalIn(t, 'handling', '逾期才答复的提案'),
      openPastDue: await proposalIn(t, 'handling', '逾期未答复的提案'),
      notYetDue: await proposalIn(t, 'handling', '尚未到期的提案'),
    };
    await dueAgo(ids.lateReply, 3);
    await reply(ids.lateReply);
    await dueAgo(ids.openPastDue, 3);
  }, 180_000);
  afterAll(async () => { await t?.close(); });

  it('counts a late reply and an item open past its due date as late, one not yet due not at all', async () => {
    const s = (await t.app.inject({ url: '/api/v1/proposals/stats?by=unit', headers: await t.as('staff') })).json();
    const edu = s.rows.find((r: { key: string }) => r.key === '市教育局');
    expect(edu).toMatchObject({ assigned: 4, replied: 2, onTime: 1, late: 2, onTimeRate: 33.3 });
    expect(s.total).toMatchObject({ onTime: 1, late: 2, onTimeRate: 33.3 });
  });

  it('gives the overdue board the same figures per unit', async () => {
    const board = (await t.app.inject({ url: '/api/v1/proposals/board?days=14', headers: await t.as('staff') })).json();
    const edu = board.items.find((u: { unitName: string }) => u.unitName === '市教育局');
    expect(edu).toMatchObject({ overdue: 1, onTime: 1, late: 2, onTimeRate: 33.3 });
    expect(edu.items.map((i: { proposalId: string }) => i.proposalId)).toEqual([ids.openPastDue]);
  });
});
