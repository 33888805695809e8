import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, opinionIn, proposalIn, testApp, type TestApp } from './helpers.ts';

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

  it('the audit log names the object of each entry by its title, linked to its page; a deleted one still lists', async () => {
    type Entry = { entity: string; entityId: string | null; action: string; entityTitle: string | null; entityHref: string | null; entityGone: boolean };
    const opinionId = await opinionIn(t, 'approved', '关于老旧小区加装电梯的建议');
    const staff = await t.as('staff');
    const made = await t.app.inject({ method: 'POST', url: '/api/v1/consultations', headers: staff, payload: { title: '关于审计日志的协商', kind: 'bimonthly', year: 2031 } });
    expect(made.statusCode, made.body).toBe(201);
    const consultationId = made.json().id as string;
    const category = await t.app.inject({ method: 'POST', url: '/api/v1/documents/categories', headers: staff, payload: { name: '将被删除的分类' } });
    expect(category.statusCode, category.body).toBe(201);
    const categoryId = category.json().id as string;
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/documents/categories/${categoryId}`, headers: staff })).statusCode).toBe(204);

    const items = (await get('admin', '/api/v1/audit?pageSize=100')).items as Entry[];
    const of = (entity: string, id: string) => items.filter((e) => e.entity === entity && e.entityId === id);
    expect(of('proposal', id).length).toBeGreaterThan(1);
    for (const e of of('proposal', id)) expect(e).toMatchObject({ entityTitle: '关于建设社区公园的提案', entityHref: `/proposals/${id}`, entityGone: false });
    expect(of('proposal', id).map((e) => e.action)).toContain('assign');
    expect(of('opinion', opinionId)[0]).toMatchObject({ entityTitle: '关于老旧小区加装电梯的建议', entityHref: `/opinions/${opinionId}`, entityGone: false });
    expect(of('consultation', consultationId)[0]).toMatchObject({ entityTitle: '关于审计日志的协商', entityHref: `/consultations/${consultationId}`, entityGone: false });
    // Gone: its id stays, with the name it was recorded by, and no page to go to.
    expect(of('documentCategory', categoryId).map((e) => e.action)).toEqual(['delete', 'create']);
    for (const e of of('documentCategory', categoryId)) expect(e).toMatchObject({ entityId: categoryId, entityTitle: '将被删除的分类', entityHref: null, entityGone: true });
    // Filtered by object, and in the export.
    const one = (await get('admin', `/api/v1/audit?entity=consultation&entityId=${consultationId}`)).items as Entry[];
    expect(one.map((e) => e.entityTitle)).toEqual(one.map(() => '关于审计日志的协商'));
    const csv = await t.app.inject({ url: '/api/v1/audit.csv?entity=documentCategory', headers: await t.as('admin') });
    expect(csv.body).toContain('将被删除的分类（已删除）');
    // Names the app writes read in the reader's language; the log stays the admin's.
    const term = (await get('admin', '/api/v1/audit?entity=term&pageSize=5')).items as Entry[];
    if (term[0]) expect(term[0].entityTitle).toMatch(/^第\d+届$/);
    expect((await t.app.inject({ url: '/api/v1/audit', headers: staff })).statusCode).toBe(403);
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
