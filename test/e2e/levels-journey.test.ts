// In a real browser, on a phone: the demo's person on two levels (a member of 示例市政协 and a
// vice-chair of 示例市东城区政协, one login: core/auth/accounts.ts) logs in, sees the city's name
// in the header and a member's menu, switches committee in the header without a password, and sees
// the county's name and the menu of their roles there (a leader's 数据看板 among them), and back;
// on a list page both may open, the switch keeps the page.
// Embedded database only: test/accounts.test.ts covers the API on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, seedDemo } from '../../src/server/seed/demo.ts';
import { TWO_LEVEL_USERNAME } from '../../src/server/seed/demo-counties.ts';
import { logIn, see, startE2E, type E2E } from './browser.ts';
import { consoleErrors, main, popconfirm, toast } from './ui.ts';

describe('two-level journey', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
    // The demo committee beside the fixture's: its counties and its person on two levels.
    await seedDemo(e2e.t.database.db);
  }, 240_000);
  afterAll(async () => { await e2e?.close(); });

  const header = (page: Page) => page.getByRole('banner');
  const menu = async (page: Page) => {
    await header(page).getByRole('button', { name: '菜单' }).click();
    const drawer = page.getByRole('dialog');
    await see(drawer.getByRole('navigation', { name: '菜单' }));
    return drawer;
  };
  /**
   * Switches committee in the header and sees its toast (waited for from before the click, as it lives
   * a few seconds). A click on the menu while it still slides open can be lost on a busy machine:
   * then the menu is opened (if it closed) and the committee chosen again.
   */
  const switchTo = async (page: Page, from: string, to: string) => {
    const seen = toast(page, `已切换到${to}`).then(() => null, (e: unknown) => e);
    const item = page.getByRole('menuitem', { name: to });
    const switched = header(page).getByRole('button', { name: `当前政协：${to}，切换政协` });
    for (let attempt = 0; attempt < 3; attempt++) {
      if (!(await item.isVisible())) await header(page).getByRole('button', { name: `当前政协：${from}，切换政协` }).click();
      await item.click();
      if (await switched.waitFor({ timeout: 8000 }).then(() => true, () => false)) break;
    }
    const failed = await seen;
    if (failed) throw failed;
    return switched;
  };
  const closeMenu = async (page: Page) => {
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
  };

  it('logs in once, switches committee in the header, and works there with that membership\'s roles', { timeout: 240_000 }, async (test) => {
    const page = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const errors = consoleErrors(page);
    await page.goto('/login');
    await logIn(page, TWO_LEVEL_USERNAME, DEMO_PASSWORD);
    // No committee to choose: the password opens the account, in its first committee (the city).
    await see(main(page).getByText('待办事项', { exact: true }));
    const toCounty = header(page).getByRole('button', { name: '当前政协：示例市政协，切换政协' });
    await see(toCounty);
    let drawer = await menu(page);
    await see(drawer.getByRole('link', { name: '我的提案', exact: true }));
    expect(await drawer.getByRole('link', { name: '数据看板', exact: true }).count()).toBe(0);
    await closeMenu(page);

    const toCity = await switchTo(page, '示例市政协', '示例市东城区政协');
    await see(toCity);
    await see(main(page).getByText('待办事项', { exact: true }));
    drawer = await menu(page);
    // A leader there: the county's dashboard is in the menu, and it reads the county's figures.
    await drawer.getByRole('link', { name: '数据看板', exact: true }).click();
    await page.waitForURL(/\/dashboard$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // And back to the city: its name again, home (a member has no dashboard there), and a member's menu without it.
    await see(await switchTo(page, '示例市东城区政协', '示例市政协'));
    await page.waitForURL((url) => url.pathname === '/');
    drawer = await menu(page);
    expect(await drawer.getByRole('link', { name: '数据看板', exact: true }).count()).toBe(0);
    await closeMenu(page);

    // A page both logins may open stays across a switch, either way, with its filter, and shows the
    // new committee's data: the year's plan, the city's adopted, the county's without items.
    const plan = `/consultations/plan?year=${new Date().getFullYear()}`;
    await page.goto(plan);
    await see(main(page).getByText('主席会议已通过', { exact: true }));
    await see(await switchTo(page, '示例市政协', '示例市东城区政协'));
    await see(main(page).getByText('本年度还没有计划事项', { exact: true }));
    expect(page.url()).toBe(new URL(plan, page.url()).href);
    await see(await switchTo(page, '示例市东城区政协', '示例市政协'));
    await see(main(page).getByText('主席会议已通过', { exact: true }));
    expect(page.url()).toBe(new URL(plan, page.url()).href);
    // (the demo's plan on a phone: cards, nothing wider than the screen)
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth)).toBeLessThanOrEqual(0);
    expect(await main(page).locator('.ant-table-content, .ant-card').evaluateAll((els) => els
      .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > window.innerWidth + 1)
      .map((el) => (el.textContent ?? '').slice(0, 40)))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('on a desktop, 我的账户 lists both committees with their roles and switches too', { timeout: 240_000 }, async (test) => {
    const page = await e2e.page(test, { viewport: { width: 1366, height: 900 } });
    await page.goto('/login');
    await logIn(page, TWO_LEVEL_USERNAME, DEMO_PASSWORD);
    await see(main(page).getByText('待办事项', { exact: true }));
    await page.goto('/account');
    const committees = main(page).locator('.ant-card').filter({ hasText: '我的政协' });
    await see(committees.getByText('示例市东城区政协', { exact: true }));
    await see(committees.getByText('当前', { exact: true }));
    await committees.getByRole('button', { name: '切换' }).click();
    await see(header(page).getByRole('button', { name: '当前政协：示例市东城区政协，切换政协' }));
    await see(committees.getByRole('button', { name: '切换' }));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
  });

  it('unlinks the other committee on 我的账户: the header no longer offers the switch', { timeout: 240_000 }, async (test) => {
    const page = await e2e.page(test, { viewport: { width: 1366, height: 900 } });
    await page.goto('/login');
    await logIn(page, TWO_LEVEL_USERNAME, DEMO_PASSWORD);
    // The last used membership opens: the county, where the test before switched.
    await see(header(page).getByRole('button', { name: '当前政协：示例市东城区政协，切换政协' }));
    await page.goto('/account');
    const committees = main(page).locator('.ant-card').filter({ hasText: '我的政协' });
    await committees.getByRole('button', { name: '解除关联' }).click();
    await see(page.getByText('解除与 示例市政协 的关联？', { exact: false }));
    // (answered until taken: a click while the question still zooms in can be lost on a busy machine)
    const seen = toast(page, '已解除关联');
    await popconfirm(page, '确定');
    await seen;
    await see(committees.getByText('当前', { exact: true }));
    await committees.getByText('示例市政协', { exact: true }).waitFor({ state: 'detached' });
    await header(page).getByRole('button', { name: /切换政协/ }).waitFor({ state: 'detached' });
  });
});
