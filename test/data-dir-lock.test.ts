import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/core/db/client.ts';
import { DataDirLockedError, lockDataDir } from '../src/server/core/db/lock.ts';
import { users } from '../src/server/core/schema.ts';

// The embedded database (PGlite) takes no lock of its own: tongxin keeps DATA_DIR/tongxin.lock with
// the owner's pid. A live owner (another process, or this one) is refused; a dead one is taken over.

const root = path.resolve(import.meta.dirname, '..');
const ADMIN_PASSWORD = 'lock-test-pass-1';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tx-lock-'));
fs.chmodSync(tmp, 0o755); // run as root, the embedded server (user postgres) must reach the data folders inside
const dataDir = path.join(tmp, 'data');
const lockFile = path.join(dataDir, 'tongxin.lock');
const readLock = () => fs.readFileSync(lockFile, 'utf8');

interface Proc { child: ChildProcess; stdout: string; stderr: string; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }

function start(args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, args, {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? tmp, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', TONGXIN_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env },
  });
  const p: Proc = {
    child, stdout: '', stderr: '',
    exit: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
  };
  child.stdout!.on('data', (d) => { p.stdout += d; });
  child.stderr!.on('data', (d) => { p.stderr += d; });
  return p;
}

/** Resolves with the first match of `re` on the process's stdout; rejects if it exits first. */
function waitFor(p: Proc, re: RegExp, ms = 90_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}; stdout: ${p.stdout} stderr: ${p.stderr}`)), ms);
    const check = () => { const m = p.stdout.match(re); if (m) { clearTimeout(timer); resolve(m); } };
    p.child.stdout!.on('data', check);
    void p.exit.then(({ code, signal }) => { clearTimeout(timer); reject(new Error(`exited (${code ?? signal}) before ${re}; stdout: ${p.stdout} stderr: ${p.stderr}`)); });
    check();
  });
}

/** The pid of a process that has already exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

describe('the data-folder lock', { timeout: 180_000 }, () => {
  let server: Proc;
  let url: string;
  const started: Proc[] = [];

  beforeAll(async () => {
    // The first start creates the database in the folder: slow-ish (PGlite initdb + migrations).
    server = start(['bin/tongxin.js', 'serve']);
    started.push(server);
    url = (await waitFor(server, /is running at (http:\/\/\S+)/, 240_000))[1]!;
  }, 300_000);

  afterAll(async () => {
    for (const p of started) if (p.child.exitCode === null && p.child.signalCode === null) { p.child.kill('SIGKILL'); await p.exit; }
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('is held by the running server under its pid', async () => {
    expect(readLock()).toBe(String(server.child.pid));
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  });

  it('refuses openDatabase on a folder a live process holds, naming the pid', async () => {
    const err = await openDatabase({ dataDir }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect((err as Error).message).toBe(
      `The data folder ${dataDir} is in use by another tongxin process (pid ${server.child.pid}). ` +
      'Stop that process first: two processes on one embedded database would corrupt it.');
    // The refusal left the owner's lock alone and the owner running.
    expect(readLock()).toBe(String(server.child.pid));
    expect(await (await fetch(`${url}/api/health`)).json()).toMatchObject({ status: 'ok', db: 'embedded' });
  });

  it('a second `tongxin serve` (and `backup`) on the same DATA_DIR exits 1 with the message', async () => {
    const second = start(['bin/tongxin.js', 'serve']);
    const backup = start(['bin/tongxin.js', 'backup', path.join(tmp, 'b.jsonl')]);
    started.push(second, backup);
    const [s, b] = await Promise.all([second.exit, backup.exit]);
    for (const [p, r] of [[second, s], [backup, b]] as const) {
      expect(r.code, p.stderr).toBe(1);
      expect(p.stderr).toContain(`The data folder ${dataDir} is in use by another tongxin process (pid ${server.child.pid})`);
      expect(p.stderr).not.toMatch(/\n\s+at /); // the message, not a stack trace
    }
    expect(second.stdout).not.toContain('is running');
    expect(fs.existsSync(path.join(tmp, 'b.jsonl'))).toBe(false);
    expect(readLock()).toBe(String(server.child.pid));
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  });

  it('is released on a clean shutdown (SIGTERM)', async () => {
    server.child.kill('SIGTERM');
    expect(await server.exit).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(lockFile)).toBe(false);
  });

  it('is taken over after its owner was SIGKILLed, with the data intact', async () => {
    const holder = start(['--import', 'tsx', 'test/crash-writer.ts', 'hold', dataDir]);
    started.push(holder);
    await waitFor(holder, /ready \d+/);
    expect(readLock()).toBe(String(holder.child.pid));
    expect(await openDatabase({ dataDir }).catch((e: Error) => e.message)).toContain(`pid ${holder.child.pid}`);
    holder.child.kill('SIGKILL');
    expect((await holder.exit).signal).toBe('SIGKILL');
    expect(readLock()).toBe(String(holder.child.pid)); // left behind

    const database = await openDatabase({ dataDir });
    try {
      expect(readLock()).toBe(String(process.pid));
      const admins = await database.db.select().from(users).where(eq(users.username, 'admin'));
      expect(admins).toHaveLength(1);
    } finally { await database.close(); }
    expect(fs.existsSync(lockFile)).toBe(false);
  });

  it('refuses a second open of the same folder in this process, and the first keeps its lock', async () => {
    const first = await openDatabase({ dataDir });
    try {
      const err = await openDatabase({ dataDir }).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(DataDirLockedError);
      expect((err as Error).message).toContain(`is already open in this process (pid ${process.pid})`);
      // also through another spelling of the same folder
      expect(() => lockDataDir(path.join(dataDir, '..', 'data'))).toThrow(DataDirLockedError);
      expect(readLock()).toBe(String(process.pid));
      const [row] = await first.db.select().from(users).where(eq(users.username, 'admin'));
      expect(row).toBeDefined();
    } finally { await first.close(); }
    expect(fs.existsSync(lockFile)).toBe(false);
    // …and once closed it opens again.
    const again = await openDatabase({ dataDir });
    await again.close();
  });

  describe('stale lock files', () => {
    const dir = path.join(tmp, 'stale');
    const file = path.join(dir, 'tongxin.lock');
    beforeAll(() => fs.mkdirSync(dir, { recursive: true }));

    it.each([
      ['a dead pid', () => String(deadPid())],
      ['this pid, not held by this process (pid reuse, e.g. pid 1 in a restarted container)', () => String(process.pid)],
      ['an empty file (killed between create and write)', () => ''],
      ['garbage', () => 'not a pid\n'],
    ])('takes over a lock holding %s', (_what, content) => {
      fs.writeFileSync(file, content());
      const release = lockDataDir(dir);
      expect(fs.readFileSync(file, 'utf8')).toBe(String(process.pid));
      release();
      expect(fs.existsSync(file)).toBe(false);
      release(); // idempotent
    });

    it('refuses a live pid that is not ours', () => {
      fs.writeFileSync(file, String(process.ppid));
      expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by another tongxin process \\(pid ${process.ppid}\\)`));
      expect(fs.readFileSync(file, 'utf8')).toBe(String(process.ppid));
      fs.rmSync(file);
    });

    it('does not remove a lock another process took after ours was lost', () => {
      const release = lockDataDir(dir);
      fs.writeFileSync(file, String(process.ppid)); // someone else's now
      release();
      expect(fs.readFileSync(file, 'utf8')).toBe(String(process.ppid));
      fs.rmSync(file);
    });

    it('creates a missing folder', () => {
      const fresh = path.join(tmp, 'new', 'nested');
      const release = lockDataDir(fresh);
      expect(fs.existsSync(path.join(fresh, 'tongxin.lock'))).toBe(true);
      release();
    });
  });
});
