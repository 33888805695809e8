import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentSequence, consultationComments } from '../src/server/modules/consultations/schema.ts';
import { themeCacheOf } from '../src/server/modules/consultations/theme-cache.ts';
import { COMMENT_THEMES, generateComments } from '../src/server/seed/online-comments.ts';
import type { FastifyInstance } from 'fastify';
import type { Fixture } from './fixture.ts';
import { engines, expectProblem, sessionHeaders, testApp, twoInstances, type TestApp } from './helpers.ts';

// Themes of an online consultation's comments (GET …/themes: grouped on a worker thread, cached,
// refreshed after new comments) and the comments in order of consensus across groups (…?order=consensus).

interface ThemesView {
  total: number; grouped: number; computedAt: string | null; stale: boolean; refreshing: boolean;
  themes: { key: string; size: number; words: string[]; representatives: { id: string; content: string }[] }[];
}

describe.each(engines)('comment themes and consensus (%s)', (engine) => {
  let t: TestApp;
  // Regrouped after 3 new comments (or a minute after one).
  beforeAll(async () => { t = await testApp(engine, { THEMES_REFRESH_COMMENTS: 3, THEMES_REFRESH_SECONDS: 60, COMMENTS_PER_MINUTE_ACCOUNT: 30 }); }, 180_000);
  afterAll(async () => { await t?.close(); });

  const call = async (user: string | Record<string, string> | null, method: string, url: string, payload?: object) =>
    t.app.inject({
      method: method as 'POST', url: `/api/v1${url}`, ...(payload ? { payload } : {}),
      headers: user === null ? {} : typeof user === 'string' ? await t.as(user) : user,
    });
  const ok = async (user: string | Record<string, string> | null, method: string, url: string, payload?: object) => {
    const res = await call(user, method, url, payload);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  let n = 0;
  const openConsultation = async () => {
    const c = await ok('staff', 'POST', '/consultations', { title: `网络议政主题 ${n++}`, kind: 'online', year: 2031, summary: '征集意见' });
    await ok('staff', 'POST', `/consultations/${c.id}/actions/prepare`);
    return (await ok('staff', 'POST', `/consultations/${c.id}/actions/openComments`, { moderation: 'post' })).id as string;
  };
  const register = async () => {
    n += 1;
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/auth/register', remoteAddress: `10.2.0.${n}`,
      payload: { username: `voter${n}`, password: 'voter-pass-1', displayName: `网友${n}`, org: t.fx.orgId },
    });
    expect(res.statusCode, res.body).toBe(201);
    return sessionHeaders(res.cookies.find((c) => c.name === 'tx_session')!.value);
  };
  /** The themes once every grouping under way has ended. */
  const settledThemes = async (id: string, user: string | null = null): Promise<ThemesView> => {
    await themeCacheOf(t.app.db)!.settled();
    return ok(user, 'GET', `/consultations/${id}/themes`);
  };

  it('groups a seeded set of comments into their themes, off the request, and regroups after new ones', async () => {
    const id = await openConsultation();
    const seeded = generateComments(140, 7);
    for (const c of seeded) {
      await t.app.db.insert(consultationComments).values({
        orgId: t.fx.orgId, consultationId: id, authorId: t.fx.userIds.member!, authorName: '张三', content: c.content, status: 'visible',
        seq: sql`nextval(${commentSequence.seqName})`,
      });
    }
    // The first request starts the grouping and answers at once.
    const first: ThemesView = await ok(null, 'GET', `/consultations/${id}/themes`);
    expect(first).toMatchObject({ total: 140, stale: true, refreshing: true });
    const themes = await settledThemes(id);
    expect(themes).toMatchObject({ total: 140, grouped: 140, stale: false, refreshing: false });
    expect(themes.computedAt).not.toBeNull();
    expect(themes.themes.reduce((s, x) => s + x.size, 0)).toBe(140);
    expect(themes.themes.length).toBeGreaterThanOrEqual(COMMENT_THEMES.length - 1);
    // Each generated theme is found: a theme whose distinctive words are the label's.
    for (const label of COMMENT_THEMES) expect(themes.themes.some((x) => x.words.some((w) => label.words.includes(w))), label.label).toBe(true);
    const contents = new Set(seeded.map((c) => c.content));
    for (const x of themes.themes) {
      expect(x.representatives.length).toBeGreaterThan(0);
      for (const r of x.representatives) expect(contents.has(r.content)).toBe(true);
    }

    // One new comment: the themes say they are behind, but are not grouped again for one.
    await ok('member', 'POST', `/consultations/${id}/comments`, { content: '建议在城南新区增设公交站点，加密早高峰班次。' });
    await themeCacheOf(t.app.db)!.settled();
    const behind: ThemesView = await ok(null, 'GET', `/consultations/${id}/themes`);
    expect(behind).toMatchObject({ total: 141, grouped: 140, stale: true, refreshing: false });
    // Two more make three: the grouping runs again by itself.
    await ok('member2', 'POST', `/consultations/${id}/comments`, { content: '老旧小区加装电梯要一楼一策，尽快推进。' });
    await ok('leader', 'POST', `/consultations/${id}/comments`, { content: '希望增加社区老年助餐点，方便独居老人吃饭。' });
    const again = await settledThemes(id);
    expect(again).toMatchObject({ total: 143, grouped: 143, stale: false });
    expect(again.themes.reduce((s, x) => s + x.size, 0)).toBe(143);
    expect(Date.parse(again.computedAt!)).toBeGreaterThanOrEqual(Date.parse(themes.computedAt!));
  });

  it('groups no themes of fewer than five comments (their every word would name one), then groups once there are five', async () => {
    const id = await openConsultation();
    await ok('member', 'POST', `/consultations/${id}/comments`, { content: '测试内容，含有一些文字。' });
    await ok('member2', 'POST', `/consultations/${id}/comments`, { content: '建议加密城南公交班次。' });
    await ok(null, 'GET', `/consultations/${id}/themes`);
    expect(await settledThemes(id)).toMatchObject({ total: 2, grouped: 2, stale: false, themes: [] });
    for (const [user, content] of [['leader', '城南公交早高峰太挤，建议增开班次。'], ['staff', '老旧小区加装电梯要尽快推进。'], ['member', '建议老旧小区加装电梯一楼一策。']]) {
      await ok(user!, 'POST', `/consultations/${id}/comments`, { content });
    }
    const five = await settledThemes(id);
    expect(five).toMatchObject({ total: 5, grouped: 5, stale: false });
    expect(five.themes.reduce((s, x) => s + x.size, 0)).toBe(5);
  });

  it('lets whoever reads the comments read the themes: anyone while open, the committee\'s logins after', async () => {
    const id = await openConsultation();
    const citizen = await register();
    expect((await call(null, 'GET', `/consultations/${id}/themes`)).statusCode).toBe(200);
    expect((await call(citizen, 'GET', `/consultations/${id}/themes`)).statusCode).toBe(200);
    const none = await settledThemes(id);
    expect(none).toMatchObject({ total: 0, grouped: 0, themes: [] });
    await ok('staff', 'POST', `/consultations/${id}/actions/closeComments`, {});
    expectProblem(await call(null, 'GET', `/consultations/${id}/themes`), 404);
    expectProblem(await call(citizen, 'GET', `/consultations/${id}/themes`), 404);
    expectProblem(await call('otherStaff', 'GET', `/consultations/${id}/themes`), 404);
    expect((await call('member', 'GET', `/consultations/${id}/themes`)).statusCode).toBe(200);
    expectProblem(await call(null, 'GET', `/consultations/${crypto.randomUUID()}/themes`), 404);
  });

  it('orders comments by consensus across groups: supported in several groups beats many supports from one', async () => {
    const id = await openConsultation();
    const post = async (user: string, content: string) => (await ok(user, 'POST', `/consultations/${id}/comments`, { content })).id as string;
    const broad = await post('member', '建议公交线路与地铁站做好换乘衔接。');
    const narrow = await post('member2', '建议延长末班车运营时间。');
    const none = await post('leader', '建议推广实时公交查询。');
    const divisive = await post('staff', '建议取消老年人免费乘车。');
    const citizens = await Promise.all([1, 2, 3, 4].map(() => register()));
    const vote = (user: string | Record<string, string>, comment: string, value: 'support' | 'oppose') =>
      ok(user, 'POST', `/consultations/${id}/comments/${comment}/vote`, { value });
    // broad: three supports, one from each of 教育界 (member), 经济界 (member2) and the office (staff).
    for (const u of ['member', 'member2', 'staff']) await vote(u, broad, 'support');
    // narrow: four supports, all from the public.
    for (const c of citizens) await vote(c, narrow, 'support');
    // divisive: the public supports, 教育界 and 经济界 oppose.
    for (const c of citizens.slice(0, 3)) await vote(c, divisive, 'support');
    await vote('member', divisive, 'oppose');
    await vote('leader', divisive, 'oppose');

    const list = await ok(null, 'GET', `/consultations/${id}/comments?order=consensus`);
    expect(list.total).toBe(4);
    expect(list.items.map((c: { id: string }) => c.id)).toEqual([broad, narrow, none, divisive]);
    const [first, second] = list.items;
    expect(first.supports).toBeLessThan(second.supports); // raw support says otherwise
    expect(first.consensus).toMatchObject({
      supportingGroups: 3, groups: { 教育界: { supports: 1, opposes: 0 }, 经济界: { supports: 1, opposes: 0 }, office: { supports: 1, opposes: 0 } },
    });
    expect(second.consensus.groups).toEqual({ public: { supports: 4, opposes: 0 } });
    expect(first.consensus.score).toBeGreaterThan(second.consensus.score);
    expect(list.items[3].consensus.groups).toEqual({ public: { supports: 3, opposes: 0 }, 教育界: { supports: 0, opposes: 1 }, 经济界: { supports: 0, opposes: 1 } });
    // Paged, and the caller's own vote shown.
    const page2 = await ok('member', 'GET', `/consultations/${id}/comments?order=consensus&page=2&pageSize=2`);
    expect(page2.items.map((c: { id: string; myVote: string | null }) => [c.id, c.myVote])).toEqual([[none, null], [divisive, 'oppose']]);
    // The default order is still newest first, without the field.
    const newest = await ok(null, 'GET', `/consultations/${id}/comments`);
    expect(newest.items.map((c: { id: string }) => c.id)).toEqual([divisive, none, narrow, broad]);
    expect(newest.items[0].consensus).toBeUndefined();
    // Only visible comments are ordered by consensus; an unknown order is refused.
    const held = await call('staff', 'GET', `/consultations/${id}/comments?order=consensus&status=held`);
    expectProblem(held, 422);
    expect(held.json().errors[0].path).toBe('/order');
    expectProblem(await call(null, 'GET', `/consultations/${id}/comments?order=loudest`), 400);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('comment themes across instances (postgres)', () => {
  let fx: Fixture;
  let a: FastifyInstance, b: FastifyInstance;
  let close: () => Promise<void>;
  beforeAll(async () => {
    // (with Redis when there is one, as two instances would run; the themes are shared through the database either way)
    ({ fx, a, b, close } = await twoInstances({ THEMES_REFRESH_COMMENTS: 3, THEMES_REFRESH_SECONDS: 60, ...(process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL } : {}) }));
  }, 180_000);
  afterAll(async () => { await close?.(); });

  it('groups once for both instances, which answer the same themes; comments posted on one regroup for both', async () => {
    const login = await a.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'staff', password: fx.password, org: fx.orgId } });
    const headers = { cookie: `tx_session=${login.cookies.find((c) => c.name === 'tx_session')!.value}`, 'x-requested-with': 'test' };
    const call = async (on: FastifyInstance, method: string, url: string, payload?: object) => {
      const res = await on.inject({ method: method as 'POST', url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json();
    };
    const c = await call(a, 'POST', '/consultations', { title: '两实例主题', kind: 'online', year: 2031 });
    await call(a, 'POST', `/consultations/${c.id}/actions/prepare`);
    await call(a, 'POST', `/consultations/${c.id}/actions/openComments`, { moderation: 'post' });
    for (const g of generateComments(70, 7)) {
      await a.db.insert(consultationComments).values({
        orgId: fx.orgId, consultationId: c.id, authorId: fx.userIds.member!, authorName: '张三', content: g.content, status: 'visible', seq: sql`nextval(${commentSequence.seqName})`,
      });
    }
    const caches = [themeCacheOf(a.db)!, themeCacheOf(b.db)!];
    const settled = () => Promise.all(caches.map((x) => x.settled()));
    const groupings = () => caches.map((x) => x.groupings);
    // Both asked at once: one groups (the lease), the other says a grouping is under way.
    const first: ThemesView[] = await Promise.all([a, b].map((on) => call(on, 'GET', `/consultations/${c.id}/themes`)));
    expect(first.every((v) => v.stale && v.total === 70)).toBe(true);
    await settled();
    expect(groupings().reduce((s, n) => s + n, 0)).toBe(1);
    const [onA, onB]: ThemesView[] = await Promise.all([a, b].map((on) => call(on, 'GET', `/consultations/${c.id}/themes`)));
    expect(onA).toMatchObject({ total: 70, grouped: 70, stale: false, refreshing: false });
    expect(onB).toEqual(onA);
    await settled();
    expect(groupings().reduce((s, n) => s + n, 0)).toBe(1);

    // Three comments posted on B: B groups again; A reads the new grouping without grouping itself.
    const before = groupings();
    for (const text of ['建议优化城南公交线路。', '建议老旧小区加装电梯。', '建议增加社区托育点。']) await call(b, 'POST', `/consultations/${c.id}/comments`, { content: text });
    await settled();
    expect(groupings()).toEqual([before[0], before[1]! + 1]);
    const [againA, againB]: ThemesView[] = await Promise.all([a, b].map((on) => call(on, 'GET', `/consultations/${c.id}/themes`)));
    expect(againA).toMatchObject({ total: 73, grouped: 73, stale: false });
    expect(againB).toEqual(againA);
    // One more, on A: both see it waiting; neither regroups for one within the window.
    await call(a, 'POST', `/consultations/${c.id}/comments`, { content: '建议延长图书馆开放时间。' });
    const behind: ThemesView[] = await Promise.all([a, b].map((on) => call(on, 'GET', `/consultations/${c.id}/themes`)));
    await settled();
    expect(behind.map((v) => [v.total, v.grouped, v.stale])).toEqual([[74, 73, true], [74, 73, true]]);
    expect(groupings()).toEqual([before[0], before[1]! + 1]);
  });
});
