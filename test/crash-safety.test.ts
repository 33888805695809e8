import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { and, eq, isNull, like, sql } from 'drizzle-orm';
import pino from 'pino';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCommand } from '../src/server/core/command.ts';
import { openDatabase, queryRows, type Database } from '../src/server/core/db/client.ts';
import { Outbox } from '../src/server/core/outbox.ts';
import { auditLog, outbox, users } from '../src/server/core/schema.ts';
import { toActor } from '../src/server/core/auth/tokens.ts';
import { sectors } from '../src/server/modules/org/schema.ts';
import { seedFixture, type Fixture } from './fixture.ts';
import { engines, freshDatabaseUrl } from './helpers.ts';

// A writer process creates sectors through the app's HTTP command path as fast as it can and prints
// each acknowledged id; we SIGKILL it mid-load, reopen the database (for PGlite: the same folder,
// taking over the dead process's lock) and check that every acknowledged write is there together
// with its audit entry and outbox event, and that no write is there without them.

const root = path.resolve(import.meta.dirname, '..');
const FIXTURE_PASSWORD = 'fixture-pass-1';

/** Kill after this many acknowledgements, with this many requests in flight. */
const TRIALS = [
  { trial: 1, acks: 30, concurrency: 1 },
  { trial: 2, acks: 200, concurrency: 4 },
  { trial: 3, acks: 75, concurrency: 8 },
  { trial: 4, acks: 140, concurrency: 2 },
  { trial: 5, acks: 50, concurrency: 4 },
];

interface Ack { id: string; name: string }

/** Runs the writer until `acks` acknowledgements arrived, SIGKILLs it, and returns every ack it printed. */
function runWriter(target: string, orgId: string, prefix: string, acks: number, concurrency: number) {
  return new Promise<{ acked: Ack[]; pid: number; signal: NodeJS.Signals | null }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/crash-writer.ts', 'write', target, orgId, prefix, String(concurrency)], {
      cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FIXTURE_PASSWORD },
    });
    const acked: Ack[] = [];
    let stderr = '', killed = false, exited: { signal: NodeJS.Signals | null } | null = null, drained = false;
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`writer timed out with ${acked.length} acks; stderr: ${stderr}`)); }, 150_000);
    const done = () => {
      if (!exited || !drained) return;
      clearTimeout(timer);
      if (!killed) reject(new Error(`writer exited by itself (${exited.signal}) after ${acked.length} acks; stderr: ${stderr}`));
      else resolve({ acked, pid: child.pid!, signal: exited.signal });
    };
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    // Lines still in the pipe when the child dies were printed after their 201: they count too.
    readline.createInterface({ input: child.stdout, crlfDelay: Infinity })
      .on('line', (line) => {
        const [kind, id, name] = line.split(' ');
        if (kind !== 'ack') return;
        acked.push({ id: id!, name: name! });
        if (!killed && acked.length >= acks) { killed = true; child.kill('SIGKILL'); }
      })
      .on('close', () => { drained = true; done(); });
    child.on('exit', (_code, signal) => { exited = { signal }; done(); });
  });
}

describe.each(engines)('crash safety under SIGKILL (%s)', { timeout: 180_000 }, (engine) => {
  let target: string;
  let dataDir = '';
  let drop: (() => Promise<void>) | undefined;
  let fx: Fixture;
  const open = () => openDatabase(engine === 'embedded' ? { dataDir } : { url: target });
  const everAcked: Ack[] = [];

  beforeAll(async () => {
    if (engine === 'embedded') {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tx-crash-'));
      target = dataDir;
    } else {
      const fresh = await freshDatabaseUrl();
      target = fresh.url;
      drop = fresh.drop;
    }
    const database = await open();
    try { fx = await seedFixture(database.db); } finally { await database.close(); }
  }, 300_000); // a fresh PGlite folder takes a while (initdb + migrations)

  afterAll(async () => {
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    await drop?.();
  });

  it.each(TRIALS)('trial $trial: killed after $acks acknowledged writes ($concurrency in flight)', async ({ trial, acks, concurrency }) => {
    const prefix = `crash${trial}`;
    const { acked, pid, signal } = await runWriter(target, fx.orgId, prefix, acks, concurrency);
    expect(signal).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(acks);
    everAcked.push(...acked);

    if (engine === 'embedded') {
      // The dead writer's lock is still there; opening the folder must take it over.
      expect(fs.readFileSync(path.join(dataDir, 'tongxin.lock'), 'utf8')).toBe(String(pid));
    }
    let database: Database | undefined;
    try {
      database = await open();
      const { db } = database;
      if (engine === 'embedded') expect(fs.readFileSync(path.join(dataDir, 'tongxin.lock'), 'utf8')).toBe(String(process.pid));

      // Everything this trial committed (acknowledged or still in flight when killed).
      const rows = await db.select().from(sectors).where(and(eq(sectors.orgId, fx.orgId), like(sectors.name, `${prefix}-%`)));
      const byId = new Map(rows.map((r) => [r.id, r]));
      const missing = acked.filter((a) => byId.get(a.id)?.name !== a.name);
      expect(missing, `acknowledged but lost: ${missing.length} of ${acked.length}`).toEqual([]);

      const audited = await db.select({ entityId: auditLog.entityId, actor: auditLog.actorUserId }).from(auditLog)
        .where(and(eq(auditLog.orgId, fx.orgId), eq(auditLog.entity, 'sector'), eq(auditLog.action, 'created'),
          sql`${auditLog.after}->>'name' like ${`${prefix}-%`}`));
      const events = await db.select({ id: sql<string>`${outbox.payload}->>'id'` }).from(outbox)
        .where(and(eq(outbox.orgId, fx.orgId), eq(outbox.type, 'sector.created'), sql`${outbox.payload}->'after'->>'name' like ${`${prefix}-%`}`));
      // Row, audit entry and event were written in one transaction: all three or none.
      const ids = [...byId.keys()].sort();
      expect(audited.map((a) => a.entityId).sort()).toEqual(ids);
      expect(events.map((e) => e.id).sort()).toEqual(ids);
      expect(new Set(audited.map((a) => a.actor))).toEqual(new Set([fx.userIds.staff]));

      // Earlier trials' acknowledged writes survived this crash (and recovery) too.
      const all = new Set((await db.select({ id: sectors.id }).from(sectors).where(eq(sectors.orgId, fx.orgId))).map((r) => r.id));
      expect(everAcked.filter((a) => !all.has(a.id))).toEqual([]);

      // Events the writer committed but had not dispatched when it died go out on the next start.
      const pending = await db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.type, 'sector.created'), isNull(outbox.dispatchedAt)));
      const ob = new Outbox(db, pino({ level: 'silent' }));
      const delivered: number[] = [];
      ob.subscribe('sector.created', async (e) => { delivered.push(e.id); });
      await ob.kick();
      expect(delivered.sort((a, b) => a - b)).toEqual(pending.map((p) => p.id).sort((a, b) => a - b));
      expect(await db.select({ id: outbox.id }).from(outbox).where(isNull(outbox.dispatchedAt))).toEqual([]);

      // The recovered database takes writes through the command path again.
      const [staff] = await db.select().from(users).where(and(eq(users.orgId, fx.orgId), eq(users.id, fx.userIds.staff!)));
      const created = await runCommand({ db, actor: toActor(staff!), outbox: ob }, async (c) => {
        const [row] = await c.tx.insert(sectors).values({ orgId: c.actor.orgId, name: `after-crash-${trial}` }).returning();
        await c.record({ action: 'created', entity: 'sector', entityId: row!.id, after: row });
        return row!;
      });
      await ob.stop();
      const [back] = await db.select().from(sectors).where(and(eq(sectors.orgId, fx.orgId), eq(sectors.id, created.id)));
      expect(back?.name).toBe(`after-crash-${trial}`);
    } finally {
      await database?.close();
    }
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL ending an idle connection', () => {
  it('does not take the process down; the pool reconnects', async () => {
    const fresh = await freshDatabaseUrl();
    const database = await openDatabase({ url: fresh.url });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const [{ pid }] = await queryRows<{ pid: number }>(database.db, sql`select pg_backend_pid() as pid`) as [{ pid: number }];
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [pid]);
      await admin.end();
      await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.stringContaining('PostgreSQL closed an idle connection')), { timeout: 30_000 });
      expect(await queryRows(database.db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
    } finally {
      warn.mockRestore();
      await database.close();
      await fresh.drop();
    }
  });
});
