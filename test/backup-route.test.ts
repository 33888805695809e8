import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restore } from '../src/server/core/db/backup.ts';
import { members } from '../src/server/modules/org/schema.ts';
import { FolderStorage } from '../src/server/modules/library/storage.ts';
import { engines, expectProblem, testApp, testDatabase, type TestApp } from './helpers.ts';
import { form } from './library-helpers.ts';

describe.each(engines)('GET /api/v1/backup (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await testApp(engine); });
  afterAll(async () => { await t?.close(); });

  it('gives an admin a copy of their own committee only, which restores', async () => {
    const res = await t.app.inject({ url: '/api/v1/backup', headers: await t.as('admin') });
    expect(res.statusCode).toBe(200);
    const lines = res.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].orgs).toEqual([{ id: t.fx.orgId, name: '测试市政协' }]);
    expect(res.body).not.toContain(t.fx.otherMemberId);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tx-backup-')), 'b.jsonl');
    fs.writeFileSync(file, res.body);
    const target = await testDatabase('embedded');
    try {
      await restore(target.db, file);
      expect((await target.db.select().from(members)).map((m) => m.name).sort()).toEqual(['张三', '李四', '王五', '赵六'].sort());
    } finally { await target.close(); }
  });

  it("carries the committee's library files, which restore", async () => {
    const bytes = Buffer.from('政协委员履职报告\n'.repeat(500), 'utf8');
    const up = await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: await t.as('staff'), payload: form(bytes, '报告.txt') });
    expect(up.statusCode, up.body).toBe(201);
    const res = await t.app.inject({ url: '/api/v1/backup', headers: await t.as('admin') });
    expect(res.statusCode).toBe(200);
    const lines = res.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ end: true, files: 1 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tx-backup-'));
    const file = path.join(dir, 'b.jsonl');
    fs.writeFileSync(file, res.body);
    const target = await testDatabase('embedded');
    try {
      const storage = new FolderStorage(path.join(dir, 'library'));
      expect(await restore(target.db, file, { files: storage })).toMatchObject({ files: 1 });
      const key = lines.find((l) => l.table === 'documents' && l.row.id === up.json().id).row.storageKey;
      const back: Buffer[] = [];
      for await (const chunk of storage.read(key)) back.push(chunk as Buffer);
      expect(Buffer.concat(back).equals(bytes)).toBe(true);
    } finally { await target.close(); fs.rmSync(dir, { recursive: true, force: true }); }
  });

  it('is for admins only', async () => {
    expectProblem(await t.app.inject({ url: '/api/v1/backup', headers: await t.as('staff') }), 403);
    expectProblem(await t.app.inject({ url: '/api/v1/backup' }), 401);
  });
});
