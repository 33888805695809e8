// The HTTP layer against an attacker: forged client addresses, cross-site requests, text the
// database cannot store, oversized headers, secrets in logs, caching of private answers, and
// security headers that suit plain HTTP on an intranet as well as HTTPS.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { ConfigError, loadConfig } from '../src/server/core/config.ts';
import { engines, expectProblem, proposalIn, tableSnapshot, testApp, testConfig, testDatabase, type TestApp } from './helpers.ts';
import { seedFixture } from './fixture.ts';

describe('TRUST_PROXY', () => {
  it('accepts addresses, CIDR ranges and range names, and names itself when wrong', () => {
    expect(loadConfig({}).TRUST_PROXY).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,::1,fd00::/8,loopback' }).TRUST_PROXY).toBe('10.0.0.1, 192.168.0.0/16,::1,fd00::/8,loopback');
    for (const bad of ['true', '2', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/8']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
    }
  });
});

describe.each(engines)('HTTP hardening (%s)', (engine) => {
  let t: TestApp;
  let limited: TestApp;
  let proxied: TestApp;
  beforeAll(async () => {
    t = await testApp(engine);
    limited = await testApp(engine, { RATE_LIMIT_LOGIN_PER_MINUTE: 3, COOKIE_SECURE: true });
    proxied = await testApp(engine, { RATE_LIMIT_LOGIN_PER_MINUTE: 3, TRUST_PROXY: '127.0.0.1' });
  });
  afterAll(async () => { await Promise.all([t?.close(), limited?.close(), proxied?.close()]); });

  const login = (app: TestApp, forwardedFor: string) => app.app.inject({
    method: 'POST', url: '/api/v1/auth/login', headers: { 'x-forwarded-for': forwardedFor },
    payload: { username: 'member', password: app.fx.password, org: app.fx.orgOf.member },
  });

  describe('client addresses (4.3)', () => {
    it('does not let a rotating X-Forwarded-For escape the login rate limit by default', async () => {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await login(limited, `203.0.113.${i}`)).statusCode);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    });

    it('takes the client address from X-Forwarded-For when the peer is a trusted proxy', async () => {
      for (let i = 0; i < 5; i++) expect((await login(proxied, `198.51.100.${i}`)).statusCode).toBe(200);
      const same = [];
      for (let i = 0; i < 4; i++) same.push((await login(proxied, '198.51.100.200')).statusCode);
      expect(same).toEqual([200, 200, 200, 429]);
    });
  });

  describe('text the database cannot store (4.6)', () => {
    it('refuses a NUL or a lone surrogate anywhere, as 400 naming the field, and changes nothing', async () => {
      const staff = await t.as('staff');
      const before = await tableSnapshot(t);
      const anonymousLogin = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'mem\u0000ber', password: 'x' } });
      expect(expectProblem(anonymousLogin, 400).errors).toEqual([{ path: '/username', message: expect.stringMatching(/空字符/) }]);
      const surrogate = await t.app.inject({ method: 'POST', url: '/api/v1/sectors', headers: staff, payload: { name: 'abc\ud800' } });
      expect(expectProblem(surrogate, 400).errors).toEqual([{ path: '/name', message: expect.stringMatching(/无效的 Unicode/) }]);
      const nested = await t.app.inject({
        method: 'POST', url: '/api/v1/proposals/bulk/assign', headers: staff,
        payload: { ids: [crypto.randomUUID()], units: [{ unitId: t.fx.unitIds.a, role: 'lead\udc00' }] },
      });
      expect(expectProblem(nested, 400).errors.map((e) => e.path)).toEqual(['/units/0/role']);
      const query = await t.app.inject({ url: '/api/v1/members?q=%00', headers: staff });
      expect(expectProblem(query, 400).errors.map((e) => e.path)).toEqual(['/querystring/q']);
      expect(await tableSnapshot(t)).toEqual(before);
    });
  });

  describe('cross-site request forgery (4.7)', () => {
    const cookieOnly = async (login: string) => ({ cookie: (await t.as(login)).cookie! });
    const state = async (id: string) => (await t.app.inject({ url: `/api/v1/proposals/${id}`, headers: await t.as('member') })).json().state;

    it('refuses a state change that carries neither a JSON type nor X-Requested-With', async () => {
      const id = await proposalIn(t, 'draft', '关于跨站提交的提案');
      const submit = (headers: Record<string, string>, payload?: string) =>
        t.app.inject({ method: 'POST', url: `/api/v1/proposals/${id}/actions/submit`, headers, ...(payload === undefined ? {} : { payload }) });
      expectProblem(await submit(await cookieOnly('member')), 403);
      expectProblem(await submit({ ...await cookieOnly('member'), 'content-type': 'text/plain' }, '{}'), 403);
      expectProblem(await submit({ ...await cookieOnly('member'), 'content-type': 'application/x-www-form-urlencoded' }, 'a=1'), 403);
      expect(await state(id)).toBe('draft');
      expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: await cookieOnly('member') }), 403);
      expect((await submit({ ...await cookieOnly('member'), 'x-requested-with': 'tongxin' })).statusCode).toBe(200);
      expect(await state(id)).toBe('submitted');
    });

    it('refuses a foreign Origin or Referer, even with the header, and accepts its own', async () => {
      const member = await t.as('member');
      const readAll = (headers: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: { ...member, ...headers } });
      expectProblem(await readAll({ origin: 'http://evil.localhost' }), 403);
      expectProblem(await readAll({ referer: 'http://localhost.evil.example/page' }), 403);
      const form = new FormData();
      form.append('file', new Blob(['%PDF-1.4']), 'a.pdf');
      const id = await proposalIn(t, 'draft', '关于跨站上传的提案');
      const upload = await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${id}/attachments`, headers: { ...member, origin: 'http://intranet.example' }, payload: form as never });
      expectProblem(upload, 403);
      // inject's Host is localhost:80; a browser's own page, or one behind no-referrer ("null"), passes.
      expect((await readAll({ origin: 'http://localhost:80' })).statusCode).toBe(204);
      expect((await readAll({ origin: 'null' })).statusCode).toBe(204);
      expect((await readAll({ referer: 'http://localhost:80/proposals' })).statusCode).toBe(204);
    });

    it('exempts API tokens, which browsers never send on their own, and requests without a session', async () => {
      const created = await t.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: await t.as('member'), payload: { name: 'csrf-test' } });
      expect(created.statusCode).toBe(201);
      const bearer = { authorization: `Bearer ${created.json().token}`, ...await cookieOnly('member') };
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: bearer })).statusCode).toBe(204);
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
    });
  });

  describe('security headers (4.8)', () => {
    const csp = (res: { headers: Record<string, unknown> }) => String(res.headers['content-security-policy']);

    it('sends neither HSTS nor upgrade-insecure-requests over plain HTTP, whatever X-Forwarded-Proto says', async () => {
      for (const headers of [{}, { 'x-forwarded-proto': 'https' }]) {
        const res = await t.app.inject({ url: '/api/health', headers });
        expect(csp(res)).toContain("script-src 'self'");
        expect(csp(res)).not.toContain('upgrade-insecure-requests');
        expect(res.headers['strict-transport-security']).toBeUndefined();
      }
    });

    it('sends both over HTTPS from a trusted proxy, or when COOKIE_SECURE says the site is HTTPS', async () => {
      for (const res of [await proxied.app.inject({ url: '/api/health', headers: { 'x-forwarded-proto': 'https' } }), await limited.app.inject('/api/health')]) {
        expect(csp(res)).toContain('upgrade-insecure-requests');
        expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      }
      const plain = await proxied.app.inject('/api/health');
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    });
  });

  describe('caching of private answers (4.9)', () => {
    it('marks every answer to a logged-in caller and every private route no-store', async () => {
      const staff = await t.as('staff');
      for (const url of [`/api/v1/members/${t.fx.memberIds[0]}`, '/api/v1/members/export', '/api/v1/auth/me', '/api/v1/proposals?published=true']) {
        const res = await t.app.inject({ url, headers: staff });
        expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
        expect(res.headers['cache-control'], url).toBe('no-store');
      }
      const anonymous = await t.app.inject('/api/v1/members');
      expectProblem(anonymous, 401);
      expect(anonymous.headers['cache-control']).toBe('no-store');
    });

    it('leaves public answers to anonymous callers to their own caching', async () => {
      for (const url of ['/api/v1/proposals?published=true', '/api/openapi.json']) {
        const res = await t.app.inject(url);
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['cache-control'], url).toBeUndefined();
      }
    });
  });
});

describe.each(engines)('log redaction (%s)', (engine) => {
  it('writes no password, hash, token or cookie to the log, even when the database refuses a new user', async () => {
    const lines: string[] = [];
    const database = await testDatabase(engine);
    const fx = await seedFixture(database.db);
    const app = await buildApp({ config: testConfig({ LOG_LEVEL: 'info' }), database, logger: { stream: { write: (s: string) => { lines.push(s); } } } });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: fx.password, org: fx.orgOf.admin } });
      const session = login.cookies.find((c) => c.name === 'tx_session')!.value;
      // The database refuses every new user: the insert fails with the hash among its parameters.
      await database.db.execute(sql`alter table users add constraint refuse_new_users check (false) not valid`);
      const password = 'Leaky-Secret-Password-9';
      const res = await app.inject({
        method: 'POST', url: '/api/v1/users', headers: { cookie: `tx_session=${session}` },
        payload: { username: 'leaky', password, roles: ['staff'] },
      });
      expectProblem(res, 500);
      app.log.info({ headers: { cookie: `tx_session=${session}`, authorization: 'Bearer tok-123' }, password, token: 'tok-456' }, 'a careless line');
      const log = lines.join('');
      expect(log).toContain('Failed query');
      expect(log).toContain('a careless line');
      for (const secret of [password, '$argon2', session, 'tok-123', 'tok-456']) expect(log).not.toContain(secret);
    } finally {
      await app.close();
      await database.close();
    }
  });
});
