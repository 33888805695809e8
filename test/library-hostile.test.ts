import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, expectProblem, snapshotter, testApp, type TestApp } from './helpers.ts';
import { form } from './library-helpers.ts';
import { zipOf } from './xlsx-by-hand.ts';
import { runTool, ToolTimeout } from '../src/server/modules/library/tools.ts';

// Hostile documents: refused while streaming (too large), by content (wrong type), or processed
// to `failed` with a reason (zip bombs, a damaged .doc, a PDF whose reading and drawing never
// end, stopped at the document's time limit), the server answering others meanwhile and nothing
// left half-stored.

const MAIN = {
  docx: ['word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'],
  xlsx: ['xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'],
  pptx: ['ppt/presentation.xml', 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml'],
} as const;

/** An Office file of the kind whose one part unpacks to 480 MB (a 2 MB file). */
function bomb(kind: keyof typeof MAIN): Buffer {
  const [part, type] = MAIN[kind];
  const types = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${part}" ContentType="${type}"/></Types>`;
  return zipOf([
    { name: '[Content_Types].xml', chunks: [{ data: Buffer.from(types) }] },
    { name: part, chunks: [{ data: Buffer.from('<x/>'.repeat(300_000)), times: 400 }] },
  ]);
}

/** A PDF of 3,000 pages, each drawing the same 200,000 rectangles (one small compressed stream): reading or drawing it takes minutes. */
function endlessPdf(): Buffer {
  const pages = 3000;
  const content = zlib.deflateSync(Buffer.from('0 0 1 1 re f\n'.repeat(200_000)));
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from(`<< /Type /Pages /Count ${pages} /Kids [${Array.from({ length: pages }, (_, i) => `${i + 4} 0 R`).join(' ')}] >>`),
    Buffer.concat([Buffer.from(`<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`), content, Buffer.from('\nendstream')]),
    ...Array.from({ length: pages }, () => Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>')),
  ];
  const out: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let at = out[0]!.length;
  objects.forEach((o, i) => {
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), o, Buffer.from('\nendobj\n')]);
    offsets.push(at);
    out.push(obj);
    at += obj.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return Buffer.concat(out);
}

describe('a renderer past its time', () => {
  it('is killed at the deadline with the processes it started', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-tool-'));
    try {
      // A "renderer" that starts a helper and both write their pids, then never end.
      const script = `echo $$ > ${dir}/main; (echo $BASHPID > ${dir}/helper; exec sleep 60) & sleep 60`;
      await expect(runTool('/bin/bash', ['-c', script], Date.now() + 1000)).rejects.toBeInstanceOf(ToolTimeout);
      for (const who of ['main', 'helper']) {
        const pid = Number(fs.readFileSync(path.join(dir, who), 'utf8'));
        // (a killed process may linger as a zombie until reaped: it must not be running; the kill lands within moments)
        const state = () => { try { return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2]; } catch { return 'gone'; } };
        for (let i = 0; i < 100 && !['gone', 'Z', 'X'].includes(state()!); i++) await new Promise((r) => setTimeout(r, 20));
        expect(['gone', 'Z', 'X'], who).toContain(state());
      }
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  });
});

describe.each(engines)('hostile documents (%s)', (engine) => {
  let t: TestApp;
  let snapshot: () => Promise<Record<string, string>>;
  const up = async (file: Buffer, filename: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: await t.as('staff'), payload: form(file, filename) });
  const doc = async (id: string) => (await t.app.inject({ url: `/api/v1/documents/${id}`, headers: await t.as('staff') })).json();
  const partFiles = () => {
    const tmp = path.join(t.app.config.LIBRARY_DIR!, '.tmp');
    return fs.existsSync(tmp) ? fs.readdirSync(tmp) : [];
  };

  beforeAll(async () => {
    t = await testApp(engine, { LIBRARY_MAX_UPLOAD_MB: 4, LIBRARY_TIMEOUT_SECONDS: 8, LIBRARY_ATTEMPTS: 1, JOBS_INTERVAL_SECONDS: 3600 });
    snapshot = snapshotter(t);
  });
  afterAll(async () => { await t?.close(); });

  it('refuses an oversized file while it streams (413) and a file of the wrong type (400), storing nothing', async () => {
    await t.as('staff');
    const before = await snapshot();
    const big = await up(Buffer.alloc(5 * 1024 * 1024, 0x41), 'big.txt');
    expect(expectProblem(big, 413).errors[0]!.path).toBe('/file');
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2000, 1)]);
    expect(expectProblem(await up(exe, '报告.pdf'), 400).errors[0]!.path).toBe('/file');
    expectProblem(await up(Buffer.from('%PDF-1.4\n'), '报告.xlsx'), 400);
    expect(await snapshot()).toEqual(before);
    expect(partFiles()).toEqual([]);
  });

  it.each(['docx', 'xlsx', 'pptx'] as const)('ends a zip bomb as .%s failed with its reason, unpacking nothing', async (kind) => {
    const file = bomb(kind);
    expect(file.length).toBeLessThan(4 * 1024 * 1024);
    const res = await up(file, `炸弹.${kind}`);
    expect(res.statusCode, res.body).toBe(201);
    const rss = process.memoryUsage().rss;
    await t.app.library.runner.runDue();
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
    const d = await doc(res.json().id);
    expect(d).toMatchObject({ state: 'failed', pages: null });
    expect(d.reason).toMatch(/解压后超过|条目/);
  });

  it('ends a damaged .doc failed with its reason', async () => {
    const cfb = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096, 0x5a)]);
    const res = await up(cfb, '损坏.doc');
    expect(res.statusCode, res.body).toBe(201);
    await t.app.library.runner.runDue();
    const d = await doc(res.json().id);
    expect(d.state).toBe('failed');
    expect(d.reason).toContain('无法读取');
    expectProblem(await t.app.inject({ url: `/api/v1/documents/${d.id}/pages/1`, headers: await t.as('staff') }), 404);
  });

  it('stops a PDF that never finishes at the time limit, failed, answering other requests meanwhile', async () => {
    const res = await up(endlessPdf(), '无尽.pdf');
    expect(res.statusCode, res.body).toBe(201);
    let done = false;
    const pass = t.app.library.runner.runDue().finally(() => { done = true; });
    const answered: number[] = [];
    while (!done) {
      answered.push((await t.app.inject({ url: '/api/health' })).statusCode);
      answered.push((await t.app.inject({ url: '/api/v1/documents', headers: await t.as('member') })).statusCode);
      await new Promise((r) => setTimeout(r, 50));
    }
    await pass;
    expect(answered.length).toBeGreaterThan(4);
    expect(new Set(answered)).toEqual(new Set([200]));
    const d = await doc(res.json().id);
    expect(d.state).toBe('failed');
    expect(d.reason).toContain('处理超时');
    expect(fs.existsSync(path.join(t.app.config.LIBRARY_DIR!, t.fx.orgId, d.id, 'pages'))).toBe(false);
    expect(partFiles()).toEqual([]);
  }, 60_000);
});
