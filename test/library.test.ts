import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxOf, pdfOf, pptxOf, xlsxOf } from '../src/server/modules/library/samples.ts';
import { renderers } from '../src/server/modules/library/tools.ts';
import { buildApp } from '../src/server/app.ts';
import { PUBLIC_WRITES_PER_MINUTE } from '../src/server/core/http.ts';
import { engines, expectProblem, sessionHeaders, testApp, testConfig, type TestApp } from './helpers.ts';
import { form, libraryCalls } from './library-helpers.ts';

// 文库 through the HTTP API: each format uploaded and processed to ready with its text per page,
// preview limits per reader, 登录后继续阅读 past them, downloads counted, access levels (others
// 404), favourites, reports and their resolution, share links, related documents, deletion.

/** A text in GBK, as Chinese Windows saves it (its characters' two bytes, as GB18030 decodes them, or one for ASCII). */
function gbk(text: string): Buffer {
  const bytes: number[] = [];
  for (const c of text) {
    if (c.charCodeAt(0) < 0x80) { bytes.push(c.charCodeAt(0)); continue; }
    const pair = GBK_PAIRS.get(c);
    if (!pair) throw new Error(`not in GBK: ${c}`);
    bytes.push(...pair);
  }
  return Buffer.from(bytes);
}
const GBK_PAIRS = (() => {
  const pairs = new Map<string, [number, number]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) for (let trail = 0x40; trail <= 0xfe; trail++) {
    if (trail !== 0x7f) pairs.set(decoder.decode(new Uint8Array([lead, trail])), [lead, trail]);
  }
  return pairs;
})();

const LONG = Array.from({ length: 12 }, (_, i) => `第${i + 1}段：推进“双联”工作，委员联系界别群众，常态化开展一见面一报告，协商议政成效明显。`.repeat(6));

describe.each(engines)('library (%s)', (engine) => {
  let t: TestApp;
  const { up, get, ready } = libraryCalls(() => t);

  beforeAll(async () => { t = await testApp(engine, { LIBRARY_RENDER: 'text', LIBRARY_PREVIEW_PAGES: 2, JOBS_INTERVAL_SECONDS: 3600 }); });
  afterAll(async () => { await t?.close(); });

  it('takes each format, checks its type by content and processes it to ready with its text per page', async () => {
    const docx = await ready(await docxOf('关于双联工作的报告', LONG), '双联报告.docx', { access: 'public' });
    expect(docx).toMatchObject({ format: 'docx', state: 'ready', previewKind: 'text', access: 'public', downloads: 0 });
    expect(docx.number).toMatch(/^TX-\d{4}-\d{5}$/);
    expect(docx.pages).toBeGreaterThan(2);
    const text = (await get('staff', `/documents/${docx.id}/text`)).json();
    expect(text.pages).toHaveLength(docx.pages);
    expect(text.pages[0]).toMatchObject({ n: 1 });
    expect(text.pages.map((p: { text: string }) => p.text).join('')).toContain('第12段');

    const pdf = await ready(await pdfOf('三页', ['第一页 政协', '第二页 协商', '第三页 监督']), '三页.pdf');
    expect(pdf).toMatchObject({ format: 'pdf', state: 'ready', pages: 3 });
    const pdfText = (await get('staff', `/documents/${pdf.id}/text`)).json().pages;
    expect(pdfText.map((p: { n: number }) => p.n)).toEqual([1, 2, 3]);
    expect(pdfText[1].text).toMatch(/2|协商/);

    const pptx = await ready(pptxOf([['第一张', '履职'], ['第二张'], ['第三张']]), '汇报.pptx');
    expect(pptx).toMatchObject({ format: 'pptx', state: 'ready', pages: 3 });
    expect((await get('staff', `/documents/${pptx.id}/text`)).json().pages[0].text).toBe('第一张\n履职');

    const xlsx = await ready(await xlsxOf({ 统计: [['界别', '人数'], ['经济界', 12]], 名单: [['张三']] }), '统计.xlsx');
    expect(xlsx).toMatchObject({ format: 'xlsx', state: 'ready', pages: 2 });
    expect((await get('staff', `/documents/${xlsx.id}/text`)).json().pages[0].text).toContain('经济界\t12');

    const txt = await ready(Buffer.from(LONG.join('\n'), 'utf8'), '讲话.txt', { title: '典型交流发言' });
    expect(txt).toMatchObject({ format: 'txt', title: '典型交流发言', state: 'ready' });
    expect(txt.pages).toBeGreaterThan(2);
    // Numbers run on within the committee and year.
    expect(Number(txt.number.slice(-5))).toBe(Number(docx.number.slice(-5)) + 4);
  });

  it('takes a .txt in GBK (as Chinese Windows saves text) and reads its text', async () => {
    // 政协委员履职报告：推进乡村振兴。 in GBK
    const gbk = Buffer.from('d5fed0adceafd4b1c2c4d6b0b1a8b8e6a3bacdc6bdf8cfe7b4e5d5f1d0cba1a3', 'hex');
    const doc = await ready(gbk, '履职报告.txt');
    expect(doc).toMatchObject({ format: 'txt', state: 'ready', title: '履职报告', pages: 1 });
    expect((await get('staff', `/documents/${doc.id}/text`)).json().pages[0].text).toBe('政协委员履职报告：推进乡村振兴。');
    const file = await get('staff', `/documents/${doc.id}/file`);
    expect(file.headers['content-type']).toBe('text/plain; charset=gb18030');
    expect(Buffer.compare(file.rawPayload, gbk)).toBe(0);
  });

  it('takes a longer GBK text with its punctuation, 〇 and a rare hanzi; refuses a Latin-1 text that GB18030 would read as odd hanzi', async () => {
    const text = '二〇二五年政协工作报告：委员们围绕“乡村振兴”《规划纲要》积极建言献策，朱镕基同志的讲话精神……（全文完）\r\n';
    const doc = await ready(gbk(text), '工作报告.txt');
    expect(doc).toMatchObject({ format: 'txt', state: 'ready' });
    expect((await get('staff', `/documents/${doc.id}/text`)).json().pages[0].text).toBe(text.trim());
    const before = (await get('staff', '/documents?pageSize=100')).json().total;
    // Windows-1252: each of these decodes as GB18030 (Müller → M黮ler), but not as Chinese.
    for (const latin of ['Müller fährt über Österreich nach Zürich, wählt Käse und Brötchen.', 'Le château, la forêt et le théâtre: élégance française.']) {
      expect(() => new TextDecoder('gb18030', { fatal: true }).decode(Buffer.from(latin, 'latin1'))).not.toThrow();
      const refused = expectProblem(await up('staff', Buffer.from(latin, 'latin1'), 'latin.txt'), 400);
      expect(refused.detail).toContain('UTF-8 或 GBK');
      expect(refused.errors.map((e) => e.path)).toEqual(['/file']);
      // In UTF-8 the same words are taken.
      expect((await up('staff', Buffer.from(latin, 'utf8'), 'utf8.txt')).statusCode).toBe(201);
    }
    expect((await get('staff', '/documents?pageSize=100')).json().total).toBe(before + 2);
  });

  it('refuses a file whose content is not what its name says, or that is no text, and stores nothing', async () => {
    const before = (await get('staff', '/documents?pageSize=100')).json().total;
    expectProblem(await up('staff', Buffer.from('%PDF-1.4 not really'), '假的.docx'), 400);
    // Neither UTF-8 nor GB18030 (UTF-16; a byte GB18030 never has; a cut character), or with control characters.
    for (const junk of [[0xff, 0xfe, 0x00, 0x41, 0x00], [0xd5, 0xfe, 0xff, 0x41], [0x41, 0xd5], [0xd5, 0xfe, 0x81, 0x30, 0x81, 0x30, 0x01, 0x02]]) {
      const refused = expectProblem(await up('staff', Buffer.from(junk), 'junk.txt'), 400);
      expect(refused.detail).toContain('UTF-8 或 GBK');
    }
    expectProblem(await up('staff', await docxOf('x', ['y']), 'x.exe'), 400);
    const bad = expectProblem(await up('staff', Buffer.from('hello'), 'a.txt', { access: 'everyone' }), 400);
    expect(bad.errors.map((e) => e.path)).toContain('/access');
    expect((await get('staff', '/documents?pageSize=100')).json().total).toBe(before);
    expectProblem(await up('member', Buffer.from('hello'), 'a.txt'), 403);
  });

  it('previews the first pages to visitors and units, every page to members and staff; 登录后继续阅读 past the limit', async () => {
    const doc = await ready(Buffer.from(LONG.join('\n'), 'utf8'), '公开.txt', { access: 'public' });
    expect(doc.pages).toBeGreaterThan(2);
    expect((await get(undefined, `/documents/${doc.id}`)).json().previewPages).toBe(2);
    expect((await get('unitA', `/documents/${doc.id}`)).json().previewPages).toBe(2);
    expect((await get('member', `/documents/${doc.id}`)).json().previewPages).toBe(doc.pages);
    expect((await get(undefined, `/documents/${doc.id}`)).json().uploader).not.toBe('staff');
    expect((await get(undefined, `/documents/${doc.id}/text`)).json().pages).toHaveLength(2);
    expect((await get('leader', `/documents/${doc.id}/text`)).json().pages).toHaveLength(doc.pages);
    const past = expectProblem(await get(undefined, `/documents/${doc.id}/pages/3`), 403);
    expect(past.detail).toContain('登录后继续阅读');
    // Without a renderer the pages are text: the image route says why.
    const noImage = expectProblem(await get(undefined, `/documents/${doc.id}/pages/1`), 404);
    expect((noImage as unknown as { previewKind: string }).previewKind).toBe('text');
    expectProblem(await get('member', `/documents/${doc.id}/pages/${doc.pages + 1}`), 404);
  });

  it('counts downloads for members and staff; visitors and units may not download', async () => {
    const file = await docxOf('下载测试', ['内容']);
    const doc = await ready(file, '下载.docx', { access: 'public' });
    const res = await get('member', `/documents/${doc.id}/file`);
    expect(res.statusCode).toBe(200);
    expect(Buffer.compare(res.rawPayload, file)).toBe(0);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('下载.docx'));
    await get('staff', `/documents/${doc.id}/file`);
    expect((await get('staff', `/documents/${doc.id}`)).json().downloads).toBe(2);
    expectProblem(await get(undefined, `/documents/${doc.id}/file`), 403);
    expectProblem(await get('unitA', `/documents/${doc.id}/file`), 403);
    expect((await get('staff', `/documents/${doc.id}`)).json().downloads).toBe(2);
  });

  it('hides members\' and staff documents from those outside them (404), in lists too', async () => {
    const members = await ready(Buffer.from('委员内部资料', 'utf8'), '内部.txt', { access: 'members' });
    const staffOnly = await ready(Buffer.from('机关内部资料', 'utf8'), '机关.txt', { access: 'staff' });
    expectProblem(await get(undefined, `/documents/${members.id}`), 404);
    expectProblem(await get('unitA', `/documents/${members.id}`), 404);
    expect((await get('member', `/documents/${members.id}`)).statusCode).toBe(200);
    expectProblem(await get('member', `/documents/${staffOnly.id}`), 404);
    expectProblem(await get('leader', `/documents/${staffOnly.id}/text`), 404);
    expectProblem(await get('otherStaff', `/documents/${members.id}`), 404);
    const ids = async (login?: string) => (await get(login, '/documents?pageSize=200')).json().items.map((d: { id: string }) => d.id);
    expect(await ids()).not.toContain(members.id);
    expect(await ids('member')).toContain(members.id);
    expect(await ids('member')).not.toContain(staffOnly.id);
    expect(await ids('staff')).toContain(staffOnly.id);
  });

  it('lists by category (with those below), format and search words; categories make breadcrumbs', async () => {
    const staff = await t.as('staff');
    const post = async (body: object) => (await t.app.inject({ method: 'POST', url: '/api/v1/documents/categories', headers: staff, payload: body })).json();
    const top = await post({ name: '履职资料' });
    const sub = await post({ name: '交流发言', parentId: top.id });
    const doc = await ready(Buffer.from('委员履职典型经验交流材料，社区养老服务。', 'utf8'), '交流.txt', { access: 'public', categoryId: sub.id });
    expect((await get(undefined, `/documents/${doc.id}`)).json().breadcrumbs).toEqual([{ id: top.id, name: '履职资料' }, { id: sub.id, name: '交流发言' }]);
    const listed = async (q: string) => (await get(undefined, `/documents?${q}`)).json().items.map((d: { id: string }) => d.id);
    expect(await listed(`categoryId=${top.id}`)).toEqual([doc.id]);
    expect(await listed(`q=${encodeURIComponent('养老服务')}`)).toContain(doc.id);
    expect(await listed(`q=${encodeURIComponent(doc.number)}`)).toEqual([doc.id]);
    expect(await listed('format=pdf')).not.toContain(doc.id);
    expect((await get(undefined, '/documents/categories')).json().items.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['履职资料', '交流发言']));
    const badParent = await t.app.inject({ method: 'POST', url: '/api/v1/documents/categories', headers: staff, payload: { name: 'x', parentId: crypto.randomUUID() } });
    expect(badParent.statusCode).toBe(422);
    // A name once under one parent, at the top too; the same name under another parent is another category.
    for (const body of [{ name: ' 履职资料 ' }, { name: '交流发言', parentId: top.id }]) {
      const twin = await t.app.inject({ method: 'POST', url: '/api/v1/documents/categories', headers: staff, payload: body });
      expect(expectProblem(twin, 422).errors.map((e) => e.path)).toEqual(['/name']);
    }
    expect((await post({ name: '交流发言' })).name).toBe('交流发言');
  });

  it('keeps favourites per reader', async () => {
    const doc = await ready(Buffer.from('收藏测试', 'utf8'), '收藏.txt', { access: 'public' });
    const h = await t.as('unitA');
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/documents/${doc.id}/favourite`, headers: h })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/documents/${doc.id}/favourite`, headers: h })).statusCode).toBe(204);
    expect((await get('unitA', '/documents/favourites')).json().items.map((d: { id: string }) => d.id)).toEqual([doc.id]);
    expect((await get('unitA', `/documents/${doc.id}`)).json().favourite).toBe(true);
    expect((await get('member', '/documents/favourites')).json().total).toBe(0);
    await t.app.inject({ method: 'DELETE', url: `/api/v1/documents/${doc.id}/favourite`, headers: h });
    expect((await get('unitA', '/documents/favourites')).json().total).toBe(0);
  });

  it('takes reports from any logged-in reader into the staff queue; hiding takes the document from readers', async () => {
    const doc = await ready(Buffer.from('被举报的文档', 'utf8'), '举报.txt', { access: 'public' });
    const report = await t.app.inject({ method: 'POST', url: `/api/v1/documents/${doc.id}/reports`, headers: await t.as('unitA'), payload: { reason: '内容不实' } });
    expect(report.statusCode).toBe(201);
    expectProblem(await get('member', '/documents/reports'), 403);
    const queue = (await get('staff', '/documents/reports')).json();
    expect(queue.items.map((r: { id: string }) => r.id)).toContain(report.json().id);
    const resolved = await t.app.inject({ method: 'POST', url: `/api/v1/documents/reports/${report.json().id}/resolve`, headers: await t.as('staff'), payload: { action: 'hide' } });
    expect(resolved.json().status).toBe('hidden');
    expectProblem(await get(undefined, `/documents/${doc.id}`), 404);
    expect((await get('staff', `/documents/${doc.id}`)).json().hidden).toBe(true);
    expect((await get('staff', '/documents/reports')).json().items.map((r: { id: string }) => r.id)).not.toContain(report.json().id);
  });

  it('lets a public account (网民) keep favourites of public documents of any committee and report them to their committee, a few a minute', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username: 'libreader', password: 'reader-pass-1', displayName: '读者', org: t.fx.orgId } });
    expect(res.statusCode, res.body).toBe(201);
    const me = sessionHeaders(res.cookies.find((c) => c.name === 'tx_session')!.value);
    const call = (method: 'PUT' | 'DELETE' | 'POST' | 'GET', url: string, payload?: object) => t.app.inject({ method, url: `/api/v1${url}`, headers: me, payload });
    const ours = await ready(Buffer.from(LONG.join('\n'), 'utf8'), '网民收藏.txt', { access: 'public' });
    const inside = await ready(Buffer.from('委员内部资料', 'utf8'), '内部.txt', { access: 'members' });
    const upload = await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: await t.as('otherAdmin'), payload: form(Buffer.from('外市公开资料', 'utf8'), '外市.txt', { access: 'public' }) });
    expect(upload.statusCode, upload.body).toBe(201);
    await t.app.library.runner.runDue();
    const theirs = upload.json().id as string;

    for (const id of [ours.id, theirs]) expect((await call('PUT', `/documents/${id}/favourite`)).statusCode).toBe(204);
    expect((await call('GET', '/documents/favourites')).json().items.map((d: { id: string }) => d.id).sort()).toEqual([ours.id, theirs].sort());
    // It reads as a visitor does: the preview only, no file.
    expect((await call('GET', `/documents/${ours.id}`)).json()).toMatchObject({ favourite: true, previewPages: 2, mayDownload: false });
    expectProblem(await call('GET', `/documents/${ours.id}/file`), 403);
    // What visitors may not open does not exist for it either.
    expectProblem(await call('PUT', `/documents/${inside.id}/favourite`), 404);
    expectProblem(await call('POST', `/documents/${inside.id}/reports`, { reason: '内容不实' }), 404);
    // A report goes to the document's committee.
    const report = await call('POST', `/documents/${theirs}/reports`, { reason: '数据过时' });
    expect(report.statusCode, report.body).toBe(201);
    expect((await get('otherAdmin', '/documents/reports')).json().items.map((r: { id: string }) => r.id)).toContain(report.json().id);
    expect((await get('staff', '/documents/reports')).json().items.map((r: { id: string }) => r.id)).not.toContain(report.json().id);
    expect((await call('DELETE', `/documents/${theirs}/favourite`)).statusCode).toBe(204);
    expect((await call('GET', '/documents/favourites')).json().total).toBe(1);
    // Its writes are limited (PUBLIC_WRITES_PER_MINUTE a route: three favourites spent above, the refused one too); the committee's logins are not.
    const statuses: number[] = [];
    for (let i = 0; i < PUBLIC_WRITES_PER_MINUTE; i++) statuses.push((await call('PUT', `/documents/${ours.id}/favourite`)).statusCode);
    expect(statuses).toEqual([...Array(PUBLIC_WRITES_PER_MINUTE - 3).fill(204), 429, 429, 429]);
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/documents/${ours.id}/favourite`, headers: await t.as('member') })).statusCode).toBe(204);
  });

  it('shares a document by a signed, expiring link that opens its pages to whoever holds it', async () => {
    const doc = await ready(Buffer.from(LONG.join('\n'), 'utf8'), '分享.txt', { access: 'members' });
    expectProblem(await get(undefined, `/documents/${doc.id}`), 404);
    const share = await t.app.inject({ method: 'POST', url: `/api/v1/documents/${doc.id}/share`, headers: await t.as('member') });
    expect(share.statusCode).toBe(201);
    const { token, url, expiresAt } = share.json();
    expect(url).toBe(`/library/${doc.id}?share=${token}`);
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
    const shared = (await get(undefined, `/documents/${doc.id}?share=${token}`)).json();
    expect(shared.previewPages).toBe(doc.pages);
    expect((await get(undefined, `/documents/${doc.id}/text?share=${token}`)).json().pages).toHaveLength(doc.pages);
    expectProblem(await get(undefined, `/documents/${doc.id}/file?share=${token}`), 404); // the link opens pages, not the file
    // A token of another document, or altered, opens nothing.
    const other = await ready(Buffer.from('另一文档', 'utf8'), '另一.txt', { access: 'members' });
    expectProblem(await get(undefined, `/documents/${other.id}?share=${token}`), 404);
    expectProblem(await get(undefined, `/documents/${doc.id}?share=${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`), 404);
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/documents/${doc.id}/share`, headers: await t.as('unitA') }), 404);
  });

  it('finds related documents by their text', async () => {
    const a = await ready(Buffer.from('政协委员开展界别协商，围绕乡村振兴产业发展调研视察，提出乡村振兴建议。', 'utf8'), '乡村一.txt', { access: 'public' });
    const b = await ready(Buffer.from('乡村振兴产业发展界别协商会召开，委员建言乡村振兴。', 'utf8'), '乡村二.txt', { access: 'public' });
    await ready(Buffer.from('财政预算审查监督，审计整改情况通报。', 'utf8'), '预算.txt', { access: 'public' });
    const rel = (await get(undefined, `/documents/${a.id}/related`)).json().items;
    expect(rel[0].id).toBe(b.id);
    expect(rel[0].score).toBeGreaterThan(0);
  });

  it('lets staff delete a document with its files', async () => {
    const doc = await ready(Buffer.from('要删除的文档', 'utf8'), '删除.txt', { access: 'public' });
    expect((await get('member', `/documents/${doc.id}/file`)).statusCode).toBe(200);
    expectProblem(await t.app.inject({ method: 'DELETE', url: `/api/v1/documents/${doc.id}`, headers: await t.as('member') }), 403);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/documents/${doc.id}`, headers: await t.as('staff') })).statusCode).toBe(204);
    expectProblem(await get('staff', `/documents/${doc.id}`), 404);
    const fs = await import('node:fs');
    expect(fs.existsSync(`${t.app.config.LIBRARY_DIR}/${t.fx.orgId}/${doc.id}`)).toBe(false);
  });

  it('retries a failing document once, keeping the reason meanwhile, then ends it failed', async () => {
    const cfb = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2048, 0x33)]);
    const res = await up('staff', cfb, '坏文件.doc');
    expect(res.statusCode, res.body).toBe(201);
    await t.app.library.runner.runDue();
    const first = (await get('staff', `/documents/${res.json().id}`)).json();
    expect(first).toMatchObject({ state: 'processing' });
    expect(first.reason).toContain('无法读取'); // the first attempt's, shown to the office while it is retried
    await t.app.library.runner.runDue();
    const last = (await get('staff', `/documents/${res.json().id}`)).json();
    expect(last.state).toBe('failed');
    expect(last.reason).toContain('无法读取');
  });

  it('takes files up to the configured limit (past the 10 MB of attachments), reading at most 500 pages', async () => {
    const big = Buffer.from('政协委员履职。'.repeat(12 * 1024 * 1024 / 21 + 1), 'utf8');
    expect(big.length).toBeGreaterThan(12 * 1024 * 1024);
    const doc = await ready(big, '大文件.txt');
    expect(doc).toMatchObject({ state: 'ready', size: big.length, pages: 500 });
  }, 120_000);

  it('processes what was queued before a restart', async () => {
    t.app.library.kick = () => undefined; // as if the server stopped before processing it
    const res = await up('staff', Buffer.from('重启前上传的文档', 'utf8'), '重启.txt');
    expect(res.json().state).toBe('processing');
    const again = await buildApp({ config: testConfig({ LIBRARY_RENDER: 'text', JOBS_INTERVAL_SECONDS: 3600 }), database: t.database, logger: false });
    try {
      await again.ready();
      await again.library.runner.runDue();
      expect((await again.inject({ url: `/api/v1/documents/${res.json().id}`, headers: await t.as('staff') })).json().state).toBe('ready');
    } finally { await again.close(); }
  });

  const tools = renderers();
  it.skipIf(!tools.soffice)('reads a Word 97–2003 .doc', async () => {
    const { runTool } = await import('../src/server/modules/library/tools.ts');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const dir = fs.mkdtempSync(`${os.tmpdir()}/tongxin-doc-`);
    try {
      fs.writeFileSync(`${dir}/old.docx`, await docxOf('旧格式文档', ['第一条 委员应当积极履职。', '第二条 本办法自印发之日起施行。']));
      await runTool(tools.soffice!, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'doc', '--outdir', dir, `${dir}/old.docx`], Date.now() + 120_000, { env: { ...process.env, HOME: dir } });
      const doc = await ready(fs.readFileSync(`${dir}/old.doc`), '旧格式.doc');
      expect(doc).toMatchObject({ format: 'doc', state: 'ready' });
      expect((await get('staff', `/documents/${doc.id}/text`)).json().pages.map((p: { text: string }) => p.text).join('')).toContain('委员应当积极履职');
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  }, 120_000);

  it.skipIf(!tools.soffice || !tools.pdftoppm)('renders page images with LibreOffice and poppler where installed', async () => {
    const r = await testApp(engine, { LIBRARY_PREVIEW_PAGES: 1, JOBS_INTERVAL_SECONDS: 3600 });
    try {
      const staff = await r.as('staff');
      for (const [file, name] of [[await pdfOf('两页', ['第一页', '第二页']), '两页.pdf'], [await docxOf('会议纪要', LONG), '纪要.docx']] as const) {
        const res = await r.app.inject({ method: 'POST', url: '/api/v1/documents', headers: staff, payload: form(file, name, { access: 'public' }) });
        expect(res.statusCode, res.body).toBe(201);
        await r.app.library.runner.runDue();
        const doc = (await r.app.inject({ url: `/api/v1/documents/${res.json().id}`, headers: staff })).json();
        expect(doc, JSON.stringify(doc)).toMatchObject({ state: 'ready', previewKind: 'image' });
        const page = await r.app.inject({ url: `/api/v1/documents/${doc.id}/pages/1` });
        expect(page.statusCode).toBe(200);
        expect(page.headers['content-type']).toBe('image/png');
        expect(page.rawPayload.subarray(1, 4).toString()).toBe('PNG');
        expectProblem(await r.app.inject({ url: `/api/v1/documents/${doc.id}/pages/2` }), 403);
        expect((await r.app.inject({ url: `/api/v1/documents/${doc.id}/pages/2`, headers: await r.as('member') })).statusCode).toBe(200);
      }
    } finally { await r.close(); }
  }, 180_000);
});
