// In a real browser: every menu page of each role, opened after signing in on the login page (whose
// entry carries only the login page's strings; the rest come as a chunk of their own), shows its
// strings and no message key in their place, in Chinese and in English. The pages are opened as
// the menu opens them (the router's own navigation, no reload).
// Embedded database only: the browser exercises the UI.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from 'vitest';
import type { Page } from 'playwright-core';
import { logIn, see, startE2E, WAIT, type E2E } from './browser.ts';
import { main } from './ui.ts';

// Read from the web app's sources (its modules do not load under the server's tsconfig).
const web = (file: string) => fs.readFileSync(new URL(`../../src/web/${file}`, import.meta.url), 'utf8');

/** Every Chinese message key: the tables of i18n-zh.ts and messages/*.ts. */
const KEYS = [web('i18n-zh.ts'), ...fs.readdirSync(new URL('../../src/web/messages/', import.meta.url)).filter((f) => f.endsWith('.ts')).map((f) => web(`messages/${f}`))]
  .flatMap((source) => [...source.matchAll(/'([\w.-]+)':\s/g)].map(([, key]) => key));

type Role = string;

/**
 * roles.ts's constants: each a list of roles, some spreading an earlier one, or asMember of a list (the
 * fixture's logins of those roles are linked to members, so they count as the list).
 */
function roleLists(): Record<string, Role[]> {
  const lists: Record<string, Role[]> = {};
  for (const [, name, items] of web('layout/roles.ts').matchAll(/export const (\w+): (?:Role\[\] = |Access = asMember\()\[([^\]]*)\]/g)) {
    lists[name] = items.split(',').map((s) => s.trim()).filter(Boolean).flatMap((item) => item.startsWith('...') ? lists[item.slice(3)] : [item.replace(/'/g, '')]);
  }
  return lists;
}

/** The menu's pages and who may open them, as navigation.tsx lists them (path and its roles' constant). */
function menuPages(): { path: string; roles: Role[] }[] {
  const lists = roleLists();
  const found = [...web('layout/navigation.tsx').matchAll(/\{ path: '([^']+)'[^}]*?roles: (\w+)/g)].map(([, path, name]) => {
    const allowed = lists[name];
    if (!allowed) throw new Error(`navigation.tsx: ${path} names roles ${name}, which roles.ts does not export`);
    return { path, roles: allowed };
  });
  if (found.length < 40) throw new Error(`navigation.tsx: only ${found.length} menu pages found`);
  return found;
}

/** Message keys shown as text, or as a placeholder, label or title, anywhere on the page. */
function keysShown(page: Page): Promise<string[]> {
  return page.evaluate((keys) => {
    const texts = [document.body.innerText];
    for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
      for (const name of ['placeholder', 'aria-label', 'title']) texts.push(el.getAttribute(name) ?? '');
    }
    const words = texts.join('\n').match(/[A-Za-z][\w-]*(?:\.[\w-]+)+/g) ?? [];
    return [...new Set(words.filter((w) => keys.includes(w)))];
  }, KEYS);
}

/** Opens a path as a menu link does: through the router, without loading the page again. */
async function open(page: Page, path: string) {
  await page.evaluate((to) => {
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await expect.poll(() => page.evaluate(() => window.location.pathname), { timeout: WAIT }).toBe(path);
  // Settled: the page's content is there and nothing in it is still loading.
  await see(main(page));
  await expect.poll(() => main(page).evaluate((el) => !!(el as HTMLElement).innerText.trim()
    && !el.querySelector('.ant-spin-spinning, .ant-skeleton-active, .ant-table-placeholder .ant-spin')), { message: `${path} settles`, timeout: WAIT }).toBe(true);
}

describe('the message tables', () => {
  it('define each key once (the tables are spread into one: a second definition silently wins over the first)', () => {
    const twice = [...new Set(KEYS.filter((k, i) => KEYS.indexOf(k) !== i))];
    expect(twice).toEqual([]);
  });
});

describe('every menu page shows its strings', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  async function walk(test: TestContext, username: string, role: Role, lang: 'zh' | 'en') {
    const page = await e2e.page(test, { viewport: { width: 1366, height: 900 } });
    if (lang === 'en') await page.addInitScript(() => localStorage.setItem('tongxin.lang', 'en'));
    await page.goto('/login');
    await logIn(page, username, e2e.t.fx.password, lang === 'en' ? { username: 'Username', password: 'Password', submit: 'Sign in' } : undefined);
    await see(main(page).getByText(lang === 'en' ? 'To-do' : '待办事项', { exact: true }));
    const shown: string[] = [];
    for (const { path } of menuPages().filter((p) => p.roles.includes(role))) {
      await open(page, path);
      for (const key of await keysShown(page)) shown.push(`${path}: ${key}`);
    }
    expect(KEYS.length).toBeGreaterThan(1000);
    expect(shown).toEqual([]);
  }

  for (const [username, role] of [['staff', 'staff'], ['member', 'member'], ['admin', 'admin'], ['leader', 'leader'], ['unitA', 'unit']] as const) {
    it(`${username}, in Chinese`, { timeout: 300_000 }, (test) => walk(test, username, role, 'zh'));
  }
  for (const [username, role] of [['staff', 'staff'], ['member', 'member']] as const) {
    it(`${username}, in English`, { timeout: 300_000 }, (test) => walk(test, username, role, 'en'));
  }
});
