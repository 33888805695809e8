import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgFromCli, OrgCliError } from '../src/server/modules/org/cli.ts';
import { proposals } from '../src/server/modules/proposals/schema.ts';
import { apiAs, engines, expectProblem, sessionHeaders, testApp, type TestApp } from './helpers.ts';

// Committees below (org/oversight.ts): the city's admin sets up a county committee and its first
// admin; the county then runs itself, from nothing; the city reads its figures rolled up and
// nothing else of it.

describe.each(engines)('committees below (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await testApp(engine); });
  afterAll(async () => { await t?.close(); });
  const { call, ok, refused } = apiAs(() => t);

  /** A session of `username` in committee `org`, from the login route. */
  async function login(username: string, password: string, org: string) {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password, org } });
    return res;
  }
  const headersOf = (res: Awaited<ReturnType<typeof login>>) => {
    const cookie = String(res.headers['set-cookie']).match(/tx_session=([^;]+)/)![1]!;
    return sessionHeaders(cookie);
  };
  const as = (h: Record<string, string>, method: string, url: string, payload?: object) =>
    t.app.inject({ method: method as 'POST', url: `/api/v1${url}`, headers: h, ...(payload ? { payload } : {}) });

  it('creates a county committee one level below, with a code no other committee has', async () => {
    const county = await ok('admin', 'POST', '/orgs', { name: '鼓楼区政协', level: 'county', code: '320106', region: '鼓楼区' });
    expect(county).toMatchObject({ name: '鼓楼区政协', level: 'county', parentId: t.fx.orgId, code: '320106', region: '鼓楼区', active: true });
    expect((await refused(422, 'admin', 'POST', '/orgs', { name: '另一个', level: 'county', code: '320106' })).errors[0].path).toBe('/code');
    expect((await refused(422, 'admin', 'POST', '/orgs', { name: '同级', level: 'city' })).errors[0].path).toBe('/level');
    // A county has no committees below it.
    expect((await refused(422, 'parentAdmin', 'POST', '/orgs', { name: '越级', level: 'county' })).errors[0].path).toBe('/level');
    const children = await ok('admin', 'GET', '/orgs/children?pageSize=100');
    expect(children.items.map((o: { name: string }) => o.name)).toContain('鼓楼区政协');
    // The province sees the city's children in its tree, but they are not its children to manage.
    expect((await ok('parentAdmin', 'GET', '/orgs')).items.map((o: { id: string }) => o.id)).toContain(county.id);
    await refused(404, 'parentAdmin', 'POST', `/orgs/${county.id}/admin`, { username: 'sneaky' });
    await refused(404, 'siblingAdmin', 'DELETE', `/orgs/${county.id}`);
    await refused(403, 'staff', 'POST', `/orgs/${county.id}/admin`, { username: 'nope' });
  });

  it("gives the county its first admin, who changes the password and sets the county up from nothing", async () => {
    const county = await ok('admin', 'POST', '/orgs', { name: '玄武区政协', level: 'county', code: '320102' });
    const made = await ok('admin', 'POST', `/orgs/${county.id}/admin`, { username: 'xwadmin', displayName: '玄武区管理员' });
    expect(made).toMatchObject({ created: true, user: { username: 'xwadmin', roles: ['admin'], mustChangePassword: true } });
    expect(made.password).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{8,}$/);
    expect((await ok('admin', 'GET', '/orgs/children?pageSize=100')).items.find((o: { id: string }) => o.id === county.id).admins).toEqual(['xwadmin']);

    const first = await login('xwadmin', made.password, county.id);
    expect(first.statusCode).toBe(200);
    let h = headersOf(first);
    expectProblem(await as(h, 'GET', '/sectors'), 403); // a temporary password: change it first
    expect((await as(h, 'POST', '/auth/password', { currentPassword: made.password, newPassword: 'xuanwu-2026' })).statusCode).toBe(200);
    h = headersOf(await login('xwadmin', 'xuanwu-2026', county.id));
    const me = (await as(h, 'GET', '/auth/me')).json().user;
    expect(me).toMatchObject({ orgId: county.id, orgName: '玄武区政协', mustChangePassword: false });

    const made201 = async (url: string, body: object) => {
      const res = await as(h, 'POST', url, body);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(201);
      return res.json();
    };
    const term = await made201('/terms', { number: 1, startYear: 2026, endYear: 2031, current: true });
    await made201(`/terms/${term.id}/sessions`, { number: 1, startsOn: '2026-01-10' });
    const sector = await made201('/sectors', { name: '教育界' });
    const unit = await made201('/units', { name: '玄武区教育局', kind: 'government' });
    const member = await made201('/members', { name: '钱七', sectorId: sector.id, party: '民进', standing: false, phone: '13900000007' });
    await made201('/users', { username: 'qianqi', password: 'qianqi-2026', roles: ['member'], memberId: member.id });
    await made201('/users', { username: 'xwunit', password: 'xwunit-2026', roles: ['unit'], unitId: unit.id });
    expect((await as(h, 'PATCH', '/proposals/settings', { bodyLimit: 6000 })).statusCode).toBe(200);
    // Its own, and nothing of the city's; the city sees none of it either.
    expect((await as(h, 'GET', '/members?pageSize=100')).json().items.map((m: { name: string }) => m.name)).toEqual(['钱七']);
    expect((await as(h, 'GET', '/orgs')).json().items.map((o: { id: string }) => o.id)).toEqual([county.id]);
    expect((await ok('staff', 'GET', '/members?pageSize=100')).items.map((m: { name: string }) => m.name)).not.toContain('钱七');
    expectProblem(await call('admin', 'GET', `/members/${member.id}`), 404);
    expectProblem(await call('parentAdmin', 'GET', `/members/${member.id}`), 404);

    // A reset: a new temporary password, and the admin's sessions end.
    const reset = await ok('admin', 'POST', `/orgs/${county.id}/admin`, { username: 'xwadmin', password: 'reset-pass-1' });
    expect(reset).toMatchObject({ created: false, user: { mustChangePassword: true } });
    expect(reset).not.toHaveProperty('password');
    expectProblem(await as(h, 'GET', '/auth/me'), 401);
    expect((await login('xwadmin', 'reset-pass-1', county.id)).statusCode).toBe(200);
  });

  it('deactivates a committee below: its logins end and none logs in until reactivated', async () => {
    const county = await ok('admin', 'POST', '/orgs', { name: '秦淮区政协', level: 'county' });
    await ok('admin', 'POST', `/orgs/${county.id}/admin`, { username: 'qhadmin', password: 'qinhuai-2026' });
    const h = headersOf(await login('qhadmin', 'qinhuai-2026', county.id));
    expect((await ok('admin', 'DELETE', `/orgs/${county.id}`)).active).toBe(false);
    expectProblem(await as(h, 'GET', '/auth/me'), 401);
    expectProblem(await login('qhadmin', 'qinhuai-2026', county.id), 401);
    expect((await ok('admin', 'GET', '/orgs/children?pageSize=100')).items.map((o: { id: string }) => o.id)).not.toContain(county.id);
    expect((await ok('admin', 'GET', '/orgs/children?pageSize=100&active=false')).items.map((o: { id: string }) => o.id)).toContain(county.id);
    await refused(409, 'admin', 'POST', `/orgs/${county.id}/admin`, { username: 'qhadmin' });
    await refused(409, 'admin', 'PATCH', `/orgs/${t.fx.orgId}`, { active: false });
    // Pickers and public lists leave it out: the tree (county pickers, the stats page), the province's
    // tree, the roll-up by committee, the register page's choice; the 下级政协 page lists it (above).
    const ids = async (user: string, url: string) => (await ok(user, 'GET', url)).items.map((o: { id: string }) => o.id);
    expect(await ids('admin', '/orgs')).not.toContain(county.id);
    expect(await ids('parentAdmin', '/orgs')).not.toContain(county.id);
    expect((await ok('admin', 'GET', '/orgs?active=all')).items.find((o: { id: string }) => o.id === county.id)).toMatchObject({ active: false });
    expect((await ok('staff', 'GET', '/proposals/stats?by=org&scope=tree')).committees).not.toContain('秦淮区政协');
    const register = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username: 'qhnetizen', password: 'netizen-pass-1', displayName: '网友' } });
    expectProblem(register, 422);
    const offered = register.json().orgs.map((o: { id: string }) => o.id);
    expect(offered).toContain(t.fx.orgId);
    expect(offered).not.toContain(county.id);
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username: 'qhnetizen', password: 'netizen-pass-1', displayName: '网友', org: county.id } }), 422);
    // A username in the city and in the deactivated county: the login's 400 list never names the county.
    await ok('admin', 'POST', '/users', { username: 'qhadmin', password: 'qinhuai-2026', roles: ['staff'] });
    const both = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'qhadmin', password: 'qinhuai-2026' } });
    expect(both.statusCode, both.body).toBe(200);
    expect(both.json().user.orgId).toBe(t.fx.orgId);
    expect((await ok('admin', 'PATCH', `/orgs/${county.id}`, { active: true })).active).toBe(true);
    expect((await login('qhadmin', 'qinhuai-2026', county.id)).statusCode).toBe(200);
    expect(await ids('admin', '/orgs')).toContain(county.id);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'qhadmin', password: 'qinhuai-2026' } });
    expectProblem(again, 400);
    expect(again.json().orgs.map((o: { id: string }) => o.id).sort()).toEqual([t.fx.orgId, county.id].sort());
  });

  it("rolls the county's figures up into the city's, and the city's into the province's", async () => {
    const county = await ok('admin', 'POST', '/orgs', { name: '建邺区政协', level: 'county' });
    await ok('admin', 'POST', `/orgs/${county.id}/admin`, { username: 'jyadmin', password: 'jianye-2026' });
    let h = headersOf(await login('jyadmin', 'jianye-2026', county.id));
    await as(h, 'POST', '/auth/password', { currentPassword: 'jianye-2026', newPassword: 'jianye-2027' });
    h = headersOf(await login('jyadmin', 'jianye-2027', county.id));
    const sector = (await as(h, 'POST', '/sectors', { name: '经济界' })).json();
    const member = (await as(h, 'POST', '/members', { name: '孙八', sectorId: sector.id, party: '中共', standing: false })).json();
    await as(h, 'POST', '/users', { username: 'sunba', password: 'sunba-2026', roles: ['member'], memberId: member.id });
    const m = headersOf(await login('sunba', 'sunba-2026', county.id));
    for (const title of ['关于建邺区河道治理的提案', '关于建邺区学校扩容的提案']) {
      const p = (await as(m, 'POST', '/proposals', { title, body: '建议加快推进。', kind: 'member' })).json();
      expect((await as(m, 'POST', `/proposals/${p.id}/actions/submit`, {})).statusCode).toBe(200);
    }
    const received = async (user: string, qs: string) => (await ok(user, 'GET', `/proposals/stats?${qs}`));
    const own = await received('staff', 'by=org');
    const tree = await received('staff', 'by=org&scope=tree');
    expect(tree.total.received).toBe(own.total.received + 2);
    expect(tree.rows.find((r: { key: string }) => r.key === '建邺区政协').received).toBe(2);
    expect(tree.committees).toEqual(expect.arrayContaining(['测试市政协', '建邺区政协']));
    expect((await received('leader', 'by=domain&scope=tree')).total.received).toBe(tree.total.received);
    // The province adds up the city and its counties; the grandparent too; the sibling sees none of it.
    expect((await received('parentAdmin', 'by=org&scope=tree')).total.received).toBe(tree.total.received);
    expect((await received('grandparentStaff', 'by=org&scope=tree')).total.received).toBe(tree.total.received);
    expect((await received('siblingAdmin', 'by=org&scope=tree')).total.received).toBe(0);
    // Its published proposals are listed upward on asking (scope=tree); its others never.
    const [published] = await t.database.db.insert(proposals).values({
      orgId: county.id, title: '关于建邺区公园绿地开放的提案', body: '建议开放。', kind: 'member', state: 'closed', proposerMemberId: member.id, proposerName: '孙八',
      createdBy: member.id, submittedAt: new Date(), published: true, publishedAt: new Date(),
    }).returning();
    const titles = async (user: string, qs: string) => (await ok(user, 'GET', `/proposals?pageSize=100&${qs}`)).items.map((p: { title: string }) => p.title);
    expect(await titles('staff', 'published=true&scope=tree')).toContain(published!.title);
    expect(await titles('parentAdmin', 'published=true&scope=tree')).toContain(published!.title);
    expect(await titles('staff', 'published=true')).not.toContain(published!.title);
    expect(await titles('siblingAdmin', 'published=true&scope=tree')).not.toContain(published!.title);
    const all = await titles('staff', 'scope=tree');
    expect(all.filter((x: string) => x.includes('建邺区'))).toEqual([]);
    // A deactivated county drops out of the roll-up; members and units never come with it.
    await ok('admin', 'DELETE', `/orgs/${county.id}`);
    expect((await received('staff', 'by=org&scope=tree')).total.received).toBe(own.total.received);
    expect(JSON.stringify(tree)).not.toContain('孙八');
  });

  it('creates a top committee and one below it from the command line (tongxin org create), each with its first admin', async () => {
    const top = await createOrgFromCli(t.database.db, { name: '江苏省政协', level: 'provincial', code: 'js32' });
    const [, id, password] = /: ([0-9a-f-]{36})\n.*password "([^"]+)"/s.exec(top)!;
    const res = await login('admin', password!, id!);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ orgId: id, mustChangePassword: true });
    const below = await createOrgFromCli(t.database.db, { name: '苏州市政协', level: 'city', parent: 'js32', admin: 'szadmin', password: 'suzhou-2026' });
    expect(below).toContain('under 江苏省政协');
    const cityId = /: ([0-9a-f-]{36})/.exec(below)![1]!;
    expect((await login('szadmin', 'suzhou-2026', cityId)).statusCode).toBe(200);
    await expect(createOrgFromCli(t.database.db, { name: '昆山市政协', level: 'provincial', parent: 'js32' })).rejects.toThrow(OrgCliError);
    await expect(createOrgFromCli(t.database.db, { name: '重复', level: 'city', code: 'js32' })).rejects.toThrow(/another committee has this code/);
    await expect(createOrgFromCli(t.database.db, { name: '无上级', level: 'county', parent: 'nowhere' })).rejects.toThrow(/No committee/);
  });
});
