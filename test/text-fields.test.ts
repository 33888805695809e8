import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, proposalIn, snapshotter, testApp, type TestApp } from './helpers.ts';
import { rosterFile } from './roster.ts';

// Names and titles people type must say something: whitespace alone (full-width spaces too) and
// control characters are refused as 400 naming the field, and change nothing. Texts of several lines
// keep their line breaks and tabs.

const BLANK = ['   ', '\u3000\u3000', '\t', '\n'];
const CONTROL = ['名\u0007字', '\u001b[31m红色', '换\n行'];

describe.each(engines)('human-entered names and texts (%s)', (engine) => {
  let t: TestApp;
  let snapshot: () => Promise<Record<string, string>>;
  let draft: string;
  let submitted: string;
  beforeAll(async () => {
    t = await testApp(engine);
    snapshot = snapshotter(t);
    draft = await proposalIn(t, 'draft', '关于草稿的提案');
    submitted = await proposalIn(t, 'submitted', '关于已提交的提案');
    for (const login of ['admin', 'staff', 'member']) await t.as(login); // sessions made before the snapshots
  });
  afterAll(async () => { await t?.close(); });

  const send = async (login: string, method: string, url: string, payload: object) =>
    t.app.inject({ method: method as 'POST', url: `/api/v1${url}`, headers: await t.as(login), payload });

  /** Each route with a name or title field: who may call it, and a valid body to put the bad value in. */
  const NAMES = (): [login: string, method: string, url: string, field: string, body: object][] => [
    ['admin', 'POST', '/sectors', 'name', {}],
    ['admin', 'POST', '/committees', 'name', {}],
    ['admin', 'POST', '/units', 'name', { kind: 'court' }],
    ['admin', 'PATCH', `/units/${t.fx.unitIds.a}`, 'name', {}],
    ['admin', 'POST', '/members', 'name', { sectorId: t.fx.sectorIds[0], party: '民进', standing: false }],
    ['admin', 'POST', '/orgs', 'name', { level: 'county' }],
    ['admin', 'PATCH', `/orgs/${t.fx.countyId}`, 'name', {}],
    ['admin', 'POST', '/users', 'displayName', { username: 'newclerk', password: 'long-enough-1', roles: ['staff'] }],
    ['member', 'POST', '/auth/tokens', 'name', {}],
    ['member', 'POST', '/proposals', 'title', { body: '建议……', kind: 'member' }],
    ['member', 'PATCH', `/proposals/${draft}`, 'title', {}],
    ['member', 'POST', '/opinions', 'title', { body: '情况反映……' }],
    ['staff', 'POST', '/selections', 'name', { year: 2025 }],
  ];

  it('refuses a blank name or title, or one with control characters, naming the field', async () => {
    const wrong: string[] = [];
    for (const [login, method, url, field, body] of NAMES()) {
      for (const value of [...BLANK, ...CONTROL]) {
        const before = await snapshot();
        const res = await send(login, method, url, { ...body, [field]: value });
        const paths = res.statusCode === 400 ? res.json().errors.map((e: { path: string }) => e.path) : [];
        if (!paths.includes(`/${field}`)) wrong.push(`${method} ${url} ${field}=${JSON.stringify(value)}: ${res.statusCode} ${res.body.slice(0, 160)}`);
        if (JSON.stringify(await snapshot()) !== JSON.stringify(before)) wrong.push(`${method} ${url} ${field}=${JSON.stringify(value)} changed the database`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses a blank text or one with control characters, and keeps line breaks and tabs', async () => {
    for (const value of ['  \n\t ', '原因\u0000', '原因\u0008']) {
      const res = await send('staff', 'POST', `/proposals/${submitted}/actions/convert`, { to: 'opinion', reason: value });
      expect(res.statusCode, JSON.stringify(value)).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('/reason');
    }
    const body = '一、现状\n\t老城区缺少公园。\r\n二、建议\n\t建设口袋公园。';
    const res = await send('member', 'POST', '/proposals', { title: '关于 建设口袋公园 的提案', body, kind: 'member' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ title: '关于 建设口袋公园 的提案', body });
  });

  it('refuses a roster row whose name holds a line break (Alt+Enter in a cell)', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await rosterFile(['姓名', '党派', '界别'], [['欧阳\n修', '民盟', '教育界'], ['司马光', '民盟', '教育界']]))]), 'roster.xlsx');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/members/import?commit=false', headers: await t.as('admin'), payload: form });
    expect(res.json()).toMatchObject({ total: 2, valid: 1, errors: [{ row: 2, field: '姓名', message: expect.stringContaining('控制字符') }] });
  });

  it('says why in words, not with the pattern', async () => {
    const res = await send('admin', 'POST', '/sectors', { name: '\u3000' });
    expect(res.json().errors).toEqual([{ path: '/name', message: '不能为空白，不能含控制字符或换行' }]);
  });
});
