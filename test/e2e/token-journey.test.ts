// In a real browser: a staff member makes an API token for 30 days and sees when it expires; the
// administrator finds it on the staff member's user form and revokes it, and it opens nothing more.
// Embedded database only: test/auth-hardening.test.ts covers the API on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { see, startE2E, type E2E } from './browser.ts';
import { button, dialog, logInAs, main, pick, popconfirm, row, toast } from './ui.ts';

describe('API token journey', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('makes a token with an expiry, and an administrator revokes it', { timeout: 180_000 }, async (test) => {
    const staff = await logInAs(e2e, test, 'staff');
    await staff.goto('/account');
    await main(staff).getByRole('button', { name: '新建令牌' }).click(); // (its name starts with its icon's)
    const form = dialog(staff, '新建令牌');
    await form.getByLabel('令牌名称').fill('数据同步');
    await pick(staff, form.getByRole('combobox', { name: '有效期' }), '30 天');
    await button(form, '新增').click();
    await see(main(staff).getByText('令牌“数据同步”已创建', { exact: true }));
    await see(main(staff).getByText(/有效期至/));
    const token = (await main(staff).getByLabel('API 令牌', { exact: true }).innerText()).trim();
    const expiresAt = (await e2e.t.app.inject({ url: '/api/v1/auth/tokens', headers: await e2e.t.as('staff') })).json().items[0].expiresAt as string;
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    await see(main(staff).getByRole('columnheader', { name: '到期时间' }));
    const bearer = { authorization: `Bearer ${token}` };
    expect((await e2e.t.app.inject({ url: '/api/v1/auth/me', headers: bearer })).statusCode).toBe(200);

    const admin = await logInAs(e2e, test, 'admin');
    await admin.goto('/admin/users');
    await button(row(admin, 'staff'), '编辑').click();
    const userForm = dialog(admin, '编辑用户');
    const tokenRow = userForm.getByRole('row').filter({ hasText: '数据同步' });
    await button(tokenRow, '吊销').click();
    await popconfirm(admin, '吊销');
    await toast(admin, '已吊销');
    await see(userForm.getByText('暂无令牌', { exact: true }));
    expect((await e2e.t.app.inject({ url: '/api/v1/auth/me', headers: bearer })).statusCode).toBe(401);
  });
});
