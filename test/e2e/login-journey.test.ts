// In a real browser, on a phone: a username with accounts in two committees. After the right
// password the login page asks which committee, and signs in to the one chosen.
// Embedded database only: the browser exercises the UI, test/auth.test.ts covers the API on both engines.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { logIn, see, startE2E, type E2E } from './browser.ts';
import { button, main, pick } from './ui.ts';

describe('login journey', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('asks which committee for a username in two, and lands logged in to the one picked', { timeout: 120_000 }, async (test) => {
    const t = e2e.t;
    for (const admin of ['admin', 'otherAdmin']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: await t.as(admin), payload: { username: 'zhou', password: t.fx.password, roles: ['staff'] } });
      if (res.statusCode !== 201) throw new Error(`${admin} adds zhou: ${res.statusCode} ${res.body}`);
    }
    const page = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto('/login');
    await logIn(page, 'zhou', t.fx.password);

    await see(page.getByText('该用户名在多个政协都有账号，请选择要登录的政协', { exact: true }));
    await pick(page, page.getByRole('combobox', { name: '所属政协' }), '另一市政协');
    await button(page, '登录').click();

    await see(main(page).getByText('待办事项', { exact: true }));
    await see(main(page).getByText('另一市政协', { exact: true }));
  });
});
