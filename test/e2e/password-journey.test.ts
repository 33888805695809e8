// In a real browser: a wrong password and the wait after too many, in Chinese and in English, with no
// "Unauthorized" or "Locked"; anonymous pages with a clean console; a member changes their own
// password; an administrator resets another's, who must choose their own right after signing in.
// Embedded database only: test/passwords.test.ts and test/problem-language.test.ts cover the API on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNotNull, sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { loginThrottle } from '../../src/server/core/schema.ts';
import { logIn, see, startE2E, submitButton, type E2E } from './browser.ts';
import { button, consoleErrors, dialog, logInAs, main, row, toast } from './ui.ts';

describe('password journey', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  const alert = (page: Page) => page.getByRole('alert');

  it('anonymous pages ask who is there without a failed request', { timeout: 120_000 }, async (test) => {
    const page = await e2e.page(test);
    const errors = consoleErrors(page);
    await page.goto('/public/proposals');
    await see(page.getByRole('button', { name: /登录/ }));
    await page.goto('/login');
    await see(page.getByRole('button', { name: '登录', exact: true }));
    expect(errors).toEqual([]);
  });

  it('a wrong password, then the wait, in Chinese and in English', { timeout: 120_000 }, async (test) => {
    const page = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto('/login');
    await logIn(page, 'member2', 'wrong-pass-1');
    await see(alert(page).getByText('登录失败', { exact: true }));
    await see(alert(page).getByText('用户名或密码错误', { exact: true }));
    await expect.poll(() => alert(page).innerText()).not.toMatch(/Unauthorized|Locked/i);

    // Many failures for this username from here: the next try must wait the longest, 15 minutes.
    await e2e.t.database.db.update(loginThrottle).set({ failures: 30, lastAt: sql`now()` }).where(isNotNull(loginThrottle.account));
    await submitButton(page, '登录').click();
    await see(alert(page).getByText('尝试次数过多，请 15 分钟后再试', { exact: true }));
    await expect.poll(() => alert(page).innerText()).not.toMatch(/Too Many|Locked|[A-Za-z]{3}/);

    await page.getByRole('button', { name: 'English' }).click();
    await see(page.getByRole('heading', { name: 'Sign in' }));
    await submitButton(page, 'Sign in').click();
    await see(alert(page).getByText('Too many failed attempts: try again in 15 minutes', { exact: true }));
    await expect.poll(() => alert(page).innerText()).not.toMatch(/Locked|Too Many Requests|[\u4e00-\u9fff]/);
    await logIn(page, 'member', 'wrong-pass-1', { username: 'Username', password: 'Password', submit: 'Sign in' });
    await see(alert(page).getByText('Wrong username or password', { exact: true }));
    await expect.poll(() => alert(page).innerText()).not.toMatch(/Unauthorized|[\u4e00-\u9fff]/);
  });

  it('a member changes their own password on 我的账户', { timeout: 180_000 }, async (test) => {
    const page = await logInAs(e2e, test, 'member');
    await page.goto('/account');
    const form = main(page).locator('form').filter({ has: page.getByLabel('当前密码', { exact: true }) });
    await see(form.getByText('8–200 位，须同时包含字母和数字，不能与用户名相同。', { exact: true }));
    // The server's word for a wrong current password, on its field.
    await form.getByLabel('当前密码', { exact: true }).fill('not-my-pass-1');
    await form.getByLabel('新密码', { exact: true }).fill('member-new-2');
    await form.getByLabel('再次输入新密码', { exact: true }).fill('member-new-2');
    // Found by its text: after a refused try antd's fading loading icon may still lend the button its name.
    const change = form.locator('button[type=submit]', { hasText: '修改密码' });
    await change.click();
    await see(form.getByText('当前密码不正确', { exact: true }));

    await form.getByLabel('当前密码', { exact: true }).fill(e2e.t.fx.password);
    await change.click();
    await toast(page, '密码已修改');
    // This session goes on; the new password opens a new one.
    await page.reload();
    await see(main(page).getByText('个人信息', { exact: true }));
    const again = await e2e.page(test);
    await again.goto('/login');
    await logIn(again, 'member', 'member-new-2');
    await see(main(again).getByText('待办事项', { exact: true }));
  });

  it("an administrator resets another's password: at the next login they choose their own before anything else", { timeout: 180_000 }, async (test) => {
    const admin = await logInAs(e2e, test, 'admin');
    await admin.goto('/admin/users');
    await button(row(admin, 'leader'), '编辑').click();
    const userForm = dialog(admin, '编辑用户');
    await see(userForm.getByText(/用户下次登录后须立即修改为自己的密码/));
    await userForm.getByLabel('临时密码（留空则不修改）', { exact: true }).fill('temp-pass-7');
    await button(userForm, '保存').click();
    await toast(admin, '已保存');
    await see(row(admin, 'leader').getByText('须修改密码', { exact: true }));

    const page = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto('/members');
    await logIn(page, 'leader', 'temp-pass-7');
    await see(page.getByText('请设置新密码', { exact: true }));
    await page.goto('/members');
    await see(page.getByText('请设置新密码', { exact: true }));
    expect(new URL(page.url()).pathname).toBe('/password');
    await page.getByLabel('管理员给您的临时密码', { exact: true }).fill('temp-pass-7');
    await page.getByLabel('新密码', { exact: true }).fill('leader-own-8');
    await page.getByLabel('再次输入新密码', { exact: true }).fill('leader-own-8');
    await button(page, '修改密码').click();
    await see(main(page).getByText('待办事项', { exact: true }));
    await page.goto('/members');
    await see(main(page).getByText('委员名录', { exact: true }));
  });
});
