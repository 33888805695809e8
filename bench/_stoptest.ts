import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { startServer, stopServer } from './servers.ts';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-x-'));
const s = await startServer(['app', 'embedded', dir], async () => fs.rmSync(dir, { recursive: true, force: true }), { BENCH_SEED: 'generated' });
console.log('ready', s.ready.port);
const t = Date.now(); await stopServer(s); console.log('stopped in', Date.now() - t, 'code', s.child.exitCode, s.child.signalCode);
