// In a real browser, on a phone (390 px): a visitor lands on the portal at `/` (公开信息首页), opens
// 文库 and 公开提案 from it, the header's mark staying in sight on every page and nothing scrolling
// sideways; from the open topics they register and come back there. A public account (网民) keeps one
// frame: its menu reaches 公开提案, 文库 and 开门式选题 alike.
// Embedded database only: the browser exercises the UI.
import type { Page } from 'playwright-core';
import type { TestContext } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, see, startE2E, submitButton, WAIT, type E2E } from './browser.ts';
import { main, pick } from './ui.ts';
import { proposals } from '../../src/server/modules/proposals/schema.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const TITLE = '关于社区养老服务站建设的提案';

const path = (page: Page) => new URL(page.url()).pathname;
const publicNav = (page: Page) => page.getByRole('navigation', { name: '公开信息' });

/** The header's mark (同心, leading to the portal) is on screen, whole. */
async function markInSight(page: Page) {
  const mark = page.locator('header').getByRole('link', { name: '同心', exact: true });
  await see(mark);
  const box = (await mark.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

/** Opens the public menu (the drawer) and follows one of its links. */
async function fromMenu(page: Page, name: string) {
  await page.locator('header').getByRole('button', { name: '菜单' }).click();
  await publicNav(page).getByRole('link', { name, exact: true }).click();
  await expect.poll(() => publicNav(page).isVisible(), { timeout: WAIT }).toBe(false);
}

describe('public portal journey', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
    const { fx, database } = e2e.t;
    await database.db.insert(proposals).values({
      orgId: fx.orgId, title: TITLE, body: '建议加快建设。', kind: 'member', state: 'closed', proposerName: '某委员',
      createdBy: fx.userIds.admin!, submittedAt: new Date(), published: true, publishedAt: new Date(),
    });
  }, 300_000);
  afterAll(async () => { await e2e?.close(); });

  it('a visitor lands on the portal, opens 文库 and 公开提案 from it, and registers from the open topics and returns there', { timeout: 180_000 }, async (test) => {
    const page = await e2e.page(test, PHONE);
    await page.goto('/');
    await see(main(page).getByRole('heading', { name: '测试市政协公开信息' }));
    expect(path(page)).toBe('/');
    const sections = main(page).getByRole('navigation', { name: '栏目' });
    for (const name of ['公开提案', '优秀提案', '协商公开', '开门式选题', '文库', '全站检索']) await see(sections.getByRole('link', { name }));
    await see(main(page).getByRole('link', { name: TITLE }));
    await markInSight(page);

    // 文库 from the portal: the mark stays in sight; it leads back.
    await sections.getByRole('link', { name: '文库' }).click();
    await expect.poll(() => path(page), { timeout: WAIT }).toBe('/library');
    await see(main(page).getByRole('heading', { name: '文库' }));
    await markInSight(page);
    await page.locator('header').getByRole('link', { name: '同心', exact: true }).click();
    await expect.poll(() => path(page), { timeout: WAIT }).toBe('/');

    // 公开提案 from the portal, and a proposal from its list.
    await sections.getByRole('link', { name: '公开提案' }).click();
    await expect.poll(() => path(page), { timeout: WAIT }).toBe('/public/proposals');
    await see(main(page).getByRole('link', { name: TITLE }));
    await markInSight(page);

    // The menu lists every public page, the current one marked; 协商公开 from it.
    await page.locator('header').getByRole('button', { name: '菜单' }).click();
    for (const name of ['首页', '公开提案', '优秀提案', '协商公开', '文库', '全站检索']) await see(publicNav(page).getByRole('link', { name, exact: true }));
    await publicNav(page).getByRole('link', { name: '协商公开', exact: true }).click();
    await expect.poll(() => path(page), { timeout: WAIT }).toBe('/public/consultations');
    await markInSight(page);

    // 登录或注册后可以提出选题: registering from there leads to the open topics, in the public frame.
    await main(page).getByRole('link', { name: '登录或注册后可以提出选题、支持选题' }).click();
    await page.getByRole('link', { name: '没有账号？注册网民账号' }).click();
    await see(page.getByRole('heading', { name: '注册网民账号' }));
    await see(page.getByText('在开门式选题中提出和支持选题', { exact: false }));
    await page.getByLabel('用户名', { exact: true }).fill('portal390');
    await page.getByLabel('昵称', { exact: true }).fill('热心读者');
    await page.getByLabel('密码', { exact: true }).fill('portal-pass-1');
    await page.getByLabel('确认密码', { exact: true }).fill('portal-pass-1');
    await pick(page, page.getByLabel('所属政协', { exact: true }), '测试市政协');
    await submitButton(page, '注册并登录').click();
    await expect.poll(() => path(page), { timeout: WAIT }).toBe('/consultations/topics');
    await see(main(page).getByRole('heading', { name: '开门式选题' }));
    await markInSight(page);
  });

  /** A public account registered through the API, and a phone's page. */
  async function citizen(test: TestContext, username: string, displayName: string): Promise<Page> {
    const registered = await e2e.t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username, password: `${username}-pass`, displayName, org: e2e.t.fx.orgId } });
    expect(registered.statusCode, registered.body).toBe(201);
    return e2e.page(test, PHONE);
  }

  it('a visitor sent to log in by the open topics comes back to them', { timeout: 120_000 }, async (test) => {
    const page = await citizen(test, 'topics390', '市民甲');
    await page.goto('/');
    await main(page).getByRole('navigation', { name: '栏目' }).getByRole('link', { name: '开门式选题' }).click();
    await expect.poll(() => path(page), { timeout: WAIT }).toBe('/login');
    await logIn(page, 'topics390', 'topics390-pass');
    await expect.poll(() => path(page), { timeout: WAIT }).toBe('/consultations/topics');
    await see(main(page).getByRole('heading', { name: '开门式选题' }));
    await markInSight(page);
  });

  it('a public account (网民) reaches 公开提案, 文库 and 开门式选题 from one menu, in one frame', { timeout: 180_000 }, async (test) => {
    const page = await citizen(test, 'public390', '网民乙');
    await page.goto('/login');
    await logIn(page, 'public390', 'public390-pass');
    // Home is the portal, greeting the account.
    await see(main(page).getByText('网民乙，欢迎回来', { exact: true }));
    expect(path(page)).toBe('/');
    await markInSight(page);

    await fromMenu(page, '开门式选题');
    await expect.poll(() => path(page), { timeout: WAIT }).toBe('/consultations/topics');
    await see(main(page).getByRole('heading', { name: '开门式选题' }));
    // (the public frame, not the app's with its own menu)
    expect(await page.getByRole('navigation', { name: '菜单' }).count()).toBe(0);
    await markInSight(page);

    await fromMenu(page, '公开提案');
    await expect.poll(() => path(page), { timeout: WAIT }).toBe('/public/proposals');
    await see(main(page).getByRole('link', { name: TITLE }));

    await fromMenu(page, '文库');
    await expect.poll(() => path(page), { timeout: WAIT }).toBe('/library');
    await see(main(page).getByRole('heading', { name: '文库' }));
    await markInSight(page);

    // The menu has the account and signs out.
    await page.locator('header').getByRole('button', { name: '菜单' }).click();
    await see(publicNav(page).getByRole('link', { name: '我的账户', exact: true }));
    await page.locator('.ant-drawer').getByRole('button', { name: /退出登录$/ }).click();
    await see(page.locator('header').getByRole('button', { name: /登录/ }));
  });
});
