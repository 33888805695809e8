import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plusDays, today } from '../src/server/modules/handling/deadlines.ts';
import { apiAs, engines, expectProblem, sessionHeaders, testApp, type TestApp } from './helpers.ts';

// 协商公开: every consultation of the public list opens for anyone (no login, or a public account, who is
// a visitor there) with its public parts only — title, kind, year, summary, step, the meeting's day and
// place once it is under way, the assigned recommendations with their outcomes and progress, and the
// visible comments of a closed online consultation; nothing of the office's work. Any other consultation
// is a 404 to them. The office's own view is unchanged.

describe.each(engines)('public consultations (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await testApp(engine); }, 180_000);
  afterAll(async () => { await t?.close(); });
  const { call, ok } = apiAs(() => t);
  const anon = (url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}` });
  let citizen: Record<string, string>;
  const asCitizen = (url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: citizen });

  /** A bimonthly forum held yesterday at 政协三楼会议室, its first recommendation adopted (40%), its second still a draft. */
  let held: string;
  let adopted: string;
  let draft: string;
  beforeAll(async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username: 'citizen', password: 'citizen-pass-1', displayName: '市民甲', org: t.fx.orgId } });
    expect(res.statusCode, res.body).toBe(201);
    citizen = sessionHeaders(res.cookies.find((c) => c.name === 'tx_session')!.value);

    const c = await ok('staff', 'POST', '/consultations', { title: '关于发展托育服务的双月协商', kind: 'bimonthly', year: 2031, summary: '托育服务供给与质量' });
    held = c.id;
    await ok('staff', 'PATCH', `/consultations/${held}/checklist`, { key: 'researchTrip', owner: '教科卫体委员会' });
    for (const a of ['prepare', 'convene']) await ok('staff', 'POST', `/consultations/${held}/actions/${a}`, {});
    await ok('staff', 'PUT', `/consultations/${held}/meeting`, { date: plusDays(today(), -1), time: '09:00', place: '政协三楼会议室', agenda: [{ time: '09:00', title: '委员发言', speakerMemberId: t.fx.memberIds[0] }] });
    await ok('staff', 'POST', `/consultations/${held}/actions/conclude`, {});
    adopted = (await ok('staff', 'POST', `/consultations/${held}/recommendations`, { title: '扩大普惠托位供给', content: '建议每千人口托位数达到4.5个，联系人电话13912345678。' })).id;
    draft = (await ok('staff', 'POST', `/consultations/${held}/recommendations`, { title: '尚未交办的建议', content: '草稿' })).id;
    await ok('staff', 'POST', `/recommendations/${adopted}/actions/assign`, { units: [{ unitId: t.fx.unitIds.a, role: 'lead' }], dueDate: plusDays(today(), 60) });
    await ok('unitA', 'POST', `/recommendations/${adopted}/actions/sign`, {});
    await ok('unitA', 'POST', `/recommendations/${adopted}/actions/reply`, { category: 'B', content: '已列入民生实事。' });
    await ok('staff', 'POST', `/recommendations/${adopted}/actions/recordOutcome`, {
      kind: 'government', title: '关于促进3岁以下婴幼儿照护服务发展的实施意见', number: '市政办发〔2031〕12号', date: today(), progress: 40, note: '内部进展说明',
    });
  });

  it('lets a visitor and a public account open a consultation past its topic step, with its public parts', async () => {
    for (const read of [anon, asCitizen]) {
      const res = await read(`/consultations/${held}`);
      expect(res.statusCode, res.body).toBe(200);
      const c = res.json();
      expect(c).toMatchObject({
        id: held, orgId: t.fx.orgId, title: '关于发展托育服务的双月协商', kind: 'bimonthly', year: 2031, summary: '托育服务供给与质量', state: 'assigning',
        heldOn: plusDays(today(), -1), meeting: { on: plusDays(today(), -1), startTime: '09:00', place: '政协三楼会议室' }, commentCount: 0,
        comments: { open: false, moderation: 'post' },
      });
      // The assigned recommendation with what was adopted; the draft is not shown; contact details are masked.
      expect(c.recommendations).toHaveLength(1);
      expect(c.recommendations[0]).toEqual({
        id: adopted, number: 1, title: '扩大普惠托位供给', content: expect.not.stringContaining('13912345678'), state: 'replied',
        outcome: { kind: 'government', title: '关于促进3岁以下婴幼儿照护服务发展的实施意见', number: '市政办发〔2031〕12号', date: today(), measure: null, quantity: null },
        progress: 40, noOutcomeReason: null,
      });
    }
  });

  it('shows nothing of the office\'s work', async () => {
    const body = (await anon(`/consultations/${held}`)).body;
    const c = JSON.parse(body);
    for (const field of ['checklist', 'topic', 'lateTasks', 'planItemId', 'roomId', 'createdBy', 'invitees', 'agenda', 'minutes', 'codeSecret']) expect(c, field).not.toHaveProperty(field);
    expect(c.meeting).not.toHaveProperty('agenda');
    expect(c.recommendations[0]).not.toHaveProperty('progressNote');
    for (const text of ['教科卫体委员会', '内部进展说明', '尚未交办的建议', '草稿', '已列入民生实事', '市教育局', draft]) expect(body, text).not.toContain(text);
  });

  it('keeps consultations outside the public list a 404 to them, as unknown ones', async () => {
    const topic = await ok('staff', 'POST', '/consultations', { title: '尚在选题的协商', kind: 'sector', year: 2031 });
    for (const url of [`/consultations/${topic.id}`, `/consultations/${topic.id}?published=true`, `/consultations/${crypto.randomUUID()}`, `/consultations/${topic.id}/comments`]) {
      expectProblem(await anon(url), 404);
      expectProblem(await asCitizen(url), 404);
    }
    // (another committee's login reads the public view, as anyone may; its own view of this one is a 404)
    expectProblem(await call('otherStaff', 'GET', `/consultations/${topic.id}?published=true`), 404);
    expectProblem(await call('otherStaff', 'GET', `/consultations/${held}`), 404);
    expect((await ok('otherStaff', 'GET', `/consultations/${held}?published=true`)).recommendations).toHaveLength(1);
  });

  it('leaves the office\'s view as it was, and gives it the public one with published=true', async () => {
    const staff = await ok('staff', 'GET', `/consultations/${held}`);
    expect(staff).toMatchObject({ id: held, state: 'assigning', meetingOn: plusDays(today(), -1) });
    expect(staff.checklist.find((x: { key: string }) => x.key === 'researchTrip').owner).toBe('教科卫体委员会');
    expect(staff).not.toHaveProperty('recommendations');
    const pub = await ok('staff', 'GET', `/consultations/${held}?published=true`);
    expect(pub).not.toHaveProperty('checklist');
    expect(pub.recommendations.map((r: { id: string }) => r.id)).toEqual([adopted]);
    expect(pub).toEqual((await anon(`/consultations/${held}`)).json());
  });

  it('shows a closed online consultation\'s visible comments read-only; held ones stay the moderators\'', async () => {
    const c = await ok('staff', 'POST', '/consultations', { title: '城市停车难问题网络议政', kind: 'online', year: 2031 });
    await ok('staff', 'POST', `/consultations/${c.id}/actions/prepare`, {});
    await ok('staff', 'POST', `/consultations/${c.id}/actions/openComments`, { moderation: 'post' });
    await ok('member', 'POST', `/consultations/${c.id}/comments`, { content: '建议错时开放机关单位停车场。' });
    await ok('staff', 'PUT', '/moderation/sensitive-words', { words: ['违禁词'] });
    const heldComment = await t.app.inject({ method: 'POST', url: `/api/v1/consultations/${c.id}/comments`, headers: citizen, payload: { content: '含违禁词的评论' } });
    expect(heldComment.json().status).toBe('held');
    await ok('staff', 'POST', `/consultations/${c.id}/actions/closeComments`, {});
    const seen = (await anon(`/consultations/${c.id}`)).json();
    expect(seen).toMatchObject({ comments: { open: false }, commentCount: 1, recommendations: [], meeting: null });
    for (const read of [anon, asCitizen]) {
      const list = (await read(`/consultations/${c.id}/comments`)).json();
      expect(list.items.map((x: { content: string }) => x.content)).toEqual(['建议错时开放机关单位停车场。']);
      expectProblem(await read(`/consultations/${c.id}/comments?status=held`), 404);
    }
    // The live stream and the themes are for open comments only; posting is refused.
    expectProblem(await anon(`/consultations/${c.id}/comments/stream?live=false`), 404);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/consultations/${c.id}/comments`, headers: citizen, payload: { content: '关闭后再评论' } })).statusCode).toBeGreaterThanOrEqual(400);
  });

  it('lists the public consultations newest first: by the day held, the meeting\'s day, else the day opened', async () => {
    const year = 2032;
    const open = async (title: string) => (await ok('staff', 'POST', '/consultations', { title, kind: 'sector', year })).id as string;
    const concluded = async (title: string, heldOn: string) => {
      const id = await open(title);
      for (const a of ['prepare', 'convene']) await ok('staff', 'POST', `/consultations/${id}/actions/${a}`, {});
      await ok('staff', 'POST', `/consultations/${id}/actions/conclude`, { heldOn });
      return id;
    };
    const older = await concluded('三月召开', plusDays(today(), -200));
    const preparing = await open('筹备中');
    await ok('staff', 'POST', `/consultations/${preparing}/actions/prepare`, {});
    const newer = await concluded('上周召开', plusDays(today(), -7));
    const middle = await concluded('两月前召开', plusDays(today(), -60));
    // (edited last: the order is not that of the last change)
    await ok('staff', 'PATCH', `/consultations/${older}`, { summary: '补充说明' });
    const list = (await anon(`/consultations?orgId=${t.fx.orgId}&year=${year}`)).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([preparing, newer, middle, older]);
    expect(list.items[1]).toMatchObject({ heldOn: plusDays(today(), -7), meetingOn: null });
  });
});
