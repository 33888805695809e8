import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, engines, expectProblem, snapshotter, testApp, type TestApp } from './helpers.ts';
import { libraryCalls } from './library-helpers.ts';

// 文库 kept after upload: staff change a document's title (searchable by its new words at once, by
// the old ones no more, a rename during processing kept), its access and its category; rename,
// move and remove categories (never under themselves, never while they hold anything). Each change
// audited with what it changed; a change to nothing writes nothing.

interface Audited { action: string; before: unknown; after: unknown }

describe.each(engines)('library edits (%s)', (engine) => {
  let t: TestApp;
  const { get, ready, up } = libraryCalls(() => t);
  const { call, ok, refused } = apiAs(() => t);
  const ids = (items: { id: string }[]) => items.map((d) => d.id);
  /** The fields a problem names (the schema may name one more than once). */
  const paths = (problem: { errors: { path: string }[] }) => [...new Set(problem.errors.map((e) => e.path))];
  /** What the library list (title or search words) and the search (search words only) find for a word. */
  const found = async (word: string) => ({
    list: ids((await get('staff', `/documents?pageSize=100&q=${encodeURIComponent(word)}`)).json().items),
    search: ids((await get('staff', `/search?kind=document&pageSize=50&q=${encodeURIComponent(word)}`)).json().items),
  });
  const audit = async (entity: string, id: string) => (await ok('admin', 'GET', `/audit?entity=${entity}&entityId=${id}`)).items as Audited[];

  beforeAll(async () => { t = await testApp(engine, { LIBRARY_RENDER: 'text', JOBS_INTERVAL_SECONDS: 3600 }); });
  afterAll(async () => { await t?.close(); });

  it('changes a document\'s title: found by its new words at once and no longer by the old ones, its text still found', async () => {
    const doc = await ready(Buffer.from('委员围绕社区养老服务开展调研。', 'utf8'), '调研.txt', { title: '关于乡村振兴的调研材料', access: 'public' });
    expect(await found('乡村振兴')).toEqual({ list: [doc.id], search: [doc.id] });
    const after = await ok('staff', 'PATCH', `/documents/${doc.id}`, { title: '  关于优化营商环境的调研材料 ' });
    expect(after.title).toBe('关于优化营商环境的调研材料');
    expect(after).toEqual((await get('staff', `/documents/${doc.id}`)).json()); // answered as GET /documents/:id answers it
    expect(await found('营商环境')).toEqual({ list: [doc.id], search: [doc.id] });
    expect(await found('乡村振兴')).toEqual({ list: [], search: [] });
    expect((await found('养老服务')).search).toEqual([doc.id]);
    expect(await audit('document', doc.id)).toMatchObject([{ action: 'edit', before: { title: '关于乡村振兴的调研材料' }, after: { title: '关于优化营商环境的调研材料' } }, { action: 'upload' }]);
  });

  it('indexes the title a document has when its processing ends, renamed meanwhile', async () => {
    const { kick, storage } = t.app.library;
    t.app.library.kick = () => undefined; // (processed below, once the rename waits for it)
    const res = await up('staff', Buffer.from('委员发言材料。', 'utf8'), '发言.txt', { title: '关于交通治理的发言' });
    t.app.library.kick = kick;
    expect(res.statusCode, res.body).toBe(201);
    const read = storage.withLocalFile;
    // Renamed after processing has read the document, before it ends.
    storage.withLocalFile = async <T>(key: string, fn: (localPath: string) => Promise<T>) => {
      storage.withLocalFile = read;
      await ok('staff', 'PATCH', `/documents/${res.json().id}`, { title: '关于垃圾分类的发言' });
      return storage.withLocalFile(key, fn);
    };
    await t.app.library.runner.runDue();
    expect(storage.withLocalFile).toBe(read);
    expect((await get('staff', `/documents/${res.json().id}`)).json()).toMatchObject({ state: 'ready', title: '关于垃圾分类的发言' });
    expect((await found('垃圾分类')).search).toEqual([res.json().id]);
    expect((await found('交通治理')).search).toEqual([]);
  });

  it('changes who may read a document and its category; refuses an unknown category, other logins and other committees', async () => {
    const doc = await ready(Buffer.from('界别协商会议纪要。', 'utf8'), '纪要.txt', { access: 'public' });
    const cat = await ok('staff', 'POST', '/documents/categories', { name: '会议纪要' });
    expect((await get(undefined, `/documents/${doc.id}`)).statusCode).toBe(200);
    await ok('staff', 'PATCH', `/documents/${doc.id}`, { access: 'staff' });
    expectProblem(await get(undefined, `/documents/${doc.id}`), 404);
    expectProblem(await get('member', `/documents/${doc.id}`), 404);
    expect((await ok('staff', 'PATCH', `/documents/${doc.id}`, { access: 'members', categoryId: cat.id })).breadcrumbs).toEqual([{ id: cat.id, name: '会议纪要' }]);
    expect((await get('member', `/documents/${doc.id}`)).json()).toMatchObject({ access: 'members', categoryId: cat.id });
    expectProblem(await get(undefined, `/documents/${doc.id}`), 404);
    expect(ids((await get('staff', `/documents?categoryId=${cat.id}`)).json().items)).toEqual([doc.id]);
    expect((await ok('staff', 'PATCH', `/documents/${doc.id}`, { categoryId: null })).categoryId).toBeNull();
    expect((await audit('document', doc.id)).map((a) => [a.before, a.after]).slice(0, 3)).toEqual([
      [{ categoryId: cat.id }, { categoryId: null }],
      [{ access: 'staff', categoryId: null }, { access: 'members', categoryId: cat.id }],
      [{ access: 'public' }, { access: 'staff' }],
    ]);

    expect(paths(await refused(422, 'staff', 'PATCH', `/documents/${doc.id}`, { title: '新标题', categoryId: crypto.randomUUID() }))).toEqual(['/categoryId']);
    expect(paths(await refused(400, 'staff', 'PATCH', `/documents/${doc.id}`, { title: '   ' }))).toEqual(['/title']);
    expect(paths(await refused(400, 'staff', 'PATCH', `/documents/${doc.id}`, { access: 'everyone' }))).toEqual(['/access']);
    await refused(400, 'staff', 'PATCH', `/documents/${doc.id}`, {});
    await refused(403, 'member', 'PATCH', `/documents/${doc.id}`, { title: '新标题' });
    await refused(404, 'otherStaff', 'PATCH', `/documents/${doc.id}`, { title: '新标题' });
  });

  it('writes nothing, not even an audit entry, when nothing changes', async () => {
    const doc = await ready(Buffer.from('不变的文档。', 'utf8'), '不变.txt', { access: 'members' });
    const cat = await ok('staff', 'POST', '/documents/categories', { name: '不变的分类', sort: 3 });
    const snapshot = snapshotter(t);
    const before = await snapshot();
    const same = await ok('staff', 'PATCH', `/documents/${doc.id}`, { title: ` ${doc.title} `, access: 'members', categoryId: null });
    expect(same).toMatchObject({ title: doc.title, access: 'members' });
    const sameCat = await ok('staff', 'PATCH', `/documents/categories/${cat.id}`, { name: cat.name, parentId: cat.parentId, sort: cat.sort });
    expect(sameCat).toEqual(cat);
    expect(await snapshot()).toEqual(before);
  });

  it('renames, moves and re-sorts categories: one name once under one parent, never under itself or its own sub-categories', async () => {
    const post = (body: object) => ok('staff', 'POST', '/documents/categories', body);
    const top = await post({ name: '制度文件' });
    const sub = await post({ name: '工作规则', parentId: top.id });
    const leaf = await post({ name: '提案工作', parentId: sub.id });
    const other = await post({ name: '学习资料' });
    const patch = (id: string, body: object) => call('staff', 'PATCH', `/documents/categories/${id}`, body);
    const fields = async (status: number, id: string, body: object) => paths(await refused(status, 'staff', 'PATCH', `/documents/categories/${id}`, body));

    expect(await ok('staff', 'PATCH', `/documents/categories/${sub.id}`, { name: ' 议事规则 ', sort: 5 })).toEqual({ id: sub.id, parentId: top.id, name: '议事规则', sort: 5 });
    expect((await ok('staff', 'PATCH', `/documents/categories/${leaf.id}`, { parentId: other.id })).parentId).toBe(other.id);
    expect((await ok('staff', 'PATCH', `/documents/categories/${leaf.id}`, { parentId: null })).parentId).toBeNull();
    await ok('staff', 'PATCH', `/documents/categories/${leaf.id}`, { parentId: sub.id });

    for (const target of [top.id, sub.id, leaf.id]) {
      const problem = await refused(422, 'staff', 'PATCH', `/documents/categories/${top.id}`, { parentId: target });
      expect(problem.errors).toEqual([{ path: '/parentId', message: '不能移到自身或其下级分类之下' }]);
    }
    expect(await fields(422, sub.id, { parentId: crypto.randomUUID() })).toEqual(['/parentId']);
    // A twin by its new name, or by its new parent.
    expect(await fields(422, other.id, { name: '制度文件' })).toEqual(['/name']);
    const twin = await post({ name: '议事规则' });
    expect(await fields(422, twin.id, { parentId: top.id })).toEqual(['/name']);
    expect(await fields(400, sub.id, { name: '' })).toEqual(['/name']);
    await refused(403, 'member', 'PATCH', `/documents/categories/${sub.id}`, { name: '新名字' });
    await refused(404, 'otherStaff', 'PATCH', `/documents/categories/${sub.id}`, { name: '新名字' });
    expectProblem(await patch(crypto.randomUUID(), { name: '新名字' }), 404);

    const names = (await get('staff', '/documents/categories')).json().items.map((c: { id: string; parentId: string | null; name: string }) => [c.name, c.parentId]);
    expect(names).toEqual(expect.arrayContaining([['制度文件', null], ['议事规则', top.id], ['提案工作', sub.id], ['学习资料', null]]));
    expect((await audit('documentCategory', sub.id))[0]).toMatchObject({ action: 'edit', before: { name: '工作规则', sort: 0 }, after: { name: '议事规则', sort: 5 } });
  });

  it('lists the categories in their order (sort, then name), each with the documents it holds that the caller may read (staff: all) and its sub-categories', async () => {
    const post = (body: object) => ok('staff', 'POST', '/documents/categories', body);
    const top = await post({ name: '计数分类', sort: 9000 });
    const sub = await post({ name: '计数下级', parentId: top.id });
    const empty = await post({ name: '计数空类', parentId: top.id });
    await ready(Buffer.from('公开的计数文档。', 'utf8'), '公开计数.txt', { access: 'public', categoryId: sub.id });
    await ready(Buffer.from('委员的计数文档。', 'utf8'), '委员计数.txt', { access: 'members', categoryId: sub.id });
    await ready(Buffer.from('机关的计数文档。', 'utf8'), '机关计数.txt', { access: 'staff', categoryId: sub.id });
    await ready(Buffer.from('直属的计数文档。', 'utf8'), '直属计数.txt', { access: 'public', categoryId: top.id });
    const hidden = await ready(Buffer.from('被屏蔽的计数文档。', 'utf8'), '屏蔽计数.txt', { access: 'public', categoryId: sub.id });
    const report = await ok('member', 'POST', `/documents/${hidden.id}/reports`, { reason: '内容不实' });
    await ok('staff', 'POST', `/documents/reports/${report.id}/resolve`, { action: 'hide' });

    type Listed = { id: string; parentId: string | null; name: string; sort: number; documentCount: number; subcategoryCount: number };
    const counts = async (login: string | undefined, query = '') => {
      const items = (await get(login, `/documents/categories${query}`)).json().items as Listed[];
      return Object.fromEntries(items.filter((c) => [top.id, sub.id, empty.id].includes(c.id)).map((c) => [c.name, [c.documentCount, c.subcategoryCount]]));
    };
    // Staff, who delete only an empty one, count every document (hidden ones too, as the refusal counts them).
    expect(await counts('staff')).toEqual({ 计数分类: [1, 2], 计数下级: [4, 0], 计数空类: [0, 0] });
    expect(await counts('member')).toEqual({ 计数分类: [1, 2], 计数下级: [2, 0], 计数空类: [0, 0] });
    expect(await counts(undefined, `?orgId=${t.fx.orgId}`)).toEqual({ 计数分类: [1, 2], 计数下级: [1, 0], 计数空类: [0, 0] });
    // (a login reads its own committee's)
    expect(await counts('otherStaff', `?orgId=${t.fx.orgId}`)).toEqual({});
    expect((await refused(409, 'staff', 'DELETE', `/documents/categories/${sub.id}`)).detail).toBe('分类下还有 4 份文档，请先移走或删除');

    // The order: by sort, equal ones by name; re-sorted by PATCH.
    const order = async () => ((await get('staff', '/documents/categories')).json().items as Listed[]).filter((c) => c.parentId === top.id).map((c) => c.name);
    expect(await order()).toEqual(['计数下级', '计数空类'].sort());
    await ok('staff', 'PATCH', `/documents/categories/${empty.id}`, { sort: 1 });
    await ok('staff', 'PATCH', `/documents/categories/${sub.id}`, { sort: 2 });
    expect(await order()).toEqual(['计数空类', '计数下级']);
    const all = (await get('staff', '/documents/categories')).json().items as Listed[];
    expect(all.at(-1)!.id).toBe(top.id); // (sort 9000, after the others at the top)
  });

  it('removes a category only when it holds no documents and no sub-categories, saying how many it holds', async () => {
    const post = (body: object) => ok('staff', 'POST', '/documents/categories', body);
    const top = await post({ name: '待删分类' });
    const sub = await post({ name: '待删下级', parentId: top.id });
    const docs = [];
    for (const n of [1, 2, 3]) docs.push(await ready(Buffer.from(`第${n}份文档。`, 'utf8'), `第${n}份.txt`, { categoryId: sub.id }));
    const held = await refused(409, 'staff', 'DELETE', `/documents/categories/${sub.id}`);
    expect(held.detail).toBe('分类下还有 3 份文档，请先移走或删除');
    const en = await t.app.inject({ method: 'DELETE', url: `/api/v1/documents/categories/${top.id}`, headers: { ...(await t.as('staff')), 'accept-language': 'en' } });
    expect(expectProblem(en, 409).detail).toBe('The category still holds 1 sub-category: move or delete it first');
    await refused(403, 'member', 'DELETE', `/documents/categories/${sub.id}`);
    await refused(404, 'otherStaff', 'DELETE', `/documents/categories/${sub.id}`);

    for (const d of docs) await ok('staff', 'PATCH', `/documents/${d.id}`, { categoryId: null });
    expect((await call('staff', 'DELETE', `/documents/categories/${sub.id}`)).statusCode).toBe(204);
    expect((await call('staff', 'DELETE', `/documents/categories/${top.id}`)).statusCode).toBe(204);
    expectProblem(await call('staff', 'DELETE', `/documents/categories/${top.id}`), 404);
    expect(ids((await get('staff', '/documents/categories')).json().items)).not.toContain(top.id);
    expect(await audit('documentCategory', sub.id)).toMatchObject([{ action: 'delete', before: { name: '待删下级', parentId: top.id } }, { action: 'create' }]);
  });
});
