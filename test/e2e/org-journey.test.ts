// In a real browser: the city's admin sets up a county committee and its first admin on 下级政协;
// that admin signs in on a phone, chooses their own password and sets the county up from nothing
// (a sector, then a member); the city then reads the county's figures rolled up with its own on
// 提案统计 (含下级), and its public consultations on 协商活动 (含下级, at 1366 px and on a phone).
// Embedded database only: test/org-tree.test.ts covers the API on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { orgs } from '../../src/server/core/schema.ts';
import { proposals } from '../../src/server/modules/proposals/schema.ts';
import { members } from '../../src/server/modules/org/schema.ts';
import { consultations } from '../../src/server/modules/consultations/schema.ts';
import { logIn, see, seeCells, startE2E, WAIT, type E2E } from './browser.ts';
import { button, consoleErrors, dialog, logInAs, main, pick, row, toast } from './ui.ts';

describe('committees below journey', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  // (polled: right after a resize the page may still be laid out for the width before)
  const noOverflow = (page: Page) =>
    expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), { timeout: WAIT }).toBeLessThanOrEqual(0);

  it('the city sets up a county and its admin; the admin sets the county up; the city sees its figures rolled up', { timeout: 300_000 }, async (test) => {
    const city = await logInAs(e2e, test, 'admin');
    await city.setViewportSize({ width: 1366, height: 900 });
    const cityErrors = consoleErrors(city);
    await city.goto('/admin/orgs');
    await see(main(city).getByText(/本级设立下级政协并为其开设第一个管理员账号/));
    await main(city).getByRole('button', { name: /新增下级政协/ }).click();
    const form = dialog(city, '新增下级政协');
    await form.getByLabel('名称', { exact: true }).fill('鼓楼区政协');
    await form.getByLabel('代码', { exact: true }).fill('320106');
    await form.getByLabel('地区', { exact: true }).fill('鼓楼区');
    await button(form, '保存').click();
    await toast(city, '已新增');
    await seeCells(row(city, '鼓楼区政协'), ['鼓楼区政协', '320106', '鼓楼区', '尚未开设']);
    await noOverflow(city);

    await button(row(city, '鼓楼区政协'), '开设管理员').click();
    const adminForm = dialog(city, '鼓楼区政协的管理员');
    await adminForm.getByLabel('用户名', { exact: true }).fill('gulou');
    await adminForm.getByLabel('显示名称', { exact: true }).fill('鼓楼区管理员');
    await button(adminForm, '确定').click();
    await toast(city, '管理员账号已开设');
    const shown = dialog(city, '管理员账号已开设');
    await see(shown.getByText(/密码只显示这一次/));
    const password = (await shown.getByTestId('admin-password').innerText()).trim();
    expect(password).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{8,}$/);
    await button(shown.locator('.ant-modal-footer'), '关闭').click();
    await seeCells(row(city, '鼓楼区政协'), ['鼓楼区政协', '320106', '鼓楼区', 'gulou']);

    // The county's admin, on a phone: the temporary password, then their own.
    const phone = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phoneErrors = consoleErrors(phone);
    await phone.goto('/login');
    await logIn(phone, 'gulou', password);
    await see(phone.getByText('请设置新密码', { exact: true }));
    await phone.getByLabel('管理员给您的临时密码', { exact: true }).fill(password);
    await phone.getByLabel('新密码', { exact: true }).fill('gulou-own-2026');
    await phone.getByLabel('再次输入新密码', { exact: true }).fill('gulou-own-2026');
    await button(phone, '修改密码').click();
    await see(main(phone).getByText('待办事项', { exact: true }));

    // From nothing: a sector, then a member in it.
    await phone.goto('/admin/sectors');
    await main(phone).getByRole('button', { name: /新增界别/ }).click();
    const sectorForm = dialog(phone, '新增界别');
    await sectorForm.getByLabel('名称', { exact: true }).fill('教育界');
    await button(sectorForm, '保存').click();
    await toast(phone, '已新增');
    await phone.goto('/members');
    await main(phone).getByRole('button', { name: /新增委员/ }).click();
    const memberForm = dialog(phone, '新增委员');
    await memberForm.getByLabel('姓名', { exact: true }).fill('钱七');
    await pick(phone, memberForm.getByLabel('界别', { exact: true }), '教育界');
    await pick(phone, memberForm.getByLabel('党派', { exact: true }), '民进');
    await button(memberForm, '保存').click();
    await toast(phone, '已新增');
    await see(main(phone).getByText('钱七').first());
    await noOverflow(phone);
    // 下级政协 on a phone: nothing below a county, and no sideways scroll.
    await phone.goto('/admin/orgs');
    await see(main(phone).getByText(/本级设立下级政协/));
    await noOverflow(phone);
    expect(phoneErrors).toEqual([]);

    // A proposal of the county's member (as its own office would have it: submitted).
    const [county] = await e2e.t.database.db.select().from(orgs).where(eq(orgs.code, '320106'));
    const [member] = await e2e.t.database.db.select().from(members).where(eq(members.orgId, county!.id));
    await e2e.t.database.db.insert(proposals).values({
      orgId: county!.id, title: '关于鼓楼区老旧小区改造的提案', body: '建议加快推进。', kind: 'member', state: 'submitted',
      proposerMemberId: member!.id, proposerName: member!.name, createdBy: member!.id, submittedAt: new Date(),
    });

    // The city: its own figures, then with the county's (含下级), by committee.
    await city.goto('/proposals/stats');
    await main(city).getByText('含下级', { exact: true }).click();
    await see(main(city).getByText(/包含：.*鼓楼区政协/));
    await main(city).locator('.ant-segmented').getByText('政协', { exact: true }).click();
    await seeCells(row(city, '鼓楼区政协'), ['鼓楼区政协', '1']);
    await noOverflow(city);

    // The county's public consultations listed with the city's (含下级), each with its committee; one still at its topic never.
    const year = new Date().getFullYear();
    await e2e.t.database.db.insert(consultations).values([
      { orgId: county!.id, title: '鼓楼区老城更新协商', kind: 'bimonthly', year, state: 'preparing', createdBy: member!.id },
      { orgId: county!.id, title: '鼓楼区尚在选题的协商', kind: 'bimonthly', year, state: 'topic', createdBy: member!.id },
    ]);
    await city.goto(`/consultations?year=${year}`);
    await main(city).getByText('含下级', { exact: true }).click();
    await seeCells(row(city, '鼓楼区老城更新协商'), ['鼓楼区老城更新协商', '鼓楼区政协']);
    expect(await main(city).getByText('鼓楼区尚在选题的协商').count()).toBe(0);
    await noOverflow(city);
    await city.setViewportSize({ width: 390, height: 844 });
    await see(main(city).getByText('鼓楼区老城更新协商'));
    await noOverflow(city);
    // The county's consultation opens on its public page (协商公开), as anyone reads it.
    await main(city).getByRole('link', { name: '鼓楼区老城更新协商' }).click();
    await see(main(city).getByRole('heading', { name: '鼓楼区老城更新协商' }));
    await see(main(city).getByText('标准式筹备', { exact: true }));
    await noOverflow(city);
    await city.goto('/library');
    await see(main(city).getByText('含下级', { exact: true }));
    await noOverflow(city);
    expect(cityErrors).toEqual([]);
  });
});
