import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plusDays, today } from '../src/server/modules/handling/deadlines.ts';
import { apiAs, engines, expectProblem, snapshotter, testApp, type TestApp } from './helpers.ts';

// A consultation's recommendations (建议) through the handling engine, as proposals are handled:
// assigned to lead and co units, in the units' inboxes, signed, replied, evaluated; then tracked to
// their outcomes, and the consultation steps wait for them.

describe.each(engines)('consultation recommendations (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await testApp(engine); }, 180_000);
  afterAll(async () => { await t?.close(); });

  const { call, ok } = apiAs(() => t);
  const consultationAt = async (title: string) => {
    const c = await ok('staff', 'POST', '/consultations', { title, kind: 'bimonthly', year: 2031 });
    for (const a of ['prepare', 'convene', 'conclude']) await ok('staff', 'POST', `/consultations/${c.id}/actions/${a}`, {});
    return c.id as string;
  };
  const units = () => [{ unitId: t.fx.unitIds.a, role: 'lead' }, { unitId: t.fx.unitIds.b, role: 'co' }];

  it('carries recommendations from central assignment to tracked outcomes, and the consultation waits for them', async () => {
    const id = await consultationAt('关于发展托育服务的双月协商');
    const r1 = await ok('staff', 'POST', `/consultations/${id}/recommendations`, { title: '扩大普惠托位供给', content: '建议每千人口托位数达到4.5个。' });
    const r2 = await ok('staff', 'POST', `/consultations/${id}/recommendations`, { title: '加强托育人才培养', content: '建议职业院校开设婴幼儿托育专业。' });
    expect([r1.number, r2.number, r1.state]).toEqual([1, 2, 'pending']);
    // Not every recommendation is assigned: the consultation is not handed over yet.
    await ok('staff', 'POST', `/recommendations/${r1.id}/actions/assign`, { units: units(), dueDate: plusDays(today(), 60) });
    expect(expectProblem(await call('staff', 'POST', `/consultations/${id}/actions/dispatch`, {}), 409).detail).toContain('1 条建议未交办');
    await ok('staff', 'POST', `/recommendations/${r2.id}/actions/assign`, { units: [{ unitId: t.fx.unitIds.a, role: 'lead' }] });
    await ok('staff', 'POST', `/consultations/${id}/actions/dispatch`, {});

    // The units' inboxes: unit A leads both, unit B co-handles the first; each reads only what it was given.
    const inbox = async (user: string) => (await ok(user, 'GET', '/recommendations?pageSize=100')).items.map((r: { title: string }) => r.title).sort();
    expect(await inbox('unitA')).toEqual(['加强托育人才培养', '扩大普惠托位供给']);
    expect(await inbox('unitB')).toEqual(['扩大普惠托位供给']);
    expectProblem(await call('unitB', 'GET', `/recommendations/${r2.id}`), 404);
    expect((await ok('unitA', 'GET', `/recommendations?unitId=${t.fx.unitIds.a}&state=assigned`)).items[0].lead).toMatchObject({ unitName: '市教育局', signed: false });
    const notes = (await ok('unitA', 'GET', '/notifications?pageSize=20')).items.map((n: { title: string }) => n.title);
    expect(notes).toContain('新交办件：关于发展托育服务的双月协商·建议1：扩大普惠托位供给');

    // Handled as a proposal is: sign, co-handling opinion, contact log, reply.
    expect((await ok('unitA', 'GET', `/recommendations/${r1.id}/actions`)).map((a: { action: string }) => a.action).sort()).toEqual(['return', 'sign']);
    expect((await ok('unitA', 'POST', `/recommendations/${r1.id}/actions/sign`, {})).state).toBe('handling');
    await ok('unitB', 'POST', `/recommendations/${r1.id}/actions/sign`, {});
    await ok('unitB', 'POST', `/recommendations/${r1.id}/actions/opinion`, { content: '卫健部门配合做好托育机构卫生保健指导。' });
    await ok('unitA', 'POST', `/recommendations/${r1.id}/actions/logContact`, { kind: 'meeting', date: today(), content: '与协商牵头专委会座谈' });
    expectProblem(await call('unitB', 'POST', `/recommendations/${r1.id}/actions/reply`, { category: 'A', content: '协办不能答复' }), 403);
    const replied = await ok('unitA', 'POST', `/recommendations/${r1.id}/actions/reply`, { category: 'B', content: '已列入2031年民生实事。' });
    expect(replied).toMatchObject({ state: 'replied', round: 1, replies: [{ category: 'B', unitName: '市教育局' }] });
    expect(replied.assignments.find((a: { role: string }) => a.role === 'co')).toMatchObject({ unitName: '市卫健委', opinion: '卫健部门配合做好托育机构卫生保健指导。' });
    expect((await ok('unitA', 'GET', '/recommendations?state=replied')).items.map((r: { id: string }) => r.id)).toEqual([r1.id]);

    // One still unanswered: no tracking yet. The office is not satisfied with the other's first reply.
    await ok('unitA', 'POST', `/recommendations/${r2.id}/actions/sign`, {});
    expect(expectProblem(await call('staff', 'POST', `/consultations/${id}/actions/track`, {}), 409).detail).toContain('1 条建议未答复');
    await ok('unitA', 'POST', `/recommendations/${r2.id}/actions/reply`, { category: 'C', content: '留作参考。' });
    expect((await ok('staff', 'POST', `/recommendations/${r2.id}/actions/evaluate`, { satisfaction: 'unsatisfied', comment: '请进一步研究' })).state).toBe('rehandling');
    expectProblem(await call('member', 'POST', `/recommendations/${r1.id}/actions/evaluate`, { satisfaction: 'satisfied' }), 403);
    await ok('unitA', 'POST', `/recommendations/${r2.id}/actions/reply`, { category: 'B', content: '已与职业院校对接开设专业。' });
    expect((await ok('staff', 'POST', `/recommendations/${r2.id}/actions/evaluate`, { satisfaction: 'basic' })).state).toBe('closed');
    await ok('staff', 'POST', `/consultations/${id}/actions/track`, {});

    // Tracking: an outcome per recommendation, or a reason.
    const snap = snapshotter(t);
    const before = await snap();
    expectProblem(await call('staff', 'POST', `/recommendations/${r1.id}/actions/recordOutcome`, { progress: 30 }), 422);
    expectProblem(await call('staff', 'POST', `/recommendations/${r1.id}/actions/recordOutcome`, { kind: 'government', date: plusDays(today(), 1) }), 422);
    expect(await snap()).toEqual(before);
    const adopted = await ok('staff', 'POST', `/recommendations/${r1.id}/actions/recordOutcome`, {
      kind: 'government', title: '关于促进3岁以下婴幼儿照护服务发展的实施意见', number: '市政办发〔2031〕12号', date: today(), progress: 40, note: '新增托位1200个',
    });
    expect(adopted).toMatchObject({ state: 'replied', outcome: { kind: 'government', number: '市政办发〔2031〕12号', date: today() }, progress: 40 });
    expect(expectProblem(await call('staff', 'POST', `/consultations/${id}/actions/close`, {}), 409).detail).toContain('1 条建议没有转化结果或说明');
    await ok('staff', 'POST', `/recommendations/${r2.id}/actions/noOutcome`, { reason: '涉及省级事权，已转报省政协' });
    expect((await ok('staff', 'POST', `/recommendations/${r1.id}/actions/recordOutcome`, { progress: 80 })).outcome.kind).toBe('government');
    expect((await ok('staff', 'POST', `/consultations/${id}/actions/close`, {})).state).toBe('closed');

    const history = await ok('member', 'GET', `/recommendations/${r1.id}/history`);
    expect(history.map((h: { action: string }) => h.action)).toEqual(['created', 'assign', 'sign', 'sign', 'opinion', 'logContact', 'reply', 'recordOutcome', 'recordOutcome']);
    expect(history.at(-2).note).toBe('《关于促进3岁以下婴幼儿照护服务发展的实施意见》市政办发〔2031〕12号；进度 40%；新增托位1200个');
  });

  it('writes recommendations at central assignment only, by staff, and lets a unit return one inside the window', async () => {
    const id = await consultationAt('关于优化营商环境的协商');
    const c = await ok('staff', 'POST', '/consultations', { title: '尚在选题', kind: 'sector', year: 2031 });
    expectProblem(await call('staff', 'POST', `/consultations/${c.id}/recommendations`, { title: '太早', content: '选题阶段' }), 409);
    expectProblem(await call('member', 'POST', `/consultations/${id}/recommendations`, { title: '委员', content: '不能整理建议' }), 403);
    expectProblem(await call('otherStaff', 'POST', `/consultations/${id}/recommendations`, { title: '外市', content: '找不到' }), 404);
    const r = await ok('staff', 'POST', `/consultations/${id}/recommendations`, { title: '压缩审批时限', content: '建议工程建设项目审批压缩至60个工作日。' });
    expectProblem(await call('staff', 'POST', `/recommendations/${r.id}/actions/assign`, { units: [{ unitId: t.fx.unitIds.a, role: 'co' }] }), 422);
    await ok('staff', 'POST', `/recommendations/${r.id}/actions/assign`, { units: [{ unitId: t.fx.unitIds.b, role: 'lead' }] });
    const back = await ok('unitB', 'POST', `/recommendations/${r.id}/actions/return`, { reason: '不属于本单位职责' });
    expect(back.state).toBe('pending');
    expectProblem(await call('unitB', 'GET', `/recommendations/${r.id}`), 404);
    const staffNotes = (await ok('staff', 'GET', '/notifications?pageSize=20')).items.map((n: { title: string }) => n.title);
    expect(staffNotes).toContain('市卫健委退回：关于优化营商环境的协商·建议1：压缩审批时限');
    expect((await ok('staff', 'GET', `/consultations/${id}/recommendations`)).map((x: { state: string }) => x.state)).toEqual(['pending']);
    expect(await ok('unitA', 'GET', `/consultations/${id}/recommendations`)).toEqual([]);
  });
});
