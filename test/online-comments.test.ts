import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, outbox, users } from '../src/server/core/schema.ts';
import { sensitiveWords } from '../src/server/modules/consultations/schema.ts';
import { apiOperations, engines, expectProblem, sessionHeaders, testApp, type TestApp } from './helpers.ts';

// Public accounts and online comments (网络议政), through HTTP: registering, opening comments,
// moderation (held until approved, hidden with a reason, each act audited), votes, sensitive words,
// and the abuse limits (429 with Retry-After, 422 for the same comment again, 400 for an oversized one).

describe.each(engines)('online comments (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await testApp(engine, { COMMENTS_PER_MINUTE_ACCOUNT: 6, COMMENTS_PER_MINUTE_ADDRESS: 60 }); }, 180_000);
  afterAll(async () => { await t?.close(); });

  const call = async (user: string | Record<string, string> | null, method: string, url: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: method as 'POST', url: `/api/v1${url}`, ...(payload ? { payload } : {}),
      headers: { ...(user === null ? {} : typeof user === 'string' ? await t.as(user) : user), ...headers },
    });
  const ok = async (user: string | Record<string, string> | null, method: string, url: string, payload?: object, headers?: Record<string, string>) => {
    const res = await call(user, method, url, payload, headers);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  let n = 0;
  /** A new public account, logged in; its headers (each from its own address, unless one is given). */
  const register = async (address?: string) => {
    n += 1;
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/auth/register', remoteAddress: address ?? `10.1.0.${n}`,
      payload: { username: `netizen${n}`, password: 'netizen-pass-1', displayName: `网友${n}`, org: t.fx.orgId },
    });
    expect(res.statusCode, res.body).toBe(201);
    return sessionHeaders(res.cookies.find((c) => c.name === 'tx_session')!.value);
  };
  const openConsultation = async (moderation: 'pre' | 'post', kind = 'online') => {
    const c = await ok('staff', 'POST', '/consultations', { title: `网络议政 ${moderation} ${kind} ${n++}`, kind, year: 2031, summary: '征集意见' });
    await ok('staff', 'POST', `/consultations/${c.id}/actions/prepare`);
    return (await ok('staff', 'POST', `/consultations/${c.id}/actions/openComments`, { moderation })).id as string;
  };

  it('registers a public account, which is logged in, comments and votes, and is refused everything else', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username: 'citizen1', password: 'citizen-pass-1', displayName: '市民甲', org: t.fx.orgId } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().user).toMatchObject({ username: 'citizen1', displayName: '市民甲', roles: ['public'], orgId: t.fx.orgId });
    const me = sessionHeaders(res.cookies.find((c) => c.name === 'tx_session')!.value);
    expect((await ok(me, 'GET', '/auth/me')).user.username).toBe('citizen1');
    expectProblem(await call(me, 'GET', '/members'), 403);
    expectProblem(await call(me, 'POST', '/proposals', { title: '提案', body: '内容', kind: 'member' }), 403);
    // The same username again, a weak password, no committee named among several, an unknown one.
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username: 'citizen1', password: 'citizen-pass-1', displayName: '市民乙', org: t.fx.orgId } });
    expectProblem(again, 409);
    expect(again.json().errors[0].path).toBe('/username');
    const weak = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username: 'citizen2', password: 'onlyletters', displayName: '市民乙', org: t.fx.orgId } });
    expectProblem(weak, 422);
    expect(weak.json().errors[0].path).toBe('/password');
    const noOrg = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username: 'citizen2', password: 'citizen-pass-2', displayName: '市民乙' } });
    expectProblem(noOrg, 422);
    expect(noOrg.json().errors[0].path).toBe('/org');
    // A nickname may not pass for a member, an official or an office (its comments show under it as theirs do).
    for (const displayName of ['张 三', '黄昊 副主席', '市政协办公室']) {
      const posing = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username: 'citizen3', password: 'citizen-pass-3', displayName, org: t.fx.orgId } });
      expect(expectProblem(posing, 422).errors.map((e) => e.path), displayName).toEqual(['/displayName']);
    }
    expect((await t.database.db.select().from(users).where(eq(users.username, 'citizen3'))).length).toBe(0);
    // (the committees to choose from, by name, as a login in several committees is told)
    expect(noOrg.json().orgs.map((o: { name: string }) => o.name)).toEqual(expect.arrayContaining(['测试市政协', '另一市政协']));
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'user'), eq(auditLog.action, 'registered')));
    expect(audit.map((a) => a.entityId)).toEqual([res.json().user.id]);
    // It logs in as any user does.
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'citizen1', password: 'citizen-pass-1', org: t.fx.orgId } });
    expect(login.statusCode).toBe(200);
  });

  it('refuses a public account every route a visitor is refused, but its own session, password, notifications, to-dos, commenting, topics and library favourites and reports', async () => {
    const me = await register();
    const OWN = new Set(['GET /api/v1/auth/me', 'POST /api/v1/auth/password', 'GET /api/v1/auth/memberships', 'POST /api/v1/auth/switch', 'GET /api/v1/notifications', 'POST /api/v1/notifications/:id/read',
      'POST /api/v1/notifications/read-all', 'GET /api/v1/todos', 'POST /api/v1/consultations/:id/comments', 'POST /api/v1/consultations/:id/comments/:commentId/vote',
      // 文库: a registered reader keeps favourites and reports documents.
      'GET /api/v1/documents/favourites', 'PUT /api/v1/documents/:id/favourite', 'DELETE /api/v1/documents/:id/favourite', 'POST /api/v1/documents/:id/reports']);
    // 开门式选题: a public account proposes, supports and follows topics (the workflow refuses it the office's actions).
    const isOwn = (route: string) => OWN.has(route) || route.includes(' /api/v1/consultations/topics');
    const wrong: string[] = [];
    let checked = 0;
    for (const o of await apiOperations(t)) {
      const url = o.path.replace(/:\w+/g, crypto.randomUUID());
      const send = (headers: Record<string, string>) => t.app.inject({ method: o.method as 'GET', url, headers: { ...headers, 'content-type': 'application/json' }, payload: o.method === 'GET' || o.method === 'DELETE' ? undefined : '{}' });
      const visitor = await send({ 'x-requested-with': 'test' });
      if (visitor.statusCode !== 401) continue; // open to visitors: a public account is one there
      const res = await send(me);
      const route = `${o.method} ${o.path}`;
      if (isOwn(route) ? res.statusCode === 403 || res.statusCode === 401 : res.statusCode !== 403) wrong.push(`${route}: ${res.statusCode}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
    expect(wrong).toEqual([]);
  });

  it('opens comments on online consultations only, shows it to visitors, and streams its comments while open', async () => {
    const sector = await ok('staff', 'POST', '/consultations', { title: '全体会议', kind: 'plenary', year: 2031 });
    await ok('staff', 'POST', `/consultations/${sector.id}/actions/prepare`);
    expectProblem(await call('staff', 'POST', `/consultations/${sector.id}/actions/openComments`, { moderation: 'post' }), 409);
    expectProblem(await call(null, 'GET', `/consultations/${sector.id}/comments/stream`), 404); // not open: not for visitors
    // A visitor reads a consultation past its topic step as the public list shows it (test/public-consultations.test.ts), without comments.
    expect(await ok(null, 'GET', `/consultations/${sector.id}`)).toMatchObject({ comments: { open: false }, commentCount: 0 });

    const id = await openConsultation('post');
    const c = await ok('member', 'GET', `/consultations/${id}`);
    expect(c.comments).toEqual({ open: true, moderation: 'post' });
    expectProblem(await call('staff', 'POST', `/consultations/${id}/actions/openComments`, { moderation: 'pre' }), 409);
    const seen = await ok(null, 'GET', `/consultations/${id}`);
    expect(seen).toMatchObject({ id, comments: { open: true, moderation: 'post' }, summary: '征集意见' });
    expect(seen.checklist).toBeUndefined();
    expect((await ok(null, 'GET', '/consultations')).items.map((x: { id: string }) => x.id)).toContain(id);
    await ok('staff', 'POST', `/consultations/${id}/actions/closeComments`);
    // Closed, it stays on the public list (past its topic step): its comments are read as they stand, not streamed.
    expect((await ok(null, 'GET', `/consultations/${id}`)).comments.open).toBe(false);
    expect((await ok(null, 'GET', `/consultations/${id}/comments`)).total).toBe(0);
    expectProblem(await call(null, 'GET', `/consultations/${id}/comments/stream`), 404);
    expect((await ok('member', 'GET', `/consultations/${id}`)).comments.open).toBe(false);
    expect((await ok('member', 'GET', `/consultations/${id}/history`)).map((h: { action: string }) => h.action)).toEqual(['created', 'prepare', 'openComments', 'closeComments']);
  });

  it('posts comments visibly under post-moderation; replies and votes count; staff hide one with a reason', async () => {
    const id = await openConsultation('post');
    const me = await register();
    const first = await ok(me, 'POST', `/consultations/${id}/comments`, { content: '建议增加社区托育点。' });
    expect(first).toMatchObject({ status: 'visible', content: '建议增加社区托育点。', authorName: expect.stringMatching(/^网友/) });
    const reply = await ok('member', 'POST', `/consultations/${id}/comments`, { content: '赞同，并建议延长服务时间。', replyTo: first.id });
    expect(reply.replyTo).toBe(first.id);
    expect(reply.seq).toBeGreaterThan(first.seq);
    const bad = await call(me, 'POST', `/consultations/${id}/comments`, { content: '回复', replyTo: crypto.randomUUID() });
    expectProblem(bad, 422);
    expect(bad.json().errors[0].path).toBe('/replyTo');

    // Votes: one per user, changeable, and taken back with null.
    expect(await ok('member', 'POST', `/consultations/${id}/comments/${first.id}/vote`, { value: 'support' })).toMatchObject({ supports: 1, opposes: 0, myVote: 'support' });
    expect(await ok(me, 'POST', `/consultations/${id}/comments/${first.id}/vote`, { value: 'oppose' })).toMatchObject({ supports: 1, opposes: 1 });
    expect(await ok(me, 'POST', `/consultations/${id}/comments/${first.id}/vote`, { value: 'support' })).toMatchObject({ supports: 2, opposes: 0 });
    expect(await ok('member', 'POST', `/consultations/${id}/comments/${first.id}/vote`, { value: null })).toMatchObject({ supports: 1, opposes: 0, myVote: null });

    const list = await ok(me, 'GET', `/consultations/${id}/comments`);
    expect(list).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([reply.id, first.id]);
    expect(list.items[1]).toMatchObject({ supports: 1, myVote: 'support' });
    expect((await ok(null, 'GET', `/consultations/${id}/comments`)).total).toBe(2);

    expectProblem(await call(me, 'POST', `/consultations/${id}/comments/${reply.id}/hide`, { reason: '无关' }), 403);
    expectProblem(await call('member', 'POST', `/consultations/${id}/comments/${reply.id}/hide`, { reason: '无关' }), 403);
    expect(await ok('staff', 'POST', `/consultations/${id}/comments/${reply.id}/hide`, { reason: '涉及个人信息' })).toMatchObject({ status: 'hidden', hiddenReason: '涉及个人信息' });
    expect((await ok(null, 'GET', `/consultations/${id}/comments`)).items.map((x: { id: string }) => x.id)).toEqual([first.id]);
    const hidden = await ok('staff', 'GET', `/consultations/${id}/comments?status=hidden`);
    expect(hidden.items).toMatchObject([{ id: reply.id, hiddenReason: '涉及个人信息' }]);
    expectProblem(await call(me, 'GET', `/consultations/${id}/comments?status=hidden`), 403);
    const audited = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'consultationComment'), eq(auditLog.entityId, reply.id)));
    expect(audited.map((a) => a.action)).toEqual(['posted', 'hidden']);

    // The duty record hears of the member's comment (events.md).
    const events = await t.database.db.select().from(outbox).where(eq(outbox.type, 'consultationComment.posted')).orderBy(asc(outbox.id));
    expect(events.map((e) => e.payload)).toContainEqual(expect.objectContaining({ id: reply.id, consultationId: id, memberIds: [t.fx.memberIds[0]], occurredOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) }));
  });

  it('publishes a comment with its contact details masked; staff moderating read it as written', async () => {
    const id = await openConsultation('post');
    const me = await register();
    const text = '小区门口公交站太远，建议增设站点，联系我：139 0000 1111。';
    const posted = await ok(me, 'POST', `/consultations/${id}/comments`, { content: text });
    expect(posted.content).toBe('小区门口公交站太远，建议增设站点，联系我：[电话已隐去]。');
    expect((await ok(null, 'GET', `/consultations/${id}/comments`)).items.map((c: { content: string }) => c.content)).toEqual([posted.content]);
    expect((await ok('staff', 'GET', `/consultations/${id}/comments?status=visible`)).items[0].content).toBe(posted.content);
    // (a hidden comment, as staff see it in their queue, keeps its words)
    await ok('staff', 'POST', `/consultations/${id}/comments/${posted.id}/hide`, { reason: '含个人联系方式' });
    expect((await ok('staff', 'GET', `/consultations/${id}/comments?status=hidden`)).items[0].content).toBe(text);
  });

  it('holds comments under pre-moderation and for a sensitive word until staff approve them', async () => {
    const id = await openConsultation('pre');
    const me = await register();
    const held = await ok(me, 'POST', `/consultations/${id}/comments`, { content: '希望公开托育补贴标准。' });
    expect(held).toMatchObject({ status: 'held', seq: null });
    expect((await ok(null, 'GET', `/consultations/${id}/comments`)).total).toBe(0);
    const queue = await ok('staff', 'GET', `/consultations/${id}/comments?status=held`);
    expect(queue.items).toMatchObject([{ id: held.id, heldFor: 'pre' }]);
    expectProblem(await call(me, 'POST', `/consultations/${id}/comments/${held.id}/approve`), 403);
    expectProblem(await call(me, 'POST', `/consultations/${id}/comments/${held.id}/vote`, { value: 'support' }), 404);
    const approved = await ok('staff', 'POST', `/consultations/${id}/comments/${held.id}/approve`);
    expect(approved).toMatchObject({ status: 'visible', seq: expect.any(Number) });
    expectProblem(await call('staff', 'POST', `/consultations/${id}/comments/${held.id}/approve`), 409);
    expect((await ok(null, 'GET', `/consultations/${id}/comments`)).items.map((x: { id: string }) => x.id)).toEqual([held.id]);
    const audited = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'consultationComment'), eq(auditLog.entityId, held.id)));
    expect(audited.map((a) => [a.action, a.actorUserId])).toEqual([['held', expect.any(String)], ['approved', t.fx.userIds.staff], ['posted', t.fx.userIds.staff]]);

    // Sensitive words hold a comment even under post-moderation, matched without case or spaces.
    expectProblem(await call('member', 'PUT', '/moderation/sensitive-words', { words: ['违禁词'] }), 403);
    expect(await ok('staff', 'PUT', '/moderation/sensitive-words', { words: ['违禁词', 'BadWord', '违禁词'] })).toEqual({ words: ['BadWord', '违禁词'] });
    expect(await ok('staff', 'GET', '/moderation/sensitive-words')).toEqual({ words: ['BadWord', '违禁词'] });
    const post = await openConsultation('post');
    expect((await ok(me, 'POST', `/consultations/${post}/comments`, { content: '这里有一个违 禁词。' })).status).toBe('held');
    expect((await ok(me, 'POST', `/consultations/${post}/comments`, { content: 'a badword here' })).status).toBe('held');
    expect((await ok(me, 'POST', `/consultations/${post}/comments`, { content: '一切正常。' })).status).toBe('visible');
    expect((await ok('staff', 'GET', `/consultations/${post}/comments?status=held`)).items.map((x: { heldFor: string }) => x.heldFor)).toEqual(['sensitive', 'sensitive']);
    await ok('staff', 'PUT', '/moderation/sensitive-words', { words: [] });
    // The list changed elsewhere (another instance, straight in the database): the list kept compiled
    // here is out of date, and the next comment is checked against the new one all the same.
    const other = await register();
    expect((await ok(other, 'POST', `/consultations/${post}/comments`, { content: '还没有敏感词。' })).status).toBe('visible');
    await t.database.db.insert(sensitiveWords).values({ orgId: t.fx.orgId, word: '新增敏感词' });
    expect(await ok(other, 'POST', `/consultations/${post}/comments`, { content: '这里有新增敏感词。' })).toMatchObject({ status: 'held', seq: null });
    await t.database.db.delete(sensitiveWords).where(eq(sensitiveWords.orgId, t.fx.orgId));
    expect((await ok(other, 'POST', `/consultations/${post}/comments`, { content: '又是新增敏感词。' })).status).toBe('visible');
  });

  it('limits comments per account and per address (429 with Retry-After), refuses a repeat (422) and an oversized one (400)', async () => {
    const id = await openConsultation('post');
    const me = await register();
    await ok(me, 'POST', `/consultations/${id}/comments`, { content: '第一条意见' });
    const repeat = await call(me, 'POST', `/consultations/${id}/comments`, { content: '第一条意见' });
    expectProblem(repeat, 422);
    expect(repeat.json().errors[0].path).toBe('/content');
    expect(repeat.json().detail).toContain('重复');
    const big = await call(me, 'POST', `/consultations/${id}/comments`, { content: '长'.repeat(1001) });
    expectProblem(big, 400);
    expect(big.json().errors[0].path).toBe('/content');
    // Six a minute per account: the refused repeat counts too (the oversized one never reached the handler).
    for (let i = 0; i < 4; i++) await ok(me, 'POST', `/consultations/${id}/comments`, { content: `意见 ${i}` });
    const limited = await call(me, 'POST', `/consultations/${id}/comments`, { content: '又一条' });
    expectProblem(limited, 429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().detail).toMatch(/评论过于频繁/);

    // Sixty accounts behind one address (an office) may each comment; the sixty-first comment from it waits.
    const office = '10.9.9.9';
    const desks = [];
    for (let i = 0; i < 61; i++) desks.push(await register(office));
    const answers: number[] = [];
    for (const desk of desks) {
      answers.push((await t.app.inject({ method: 'POST', url: `/api/v1/consultations/${id}/comments`, remoteAddress: office, headers: desk, payload: { content: '单位的意见' } })).statusCode);
    }
    expect(answers.slice(0, 60)).toEqual(Array(60).fill(201));
    expect(answers[60]).toBe(429);
  });

  it('refuses a repeat within one consultation only, and a reply to a comment of another consultation or a hidden one', async () => {
    const [one, other] = [await openConsultation('post'), await openConsultation('post')];
    const me = await register();
    const first = await ok(me, 'POST', `/consultations/${one}/comments`, { content: '同一条意见' });
    expect((await ok(me, 'POST', `/consultations/${other}/comments`, { content: '同一条意见' })).status).toBe('visible');
    expectProblem(await call(me, 'POST', `/consultations/${other}/comments`, { content: '同一条意见' }), 422);
    // Someone else may say the same.
    expect((await ok(await register(), 'POST', `/consultations/${one}/comments`, { content: '同一条意见' })).status).toBe('visible');
    const elsewhere = await call(me, 'POST', `/consultations/${other}/comments`, { content: '回复另一场的评论', replyTo: first.id });
    expectProblem(elsewhere, 422);
    expect(elsewhere.json().errors[0].path).toBe('/replyTo');
    await ok('staff', 'POST', `/consultations/${one}/comments/${first.id}/hide`, { reason: '测试隐藏' });
    const toHidden = await call(me, 'POST', `/consultations/${one}/comments`, { content: '回复被隐藏的评论', replyTo: first.id });
    expectProblem(toHidden, 422);
    expect(toHidden.json().errors[0].path).toBe('/replyTo');
  });

  it('answers comments posted at once each with its own row (written together), refusing a repeat or a bad reply alone', async () => {
    const id = await openConsultation('post');
    const first = await ok('member', 'POST', `/consultations/${id}/comments`, { content: '先发的一条' });
    const accounts: Record<string, string>[] = [];
    for (let i = 0; i < 8; i++) accounts.push(await register());
    const wanted = accounts.flatMap((me, a) => [0, 1, 2].map((k) => ({ me, content: `同时发表的意见 ${a}-${k}` })));
    const [answers, twins, member, badReply] = await Promise.all([
      Promise.all(wanted.map((w) => call(w.me, 'POST', `/consultations/${id}/comments`, { content: w.content }))),
      // The same text twice at once from one account: one is written, the other refused as a repeat.
      Promise.all([0, 1].map(() => call(accounts[0]!, 'POST', `/consultations/${id}/comments`, { content: '一模一样的意见' }))),
      call('member', 'POST', `/consultations/${id}/comments`, { content: '委员同时的发言', replyTo: first.id }),
      call(accounts[1]!, 'POST', `/consultations/${id}/comments`, { content: '回复不存在的评论', replyTo: '00000000-0000-4000-8000-000000000000' }),
    ]);
    for (const [i, res] of answers.entries()) {
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ content: wanted[i]!.content, status: 'visible', consultationId: id });
    }
    expect(twins.map((r) => r.statusCode).sort()).toEqual([201, 422]);
    expect(twins.find((r) => r.statusCode === 422)!.json().errors[0].path).toBe('/content');
    expect(member.statusCode, member.body).toBe(201);
    expect(member.json().replyTo).toBe(first.id);
    expectProblem(badReply, 422);
    expect(badReply.json().errors[0].path).toBe('/replyTo');
    // Every acknowledged comment is there, each with its own number in the stream.
    const posted = [...answers, twins.find((r) => r.statusCode === 201)!, member].map((r) => r.json() as { id: string; seq: number });
    expect(new Set(posted.map((p) => p.id)).size).toBe(posted.length);
    expect(new Set(posted.map((p) => p.seq)).size).toBe(posted.length);
    const listed = await ok(null, 'GET', `/consultations/${id}/comments?pageSize=100`);
    expect(listed.total).toBe(posted.length + 1);
    expect(new Set(listed.items.map((c: { id: string }) => c.id))).toEqual(new Set([first.id, ...posted.map((p) => p.id)]));
    // Written together: comments of one transaction share its time (now()), so there are fewer times than comments.
    expect(new Set(listed.items.map((c: { createdAt: string }) => c.createdAt)).size).toBeLessThan(posted.length);
    // One audit entry and one event each; the member's comment counts on the duty record.
    const audited = await t.database.db.select({ id: auditLog.entityId }).from(auditLog).where(and(eq(auditLog.orgId, t.fx.orgId), eq(auditLog.action, 'posted'), eq(auditLog.entity, 'consultationComment')));
    for (const p of posted) expect(audited.filter((a) => a.id === p.id)).toHaveLength(1);
    await t.app.outbox.kick();
    const record = await ok('member', 'GET', '/records/me');
    expect(JSON.stringify(record)).toContain(member.json().id);
  });
});
