import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { Problem, say } from '../errors.ts';
import type { TaskOutcome, TaskRequest } from './run-task.ts';

// CPU-heavy work (reading and writing spreadsheets, rendering letters) runs on worker threads, so
// that a request waiting for it never holds the event loop for everyone else. A task names a
// module (its caller's import.meta.url, so .ts under tsx and .js once compiled) and one of its
// exports, called with one structured-cloneable argument. One core is left to the event loop.

const runner = fileURLToPath(new URL(`./run-task.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url));
// Sources run through tsx: a worker starts without the main thread's loader, so it is given tsx's.
const execArgv = runner.endsWith('.ts') ? ['--import', createRequire(import.meta.url).resolve('tsx')] : undefined;

let pool: Piscina<TaskRequest, TaskOutcome> | undefined;
/** The shared pool, started on first use; idle workers exit, giving back what a big task took. */
export function workerPool() {
  pool ??= new Piscina({
    filename: runner, execArgv, minThreads: 0, maxThreads: Math.max(1, os.availableParallelism() - 1),
    // Past 64 waiting tasks the caller gets a 503 rather than a wait of minutes.
    idleTimeout: 10_000, maxQueue: 64, resourceLimits: { maxOldGenerationSizeMb: 512 },
  });
  return pool;
}

export interface TaskOptions {
  /** The answer when the task is stopped past its time or out of its worker's memory (by default a 503; a 400 for a hostile file). */
  failure?: () => Problem;
  timeoutMs?: number;
}

const unavailable = () => new Problem(503, 'Service Unavailable', say('文件生成失败，请稍后再试', 'The file could not be produced now, try again shortly'));

/** Runs `module`'s export `name` on a worker thread; a Problem thrown there is thrown here. */
export async function inWorker<R>(module: string, name: string, arg: unknown, opts: TaskOptions = {}): Promise<R> {
  let outcome: TaskOutcome;
  try {
    outcome = await workerPool().run({ module, name, arg }, { signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000) });
  } catch (err) {
    const e = err as { name?: string; code?: string; message?: string };
    if (e.name === 'AbortError' || e.name === 'TimeoutError' || e.code === 'ERR_WORKER_OUT_OF_MEMORY') throw (opts.failure ?? unavailable)();
    if (e.message === 'Task queue is at limit') throw new Problem(503, 'Service Unavailable', say('服务器繁忙，请稍后再试', 'The server is busy, try again shortly'));
    throw err;
  }
  if ('problem' in outcome) {
    const p = outcome.problem;
    throw new Problem(p.status, p.title, p.detail, p.errors);
  }
  return outcome.value as R;
}
