import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, proposalIn, testApp, type TestApp } from './helpers.ts';

// What the web app needs to speak the user's language about server data: to-dos carry their values
// apart from the Chinese title, a filed proposal its term and session, and the audit log reads
// newest first and names the kinds of object it holds.

describe.each(engines)('to-dos, numbers and the audit log for the web in any language (%s)', (engine) => {
  let t: TestApp;
  let id: string;
  const get = async (login: string, url: string) => {
    const res = await t.app.inject({ url, headers: await t.as(login) });
    expect(res.statusCode, `${login} ${url}: ${res.body}`).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await testApp(engine);
    id = await proposalIn(t, 'assigned', '关于建设社区公园的提案');
  });
  afterAll(async () => { await t?.close(); });

  it('a to-do has its kind and the values of its title', async () => {
    const unit = await get('unitA', '/api/v1/todos');
    expect(unit.items).toContainEqual(expect.objectContaining({ kind: 'sign', title: '签收或退回：关于建设社区公园的提案', params: { title: '关于建设社区公园的提案' } }));
    await t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as('member'), payload: { title: '关于增设公交站的提案', body: '建议增设公交站。', kind: 'member' } })
      .then(async (res) => t.app.inject({ method: 'POST', url: `/api/v1/proposals/${res.json().id}/actions/submit`, headers: await t.as('member'), payload: {} }));
    const staff = await get('staff', '/api/v1/todos');
    expect(staff.items).toContainEqual(expect.objectContaining({ kind: 'file', title: '待审查立案的提案 1 件', params: { n: 1 } }));
  });

  it('a filed proposal names the term and session of its number, in the list and alone', async () => {
    const one = await get('staff', `/api/v1/proposals/${id}`);
    expect(one).toMatchObject({ number: 1, numberLabel: '第五届第五次会议 第0001号', termNumber: 5, sessionNumber: 5 });
    const list = await get('staff', '/api/v1/proposals?state=submitted');
    for (const p of list.items) expect(p).toMatchObject({ number: null, termNumber: null, sessionNumber: null });
    const assigned = await get('staff', '/api/v1/proposals?state=assigned');
    expect(assigned.items.find((p: { id: string }) => p.id === id)).toMatchObject({ termNumber: 5, sessionNumber: 5 });
  });

  it('the audit log names each action and object in the reader\'s language, in the list and its export', async () => {
    const zh = (await get('admin', '/api/v1/audit?pageSize=100')).items as { entity: string; action: string; entityName: string; actionName: string }[];
    expect(zh).toContainEqual(expect.objectContaining({ entity: 'proposal', action: 'assign', entityName: '提案', actionName: '交办' }));
    const en = await t.app.inject({ url: '/api/v1/audit?pageSize=100', headers: { ...(await t.as('admin')), 'accept-language': 'en' } });
    expect(en.json().items).toContainEqual(expect.objectContaining({ entity: 'proposal', action: 'assign', entityName: 'Proposal', actionName: 'Assign' }));
    const csv = await t.app.inject({ url: '/api/v1/audit.csv', headers: await t.as('admin') });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('交办,提案');
    expect(csv.body).not.toMatch(/,assign,proposal,/);
  });

  it('the audit log reads newest first, by time, and names the kinds of object it holds', async () => {
    // An entry recorded now but dated earlier (as an import of old records would be) sorts by its time.
    const entries = (await get('admin', '/api/v1/audit?pageSize=100')).items as { id: number; at: string; entity: string }[];
    const ats = entries.map((e) => e.at);
    expect(ats).toEqual([...ats].sort().reverse());
    const newest = entries[0]!;
    await t.database.db.execute(sql`update audit_log set at = at - interval '1 day' where id = ${newest.id}`);
    const after = (await get('admin', '/api/v1/audit?pageSize=100')).items as { id: number }[];
    expect(after[0]!.id).not.toBe(newest.id);
    expect(after.at(-1)!.id).toBe(newest.id);

    const kinds = (await get('admin', '/api/v1/audit/entities')) as { entity: string; name: string }[];
    expect(kinds.map((k) => k.entity)).toEqual([...new Set(entries.map((e) => e.entity))].sort());
    expect(kinds).toContainEqual({ entity: 'proposal', name: '提案' });
    const english = await t.app.inject({ url: '/api/v1/audit/entities', headers: { ...(await t.as('admin')), 'accept-language': 'en' } });
    expect(english.json()).toContainEqual({ entity: 'proposal', name: 'Proposal' });
    const refused = await t.app.inject({ url: '/api/v1/audit/entities', headers: await t.as('staff') });
    expect(refused.statusCode).toBe(403);
  });

  it('the audit log is read by who acted and between two days (China time, both included)', async () => {
    const all = (await get('admin', '/api/v1/audit?pageSize=200')).items as { id: number; at: string; actorUserId: string | null }[];
    const byStaff = (await get('admin', `/api/v1/audit?pageSize=200&actorUserId=${t.fx.userIds.staff}`)).items as { id: number; actorUserId: string }[];
    expect(byStaff.length).toBeGreaterThan(0);
    expect(byStaff.map((e) => e.id)).toEqual(all.filter((e) => e.actorUserId === t.fx.userIds.staff).map((e) => e.id));
    // One entry dated late in a China day (16:30 UTC is half past midnight the next day there).
    const [entry] = all;
    await t.database.db.execute(sql`update audit_log set at = '2031-03-09T16:30:00Z' where id = ${entry!.id}`);
    const on = async (from: string, to: string) => ((await get('admin', `/api/v1/audit?pageSize=200&from=${from}&to=${to}`)).items as { id: number }[]).map((e) => e.id);
    expect(await on('2031-03-10', '2031-03-10')).toEqual([entry!.id]);
    expect(await on('2031-03-09', '2031-03-09')).toEqual([]);
    expect(await on('2031-03-01', '2031-03-31')).toEqual([entry!.id]);
    const backwards = await t.app.inject({ url: '/api/v1/audit?from=2031-03-10&to=2031-03-01', headers: await t.as('admin') });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().errors.map((e: { path: string }) => e.path)).toEqual(['/to']);
    expect((await t.app.inject({ url: '/api/v1/audit?from=2031-13-01', headers: await t.as('admin') })).statusCode).toBe(400);
  });
});
