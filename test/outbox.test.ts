import crypto from 'node:crypto';
import { and, asc, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCommand, type CommandScope } from '../src/server/core/command.ts';
import type { Database } from '../src/server/core/db/client.ts';
import { Outbox, type DomainEvent } from '../src/server/core/outbox.ts';
import { toActor } from '../src/server/core/auth/tokens.ts';
import { auditLog, outbox, users } from '../src/server/core/schema.ts';
import type { Actor } from '../src/server/core/policies.ts';
import { sectors } from '../src/server/modules/org/schema.ts';
import { seedFixture, type Fixture } from './fixture.ts';
import { engines, testDatabase } from './helpers.ts';

// Events are written in the command's transaction and handed to subscribers after commit, in their
// own transaction; a failing subscriber is retried, and events a dead process left behind are
// delivered by the next dispatcher.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Generous: the machine running the suite may be busy. */
const WAIT = { timeout: 30_000, interval: 50 };

describe.each(engines)('outbox (%s)', (engine) => {
  let database: Database;
  let fx: Fixture;
  let actor: Actor;
  const logs: { level: number; msg: string; event?: number; type?: string }[] = [];
  const log = pino({ level: 'debug' }, { write: (s: string) => { logs.push(JSON.parse(s)); } });
  const outboxes: Outbox[] = [];
  // No retry delay here: the tests drive retries with explicit kicks.
  const newOutbox = () => { const o = new Outbox(database.db, log, () => 0); outboxes.push(o); return o; };
  /** An outbox whose process "dies" right after each commit: nothing is ever dispatched. */
  const deadOutbox = () => { const o = newOutbox(); o.kick = () => Promise.resolve(); return o; };

  beforeAll(async () => {
    database = await testDatabase(engine);
    fx = await seedFixture(database.db);
    const [staff] = await database.db.select().from(users).where(and(eq(users.orgId, fx.orgId), eq(users.id, fx.userIds.staff!)));
    actor = toActor(staff!);
  });
  afterAll(async () => {
    for (const o of outboxes) await o.stop();
    await database?.close();
  });

  /** A command creating a sector and recording it as `${entity}.created`. */
  const createSector = (ob: Outbox, entity: string, more?: (c: CommandScope, id: string) => Promise<void>) =>
    runCommand({ db: database.db, actor, outbox: ob }, async (c) => {
      const [row] = await c.tx.insert(sectors).values({ orgId: c.actor.orgId, name: `${entity}-${crypto.randomUUID()}` }).returning();
      await c.record({ action: 'created', entity, entityId: row!.id, after: row });
      await more?.(c, row!.id);
      return row!;
    });
  const eventsOf = (type: string) => database.db.select().from(outbox).where(eq(outbox.type, type)).orderBy(asc(outbox.id));

  it('delivers an event after the commit, never before, with the committed row visible', async () => {
    const ob = newOutbox();
    const seen: { event: DomainEvent; rowVisible: boolean }[] = [];
    const everything: string[] = [];
    ob.subscribe('t1.created', async (event, tx) => {
      const [row] = await tx.select().from(sectors).where(and(eq(sectors.orgId, event.orgId), eq(sectors.id, (event.payload as { id: string }).id)));
      seen.push({ event, rowVisible: !!row });
    });
    ob.subscribe('*', async (event) => { everything.push(event.type); });

    let deliveredInside = -1;
    const created = await createSector(ob, 't1', async () => {
      // A dispatcher running while the command is still open finds nothing to deliver
      // (PostgreSQL: another connection sees no uncommitted row; PGlite: it waits for the commit).
      void ob.kick();
      await sleep(200);
      deliveredInside = seen.length;
    });
    expect(deliveredInside).toBe(0);
    await vi.waitFor(() => expect(seen).toHaveLength(1), WAIT);
    await ob.kick();

    const [{ event, rowVisible }] = seen as [typeof seen[0]];
    expect(rowVisible).toBe(true);
    expect(event).toMatchObject({ orgId: fx.orgId, type: 't1.created', payload: { id: created.id, actorUserId: actor.id, after: { name: created.name } } });
    expect(everything).toEqual(['t1.created']);
    const [row] = await eventsOf('t1.created');
    expect(row).toMatchObject({ attempts: 1, lastError: null });
    expect(row!.dispatchedAt).toBeInstanceOf(Date);
    expect(seen).toHaveLength(1); // the extra kicks did not deliver it again
  });

  it('delivers nothing, and keeps nothing, when the command throws', async () => {
    const ob = newOutbox();
    const seen: DomainEvent[] = [];
    ob.subscribe('t2.created', async (e) => { seen.push(e); });
    ob.subscribe('*', async (e) => { if (e.type.startsWith('t2.')) seen.push(e); });

    let id = '';
    await expect(createSector(ob, 't2', async (_c, sid) => { id = sid; throw new Error('boom after record'); })).rejects.toThrow('boom after record');
    // A refused authorization after the write rolls back the same way.
    await expect(createSector(ob, 't2', async (c) => { c.authorize('org.configure'); })).rejects.toMatchObject({ status: 403 });
    await ob.kick();
    await sleep(50);

    expect(seen).toEqual([]);
    expect(await eventsOf('t2.created')).toEqual([]);
    expect(await database.db.select().from(auditLog).where(eq(auditLog.entity, 't2'))).toEqual([]);
    expect(await database.db.select().from(sectors).where(like(sectors.name, 't2-%'))).toEqual([]);
    expect(id).not.toBe('');
  });

  it('retries a subscriber that throws, on the next poll, without losing the event or holding up others', async () => {
    const ob = newOutbox();
    let calls = 0;
    const others: string[] = [];
    ob.subscribe('t3.created', async (event, tx) => {
      calls++;
      // A side effect in the subscriber's transaction: it must not survive a failed attempt.
      await tx.insert(sectors).values({ orgId: event.orgId, name: `t3-effect-${(event.payload as { id: string }).id}` });
      if (calls <= 2) throw new Error(`flaky ${calls}`);
    });
    ob.subscribe('t3b.created', async (event) => { others.push((event.payload as { id: string }).id); });

    // One command, two events: the failing one first.
    const first = await createSector(ob, 't3', (c, id) => c.record({ action: 'created', entity: 't3b', entityId: id }));
    await ob.kick(); // joins the dispatch the command started; a failed event is not retried within it

    // First attempt failed: still pending, counted, error kept, side effect rolled back.
    let [row] = await eventsOf('t3.created');
    expect(row).toMatchObject({ dispatchedAt: null, attempts: 1, lastError: 'Error: flaky 1' });
    expect(await database.db.select().from(sectors).where(eq(sectors.name, `t3-effect-${first.id}`))).toEqual([]);
    expect(logs.some((l) => l.msg === 'subscriber failed; will retry' && l.event === row!.id && l.type === 't3.created')).toBe(true);
    // The event after it was delivered regardless.
    expect(others).toEqual([first.id]);

    // The poll retries it without anyone kicking.
    ob.start(100);
    await vi.waitFor(async () => { [row] = await eventsOf('t3.created'); expect(row!.dispatchedAt).not.toBeNull(); }, WAIT);
    expect(calls).toBe(3);
    expect(row).toMatchObject({ attempts: 3, lastError: 'Error: flaky 2' });
    expect(await database.db.select().from(sectors).where(eq(sectors.name, `t3-effect-${first.id}`))).toHaveLength(1);
    await ob.stop();
    await sleep(250);
    expect(calls).toBe(3);
    expect(others).toEqual([first.id]);
  });

  it('waits longer after each failure before trying again (default backoff)', async () => {
    const ob = new Outbox(database.db, log);
    outboxes.push(ob);
    let calls = 0;
    ob.subscribe('t8.created', async () => { calls++; throw new Error('down'); });
    await createSector(ob, 't8');
    await ob.kick();
    await ob.kick();
    await ob.kick();
    expect(calls).toBe(1);
    const [row] = await eventsOf('t8.created');
    expect(row!.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(500);
  });

  it('gives up after 10 attempts but keeps the event and its last error', async () => {
    const ob = newOutbox();
    let calls = 0;
    ob.subscribe('t4.created', async () => { calls++; throw new Error('down'); });
    await createSector(ob, 't4');
    for (let i = 0; i < 12; i++) await ob.kick();
    expect(calls).toBe(10);
    const [row] = await eventsOf('t4.created');
    expect(row).toMatchObject({ dispatchedAt: null, attempts: 10, lastError: 'Error: down' });
  });

  it('tries each failing event once per dispatch, even when a full batch of them fails', async () => {
    await database.db.insert(outbox).values(Array.from({ length: 530 }, (_, i) => ({ orgId: fx.orgId, type: 't7.created', payload: { n: i } })));
    const ob = newOutbox();
    let calls = 0;
    ob.subscribe('t7.created', async () => { calls++; throw new Error('down'); });
    await ob.kick();
    expect(calls).toBe(530);
    expect((await eventsOf('t7.created')).every((e) => e.attempts === 1 && e.dispatchedAt === null)).toBe(true);
    await ob.kick();
    expect(calls).toBe(1060);
    await database.db.update(outbox).set({ dispatchedAt: new Date() }).where(eq(outbox.type, 't7.created')); // not in later tests' way
  });

  it('hands a flood of one type to a batch subscriber in runs of up to 500 (one pass each), every event once', async () => {
    // Earlier tests' pending events out of the way (the backoff test's is due again two seconds on): the passes hold the flood alone.
    await database.db.update(outbox).set({ dispatchedAt: new Date() }).where(isNull(outbox.dispatchedAt));
    await database.db.insert(outbox).values(Array.from({ length: 1200 }, (_, i) => ({ orgId: fx.orgId, type: 'flood.created', payload: { n: i } })));
    const ob = newOutbox();
    const runs: number[][] = [];
    ob.subscribe('flood.created', async () => { throw new Error('the batch form is used'); }, async (events) => { runs.push(events.map((e) => (e.payload as { n: number }).n)); });
    await ob.kick();
    expect(runs.map((r) => r.length)).toEqual([500, 500, 200]);
    expect(runs.flat()).toEqual(Array.from({ length: 1200 }, (_, i) => i));
    expect((await eventsOf('flood.created')).every((e) => e.dispatchedAt !== null && e.attempts === 1)).toBe(true);
  });

  it('delivers, on the next start, events a dead process committed but never dispatched', async () => {
    const dead = deadOutbox();
    const written = [];
    for (let i = 0; i < 3; i++) written.push(await createSector(dead, 't5'));
    const pending = await eventsOf('t5.created');
    expect(pending.map((e) => [e.dispatchedAt, e.attempts])).toEqual([[null, 0], [null, 0], [null, 0]]);

    // The next process: a new dispatcher with its subscribers, started as buildApp does on ready.
    const next = newOutbox();
    const seen: string[] = [];
    next.subscribe('t5.created', async (e) => { seen.push((e.payload as { id: string }).id); });
    next.start(60_000);
    await vi.waitFor(() => expect(seen).toHaveLength(3), WAIT);
    expect(seen).toEqual(written.map((w) => w.id)); // in commit order
    await next.stop();
    expect((await eventsOf('t5.created')).every((e) => e.dispatchedAt !== null && e.attempts === 1)).toBe(true);
  });

  it('delivers each event once when commands and dispatchers run concurrently', async () => {
    const seen: string[] = [];
    const a = newOutbox(), b = newOutbox();
    for (const o of [a, b]) o.subscribe('t6.created', async (e) => { await sleep(1); seen.push((e.payload as { id: string }).id); });
    // Commands through both dispatchers at once, and both polling besides: their kicks coalesce
    // and the row locks (skip locked) keep two dispatchers off the same event.
    a.start(20); b.start(20);
    const created = await Promise.all(Array.from({ length: 40 }, (_, i) => createSector(i % 2 ? a : b, 't6')));
    await vi.waitFor(async () => {
      const rows = await database.db.select({ n: sql<number>`count(*)::int` }).from(outbox)
        .where(and(eq(outbox.type, 't6.created'), sql`${outbox.dispatchedAt} is null`));
      expect(rows[0]!.n).toBe(0);
    }, WAIT);
    await Promise.all([a.stop(), b.stop()]);
    expect([...seen].sort()).toEqual(created.map((c) => c.id).sort());
    const rows = await database.db.select().from(outbox).where(inArray(outbox.type, ['t6.created']));
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
  });
});
