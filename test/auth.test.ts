import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, expectProblem, sessionHeaders, testApp, type TestApp } from './helpers.ts';

describe.each(engines)('authentication (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await testApp(engine, { LOGIN_MAX_FAILURES: 3, RATE_LIMIT_LOGIN_PER_MINUTE: 1000 }); });
  afterAll(async () => { await t?.close(); });

  const login = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

  it('sets an HttpOnly SameSite session cookie and answers me; logout ends the session', async () => {
    const res = await login('staff', t.fx.password);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ username: 'staff', roles: ['staff'], orgName: '测试市政协' });
    const c = res.cookies.find((x) => x.name === 'tx_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
    const headers = sessionHeaders(c.value);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers })).json().user.username).toBe('staff');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode).toBe(204);
    expectProblem(await t.app.inject({ url: '/api/v1/auth/me', headers }), 401);
  });

  it('stores passwords as argon2id hashes', async () => {
    const rows = await t.database.db.query.users.findMany();
    for (const u of rows) expect(u.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const a = expectProblem(await login('member2', 'wrong-password'), 401);
    const b = expectProblem(await login('nobody', 'wrong-password'), 401);
    expect(a.detail).toBe(b.detail);
  });

  it('throttles repeated failures, even for the right password, until an admin sets a new one', async () => {
    for (let i = 0; i < 3; i++) expectProblem(await login('leader', 'wrong-password'), 401);
    const throttled = await login('leader', t.fx.password);
    expect(expectProblem(throttled, 429).detail).toMatch(/秒后再试|try again/);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    // An admin resetting the password ends the delays.
    const reset = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${t.fx.userIds.leader}`, headers: await t.as('admin'), payload: { password: 'brand-new-pass-1' } });
    expect(reset.statusCode).toBe(200);
    expect((await login('leader', 'brand-new-pass-1')).statusCode).toBe(200);
  });

  it('asks which committee for a username in several, naming them only to whoever has the password', async () => {
    const add = async (admin: string, password: string) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: await t.as(admin), payload: { username: 'twin', password, roles: ['staff'] } });
      expect(res.statusCode).toBe(201);
    };
    await add('admin', 'twin-pass-1');
    await add('otherAdmin', 'twin-pass-1');
    const twin = (password: string, org?: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'twin', password, ...(org ? { org } : {}) } });

    // A wrong password learns nothing: the same answer as for an unknown user.
    const wrong = expectProblem(await twin('wrong-password'), 401);
    expect(wrong.detail).toBe(expectProblem(await login('nobody', 'wrong-password'), 401).detail);
    expect(wrong).not.toHaveProperty('orgs');

    const ambiguous = await twin('twin-pass-1');
    const problem = expectProblem(ambiguous, 400);
    expect(problem.errors).toEqual([{ path: '/org', message: '请选择政协' }]);
    expect(ambiguous.json().orgs).toHaveLength(2);
    expect(ambiguous.json().orgs).toEqual(expect.arrayContaining([{ id: t.fx.orgId, name: '测试市政协' }, { id: t.fx.otherOrgId, name: '另一市政协' }]));
    expect(ambiguous.cookies).toEqual([]);

    const chosen = await twin('twin-pass-1', t.fx.otherOrgId);
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json().user).toMatchObject({ username: 'twin', orgName: '另一市政协' });

    // A password that opens only one of them logs in there.
    const [mine] = (await t.database.db.query.users.findMany()).filter((u) => u.username === 'twin' && u.orgId === t.fx.orgId);
    const reset = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${mine!.id}`, headers: await t.as('admin'), payload: { password: 'twin-pass-2' } });
    expect(reset.statusCode).toBe(200);
    expect((await twin('twin-pass-2')).json().user).toMatchObject({ username: 'twin', orgName: '测试市政协' });
  });

  it('issues personal API tokens usable as Bearer, and revokes them', async () => {
    const h = await t.as('staff');
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: h, payload: { name: '数据同步' } });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ url: '/api/v1/members', headers: bearer })).statusCode).toBe(200);
    const list = await t.app.inject({ url: '/api/v1/auth/tokens', headers: h });
    expect(list.json().items).toEqual([expect.objectContaining({ id, name: '数据同步' })]);
    expect(JSON.stringify(list.json())).not.toContain(token.split('.')[1]);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${id}`, headers: h })).statusCode).toBe(204);
    expectProblem(await t.app.inject({ url: '/api/v1/members', headers: bearer }), 401);
    expectProblem(await t.app.inject({ url: '/api/v1/members', headers: { authorization: 'Bearer junk' } }), 401);
  });

  it('ends the sessions of a deactivated user', async () => {
    const h = await t.as('member2');
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: h })).statusCode).toBe(200);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/users/${t.fx.userIds.member2}`, headers: await t.as('admin') });
    expect(del.json().active).toBe(false);
    expectProblem(await t.app.inject({ url: '/api/v1/auth/me', headers: h }), 401);
    expectProblem(await login('member2', t.fx.password), 401);
  });

  it('sends security headers and a request id', async () => {
    const res = await t.app.inject({ url: '/api/health', headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBeDefined();
  });
});

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => { t = await testApp('embedded', { RATE_LIMIT_LOGIN_PER_MINUTE: 3, RATE_LIMIT_PUBLIC_PER_MINUTE: 5 }); });
  afterAll(async () => { await t?.close(); });

  it('limits login attempts per address', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x', password: 'y' }, remoteAddress: '10.0.0.7' })).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // another address is not affected
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x', password: 'y' }, remoteAddress: '10.0.0.8' })).statusCode).toBe(401);
  });

  it('limits anonymous requests but not logged-in users', async () => {
    const anon = [];
    for (let i = 0; i < 7; i++) anon.push((await t.app.inject({ url: '/api/health', remoteAddress: '10.0.0.9' })).statusCode);
    expect(anon.slice(0, 5).every((s) => s === 200)).toBe(true);
    expect(anon.slice(5)).toEqual([429, 429]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'staff', password: t.fx.password }, remoteAddress: '10.0.0.10' });
    const cookie = `tx_session=${res.cookies.find((c) => c.name === 'tx_session')!.value}`;
    for (let i = 0; i < 8; i++) expect((await t.app.inject({ url: '/api/v1/members', headers: { cookie }, remoteAddress: '10.0.0.10' })).statusCode).toBe(200);
  });

  it('does not count the web\'s pages and files, only the API (a page is dozens of requests)', async () => {
    const web = [];
    for (let i = 0; i < 8; i++) web.push((await t.app.inject({ url: i % 2 ? '/login' : '/assets/missing-chunk.js', remoteAddress: '10.0.0.11' })).statusCode);
    expect(web.filter((s) => s === 429)).toEqual([]);
    const api = [];
    for (let i = 0; i < 6; i++) api.push((await t.app.inject({ url: '/api/health', remoteAddress: '10.0.0.11' })).statusCode);
    expect(api).toEqual([200, 200, 200, 200, 200, 429]);
  });
});
