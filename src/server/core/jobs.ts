import { and, asc, eq, inArray, isNull, lt, lte, notInArray, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Tx } from './db/client.ts';
import { jobs } from './jobs-schema.ts';
import { writeLater } from './command.ts';

export type Job = typeof jobs.$inferSelect;
/** A job handler runs in its own transaction; a handler that throws is retried on the next pass. */
export type JobHandler = (job: Job, tx: Tx, now: Date) => Promise<void>;

const MAX_ATTEMPTS = 5;

/**
 * Schedules jobs inside the caller's transaction (one statement; in a command's, with its next
 * recorded statement: writeLater); a job whose key is already scheduled stays as it is.
 */
export async function scheduleJobs(tx: Tx, list: { orgId: string; kind: string; key: string; runAt: Date; payload: unknown }[]) {
  if (list.length) await writeLater(tx, tx.insert(jobs).values(list).onConflictDoNothing());
}

/** Kinds that a runner of their own takes (long jobs, such as processing a document): the general runner leaves them. */
const dedicated = new Set<string>();

export interface RunnerOptions {
  /** Only these kinds (a dedicated runner); by default every kind no dedicated runner takes. */
  kinds?: string[];
  /** Jobs taken per transaction (a long job: 1, so that parallel passes take different ones). */
  batch?: number;
  /** Passes running side by side. */
  concurrency?: number;
}

/** Runs due jobs: polled, so jobs survive restarts; SKIP LOCKED lets several instances share the work. */
export class JobRunner {
  private handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private batch: number;
  private concurrency: number;

  constructor(private db: Db, private log: FastifyBaseLogger, private opts: RunnerOptions = {}) {
    for (const k of opts.kinds ?? []) dedicated.add(k);
    this.batch = opts.batch ?? 50;
    this.concurrency = opts.concurrency ?? 1;
  }

  register(kind: string, fn: JobHandler) { this.handlers.set(kind, fn); }

  /** Runs every job due at `now`; returns how many ran. */
  runDue(now: Date = new Date()): Promise<number> {
    const pass = (this.running ?? Promise.resolve(0))
      .then(() => Promise.all(Array.from({ length: this.concurrency }, () => this.drain(now)))).then((ns) => ns.reduce((a, b) => a + b, 0));
    this.running = pass.finally(() => { if (this.running === pass) this.running = null; });
    return pass;
  }

  private async drain(now: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.db.transaction(async (tx) => {
        const due = await tx.select().from(jobs)
          .where(and(isNull(jobs.doneAt), lte(jobs.runAt, now), lt(jobs.attempts, MAX_ATTEMPTS), this.kindFilter()))
          .orderBy(asc(jobs.runAt)).limit(this.batch).for('update', { skipLocked: true });
        for (const job of due) {
          const key = and(eq(jobs.orgId, job.orgId), eq(jobs.id, job.id));
          const handler = this.handlers.get(job.kind);
          try {
            if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
            await tx.transaction((sp) => handler(job, sp, now));
            await tx.update(jobs).set({ doneAt: sql`now()`, attempts: job.attempts + 1 }).where(key);
          } catch (err) {
            this.log.warn({ err, job: job.id, kind: job.kind }, 'job failed; will retry');
            await tx.update(jobs).set({ attempts: job.attempts + 1, lastError: String(err) }).where(key);
          }
        }
        return due.length;
      });
      total += n;
      if (n < this.batch) return total;
    }
  }

  private kindFilter() {
    if (this.opts.kinds) return inArray(jobs.kind, this.opts.kinds);
    return dedicated.size ? notInArray(jobs.kind, [...dedicated]) : undefined;
  }

  start(intervalMs = 60_000) {
    const tick = () => void this.runDue().catch((err) => this.log.error({ err }, 'job pass failed'));
    tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
