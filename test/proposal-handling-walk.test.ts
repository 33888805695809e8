import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, engines, expectProblem, proposalIn, testApp, type TestApp } from './helpers.ts';
import { rankUnits } from '../src/server/modules/proposals/similar.ts';

// What a walk through 双评 handling found: an extension request outliving the assignment it asked
// for, the office's to-do without pending requests, returned proposals unmarked in the lists, a
// session's statistics without its unfiled proposals, and one handling unit suggested where the
// co-handling units are the other likely ones.

describe.each(engines)('proposal handling (%s)', (engine) => {
  let t: TestApp;
  const { ok, call } = apiAs(() => t);
  const act = (login: string, id: string, action: string, body: object = {}) => ok(login, 'POST', `/proposals/${id}/actions/${action}`, body);
  const todos = async (login: string) => (await ok(login, 'GET', '/todos')).items as { kind: string; title: string; params: Record<string, number>; href: string }[];
  beforeAll(async () => { t = await testApp(engine); });
  afterAll(async () => { await t?.close(); });

  it('settles a pending extension request when the unit replies: not offered to decide, withdrawn, said in the history', async () => {
    const id = await proposalIn(t, 'extensionAsked', '关于老旧小区加装电梯的提案');
    expect((await ok('staff', 'GET', '/proposals/extensions')).items.map((x: { proposalId: string }) => x.proposalId)).toContain(id);
    expect((await todos('staff')).find((x) => x.kind === 'extensions')).toMatchObject({ params: { n: 1 }, href: '/proposals/extensions', title: '待审批的延期申请 1 件' });
    await act('unitA', id, 'reply', { category: 'B', content: '已列入明年计划。' });
    expect((await ok('staff', 'GET', '/proposals/extensions')).items.map((x: { proposalId: string }) => x.proposalId)).not.toContain(id);
    expect((await todos('staff')).some((x) => x.kind === 'extensions')).toBe(false);
    expectProblem(await call('staff', 'POST', `/proposals/${id}/actions/grantExtension`, {}), 409);
    const p = await ok('staff', 'GET', `/proposals/${id}`);
    expect(p.extensions).toMatchObject([{ state: 'withdrawn', decisionNote: '已答复', decidedAt: expect.any(String) }]);
    const history = await ok('staff', 'GET', `/proposals/${id}/history`) as { action: string; note: string | null }[];
    expect(history.find((h) => h.action === 'reply')?.note).toBe('B类\n待审批的延期申请随之撤回');
    // The unit may ask again once it handles it anew (the proposer unsatisfied).
    await act('member', id, 'evaluate', { satisfaction: 'unsatisfied' });
    expect((await ok('unitA', 'GET', `/proposals/${id}/actions`)).map((a: { action: string }) => a.action)).toContain('requestExtension');
  });

  it('lets a request lapse when the office reassigns the proposal', async () => {
    const id = await proposalIn(t, 'extensionAsked', '关于完善社区托育服务的提案');
    await act('staff', id, 'reassign', { units: [{ unitId: t.fx.unitIds.b, role: 'lead' }], note: '调整主办单位' });
    expect((await ok('staff', 'GET', `/proposals/${id}`)).extensions).toMatchObject([{ state: 'lapsed', decisionNote: '已改办' }]);
    const history = await ok('staff', 'GET', `/proposals/${id}/history`) as { action: string; note: string | null }[];
    expect(history.find((h) => h.action === 'reassign')?.note).toBe('调整主办单位\n待审批的延期申请随之失效');
    expect((await ok('staff', 'GET', '/proposals/extensions')).items.map((x: { proposalId: string }) => x.proposalId)).not.toContain(id);
  });

  it('marks a proposal a unit returned among those to assign, with the unit and its reason, and counts it in the to-do', async () => {
    const id = await proposalIn(t, 'assigned', '关于规范校外培训机构的提案');
    await act('unitA', id, 'return', { reason: '不属于本单位职责，建议交市场监管局' });
    const list = await ok('staff', 'GET', '/proposals?state=filed&pageSize=100');
    const item = list.items.find((x: { id: string }) => x.id === id);
    expect(item.returned).toMatchObject({ unitName: '市教育局', reason: '不属于本单位职责，建议交市场监管局', at: expect.any(String) });
    const other = await proposalIn(t, 'filed', '关于发展夜间经济的提案');
    expect(list.items.find((x: { id: string }) => x.id === other)?.returned ?? null).toBeNull();
    const assign = (await todos('staff')).find((x) => x.kind === 'assign')!;
    expect(assign.params.returned).toBe(1);
    expect(assign.title).toMatch(/^待交办的提案 \d+ 件（其中单位退回 1 件）$/);
    // Assigned again, it is no longer marked.
    await act('staff', id, 'assign', { units: [{ unitId: t.fx.unitIds.b, role: 'lead' }] });
    const again = await ok('staff', 'GET', '/proposals?state=assigned&pageSize=100');
    expect(again.items.find((x: { id: string }) => x.id === id).returned).toBeNull();
  });

  it('counts every proposal of a session in its statistics: not filed, converted and merged too', async () => {
    const terms = (await ok('staff', 'GET', '/terms')).items as { number: number; sessions: { id: string; number: number }[] }[];
    const session = terms.find((x) => x.number === 5)!.sessions.find((s) => s.number === 5)!.id;
    const before = (await ok('staff', 'GET', `/proposals/stats?by=session&sessionId=${session}`)).total;
    const kept = await proposalIn(t, 'filed', '关于建设城市绿道的提案');
    await act('staff', await proposalIn(t, 'submitted', '关于调整个人住房问题的提案'), 'reject', { reason: '属于个人或家庭事务' });
    await act('staff', await proposalIn(t, 'submitted', '关于某小区噪音扰民的提案'), 'convert', { to: 'letter', reason: '宜作委员来信办理' });
    await act('staff', await proposalIn(t, 'submitted', '关于建设城市绿道网络的提案'), 'merge', { intoId: kept });
    const stats = await ok('staff', 'GET', `/proposals/stats?by=session&sessionId=${session}`);
    expect(stats.total).toMatchObject({ received: before.received + 4, filed: before.filed + 1, notFiled: before.notFiled + 1, converted: before.converted + 1, merged: before.merged + 1 });
    // By session the rows add up to the total: the unfiled ones are of the session filing would have given them.
    expect(stats.rows.map((r: { key: string }) => r.key)).toEqual(['第五届第五次会议']);
    expect(stats.rows[0]).toMatchObject({ received: stats.total.received, notFiled: stats.total.notFiled, merged: stats.total.merged });
    // The same proposals whatever the grouping; by unit, only the assigned ones are of a unit.
    const byUnit = await ok('staff', 'GET', `/proposals/stats?by=unit&sessionId=${session}`);
    expect(byUnit.total.received).toBe(stats.total.received);
    expect(byUnit.rows.reduce((n: number, r: { received: number }) => n + r.received, 0)).toBeLessThan(byUnit.total.received);
    const earlier = terms.find((x) => x.number === 5)!.sessions.find((s) => s.number === 4)!.id;
    expect((await ok('staff', 'GET', `/proposals/stats?by=session&sessionId=${earlier}`)).total.received).toBe(0);
  });

  it('suggests the co-handling units of similar proposals beside their lead unit', async () => {
    const past = [
      ['关于加强青少年心理健康教育的提案', '当前中小学生抑郁、焦虑等心理问题呈上升趋势，学校心理健康教师配备不足。建议配齐专职心理健康教师，建立学生心理健康筛查和预警干预机制，畅通学校与精神卫生医疗机构的转介通道。'],
      ['关于健全学生心理健康服务体系的提案', '建议完善家校医协同的学生心理健康服务体系，医疗机构开设儿童青少年心理门诊，学校定期开展心理健康测评，加强心理危机干预。'],
      ['关于构建家校医协同心理健康服务机制的提案', '青少年心理问题需要学校、家庭和医院共同应对。建议建立心理健康教育与精神卫生服务衔接机制，开通心理援助热线。'],
    ];
    for (const [title, body] of past) {
      const { id } = await ok('member', 'POST', '/proposals', { title, body, kind: 'member' });
      await act('member', id, 'submit');
      await act('staff', id, 'file');
      await act('staff', id, 'assign', { units: [{ unitId: t.fx.unitIds.a, role: 'lead' }, { unitId: t.fx.unitIds.b, role: 'co' }] });
      await act('unitA', id, 'sign');
      await act('unitB', id, 'sign');
    }
    const { id } = await ok('member2', 'POST', '/proposals', { title: '关于重视青少年心理健康工作的提案', body: '建议加强中小学心理健康教育，建立学生心理问题早发现早干预机制，推动学校与医院心理门诊协作。', kind: 'member' });
    await act('member2', id, 'submit');
    await act('staff', id, 'file');
    await new Promise((r) => setTimeout(r, 1100)); // (the similarity index syncs at most once a second)
    const suggested = await ok('staff', 'GET', `/proposals/${id}/suggested-units`) as { name: string; score: number }[];
    expect(suggested.map((s) => s.name)).toEqual(['市教育局', '市卫健委']);
    expect(suggested[0]!.score).toBeGreaterThan(suggested[1]!.score);
  });

  it('offers up to three units, leaving out a stray vote', () => {
    const hits = [{ id: 'p1', score: 0.9 }, { id: 'p2', score: 0.8 }, { id: 'p3', score: 0.5 }, { id: 'p4', score: 0.05 }];
    const handled = [
      { itemId: 'p1', unitId: 'edu', role: 'lead' }, { itemId: 'p1', unitId: 'health', role: 'co' }, { itemId: 'p2', unitId: 'edu', role: 'lead' },
      { itemId: 'p2', unitId: 'youth', role: 'co' }, { itemId: 'p3', unitId: 'health', role: 'lead' }, { itemId: 'p4', unitId: 'sports', role: 'lead' },
    ];
    expect(rankUnits(hits, handled, 3).map((u) => u.unitId)).toEqual(['edu', 'health', 'youth']);
    expect(rankUnits(hits, handled, 5).map((u) => u.unitId)).not.toContain('sports');
  });
});
