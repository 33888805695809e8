import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plusDays, today } from '../src/server/modules/handling/deadlines.ts';
import { apiAs, engines, expectProblem, testApp, type TestApp } from './helpers.ts';

// A recommendation in the unit's inbox and to-dos and on the 督办看板, as a proposal is: what the
// unit owes on it (sign for it, reply, the co unit's opinion) and by when, the overdue first; and the
// whole handling record (units, log, replies) on its page.

describe.each(engines)('recommendations in the inbox, to-dos and board (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await testApp(engine); }, 180_000);
  afterAll(async () => { await t?.close(); });

  const { call, ok } = apiAs(() => t);
  type Todo = { kind: string; title: string; params: Record<string, string>; href: string; due?: string; overdueDays?: number };
  const recTodos = async (user: string) => ((await ok(user, 'GET', '/todos')).items as Todo[]).filter((x) => x.kind.startsWith('recommendation'));

  it('lists what each unit owes on its recommendations, in its to-dos and on the board', async () => {
    const c = await ok('staff', 'POST', '/consultations', { title: '关于养老服务的专题协商', kind: 'bimonthly', year: 2031 });
    for (const a of ['prepare', 'convene', 'conclude']) await ok('staff', 'POST', `/consultations/${c.id}/actions/${a}`, {});
    const soon = await ok('staff', 'POST', `/consultations/${c.id}/recommendations`, { title: '建设社区嵌入式养老机构', content: '每个街道至少一家。' });
    const later = await ok('staff', 'POST', `/consultations/${c.id}/recommendations`, { title: '发展老年助餐服务', content: '扩大助餐点覆盖。' });
    await ok('staff', 'POST', `/recommendations/${later.id}/actions/assign`, { units: [{ unitId: t.fx.unitIds.a, role: 'lead' }], dueDate: plusDays(today(), 90) });
    await ok('staff', 'POST', `/recommendations/${soon.id}/actions/assign`, {
      units: [{ unitId: t.fx.unitIds.a, role: 'lead' }, { unitId: t.fx.unitIds.b, role: 'co' }], dueDate: plusDays(today(), 10),
    });

    // Unit A owes both a signature by the same return window; then its replies, the sooner due first.
    const listed = async (user: string, unitId?: string) => (await ok(user, 'GET', `/recommendations?pageSize=50${unitId ? `&unitId=${unitId}` : ''}`)).items as { id: string; consultationTitle: string; myAssignment: Record<string, unknown> | null }[];
    const a1 = await listed('unitA', t.fx.unitIds.a);
    expect(a1.map((r) => r.myAssignment)).toEqual([
      expect.objectContaining({ role: 'lead', state: 'pending', returnBy: plusDays(today(), 7) }),
      expect.objectContaining({ role: 'lead', state: 'pending', returnBy: plusDays(today(), 7) }),
    ]);
    expect(a1[0]!.consultationTitle).toBe('关于养老服务的专题协商');
    // Only a unit's own list says what it owes; staff, and a unit's list without its unitId, do not.
    expect((await listed('staff', t.fx.unitIds.a)).find((r) => r.id === soon.id)!.myAssignment).toBeNull();
    expect((await listed('unitA')).find((r) => r.id === soon.id)!.myAssignment).toBeNull();
    expect((await recTodos('unitA')).map((x) => [x.kind, x.title, x.href, x.due])).toEqual(expect.arrayContaining([
      ['recommendationSign', '签收或退回建议：建设社区嵌入式养老机构', `/recommendations/${soon.id}`, plusDays(today(), 7)],
      ['recommendationSign', '签收或退回建议：发展老年助餐服务', `/recommendations/${later.id}`, plusDays(today(), 7)],
    ]));
    expect((await recTodos('unitA'))[0]!.params).toEqual({ title: expect.any(String), consultation: '关于养老服务的专题协商' });
    expect(await recTodos('staff')).toEqual([]);

    await ok('unitA', 'POST', `/recommendations/${later.id}/actions/sign`, {});
    await ok('unitA', 'POST', `/recommendations/${soon.id}/actions/sign`, {});
    await ok('unitB', 'POST', `/recommendations/${soon.id}/actions/sign`, {});
    expect((await listed('unitA', t.fx.unitIds.a)).map((r) => [r.id, r.myAssignment?.dueOn])).toEqual([[soon.id, plusDays(today(), 10)], [later.id, plusDays(today(), 90)]]);
    expect((await recTodos('unitA')).map((x) => [x.kind, x.href, x.due])).toEqual([
      ['recommendationReply', `/recommendations/${soon.id}`, plusDays(today(), 10)],
      ['recommendationReply', `/recommendations/${later.id}`, plusDays(today(), 90)],
    ]);
    expect((await recTodos('unitB')).map((x) => x.kind)).toEqual(['recommendationOpinion']);

    // The board: the one due within 14 days, under unit A, not yet overdue; the other within 120.
    const board = async (days: number) => (await ok('staff', 'GET', `/recommendations/board?days=${days}`)).items as { unitName: string; overdue: number; dueSoon: number; items: { recommendationId: string; consultationTitle: string; signed: boolean }[] }[];
    expect(await board(14)).toEqual([expect.objectContaining({ unitName: '市教育局', overdue: 0, dueSoon: 1, items: [expect.objectContaining({ recommendationId: soon.id, consultationTitle: '关于养老服务的专题协商', signed: true })] })]);
    expect((await board(120))[0]!.items.map((i) => i.recommendationId)).toEqual([soon.id, later.id]);
    expectProblem(await call('unitA', 'GET', '/recommendations/board'), 403);
    expectProblem(await call('staff', 'GET', '/recommendations/board?days=-1'), 400);

    // The opinion sent, the co unit owes nothing; the reply made, neither does the lead, and the board forgets it.
    await ok('unitB', 'POST', `/recommendations/${soon.id}/actions/opinion`, { content: '配合做好医养结合。' });
    expect(await recTodos('unitB')).toEqual([]);
    await ok('unitA', 'POST', `/recommendations/${soon.id}/actions/logContact`, { kind: 'phone', date: today(), content: '电话沟通' });
    const replied = await ok('unitA', 'POST', `/recommendations/${soon.id}/actions/reply`, { category: 'A', content: '已建成12家。', signer: '张三' });
    expect((await recTodos('unitA')).map((x) => x.href)).toEqual([`/recommendations/${later.id}`]);
    expect(await board(14)).toEqual([]);

    // Its page carries the whole handling record, as a proposal's does.
    expect(replied).toMatchObject({
      state: 'replied', consultationTitle: '关于养老服务的专题协商',
      replies: [{ round: 1, category: 'A', signer: '张三', unitName: '市教育局', attachments: [] }],
      logs: [{ kind: 'phone', content: '电话沟通', unitName: '市教育局', attachments: [] }],
      extensions: [], evaluations: [],
    });
    expect(replied.assignments.map((a: { role: string; state: string; signedAt: string | null }) => [a.role, a.state, !!a.signedAt]).sort()).toEqual([['co', 'signed', true], ['lead', 'signed', true]]);
  });
});
