import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { backup, backupTo, restore } from '../src/server/core/db/backup.ts';
import { openDatabase, queryRows, type Database, type Db } from '../src/server/core/db/client.ts';
import { FolderStorage } from '../src/server/modules/library/storage.ts';
import { pdfOf } from '../src/server/modules/library/samples.ts';
import { renderers } from '../src/server/modules/library/tools.ts';
import { seedFixture, type Fixture } from './fixture.ts';
import { form } from './library-helpers.ts';
import { engines, testApp, testConfig, testDatabase, type TestApp } from './helpers.ts';

// A backup taken on either engine restores into a fresh database of either engine, row for row;
// a second restore needs --replace and a failed one changes nothing; ids keep growing afterwards.

const root = path.resolve(import.meta.dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tx-backup-'));
fs.chmodSync(tmp, 0o755); // run as root, the embedded server (user postgres) must reach the data folders inside
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SESSION_SECRET = 'backup-test-session-secret-0123456789';

/** Tables a backup does not carry: login sessions, failed-login counts and instance-wide settings (documented). */
const NOT_COPIED = new Set(['sessions', 'system_settings', 'login_throttle']);

/** Timestamps as the database prints them, e.g. 2026-11-27T14:21:22.523456+00:00. */
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$/;
// The backup carries timestamps as JavaScript dates (millisecond precision; PostgreSQL keeps
// microseconds), so rows are compared with timestamps at millisecond precision.
const normalize = (v: unknown): unknown => {
  if (typeof v === 'string' && TIMESTAMP.test(v)) return new Date(v).toISOString();
  if (Array.isArray(v)) return v.map(normalize);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x)]));
  return v;
};

/**
 * Every row of every table (found in the catalogue, not in the backup code's own list) except the
 * ones not copied, as sorted JSON per non-empty table.
 */
async function snapshot(db: Db): Promise<Record<string, string[]>> {
  const tables = await queryRows<{ name: string }>(db, sql`select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  const out: Record<string, string[]> = {};
  for (const { name } of tables) {
    if (NOT_COPIED.has(name)) continue;
    const rows = await queryRows<{ j: string }>(db, sql.raw(`select to_jsonb(x)::text as j from "${name}" x`));
    // Empty tables are left out: a table only one side has (a newer migration) is no difference.
    if (rows.length) out[name] = rows.map((r) => JSON.stringify(normalize(JSON.parse(r.j)))).sort();
  }
  return out;
}
const rowCount = (s: Record<string, string[]>) => Object.values(s).reduce((n, rows) => n + rows.length, 0);

/** Changes through the API, on top of the fixture: every kind of row the org module writes. */
async function exercise(t: TestApp) {
  const staff = await t.as('staff'), admin = await t.as('admin');
  const ok = async (method: 'POST' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) => {
    const res = await t.app.inject({ method, url, headers, payload });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const sector = await ok('POST', '/api/v1/sectors', staff, { name: '科技界', sort: 3 });
  await ok('POST', '/api/v1/units', staff, { name: '市公安局', kind: 'government' });
  const committee = await ok('POST', '/api/v1/committees', staff, { name: '经济委员会' });
  const member = await ok('POST', '/api/v1/members', staff, {
    name: '孙七', sectorId: sector.id, party: '民建', standing: false, committeeIds: [t.fx.committeeId, committee.id],
    phone: '13900000007', email: 'sq@example.cn', birthYear: 1970,
  });
  await ok('PATCH', `/api/v1/members/${member.id}`, staff, { workplace: '示例公司', standing: true });
  await ok('DELETE', `/api/v1/sectors/${t.fx.sectorIds[1]}`, staff);
  const term = await ok('POST', '/api/v1/terms', staff, { number: 14, startYear: 2023, endYear: 2027, current: true });
  await ok('POST', `/api/v1/terms/${term.id}/sessions`, staff, { number: 1, startsOn: '2023-01-10', endsOn: '2023-01-14' });
  await ok('POST', '/api/v1/users', admin, { username: 'clerk', password: 'clerk-pass-1', roles: ['staff'], displayName: '书记员' });
  await ok('POST', '/api/v1/orgs', admin, { name: '新区政协', level: 'county' });
  const token = await ok('POST', '/api/v1/auth/tokens', staff, { name: 'ci' });
  await ok('POST', '/api/v1/sectors', await t.as('otherStaff'), { name: '科技界' });
  return { token: token.token as string };
}

async function appOn(database: Database) {
  const app = await buildApp({ config: testConfig({ SESSION_SECRET }), database, logger: false });
  await app.ready();
  return app;
}
async function login(app: FastifyInstance, fx: Fixture, username: string) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: fx.password, org: fx.orgOf[username] } });
  expect(res.statusCode, res.body).toBe(200);
  return { cookie: `tx_session=${res.cookies.find((c) => c.name === 'tx_session')!.value}` };
}
const maxId = async (db: Db, table: 'audit_log' | 'outbox') =>
  (await queryRows<{ n: number }>(db, sql.raw(`select coalesce(max(id), 0)::int as n from ${table}`)))[0]!.n;

describe.each(engines)('backup taken on %s', { timeout: 180_000 }, (engine) => {
  let source: TestApp;
  let file: string;
  let expected: Record<string, string[]>;
  let token: string;
  const opened: Database[] = [];
  /** The fresh database of the same engine the first restore went into; later tests reuse it. */
  let sameEngine: Database;

  beforeAll(async () => {
    source = await testApp(engine, { SESSION_SECRET });
    ({ token } = await exercise(source));
    await source.app.outbox.kick(); // every event dispatched: an app on the copy has nothing left to change
    file = path.join(tmp, `${engine}.jsonl`);
    const r = await backup(source.database.db, file);
    expected = await snapshot(source.database.db);
    expect(r).toEqual({ orgs: 7, rows: rowCount(expected), files: 0 });
  });
  afterAll(async () => {
    for (const d of opened) await d.close();
    await source?.close();
  });

  it('writes a header naming the committees, one line per row, and a trailer with the count', () => {
    const all = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(all.at(-1)).toEqual({ end: true, rows: rowCount(expected), files: 0 });
    const lines = all.slice(0, -1);
    expect(lines[0]).toMatchObject({ format: 'tongxin-backup/2' });
    expect(lines[0].orgs.map((o: { name: string }) => o.name).sort()).toEqual(['另一市政协', '新区政协', '测试区政协', '测试市政协', '测试省政协', '测试全国政协', '兄弟市政协'].sort());
    expect(lines.length - 1).toBe(rowCount(expected));
    const tables = new Set(lines.slice(1).map((l) => l.table));
    expect(tables).toEqual(new Set(Object.keys(expected)));
    // sanity: the snapshot covers what the API wrote
    for (const t of ['orgs', 'users', 'api_tokens', 'audit_log', 'outbox', 'sectors', 'units', 'committees', 'members', 'member_committees', 'terms', 'plenary_sessions']) {
      expect(expected[t]?.length, t).toBeGreaterThan(0);
    }
  });

  it.each(engines)('restores into a fresh %s database, row for row, and the app works on it', async (target) => {
    const fresh = await testDatabase(target);
    opened.push(fresh);
    if (target === engine) sameEngine = fresh;
    const r = await restore(fresh.db, file);
    expect(r).toEqual({ orgs: 7, rows: rowCount(expected), files: 0 });
    expect(await snapshot(fresh.db)).toEqual(expected);

    // New audit entries and events get ids past the copied ones (the sequences were moved).
    const [copiedAudit, copiedOutbox] = [await maxId(fresh.db, 'audit_log'), await maxId(fresh.db, 'outbox')];
    const app = await appOn(fresh);
    try {
      const h = await login(app, source.fx, 'staff');
      for (const name of ['恢复后一', '恢复后二']) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/sectors', headers: h, payload: { name } });
        expect(res.statusCode, res.body).toBe(201);
      }
      expect(await maxId(fresh.db, 'audit_log')).toBeGreaterThan(copiedAudit);
      expect(await maxId(fresh.db, 'outbox')).toBeGreaterThan(copiedOutbox);
      const audit = await app.inject({ url: '/api/v1/audit?entity=sector', headers: await login(app, source.fx, 'admin') });
      expect(audit.statusCode, audit.body).toBe(200);
      expect(JSON.stringify(audit.json())).toContain('恢复后二');
      // Users and their API tokens came along (same SESSION_SECRET); sessions did not.
      const me = await app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
      expect(me.statusCode, me.body).toBe(200);
      expect(me.json().user.username).toBe('staff');
      expect((await login(app, source.fx, 'staff')).cookie).toMatch(/^tx_session=/);
      const clerk = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'clerk', password: 'clerk-pass-1', org: source.fx.orgId } });
      expect(clerk.statusCode).toBe(200);
    } finally { await app.close(); }
  });

  it('refuses a second restore without replace with a clear error, changing nothing', async () => {
    const before = await snapshot(sameEngine.db);
    expect(before.sectors!.some((r) => r.includes('恢复后一'))).toBe(true);
    await expect(restore(sameEngine.db, file)).rejects.toThrow('The database already holds 7 of these committees; use --replace');
    expect(await snapshot(sameEngine.db)).toEqual(before);
  });

  it('a failed restore changes nothing, even with replace', async () => {
    const before = await snapshot(sameEngine.db);
    const broken = path.join(tmp, `${engine}-broken.jsonl`);
    const good = fs.readFileSync(file, 'utf8').trim().split('\n');
    fs.writeFileSync(broken, [...good.slice(0, -1), JSON.stringify({ table: 'no_such_table', row: {} }), good.at(-1)].join('\n') + '\n');
    await expect(restore(sameEngine.db, broken, { replace: true })).rejects.toThrow('Unknown table no_such_table');
    const truncated = path.join(tmp, `${engine}-truncated.jsonl`);
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(truncated, text.slice(0, text.lastIndexOf('\n', text.length * 0.7) + 10)); // cut inside a line
    await expect(restore(sameEngine.db, truncated, { replace: true })).rejects.toThrow(/^Line \d+ of .* is not JSON: the backup is damaged or truncated$/);
    const cutAtLine = path.join(tmp, `${engine}-cut-at-line.jsonl`);
    fs.writeFileSync(cutAtLine, text.slice(0, text.lastIndexOf('\n', text.length * 0.7) + 1)); // whole lines, no trailer
    await expect(restore(sameEngine.db, cutAtLine, { replace: true })).rejects.toThrow(/no end marker/);
    expect(await snapshot(sameEngine.db)).toEqual(before);

    const notBackup = path.join(tmp, 'not-a-backup.jsonl');
    fs.writeFileSync(notBackup, '{"hello":1}\n');
    await expect(restore(sameEngine.db, notBackup)).rejects.toThrow('Not a tongxin backup');
    const empty = path.join(tmp, 'empty.jsonl');
    fs.writeFileSync(empty, '\n');
    await expect(restore(sameEngine.db, empty)).rejects.toThrow('Empty backup file');
    expect(await snapshot(sameEngine.db)).toEqual(before);
  });

  it('with replace, brings the committees back to the backup, and ids keep growing', async () => {
    const r = await restore(sameEngine.db, file, { replace: true });
    expect(r.rows).toBe(rowCount(expected));
    expect(await snapshot(sameEngine.db)).toEqual(expected);
    const copiedAudit = await maxId(sameEngine.db, 'audit_log');
    const app = await appOn(sameEngine);
    try {
      const res = await app.inject({ method: 'POST', url: '/api/v1/sectors', headers: await login(app, source.fx, 'staff'), payload: { name: '替换后' } });
      expect(res.statusCode, res.body).toBe(201);
    } finally { await app.close(); }
    expect(await maxId(sameEngine.db, 'audit_log')).toBeGreaterThan(copiedAudit);
  });

  it('backs up and replaces one committee, leaving the others alone', async () => {
    const one = path.join(tmp, `${engine}-other.jsonl`);
    expect(await backup(source.database.db, one, [source.fx.otherOrgId])).toMatchObject({ orgs: 1 });
    const lines = fs.readFileSync(one, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].orgs).toEqual([{ id: source.fx.otherOrgId, name: '另一市政协' }]);
    expect(lines.slice(1, -1).every((l) => (l.table === 'orgs' ? l.row.id : l.row.orgId) === source.fx.otherOrgId)).toBe(true);

    const before = await snapshot(sameEngine.db);
    await expect(restore(sameEngine.db, one)).rejects.toThrow('already holds 1 of these committees');
    await restore(sameEngine.db, one, { replace: true });
    // Unchanged as a whole: the other committees' rows (including the sector written above) stay.
    expect(await snapshot(sameEngine.db)).toEqual(before);

    await expect(backup(source.database.db, path.join(tmp, 'none.jsonl'), ['00000000-0000-4000-8000-000000000000'])).rejects.toThrow('Unknown committee id');
    expect(fs.existsSync(path.join(tmp, 'none.jsonl'))).toBe(false); // no partial file left behind
  });

  it('fails cleanly on an unwritable path, a missing file, and an output that goes away', async () => {
    await expect(backup(source.database.db, path.join(tmp, 'no-such-dir', 'b.jsonl'))).rejects.toThrow('ENOENT');
    await expect(restore(sameEngine.db, path.join(tmp, 'no-such-file.jsonl'))).rejects.toThrow('ENOENT');
    // A download cancelled half-way: the snapshot transaction must end, not wait for a 'drain' forever
    // (on PGlite that would block every other query).
    const out = new PassThrough({ highWaterMark: 64 });
    out.once('data', () => { out.pause(); out.destroy(); });
    await expect(backupTo(source.database.db, out)).rejects.toThrow('closed before the backup was complete');
    const ping = await Promise.race([queryRows(source.database.db, sql`select 1 as one`), sleep(5000).then(() => 'blocked')]);
    expect(ping).toEqual([{ one: 1 }]);
  });
});

describe.each(engines)('library files in a backup taken on %s', { timeout: 180_000 }, (engine) => {
  // A document uploaded and processed; the backup carries its file (streamed in chunks), a restore into
  // an empty data folder puts it back and its download is the same bytes.
  let source: TestApp;
  const file = path.join(tmp, `library-${engine}.jsonl`);
  const docs: { id: string; bytes: Buffer }[] = [];
  let images = 0;
  const opened: Database[] = [];

  beforeAll(async () => {
    // Page images are rendered where poppler (and LibreOffice) are installed: they come back too.
    source = await testApp(engine, { SESSION_SECRET, JOBS_INTERVAL_SECONDS: 3600 });
    const big = Buffer.from(Array.from({ length: 2500 }, (_, i) => `第${i + 1}行：委员联系界别群众，协商议政。`).join('\n'), 'utf8'); // several chunks
    for (const [bytes, name] of [[await pdfOf('三页', ['第一页 政协', '第二页 协商', '第三页 监督']), '三页.pdf'], [big, '讲话.txt']] as const) {
      const res = await source.app.inject({ method: 'POST', url: '/api/v1/documents', headers: await source.as('staff'), payload: form(bytes, name) });
      expect(res.statusCode, res.body).toBe(201);
      docs.push({ id: res.json().id, bytes });
    }
    await source.app.library.runner.runDue();
    for (const d of docs) expect((await source.app.inject({ url: `/api/v1/documents/${d.id}`, headers: await source.as('staff') })).json().state).toBe('ready');
    images = (await queryRows<{ n: number }>(source.database.db, sql`select count(*)::int as n from document_pages where image_key is not null`))[0]!.n;
    expect(images > 0).toBe(!!renderers().pdftoppm); // the PDF's three pages, where poppler is installed
    const r = await backup(source.database.db, file, undefined, source.app.library.storage);
    expect(r.files).toBe(2 + images);
  });
  afterAll(async () => {
    for (const d of opened) await d.close();
    await source?.close();
  });

  it.each(engines)('restores the files into an empty %s data folder; downloads are byte-identical', async (target) => {
    const fresh = await testDatabase(target);
    opened.push(fresh);
    const dir = fs.mkdtempSync(path.join(tmp, 'library-'));
    expect(await restore(fresh.db, file, { files: new FolderStorage(dir) })).toMatchObject({ orgs: 6, files: 2 + images });
    const app = await buildApp({ config: testConfig({ SESSION_SECRET, LIBRARY_DIR: dir, LIBRARY_RENDER: 'text', JOBS_INTERVAL_SECONDS: 3600 }), database: fresh, logger: false });
    await app.ready();
    try {
      const h = await login(app, source.fx, 'staff');
      for (const d of docs) {
        const res = await app.inject({ url: `/api/v1/documents/${d.id}/file`, headers: h });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.rawPayload.equals(d.bytes)).toBe(true);
        if (images) {
          const page = await app.inject({ url: `/api/v1/documents/${d.id}/pages/1`, headers: h });
          expect(page.statusCode).toBe(200);
          expect(page.rawPayload.subarray(1, 4).toString()).toBe('PNG');
        }
      }
    } finally { await app.close(); }
  });

  it('still restores an old backup without files; refuses files without a storage or cut short', async () => {
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const fileLines = lines.filter((l) => 'file' in l || 'data' in l || 'fileEnd' in l);
    expect(fileLines.length).toBeGreaterThan(6); // two files, the text one in several chunks
    const old = lines.filter((l) => !fileLines.includes(l)).map((l) => (l.format ? { ...l, format: 'tongxin-backup/1' } : l.end ? { end: true, rows: l.rows } : l));
    const oldFile = path.join(tmp, `library-old-${engine}.jsonl`);
    fs.writeFileSync(oldFile, old.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const fresh = await testDatabase(engine);
    opened.push(fresh);
    expect(await restore(fresh.db, oldFile)).toMatchObject({ orgs: 6, files: 0 });

    const other = await testDatabase(engine);
    opened.push(other);
    await expect(restore(other.db, file)).rejects.toThrow('no library storage was given');
    const dir = fs.mkdtempSync(path.join(tmp, 'library-'));
    const cut = path.join(tmp, `library-cut-${engine}.jsonl`);
    const at = lines.findIndex((l) => 'data' in l);
    fs.writeFileSync(cut, lines.filter((_, i) => i !== at).map((l) => JSON.stringify(l)).join('\n') + '\n');
    await expect(restore(other.db, cut, { files: new FolderStorage(dir) })).rejects.toThrow(/damaged/);
    // Nothing was stored: neither rows nor files (the temporary ones were thrown away).
    expect(await queryRows(other.db, sql`select 1 from documents`)).toEqual([]);
    expect(fs.readdirSync(dir).filter((n) => n !== '.tmp')).toEqual([]);
    expect(fs.readdirSync(path.join(dir, '.tmp'))).toEqual([]);
  });
});

describe('tongxin backup / restore on the command line (embedded data folders)', { timeout: 300_000 }, () => {
  const dirA = path.join(tmp, 'cli-a'), dirB = path.join(tmp, 'cli-b');
  const file = path.join(tmp, 'cli.jsonl');
  let expected: Record<string, string[]>;

  const cli = (args: string[], dataDir: string) => new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/tongxin.js', ...args], {
      cwd: root, env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? tmp, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

  beforeAll(async () => {
    // One fresh folder (slow: initdb + migrations); its empty copy is the restore target.
    let a = await openDatabase({ dataDir: dirA });
    await a.close();
    fs.cpSync(dirA, dirB, { recursive: true });
    expect(fs.existsSync(path.join(dirB, 'tongxin.lock'))).toBe(false);
    a = await openDatabase({ dataDir: dirA });
    const fx = await seedFixture(a.db);
    const app = await appOn(a);
    try {
      const h = await login(app, fx, 'staff');
      for (const name of ['命令行一', '命令行二']) expect((await app.inject({ method: 'POST', url: '/api/v1/sectors', headers: h, payload: { name } })).statusCode).toBe(201);
    } finally { await app.close(); }
    expected = await snapshot(a.db);
    await a.close(); // the CLI needs the folder's lock
  }, 300_000);

  it('backs up a folder and restores it into another, refusing a second restore without --replace', async () => {
    const b = await cli(['backup', file], dirA);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toContain(`Backed up 6 committee(s), ${rowCount(expected)} rows to ${file}`);

    const r = await cli(['restore', file], dirB);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Restored 6 committee(s), ${rowCount(expected)} rows from ${file}`);

    const again = await cli(['restore', file], dirB);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('The database already holds 6 of these committees; use --replace');
    expect(again.stderr).not.toMatch(/\n\s+at /); // the message, not a stack trace

    const replaced = await cli(['restore', file, '--replace'], dirB);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stdout).toContain('Restored 6 committee(s)');

    const db = await openDatabase({ dataDir: dirB });
    try { expect(await snapshot(db.db)).toEqual(expected); } finally { await db.close(); }
  });
});
