// An intranet serves the app over plain HTTP by a name other than localhost: the browser must not be
// told to fetch its scripts over https (the CSP's upgrade-insecure-requests, HSTS), or the page stays blank.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTRANET_HOST, logIn, see, startE2E, type E2E } from './browser.ts';
import { main } from './ui.ts';

describe('plain HTTP on an intranet', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('shows the login form and logs in over http://<name>', { timeout: 120_000 }, async (test) => {
    const url = `http://${INTRANET_HOST}:${new URL(e2e.baseUrl).port}`;
    const page = await e2e.page(test, { baseURL: url });
    const consoleErrors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    const response = await page.goto('/login');
    await logIn(page, 'member', e2e.t.fx.password);
    await see(main(page).getByText('待办事项', { exact: true }));
    expect(new URL(page.url()).protocol).toBe('http:');
    expect(response?.headers()['strict-transport-security']).toBeUndefined();
    // Nor sent headers it must ignore there (Cross-Origin-Opener-Policy), each a console error.
    expect(response?.headers()['cross-origin-opener-policy']).toBeUndefined();
    expect(consoleErrors).toEqual([]);
  });
});
