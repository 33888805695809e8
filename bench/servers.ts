// The measured servers run in child processes (bench/server.ts): started, asked for their CPU time, stopped.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ready } from './server.ts';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(benchDir, '..');

export interface Server { child: ChildProcess; ready: Ready; cleanup(): Promise<void> }

/** BENCH_SERVER_NODE_ARGS: more node flags for the measured servers (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`). */
export function startServer(args: string[], cleanup: () => Promise<void> = async () => {}, env?: Record<string, string>): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(benchDir, 'server.ts'), args, {
      // The servers' output (warnings, errors) goes to stderr; stdout is the table only.
      cwd: root, execArgv: ['--import', 'tsx', ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])], stdio: ['ignore', 2, 2, 'ipc'], ...(env ? { env: { ...process.env, ...env } } : {}),
    });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`server ${args.join(' ')} not ready in 180 s`)); }, 180_000);
    child.once('message', (m) => { clearTimeout(timer); resolve({ child, ready: m as Ready, cleanup }); });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server ${args.join(' ')} exited (${code}) before it was ready`)); });
  });
}

/** The server process's CPU time so far (user + system, µs), the requests it has answered and its resident memory (bytes). */
export function serverCpu(s: Server): Promise<{ cpuUs: number; handled: number; rss: number }> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: unknown) => {
      if (m && typeof m === 'object' && 'cpuUs' in m) { s.child.off('message', onMessage); resolve(m as { cpuUs: number; handled: number; rss: number }); }
    };
    s.child.on('message', onMessage);
    if (!s.child.send('cpu')) reject(new Error('server gone'));
  });
}

export async function stopServer(s: Server) {
  if (s.child.exitCode === null && s.child.signalCode === null) {
    const exited = new Promise((r) => s.child.once('exit', r));
    if (s.child.connected) s.child.disconnect(); else s.child.kill('SIGTERM');
    const killer = setTimeout(() => s.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  }
  await s.cleanup();
}

