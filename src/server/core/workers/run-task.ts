import os from 'node:os';
import type { FieldError, Message, Problem } from '../errors.ts';

// The worker side of pool.ts: imports the named module and calls the export. A Problem comes back
// as data, since a thrown error loses its class and fields on the way between threads. (It is
// recognised by its fields: under tsx this file and the task's module may load errors.ts apart.)

export interface TaskRequest { module: string; name: string; arg: unknown }
export type TaskOutcome = { value: unknown } | { problem: { status: number; title: Message; detail?: Message; errors: FieldError[] } };

// A task is background work beside the requests the event loop answers: on Linux a thread's nice value
// is its own, so this worker thread (not the process) gives way when the event loop wants a core.
// Elsewhere the call would lower the whole process: left as it is there.
if (process.platform === 'linux') {
  try { os.setPriority(os.constants.priority.PRIORITY_BELOW_NORMAL); } catch { /* not permitted: runs as it is */ }
}

// Under tsx, a worker on Node 20 gets only tsx's require hook from --import (pool.ts), which loads
// this file but not the ES modules it imports: register tsx's module loader too.
let tsx: Promise<unknown> | undefined;

export default async function runTask({ module, name, arg }: TaskRequest): Promise<TaskOutcome> {
  if (module.endsWith('.ts')) await (tsx ??= import('tsx/esm/api').then((m) => m.register()));
  const fn = (await import(module))[name] as (arg: unknown) => unknown;
  try {
    return { value: await fn(arg) };
  } catch (err) {
    if (!isProblem(err)) throw err;
    return { problem: { status: err.status, title: err.title, detail: err.detail, errors: err.errors } };
  }
}

const isProblem = (err: unknown): err is Problem =>
  err instanceof Error && typeof (err as Problem).status === 'number' && (err as Problem).title !== undefined && Array.isArray((err as Problem).errors);
