import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, users } from '../src/server/core/schema.ts';
import { withNameSort } from '../src/server/core/text/pinyin.ts';
import { members } from '../src/server/modules/org/schema.ts';
import { apiAs, engines, expectProblem, sessionHeaders, snapshotter, testApp, type TestApp } from './helpers.ts';

// One person on several levels (core/auth/accounts.ts): the city's member 张三 (login `member`) is
// also on the county committee, where its admin gives them a login `zhang` (member and staff there).
// Only 张三, proving zhang's password, links it to their account; then one password opens both, the
// header's switch moves between them, each with its own roles, and 双创 counts 张三 once.

describe.each(engines)('one login on several levels (%s)', (engine) => {
  let t: TestApp;
  const { ok, call } = apiAs(() => t);
  const COUNTY_ADMIN_PASS = 'county-admin-1';
  let zhangId = '', countyMemberId = '';
  beforeAll(async () => {
    t = await testApp(engine);
    // The city's admin gives the county its first admin, who sets their own password.
    const made = await ok('admin', 'POST', `/orgs/${t.fx.countyId}/admin`, { username: 'countyAdmin', password: 'temporary-pass-1' });
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'countyAdmin', password: 'temporary-pass-1' } });
    const headers = sessionHeaders(first.cookies.find((c) => c.name === 'tx_session')!.value);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers, payload: { currentPassword: 'temporary-pass-1', newPassword: COUNTY_ADMIN_PASS } })).statusCode).toBe(200);
    expect(made.user.username).toBe('countyAdmin');
    // The county's own member record of 张三 (its sector: any; the county has none of its own in the fixture).
    const [m] = await t.database.db.insert(members).values(withNameSort({ orgId: t.fx.countyId, name: '张三', party: '中共', sectorId: t.fx.sectorIds[0]!, standing: false })).returning();
    countyMemberId = m!.id;
  });
  afterAll(async () => { await t?.close(); });

  const login = (username: string, password: string, org?: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password, ...(org ? { org } : {}) } });
  const cookieOf = (res: { cookies: { name: string; value: string }[] }) => sessionHeaders(res.cookies.find((c) => c.name === 'tx_session')!.value);
  const countyAdmin = async () => cookieOf(await login('countyAdmin', COUNTY_ADMIN_PASS));
  const as = (headers: Record<string, string>, method: string, url: string, payload?: object) =>
    t.app.inject({ method: method as 'POST', url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

  it("an admin's login for the same person is a login on its own, until the person links it with its password", async () => {
    const headers = await countyAdmin();
    const made = await as(headers, 'POST', '/users', { username: 'zhang', password: 'zhang-county-1', roles: ['member', 'staff'], memberId: countyMemberId });
    expect(made.statusCode, made.body).toBe(201);
    zhangId = made.json().id;
    // Nothing links yet: each password opens its own committee, and the city login lists one membership.
    expect((await login('zhang', 'zhang-county-1')).json().user).toMatchObject({ orgName: '测试区政协' });
    expect((await login('zhang', t.fx.password)).statusCode).toBe(401);
    expect((await ok('member', 'GET', '/auth/memberships')).items).toEqual([expect.objectContaining({ orgName: '测试市政协', username: 'member', roles: ['member'], current: true })]);
    expect((await ok('member', 'GET', '/auth/me')).user.linked).toBe(false);

    // The county's admin cannot take the city login over: they know no password of it.
    expectProblem(await as(headers, 'POST', '/auth/memberships', { username: 'member', password: 'guessed-pass-1' }), 401);
    // Nor by naming another login's username in their own committee with a password they set (it opens only that one).
    const twin = await as(headers, 'POST', '/users', { username: 'member', password: 'admin-chosen-1', roles: ['member'], memberId: countyMemberId });
    expect(twin.statusCode).toBe(201);
    expect((await login('member', 'admin-chosen-1')).json().user.orgName).toBe('测试区政协');
    expect((await login('member', t.fx.password)).json().user.orgName).toBe('测试市政协');
    expect((await as(headers, 'DELETE', `/users/${twin.json().id}`)).statusCode).toBe(200);

    // The person: a wrong password links nothing.
    expectProblem(await call('member', 'POST', '/auth/memberships', { username: 'zhang', password: 'wrong-pass-1' }), 401);
    expect((await ok('member', 'GET', '/auth/memberships')).items).toHaveLength(1);
    // The right one joins zhang to their account; it takes their password (the county's no longer opens it).
    const linked = await ok('member', 'POST', '/auth/memberships', { username: 'zhang', password: 'zhang-county-1' });
    expect(linked.items.map((m: { orgName: string; username: string; roles: string[]; current: boolean }) => [m.orgName, m.username, m.roles, m.current])).toEqual([
      ['测试市政协', 'member', ['member'], true], ['测试区政协', 'zhang', ['member', 'staff'], false],
    ]);
    expect((await login('zhang', 'zhang-county-1')).statusCode).toBe(401);
    // It says so now (the header lists the memberships only then).
    expect((await ok('member', 'GET', '/auth/me')).user.linked).toBe(true);
    // Linked twice, or into a committee where the account has a login already: 409, nothing changes.
    expectProblem(await call('member', 'POST', '/auth/memberships', { username: 'zhang', password: t.fx.password }), 409);
    expect((await ok('member', 'GET', '/auth/memberships')).items).toHaveLength(2);
    // An API token cannot link.
    const token = (await ok('member', 'POST', '/auth/tokens', { name: 'link' })).token as string;
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/auth/memberships', headers: { authorization: `Bearer ${token}` }, payload: { username: 'zhang', password: t.fx.password } }), 403);
  });

  it('one password opens the account: its last-used membership, or the one named; no committee to choose', async () => {
    // Either username opens the account; the last used membership is the city's (member logged in there).
    const viaCounty = await login('zhang', t.fx.password);
    expect(viaCounty.statusCode).toBe(200);
    expect(viaCounty.json().user).toMatchObject({ username: 'member', orgName: '测试市政协', roles: ['member'] });
    const named = await login('member', t.fx.password, t.fx.countyId);
    expect(named.json().user).toMatchObject({ username: 'zhang', orgName: '测试区政协', roles: ['member', 'staff'] });
    // That was the last used: the next login without a committee opens it.
    expect((await login('member', t.fx.password)).json().user.orgName).toBe('测试区政协');
  });

  it('switches committee without a password: a new session with that membership, acting with its roles only', async () => {
    const city = cookieOf(await login('member', t.fx.password, t.fx.orgId));
    // As the city's member: no 双创 figures (members read their own rows only).
    expectProblem(await as(city, 'GET', '/creation/figures'), 403);
    // Switching to a committee without a membership: 422, and no session changes.
    const snap = snapshotter(t);
    const before = await snap();
    expect(expectProblem(await as(city, 'POST', '/auth/switch', { orgId: t.fx.otherOrgId }), 422).errors[0]!.path).toBe('/orgId');
    expect(await snap()).toEqual(before);

    const switched = await as(city, 'POST', '/auth/switch', { orgId: t.fx.countyId });
    expect(switched.statusCode, switched.body).toBe(200);
    expect(switched.json().user).toMatchObject({ id: zhangId, orgId: t.fx.countyId, orgName: '测试区政协', roles: ['member', 'staff'], linked: true });
    const inCounty = cookieOf(switched);
    // The city session ended; the new one is the county's, with the county's roles and data.
    expectProblem(await as(city, 'GET', '/auth/me'), 401);
    expect((await as(inCounty, 'GET', '/auth/me')).json().user.orgName).toBe('测试区政协');
    expect((await as(inCounty, 'GET', '/auth/memberships')).json().items.map((m: { current: boolean; orgName: string }) => [m.orgName, m.current]))
      .toEqual([['测试市政协', false], ['测试区政协', true]]);
    expect((await as(inCounty, 'GET', '/creation/figures')).statusCode).toBe(200);
    const members = (await as(inCounty, 'GET', '/members?pageSize=100')).json();
    expect(members.items.map((m: { id: string }) => m.id)).toEqual([countyMemberId]);
    // Staff of the county only: nothing of the city is reachable, and no admin route.
    expectProblem(await as(inCounty, 'GET', `/members/${t.fx.memberIds[1]}`), 404);
    expectProblem(await as(inCounty, 'GET', '/users'), 403);

    // API tokens are per membership: one made in the county acts there, and cannot switch.
    const token = (await as(inCounty, 'POST', '/auth/tokens', { name: '县里' })).json().token as string;
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: bearer })).json().user.orgName).toBe('测试区政协');
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/auth/switch', headers: bearer, payload: { orgId: t.fx.orgId } }), 403);

    // And back: the member's roles again.
    const back = cookieOf(await as(inCounty, 'POST', '/auth/switch', { orgId: t.fx.orgId }));
    expect((await as(back, 'GET', '/auth/me')).json().user).toMatchObject({ orgName: '测试市政协', roles: ['member'] });
    expectProblem(await as(back, 'GET', '/creation/figures'), 403);
  });

  it("changing the password changes it for every membership and ends the others' sessions and tokens", async () => {
    const county = cookieOf(await login('zhang', t.fx.password, t.fx.countyId));
    const city = cookieOf(await login('member', t.fx.password, t.fx.orgId));
    const token = (await as(county, 'POST', '/auth/tokens', { name: '县里' })).json().token as string;
    const changed = await as(city, 'POST', '/auth/password', { currentPassword: t.fx.password, newPassword: 'shared-new-pass-1' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await login('zhang', 'shared-new-pass-1', t.fx.countyId)).statusCode).toBe(200);
    expect((await login('member', 'shared-new-pass-1', t.fx.orgId)).statusCode).toBe(200);
    expect((await login('zhang', t.fx.password)).statusCode).toBe(401);
    expectProblem(await as(county, 'GET', '/auth/me'), 401);
    expectProblem(await t.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } }), 401);
    expect((await as(city, 'GET', '/auth/me')).statusCode).toBe(200);
  });

  it('deactivating one membership ends that one only; a password reset by an admin takes it out of the account', async () => {
    const password = 'shared-new-pass-1';
    const city = cookieOf(await login('member', password, t.fx.orgId));
    const countySession = cookieOf(await login('zhang', password, t.fx.countyId));
    const admin = await countyAdmin();
    expect((await as(admin, 'DELETE', `/users/${zhangId}`)).statusCode).toBe(200);
    expectProblem(await as(countySession, 'GET', '/auth/me'), 401);
    // The city membership goes on; the county is no longer listed nor reachable.
    expect((await as(city, 'GET', '/auth/memberships')).json().items.map((m: { orgName: string }) => m.orgName)).toEqual(['测试市政协']);
    expectProblem(await as(city, 'POST', '/auth/switch', { orgId: t.fx.countyId }), 422);
    // Its username still opens the person's account: their remaining membership.
    expect((await login('zhang', password)).json().user).toMatchObject({ username: 'member', orgName: '测试市政协' });

    // Reactivated, it is back in the account; an admin's new password detaches it: the county's
    // admin reaches the county login only, never the city one.
    expect((await as(admin, 'PATCH', `/users/${zhangId}`, { active: true })).statusCode).toBe(200);
    expect((await as(city, 'GET', '/auth/memberships')).json().items).toHaveLength(2);
    expect((await as(admin, 'PATCH', `/users/${zhangId}`, { password: 'admin-reset-pass-1' })).statusCode).toBe(200);
    expect((await login('zhang', 'admin-reset-pass-1')).json().user).toMatchObject({ username: 'zhang', orgName: '测试区政协' });
    expect((await login('member', 'admin-reset-pass-1')).statusCode).toBe(401);
    expect((await login('member', password, t.fx.countyId)).statusCode).toBe(401);
    expect((await as(city, 'GET', '/auth/memberships')).json().items).toHaveLength(1);
    const [row] = await t.database.db.select().from(users).where(and(eq(users.orgId, t.fx.countyId), eq(users.id, zhangId)));
    expect(row!.accountId).toBeNull();
    // The person links it again (its temporary password as proof) and it takes theirs.
    const relinked = await as(city, 'POST', '/auth/memberships', { username: 'zhang', password: 'admin-reset-pass-1', org: t.fx.countyId });
    expect(relinked.statusCode, relinked.body).toBe(201);
    expect((await login('zhang', password, t.fx.countyId)).statusCode).toBe(200);
  });

  it('the person takes a membership out of their account themself: it goes on alone with the password it had', async () => {
    const password = 'shared-new-pass-1';
    const city = cookieOf(await login('member', password, t.fx.orgId));
    const countySession = cookieOf(await login('zhang', password, t.fx.countyId));
    const token = (await as(city, 'POST', '/auth/tokens', { name: 'unlink' })).json().token as string;
    // Not with an API token (403), nor the committee they work in (409), nor one without a membership (404): nothing changes.
    expectProblem(await t.app.inject({ method: 'DELETE', url: `/api/v1/auth/memberships/${t.fx.countyId}`, headers: { authorization: `Bearer ${token}` } }), 403);
    const snap = snapshotter(t);
    const before = await snap();
    expectProblem(await as(city, 'DELETE', `/auth/memberships/${t.fx.orgId}`), 409);
    expectProblem(await as(city, 'DELETE', `/auth/memberships/${t.fx.otherOrgId}`), 404);
    expect(await snap()).toEqual(before);
    expect((await as(city, 'GET', '/auth/memberships')).json().items).toHaveLength(2);

    const unlinked = await as(city, 'DELETE', `/auth/memberships/${t.fx.countyId}`);
    expect(unlinked.statusCode, unlinked.body).toBe(200);
    expect(unlinked.json().items.map((m: { orgName: string }) => m.orgName)).toEqual(['测试市政协']);
    expect((await as(city, 'GET', '/auth/me')).json().user.linked).toBe(false);
    // The county login's session ends; it opens alone, with the password it had, and no switch reaches it.
    expectProblem(await as(countySession, 'GET', '/auth/me'), 401);
    expect((await login('zhang', password)).json().user).toMatchObject({ username: 'zhang', orgName: '测试区政协' });
    expect((await login('member', password)).json().user).toMatchObject({ username: 'member', orgName: '测试市政协' });
    expectProblem(await as(city, 'POST', '/auth/switch', { orgId: t.fx.countyId }), 422);
    const [audited] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.orgId, t.fx.orgId), eq(auditLog.action, 'membershipUnlinked')));
    expect(audited).toMatchObject({ entity: 'user', before: expect.objectContaining({ orgId: t.fx.countyId, username: 'zhang' }) });

    // Linked again, for the figures below.
    expect((await as(city, 'POST', '/auth/memberships', { username: 'zhang', password, org: t.fx.countyId })).statusCode).toBe(201);
  });

  it('counts a member of two committees once in the figures across levels (双创 participants)', async () => {
    // Staff of the city log an activity with 张三 (city record); the county's staff one with 张三 (county record).
    const countyStaff = cookieOf(await login('zhang', 'shared-new-pass-1', t.fx.countyId));
    expect((await ok('staff', 'POST', '/creation/activities', { kind: 'technology', date: '2025-06-10', place: '青山村', beneficiaries: 30, memberIds: [t.fx.memberIds[0]] })).id).toBeTruthy();
    expect((await ok('staff', 'POST', '/creation/activities', { kind: 'policy', date: '2025-06-12', place: '城关村', beneficiaries: 20, memberIds: [t.fx.memberIds[2]] })).id).toBeTruthy();
    const made = await as(countyStaff, 'POST', '/creation/activities', { kind: 'medicine', date: '2025-07-01', place: '县医院', beneficiaries: 10, memberIds: [countyMemberId] });
    expect(made.statusCode, made.body).toBe(201);
    const figures = async () => {
      const f = (await ok('staff', 'GET', '/creation/figures?year=2025')).figures as { key: string; value: number; source: string }[];
      const participants = f.find((x) => x.key === 'participants')!;
      const list = await ok('staff', 'GET', `${participants.source.replace('/api/v1', '')}&pageSize=100`);
      return { value: participants.value, list };
    };
    // Linked (the same account): 张三 and 王五, two people; 张三 once, with both committees' activities.
    const linked = await figures();
    expect(linked.value).toBe(2);
    expect(linked.list.total).toBe(2);
    const zhang = linked.list.items.find((p: { name: string }) => p.name === '张三');
    expect(zhang).toMatchObject({ orgId: t.fx.orgId, memberId: t.fx.memberIds[0], activities: 2 });
    // Taken out of the account (an admin's reset), the county's 张三 is no longer known to be the same person.
    expect((await as(await countyAdmin(), 'PATCH', `/users/${zhangId}`, { password: 'admin-reset-pass-2' })).statusCode).toBe(200);
    const apart = await figures();
    expect([apart.value, apart.list.total]).toEqual([3, 3]);
  });
});
