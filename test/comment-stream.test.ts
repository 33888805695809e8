import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { listen, openStream } from './event-stream.ts';
import type { Fixture } from './fixture.ts';
import { engines, testApp, twoInstances, type TestApp } from './helpers.ts';

// The live comment stream (text/event-stream) on a real port, read with fetch as a browser would:
// comments posted over HTTP arrive on an open stream; held ones only once approved; a reconnect
// with Last-Event-ID first gets what it missed. With PostgreSQL and Redis, two app instances share
// the stream: a comment posted on one reaches a stream opened on the other.

describe.each(engines)('comment stream (%s)', (engine) => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => { t = await testApp(engine, { COMMENTS_PER_MINUTE_ACCOUNT: 1000 }); base = await listen(t.app); }, 180_000);
  afterAll(async () => { await t?.close(); });

  const ok = async (user: string, method: string, url: string, payload?: object) => {
    const res = await t.app.inject({ method: method as 'POST', url: `/api/v1${url}`, headers: await t.as(user), ...(payload ? { payload } : {}) });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const open = async (moderation: 'pre' | 'post') => {
    const c = await ok('staff', 'POST', '/consultations', { title: `直播议政 ${moderation}`, kind: 'online', year: 2031 });
    await ok('staff', 'POST', `/consultations/${c.id}/actions/prepare`);
    await ok('staff', 'POST', `/consultations/${c.id}/actions/openComments`, { moderation });
    return c.id as string;
  };
  /** Posts over HTTP on the real port, as the member. */
  const post = async (id: string, content: string) => {
    const res = await fetch(`${base}/api/v1/consultations/${id}/comments`, {
      method: 'POST', headers: { ...(await t.as('member')), 'content-type': 'application/json' }, body: JSON.stringify({ content }),
    });
    expect(res.status).toBe(201);
    return res.json() as Promise<{ id: string; seq: number | null; status: string }>;
  };

  it('sends each comment that becomes visible to an open stream, which a visitor may read; held ones only once approved', async () => {
    const id = await open('pre');
    const stream = await openStream(base, `/api/v1/consultations/${id}/comments/stream`);
    expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect((await stream.next('viewers')).data).toEqual({ count: 1 });
    const queue = await openStream(base, `/api/v1/consultations/${id}/comments/stream?queue=held`, await t.as('staff'));
    const held = await post(id, '先审后发的意见');
    expect(held.status).toBe('held');
    expect((await queue.next('held')).data).toMatchObject({ id: held.id, content: '先审后发的意见', heldFor: 'pre' });
    // The next comment the stream carries is the approved one, not the held one before it.
    await ok('staff', 'POST', `/consultations/${id}/comments/${held.id}/approve`);
    const e = await stream.next();
    expect(e.data).toMatchObject({ id: held.id, content: '先审后发的意见', status: 'visible' });
    expect(Number(e.id)).toBeGreaterThan(0);
    expect((await queue.next('moderated')).data).toEqual({ id: held.id, status: 'visible' });
    // A held comment that staff hide never reaches it.
    const hidden = await post(id, '将被隐藏的意见');
    await ok('staff', 'POST', `/consultations/${id}/comments/${hidden.id}/hide`, { reason: '与议题无关' });
    await ok('staff', 'POST', `/consultations/${id}/actions/closeComments`);
    await ok('staff', 'POST', `/consultations/${id}/actions/openComments`, { moderation: 'post' });
    const visible = await post(id, '先发后审的意见');
    expect((await stream.next()).data).toMatchObject({ id: visible.id, content: '先发后审的意见' });
    // What it carries is published: contact details masked.
    const phone = await post(id, '建议增设站点，电话13900001111');
    expect((await stream.next()).data).toMatchObject({ id: phone.id, content: '建议增设站点，电话[电话已隐去]' });
    expect(stream.pending().map((x) => (x.data as { id: string }).id)).not.toContain(hidden.id);
    // A vote goes out as new counts.
    await ok('leader', 'POST', `/consultations/${id}/comments/${visible.id}/vote`, { value: 'support' });
    expect((await stream.next('votes')).data).toEqual({ id: visible.id, supports: 1, opposes: 0 });
    stream.close();
    queue.close();
    // Visitors are refused the moderation queue.
    expect((await fetch(`${base}/api/v1/consultations/${id}/comments/stream?queue=held`)).status).toBe(403);
  });

  it('replays what a reconnect missed (Last-Event-ID), then goes on live', async () => {
    const id = await open('post');
    const first = await post(id, '第一条');
    const stream = await openStream(base, `/api/v1/consultations/${id}/comments/stream`);
    const second = await post(id, '第二条');
    const got = await stream.next();
    expect(got.data).toMatchObject({ id: second.id });
    stream.close();
    const third = await post(id, '第三条');
    const fourth = await post(id, '第四条');
    // Back with the last id seen: the two missed, in order, then live ones.
    const again = await openStream(base, `/api/v1/consultations/${id}/comments/stream`, { 'last-event-id': String(got.id) });
    expect((await again.next()).data).toMatchObject({ id: third.id, content: '第三条' });
    expect((await again.next()).data).toMatchObject({ id: fourth.id, content: '第四条' });
    const fifth = await post(id, '第五条');
    expect((await again.next()).data).toMatchObject({ id: fifth.id });
    expect(again.pending().map((e) => (e.data as { id: string }).id)).not.toContain(first.id);
    again.close();
  });

  it('numbers comments posted at once in the order they commit: a stream gets each once, in order, and a reconnect after any number misses none', async () => {
    const [id, other] = [await open('post'), await open('post')];
    const stream = await openStream(base, `/api/v1/consultations/${id}/comments/stream`);
    await stream.next('viewers');
    // Forty comments at once over HTTP from three accounts, into two consultations (batches hold both).
    const as: Record<string, string>[] = [];
    for (const user of ['member', 'staff', 'leader']) as.push(await t.as(user));
    const sent = Array.from({ length: 40 }, (_, i) => ({ headers: as[i % 3]!, to: i % 4 === 3 ? other : id, content: `同时发表的第 ${i} 条` }));
    const answers = await Promise.all(sent.map(async (s) => {
      const res = await fetch(`${base}/api/v1/consultations/${s.to}/comments`, {
        method: 'POST', headers: { ...s.headers, 'content-type': 'application/json' }, body: JSON.stringify({ content: s.content }),
      });
      expect(res.status).toBe(201);
      return res.json() as Promise<{ id: string; seq: number; consultationId: string }>;
    }));
    const mine = answers.filter((a) => a.consultationId === id);
    expect(new Set(answers.map((a) => a.seq)).size).toBe(answers.length);
    // The stream: every comment of its consultation once, numbers rising, none of the other's.
    const got: { id: string; seq: number }[] = [];
    while (got.length < mine.length) {
      const e = await stream.next();
      got.push({ id: (e.data as { id: string }).id, seq: Number(e.id) });
    }
    stream.close();
    expect(new Set(got.map((g) => g.id))).toEqual(new Set(mine.map((a) => a.id)));
    expect(got.map((g) => g.seq)).toEqual([...got.map((g) => g.seq)].sort((a, b) => a - b));
    for (const g of got) expect(g.seq).toBe(mine.find((a) => a.id === g.id)!.seq);
    // A reconnect after any number it saw gets exactly the later ones, in order.
    const ordered = [...mine].sort((a, b) => a.seq - b.seq);
    for (const k of [0, 5, 17, ordered.length - 1]) {
      const after = ordered[k]!.seq;
      const replay = await openStream(base, `/api/v1/consultations/${id}/comments/stream?live=false`, { 'last-event-id': String(after) });
      const ids: string[] = [];
      for (let left = ordered.length - k - 1; left > 0; left--) ids.push(((await replay.next()).data as { id: string }).id);
      await expect(replay.next()).rejects.toThrow('stream ended');
      expect(ids).toEqual(ordered.slice(k + 1).map((a) => a.id));
    }
  });
});

const shared = process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL;

describe.skipIf(!shared)('comment stream across instances (postgres + redis)', () => {
  let fx: Fixture;
  let a: FastifyInstance, b: FastifyInstance;
  let baseB: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ fx, a, b, close } = await twoInstances({ REDIS_URL: process.env.TEST_REDIS_URL, COMMENTS_PER_MINUTE_ACCOUNT: 1000 }));
    baseB = await listen(b);
  }, 180_000);
  afterAll(async () => { await close?.(); });

  it('sends a comment posted on one instance to a stream opened on the other', async () => {
    const login = await a.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'staff', password: fx.password, org: fx.orgId } });
    const headers = { cookie: `tx_session=${login.cookies.find((c) => c.name === 'tx_session')!.value}`, 'x-requested-with': 'test' };
    const call = async (method: string, url: string, payload?: object) => (await a.inject({ method: method as 'POST', url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) })).json();
    const c = await call('POST', '/consultations', { title: '两实例议政', kind: 'online', year: 2031 });
    await call('POST', `/consultations/${c.id}/actions/prepare`);
    await call('POST', `/consultations/${c.id}/actions/openComments`, { moderation: 'post' });
    const stream = await openStream(baseB, `/api/v1/consultations/${c.id}/comments/stream`);
    await stream.next('viewers');
    const posted = await call('POST', `/consultations/${c.id}/comments`, { content: '在实例 A 发表' });
    expect((await stream.next()).data).toMatchObject({ id: posted.id, content: '在实例 A 发表' });
    stream.close();
  });

  it('writes the same comment sent to both instances at once only once: the other is refused as a repeat', async () => {
    const login = await a.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'member', password: fx.password, org: fx.orgId } });
    const headers = { cookie: `tx_session=${login.cookies.find((c) => c.name === 'tx_session')!.value}`, 'x-requested-with': 'test' };
    const staff = await a.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'staff', password: fx.password, org: fx.orgId } });
    const staffHeaders = { cookie: `tx_session=${staff.cookies.find((c) => c.name === 'tx_session')!.value}`, 'x-requested-with': 'test' };
    const call = async (method: string, url: string, payload?: object) => (await a.inject({ method: method as 'POST', url: `/api/v1${url}`, headers: staffHeaders, ...(payload ? { payload } : {}) })).json();
    const c = await call('POST', '/consultations', { title: '两实例重复评论', kind: 'online', year: 2031 });
    await call('POST', `/consultations/${c.id}/actions/prepare`);
    await call('POST', `/consultations/${c.id}/actions/openComments`, { moderation: 'post' });
    for (let k = 0; k < 12; k++) {
      const content = `两个实例同时收到的意见 ${k}`;
      const answers = await Promise.all([a, b].map((app) => app.inject({ method: 'POST', url: `/api/v1/consultations/${c.id}/comments`, headers, payload: { content } })));
      expect(answers.map((r) => r.statusCode).sort(), answers.map((r) => r.body).join('\n')).toEqual([201, 422]);
    }
    const listed = (await a.inject({ method: 'GET', url: `/api/v1/consultations/${c.id}/comments?pageSize=100` })).json();
    expect(listed.total).toBe(12);
  });
});
