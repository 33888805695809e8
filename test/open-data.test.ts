import { unzipSync, strFromU8 } from 'fflate';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposals } from '../src/server/modules/proposals/schema.ts';
import { OPEN_DATA_PER_MINUTE } from '../src/server/modules/opendata/routes.ts';
import { apiAs, engines, expectProblem, proposalIn, testApp, type TestApp } from './helpers.ts';

// The open-data export: a ZIP anyone may download, of CSV files and a README, holding every
// published proposal (with its replies) and no unpublished one, the public consultations, and no
// contact detail unmasked.

const PHONE = '13912345678';
const EMAIL = 'zhangsan@example.cn';

describe.each(engines)('the open-data export (%s)', (engine) => {
  let t: TestApp;
  const { ok } = apiAs(() => t);
  const ids: Record<string, string> = {};
  /** The archive's files, by name. */
  const download = async (headers: Record<string, string> = {}, query = '') => {
    const res = await t.app.inject({ url: `/api/v1/open-data.zip${query}`, headers });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="tongxin-open-data\.zip"/);
    const files = unzipSync(res.rawPayload);
    // Every CSV file starts with a byte-order mark (Excel then reads it as UTF-8).
    for (const [name, bytes] of Object.entries(files)) if (name.endsWith('.csv')) expect([...bytes.subarray(0, 3)], name).toEqual([0xef, 0xbb, 0xbf]);
    return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
  };
  const column = (csv: string, header: string) => {
    const [head, ...lines] = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    const i = head!.split(',').indexOf(header);
    expect(i, `${header} in ${head}`).toBeGreaterThanOrEqual(0);
    return lines.map((l) => l.split(',')[i]);
  };

  beforeAll(async () => {
    t = await testApp(engine);
    for (const n of [1, 2]) {
      ids[`published${n}`] = await proposalIn(t, 'closed', `关于社区食堂的提案${n}（联系电话 ${PHONE}）`);
      await t.database.db.update(proposals).set({ body: `建议增设社区食堂。联系人邮箱 ${EMAIL}，手机 ${PHONE}。` }).where(eq(proposals.id, ids[`published${n}`]!));
      await ok('staff', 'POST', `/proposals/${ids[`published${n}`]}/actions/publish`, {});
    }
    ids.closed = await proposalIn(t, 'closed', '关于未公开事项的提案');
    ids.handling = await proposalIn(t, 'handling', '关于办理中事项的提案');
    const c = await ok('staff', 'POST', '/consultations', { title: '关于城市更新的专题协商', kind: 'bimonthly', year: 2026 });
    await ok('staff', 'POST', `/consultations/${c.id}/actions/prepare`, {});
    ids.consultation = c.id;
    ids.topic = (await ok('staff', 'POST', '/consultations', { title: '尚在选题的协商', kind: 'sector', year: 2026 })).id;
  }, 180_000);
  afterAll(async () => { await t?.close(); });

  it('opens, with the CSV files and a README in both languages', async () => {
    const files = await download();
    expect(Object.keys(files).sort()).toEqual(['README.md', 'consultations.csv', 'documents.csv', 'proposals.csv', 'replies.csv']);
    expect(files['README.md']).toContain('## 中文');
    expect(files['README.md']).toContain('## English');
    expect(files['README.md']).toContain('| proposals.csv | 已公开的提案（含正文） | 2 |');
  });

  it('holds every published proposal and its replies, no unpublished one, and the public consultations', async () => {
    const files = await download();
    expect(column(files['proposals.csv']!, 'id').sort()).toEqual([ids.published1, ids.published2].sort());
    expect(files['proposals.csv']).not.toContain('关于未公开事项的提案');
    expect(files['proposals.csv']).not.toContain('关于办理中事项的提案');
    expect(column(files['replies.csv']!, 'proposal_id').sort()).toEqual([ids.published1, ids.published2].sort());
    expect(files['replies.csv']).toContain('已采纳，正在实施。');
    expect(column(files['consultations.csv']!, 'id')).toEqual([ids.consultation]);
    // The same for a login, and for one committee; another committee's archive holds none of ours.
    expect(column((await download(await t.as('member')))['proposals.csv']!, 'id').sort()).toEqual([ids.published1, ids.published2].sort());
    expect(column((await download({}, `?org=${t.fx.otherOrgId}`))['proposals.csv']!, 'id')).toEqual([]);
  });

  it('never holds a contact detail unmasked', async () => {
    const files = await download();
    const all = Object.values(files).join('\n');
    expect(all).not.toContain(PHONE);
    expect(all).not.toContain(EMAIL);
    expect(files['proposals.csv']).toContain('[电话已隐去]');
    expect(files['proposals.csv']).toContain('[邮箱已隐去]');
  });

  it('refuses a malformed committee, and more archives a minute than its limit', async () => {
    expectProblem(await t.app.inject({ url: '/api/v1/open-data.zip?org=nope' }), 400);
    const headers = await t.as('member2');
    for (let i = 0; i < OPEN_DATA_PER_MINUTE; i++) expect((await t.app.inject({ url: '/api/v1/open-data.zip', headers })).statusCode).toBe(200);
    expectProblem(await t.app.inject({ url: '/api/v1/open-data.zip', headers }), 429);
  });
});
