// In a real browser, 双创 on a phone: 张三 (member) opens 我的双创 at 390 px, registers a
// poverty-relief base with its money, jobs and households, and logs a 送技术 activity in a few taps;
// staff, at desktop width, see the project in the list and the year's figures move with it.
// Embedded database only: the browser exercises the UI, the HTTP tests cover both engines.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { logIn, see, startE2E, type E2E } from './browser.ts';
import { button, dialog, logInAs, main, pick, row, toast } from './ui.ts';

const PROJECT = '青山村茶叶扶贫产业基地';
const figure = (page: Page, key: string, text: string) => see(main(page).locator(`[data-figure="${key}"]`).getByText(text, { exact: true }));

describe('dual creation journey in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('a member registers a project and logs a 送技术 activity on a phone; staff see it in the list and the figures change', { timeout: 360_000 }, async (test) => {
    const t = e2e.t;
    // Staff see this year's figures: nothing yet.
    const staff = await logInAs(e2e, test, 'staff');
    await staff.goto('/creation');
    await see(main(staff).getByRole('heading', { name: '委员双创项目' }));
    await figure(staff, 'participants', '0 名');
    await figure(staff, 'projects.povertyBase', '0 个');
    await figure(staff, 'investment', '0 万元');

    // 张三 on a phone registers a base.
    const phone = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto('/login');
    await logIn(phone, 'member', t.fx.password);
    await see(main(phone).getByText('待办事项', { exact: true }));
    await phone.goto('/creation/mine');
    await see(main(phone).getByRole('heading', { name: '我的双创' }));
    // (The buttons' names start with their icon's.)
    await main(phone).getByRole('button', { name: /登记项目$/ }).click();
    const form = dialog(phone, '登记项目');
    await pick(phone, form.getByLabel('类型', { exact: true }), '扶贫产业基地');
    await form.getByLabel('名称', { exact: true }).fill(PROJECT);
    await form.getByLabel('投入资金（万元）', { exact: true }).fill('120');
    await form.getByLabel('带动就业（人）', { exact: true }).fill('35');
    await form.getByLabel('带动贫困户就业（户）', { exact: true }).fill('12');
    await button(form, '保存').click();
    await toast(phone, '项目已登记');
    const card = main(phone).locator(`[data-project="${PROJECT}"]`);
    await see(card.getByText('120 万元', { exact: false }));

    // A 送技术 activity: today is chosen; the kind tapped, the place and people reached typed.
    await main(phone).getByRole('button', { name: /记录“五送”活动$/ }).click();
    const log = dialog(phone, '记录“五送”活动');
    await log.locator('label').filter({ hasText: /^送技术$/ }).click();
    // 所在县（区） shows the county the activity is filed under unless changed: 张三's own.
    const county = log.locator('.ant-form-item').filter({ hasText: '所在县（区）' });
    await see(county.getByText('测试区政协', { exact: true }));
    await log.getByLabel('地点', { exact: true }).fill('青山村');
    await log.getByLabel('受益群众（人次）', { exact: true }).fill('60');
    await log.getByLabel('内容', { exact: true }).fill('茶园管理技术培训');
    await button(log, '保存').click();
    await toast(phone, '活动已记录');
    await see(main(phone).getByText('茶园管理技术培训', { exact: true }));

    // Staff see the project in the list and the figures counting it.
    await staff.goto('/creation');
    await see(row(staff, PROJECT).getByRole('cell', { name: '张三', exact: true }));
    await figure(staff, 'participants', '1 名');
    await figure(staff, 'projects.povertyBase', '1 个');
    await figure(staff, 'investment', '120 万元');
    await figure(staff, 'poorHouseholds', '12 户');
    await figure(staff, 'activities', '1 次');
    await figure(staff, 'beneficiaries', '60 人次');
    // The project opens with its figures.
    await row(staff, PROJECT).getByRole('link', { name: PROJECT }).click();
    await see(main(staff).getByRole('heading', { name: PROJECT }));
    await see(main(staff).getByText('测试区政协', { exact: true }));
  });
});
