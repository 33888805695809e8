// Start-up time: `node bin/tongxin.js serve` until GET /api/health answers 200 (polled every 20 ms).
// Cold: an empty DATA_DIR (or an empty PostgreSQL database). Restart: the same folder (or database) again, now initialised.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, probe, sleep } from './http.ts';
import { freshDatabase } from './pg.ts';

export interface StartSample {
  /** Empty database: from spawn to the first 200 from /api/health. */
  coldMs: number;
  /** Second start on the same, now initialised, database (DATA_DIR or PostgreSQL database). */
  restartMs?: number;
}

const POLL_MS = 20;
const GIVE_UP_MS = 120_000;

export interface Serving { port: number; stop(): Promise<void> }

/**
 * Spawns `tongxin serve` with `env` (which sets PORT) and waits for a 200 from /api/health; resolves
 * with the ms from spawn to that answer and a way to stop the server (SIGTERM, then SIGKILL after 10 s).
 */
export async function serveUntilHealthy(root: string, env: NodeJS.ProcessEnv): Promise<{ ms: number; serving: Serving }> {
  const url = `http://127.0.0.1:${env.PORT}/api/health`;
  let stderr = '';
  let exited: number | null | undefined;
  const t0 = performance.now();
  const child = spawn(process.execPath, ['bin/tongxin.js', 'serve'], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (d) => { stderr += d; });
  const done = new Promise<void>((resolve) => child.on('exit', (code) => { exited = code; resolve(); }));
  const stop = async () => {
    if (exited !== undefined) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await done;
    clearTimeout(killer);
  };
  try {
    for (;;) {
      if (exited !== undefined) throw new Error(`tongxin serve exited (${exited}) before it was healthy:\n${stderr}`);
      if (performance.now() - t0 > GIVE_UP_MS) throw new Error(`tongxin serve not healthy after ${GIVE_UP_MS} ms:\n${stderr}`);
      if ((await probe(url, 1000)) === 200) return { ms: Math.round(performance.now() - t0), serving: { port: Number(env.PORT), stop } };
      await sleep(POLL_MS);
    }
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Spawns `tongxin serve`, waits for health, stops it; returns ms from spawn to the first 200. */
async function timeToHealthy(root: string, env: NodeJS.ProcessEnv): Promise<number> {
  const { ms, serving } = await serveUntilHealthy(root, env);
  await serving.stop();
  return ms;
}

async function once(root: string, databaseUrl?: string): Promise<StartSample> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-start-'));
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir, PORT: String(await freePort()), HOST: '127.0.0.1',
      TONGXIN_ADMIN_PASSWORD: 'bench-admin-pass-1', LOG_LEVEL: 'warn',
    };
    if (databaseUrl) env.DATABASE_URL = databaseUrl;
    else delete env.DATABASE_URL;
    const coldMs = await timeToHealthy(root, env);
    return { coldMs, restartMs: await timeToHealthy(root, { ...env, PORT: String(await freePort()) }) };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `runs` starts, each on a fresh empty data folder or a fresh PostgreSQL database. */
export async function starts(root: string, runs: number, pgBase?: string): Promise<StartSample[]> {
  const out: StartSample[] = [];
  for (let i = 0; i < runs; i++) {
    if (!pgBase) { out.push(await once(root)); continue; }
    const fresh = await freshDatabase(pgBase);
    try { out.push(await once(root, fresh.url)); } finally { await fresh.drop(); }
  }
  return out;
}

/**
 * `node bin/tongxin.js --help`: Node, the freshness check of the compiled build and the command line,
 * which loads the server's modules only for a command that needs them.
 */
export async function moduleLoad(root: string, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, ['bin/tongxin.js', '--help'], { cwd: root, stdio: 'ignore' });
      child.on('exit', resolve);
    });
    if (code !== 0) throw new Error(`tongxin --help exited ${code}`);
    out.push(Math.round(performance.now() - t0));
  }
  return out;
}
