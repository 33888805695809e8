// In a real browser: staff log in, find members by name and by sector, and import a roster
// with one bad row; a member on a phone uses the drawer menu; the language switch shows English.
// Embedded database only: the browser exercises the UI, the HTTP tests cover both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterFile } from '../roster.ts';
import { logIn, see, seeCells, seeTexts, startE2E, type E2E } from './browser.ts';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('browser journeys', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('staff find members by name and sector, and import a roster with one bad row', { timeout: 180_000 }, async (test) => {
    const page = await e2e.page(test, { viewport: { width: 1280, height: 900 } });
    const main = page.getByRole('main');
    const menu = page.getByRole('navigation', { name: '菜单' });
    const names = main.getByRole('table').getByRole('link');

    await page.goto('/login');
    await logIn(page, 'staff', e2e.t.fx.password);

    // Home: the committee's name, and nothing to do yet.
    await see(main.getByText('测试市政协', { exact: true }));
    await see(main.getByText('暂无待办', { exact: true }));

    // The directory, opened from the menu as a user would.
    await menu.getByRole('link', { name: '委员名录', exact: true }).click();
    await see(main.getByRole('heading', { name: '委员名录' }));
    await seeTexts(names, ['张三', '李四', '王五', '赵六']);

    // By name.
    const search = main.getByRole('searchbox', { name: '搜索姓名或工作单位' });
    await search.fill('张三');
    await search.press('Enter');
    await seeTexts(names, ['张三']);
    expect(await main.getByText('李四').count()).toBe(0);
    await search.fill('');
    await search.press('Enter');
    await seeTexts(names, ['张三', '李四', '王五', '赵六']);

    // By sector.
    await main.getByRole('combobox', { name: '界别' }).click();
    // antd's visible options carry a title; its role="option" elements are an off-screen copy.
    await page.locator('.ant-select-dropdown').getByTitle('经济界', { exact: true }).click();
    await seeTexts(names, ['李四', '赵六']);
    await main.getByRole('button', { name: '重置', exact: true }).click();
    await seeTexts(names, ['张三', '李四', '王五', '赵六']);

    // A profile: staff see contact details.
    await names.getByText('张三', { exact: true }).click();
    await see(main.getByRole('heading', { name: '张三' }));
    await see(main.getByRole('link', { name: '13800000001' }));

    // Import: three rows, the second data row (sheet row 3; row 1 is the header) names an unknown party.
    await menu.getByRole('link', { name: '导入委员', exact: true }).click();
    await see(main.getByRole('heading', { name: '导入委员' }));
    const roster = await rosterFile(['姓名', '性别', '出生年份', '党派', '界别', '工作单位', '手机'], [
      ['周一', '男', 1975, '民进', '教育界', '示例中学', '13900000011'],
      ['吴二', '女', 1980, '不存在的党', '经济界', '', ''],
      ['郑三', '女', 1969, '中共', '经济界', '示例银行', '13900000013'],
    ]);
    await main.locator('input[type="file"]').setInputFiles({ name: 'roster.xlsx', mimeType: XLSX_MIME, buffer: roster });
    await see(main.getByText('检查结果 · roster.xlsx'));
    const bad = main.getByRole('row').filter({ hasText: '不存在的党' });
    await see(bad);
    expect(await bad.count()).toBe(1);
    await seeCells(bad, ['3', '党派']);
    expect(await main.getByRole('row').filter({ hasText: '周一' }).count()).toBe(0);

    await main.getByRole('button', { name: '导入有效行', exact: true }).click();
    await see(main.getByText('已导入 2 名委员，1 行未导入', { exact: true }));

    // The imported members are in the directory; the bad row is not.
    await main.getByRole('button', { name: '查看委员名录', exact: true }).click();
    await see(main.getByRole('heading', { name: '委员名录' }));
    await seeTexts(names, ['张三', '李四', '王五', '赵六', '周一', '郑三']);
    await search.fill('郑三');
    await search.press('Enter');
    await seeTexts(names, ['郑三']);
  });

  it('a member on a phone opens the directory from the drawer menu, without sideways scrolling', async (test) => {
    const page = await e2e.page(test, { viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true });
    const main = page.getByRole('main');
    await page.goto('/login');
    await logIn(page, 'member', e2e.t.fx.password);
    // The home page with its to-do card (the member may have a duty-record warning there by now).
    await see(main.getByText('待办事项', { exact: true }));

    await page.getByRole('button', { name: '菜单', exact: true }).click();
    const drawer = page.getByRole('dialog');
    await see(drawer);
    await drawer.getByRole('link', { name: '委员名录', exact: true }).click();
    await drawer.waitFor({ state: 'hidden' });
    await see(main.getByRole('heading', { name: '委员名录' }));
    // Cards, not a table, on a phone.
    await see(main.getByText('赵六', { exact: true }));
    expect(await main.getByRole('table').count()).toBe(0);

    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(375 + 1);
  });

  it('switches to English on the login page and stays in English after logging in', async (test) => {
    const page = await e2e.page(test);
    const main = page.getByRole('main');
    await page.goto('/login');
    await see(page.getByRole('heading', { name: '登录' }));
    await page.getByRole('button', { name: 'English' }).click();

    await see(page.getByRole('heading', { name: 'Sign in' }));
    await see(page.getByText('CPPCC member duty platform', { exact: true }));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await logIn(page, 'staff', e2e.t.fx.password, { username: 'Username', password: 'Password', submit: 'Sign in' });

    await see(main.getByText('To-do', { exact: true }));
    await see(main.getByText('Nothing to do', { exact: true }));
    const menu = page.getByRole('navigation', { name: 'Menu' });
    await see(menu.getByRole('link', { name: 'Members', exact: true }));
    await see(menu.getByRole('link', { name: 'Import members', exact: true }));
    await see(page.getByRole('button', { name: 'Log out' }));
    expect(await page.getByText('暂无待办').count()).toBe(0);
  });
});
