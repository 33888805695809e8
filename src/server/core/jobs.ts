import { and, asc, eq, isNull, lt, lte, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Tx } from './db/client.ts';
import { jobs } from './jobs-schema.ts';

export type Job = typeof jobs.$inferSelect;
/** A job handler runs in its own transaction; a handler that throws is retried on the next pass. */
export type JobHandler = (job: Job, tx: Tx, now: Date) => Promise<void>;

const MAX_ATTEMPTS = 5;

/** Schedules a job inside the caller's transaction; a job with the same key is scheduled only once. */
/** Schedules jobs (one statement); a job whose key is already scheduled stays as it is. */
export async function scheduleJobs(tx: Tx, list: { orgId: string; kind: string; key: string; runAt: Date; payload: unknown }[]) {
  if (list.length) await tx.insert(jobs).values(list).onConflictDoNothing();
}

/** Runs due jobs: polled, so jobs survive restarts; SKIP LOCKED lets several instances share the work. */
export class JobRunner {
  private handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(private db: Db, private log: FastifyBaseLogger) {}

  register(kind: string, fn: JobHandler) { this.handlers.set(kind, fn); }

  /** Runs every job due at `now`; returns how many ran. */
  runDue(now: Date = new Date()): Promise<number> {
    const pass = (this.running ?? Promise.resolve(0)).then(() => this.drain(now));
    this.running = pass.finally(() => { if (this.running === pass) this.running = null; });
    return pass;
  }

  private async drain(now: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.db.transaction(async (tx) => {
        const due = await tx.select().from(jobs)
          .where(and(isNull(jobs.doneAt), lte(jobs.runAt, now), lt(jobs.attempts, MAX_ATTEMPTS)))
          .orderBy(asc(jobs.runAt)).limit(50).for('update', { skipLocked: true });
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
      if (n < 50) return total;
    }
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
