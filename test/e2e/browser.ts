// Browser journeys: Debian's Chromium driven by playwright-core against the real app on a random port.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { expect, type TestContext } from 'vitest';
import { testApp, type TestApp } from '../helpers.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const WEB_DIR = path.join(root, 'dist/web');

/** A name the browser resolves to this machine: the app as seen on an intranet, by name over plain HTTP. */
export const INTRANET_HOST = 'tongxin.intranet';

/** How long a web-first assertion keeps retrying: generous, the test machine is small and busy. */
export const WAIT = 20_000;

function chromiumPath(): string {
  try {
    const found = execSync('command -v chromium', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (found) return found;
  } catch {
    // not on PATH
  }
  return '/usr/bin/chromium';
}

export interface E2E {
  /** http://127.0.0.1:<port> of the running app. */
  baseUrl: string;
  browser: Browser;
  /** The app, its in-memory database and the seeded fixture. */
  t: TestApp;
  /**
   * A page in a fresh browser context (own cookies and storage). When the test fails, a
   * screenshot goes to a temp folder; the context is closed when the test ends either way.
   */
  page(test: TestContext, options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Starts the app over a fresh PGlite database with the fixture seeded, and Chromium. The web app
 * is built first when dist/web is missing or older than src/web (as `npm test` does).
 */
export async function startE2E(): Promise<E2E> {
  execSync('node scripts/build.mjs web --if-stale', { cwd: root, stdio: 'inherit' });
  if (!fs.existsSync(path.join(WEB_DIR, 'index.html'))) throw new Error(`${WEB_DIR} has no built web app`);
  const t = await testApp('embedded', { WEB_DIR });
  let browser: Browser | undefined;
  try {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    if (!address || typeof address === 'string') throw new Error('the app is not listening on a TCP port');
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', `--host-resolver-rules=MAP ${INTRANET_HOST} 127.0.0.1`],
    });
    const baseUrl = `http://127.0.0.1:${address.port}`;
    const b = browser;
    let shots: string | undefined;
    // A test may drive several pages (one per user): number their screenshots.
    const pagesOf = new Map<string, number>();
    return {
      baseUrl, browser: b, t,
      async page(test, options = {}) {
        const n = (pagesOf.get(test.task.id) ?? 0) + 1;
        pagesOf.set(test.task.id, n);
        // Without motion, as the web honours: antd's leave animations sometimes never end under load, and a
        // button's faded loading icon stayed in its name ("loading 保存") after its request was answered.
        const context = await b.newContext({ baseURL: baseUrl, locale: 'zh-CN', reducedMotion: 'reduce', ...options });
        context.setDefaultTimeout(WAIT);
        context.setDefaultNavigationTimeout(30_000);
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
        page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
        // onTestFinished runs before onTestFailed, so the screenshot is taken here, before closing.
        test.onTestFinished(async ({ task }) => {
          try {
            if (task.result?.state === 'fail') {
              shots ??= fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-e2e-'));
              const file = path.join(shots, `${task.name.replace(/[^\w\u4e00-\u9fff-]+/g, '_').slice(0, 80)}${n > 1 ? `-${n}` : ''}.png`);
              await page.screenshot({ path: file, fullPage: true, timeout: 10_000 }).then(
                () => console.error(`screenshot of the failed test at ${page.url()}: ${file}`),
                (err: Error) => console.error(`no screenshot: ${err.message}`),
              );
              if (problems.length) console.error(`browser messages:\n  ${problems.join('\n  ')}`);
              // What the page said, for a CI log whose screenshots are gone with its machine.
              const text = await page.evaluate(() => document.body.innerText).catch(() => '');
              console.error(`the page read:\n  ${text.replace(/\s*\n\s*/g, ' | ').slice(0, 1500)}`);
            }
          } finally {
            await context.close();
          }
        });
        return page;
      },
      async close() {
        await b.close();
        await t.close();
      },
    };
  } catch (err) {
    await browser?.close();
    await t.close();
    throw err;
  }
}

/** Web-first: waits until the locator is visible. */
export async function see(locator: Locator, timeout = WAIT): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

/** Web-first: waits until the locator's visible texts are exactly these (in any order). */
export async function seeTexts(locator: Locator, texts: string[], timeout = WAIT): Promise<void> {
  await expect
    .poll(async () => (await locator.allInnerTexts()).map((s) => s.trim()).sort(), { timeout, interval: 100 })
    .toEqual([...texts].sort());
}

/** Web-first: waits until the first cells of the row read these texts. */
export async function seeCells(row: Locator, texts: string[], timeout = WAIT): Promise<void> {
  await expect
    .poll(async () => (await row.getByRole('cell').allInnerTexts()).slice(0, texts.length).map((s) => s.trim()), { timeout, interval: 100 })
    .toEqual(texts);
}

/** Logs in through the login form (labels given for the current language). */
export async function logIn(page: Page, username: string, password: string, labels = { username: '用户名', password: '密码', submit: '登录' }) {
  await page.getByLabel(labels.username, { exact: true }).fill(username);
  await page.getByLabel(labels.password, { exact: true }).fill(password);
  await submitButton(page, labels.submit).click();
}

/**
 * The form's submit button by its text. Not by its accessible name: while antd's loading icon fades out
 * after a failed try, its aria-label makes the name "loading Sign in".
 */
export const submitButton = (page: Page, text: string) => page.locator('button[type=submit]', { hasText: text });
