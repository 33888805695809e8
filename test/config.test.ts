import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/server/core/config.ts';

const root = path.resolve(import.meta.dirname, '..');

function configError(env: Record<string, string>): ConfigError {
  try { loadConfig(env); } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('gives the defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', LOG_LEVEL: 'info', COOKIE_SECURE: false, SESSION_TTL_HOURS: 168 });
    expect(path.isAbsolute(c.DATA_DIR)).toBe(true);
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('parses numbers, booleans and accepts PORT=0 (any free port)', () => {
    const c = loadConfig({ PORT: '0', COOKIE_SECURE: 'true', LOGIN_MAX_FAILURES: ' 3 ', DATABASE_URL: 'postgresql://u@h/db', LOG_LEVEL: 'silent' });
    expect(c).toMatchObject({ PORT: 0, COOKIE_SECURE: true, LOGIN_MAX_FAILURES: 3, DATABASE_URL: 'postgresql://u@h/db', LOG_LEVEL: 'silent' });
    expect(loadConfig({ COOKIE_SECURE: '0', PORT: '65535' })).toMatchObject({ COOKIE_SECURE: false, PORT: 65535 });
    expect(loadConfig({ DATABASE_URL: 'postgres://x' }).DATABASE_URL).toBe('postgres://x');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: '' })).toMatchObject({ PORT: 3000, LOG_LEVEL: 'info' });
  });

  it.each([
    ['PORT', 'abc', /PORT="abc": must be integer/],
    ['PORT', '70000', /PORT=70000: must be <= 65535/],
    ['PORT', '-1', /PORT=-1: must be >= 0/],
    ['PORT', '80.5', /PORT="80.5"/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL="mysql:\/\/x": must match pattern/],
    ['SESSION_SECRET', 'too-short', /SESSION_SECRET=.*: must not have fewer than 32 characters/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL="loud"/],
    ['COOKIE_SECURE', 'yes', /COOKIE_SECURE="yes": must be boolean/],
    ['SESSION_TTL_HOURS', '0', /SESSION_TTL_HOURS=0: must be >= 1/],
    ['TONGXIN_ADMIN_PASSWORD', 'short', /TONGXIN_ADMIN_PASSWORD=.*: must not have fewer than 8 characters/],
  ])('rejects %s=%s naming the variable', (key, value, message) => {
    const err = configError({ [key]: value });
    expect(err.message).toMatch(/^Invalid configuration:\n/);
    expect(err.message).toMatch(message);
    // only the bad variable is named
    const named = err.message.split('\n').slice(1).map((l) => l.trim().split('=')[0]);
    expect(new Set(named)).toEqual(new Set([key]));
  });

  it('names every bad variable at once, one line each', () => {
    const err = configError({ PORT: 'abc', DATABASE_URL: 'mysql://x', SESSION_SECRET: 'x'.repeat(10), LOG_LEVEL: 'loud', HOST: '::' });
    const lines = err.message.split('\n').slice(1);
    const named = lines.map((l) => l.trim().split('=')[0]);
    expect(new Set(named)).toEqual(new Set(['PORT', 'DATABASE_URL', 'SESSION_SECRET', 'LOG_LEVEL']));
    expect(new Set(lines).size).toBe(lines.length);
  });

  it('does not echo secrets in the message', () => {
    const secret = 'not-long-enough-secret';
    const err = configError({ SESSION_SECRET: secret, TONGXIN_ADMIN_PASSWORD: 'pw1234', DATABASE_URL: 'mysql://bob:hunter2@db/x' });
    expect(err.message).not.toContain(secret);
    expect(err.message).not.toContain('pw1234');
    expect(err.message).not.toContain('hunter2');
    expect(err.message).toContain('SESSION_SECRET=(hidden, 22 characters)');
    expect(err.message).toContain('DATABASE_URL="mysql://bob:***@db/x"');
  });

  it('takes an S3-compatible bucket for the library, which needs its name and both keys or neither', () => {
    expect(loadConfig({})).toMatchObject({ LIBRARY_STORAGE: 'folder', LIBRARY_S3_REGION: 'us-east-1', LIBRARY_S3_FORCE_PATH_STYLE: false });
    expect(loadConfig({ LIBRARY_STORAGE: 's3', LIBRARY_S3_BUCKET: 'tongxin-library', LIBRARY_S3_ENDPOINT: 'http://minio:9000', LIBRARY_S3_FORCE_PATH_STYLE: 'true' }))
      .toMatchObject({ LIBRARY_STORAGE: 's3', LIBRARY_S3_BUCKET: 'tongxin-library', LIBRARY_S3_FORCE_PATH_STYLE: true });
    expect(configError({ LIBRARY_STORAGE: 's3' }).message).toMatch(/LIBRARY_S3_BUCKET: LIBRARY_STORAGE=s3 needs/);
    expect(configError({ LIBRARY_STORAGE: 'ftp' }).message).toMatch(/LIBRARY_STORAGE="ftp"/);
    expect(configError({ LIBRARY_S3_BUCKET: 'No_Such Bucket' }).message).toMatch(/LIBRARY_S3_BUCKET=/);
    expect(configError({ LIBRARY_S3_ACCESS_KEY_ID: 'AKIA' }).message).toMatch(/set both or neither/);
    expect(configError({ LIBRARY_S3_ENDPOINT: 'ftp://x' }).message).toMatch(/LIBRARY_S3_ENDPOINT="ftp:\/\/x"/);
  });

  it('lets overrides win over the environment and validates them too', () => {
    expect(loadConfig({ PORT: '1234' }, { PORT: 4321 }).PORT).toBe(4321);
    expect(() => loadConfig({}, { PORT: 99999 })).toThrow(ConfigError);
  });
});

// The CLI takes a few seconds to start (tsx, more on a busy machine); these run side by side.
describe.concurrent('the CLI', { timeout: 180_000 }, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tx-config-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  // A clean environment: nothing of the caller's (e.g. DATABASE_URL) leaks into the child.
  const cli = (args: string[], env: Record<string, string> = {}) => new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/tongxin.js', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? tmp, DATA_DIR: path.join(tmp, 'data'), ...env },
    });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

  it('exits 1 printing the message when started with PORT=abc, touching no data', async () => {
    const r = await cli(['serve'], { PORT: 'abc', TONGXIN_ADMIN_PASSWORD: 'secret-pass-1' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Invalid configuration:');
    expect(r.stderr).toContain('PORT="abc": must be integer');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
    expect(fs.existsSync(path.join(tmp, 'data'))).toBe(false);
  });

  it('exits 1 naming every bad variable', async () => {
    const r = await cli(['migrate'], { PORT: '70000', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('PORT=70000');
    expect(r.stderr).toContain('LOG_LEVEL="loud"');
    expect(r.stderr).toContain('DATABASE_URL="mysql://x"');
  });

  it('--help lists the commands and exits 0 without reading the config', async () => {
    const r = await cli(['--help'], { PORT: 'abc' });
    expect(r.status).toBe(0);
    for (const cmd of ['serve', 'demo', 'migrate', 'seed', 'backup <file>', 'restore <file>']) expect(r.stdout).toContain(`  ${cmd}`);
    expect(r.stdout).toMatch(/^tongxin \S+ — 同心/);
    expect(r.stdout).toContain('--replace');
    expect(r.stdout).toContain('DATABASE_URL');
  });

  it('prints the help for no command and for "help"', async () => {
    for (const r of await Promise.all([[], ['help']].map((args) => cli(args)))) {
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('Commands:');
    }
  });

  it('refuses an unknown command and a backup without a file', async () => {
    const unknown = await cli(['frobnicate']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    const noFile = await cli(['backup']);
    expect(noFile.status).toBe(1);
    expect(noFile.stderr).toContain('backup needs a file name');
    expect(fs.existsSync(path.join(tmp, 'data'))).toBe(false);
  });
});
