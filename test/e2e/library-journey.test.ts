// In a real browser: staff upload a .docx to the library; a visitor who is not logged in opens it
// on a phone (390 px), reads the preview pages and meets 登录后继续阅读 past them, which leads to the login.
// Staff link a document to a member's record; the member, on a phone, sees where it is used and
// 猜你喜欢 on its page. Staff change a document's title and access, and on a phone rename, re-order
// and delete categories, seeing what each holds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxOf } from '../../src/server/modules/library/samples.ts';
import { renderers } from '../../src/server/modules/library/tools.ts';
import { logIn, see, startE2E, type E2E } from './browser.ts';
import { form } from '../library-helpers.ts';
import { button, consoleErrors, dialog, logInAs, main, pick, popconfirm, toast } from './ui.ts';

const TITLE = '关于加强界别协商的工作报告';
const PARAGRAPHS = Array.from({ length: 120 }, (_, i) =>
  `${i + 1}．界别协商是人民政协协商民主的重要形式。委员联系界别群众，围绕经济社会发展的重点难点问题深入调研，提出意见建议，推动协商成果转化落实，不断提高协商质量和水平。`.repeat(2));

describe('library journey', () => {
  let e2e: E2E;
  let file: string;
  beforeAll(async () => {
    e2e = await startE2E();
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-library-')), `${TITLE}.docx`);
    fs.writeFileSync(file, await docxOf(TITLE, PARAGRAPHS));
  });
  afterAll(async () => { await e2e?.close(); });

  it('staff upload a .docx; a visitor on a phone reads its first pages and is asked to log in to read on', { timeout: 180_000 }, async (test) => {
    const staff = await logInAs(e2e, test, 'staff');
    await staff.goto('/library');
    await main(staff).getByRole('button', { name: '上传文档' }).click(); // (its name starts with the icon's)
    const upload = dialog(staff, '上传文档');
    await upload.locator('input[type=file]').setInputFiles(file);
    await pick(staff, upload.getByRole('combobox', { name: '可见范围' }), '公开');
    await button(upload, '上传文档').click();
    await toast(staff, '已上传，正在处理');
    await e2e.t.app.library.runner.runDue(); // (the upload started it; this waits for it to end)

    const visitor = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await visitor.goto('/library');
    // A search says how many it found, and is kept in the address: a reload shows the same list.
    await main(visitor).getByRole('searchbox', { name: '搜索标题、编号或正文' }).fill('界别协商');
    await main(visitor).getByRole('searchbox', { name: '搜索标题、编号或正文' }).press('Enter');
    await see(main(visitor).getByRole('status').getByText('找到 1 篇文档', { exact: true }));
    expect(new URL(visitor.url()).searchParams.get('q')).toBe('界别协商');
    await visitor.reload();
    await see(main(visitor).getByRole('status').getByText('找到 1 篇文档', { exact: true }));
    expect(await main(visitor).getByRole('searchbox', { name: '搜索标题、编号或正文' }).inputValue()).toBe('界别协商');
    await main(visitor).getByRole('link', { name: TITLE }).click();
    await see(main(visitor).getByRole('heading', { name: TITLE }));
    await see(main(visitor).getByText('TX-', { exact: false }).first());
    await see(main(visitor).getByText('第1页 / 共', { exact: false }));
    await see(main(visitor).getByText('第3页 / 共', { exact: false }));
    expect(await main(visitor).getByText('第4页 / 共', { exact: false }).count()).toBe(0);
    const tools = renderers();
    if (tools.soffice && tools.pdftoppm) {
      // Page images, lazy, each with its page's text for screen readers.
      const images = main(visitor).locator('img[loading="lazy"]');
      expect(await images.count()).toBe(3);
      expect(await images.first().getAttribute('alt')).toContain('界别协商');
    } else {
      await see(main(visitor).getByText('本服务器未安装页面渲染工具，以文字预览', { exact: true }));
    }
    await see(main(visitor).getByText('到这儿已超出免费预览范围', { exact: false }));
    await button(main(visitor), '展开全文').click();
    await button(main(visitor), '委员和机关工作人员登录后继续阅读').click();
    await see(visitor.getByRole('button', { name: '登录' }));
    expect(new URL(visitor.url()).pathname).toBe('/login');
  });

  it('a visitor opening a document none may read here is offered the login (it may be for members), an address mistyped too', { timeout: 180_000 }, async (test) => {
    const visitor = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const errors = consoleErrors(visitor);
    for (const id of [crypto.randomUUID(), 'not-a-document']) {
      await visitor.goto(`/library/${id}`);
      await see(main(visitor).getByText('没有找到这份文档', { exact: true }));
      await see(main(visitor).getByText('它可能已被删除，或仅供委员和工作人员查看：登录后再试', { exact: true }));
    }
    await button(main(visitor), '登录').click();
    await see(visitor.getByRole('button', { name: '登录' }));
    expect(new URL(visitor.url()).pathname).toBe('/login');
    // (the two answers the page was made for: 404 and 400, as the browser reports any failed request)
    expect(errors.filter((e) => !/status of 40[04]/.test(e))).toEqual([]);
  });

  it('a public account (网民) reads the library as a visitor does, and keeps favourites and reports a document', { timeout: 180_000 }, async (test) => {
    const registered = await e2e.t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username: 'reader390', password: 'reader-pass-1', displayName: '读者', org: e2e.t.fx.orgId } });
    expect(registered.statusCode, registered.body).toBe(201);
    const phone = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const errors = consoleErrors(phone);
    await phone.goto('/login');
    await logIn(phone, 'reader390', 'reader-pass-1');
    await phone.waitForURL((u) => u.pathname !== '/login');
    await phone.goto('/library');
    await main(phone).getByRole('link', { name: TITLE }).click();
    await see(main(phone).getByRole('heading', { name: TITLE }));
    await see(main(phone).getByText('第1页 / 共', { exact: false }));
    expect(await main(phone).getByRole('button', { name: /下载/ }).count()).toBe(0);
    // (the buttons' names start with their icons')
    await main(phone).getByRole('button', { name: /收藏$/ }).click();
    await see(main(phone).getByRole('button', { name: /已收藏$/ }));
    await main(phone).getByRole('button', { name: /举报$/ }).click();
    const reporting = dialog(phone, '举报');
    await reporting.getByRole('textbox', { name: '举报理由' }).fill('文中有错别字和过时的数据');
    await button(reporting, '确 定').or(button(reporting, '确定')).click();
    await toast(phone, '已举报，工作人员将核实处理');
    await phone.goto('/library');
    const kept = main(phone).locator('section', { has: phone.getByRole('heading', { name: '我的收藏' }) });
    await see(kept.getByRole('link', { name: TITLE }));
    expect(errors).toEqual([]);
    // The report waits in the committee's queue for its staff.
    const queue = await e2e.t.app.inject({ url: '/api/v1/documents/reports', headers: await e2e.t.as('staff') });
    expect(queue.json().items.map((r: { title: string; reason: string }) => [r.title, r.reason])).toContainEqual([TITLE, '文中有错别字和过时的数据']);
  });

  it('a city leader opens a county\'s public document from 含下级 as a visitor there reads it, and keeps it', { timeout: 180_000 }, async (test) => {
    const t = e2e.t;
    // The fixture's county runs itself: its first admin uploads a public document.
    const inject = async (method: 'POST', url: string, payload: object, headers: Record<string, string> = {}) => t.app.inject({ method, url: `/api/v1${url}`, payload, headers: { 'x-requested-with': 'test', ...headers } });
    expect((await inject('POST', `/orgs/${t.fx.countyId}/admin`, { username: 'libcounty', password: 'county-first-1' }, await t.as('admin'))).statusCode).toBeLessThan(300);
    const session = async (password: string) => {
      const res = await inject('POST', '/auth/login', { username: 'libcounty', password, org: t.fx.countyId });
      return { cookie: `tx_session=${res.cookies.find((c) => c.name === 'tx_session')!.value}` };
    };
    await inject('POST', '/auth/password', { currentPassword: 'county-first-1', newPassword: 'county-pass-22' }, await session('county-first-1'));
    const county = await session('county-pass-22');
    const up = await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: { ...county, 'x-requested-with': 'test' }, payload: form(Buffer.from('县政协开展协商在一线活动的情况汇报。'.repeat(20), 'utf8'), '县里的汇报.txt', { access: 'public', title: '县里的汇报' }) });
    expect(up.statusCode, up.body).toBe(201);
    await t.app.library.runner.runDue();

    const leader = await logInAs(e2e, test, 'leader');
    const errors = consoleErrors(leader);
    await leader.goto('/library');
    await main(leader).getByText('含下级', { exact: true }).click();
    await main(leader).getByRole('link', { name: '县里的汇报' }).click();
    await see(main(leader).getByRole('heading', { name: '县里的汇报' }));
    await see(main(leader).getByText('测试区政协', { exact: true }));
    await main(leader).getByRole('button', { name: /收藏$/ }).click();
    await see(main(leader).getByRole('button', { name: /已收藏$/ }));
    // Its office's tools are the county's own.
    expect(await main(leader).getByRole('button', { name: /删除|关联到|分享|下载/ }).count()).toBe(0);
    await leader.goto('/library');
    const kept = main(leader).locator('section', { has: leader.getByRole('heading', { name: '我的收藏' }) });
    await see(kept.getByRole('link', { name: '县里的汇报' }));
    expect(errors).toEqual([]);
  });

  it('staff link a document to a member\'s record; the member on a phone sees it used there and 猜你喜欢', { timeout: 180_000 }, async (test) => {
    const t = e2e.t;
    const upload = async (title: string, text: string) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: await t.as('staff'), payload: form(Buffer.from(text.repeat(5), 'utf8'), `${title}.txt`, { title, access: 'members' }) });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const guide = await upload('委员履职指南', '委员应当积极参加政协组织的各项活动。');
    const kept = await upload('社区养老服务调研', '居家养老与社区养老服务体系建设情况。');
    await upload('乡村振兴案例汇编', '产业振兴、人才振兴、文化振兴的典型做法。');
    await t.app.library.runner.runDue();
    // Another reader keeps both the guide and the study: the study is offered beside the guide.
    for (const d of [guide, kept]) expect((await t.app.inject({ method: 'PUT', url: `/api/v1/documents/${d}/favourite`, headers: await t.as('member2') })).statusCode).toBe(204);
    const zhang = (await t.app.inject({ url: `/api/v1/members/${t.fx.memberIds[0]}`, headers: await t.as('staff') })).json();
    const zhangLabel = [zhang.name, zhang.sectorName, zhang.workplace].filter(Boolean).join(' · ');

    const staff = await logInAs(e2e, test, 'staff');
    await staff.goto(`/library/${guide}`);
    await see(main(staff).getByRole('heading', { name: '委员履职指南' }));
    await main(staff).getByRole('button', { name: '关联到…' }).click();
    const linking = dialog(staff, '关联到…');
    await pick(staff, linking.getByRole('combobox', { name: '事项类别' }), '委员履职档案');
    await pick(staff, linking.getByRole('combobox', { name: '关联对象' }), zhangLabel, '张三');
    await button(linking, '确 定').or(button(linking, '确定')).click();
    await toast(staff, '已关联');
    await see(main(staff).getByRole('link', { name: '张三' }));

    const phone = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const errors: string[] = [];
    phone.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await phone.goto('/login');
    await logIn(phone, 'member', t.fx.password);
    await see(main(phone).getByText('待办事项', { exact: true }));
    await phone.goto(`/library/${guide}`);
    await see(main(phone).getByRole('heading', { name: '委员履职指南' }));
    await see(main(phone).getByRole('heading', { name: '关联事项' }));
    await see(main(phone).getByRole('heading', { name: '猜你喜欢' }));
    const also = main(phone).getByRole('region', { name: '猜你喜欢' });
    await see(also.getByRole('link', { name: '社区养老服务调研' }));
    await see(also.getByText('收藏本文的读者也收藏', { exact: false }));
    expect(await main(phone).getByRole('button', { name: '关联到…' }).count()).toBe(0); // the office's only
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Where it is used leads to the member's own record, which lists the document.
    await main(phone).getByRole('link', { name: '张三' }).click();
    await see(main(phone).getByText('文库资料', { exact: true }));
    await see(main(phone).getByRole('link', { name: /委员履职指南/ }));
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
  });
  it('staff change a document\'s title and access: a visitor no longer opens it', { timeout: 180_000 }, async (test) => {
    const t = e2e.t;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: await t.as('staff'), payload: form(Buffer.from('政协委员学习资料。'.repeat(20), 'utf8'), '学习资料.txt', { title: '委员学习资料', access: 'public' }) });
    expect(res.statusCode, res.body).toBe(201);
    await t.app.library.runner.runDue();
    const id = res.json().id as string;

    const staff = await logInAs(e2e, test, 'staff');
    const errors = consoleErrors(staff);
    await staff.goto(`/library/${id}`);
    await see(main(staff).getByRole('heading', { name: '委员学习资料' }));
    await main(staff).getByRole('button', { name: /编辑$/ }).click(); // (its name starts with the icon's)
    const editing = dialog(staff, '编辑文档信息');
    await editing.getByRole('textbox', { name: '标题' }).fill('2025年委员学习资料汇编');
    await pick(staff, editing.getByRole('combobox', { name: '可见范围' }), '机关');
    await editing.getByRole('button', { name: /^保\s?存$/ }).click();
    await toast(staff, '已保存');
    await see(main(staff).getByRole('heading', { name: '2025年委员学习资料汇编' }));
    expect(errors).toEqual([]);

    const visitor = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await visitor.goto(`/library/${id}`);
    await see(main(visitor).getByText('没有找到这份文档', { exact: true }));
  });

  it('staff on a phone see what each category holds, rename one, move one down and delete an empty one (not one that holds a document)', { timeout: 180_000 }, async (test) => {
    const t = e2e.t;
    const category = async (name: string, parentId?: string) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/documents/categories', headers: await t.as('staff'), payload: { name, parentId } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const top = await category('工作制度');
    const held = await category('会议制度', top);
    await category('临时分类');
    const up = await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: await t.as('staff'), payload: form(Buffer.from('会议制度全文。', 'utf8'), '会议制度.txt', { categoryId: held }) });
    expect(up.statusCode, up.body).toBe(201);

    const phone = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const errors = consoleErrors(phone);
    await phone.goto('/login');
    await logIn(phone, 'staff', t.fx.password);
    await see(main(phone).getByText('待办事项', { exact: true }));
    await phone.goto('/library');
    await main(phone).getByRole('button', { name: /管理分类$/ }).click();
    const manage = dialog(phone, '管理分类');
    const item = (name: string) => manage.getByRole('listitem', { name, exact: true });
    await item('工作制度').getByRole('button', { name: /^编\s?辑$/ }).click();
    const editing = dialog(phone, '编辑分类');
    await editing.getByRole('textbox', { name: '分类名称' }).fill('规章制度');
    await button(editing, '确 定').or(button(editing, '确定')).click();
    await toast(phone, '已保存分类“规章制度”');
    await see(item('规章制度'));

    // What each holds; one that holds anything offers no 删除.
    await see(item('规章制度').getByText('0 份文档 · 1 个下级分类', { exact: true }));
    await see(item('会议制度').getByText('1 份文档 · 0 个下级分类', { exact: true }));
    await see(item('临时分类').getByText('0 份文档 · 0 个下级分类', { exact: true }));
    expect(await item('会议制度').getByRole('button', { name: /^删\s?除$/ }).isDisabled()).toBe(true);
    expect(await item('规章制度').getByRole('button', { name: /^删\s?除$/ }).isDisabled()).toBe(true);

    // The first top-level category one place down: the other one (with its sub-category) goes first, here and on the server.
    const order = () => manage.getByRole('listitem').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    const before = await order();
    expect([...before].sort()).toEqual(['临时分类', '会议制度', '规章制度'].sort());
    const first = before[0]!;
    const after = first === '临时分类' ? ['规章制度', '会议制度', '临时分类'] : ['临时分类', '规章制度', '会议制度'];
    expect(await item(first).getByRole('button', { name: '上移' }).isDisabled()).toBe(true);
    await item(first).getByRole('button', { name: '下移' }).click();
    await expect.poll(order).toEqual(after);
    expect(await item(first).getByRole('button', { name: '下移' }).isDisabled()).toBe(true);
    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/documents/categories', headers: await t.as('staff') });
    expect(listed.json().items.filter((c: { parentId: string | null }) => !c.parentId).map((c: { name: string }) => c.name)).toEqual(after.filter((n) => n !== '会议制度'));

    await item('临时分类').getByRole('button', { name: /^删\s?除$/ }).click();
    await popconfirm(phone, '确定');
    await toast(phone, '已删除分类“临时分类”');
    await item('临时分类').waitFor({ state: 'detached' });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
  });
});
