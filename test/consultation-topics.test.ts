import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { outbox } from '../src/server/core/schema.ts';
import { notifications } from '../src/server/core/jobs-schema.ts';
import { PUBLIC_WRITES_PER_MINUTE } from '../src/server/core/http.ts';
import { today } from '../src/server/modules/handling/deadlines.ts';
import { engines, expectProblem, sessionHeaders, snapshotter, testApp, type TestApp } from './helpers.ts';

// 开门式选题 through HTTP: anyone logged in proposes, others support once each, the office shortlists,
// merges or answers, the chair meeting picks as a consultation or a plan item (linked both ways);
// the public reads the open topics and the consultations past their topic step, nothing internal.

const YEAR = Number(today().slice(0, 4));

describe.each(engines)('consultation topics (%s)', (engine) => {
  let t: TestApp;
  const headers = new Map<string, Record<string, string>>();
  beforeAll(async () => {
    t = await testApp(engine);
    // Two registered members of the public (网民).
    for (const username of ['netizen', 'netizen2']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: await t.as('admin'), payload: { username, password: t.fx.password, roles: ['public'] } });
      expect(res.statusCode, res.body).toBe(201);
      const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: t.fx.password, org: t.fx.orgId } });
      expect(login.statusCode, login.body).toBe(200);
      headers.set(username, sessionHeaders(login.cookies.find((c) => c.name === 'tx_session')!.value));
    }
  }, 180_000);
  afterAll(async () => { await t?.close(); });

  const as = async (user: string | null) => (user === null ? {} : headers.get(user) ?? await t.as(user));
  const call = async (user: string | null, method: string, url: string, payload?: object) =>
    t.app.inject({ method: method as 'POST', url: `/api/v1${url}`, headers: await as(user), ...(payload ? { payload } : {}) });
  const ok = async (user: string | null, method: string, url: string, payload?: object) => {
    const res = await call(user, method, url, payload);
    expect(res.statusCode, `${user} ${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const todoKinds = async (user: string) => ((await ok(user, 'GET', '/todos')).items as { kind: string }[]).map((x) => x.kind);
  const propose = (user: string, title: string, extra: object = {}) =>
    ok(user, 'POST', '/consultations/topics', { year: YEAR, title, reason: `${title}的背景和理由`, ...extra });

  it('takes topics from members, units, the office and the public, and records the member\'s proposal for the duty record', async () => {
    const a = await propose('member', '关于农村养老服务的协商', { suggestedKind: 'bimonthly', suggestedOwner: '社会法制委员会' });
    expect(a).toMatchObject({ state: 'proposed', year: YEAR, suggestedKind: 'bimonthly', suggestedOwner: '社会法制委员会', supportCount: 0, mine: true, proposer: { kind: 'member', name: expect.any(String) } });
    expect((await propose('unitA', '关于营商环境的协商')).proposer.kind).toBe('unit');
    expect((await propose('staff', '关于文旅融合的协商')).proposer).toEqual({ kind: 'office', name: null });
    const p = await propose('netizen', '关于公交线路优化的建议');
    expect(p.proposer).toEqual({ kind: 'public', name: null });
    expect((await ok('staff', 'GET', `/consultations/topics/${p.id}`)).proposer).toEqual({ kind: 'public', name: 'netizen' });

    const events = await t.database.db.select().from(outbox).where(eq(outbox.type, 'consultationTopic.proposed')).orderBy(asc(outbox.id));
    const mine = events.find((e) => (e.payload as { id: string }).id === a.id)!.payload;
    expect(mine).toMatchObject({ id: a.id, memberIds: [t.fx.memberIds[0]], occurredOn: today() });
    expect(events.find((e) => (e.payload as { id: string }).id === p.id)!.payload).toMatchObject({ memberIds: [] });

    // Bad input changes nothing: a past year, an unknown kind.
    const snap = snapshotter(t);
    const before = await snap();
    expectProblem(await call('member', 'POST', '/consultations/topics', { year: YEAR - 1, title: '往年', reason: '理由' }), 422);
    expect((await call('member', 'POST', '/consultations/topics', { year: YEAR, title: '题', reason: '理由', suggestedKind: 'party' })).statusCode).toBe(400);
    // The same title for the same year again from the same person (a double submit): refused, naming the title.
    const twice = await Promise.all([1, 2].map(() => call('member', 'POST', '/consultations/topics', { year: YEAR, title: ' 关于农村养老服务的协商 ', reason: '再提一次' })));
    for (const res of twice) expect(expectProblem(res, 422).errors.map((e) => e.path)).toEqual(['/title']);
    expect(await snap()).toEqual(before);
    // Another person, or another year, may.
    expect((await propose('member2', '关于农村养老服务的协商')).title).toBe('关于农村养老服务的协商');
    expect((await ok('member', 'POST', '/consultations/topics', { year: YEAR + 1, title: '关于农村养老服务的协商', reason: '明年再议' })).year).toBe(YEAR + 1);
    // Two at once (a double tap): one is taken.
    const race = await Promise.all([1, 2].map(() => call('member', 'POST', '/consultations/topics', { year: YEAR, title: '关于夜间经济的协商', reason: '理由' })));
    expect(race.map((r) => r.statusCode).sort()).toEqual([201, 422]);
    // Nobody proposes without a login.
    expectProblem(await call(null, 'POST', '/consultations/topics', { year: YEAR, title: '匿名', reason: '理由' }), 401);
  });

  it('counts one support per person, never the proposer\'s own', async () => {
    const topic = await propose('member', '关于老旧小区加装电梯的协商');
    const url = `/consultations/topics/${topic.id}`;
    expect((await ok('member2', 'POST', `${url}/actions/support`)).supportCount).toBe(1);
    expectProblem(await call('member2', 'POST', `${url}/actions/support`), 409);
    expect((await ok('netizen', 'POST', `${url}/actions/support`))).toMatchObject({ supportCount: 2, supportedByMe: true });
    expect((await ok('unitA', 'POST', `${url}/actions/support`)).supportCount).toBe(3);
    expectProblem(await call('member', 'POST', `${url}/actions/support`), 403);
    expect((await ok('member', 'GET', `${url}/actions`))).toEqual([]);
    expect((await ok('member2', 'GET', `${url}/actions`)).map((a: { action: string }) => a.action)).toEqual(['unsupport']);
    expect((await ok('netizen', 'POST', `${url}/actions/unsupport`)).supportCount).toBe(2);
    expectProblem(await call('netizen', 'POST', `${url}/actions/unsupport`), 409);
    const listed = (await ok('member', 'GET', `/consultations/topics?year=${YEAR}&q=${encodeURIComponent('加装电梯')}`)).items;
    expect(listed).toMatchObject([{ id: topic.id, supportCount: 2, supportedByMe: false }]);
  });

  it('picks a shortlisted topic as a consultation at its topic step, linked both ways, and tells the proposer', async () => {
    const topic = await propose('member', '关于城乡教育均衡发展的协商');
    const url = `/consultations/topics/${topic.id}`;
    await ok('staff', 'POST', `${url}/actions/shortlist`);
    expect(await todoKinds('leader')).toContain('topicsToPick');
    // Bad input: the as and the kind are required; nothing changes.
    expect((await call('leader', 'POST', `${url}/actions/pick`, { as: 'consultation' })).statusCode).toBe(400);
    const picked = await ok('leader', 'POST', `${url}/actions/pick`, { as: 'consultation', kind: 'bimonthly' });
    expect(picked).toMatchObject({ state: 'picked', consultation: { kind: 'bimonthly', state: 'topic', title: topic.title } });
    const consultation = await ok('staff', 'GET', `/consultations/${picked.consultationId}`);
    expect(consultation).toMatchObject({ state: 'topic', year: YEAR, kind: 'bimonthly', summary: topic.reason, topic: { id: topic.id, title: topic.title } });
    expect((await ok('member', 'GET', `/consultations?year=${YEAR}`)).items.map((c: { id: string }) => c.id)).toContain(consultation.id);
    const history = await ok('member', 'GET', `${url}/history`);
    expect(history.map((h: { action: string }) => h.action)).toEqual(['proposed', 'shortlist', 'pick']);
    // The public opens the consultation (协商公开) once it is on the public list: past its topic step.
    expect(picked.consultationPublic).toBe(false);
    expectProblem(await call(null, 'GET', `/consultations/${consultation.id}`), 404);
    await ok('staff', 'POST', `/consultations/${consultation.id}/actions/prepare`);
    expect((await ok(null, 'GET', url)).consultationPublic).toBe(true);
    expect((await ok(null, 'GET', `/consultations/${consultation.id}`)).title).toBe(topic.title);
    const notes = await t.database.db.select().from(notifications).where(and(eq(notifications.userId, t.fx.userIds.member!), eq(notifications.kind, 'topic')));
    expect(notes.map((n) => n.params)).toContainEqual({ key: 'picked', title: topic.title, as: 'consultation' });
    // Picked: no more support or answers.
    expectProblem(await call('member2', 'POST', `${url}/actions/support`), 409);
    expectProblem(await call('staff', 'POST', `${url}/actions/decline`, { answer: '不采用' }), 409);
  });

  it('picks a topic into the year\'s plan as an item, linked both ways; an adopted plan takes no new item', async () => {
    const topic = await propose('unitA', '关于畜禽养殖污染治理的民主监督');
    const url = `/consultations/topics/${topic.id}`;
    await ok('staff', 'POST', `${url}/actions/shortlist`);
    expectProblem(await call('leader', 'POST', `${url}/actions/pick`, { as: 'planItem', kind: 'supervision' }), 422);
    const picked = await ok('leader', 'POST', `${url}/actions/pick`, { as: 'planItem', kind: 'supervision', month: 9 });
    expect(picked).toMatchObject({ state: 'picked', consultationId: null, planItem: { year: YEAR, month: 9, kind: 'supervision' } });
    const plan = await ok('member', 'GET', `/consultations/plan?year=${YEAR}`);
    expect(plan.items.find((i: { id: string }) => i.id === picked.planItemId)).toMatchObject({ topic: topic.title, topicId: topic.id, month: 9 });

    const later = await propose('member2', '关于农业产业高质量发展的协商');
    await ok('staff', 'POST', `/consultations/topics/${later.id}/actions/shortlist`);
    await ok('leader', 'POST', '/consultations/plan/adopt', { year: YEAR });
    const snap = snapshotter(t);
    const before = await snap();
    expectProblem(await call('leader', 'POST', `/consultations/topics/${later.id}/actions/pick`, { as: 'planItem', kind: 'standing', month: 10 }), 409);
    expect(await snap()).toEqual(before);
    // A consultation is still possible.
    expect((await ok('leader', 'POST', `/consultations/topics/${later.id}/actions/pick`, { as: 'consultation', kind: 'standing' })).state).toBe('picked');
  });

  it('answers declined and merged topics to their proposer, and the public sees only open and picked ones', async () => {
    const declined = await propose('netizen', '关于修建高尔夫球场的建议');
    const dup = await propose('netizen2', '关于公交站台遮雨棚的建议');
    const into = await propose('member2', '关于公交站台改造的协商');
    await ok('member', 'POST', `/consultations/topics/${dup.id}/actions/support`);
    await ok('member', 'POST', `/consultations/topics/${into.id}/actions/support`);
    await ok('netizen', 'POST', `/consultations/topics/${dup.id}/actions/support`);
    expect(await todoKinds('staff')).toContain('topicsToShortlist');

    expect((await call('staff', 'POST', `/consultations/topics/${declined.id}/actions/decline`, {})).statusCode).toBe(400);
    await ok('leader', 'POST', `/consultations/topics/${declined.id}/actions/decline`, { answer: '不符合本市生态保护要求，感谢您的关注' });
    expectProblem(await call('staff', 'POST', `/consultations/topics/${dup.id}/actions/merge`, { intoId: dup.id }), 422);
    expectProblem(await call('staff', 'POST', `/consultations/topics/${dup.id}/actions/merge`, { intoId: declined.id }), 422);
    const merged = await ok('staff', 'POST', `/consultations/topics/${dup.id}/actions/merge`, { intoId: into.id });
    expect(merged).toMatchObject({ state: 'merged', mergedInto: { id: into.id, title: into.title }, answer: expect.stringContaining(into.title) });
    // The supporters now support the topic it joined, once each.
    expect((await ok('member', 'GET', `/consultations/topics/${into.id}`)).supportCount).toBe(2);

    // The proposer reads the answer; the public does not find another's declined topic; anonymous sees open and picked.
    expect((await ok('netizen', 'GET', `/consultations/topics/${declined.id}`)).answer).toBe('不符合本市生态保护要求，感谢您的关注');
    // Its history tells the public account the steps, not who supported or decided (but themself).
    const told = await ok('netizen', 'GET', `/consultations/topics/${declined.id}/history`);
    expect(told.map((h: { action: string; actorName: string | null }) => [h.action, h.actorName])).toEqual([['proposed', 'netizen'], ['decline', null]]);
    const intoHistory = await ok('netizen2', 'GET', `/consultations/topics/${into.id}/history`);
    expect(intoHistory.map((h: { action: string }) => h.action)).toEqual(['proposed']);
    expect((await ok('staff', 'GET', `/consultations/topics/${into.id}/history`)).map((h: { action: string }) => h.action)).toEqual(['proposed', 'support']);
    expectProblem(await call('netizen2', 'GET', `/consultations/topics/${declined.id}`), 404);
    expectProblem(await call(null, 'GET', `/consultations/topics/${declined.id}`), 404);
    const anon = await ok(null, 'GET', `/consultations/topics?year=${YEAR}&pageSize=100`);
    expect(anon.items.every((x: { state: string; answer: string | null; proposer: { kind: string; name: string | null } }) =>
      ['proposed', 'shortlisted', 'picked'].includes(x.state) && x.answer === null && (x.proposer.kind !== 'public' || x.proposer.name === null))).toBe(true);
    expect(anon.items.map((x: { id: string }) => x.id)).toContain(into.id);
    const own = await ok('netizen', 'GET', `/consultations/topics?year=${YEAR}&state=declined`);
    expect(own.items.map((x: { id: string }) => x.id)).toEqual([declined.id]);
    const notes = await t.database.db.select().from(notifications).where(and(eq(notifications.kind, 'topic')));
    expect(notes.map((n) => (n.params as { key: string }).key)).toEqual(expect.arrayContaining(['declined', 'merged']));
    // Another committee finds none of it.
    expectProblem(await call('otherStaff', 'GET', `/consultations/topics/${into.id}`), 404);
    expect((await ok('otherStaff', 'GET', `/consultations/topics?year=${YEAR}`)).total).toBe(0);
  });

  it('lists consultations past their topic step to the public, with nothing internal', async () => {
    const early = await ok('staff', 'POST', '/consultations', { title: '仍在选题的协商', kind: 'sector', year: YEAR });
    const going = await ok('staff', 'POST', '/consultations', { title: '筹备中的协商', kind: 'bimonthly', year: YEAR, summary: '关于城市更新' });
    await ok('staff', 'POST', `/consultations/${going.id}/actions/prepare`);
    for (const user of [null, 'netizen']) {
      const list = await ok(user, 'GET', `/consultations?published=true&year=${YEAR}&pageSize=100`);
      const ids = list.items.map((c: { id: string }) => c.id);
      expect(ids).toContain(going.id);
      expect(ids).not.toContain(early.id);
      expect(Object.keys(list.items.find((c: { id: string }) => c.id === going.id)).sort()).toEqual(['comments', 'heldOn', 'id', 'kind', 'meetingOn', 'state', 'summary', 'title', 'year']);
    }
    // A public account's plain list is the public one too, as is an anonymous one.
    for (const user of [null, 'netizen']) {
      const plain = (await ok(user, 'GET', `/consultations?year=${YEAR}&pageSize=100`)).items.map((c: { id: string }) => c.id);
      expect(plain).toContain(going.id);
      expect(plain).not.toContain(early.id);
    }
    expect((await ok('member', 'GET', `/consultations?year=${YEAR}&pageSize=100`)).items.map((c: { id: string }) => c.id)).toContain(early.id);
    // A public account does not open a consultation's office work (checklist, history): it reads what a
    // visitor reads (its public page, test/public-consultations.test.ts) and is refused the rest; the committee's people do.
    for (const url of [`/consultations/${going.id}/checklist`, `/consultations/${going.id}/history`, `/consultations/${going.id}/actions`]) {
      expectProblem(await call('netizen', 'GET', url), 403);
      expect((await call('unitA', 'GET', url)).statusCode).toBe(200);
    }
    const seen = await ok('netizen', 'GET', `/consultations/${going.id}`);
    expect(seen).toMatchObject({ id: going.id, state: 'preparing', recommendations: [] });
    expect(seen).not.toHaveProperty('checklist');
    expect(await ok('unitA', 'GET', `/consultations/${going.id}`)).toHaveProperty('checklist');
  });

  it('limits how much a public account writes a minute, not the committee\'s people', async () => {
    const topic = await propose('member', '关于限流的协商');
    const url = `/consultations/topics/${topic.id}/actions`;
    // Supporting again is refused (409), but counts against the minute's writes all the same.
    const statuses = async (user: string) => {
      const seen: number[] = [];
      for (let i = 0; i < PUBLIC_WRITES_PER_MINUTE + 2; i++) {
        const res = await call(user, 'POST', `${url}/support`);
        if (res.statusCode !== 200) expectProblem(res, res.statusCode);
        seen.push(res.statusCode);
      }
      return seen;
    };
    const netizen = await statuses('netizen2');
    expect(netizen.slice(0, PUBLIC_WRITES_PER_MINUTE)).toEqual([200, ...Array(PUBLIC_WRITES_PER_MINUTE - 1).fill(409)]);
    expect(netizen.slice(PUBLIC_WRITES_PER_MINUTE)).toEqual([429, 429]);
    expect(new Set(await statuses('member2'))).toEqual(new Set([200, 409]));
  });

  it('gives the office and the chair meeting their topic to-dos only', async () => {
    await propose('member', '关于待办的协商');
    expect(await todoKinds('staff')).toContain('topicsToShortlist');
    expect(await todoKinds('staff')).not.toContain('topicsToPick');
    for (const login of ['member', 'unitA', 'netizen']) expect((await todoKinds(login)).filter((k) => k.startsWith('topics')), login).toEqual([]);
  });
});
