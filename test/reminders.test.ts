import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { openDatabase, type DbTarget } from '../src/server/core/db/client.ts';
import { plusDays, plusMonths, today } from '../src/server/modules/handling/deadlines.ts';
import { seedFixture, type Fixture } from './fixture.ts';
import { engines, freshDatabaseUrl, testConfig } from './helpers.ts';

// Reminders are jobs in the database: scheduled at assignment, they fire once each at 09:00 China
// time on their day, also when the server restarted in between.

const at = (day: string) => new Date(`${day}T01:00:00Z`);

describe.each(engines)('due-date reminders (%s)', (engine) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => { for (const c of cleanup.reverse()) await c(); });

  async function target(): Promise<DbTarget> {
    if (engine === 'embedded') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tx-reminders-'));
      cleanup.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
      return { dataDir: dir };
    }
    const fresh = await freshDatabaseUrl();
    cleanup.push(fresh.drop);
    return { url: fresh.url };
  }

  async function start(where: DbTarget) {
    const database = await openDatabase(where);
    // A long interval: the test drives the job runner with explicit times.
    const app = await buildApp({ config: testConfig({ JOBS_INTERVAL_SECONDS: 3600 }), database, logger: false });
    await app.ready();
    return { app, close: async () => { await app.close(); await database.close(); } };
  }

  async function login(app: FastifyInstance, fx: Fixture, username: string) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: fx.password, org: fx.orgOf[username] } });
    return { cookie: `tx_session=${res.cookies.find((c) => c.name === 'tx_session')!.value}` };
  }
  const titles = async (app: FastifyInstance, h: object) =>
    (await app.inject({ url: '/api/v1/notifications?pageSize=100', headers: h as never })).json().items.map((n: { title: string }) => n.title) as string[];

  it('fires 14 days, 3 days and after the due date, once each, across a restart', async () => {
    const where = await target();
    let s = await start(where);
    const fx = await seedFixture(s.app.db);
    const as = async (u: string) => login(s.app, fx, u);
    const act = async (u: string, id: string, action: string, payload: object = {}) => {
      const res = await s.app.inject({ method: 'POST', url: `/api/v1/proposals/${id}/actions/${action}`, headers: await as(u), payload });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const p = (await s.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await as('member'), payload: { title: '关于完善社区养老服务的提案', body: '建议……', kind: 'member' } })).json();
    await act('member', p.id, 'submit');
    await act('staff', p.id, 'file');
    await act('staff', p.id, 'markKey', { leaderUserId: fx.userIds.leader });
    await act('staff', p.id, 'assign', { units: [{ unitId: fx.unitIds.a, role: 'lead' }] });
    await act('unitA', p.id, 'sign');
    const due = plusMonths(today(), 3);

    // Restart between scheduling and the due time.
    await s.close();
    s = await start(where);

    expect(await s.app.jobs.runDue(at(plusDays(due, -20)))).toBe(0);
    await s.app.jobs.runDue(at(plusDays(due, -14)));
    await s.app.jobs.runDue(at(plusDays(due, -14))); // again: nothing new
    let unit = await titles(s.app, await as('unitA'));
    expect(unit.filter((x) => x.startsWith('14 天后到期'))).toHaveLength(1);

    await s.close();
    s = await start(where);
    await s.app.jobs.runDue(at(plusDays(due, -3)));
    await s.app.jobs.runDue(at(plusDays(due, 1)));
    await s.app.jobs.runDue(at(plusDays(due, 5)));
    unit = await titles(s.app, await as('unitA'));
    expect(unit.filter((x) => x.startsWith('3 天后到期'))).toHaveLength(1);
    expect(unit.filter((x) => x.startsWith('已超期'))).toHaveLength(1);
    // Escalation reaches the staff and, for a key proposal, its leading leader.
    expect((await titles(s.app, await as('staff'))).filter((x) => x.startsWith('已超期'))).toHaveLength(1);
    expect((await titles(s.app, await as('leader'))).filter((x) => x.startsWith('已超期'))).toHaveLength(1);
    await s.close();
  });

  it('follows a granted extension and stays silent once replied', async () => {
    const where = await target();
    const s = await start(where);
    cleanup.push(s.close);
    const fx = await seedFixture(s.app.db);
    const as = async (u: string) => login(s.app, fx, u);
    const act = async (u: string, id: string, action: string, payload: object = {}) => {
      const res = await s.app.inject({ method: 'POST', url: `/api/v1/proposals/${id}/actions/${action}`, headers: await as(u), payload });
      return res;
    };
    const p = (await s.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await as('member'), payload: { title: '关于治理河道污染的提案', body: '建议……', kind: 'member' } })).json();
    for (const [u, a, b] of [['member', 'submit'], ['staff', 'file'], ['staff', 'assign', { units: [{ unitId: fx.unitIds.a, role: 'lead' }] }], ['unitA', 'sign']] as const) {
      expect((await act(u, p.id, a, b ?? {})).statusCode).toBe(200);
    }
    const due = plusMonths(today(), 3);
    // Beyond 6 months is refused, naming the field; within it is granted.
    const tooLate = await act('unitA', p.id, 'requestExtension', { dueDate: plusDays(plusMonths(today(), 6), 1), reason: '调研' });
    expect(tooLate.statusCode).toBe(422);
    expect(tooLate.json().errors[0].path).toBe('/dueDate');
    const later = plusMonths(today(), 5);
    expect((await act('unitA', p.id, 'requestExtension', { dueDate: later, reason: '需要跨部门协调' })).statusCode).toBe(200);
    expect((await act('staff', p.id, 'grantExtension', {})).statusCode).toBe(200);

    await s.app.jobs.runDue(at(plusDays(due, 1))); // the old due date no longer applies
    expect((await titles(s.app, await as('unitA'))).filter((x) => x.startsWith('已超期'))).toHaveLength(0);
    await s.app.jobs.runDue(at(plusDays(later, -3)));
    expect((await titles(s.app, await as('unitA'))).filter((x) => x.startsWith('3 天后到期'))).toHaveLength(1);

    expect((await act('unitA', p.id, 'reply', { category: 'A', content: '已解决' })).statusCode).toBe(200);
    await s.app.jobs.runDue(at(plusDays(later, 1)));
    expect((await titles(s.app, await as('unitA'))).filter((x) => x.startsWith('已超期'))).toHaveLength(0);
  });
});
