import type { LightMyRequestResponse } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiTokens } from '../src/server/core/schema.ts';
import { engines, expectProblem, snapshotter, testApp, type TestApp } from './helpers.ts';

// Login throttling instead of lock-out (security finding 4.4) and API tokens that end with the
// password, the login, their expiry or an administrator's word (4.5).

describe.each(engines)('login throttling (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await testApp(engine, { LOGIN_MAX_FAILURES: 3, LOGIN_LOCK_MINUTES: 15, RATE_LIMIT_LOGIN_PER_MINUTE: 100_000 }); });
  afterAll(async () => { await t?.close(); });
  // The server's clock stands still unless a test moves it: waiting is done by moving it on.
  beforeEach(() => { vi.useFakeTimers({ toFake: ['Date'], now: Date.now() }); });
  afterEach(() => { vi.useRealTimers(); });
  const wait = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);

  const login = (username: string, password: string, address: string, cookie?: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: address, ...(cookie ? { headers: { cookie } } : {}) });
  const answer = (res: LightMyRequestResponse) => ({ status: res.statusCode, body: res.json(), retryAfter: res.headers['retry-after'], cookies: res.cookies.length });

  it('delays grow, refuse the right password too, and answer an unknown username exactly like a known one', async () => {
    // Three free failures, then each further try waits 1, 2, 4, 8 s: one attempt meanwhile (with
    // the right password) is refused, the one after the wait is checked (and fails again).
    const probe = async (username: string, address: string) => {
      const seen = [];
      for (let i = 0; i < 3; i++) seen.push(answer(await login(username, `wrong-${i}`, address)));
      for (const seconds of [1, 2, 4, 8]) {
        seen.push(answer(await login(username, t.fx.password, address)));
        wait(seconds);
        seen.push(answer(await login(username, 'wrong-again', address)));
      }
      return seen;
    };
    const known = await probe('unitB', '10.2.0.1');
    const unknown = await probe('no-such-user', '10.2.0.2');
    expect(unknown).toEqual(known);
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 429, 401, 429, 401, 429, 401, 429, 401]);
    expect(known.filter((a) => a.status === 429).map((a) => a.retryAfter)).toEqual(['1', '2', '4', '8']);
    expect(known[3]!.body.detail).toBe('尝试次数过多，请 1 秒后再试');
    // After the wait (16 s now), the right password opens the account.
    wait(16);
    expect((await login('unitB', t.fx.password, '10.2.0.1')).statusCode).toBe(200);
  });

  it('counts parallel attempts one by one', async () => {
    const all = await Promise.all(Array.from({ length: 8 }, (_, i) => login('unitA', `guess-${i}`, '10.5.0.1')));
    expect(all.map((r) => r.statusCode).sort()).toEqual([401, 401, 401, 429, 429, 429, 429, 429]);
  });

  it('counts an IPv6 client by its /64, and one address trying many usernames slows down too', async () => {
    // Twelve (four times the allowance) usernames, one failure each, from addresses of one /64.
    for (let i = 1; i <= 12; i++) expectProblem(await login(`spray-${i}`, 'Summer2026!', `2001:db8:7:7::${i}`), 401);
    expectProblem(await login('spray-13', 'Summer2026!', '2001:db8:7:7:ffff:1:2:3'), 429);
    expectProblem(await login('spray-13', 'Summer2026!', '2001:db8:7:8::1'), 401);
    // An IPv4 address is the same client written as IPv6.
    for (let i = 1; i <= 12; i++) expectProblem(await login(`spray4-${i}`, 'Summer2026!', '10.9.0.1'), 401);
    expectProblem(await login('spray4-13', 'Summer2026!', '::ffff:10.9.0.1'), 429);
  });

  it('an attacker on rotating addresses cannot keep the real user out', async () => {
    // The real user has logged in from their own browser before.
    const home = await login('leader', t.fx.password, '10.3.0.1');
    expect(home.statusCode).toBe(200);
    const device = home.cookies.find((c) => c.name === 'tx_device')!;
    expect(device).toMatchObject({ httpOnly: true, path: '/api/v1/auth/login' });

    // An hour of guessing from a new address (and a forged X-Forwarded-For) on every try.
    let guesses = 0;
    for (let minute = 0; minute < 60; minute++) {
      for (let i = 0; i < 5; i++) {
        const res = await t.app.inject({
          method: 'POST', url: '/api/v1/auth/login', payload: { username: 'leader', password: `guess-${minute}-${i}` },
          remoteAddress: `10.4.${minute}.${i}`, headers: { 'x-forwarded-for': `192.0.2.${i}` },
        });
        expect([401, 429]).toContain(res.statusCode);
        if (res.statusCode === 401) guesses++;
      }
      wait(61);
    }
    // Three free guesses, then at most one a minute.
    expect(guesses).toBeLessThanOrEqual(3 + 60);
    for (let i = 0; i < 3; i++) await login('leader', 'guess', `10.4.99.${i}`);

    // The real user's browser is not held up at all, from any address.
    expect((await login('leader', t.fx.password, '10.3.0.2', `tx_device=${device.value}`)).statusCode).toBe(200);
    // A new browser waits at most a minute, then gets in.
    const fresh = await login('leader', t.fx.password, '10.3.0.3');
    expectProblem(fresh, 429);
    expect(Number(fresh.headers['retry-after'])).toBeLessThanOrEqual(60);
    wait(Number(fresh.headers['retry-after']));
    expect((await login('leader', t.fx.password, '10.3.0.3')).statusCode).toBe(200);
    // A device cookie is good for its own username only.
    const other = await login('member2', 'wrong', '10.3.0.4', `tx_device=${device.value}`);
    expectProblem(other, 401);
  });
});

describe.each(engines)('API tokens (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await testApp(engine); });
  afterAll(async () => { await t?.close(); });

  const inject = async (as: string | Record<string, string>, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: typeof as === 'string' ? await t.as(as) : as, ...(payload ? { payload } : {}) });
  let n = 0;
  /** A new staff login with a session and a token. */
  async function newLogin() {
    const username = `tok${++n}`;
    const id = (await inject('admin', 'POST', '/api/v1/users', { username, password: 'first-pass-1', roles: ['staff'] })).json().id as string;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'first-pass-1' } });
    const session = { cookie: `tx_session=${res.cookies.find((c) => c.name === 'tx_session')!.value}` };
    const created = await inject(session, 'POST', '/api/v1/auth/tokens', { name: '同步' });
    expect(created.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${created.json().token}` };
    expect((await inject(bearer, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    return { id, username, session, bearer, tokenId: created.json().id as string };
  }

  it('a password reset ends the sessions and tokens at once', async () => {
    const u = await newLogin();
    expect((await inject('admin', 'PATCH', `/api/v1/users/${u.id}`, { password: 'second-pass-2' })).statusCode).toBe(200);
    expectProblem(await inject(u.bearer, 'GET', '/api/v1/auth/me'), 401);
    expectProblem(await inject(u.session, 'GET', '/api/v1/auth/me'), 401);
  });

  it('a deactivation ends them for good: reactivating brings no token back', async () => {
    const u = await newLogin();
    expect((await inject('admin', 'DELETE', `/api/v1/users/${u.id}`)).statusCode).toBe(200);
    expectProblem(await inject(u.bearer, 'GET', '/api/v1/auth/me'), 401);
    expectProblem(await inject(u.session, 'GET', '/api/v1/auth/me'), 401);
    expect((await inject('admin', 'PATCH', `/api/v1/users/${u.id}`, { active: true })).statusCode).toBe(200);
    expectProblem(await inject(u.bearer, 'GET', '/api/v1/auth/me'), 401);
    expectProblem(await inject(u.session, 'GET', '/api/v1/auth/me'), 401);
  });

  it('tokens expire: 90 days unless chosen, at most 366, and not after their date', async () => {
    const day = 86_400_000;
    const made = await inject('staff', 'POST', '/api/v1/auth/tokens', { name: '默认' });
    expect(Date.parse(made.json().expiresAt) - Date.now()).toBeGreaterThan(90 * day - 60_000);
    expect(Date.parse(made.json().expiresAt) - Date.now()).toBeLessThanOrEqual(90 * day);
    const short = await inject('staff', 'POST', '/api/v1/auth/tokens', { name: '一周', expiresInDays: 7 });
    expect(Date.parse(short.json().expiresAt) - Date.now()).toBeLessThanOrEqual(7 * day);
    const listed = (await inject('staff', 'GET', '/api/v1/auth/tokens')).json().items;
    expect(listed).toContainEqual(expect.objectContaining({ id: short.json().id, expiresAt: short.json().expiresAt }));

    const snapshot = snapshotter(t);
    const before = await snapshot();
    for (const expiresInDays of [0, 367, 1.5, '30']) {
      const problem = expectProblem(await inject('staff', 'POST', '/api/v1/auth/tokens', { name: '坏', expiresInDays }), 400);
      expect(problem.errors.map((e) => e.path)).toEqual(['/expiresInDays']);
    }
    expect(await snapshot()).toEqual(before);

    // A day past its date (the row moved back rather than the clock on), the token opens nothing.
    const bearer = { authorization: `Bearer ${short.json().token}` };
    expect((await inject(bearer, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    await t.database.db.update(apiTokens).set({ expiresAt: new Date(Date.now() - day) })
      .where(and(eq(apiTokens.orgId, t.fx.orgId), eq(apiTokens.id, short.json().id)));
    expectProblem(await inject(bearer, 'GET', '/api/v1/auth/me'), 401);
  });

  it('a request made with a token cannot create tokens', async () => {
    const u = await newLogin();
    expectProblem(await inject(u.bearer, 'POST', '/api/v1/auth/tokens', { name: '再来一个' }), 403);
    expect((await inject(u.session, 'GET', '/api/v1/auth/tokens')).json().items).toHaveLength(1);
    // It may still list them.
    expect((await inject(u.bearer, 'GET', '/api/v1/auth/tokens')).json().items).toHaveLength(1);
  });

  it("an administrator lists and revokes the tokens of the committee's logins, and no one else's", async () => {
    const u = await newLogin();
    const listed = await inject('admin', 'GET', `/api/v1/users/${u.id}/tokens`);
    expect(listed.json().items).toEqual([expect.objectContaining({ id: u.tokenId, name: '同步', expiresAt: expect.any(String), lastUsedAt: expect.any(String) })]);
    expect(listed.body).not.toContain(u.bearer.authorization.split('.')[1]);

    expectProblem(await inject('staff', 'GET', `/api/v1/users/${u.id}/tokens`), 403);
    expectProblem(await inject('otherAdmin', 'GET', `/api/v1/users/${u.id}/tokens`), 404);
    expectProblem(await inject('otherAdmin', 'DELETE', `/api/v1/users/${u.id}/tokens/${u.tokenId}`), 404);
    // A token is revoked through its own user only.
    expectProblem(await inject('admin', 'DELETE', `/api/v1/users/${t.fx.userIds.staff}/tokens/${u.tokenId}`), 404);
    expect((await inject(u.bearer, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);

    expect((await inject('admin', 'DELETE', `/api/v1/users/${u.id}/tokens/${u.tokenId}`)).statusCode).toBe(204);
    expectProblem(await inject(u.bearer, 'GET', '/api/v1/auth/me'), 401);
    expect((await inject('admin', 'GET', `/api/v1/users/${u.id}/tokens`)).json().items).toEqual([]);
    expectProblem(await inject('admin', 'DELETE', `/api/v1/users/${u.id}/tokens/${u.tokenId}`), 404);
    const audit = (await inject('admin', 'GET', `/api/v1/audit?entity=user&entityId=${u.id}`)).json().items;
    expect(audit).toContainEqual(expect.objectContaining({ action: 'token_revoked', after: { tokenId: u.tokenId, name: '同步' } }));
  });
});
