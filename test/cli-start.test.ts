// The command line as an operator starts it: the compiled server (dist/server) finds its migrations and
// data files, and the demo's banner (address and logins) is the last thing on screen, with no line
// per request under it.
import { execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tx-cli-start-'));
fs.chmodSync(tmp, 0o755); // run as root, the embedded server (user postgres) must reach the data folders inside
const dataDir = path.join(tmp, 'data');

/**
 * Runs `node <args>` on the temp DATA_DIR (PORT 0, no LOG_LEVEL) until its banner shows, then
 * `whileUp(url)`, then SIGTERM; resolves with everything it printed.
 */
function runUntilBanner(args: string[], whileUp: (url: string) => Promise<void>) {
  return new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      // Started from another folder, as `npx tongxin` in an operator's folder is.
      cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? tmp, DATA_DIR: dataDir, PORT: '0', TONGXIN_ADMIN_PASSWORD: 'cli-start-pass-1' },
    });
    let stdout = '', stderr = '', seen = false;
    child.stdout.on('data', (d) => {
      stdout += d;
      const url = /is running at (http:\/\/\S+)/.exec(stdout)?.[1];
      if (!url || seen) return;
      seen = true;
      whileUp(url).then(() => child.kill('SIGTERM'), (err) => { child.kill('SIGKILL'); reject(err); });
    });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('exit', (code) => (seen ? resolve({ stdout, stderr, code }) : reject(new Error(`exited (${code}) before its banner: ${stdout}${stderr}`))));
  });
}

describe('starting tongxin from the command line', { timeout: 300_000 }, () => {
  beforeAll(() => { execSync('node scripts/build.mjs --if-stale', { cwd: root, stdio: 'inherit' }); });
  afterAll(() => { fs.rmSync(tmp, { recursive: true, force: true }); });

  it('serves from the compiled build on an empty DATA_DIR: migrations, first admin, the 政协 dictionary, the web app', async () => {
    const run = await runUntilBanner([path.join(root, 'dist/server/cli.js'), 'serve'], async (url) => {
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
      const page = await fetch(`${url}/login`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      const login = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'cli-start-pass-1' }),
      });
      expect(login.status).toBe(200);
      const session = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      // The duplicate check segments with the dictionary shipped beside the compiled modules.
      const similar = await fetch(`${url}/api/v1/proposals/similar?text=${encodeURIComponent('关于加强社区养老服务的建议')}`, { headers: { cookie: session } });
      expect(similar.status).toBe(200);
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('ends the demo on its banner: no log line per request at the default level', async () => {
    // The folder is initialised (previous test), so the demo skips seeding: what is left is its logging.
    const run = await runUntilBanner([path.join(root, 'bin/tongxin.js'), 'demo'], async (url) => {
      for (const p of ['/api/health', '/login', '/api/v1/auth/me', '/api/v1/nothing-here']) await (await fetch(`${url}${p}`)).arrayBuffer();
    });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.at(-3)).toMatch(/admin 系统管理员 · staff/);
    expect(lines.at(-2)).toMatch(/dongcheng 东城区政协管理员 · beishan/);
    expect(lines.at(-1)).toMatch(/twolevel 市政协委员、东城区政协副主席/);
    expect(lines.some((l) => l.includes('is running at'))).toBe(true);
    expect(run.stdout).not.toContain('"level"');
    expect(run.stderr).toBe('');
  });
});
