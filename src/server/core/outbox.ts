import { and, asc, eq, isNull, lt, lte, notInArray, or, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { arrayParam, type Db, type Tx } from './db/client.ts';
import { outbox } from './schema.ts';

export interface DomainEvent { id: number; orgId: string; type: string; payload: unknown; createdAt: Date }
/** Subscribers run after commit, inside their own transaction; delivery is at least once. */
export type Subscriber = (event: DomainEvent, tx: Tx) => Promise<void>;
/** A subscriber's form for several events of one type at once (e.g. one multi-row write for all). */
export type BatchSubscriber = (events: DomainEvent[], tx: Tx) => Promise<void>;
interface Handler { one: Subscriber; many?: BatchSubscriber }
/** The batch form of a subscriber that has nothing to share across events: each in turn (it writes only to the database). */
export const eachOf = (fn: Subscriber): BatchSubscriber => async (events, tx) => { for (const e of events) await fn(e, tx); };

const MAX_ATTEMPTS = 10;
/** Events read per pass (one transaction). */
const PASS = 500;
/**
 * Under a flood (a pass that found at least FLOOD events, and more kicked meanwhile) the next pass
 * waits PACE_MS: a comment batch kicks every few milliseconds, and a pass per kick would spend eight
 * statements on each few dozen events; paced, one pass takes hundreds. Search and duty records then
 * follow the flood by a fraction of a second; a quiet committee's event still goes at once.
 */
const FLOOD = 50, PACE_MS = 50;

/** Dispatches outbox rows to subscribers after commit, and again after a crash (rows stay pending). */
export class Outbox {
  private subscribers = new Map<string, Handler[]>();
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;

  /**
   * `retryDelayMs`: how long a failed event waits before its next attempt (by attempts so far);
   * exponential by default (2 s, 4 s, … about 17 min before the tenth), so a subscriber whose
   * dependency is down for a while does not spend its attempts at once.
   */
  constructor(private db: Db, private log: FastifyBaseLogger, private retryDelayMs: (attempts: number) => number = (n) => 1000 * 2 ** n) {}

  /**
   * `type` is an event type such as "member.created", or "*" for every event. `many`, when given, takes
   * a run of events of one type at once (the same effect as `fn` on each, in order).
   */
  subscribe(type: string, fn: Subscriber, many?: BatchSubscriber) {
    this.subscribers.set(type, [...(this.subscribers.get(type) ?? []), { one: fn, many }]);
  }

  private handlers(type: string) { return [...(this.subscribers.get(type) ?? []), ...(this.subscribers.get('*') ?? [])]; }

  /** Asks for a dispatch soon; concurrent kicks coalesce into one more pass. */
  kick(): Promise<void> {
    if (this.running) { this.again = true; return this.running; }
    this.running = (async () => {
      // An event whose subscriber failed waits for the next kick or poll: retrying it in the passes
      // of this run would spend its attempts at once (and a full batch of failures would loop).
      const failed = new Set<number>();
      try {
        let read = 0;
        do {
          if (read >= FLOOD) await new Promise((r) => setTimeout(r, PACE_MS));
          this.again = false;
          do read = await this.dispatchBatch(failed); while (read === PASS);
        } while (this.again);
      } catch (err) {
        this.log.error({ err }, 'outbox dispatch failed');
      } finally { this.running = null; }
    })();
    return this.running;
  }

  /** Polls for events left by a crash or written by another instance. */
  start(intervalMs = 5000) {
    void this.kick();
    this.timer = setInterval(() => void this.kick(), intervalMs);
    this.timer.unref();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass: dispatches up to PASS events, in one transaction; answers how many it read. */
  private async dispatchBatch(failed: Set<number>): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.select().from(outbox)
        .where(and(isNull(outbox.dispatchedAt), lt(outbox.attempts, MAX_ATTEMPTS), failed.size ? notInArray(outbox.id, [...failed]) : undefined,
          or(isNull(outbox.nextAttemptAt), lte(outbox.nextAttemptAt, sql`now()`))))
        .orderBy(asc(outbox.id)).limit(PASS).for('update', { skipLocked: true });
      // Delivered events are marked in one statement at the end; an event nobody listens to costs
      // no statement of its own. A run of events of one type (a burst of comments) whose subscribers
      // all have a batch form goes to them together, in one savepoint; if that fails, each event of
      // the run again alone, in a savepoint of its own, as any event. (Subscribers without one — mail,
      // SMS — see each event once in its own savepoint, so one failure resends nothing else.)
      const delivered: typeof rows = [];
      const alone = async (row: (typeof rows)[number]) => {
        const handlers = this.handlers(row.type);
        try {
          if (handlers.length) await tx.transaction(async (sp) => { for (const h of handlers) await h.one(row, sp); });
          delivered.push(row);
        } catch (err) {
          this.log.warn({ err, event: row.id, type: row.type }, 'subscriber failed; will retry');
          failed.add(row.id);
          const next = new Date(Date.now() + this.retryDelayMs(row.attempts + 1));
          await tx.update(outbox).set({ attempts: row.attempts + 1, lastError: String(err), nextAttemptAt: next })
            .where(and(eq(outbox.orgId, row.orgId), eq(outbox.id, row.id)));
        }
      };
      for (let i = 0; i < rows.length;) {
        let j = i + 1;
        while (j < rows.length && rows[j]!.type === rows[i]!.type) j++;
        const run = rows.slice(i, j);
        i = j;
        const handlers = this.handlers(run[0]!.type);
        if (run.length === 1 || !handlers.length || handlers.some((h) => !h.many)) { for (const row of run) await alone(row); continue; }
        try {
          await tx.transaction(async (sp) => { for (const h of handlers) await h.many!(run, sp); });
          delivered.push(...run);
        } catch {
          for (const row of run) await alone(row);
        }
      }
      if (delivered.length) {
        await tx.update(outbox).set({ dispatchedAt: sql`now()`, attempts: sql`${outbox.attempts} + 1` })
          .where(and(sql`${outbox.orgId} = any(${arrayParam([...new Set(delivered.map((r) => r.orgId))], 'uuid')})`,
            sql`${outbox.id} = any(${arrayParam(delivered.map((r) => r.id), 'bigint')})`));
      }
      return rows.length;
    });
  }
}
