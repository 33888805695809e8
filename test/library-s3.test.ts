import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { backup, restore } from '../src/server/core/db/backup.ts';
import { S3Storage } from '../src/server/modules/library/s3-storage.ts';
import { pdfOf } from '../src/server/modules/library/samples.ts';
import { renderers } from '../src/server/modules/library/tools.ts';
import type { Config } from '../src/server/core/config.ts';
import { engines, expectProblem, testApp, testConfig, testDatabase, type TestApp } from './helpers.ts';
import { form } from './library-helpers.ts';

// 文库 with LIBRARY_STORAGE=s3, against an S3-compatible server running in this process (s3rver):
// upload, processing (page images where poppler is installed), preview, download, delete, and a
// backup that carries the bucket's files and restores them into another bucket.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tx-s3-'));
fs.chmodSync(tmp, 0o755);
const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: path.join(tmp, 's3'), configureBuckets: [{ name: 'library' }, { name: 'restored' }] });
let s3: Partial<Config>;
beforeAll(async () => {
  const { port } = await server.run();
  s3 = {
    LIBRARY_STORAGE: 's3', LIBRARY_S3_ENDPOINT: `http://127.0.0.1:${port}`, LIBRARY_S3_BUCKET: 'library', LIBRARY_S3_FORCE_PATH_STYLE: true,
    LIBRARY_S3_ACCESS_KEY_ID: 'S3RVER', LIBRARY_S3_SECRET_ACCESS_KEY: 'S3RVER',
  };
});
afterAll(async () => { await server.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

const SESSION_SECRET = 's3-test-session-secret-0123456789abcdef';

describe.each(engines)('library in an S3-compatible bucket (%s)', { timeout: 120_000 }, (engine) => {
  let t: TestApp;
  let storage: S3Storage;
  const scratch = path.join(tmp, `scratch-${engine}`);
  const keysIn = async (s: S3Storage, bucket: string, prefix = '') =>
    ((await s.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key!).sort();
  const get = async (login: string | undefined, url: string) => t.app.inject({ url: `/api/v1${url}`, headers: login ? await t.as(login) : {} });

  beforeAll(async () => {
    t = await testApp(engine, { ...s3, LIBRARY_S3_PREFIX: `tongxin-${engine}`, LIBRARY_DIR: scratch, LIBRARY_PREVIEW_PAGES: 1, JOBS_INTERVAL_SECONDS: 3600, SESSION_SECRET });
    storage = t.app.library.storage as S3Storage;
    expect(storage).toBeInstanceOf(S3Storage);
  });
  afterAll(async () => { await t?.close(); });

  it('stores an upload in the bucket, processes it, previews, downloads and deletes it there', async () => {
    const bytes = await pdfOf('三页', ['第一页 政协', '第二页 协商', '第三页 监督']);
    const up = await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: await t.as('staff'), payload: form(bytes, '三页.pdf', { access: 'public' }) });
    expect(up.statusCode, up.body).toBe(201);
    const id = up.json().id as string;
    const prefix = `tongxin-${engine}/${t.fx.orgId}/${id}`;
    expect(await keysIn(storage, 'library', prefix)).toEqual([`${prefix}/original`]);

    await t.app.library.runner.runDue();
    const doc = (await get('staff', `/documents/${id}`)).json();
    expect(doc).toMatchObject({ state: 'ready', pages: 3 });
    const rendered = !!renderers().pdftoppm;
    expect(doc.previewKind).toBe(rendered ? 'image' : 'text');
    const keys = await keysIn(storage, 'library', prefix);
    expect(keys).toHaveLength(1 + (rendered ? 3 : 0));
    // Nothing but temporary files ever goes to the local folder, and those are gone.
    expect(fs.readdirSync(path.join(scratch, '.tmp'))).toEqual([]);
    expect(fs.readdirSync(scratch)).toEqual(['.tmp']);

    expect((await get(undefined, `/documents/${id}/text`)).json().pages).toHaveLength(1);
    if (rendered) {
      const page = await get(undefined, `/documents/${id}/pages/1`);
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toBe('image/png');
      expect(page.rawPayload.subarray(1, 4).toString()).toBe('PNG');
      expectProblem(await get(undefined, `/documents/${id}/pages/2`), 403);
      expect((await get('member', `/documents/${id}/pages/3`)).statusCode).toBe(200);
    }
    const file = await get('member', `/documents/${id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(bytes)).toBe(true);
    expect((await get('member', `/documents/${id}`)).json().downloads).toBe(1);

    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/documents/${id}`, headers: await t.as('staff') });
    expect(del.statusCode).toBe(204);
    expect(await keysIn(storage, 'library', prefix)).toEqual([]);
    expectProblem(await get('staff', `/documents/${id}`), 404);
  });

  it('refuses a hostile upload without leaving an object in the bucket', async () => {
    const before = await keysIn(storage, 'library', `tongxin-${engine}/`);
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: await t.as('staff'), payload: form(Buffer.from('%PDF-1.4 no'), '假.docx') }), 400);
    expect(await keysIn(storage, 'library', `tongxin-${engine}/`)).toEqual(before);
  });

  it('a backup carries the bucket\'s files; restored into another bucket (on the other engine), they download the same', async () => {
    const target = engines.find((e) => e !== engine) ?? engine;
    const bytes = Buffer.from('政协委员履职报告\n'.repeat(3000), 'utf8');
    const up = await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: await t.as('staff'), payload: form(bytes, `报告-${target}.txt`) });
    expect(up.statusCode, up.body).toBe(201);
    await t.app.library.runner.runDue();
    const file = path.join(tmp, `backup-${engine}-${target}.jsonl`);
    const r = await backup(t.database.db, file, [t.fx.orgId], storage);
    expect(r.files).toBeGreaterThanOrEqual(1);

    const fresh = await testDatabase(target);
    const cfg = testConfig({ ...s3, LIBRARY_S3_BUCKET: 'restored', LIBRARY_S3_PREFIX: `from-${engine}-to-${target}`, LIBRARY_DIR: path.join(tmp, `restore-${engine}-${target}`), SESSION_SECRET, LIBRARY_RENDER: 'text', JOBS_INTERVAL_SECONDS: 3600 });
    const into = S3Storage.fromConfig(cfg);
    try {
      expect(await restore(fresh.db, file, { files: into })).toMatchObject({ files: r.files });
      expect(await keysIn(into, 'restored', `from-${engine}-to-${target}/`)).toHaveLength(r.files);
      const app = await buildApp({ config: cfg, database: fresh, logger: false });
      await app.ready();
      try {
        const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'member', password: t.fx.password, org: t.fx.orgOf.member } });
        const cookie = login.cookies.find((c) => c.name === 'tx_session')!.value;
        const res = await app.inject({ url: `/api/v1/documents/${up.json().id}/file`, headers: { cookie: `tx_session=${cookie}` } });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.rawPayload.equals(bytes)).toBe(true);
      } finally { await app.close(); }
    } finally { into.close(); await fresh.close(); }
  });
});
