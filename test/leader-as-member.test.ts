import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, day, engines, testApp, unlinkedLeader, type TestApp } from './helpers.ts';

// A leader whose login is linked to a member (chairs and vice-chairs are members: the fixture's leader
// is 赵六) writes 社情民意 reports, 双创 projects, pairings and activities, and campaign ideas as that
// member, as they already draft proposals, co-sign, report on 双联 and go to meetings (memberOf,
// core/policies.ts). They still read as a leader (双创: everyone's) and change no other member's rows.
// A leader without the link is refused (403).

describe.each(engines)('a leader linked to a member (%s)', (engine) => {
  let t: TestApp;
  let chair: string;
  beforeAll(async () => {
    t = await testApp(engine, { JOBS_INTERVAL_SECONDS: 3600 });
    chair = await unlinkedLeader(t);
  });
  afterAll(async () => { await t?.close(); });

  const { ok, refused } = apiAs(() => t);
  const zhao = () => t.fx.memberIds[3]!;
  const ids = (page: { items: { id: string }[] }) => page.items.map((x) => x.id).sort();

  it('writes, edits and submits a 社情民意 report of their own, listed as theirs; a leader without the link, none', async () => {
    const body = '反映城区部分路段早晚高峰拥堵严重的问题，建议优化信号灯配时。';
    const o = await ok('leader', 'POST', '/opinions', { title: '关于缓解城区交通拥堵的建议', body });
    expect(o).toMatchObject({ state: 'draft', authorMemberId: zhao(), authorName: '赵六', enteredByStaff: false });
    expect((await ok('leader', 'PATCH', `/opinions/${o.id}`, { title: '关于缓解城区早晚高峰拥堵的建议' })).title).toBe('关于缓解城区早晚高峰拥堵的建议');
    expect((await ok('leader', 'POST', `/opinions/${o.id}/actions/submit`)).state).toBe('submitted');
    const other = await ok('member', 'POST', '/opinions', { title: '关于加强校园周边交通管理的建议', body });
    expect(ids(await ok('leader', 'GET', '/opinions?mine=1'))).toEqual([o.id]);
    expect((await ok('leader', 'GET', '/opinions/quota')).member).toMatchObject({ memberId: zhao(), submitted: 1 });
    // Another member's draft stays theirs; writing for another member is the office's.
    await refused(404, 'leader', 'PATCH', `/opinions/${other.id}`, { title: '改' });
    expect((await refused(403, 'leader', 'POST', '/opinions', { title: '代写', body, authorMemberId: t.fx.memberIds[0] })).detail).toBe('只有工作人员可以代委员录入');

    expect((await refused(403, chair, 'POST', '/opinions', { title: '关于主席的建议', body })).detail).toBe('只有委员可以撰写社情民意信息');
    expect((await ok(chair, 'GET', '/opinions?mine=1')).total).toBe(0);
  });

  it('registers and edits 双创 projects, pairings and activities of their own, reads everyone\'s and changes no one else\'s', async () => {
    const p = await ok('leader', 'POST', '/creation/projects', { kind: 'enterprise', name: '赵六的科技企业', startedOn: '2025-02-01', jobs: 10 });
    expect(p).toMatchObject({ memberIds: [zhao()], memberNames: ['赵六'] });
    expect((await ok('leader', 'PATCH', `/creation/projects/${p.id}`, { jobs: 12 })).jobs).toBe(12);
    expect((await refused(422, 'leader', 'POST', '/creation/projects', { kind: 'enterprise', name: '别人的企业', memberIds: [t.fx.memberIds[0]], startedOn: '2025-01-01' })).errors[0]!.path).toBe('/memberIds');
    const zhang = await ok('member', 'POST', '/creation/projects', { kind: 'povertyBase', name: '张三的茶叶基地', startedOn: '2025-03-01' });
    // Everyone's as a leader; their own by the member filter (as 我的双创 asks); another's is not theirs to change.
    expect(ids(await ok('leader', 'GET', '/creation/projects'))).toEqual([p.id, zhang.id].sort());
    expect(ids(await ok('leader', 'GET', `/creation/projects?memberId=${zhao()}`))).toEqual([p.id]);
    expect((await refused(403, 'leader', 'PATCH', `/creation/projects/${zhang.id}`, { jobs: 1 })).detail).toBe('只能修改本人参与的事项');

    const pairing = await ok('leader', 'POST', '/creation/pairings', { householdName: '王大山', practicalThing: '修缮房屋', pairedOn: '2025-04-02' });
    expect(pairing).toMatchObject({ memberId: zhao(), householdName: '王大山' });
    expect((await ok('leader', 'PATCH', `/creation/pairings/${pairing.id}`, { suggestion: '发展养殖' })).suggestion).toBe('发展养殖');
    const zhangs = await ok('member', 'POST', '/creation/pairings', { householdName: '陈大明', pairedOn: '2025-04-03' });
    await refused(403, 'leader', 'PATCH', `/creation/pairings/${zhangs.id}`, { suggestion: '改' });

    const act = await ok('leader', 'POST', '/creation/activities', { kind: 'technology', date: '2025-06-10', place: '青山村', beneficiaries: 30 });
    expect(act.memberIds).toEqual([zhao()]);
    expect((await ok('leader', 'PATCH', `/creation/activities/${act.id}`, { beneficiaries: 35 })).beneficiaries).toBe(35);
    const zhangsAct = await ok('member', 'POST', '/creation/activities', { kind: 'medicine', date: '2025-06-11', place: '青山村' });
    await refused(403, 'leader', 'PATCH', `/creation/activities/${zhangsAct.id}`, { beneficiaries: 1 });

    for (const [url, payload] of [
      ['/creation/projects', { kind: 'enterprise', name: '主席的企业', startedOn: '2025-01-01' }],
      ['/creation/pairings', { householdName: '李小河', pairedOn: '2025-04-02' }],
      ['/creation/activities', { kind: 'policy', date: '2025-06-10', place: '村' }],
    ] as const) await refused(403, chair, 'POST', url, payload);
    await refused(403, chair, 'PATCH', `/creation/projects/${p.id}`, { jobs: 1 });
  });

  it('submits ideas to an open campaign and lists their own apart from everyone\'s', async () => {
    const k = await ok('staff', 'POST', '/campaigns', { title: '我为城市发展献一计', theme: '城市更新', opensOn: day(-1), closesOn: day(10) });
    const idea = await ok('leader', 'POST', `/campaigns/${k.id}/ideas`, { title: '老街区改造', content: '保留历史风貌，引入文创业态。' });
    expect(idea).toMatchObject({ memberId: zhao(), title: '老街区改造' });
    await ok('member', 'POST', `/campaigns/${k.id}/ideas`, { title: '口袋公园', content: '利用边角地建设口袋公园。' });
    expect((await ok('leader', 'GET', `/campaigns/${k.id}/ideas`)).total).toBe(2);
    expect(ids(await ok('leader', 'GET', `/campaigns/${k.id}/ideas?mine=1`))).toEqual([idea.id]);
    expect((await ok('leader', 'GET', '/campaigns')).items.find((c: { id: string }) => c.id === k.id)).toMatchObject({ ideas: 2, mine: 1 });

    expect((await refused(403, chair, 'POST', `/campaigns/${k.id}/ideas`, { title: '一计', content: '建议' })).detail).toBe('只有委员可以献计');
    expect((await ok(chair, 'GET', `/campaigns/${k.id}/ideas?mine=1`)).total).toBe(0);
  });
});
