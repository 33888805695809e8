import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { plenarySessions } from '../src/server/modules/org/schema.ts';
import { proposals } from '../src/server/modules/proposals/schema.ts';
import { searchDocs } from '../src/server/modules/search/schema.ts';
import { engines, expectProblem, multipart, proposalIn, testApp, unlinkedLeader, type TestApp } from './helpers.ts';

describe.each(engines)('a proposal from draft to closed (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await testApp(engine); });
  afterAll(async () => { await t?.close(); });

  const act = async (user: string, id: string, action: string, payload: object = {}) =>
    t.app.inject({ method: 'POST', url: `/api/v1/proposals/${id}/actions/${action}`, headers: await t.as(user), payload });
  const ok = async (user: string, id: string, action: string, payload: object = {}) => {
    const res = await act(user, id, action, payload);
    if (res.statusCode !== 200) throw new Error(`${user} ${action}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const actions = async (user: string, id: string) =>
    (await t.app.inject({ url: `/api/v1/proposals/${id}/actions`, headers: await t.as(user) })).json().map((a: { action: string }) => a.action);

  it('walks the whole lifecycle with both units and a re-handling', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as('member'), payload: {
      title: '关于加强中小学课后服务的提案', body: '建议统筹课后服务经费，完善教师激励机制。', kind: 'joint', domain: '社会', cosignerIds: [t.fx.memberIds[1]],
    } });
    expect(created.statusCode).toBe(201);
    const p = created.json();
    expect(p).toMatchObject({ state: 'draft', proposerName: '张三', cosigners: [{ name: '李四', confirmed: false }] });

    // Not yet confirmed: submit is refused with the reason; others cannot see the draft.
    expect(expectProblem(await act('member', p.id, 'submit'), 409).detail).toContain('附议');
    expectProblem(await t.app.inject({ url: `/api/v1/proposals/${p.id}`, headers: await t.as('staff') }), 404);
    expect(await actions('member2', p.id)).toEqual(['cosign', 'declineCosign']);
    await ok('member2', p.id, 'cosign');
    expect((await ok('member', p.id, 'submit')).state).toBe('submitted');

    const filed = await ok('staff', p.id, 'file');
    expect(filed).toMatchObject({ state: 'filed', number: 1, numberLabel: '第五届第五次会议 第0001号', duringSession: false });

    const assigned = await ok('staff', p.id, 'assign', { units: [{ unitId: t.fx.unitIds.a, role: 'lead' }, { unitId: t.fx.unitIds.b, role: 'co' }] });
    expect(assigned.state).toBe('assigned');
    expect(assigned.assignments).toHaveLength(2);

    // Unit B cannot reply as lead; it signs and sends its opinion.
    expect(await actions('unitB', p.id)).toEqual(['sign', 'return']);
    await ok('unitB', p.id, 'sign');
    expect((await ok('unitB', p.id, 'opinion', { content: '协办意见：可统筹卫健资源支持校园卫生服务。' })).state).toBe('assigned');
    await ok('unitA', p.id, 'sign');
    await ok('unitA', p.id, 'logContact', { kind: 'phone', date: '2026-11-20', content: '电话沟通办理思路' });
    expectProblem(await act('unitB', p.id, 'reply', { category: 'A', content: 'x' }), 403);
    const replied = await ok('unitA', p.id, 'reply', { category: 'B', content: '已列入明年工作计划，拟分步实施。' });
    expect(replied).toMatchObject({ state: 'replied', replies: [{ round: 1, category: 'B' }] });

    const re = await ok('member', p.id, 'evaluate', { satisfaction: 'unsatisfied', contacted: true, contactMethod: 'phone', comment: '措施不够具体' });
    expect(re).toMatchObject({ state: 'rehandling', round: 2 });
    await ok('unitA', p.id, 'reply', { category: 'A', content: '已出台实施方案并落实经费。' });
    const closed = await ok('member', p.id, 'evaluate', { satisfaction: 'satisfied', contacted: true, contactMethod: 'visit' });
    expect(closed.state).toBe('closed');
    expect(closed.replies.map((r: { round: number; category: string }) => `${r.round}${r.category}`)).toEqual(['1B', '2A']);

    const history = (await t.app.inject({ url: `/api/v1/proposals/${p.id}/history`, headers: await t.as('staff') })).json();
    expect(history.filter((h: { from: string; to: string }) => h.from !== h.to).map((h: { to: string }) => h.to))
      .toEqual(['draft', 'submitted', 'filed', 'assigned', 'handling', 'replied', 'rehandling', 'replied', 'closed']);

    // Published, it is readable without logging in, and listed publicly.
    await ok('staff', p.id, 'publish');
    const pub = await t.app.inject({ url: `/api/v1/proposals/${p.id}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ title: '关于加强中小学课后服务的提案', proposerMemberId: null, logs: [] });
    expect((await t.app.inject({ url: '/api/v1/proposals?published=true' })).json().total).toBe(1);
  });

  it('notifies the unit and lists it in its to-dos', async () => {
    const p = (await t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as('member2'), payload: { title: '关于优化公交线路的提案', body: '建议增开社区微循环公交。', kind: 'member', domain: '社会' } })).json();
    await ok('member2', p.id, 'submit');
    const todos = (await t.app.inject({ url: '/api/v1/todos', headers: await t.as('staff') })).json();
    expect(todos.items).toEqual([{ kind: 'file', title: '待审查立案的提案 1 件', params: { n: 1 }, href: '/proposals?state=submitted' }]);
    const notes = (await t.app.inject({ url: '/api/v1/notifications', headers: await t.as('unitA') })).json();
    expect(notes.items.some((n: { title: string }) => n.title.includes('新交办件'))).toBe(true);
  });

  it('lets the office send a submitted proposal back for revision: a draft again, the proposer told why, mended and handed in anew', async () => {
    const title = '关于加强物业管理和垃圾分类的提案';
    const p = (await t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as('member2'), payload: { title, body: '建议加强物业管理，同时推进垃圾分类。', kind: 'member' } })).json();
    await ok('member2', p.id, 'submit');
    expect(await actions('staff', p.id)).toContain('sendBack');
    // A reason is needed; a member cannot send back.
    expect((await act('staff', p.id, 'sendBack', {})).statusCode).toBe(400);
    expectProblem(await act('member2', p.id, 'sendBack', { reason: '自己退回' }), 403);
    const back = await ok('staff', p.id, 'sendBack', { reason: '一事一案：请将物业管理与垃圾分类分为两件提案' });
    expect(back).toMatchObject({ state: 'draft' });
    const notice = (await t.app.inject({ url: '/api/v1/notifications', headers: await t.as('member2') })).json()
      .items.find((n: { href: string; params: { key: string } }) => n.href === `/proposals/${p.id}` && n.params.key === 'sentBack');
    expect(notice).toMatchObject({ title: `提案退回修改：${title}`, body: '一事一案：请将物业管理与垃圾分类分为两件提案' });
    const history = (await t.app.inject({ url: `/api/v1/proposals/${p.id}/history`, headers: await t.as('member2') })).json();
    expect(history.at(-1)).toMatchObject({ action: 'sendBack', from: 'submitted', to: 'draft', note: '一事一案：请将物业管理与垃圾分类分为两件提案' });
    // The proposer mends it and hands it in again; the office may then file it.
    const edited = await t.app.inject({ method: 'PATCH', url: `/api/v1/proposals/${p.id}`, headers: await t.as('member2'), payload: { title: '关于加强物业管理的提案', body: '建议加强物业管理。' } });
    expect(edited.statusCode, edited.body).toBe(200);
    await ok('member2', p.id, 'submit');
    expect((await ok('staff', p.id, 'file')).state).toBe('filed');
  });

  it('lets the office change the domain a proposal is counted under, from review until closed, the change in its history', async () => {
    const p = (await t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as('member2'), payload: { title: '关于发展夜间文旅消费的提案', body: '建议打造夜间文旅街区。', kind: 'member', domain: '社会' } })).json();
    await ok('member2', p.id, 'submit');
    expect(await actions('staff', p.id)).toContain('classify');
    expect(await actions('member2', p.id)).not.toContain('classify');
    expectProblem(await act('member2', p.id, 'classify', { domain: '经济' }), 403);
    expect(expectProblem(await act('staff', p.id, 'classify', { domain: '社会' }), 422).errors.map((e) => e.path)).toEqual(['/domain']);
    expect((await act('staff', p.id, 'classify', { domain: '旅游' })).statusCode).toBe(400);
    expect(await ok('staff', p.id, 'classify', { domain: '经济' })).toMatchObject({ state: 'submitted', domain: '经济' });
    await ok('staff', p.id, 'file');
    expect(await ok('staff', p.id, 'classify', { domain: '文化' })).toMatchObject({ state: 'filed', domain: '文化' });
    const history = (await t.app.inject({ url: `/api/v1/proposals/${p.id}/history`, headers: await t.as('member2') })).json();
    expect(history.filter((h: { action: string }) => h.action === 'classify')).toMatchObject([
      { from: 'submitted', to: 'submitted', note: '社会 → 经济' }, { from: 'filed', to: 'filed', note: '经济 → 文化' },
    ]);
    const listed = (await t.app.inject({ url: '/api/v1/proposals?domain=%E6%96%87%E5%8C%96', headers: await t.as('staff') })).json();
    expect(listed.items.map((x: { id: string }) => x.id)).toContain(p.id);
  });

  it('gives each notice the parts that vary, beside its Chinese text, for the web to word in English', async () => {
    const title = '关于完善夜间经济配套的提案';
    const p = (await t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as('member2'), payload: { title, body: '建议完善夜间公交与照明。', kind: 'member' } })).json();
    await ok('member2', p.id, 'submit');
    await ok('staff', p.id, 'file');
    await ok('staff', p.id, 'assign', { units: [{ unitId: t.fx.unitIds.a, role: 'lead' }] });
    const noticeOf = async (user: string) => (await t.app.inject({ url: '/api/v1/notifications', headers: await t.as(user) })).json()
      .items.find((n: { href: string }) => n.href === `/proposals/${p.id}`);
    expect(await noticeOf('member2')).toMatchObject({ kind: 'proposal', title: `提案已立案：${title}`, body: '', params: { key: 'filed', title }, readAt: null });
    const assigned = await noticeOf('unitA');
    expect(assigned).toMatchObject({ kind: 'assigned', title: `新交办件：${title}`, params: { key: 'lead', title, returnBy: expect.any(String), due: expect.any(String) } });
    expect(assigned.body).toBe(`主办，请于 ${assigned.params.returnBy} 前签收或退回，答复截止 ${assigned.params.due}`);
  });

  it('hides drafts from other members and items from units they are not assigned to', async () => {
    const draft = (await t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as('member'), payload: { title: '关于社区图书馆的提案', body: '建议……', kind: 'member' } })).json();
    for (const u of ['member2', 'staff', 'unitA', 'otherStaff']) {
      expectProblem(await t.app.inject({ url: `/api/v1/proposals/${draft.id}`, headers: await t.as(u) }), 404);
    }
    const mine = (await t.app.inject({ url: '/api/v1/proposals', headers: await t.as('member2') })).json();
    expect(mine.items.map((x: { id: string }) => x.id)).not.toContain(draft.id);

    await ok('member', draft.id, 'submit');
    await ok('staff', draft.id, 'file');
    await ok('staff', draft.id, 'assign', { units: [{ unitId: t.fx.unitIds.a, role: 'lead' }] });
    expect((await t.app.inject({ url: `/api/v1/proposals/${draft.id}`, headers: await t.as('unitA') })).statusCode).toBe(200);
    expectProblem(await t.app.inject({ url: `/api/v1/proposals/${draft.id}`, headers: await t.as('unitB') }), 404);
    expectProblem(await act('unitB', draft.id, 'sign'), 404);
    const listB = (await t.app.inject({ url: '/api/v1/proposals', headers: await t.as('unitB') })).json();
    expect(listB.items.map((x: { id: string }) => x.id)).not.toContain(draft.id);
    expectProblem(await t.app.inject({ url: `/api/v1/proposals/${draft.id}` }), 404); // not published: not public
  });

  it('turns a converted proposal into a draft public-opinion report of its proposer', async () => {
    const p = (await t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as('member'), payload: { title: '关于某小区停车难的建议', body: '小区停车位不足……', kind: 'member' } })).json();
    await ok('member', p.id, 'submit');
    await ok('staff', p.id, 'convert', { to: 'opinion', reason: '反映具体社情，适合以社情民意报送' });
    await t.app.outbox.kick();
    const mine = (await t.app.inject({ url: '/api/v1/opinions', headers: await t.as('member') })).json();
    expect(mine.items).toEqual([expect.objectContaining({ title: '关于某小区停车难的建议', state: 'draft', sourceProposalId: p.id, authorName: '张三' })]);
    expect((await t.app.inject({ url: '/api/v1/opinions', headers: await t.as('member2') })).json().total).toBe(0);
  });

  it('lets an admin change the body limit and grounds, which then apply', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/proposals/settings', headers: await t.as('admin'), payload: { bodyLimit: 300, handling: { returnWindowDays: 5 } } });
    expect(res.json()).toMatchObject({ bodyLimit: 300, handling: { returnWindowDays: 5, replyMonths: 3 } });
    expectProblem(await t.app.inject({ method: 'PATCH', url: '/api/v1/proposals/settings', headers: await t.as('staff'), payload: { bodyLimit: 300 } }), 403);
    const long = await t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as('member'), payload: { title: '长提案', body: '字'.repeat(301), kind: 'member' } });
    expect(expectProblem(long, 422).errors[0].path).toBe('/body');
    await t.app.inject({ method: 'PATCH', url: '/api/v1/proposals/settings', headers: await t.as('admin'), payload: { bodyLimit: 2500, handling: { returnWindowDays: 7 } } });
  });

  it('shows similar past proposals while a member types, but not unrelated ones', async () => {
    const similar = async (text: string, title = '') => (await t.app.inject({ url: `/api/v1/proposals/similar?title=${encodeURIComponent(title)}&text=${encodeURIComponent(text)}`, headers: await t.as('member2') })).json();
    const hits = await similar('建议统筹课后服务经费，完善中小学教师课后服务的激励机制。', '关于改进中小学课后服务的建议');
    expect(hits[0]).toMatchObject({ title: '关于加强中小学课后服务的提案', state: expect.any(String) });
    expect(hits[0].score).toBeGreaterThan(0.2);
    expect(hits[0].reply).toMatchObject({ category: 'A' });
    expect(await similar('建议举办城市马拉松赛事，发展体育旅游。', '关于举办马拉松的提案')).toEqual([]);
  });

  it('suggests the unit that handled similar proposals', async () => {
    const p = (await t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as('member2'), payload: { title: '关于提升中小学课后服务质量的提案', body: '建议完善课后服务经费保障和教师激励机制。', kind: 'member' } })).json();
    await ok('member2', p.id, 'submit');
    await ok('staff', p.id, 'file');
    const res = await t.app.inject({ url: `/api/v1/proposals/${p.id}/suggested-units`, headers: await t.as('staff') });
    expect(res.json()[0]).toMatchObject({ unitId: t.fx.unitIds.a, name: '市教育局' });
    expectProblem(await t.app.inject({ url: `/api/v1/proposals/${p.id}/suggested-units`, headers: await t.as('member2') }), 403);
  });

  it('never publishes a phone number, e-mail or ID number', async () => {
    const body = '联系人王先生，电话13912345678，邮箱wang@example.cn，身份证110101199003071234。建议增设社区食堂。';
    const p = (await t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as('member'), payload: { title: '关于增设社区食堂的提案', body, kind: 'member' } })).json();
    await ok('member', p.id, 'submit');
    await ok('staff', p.id, 'file');
    await ok('staff', p.id, 'assign', { units: [{ unitId: t.fx.unitIds.b, role: 'lead' }] });
    await ok('unitB', p.id, 'sign');
    await ok('unitB', p.id, 'reply', { category: 'A', content: '已协调，请联系 0571-88886666 或 shitang@example.cn。' });
    await ok('member', p.id, 'evaluate', { satisfaction: 'satisfied' });
    await ok('staff', p.id, 'publish');
    const pub = await t.app.inject({ url: `/api/v1/proposals/${p.id}` });
    const list = await t.app.inject({ url: '/api/v1/proposals?published=true&pageSize=100' });
    for (const text of [pub.body, list.body]) {
      for (const leak of ['13912345678', 'wang@example.cn', '110101199003071234', '88886666', 'shitang@example.cn']) expect(text).not.toContain(leak);
    }
    expect(pub.json().body).toContain('建议增设社区食堂');
    // the proposer still sees the original
    expect((await t.app.inject({ url: `/api/v1/proposals/${p.id}`, headers: await t.as('member') })).json().body).toBe(body);
  });

  it('asks staff to publish a closed proposal, or to give a reason for not publishing it', async () => {
    const p = (await t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as('member2'), payload: { title: '关于规范信访接待的提案', body: '建议完善接待流程。', kind: 'member' } })).json();
    for (const [user, action, payload] of [['member2', 'submit'], ['staff', 'file'], ['staff', 'assign', { units: [{ unitId: t.fx.unitIds.a, role: 'lead' }] }],
      ['unitA', 'sign'], ['unitA', 'reply', { category: 'C', content: '留作参考。' }], ['member2', 'evaluate', { satisfaction: 'basic' }]] as const) await ok(user, p.id, action, payload);
    const todo = { kind: 'publish', title: '已办结待公开的提案 1 件', params: { n: 1 }, href: '/proposals?publication=pending' };
    const todos = async () => (await t.app.inject({ url: '/api/v1/todos', headers: await t.as('staff') })).json().items;
    const listed = async (publication: string) =>
      (await t.app.inject({ url: `/api/v1/proposals?publication=${publication}`, headers: await t.as('staff') })).json().items.map((i: { id: string }) => i.id);
    expect(await todos()).toContainEqual(todo);
    expect(await listed('pending')).toEqual([p.id]);

    expectProblem(await act('staff', p.id, 'exempt', {}), 400);
    const exempted = await ok('staff', p.id, 'exempt', { reason: '涉及信访人个人信息' });
    expect(exempted).toMatchObject({ state: 'closed', published: false, publicationExemptReason: '涉及信访人个人信息' });
    expect(await todos()).not.toContainEqual(todo);
    expect(await listed('exempt')).toEqual([p.id]);
    expect(expectProblem(await act('staff', p.id, 'exempt', { reason: '再次' }), 409).detail).toContain('不予公开');
    expectProblem(await t.app.inject({ url: `/api/v1/proposals/${p.id}` }), 404);
    // staff may still change their minds and publish it; the reason goes
    expect(await ok('staff', p.id, 'publish')).toMatchObject({ published: true, publicationExemptReason: null });
    expect((await t.app.inject({ url: `/api/v1/proposals/${p.id}` })).json().publicationExemptReason).toBeNull();
  });

  it('finds proposals and replies by Chinese words, with highlights, within what the caller may see', async () => {
    await t.app.outbox.kick();
    const search = async (q: string, h: object = {}, paging = '') => (await t.app.inject({ url: `/api/v1/proposals/search?q=${encodeURIComponent(q)}${paging}`, headers: h as never })).json();
    const staff = await search('课后服务', await t.as('staff'));
    expect(staff.items.map((i: { title: string }) => i.title)).toContain('关于加强中小学课后服务的提案');
    expect(staff.items[0].highlight.title).toContain('<mark>课后服务</mark>');
    const inReply = await search('实施方案', await t.as('staff'));
    expect(inReply.items[0]).toMatchObject({ title: '关于加强中小学课后服务的提案', highlight: { inReply: true } });
    // pages of one result each add up to the first page, and a page past the end still tells the total
    const all = await search('服务', await t.as('staff'));
    const paged = [];
    for (let page = 1; page <= all.total; page++) paged.push(...(await search('服务', await t.as('staff'), `&page=${page}&pageSize=1`)).items);
    expect(paged.map((i: { id: string }) => i.id)).toEqual(all.items.map((i: { id: string }) => i.id));
    expect(await search('服务', await t.as('staff'), `&page=${all.total + 1}&pageSize=1`)).toMatchObject({ items: [], total: all.total });
    // a draft is found only by its proposer
    await t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as('member'), payload: { title: '关于建设城市书房的提案', body: '建议在公园建设城市书房。', kind: 'member' } });
    await t.app.outbox.kick();
    expect((await search('城市书房', await t.as('staff'))).total).toBe(0);
    expect((await search('城市书房', await t.as('member'))).total).toBe(1);
    // the public finds published ones only, without logging in
    const pub = (await t.app.inject({ url: `/api/v1/proposals/search?published=true&q=${encodeURIComponent('社区食堂')}` })).json();
    expect(pub.items.map((i: { title: string }) => i.title)).toEqual(['关于增设社区食堂的提案']);
    expect(JSON.stringify(pub)).not.toContain('13912345678');
  });

  it('rewrites a search document when its text changes (edit, reply), not on a change of state', async () => {
    const doc = async (id: string) => (await t.app.db.select().from(searchDocs).where(eq(searchDocs.docId, id)))[0];
    const p = (await t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as('member'), payload: { title: '关于建设口袋公园的提案', body: '建议利用边角地建设口袋公园。', kind: 'member' } })).json();
    await t.app.outbox.kick();
    const created = await doc(p.id);
    expect(created).toBeDefined();
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/proposals/${p.id}`, headers: await t.as('member'), payload: { body: '建议利用边角地建设口袋公园和健身步道。' } })).statusCode).toBe(200);
    await t.app.outbox.kick();
    const edited = await doc(p.id);
    expect(edited!.tsv).not.toEqual(created!.tsv);
    await ok('member', p.id, 'submit');
    await ok('staff', p.id, 'file');
    await ok('staff', p.id, 'assign', { units: [{ unitId: t.fx.unitIds.a, role: 'lead' }] });
    await ok('unitA', p.id, 'sign');
    await t.app.outbox.kick();
    expect(await doc(p.id)).toEqual(edited); // four changes of state: the document untouched
    await ok('unitA', p.id, 'reply', { category: 'A', content: '已纳入城市更新计划，年内建成十处。' });
    await t.app.outbox.kick();
    expect((await doc(p.id))!.updatedAt.getTime()).toBeGreaterThan(edited!.updatedAt.getTime());
    const found = (await t.app.inject({ url: `/api/v1/proposals/search?q=${encodeURIComponent('城市更新')}`, headers: await t.as('staff') })).json();
    expect(found.items.map((i: { id: string }) => i.id)).toContain(p.id);
  });

  it('lets the leading leader log supervision of a key proposal, shown on the key board', async () => {
    const p = (await t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as('member'), payload: { title: '关于推进老旧小区加装电梯的提案', body: '建议简化审批、加大补贴。', kind: 'member' } })).json();
    await ok('member', p.id, 'submit');
    await ok('staff', p.id, 'file');
    const visit = { kind: 'visit', date: '2026-11-20', participants: '赵六副主席、市住建局', outcome: '明确年内完成30台' };
    // Not key yet: staff, who supervise, hear 409; the leader, not (yet) its leading leader, 403 first.
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${p.id}/supervision`, headers: await t.as('staff'), payload: visit }), 409);
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${p.id}/supervision`, headers: await t.as('leader'), payload: visit }), 403);
    await ok('staff', p.id, 'markKey', { leaderUserId: t.fx.userIds.leader });
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${p.id}/supervision`, headers: await t.as('leader'), payload: visit });
    expect(res.statusCode).toBe(201);
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${p.id}/supervision`, headers: await t.as('member'), payload: visit }), 403);
    const board = (await t.app.inject({ url: '/api/v1/proposals/key', headers: await t.as('leader') })).json();
    expect(board.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: p.id, visits: 1, lastVisit: '2026-11-20', leader: 'leader' })]));
    const todos = (await t.app.inject({ url: '/api/v1/todos', headers: await t.as('leader') })).json();
    expect(todos.items.some((i: { kind: string; href: string }) => i.kind === 'key' && i.href === `/proposals/${p.id}`)).toBe(true);
  });

  it('attaches files checked by content to a reply and a contact log', async () => {
    const p = (await t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as('member'), payload: { title: '关于完善学校食堂监管的提案', body: '建议……', kind: 'member' } })).json();
    await ok('member', p.id, 'submit');
    await ok('staff', p.id, 'file');
    await ok('staff', p.id, 'assign', { units: [{ unitId: t.fx.unitIds.a, role: 'lead' }] });
    const upload = async (user: string, data: Buffer, filename: string) =>
      t.app.inject({ method: 'POST', url: `/api/v1/proposals/${p.id}/attachments`, ...multipart(data, filename, await t.as(user)) });
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    expectProblem(await upload('unitA', pdf, '办理方案.pdf'), 403); // not signed yet
    await ok('unitA', p.id, 'sign');
    expect(expectProblem(await upload('unitA', Buffer.from('只是文本，不是PDF'), '伪装.pdf'), 400).errors[0].path).toBe('/file');
    const a = (await upload('unitA', pdf, '办理方案.exe')).json();
    expect(a).toMatchObject({ filename: '办理方案.pdf', mime: 'application/pdf' });
    const b = (await upload('unitA', pdf, '走访记录.pdf')).json();
    await ok('unitA', p.id, 'logContact', { kind: 'visit', date: '2026-11-20', content: '上门走访', attachmentIds: [b.id] });
    expect(expectProblem(await act('unitA', p.id, 'reply', { category: 'A', content: '已落实', attachmentIds: [b.id] }), 422).errors[0].path).toBe('/attachmentIds');
    const replied = await ok('unitA', p.id, 'reply', { category: 'A', content: '已落实', attachmentIds: [a.id] });
    expect(replied.replies[0].attachments).toEqual([expect.objectContaining({ id: a.id, filename: '办理方案.pdf' })]);
    expect(replied.logs[0].attachments).toEqual([expect.objectContaining({ id: b.id })]);
    const get = async (user: string) => t.app.inject({ url: `/api/v1/proposals/${p.id}/attachments/${a.id}`, headers: await t.as(user) });
    const got = await get('member');
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(pdf)).toBe(true);
    expect(got.headers['content-type']).toBe('application/pdf');
    for (const u of ['unitB', 'member2', 'otherStaff']) expectProblem(await get(u), 404);
  });

  it('merges only into an open proposal of the same session, else 422 naming /intoId in either language', async () => {
    const merged = await proposalIn(t, 'submitted', '关于并入他案的提案');
    const merge = async (intoId: string, lang = 'zh-CN') =>
      t.app.inject({ method: 'POST', url: `/api/v1/proposals/${merged}/actions/merge`, headers: { ...await t.as('staff'), 'accept-language': lang }, payload: { intoId } });
    for (const stage of ['replied', 'closed'] as const) {
      const done = await proposalIn(t, stage, `已答复的并案目标（${stage}）`);
      expect(expectProblem(await merge(done), 422).errors).toEqual([{ path: '/intoId', message: '只能并入已立案、尚未答复的提案' }]);
      expect(expectProblem(await merge(done, 'en'), 422).errors).toEqual([{ path: '/intoId', message: 'the kept proposal must be filed and not yet replied to' }]);
    }
    // A proposal filed under the previous plenary session.
    const older = await proposalIn(t, 'filed', '上次会议的并案目标');
    const [previous] = await t.app.db.select({ id: plenarySessions.id }).from(plenarySessions)
      .where(and(eq(plenarySessions.orgId, t.fx.orgId), eq(plenarySessions.startsOn, '2025-01-10')));
    await t.app.db.update(proposals).set({ sessionId: previous!.id }).where(eq(proposals.id, older));
    expect(expectProblem(await merge(older), 422).errors).toEqual([{ path: '/intoId', message: '只能并入同一次会议的提案' }]);
    expect(expectProblem(await merge(older, 'en'), 422).errors).toEqual([{ path: '/intoId', message: 'the kept proposal must be of the same session' }]);
    expect((await t.app.inject({ url: `/api/v1/proposals/${merged}`, headers: await t.as('staff') })).json().state).toBe('submitted');
    const open = await proposalIn(t, 'assigned', '本次会议的并案目标');
    expect((await ok('staff', merged, 'merge', { intoId: open })).state).toBe('merged');
  });

  it('lets a leader who is a member (chairs are) draft, submit and evaluate their own proposal; a leader who is not, not', async () => {
    const draft = async (login: string) => t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as(login), payload: {
      title: '关于完善居家养老服务的提案', body: '建议推广社区嵌入式养老服务。', kind: 'member', domain: '社会',
    } });
    const created = await draft('leader');
    expect(created.statusCode).toBe(201);
    const p = created.json();
    expect(p).toMatchObject({ state: 'draft', proposerName: '赵六', proposerMemberId: t.fx.memberIds[3] });
    const mine = async () => (await t.app.inject({ url: '/api/v1/proposals?mine=true', headers: await t.as('leader') })).json().items.map((x: { id: string }) => x.id);
    expect(await mine()).toContain(p.id);
    expect(await actions('leader', p.id)).toContain('submit');
    await ok('leader', p.id, 'submit');
    await ok('staff', p.id, 'file');
    await ok('staff', p.id, 'assign', { units: [{ unitId: t.fx.unitIds.a, role: 'lead' }] });
    await ok('unitA', p.id, 'sign');
    await ok('unitA', p.id, 'reply', { category: 'A', content: '已采纳，正在实施。' });
    const todos = (await t.app.inject({ url: '/api/v1/todos', headers: await t.as('leader') })).json().items;
    expect(todos).toContainEqual(expect.objectContaining({ kind: 'evaluate', href: `/proposals/${p.id}` }));
    expect((await ok('leader', p.id, 'evaluate', { satisfaction: 'satisfied' })).state).toBe('closed');
    expect(await mine()).toContain(p.id);

    // A leader not linked to a member drafts nothing.
    expect(expectProblem(await draft(await unlinkedLeader(t)), 403).detail).toBe('只有委员可以撰写提案');
  });
});
