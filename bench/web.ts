// The login page on a slow link: Debian's Chromium (playwright-core) against `tongxin serve` on an
// empty DATA_DIR, the network throttled through CDP to 1.6 Mbps down, 750 kbps up, 150 ms latency.
// First visit with an empty cache, then a reload in the same context (what the cache headers save).
// Run alone: `npx tsx bench/web.ts` (builds nothing: run `npm run build` first).
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type CDPSession } from 'playwright-core';
import { freePort, median } from './http.ts';
import { serveUntilHealthy } from './startup.ts';

export const LINK = { downloadMbps: 1.6, uploadMbps: 0.75, latencyMs: 150 };

export interface Visit {
  /** Bytes on the wire for every response of the page (headers and bodies, as Chromium counts them). */
  transferredKB: number;
  /** Bytes on the wire for JavaScript alone, and how many script files. */
  scriptKB: number;
  scripts: number;
  requests: number;
  /** From navigation start until the username and password fields and the submit button are visible and enabled. */
  formUsableMs: number;
  /** From navigation start until the last script the form needed had arrived: the rest of formUsableMs is the CPU's. */
  scriptsArrivedMs: number;
}

export interface WebResult { link: typeof LINK; runs: number; first: Visit; reload: Visit; firstRuns: Visit[] }

const kb = (bytes: number) => Math.round(bytes / 100) / 10;

function chromiumPath(): string {
  try { return execSync('command -v chromium', { encoding: 'utf8' }).trim(); } catch { return '/usr/bin/chromium'; }
}

async function throttled(context: BrowserContext) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: LINK.latencyMs,
    downloadThroughput: (LINK.downloadMbps * 1e6) / 8, uploadThroughput: (LINK.uploadMbps * 1e6) / 8,
  });
  return { page, cdp };
}

/** Loads `url` and counts what came over the wire until the login form is usable. */
async function visit(page: import('playwright-core').Page, cdp: CDPSession, url: string, reload: boolean): Promise<Visit> {
  const types = new Map<string, string>();
  let bytes = 0, scriptBytes = 0, scripts = 0, requests = 0;
  const onResponse = (e: { requestId: string; type: string }) => { types.set(e.requestId, e.type); };
  const onFinished = (e: { requestId: string; encodedDataLength: number }) => {
    requests++;
    bytes += e.encodedDataLength;
    if (types.get(e.requestId) === 'Script') { scriptBytes += e.encodedDataLength; scripts++; }
  };
  cdp.on('Network.responseReceived', onResponse);
  cdp.on('Network.loadingFinished', onFinished);
  try {
    if (reload) await page.reload({ waitUntil: 'commit' }); else await page.goto(url, { waitUntil: 'commit' });
    // performance.now() counts from the navigation's start; polled on every frame until the form is there.
    const usable = await page.waitForFunction(() => {
      const ready = ['input[autocomplete="username"]', 'input[autocomplete="current-password"]', 'button[type="submit"]'].every((sel) => {
        const el = document.querySelector<HTMLInputElement | HTMLButtonElement>(sel);
        return el && !el.disabled && el.getClientRects().length > 0;
      });
      return ready ? Math.round(performance.now()) : false;
    }, null, { polling: 'raf', timeout: 60_000 });
    const formUsableMs = (await usable.jsonValue()) as number;
    const scriptsArrivedMs = await page.evaluate(() => Math.round(Math.max(0, ...performance.getEntriesByType('resource')
      .filter((e) => (e as PerformanceResourceTiming).initiatorType === 'script' || e.name.endsWith('.js'))
      .map((e) => (e as PerformanceResourceTiming).responseEnd))));
    // Requests still in flight (lazy chunks the page asks for after the form shows) are counted too.
    await page.waitForLoadState('networkidle');
    return { transferredKB: kb(bytes), scriptKB: kb(scriptBytes), scripts, requests, formUsableMs, scriptsArrivedMs };
  } finally {
    cdp.off('Network.responseReceived', onResponse);
    cdp.off('Network.loadingFinished', onFinished);
  }
}

export async function webBench(root: string, runs = 3): Promise<WebResult> {
  if (!fs.existsSync(path.join(root, 'dist/web/index.html'))) throw new Error('dist/web has no built web app: run npm run build');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-web-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(await freePort()), HOST: '127.0.0.1', TONGXIN_ADMIN_PASSWORD: 'bench-admin-pass-1', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const { serving } = await serveUntilHealthy(root, env);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const url = `http://127.0.0.1:${serving.port}/login`;
    const firstRuns: Visit[] = [], reloads: Visit[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ locale: 'zh-CN' });
      try {
        const { page, cdp } = await throttled(context);
        firstRuns.push(await visit(page, cdp, url, false));
        reloads.push(await visit(page, cdp, url, true));
      } finally {
        await context.close();
      }
    }
    const med = (vs: Visit[]): Visit => ({
      transferredKB: median(vs.map((v) => v.transferredKB)), scriptKB: median(vs.map((v) => v.scriptKB)),
      scripts: median(vs.map((v) => v.scripts)), requests: median(vs.map((v) => v.requests)), formUsableMs: median(vs.map((v) => v.formUsableMs)),
      scriptsArrivedMs: median(vs.map((v) => v.scriptsArrivedMs)),
    });
    return { link: LINK, runs, first: med(firstRuns), reload: med(reloads), firstRuns };
  } finally {
    await browser?.close();
    await serving.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await webBench(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), Number(process.env.BENCH_WEB_RUNS) || 3), null, 2));
}
