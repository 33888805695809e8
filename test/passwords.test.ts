// Changing one's own password, an administrator's reset that forces a change at the next login, the
// password policy, and the session probe of the web app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../src/server/core/schema.ts';
import { engines, expectProblem, sessionHeaders, snapshotter, testApp, type TestApp } from './helpers.ts';

describe.each(engines)('passwords (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await testApp(engine); });
  afterAll(async () => { await t?.close(); });

  const login = async (username: string, password: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    const cookie = res.cookies.find((c) => c.name === 'tx_session');
    return { res, headers: cookie ? sessionHeaders(cookie.value) : {} };
  };
  const call = (headers: Record<string, string>, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const change = (headers: Record<string, string>, currentPassword: string, newPassword: string) =>
    call(headers, 'POST', '/api/v1/auth/password', { currentPassword, newPassword });
  const audited = async (action: string, userId: string) =>
    (await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entityId, userId)))).length;
  let n = 0;
  /** A new staff login of its own (the fixture's are shared with other tests). */
  async function newUser(password = 'first-pass-1') {
    const username = `pw${++n}`;
    const res = await call(await t.as('admin'), 'POST', '/api/v1/users', { username, password, roles: ['staff'] });
    expect(res.statusCode).toBe(201);
    return { id: res.json().id as string, username };
  }

  it('changes my own password with the current one: my other sessions and tokens end, this one goes on', async () => {
    const u = await newUser();
    const here = (await login(u.username, 'first-pass-1')).headers;
    const elsewhere = (await login(u.username, 'first-pass-1')).headers;
    const token = (await call(here, 'POST', '/api/v1/auth/tokens', { name: '同步' })).json().token as string;
    const bearer = { authorization: `Bearer ${token}` };

    const res = await change(here, 'first-pass-1', 'second-pass-2');
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ username: u.username, mustChangePassword: false });
    expect((await call(here, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expectProblem(await call(elsewhere, 'GET', '/api/v1/auth/me'), 401);
    expectProblem(await call(bearer, 'GET', '/api/v1/auth/me'), 401);
    expectProblem((await login(u.username, 'first-pass-1')).res, 401);
    expect((await login(u.username, 'second-pass-2')).res.statusCode).toBe(200);
    expect(await audited('passwordChanged', u.id)).toBe(1);
  });

  it('refuses a wrong current password, a password against the policy or the same one, naming the field and changing nothing', async () => {
    const u = await newUser();
    const named = await newUser();
    const admin = await t.as('admin');
    const { headers } = await login(u.username, 'first-pass-1');
    const snapshot = snapshotter(t);
    const before = await snapshot();
    const refused: [string, string, number, string, string][] = [
      ['wrong-pass-1', 'second-pass-2', 422, '/currentPassword', '当前密码不正确'],
      ['first-pass-1', 'short-1', 400, '/newPassword', '至少 8 个字符'],
      ['first-pass-1', 'no-digits-at-all', 422, '/newPassword', '须同时包含字母和数字'],
      ['first-pass-1', '1234567890', 422, '/newPassword', '须同时包含字母和数字'],
      ['first-pass-1', 'first-pass-1', 422, '/newPassword', '不能与当前密码相同'],
    ];
    for (const [current, next, status, path, message] of refused) {
      expect(expectProblem(await change(headers, current, next), status).errors, `${current} → ${next}`).toEqual([{ path, message }]);
    }
    expect(await snapshot()).toEqual(before);
    // The same policy when an administrator sets one: not the username, letters and digits.
    expect(expectProblem(await call(admin, 'PATCH', `/api/v1/users/${named.id}`, { password: 'only-letters-here' }), 422).errors)
      .toEqual([{ path: '/password', message: '须同时包含字母和数字' }]);
    const sameAsName = await call(admin, 'POST', '/api/v1/users', { username: 'abc12345', password: 'ABC12345', roles: ['staff'] });
    expect(expectProblem(sameAsName, 422).errors).toEqual([{ path: '/password', message: '不能与用户名相同' }]);
    expect(await snapshot()).toEqual(before);
  });

  it('an API token cannot change the password', async () => {
    const u = await newUser();
    const { headers } = await login(u.username, 'first-pass-1');
    const token = (await call(headers, 'POST', '/api/v1/auth/tokens', { name: '脚本' })).json().token as string;
    expectProblem(await change({ authorization: `Bearer ${token}` }, 'first-pass-1', 'second-pass-2'), 403);
  });

  it("an administrator's reset is temporary: after logging in with it the user may do nothing but choose their own", async () => {
    const u = await newUser();
    const before = (await login(u.username, 'first-pass-1')).headers;
    const reset = await call(await t.as('admin'), 'PATCH', `/api/v1/users/${u.id}`, { password: 'temp-pass-9' });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ mustChangePassword: true });
    expectProblem(await call(before, 'GET', '/api/v1/auth/me'), 401);
    expect(await audited('passwordReset', u.id)).toBe(1);

    const { res, headers } = await login(u.username, 'temp-pass-9');
    expect(res.json().user).toMatchObject({ username: u.username, mustChangePassword: true });
    // The server, not only the app, holds them to it.
    for (const url of ['/api/v1/members', '/api/v1/notifications', '/api/v1/auth/tokens']) {
      expect(expectProblem(await call(headers, 'GET', url), 403).detail).toBe('管理员重置了您的密码，请先设置新密码');
    }
    expectProblem(await call(headers, 'POST', '/api/v1/auth/tokens', { name: '绕过' }), 403);
    expect((await call(headers, 'GET', '/api/v1/auth/me')).json().user.mustChangePassword).toBe(true);
    expect((await call(headers, 'GET', '/api/v1/auth/session')).json().user.mustChangePassword).toBe(true);
    // A public list answers them as it answers a visitor.
    const published = await call(headers, 'GET', '/api/v1/proposals?published=true');
    expect(published.json()).toEqual((await t.app.inject({ url: '/api/v1/proposals?published=true' })).json());

    const changed = await change(headers, 'temp-pass-9', 'my-own-pass-3');
    expect(changed.json().user.mustChangePassword).toBe(false);
    expect((await call(headers, 'GET', '/api/v1/members')).statusCode).toBe(200);
    expect((await login(u.username, 'my-own-pass-3')).res.json().user.mustChangePassword).toBe(false);
  });

  it('an administrator may set a password that needs no change (a login for a system) or ask for a change without one', async () => {
    const u = await newUser();
    const admin = await t.as('admin');
    expect((await call(admin, 'PATCH', `/api/v1/users/${u.id}`, { password: 'system-pass-4', mustChangePassword: false })).json().mustChangePassword).toBe(false);
    const { headers } = await login(u.username, 'system-pass-4');
    expect((await call(headers, 'GET', '/api/v1/members')).statusCode).toBe(200);
    expect((await call(admin, 'PATCH', `/api/v1/users/${u.id}`, { mustChangePassword: true })).json().mustChangePassword).toBe(true);
    expectProblem(await call(headers, 'GET', '/api/v1/members'), 403);
  });

  it('the session probe answers a visitor 200 with no user; /auth/me keeps its 401', async () => {
    const visitor = await t.app.inject({ url: '/api/v1/auth/session' });
    expect(visitor.statusCode).toBe(200);
    expect(visitor.json()).toEqual({ user: null });
    expectProblem(await t.app.inject({ url: '/api/v1/auth/me' }), 401);
    const staff = await t.app.inject({ url: '/api/v1/auth/session', headers: await t.as('staff') });
    expect(staff.json().user).toMatchObject({ username: 'staff', roles: ['staff'], orgName: '测试市政协', mustChangePassword: false });
  });
});
