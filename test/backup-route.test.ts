import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restore } from '../src/server/core/db/backup.ts';
import { members } from '../src/server/modules/org/schema.ts';
import { engines, expectProblem, testApp, testDatabase, type TestApp } from './helpers.ts';

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

  it('is for admins only', async () => {
    expectProblem(await t.app.inject({ url: '/api/v1/backup', headers: await t.as('staff') }), 403);
    expectProblem(await t.app.inject({ url: '/api/v1/backup' }), 401);
  });
});
