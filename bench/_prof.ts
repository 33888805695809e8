// temporary profiling driver (not committed)
import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import autocannon from 'autocannon';
import { startServer } from './servers.ts';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-x-'));
const s = await startServer(['app', 'embedded', dir], async () => {}, { BENCH_SEED: 'generated', BENCH_APP_CONFIG: JSON.stringify({ COMMENTS_PER_MINUTE_ACCOUNT: 1_000_000, COMMENTS_PER_MINUTE_ADDRESS: 1_000_000 }) });
const base = `http://127.0.0.1:${s.ready.port}`; const cookie = s.ready.cookie!;
async function api(method: string, url: string, body?: object) {
  const res = await fetch(`${base}/api/v1${url}`, { method, headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  const t = await res.text(); if (res.status >= 300) throw new Error(t); return JSON.parse(t);
}
const c = await api('POST', '/consultations', { title: 'p', kind: 'online', year: 2031, summary: 'x' });
await api('POST', `/consultations/${c.id}/actions/prepare`, {});
await api('POST', `/consultations/${c.id}/actions/openComments`, { moderation: 'post' });
let n = 0;
const secs = Number(process.env.SECS ?? 8);
const r = await autocannon({ url: `${base}/api/v1/consultations/${c.id}/comments`, duration: secs, connections: 100, method: 'POST', headers: { cookie, 'content-type': 'application/json' },
  requests: [{ setupRequest: (req: object) => ({ ...req, body: JSON.stringify({ content: `压测意见 p-${++n}：建议加密高峰时段的公交班次，优化线路走向。` }) }) }] } as autocannon.Options);
console.log('rps', r.requests.average, 'p50', r.latency.p50, 'p99', r.latency.p99, 'non2xx', r.non2xx);
const t = Date.now();
const exited = new Promise((res) => s.child.once('exit', res));
s.child.disconnect();
await exited; console.log('stopped in', Date.now() - t);
fs.rmSync(dir, { recursive: true, force: true });
