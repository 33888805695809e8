import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plusDays, today } from '../src/server/modules/handling/deadlines.ts';
import { engines, expectProblem, multipart, snapshotter, testApp, type TestApp } from './helpers.ts';

// 双协: consultations as workflow objects, the yearly plan (x+N) and the 八个一 checklist, through HTTP.

describe.each(engines)('consultations (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await testApp(engine); }, 180_000);
  afterAll(async () => { await t?.close(); });

  const call = async (user: string, method: string, url: string, payload?: object) =>
    t.app.inject({ method: method as 'POST', url: `/api/v1${url}`, headers: await t.as(user), ...(payload ? { payload } : {}) });
  const create = async (body: object) => {
    const res = await call('staff', 'POST', '/consultations', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const act = async (id: string, action: string, body: object = {}) => {
    const res = await call('staff', 'POST', `/consultations/${id}/actions/${action}`, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('opens a consultation at its topic, lists it by kind, year and state, and keeps its history', async () => {
    const c = await create({ title: '关于推进城乡教育均衡发展', kind: 'bimonthly', year: 2031, summary: '双月协商座谈会' });
    expect(c).toMatchObject({ title: '关于推进城乡教育均衡发展', kind: 'bimonthly', year: 2031, state: 'topic', heldOn: null });
    await create({ title: '关于界别协商的议题', kind: 'sector', year: 2031 });
    await create({ title: '往年的议题', kind: 'bimonthly', year: 2030 });
    const list = (q: string) => call('leader', 'GET', `/consultations?${q}`).then((r) => r.json());
    expect(await list('year=2031&kind=bimonthly')).toMatchObject({ total: 1, page: 1, pageSize: 20, items: [{ id: c.id, lateTasks: 0 }] });
    expect((await list('year=2031')).total).toBe(2);
    await act(c.id, 'prepare');
    expect((await list('year=2031&state=preparing')).items.map((x: { id: string }) => x.id)).toEqual([c.id]);
    expect((await list('year=2031&state=topic&state=preparing')).total).toBe(2);
    // Every login of the committee reads it; another committee does not find it.
    for (const user of ['member', 'unitA', 'admin']) expect((await call(user, 'GET', `/consultations/${c.id}`)).statusCode).toBe(200);
    expectProblem(await call('otherStaff', 'GET', `/consultations/${c.id}`), 404);
    expect((await call('otherStaff', 'GET', '/consultations?year=2031')).json().total).toBe(0);

    const edited = await call('staff', 'PATCH', `/consultations/${c.id}`, { title: '关于推进城乡义务教育均衡发展' });
    expect(edited.json()).toMatchObject({ title: '关于推进城乡义务教育均衡发展', state: 'preparing' });
    await act(c.id, 'convene');
    const held = await act(c.id, 'conclude', { heldOn: plusDays(today(), -2), note: '24 位委员发言' });
    expect(held).toMatchObject({ state: 'assigning', heldOn: plusDays(today(), -2) });
    const history = (await call('member', 'GET', `/consultations/${c.id}/history`)).json();
    expect(history.map((h: { action: string }) => h.action)).toEqual(['created', 'prepare', 'edited', 'convene', 'conclude']);
    expect(history.at(-1)).toMatchObject({ from: 'consulting', to: 'assigning', note: `${plusDays(today(), -2)} 召开；24 位委员发言`, actorName: 'staff' });
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const snap = snapshotter(t);
    const before = await snap();
    const bad: [string, string, object, number, string][] = [
      ['staff', '/consultations', { title: '无类别', year: 2031 }, 400, 'kind'],
      ['staff', '/consultations', { title: '类别错误', kind: 'party', year: 2031 }, 400, 'kind'],
      ['staff', '/consultations', { title: '年份', kind: 'sector', year: 1990 }, 400, 'year'],
      ['staff', '/consultations', { title: ' ', kind: 'sector', year: 2031 }, 400, 'title'],
      ['staff', '/consultations', { title: '计划', kind: 'sector', year: 2031, planItemId: crypto.randomUUID() }, 422, '/planItemId'],
    ];
    for (const [user, url, body, status, field] of bad) {
      const p = expectProblem(await call(user, 'POST', url, body), status);
      expect(JSON.stringify(p.errors), JSON.stringify(body)).toContain(field);
    }
    expectProblem(await call('member', 'POST', '/consultations', { title: '委员不能创建', kind: 'sector', year: 2031 }), 403);
    expectProblem(await call('leader', 'POST', '/consultations', { title: '领导不能创建', kind: 'sector', year: 2031 }), 403);
    expect(await snap()).toEqual(before);
    const c = await create({ title: '未来的日期', kind: 'standing', year: 2031 });
    await act(c.id, 'prepare');
    await act(c.id, 'convene');
    const consulting = await snap();
    const p = expectProblem(await call('staff', 'POST', `/consultations/${c.id}/actions/conclude`, { heldOn: plusDays(today(), 3) }), 422);
    expect(p.errors[0]!.path).toBe('/heldOn');
    expectProblem(await call('staff', 'PATCH', `/consultations/${c.id}`, { kind: 'sector' }), 400);
    expect(await snap()).toEqual(consulting);
  });

  it('keeps the yearly plan: staff draft, a leader adopts, planned and held per kind and the x+N line', async () => {
    const year = 2032;
    const add = (body: object, user = 'staff') => call(user, 'POST', '/consultations/plan/items', { year, ...body });
    const items: { kind: string; month: number; topic: string; committeeId?: string }[] = [
      { kind: 'plenary', month: 1, topic: '全体会议' },
      { kind: 'standing', month: 4, topic: '营商环境', committeeId: t.fx.committeeId },
      { kind: 'bimonthly', month: 5, topic: '养老服务' }, { kind: 'bimonthly', month: 7, topic: '托育服务' },
      { kind: 'sector', month: 6, topic: '医疗卫生' }, { kind: 'online', month: 8, topic: '城市停车' },
    ];
    const ids: string[] = [];
    for (const body of items) {
      const res = await add(body);
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
    }
    expect((await add({ kind: 'standing', month: 4, topic: '提案委' })).json()).toMatchObject({ owner: '办公室' });
    expect((await call('staff', 'GET', `/consultations/plan?year=${year}`)).json().items[1]).toMatchObject({ topic: '营商环境', owner: '提案委员会', month: 4 });
    expectProblem(await add({ kind: 'standing', month: 13, topic: '月份' }), 400);
    expectProblem(await add({ kind: 'standing', month: 4, topic: '外市', committeeId: crypto.randomUUID() }), 422);
    expectProblem(await add({ kind: 'standing', month: 4, topic: '委员' }, 'member'), 403);
    // One topic once a year: a second (a double submit, or typed again) and an edit onto another's are refused.
    const twice = expectProblem(await add({ kind: 'bimonthly', month: 9, topic: ' 养老服务 ' }), 422).errors;
    expect(twice).toEqual([expect.objectContaining({ path: '/topic' })]);
    expect(twice[0]!.message).toContain('5月');
    expectProblem(await call('staff', 'PATCH', `/consultations/plan/items/${ids[3]}`, { topic: '养老服务' }), 422);
    expect((await call('staff', 'PATCH', `/consultations/plan/items/${ids[3]}`, { topic: '托育服务' })).statusCode).toBe(200);
    const extra = (await call('staff', 'GET', `/consultations/plan?year=${year}`)).json().items.find((i: { topic: string }) => i.topic === '提案委').id;
    expect((await call('staff', 'PATCH', `/consultations/plan/items/${extra}`, { month: 9, committeeId: null })).json()).toMatchObject({ month: 9, owner: '办公室' });
    expect((await call('staff', 'DELETE', `/consultations/plan/items/${extra}`)).statusCode).toBe(204);

    // Two consultations held (one from the plan, one outside it), one still preparing.
    const fromPlan = await create({ title: '养老服务', kind: 'bimonthly', year, planItemId: ids[2] });
    expectProblem(await call('staff', 'POST', '/consultations', { title: '再来一次', kind: 'bimonthly', year, planItemId: ids[2] }), 422);
    expectProblem(await call('staff', 'POST', '/consultations', { title: '类别不符', kind: 'sector', year, planItemId: ids[3] }), 422);
    for (const a of ['prepare', 'convene', 'conclude']) await act(fromPlan.id, a);
    const outside = await create({ title: '民主监督：河长制', kind: 'supervision', year });
    for (const a of ['prepare', 'convene', 'conclude']) await act(outside.id, a);
    await act((await create({ title: '全体会议', kind: 'plenary', year, planItemId: ids[0] })).id, 'prepare');
    expectProblem(await call('staff', 'DELETE', `/consultations/plan/items/${ids[2]}`), 409);

    expectProblem(await call('staff', 'POST', '/consultations/plan/adopt', { year }), 403);
    const adopted = await call('leader', 'POST', '/consultations/plan/adopt', { year });
    expect(adopted.statusCode, adopted.body).toBe(200);
    const plan = adopted.json();
    expect(plan).toMatchObject({ year, adopted: true, plannedLine: { text: '1+1+2+0+1+1' }, heldLine: { text: '0+0+1+1+0+0', bimonthly: 1, supervision: 1 } });
    expect(plan.byKind.find((k: { kind: string }) => k.kind === 'bimonthly')).toEqual({ kind: 'bimonthly', planned: 2, held: 1 });
    expect(plan.items.find((i: { id: string }) => i.id === ids[2])).toMatchObject({ consultationId: fromPlan.id, consultationState: 'assigning' });
    expect((await call('member', 'GET', `/consultations/plan?year=${year}`)).json().plannedLine.text).toBe('1+1+2+0+1+1');
    // Adopted: the items are fixed.
    expectProblem(await add({ kind: 'other', month: 10, topic: '追加' }), 409);
    expectProblem(await call('staff', 'PATCH', `/consultations/plan/items/${ids[5]}`, { month: 10 }), 409);
    expectProblem(await call('leader', 'POST', '/consultations/plan/adopt', { year }), 409);
    expectProblem(await call('leader', 'POST', '/consultations/plan/adopt', { year: 2033 }), 409);
  });

  it('starts the 八个一 checklist narrowed to the kind, and keeps owners, due dates, states and late flags', async () => {
    const forum = await create({ title: '专题议政性常委会议', kind: 'standing', year: 2031 });
    expect(forum.checklist.map((i: { key: string }) => i.key)).toEqual(['researchTrip', 'researchReport', 'speechBook', 'media', 'forum', 'recommendations', 'publicity', 'effect']);
    const sector = await create({ title: '界别协商', kind: 'sector', year: 2031 });
    expect(sector.checklist.map((i: { key: string }) => i.key)).toEqual(['researchTrip', 'researchReport', 'forum', 'recommendations', 'effect']);

    const patch = async (key: string, body: object, user = 'staff') => {
      const res = await call(user, 'PATCH', `/consultations/${sector.id}/checklist`, { key, ...body });
      return Object.assign(res, { item: () => res.json().find((i: { key: string }) => i.key === key) });
    };
    const trip = await patch('researchTrip', { owner: '教科卫体委员会', dueDate: plusDays(today(), -1) });
    expect(trip.item()).toMatchObject({ key: 'researchTrip', owner: '教科卫体委员会', state: 'todo', late: true });
    expect((await call('leader', 'GET', '/consultations?year=2031&kind=sector')).json().items[0].lateTasks).toBe(1);
    const report = t.app.inject({ method: 'POST', url: `/api/v1/consultations/${sector.id}/checklist/deliverable?key=researchTrip`,
      ...multipart(Buffer.from('%PDF-1.4\n%%EOF\n'), '视察报告.pdf', await t.as('staff')) });
    expect((await report).statusCode).toBe(201);
    expect((await patch('researchTrip', { state: 'done', note: '走访 5 个县区' })).item()).toMatchObject({ state: 'done', late: false });
    // The form saved as it was: nothing changes, nothing is added to the history (the list of notes below).
    expect((await patch('researchTrip', { owner: '教科卫体委员会', dueDate: plusDays(today(), -1), state: 'done', note: '走访 5 个县区' })).item()).toMatchObject({ state: 'done' });
    expect((await patch('researchReport', { dueDate: plusDays(today(), 10), state: 'doing' })).item()).toMatchObject({ late: false, state: 'doing' });
    expectProblem(await patch('speechBook', { state: 'done' }), 404);
    expectProblem(await patch('forum', { state: 'finished' }), 400);
    expectProblem(await patch('forum', { state: 'done' }, 'member'), 403);
    expectProblem(await patch('forum', {}), 400);

    expectProblem(await patch('publicity', { owner: '宣传信息处' }), 404);
    expect((await patch('publicity', { included: true, owner: '宣传信息处' })).item()).toMatchObject({ owner: '宣传信息处', state: 'todo' });
    expect((await patch('effect', { included: false })).statusCode).toBe(200);
    expectProblem(await patch('effect', { included: false }), 404);
    const list = (await call('unitA', 'GET', `/consultations/${sector.id}/checklist`)).json();
    expect(list.map((i: { key: string }) => i.key)).toEqual(['researchTrip', 'researchReport', 'forum', 'recommendations', 'publicity']);
    const notes = (await call('staff', 'GET', `/consultations/${sector.id}/history`)).json().filter((h: { action: string }) => h.action === 'checklist').map((h: { note: string }) => h.note);
    expect(notes).toEqual([
      `一次调研视察：负责：教科卫体委员会；完成时限：${plusDays(today(), -1)}`, '一次调研视察：成果 视察报告.pdf', '一次调研视察：状态：已完成；走访 5 个县区',
      `一份调研报告：完成时限：${plusDays(today(), 10)}；状态：进行中`, '一套宣传方案：加入清单；负责：宣传信息处', '一个良好成效：移出清单',
    ]);

    for (const a of ['prepare', 'convene', 'conclude', 'dispatch', 'track', 'close']) await act(sector.id, a);
    expectProblem(await patch('forum', { state: 'done' }), 409);
  });
});
