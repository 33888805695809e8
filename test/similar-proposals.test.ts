// The duplicate check and the merge candidates on the demo committee's own proposals: this
// session's near-duplicates of a title come first, merging offers only this session's open ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like, sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app.ts';
import type { Database } from '../src/server/core/db/client.ts';
import { plenarySessions } from '../src/server/modules/org/schema.ts';
import { proposals } from '../src/server/modules/proposals/schema.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/server/seed/demo.ts';
import { expectProblem, sessionHeaders, testConfig, testDatabase } from './helpers.ts';

const TITLE = '关于加强儿童青少年近视防控工作的提案';
const BODY = '建议严格落实中小学生每天户外活动时间，开展视力筛查，建立视力健康档案，改善教室采光照明。';

interface Hit { id: string; title: string; score: number; state: string; thisSession: boolean }

describe('similar proposals on the demo committee', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let staff: Record<string, string>;
  let member: Record<string, string>;
  /** The demo's proposals on this subject still being handled in the current session. */
  let nearDuplicates: string[];
  let currentSession: string;

  beforeAll(async () => {
    database = await testDatabase('embedded');
    const { orgId } = await seedDemo(database.db);
    app = await buildApp({ config: testConfig(), database, logger: false });
    await app.ready();
    const logIn = async (username: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
      return sessionHeaders(res.cookies.find((c) => c.name === 'tx_session')!.value);
    };
    staff = await logIn('staff');
    member = await logIn('member');
    const [latest] = await database.db.select({ id: plenarySessions.id }).from(plenarySessions).where(eq(plenarySessions.orgId, orgId))
      .orderBy(plenarySessions.startsOn).then((rows) => rows.slice(-1));
    currentSession = latest!.id;
    const rows = await database.db.select({ id: proposals.id, state: proposals.state, sessionId: proposals.sessionId }).from(proposals)
      .where(and(eq(proposals.orgId, orgId), like(proposals.title, '%儿童青少年近视防控%')));
    nearDuplicates = rows.filter((r) => r.sessionId === currentSession && ['filed', 'assigned', 'handling'].includes(r.state)).map((r) => r.id);
  }, 120_000);
  afterAll(async () => { await app?.close(); await database?.close(); });

  const similar = async (query: Record<string, string>, headers = staff) => {
    const res = await app.inject({ url: `/api/v1/proposals/similar?${new URLSearchParams(query)}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Hit[];
  };
  const sessionOf = async (id: string) => (await database.db.select({ s: proposals.sessionId }).from(proposals).where(eq(proposals.id, id)))[0]!.s;

  // (First: the committee's index is built by the first requests.)
  it('answers requests made at the same time from the index they wait for, not from one being filled', async () => {
    const [a, b] = await Promise.all([similar({ title: TITLE, text: BODY }), similar({ title: TITLE })]);
    expect(a.length).toBeGreaterThan(0);
    expect(b.map((h) => h.id)).toEqual(expect.arrayContaining(nearDuplicates.slice(0, 1)));
  });

  it('the demo has this session\'s near-duplicates to find (filed, assigned, handling)', () => {
    expect(nearDuplicates.length).toBeGreaterThanOrEqual(3);
  });

  it('lists this session\'s near-duplicates of the title first, before proposals of earlier sessions', async () => {
    const hits = await similar({ title: TITLE, text: BODY, limit: '8' });
    expect(hits.slice(0, nearDuplicates.length + 1).map((h) => h.id)).toEqual(expect.arrayContaining(nearDuplicates));
    const firstEarlier = hits.findIndex((h) => !h.thisSession);
    for (const id of nearDuplicates) {
      const at = hits.findIndex((h) => h.id === id);
      expect(at).toBeGreaterThanOrEqual(0);
      if (firstEarlier >= 0) expect(at).toBeLessThan(firstEarlier);
      expect(hits[at]!.score).toBeGreaterThan(0.6);
    }
    for (const h of hits) expect(h.thisSession).toBe(h.state === 'submitted' || (await sessionOf(h.id)) === currentSession);
  });

  it('answers the same in the body of a POST, for a whole proposal\'s text (longer than an address may be)', async () => {
    const post = async (body: object, headers = staff) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/proposals/similar', headers, payload: body });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Hit[];
    };
    expect(await post({ title: TITLE, text: BODY, limit: 8 })).toEqual(await similar({ title: TITLE, text: BODY, limit: '8' }));
    const long = BODY.repeat(Math.ceil(2500 / BODY.length)).slice(0, 2500);
    expect(encodeURIComponent(long).length).toBeGreaterThan(16 * 1024); // (past Node's limit for an address)
    expect((await post({ title: TITLE, text: long })).map((h) => h.id)).toEqual(expect.arrayContaining(nearDuplicates.slice(0, 1)));
    const unseen = await app.inject({ method: 'POST', url: '/api/v1/proposals/similar/unseen', headers: member, payload: { title: TITLE, text: long } });
    expect(unseen.statusCode, unseen.body).toBe(200);
    expect(unseen.json()).toEqual({ thisSession: expect.any(Number) });
    expect(expectProblem(await app.inject({ method: 'POST', url: '/api/v1/proposals/similar', headers: staff, payload: { title: ' ' } }), 400).errors.map((e) => e.path)).toContain('text');
  });

  it('starts from the title alone', async () => {
    const hits = await similar({ title: TITLE });
    expect(hits.slice(0, nearDuplicates.length + 1).map((h) => h.id)).toEqual(expect.arrayContaining(nearDuplicates));
    expectProblem(await app.inject({ url: '/api/v1/proposals/similar?title=%20', headers: staff }), 400);
    expect(expectProblem(await app.inject({ url: '/api/v1/proposals/similar', headers: staff }), 400).errors.map((e) => e.path)).toContain('text');
  });

  it('offers for merging only this session\'s open proposals, never closed or earlier ones', async () => {
    const hits = await similar({ title: TITLE, text: BODY, scope: 'open', limit: '20', minScore: '0' });
    expect(hits.slice(0, nearDuplicates.length).map((h) => h.id).sort()).toEqual([...nearDuplicates].sort());
    for (const h of hits) {
      expect(['submitted', 'filed', 'assigned', 'handling']).toContain(h.state);
      expect(h.thisSession).toBe(true);
      if (h.state !== 'submitted') expect(await sessionOf(h.id)).toBe(currentSession);
    }
    // Without the scope, the same query does reach closed proposals and earlier sessions.
    const all = await similar({ title: TITLE, text: BODY, limit: '20', minScore: '0' });
    expect(all.some((h) => h.state === 'closed')).toBe(true);
    expect(all.some((h) => !h.thisSession)).toBe(true);
  });

  it('tells a member how many of this session\'s near-duplicates exist that they may not open, without listing them', async () => {
    const unseen = async (headers: Record<string, string>, query: Record<string, string>) => {
      const res = await app.inject({ url: `/api/v1/proposals/similar/unseen?${new URLSearchParams(query)}`, headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { thisSession: number };
    };
    const listed = (await similar({ title: TITLE, text: BODY, limit: '20', minScore: '0' }, member)).map((h) => h.id);
    const hidden = nearDuplicates.filter((id) => !listed.includes(id));
    expect(hidden.length).toBeGreaterThan(0); // the demo member may not open other members' unpublished proposals
    expect((await unseen(member, { title: TITLE, text: BODY })).thisSession).toBeGreaterThanOrEqual(hidden.length);
    expect((await unseen(member, { title: TITLE })).thisSession).toBeGreaterThanOrEqual(hidden.length);
    expect(await unseen(staff, { title: TITLE, text: BODY })).toEqual({ thisSession: 0 }); // staff see them listed
    expect(await unseen(member, { title: '关于举办城市马拉松赛事的提案' })).toEqual({ thisSession: 0 });
    expectProblem(await app.inject({ url: '/api/v1/proposals/similar/unseen', headers: member }), 400);
  });

  it('still finds a change whose transaction began before another that the index has already read', async () => {
    const [early, late] = await database.db.select({ id: proposals.id }).from(proposals)
      .where(and(eq(proposals.sessionId, currentSession), eq(proposals.state, 'closed'))).limit(2);
    await database.db.update(proposals).set({ updatedAt: sql`now()` }).where(eq(proposals.id, late!.id));
    await new Promise((r) => setTimeout(r, 1100)); // the index syncs at most once a second
    await similar({ title: TITLE });
    // Committed now, but stamped with its transaction's start, before the write just read.
    const title = '关于建设城市候鸟迁徙观测站网络的提案';
    await database.db.update(proposals).set({ title, updatedAt: sql`now() - interval '5 seconds'` }).where(eq(proposals.id, early!.id));
    await new Promise((r) => setTimeout(r, 1100));
    expect((await similar({ title }))[0]).toMatchObject({ id: early!.id, title });
  });
});
