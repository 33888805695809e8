import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, engines, expectProblem, proposalIn, testApp, type TestApp } from './helpers.ts';
import { form } from './library-helpers.ts';

// 文库 in context: documents linked to a proposal, a consultation's 八个一 item (its deliverable)
// and a member's duty record — each side shown only to who may read both; and 猜你喜欢 on a
// document's page, of documents the caller may open only.

interface Item { id: string; part?: string; reason?: string }
interface Target { kind: string; targetId: string; part: string; title: string; href: string }

describe.each(engines)('library links and 猜你喜欢 (%s)', (engine) => {
  let t: TestApp;
  const { call, ok, refused } = apiAs(() => t);
  const get = async (login: string | undefined, url: string) => t.app.inject({ url: `/api/v1${url}`, headers: login ? await t.as(login) : {} });
  const upload = async (title: string, text: string, access: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: await t.as('staff'), payload: form(Buffer.from(text, 'utf8'), `${title}.txt`, { title, access }) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const ids = (items: Item[]) => items.map((i) => i.id).sort();
  const targets = async (login: string | undefined, doc: string) => {
    const res = await get(login, `/documents/${doc}/links`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as Target[]).map((x) => `${x.kind}:${x.targetId}${x.part ? `:${x.part}` : ''}`).sort();
  };
  let proposal: string, consultation: string, membersDoc: string, publicDoc: string;
  const zhang = () => t.fx.memberIds[0]!;

  beforeAll(async () => {
    t = await testApp(engine, { LIBRARY_RENDER: 'text', JOBS_INTERVAL_SECONDS: 3600 });
    membersDoc = await upload('教育资源调研报告', '关于城乡教育资源均衡配置的调研报告正文。', 'members');
    publicDoc = await upload('政协委员履职指南', '委员履职的基本要求与方法。', 'public');
    await t.app.library.runner.runDue();
    // The member's own proposal, not published: the member, staff and leaders read it; member2 does not.
    proposal = await proposalIn(t, 'submitted', '关于推进城乡教育均衡发展的提案');
    consultation = (await ok('staff', 'POST', '/consultations', { title: '教育均衡发展专题协商', kind: 'bimonthly', year: 2031 })).id;
  });
  afterAll(async () => { await t?.close(); });

  it('links a document to a proposal, a checklist item and a member\'s record (the office only), once each', async () => {
    const made = await t.app.inject({ method: 'POST', url: `/api/v1/documents/${membersDoc}/links`, headers: await t.as('staff'), payload: { kind: 'proposal', targetId: proposal } });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toEqual({ kind: 'proposal', targetId: proposal, part: '', title: '关于推进城乡教育均衡发展的提案', href: `/proposals/${proposal}` });
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/documents/${membersDoc}/links`, headers: await t.as('staff'), payload: { kind: 'proposal', targetId: proposal } });
    expect(again.statusCode).toBe(200);
    expect(await ok('staff', 'POST', `/documents/${membersDoc}/links`, { kind: 'consultation', targetId: consultation, part: 'researchReport' }))
      .toMatchObject({ part: 'researchReport', href: `/consultations/${consultation}` });
    expect(await ok('staff', 'POST', `/documents/${publicDoc}/links`, { kind: 'member', targetId: zhang() })).toMatchObject({ title: '张三', href: `/records/members/${zhang()}` });
    await ok('staff', 'POST', `/documents/${publicDoc}/links`, { kind: 'proposal', targetId: proposal });

    // Refused, changing nothing: not the office; an item that does not exist or is another committee's; a part that is no checklist item.
    await refused(403, 'member', 'POST', `/documents/${membersDoc}/links`, { kind: 'member', targetId: zhang() });
    expect((await refused(422, 'staff', 'POST', `/documents/${membersDoc}/links`, { kind: 'proposal', targetId: crypto.randomUUID() })).errors[0]!.path).toBe('/targetId');
    expect((await refused(422, 'staff', 'POST', `/documents/${membersDoc}/links`, { kind: 'member', targetId: t.fx.otherMemberId })).errors[0]!.path).toBe('/targetId');
    expect((await refused(422, 'staff', 'POST', `/documents/${membersDoc}/links`, { kind: 'consultation', targetId: consultation, part: 'banquet' })).errors[0]!.path).toBe('/part');
    expect((await refused(422, 'staff', 'POST', `/documents/${membersDoc}/links`, { kind: 'proposal', targetId: proposal, part: 'researchReport' })).errors[0]!.path).toBe('/part');
    expect((await refused(400, 'staff', 'POST', `/documents/${membersDoc}/links`, { kind: 'meeting', targetId: proposal })).errors[0]!.path).toBe('/kind');
    await refused(404, 'otherStaff', 'POST', `/documents/${membersDoc}/links`, { kind: 'member', targetId: t.fx.otherMemberId });
  });

  it('shows where a document is used only as far as the caller may read each item', async () => {
    expect(await targets('staff', membersDoc)).toEqual([`consultation:${consultation}:researchReport`, `proposal:${proposal}`].sort());
    // The proposer reads his proposal; member2 only the consultation; a unit reads no members' document at all.
    expect(await targets('member', membersDoc)).toEqual([`consultation:${consultation}:researchReport`, `proposal:${proposal}`].sort());
    expect(await targets('member2', membersDoc)).toEqual([`consultation:${consultation}:researchReport`]);
    expectProblem(await get('unitA', `/documents/${membersDoc}/links`), 404);
    expectProblem(await get(undefined, `/documents/${membersDoc}/links`), 404);
    // The public document: a visitor sees neither the unpublished proposal nor 张三's record; member2 not 张三's record; a leader both.
    expect(await targets(undefined, publicDoc)).toEqual([]);
    expect(await targets('member2', publicDoc)).toEqual([]);
    expect(await targets('member', publicDoc)).toEqual([`member:${zhang()}`, `proposal:${proposal}`].sort());
    expect(await targets('leader', publicDoc)).toEqual([`member:${zhang()}`, `proposal:${proposal}`].sort());
  });

  it('lists an item\'s documents for who may read the item, those they may open', async () => {
    const linked = async (login: string | undefined, kind: string, id: string) => {
      const res = await get(login, `/documents/linked?kind=${kind}&targetId=${id}`);
      return res.statusCode === 200 ? ids(res.json().items) : res.statusCode;
    };
    expect(await linked('member', 'proposal', proposal)).toEqual([membersDoc, publicDoc].sort());
    expect(await linked('member2', 'proposal', proposal)).toBe(404);
    expect(await linked(undefined, 'proposal', proposal)).toBe(404);
    expect(await linked('unitA', 'consultation', consultation)).toEqual([]); // the consultation yes, the members' document no
    const items = (await ok('member2', 'GET', `/documents/linked?kind=consultation&targetId=${consultation}`)).items as Item[];
    expect(items).toMatchObject([{ id: membersDoc, part: 'researchReport', title: '教育资源调研报告' }]);
    expect(await linked('member', 'member', zhang())).toEqual([publicDoc]);
    expect(await linked('member2', 'member', zhang())).toBe(404);
    expect(await linked('leader', 'member', zhang())).toEqual([publicDoc]);
    expect(await linked('otherStaff', 'proposal', proposal)).toBe(404);
  });

  it('lets a linked library document stand as the checklist item\'s deliverable', async () => {
    const before = await ok('staff', 'POST', '/consultations', { title: '无成果的协商', kind: 'bimonthly', year: 2031 });
    expect((await refused(422, 'staff', 'PATCH', `/consultations/${before.id}/checklist`, { key: 'researchReport', state: 'done' })).errors[0]!.path).toBe('/state');
    await ok('staff', 'PATCH', `/consultations/${consultation}/checklist`, { key: 'researchReport', state: 'done' });
    const item = (await ok('staff', 'GET', `/consultations/${consultation}`)).checklist.find((x: { key: string }) => x.key === 'researchReport');
    expect(item.state).toBe('done');
  });

  it('unlinks (the office), and deleting a document takes its links along', async () => {
    await refused(403, 'member', 'DELETE', `/documents/${publicDoc}/links/${zhang()}?kind=member`);
    const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/documents/${publicDoc}/links/${zhang()}?kind=member`, headers: await t.as('staff') });
    expect(res.statusCode).toBe(204);
    await refused(404, 'staff', 'DELETE', `/documents/${publicDoc}/links/${zhang()}?kind=member`);
    expect(await targets('staff', publicDoc)).toEqual([`proposal:${proposal}`]);
    const gone = await upload('临时材料', '临时。', 'members');
    await t.app.library.runner.runDue();
    await ok('staff', 'POST', `/documents/${gone}/links`, { kind: 'proposal', targetId: proposal });
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/documents/${gone}`, headers: await t.as('staff') })).statusCode).toBe(204);
    expect(ids((await ok('member', 'GET', `/documents/linked?kind=proposal&targetId=${proposal}`)).items)).toEqual([membersDoc, publicDoc].sort());
  });

  it('offers 猜你喜欢: favourited by the same readers, linked to the same item, by title words, popular — only what the caller may open', async () => {
    const a = await upload('公交都市建设资料', '城市公共交通优先发展。'.repeat(3), 'public');
    const fav = await upload('养老服务体系研究', '居家养老与社区养老服务。'.repeat(3), 'members');
    const words = await upload('公交线网优化方案', '线网调整与站点布局。'.repeat(3), 'public');
    const sibling = await upload('乡村振兴典型案例', '产业振兴与人才振兴。'.repeat(3), 'public');
    await t.app.library.runner.runDue();
    // member favourites a and fav; a and sibling are linked to the same consultation.
    for (const d of [a, fav]) expect((await call('member', 'PUT', `/documents/${d}/favourite`)).statusCode).toBe(204);
    for (const d of [a, sibling]) await ok('staff', 'POST', `/documents/${d}/links`, { kind: 'consultation', targetId: consultation });
    const also = async (login: string | undefined) => {
      const res = await get(login, `/documents/${a}/also`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items as Item[];
    };
    const related = ((await ok('member', 'GET', `/documents/${a}/related`)).items as Item[]).map((i) => i.id);
    const mine = await also('member');
    const reasonOf = (items: Item[], id: string) => items.find((i) => i.id === id)?.reason;
    expect(mine.map((i) => i.id)).not.toContain(a);
    for (const r of related) expect(mine.map((i) => i.id)).not.toContain(r);
    expect(reasonOf(mine, fav)).toBe('favouritedToo');
    expect(reasonOf(mine, sibling)).toBe('sameItem');
    if (!related.includes(words)) expect(reasonOf(mine, words)).toBe('titleWords');
    expect(mine.length).toBeLessThanOrEqual(6);
    expect(new Set(mine.map((i) => i.id)).size).toBe(mine.length);
    // A visitor never gets the members' documents; the rest fills up with popular public ones.
    const visitor = await also(undefined);
    expect(visitor.map((i) => i.id)).not.toContain(fav);
    expect(visitor.map((i) => i.id)).not.toContain(membersDoc);
    expect(reasonOf(visitor, sibling)).toBe('sameItem');
    expect(visitor.every((i) => ['favouritedToo', 'sameItem', 'titleWords', 'popular'].includes(i.reason!))).toBe(true);
  });
});
