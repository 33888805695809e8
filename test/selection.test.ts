import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../src/server/core/jobs-schema.ts';
import { auditLog } from '../src/server/core/schema.ts';
import { selectionEntries } from '../src/server/modules/selection/schema.ts';
import { engines, expectProblem, proposalIn, snapshotter, testApp, type TestApp } from './helpers.ts';
import { call, selectionIn, thisYear } from './selection-helpers.ts';
import { cells, col, downloads } from './export-helpers.ts';

// 优秀提案评选: six levels in the seed's order, each scoring only its input and passing a shorter
// list on; nothing skips a level; the last level's choice is announced, public and final.

interface Level { id: string; position: number; key: string; name: string; actor: string; quota: number | null; state: string; entries: number; passed: number | null }
interface Entry { id: string; proposalId: string; title: string; outcome: string; score: number | null; mayReview: boolean; mayWithdraw: boolean; reviews: { level: number; score: number; comment: string | null }[] }

describe.each(engines)('excellent-proposal selection (%s)', (engine) => {
  let t: TestApp;
  let snapshot: () => Promise<Record<string, string>>;
  beforeAll(async () => { t = await testApp(engine); snapshot = snapshotter(t); });
  afterAll(async () => { await t?.close(); });

  const base = (id: string) => `/api/v1/selections/${id}`;
  const { rowsOf, csv } = downloads(async (url, login) => t.app.inject({ url: `/api/v1${url}`, headers: login ? await t.as(login) : {} }));
  const send = async (login: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: login ? await t.as(login) : {}, ...(payload ? { payload } : {}) });
  /** The request is refused with `status` and changes nothing. */
  const refused = async (status: number, login: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
    if (login) await t.as(login); // (a first login writes a session)
    const before = await snapshot();
    const problem = expectProblem(await send(login, method, url, payload), status);
    expect(await snapshot(), `${login} ${method} ${url}`).toEqual(before);
    return problem;
  };
  const round = async (id: string, login = 'staff') => call(t, login, 'GET', base(id)) as Promise<{ state: string; currentLevel: number; levels: Level[]; results: { proposals: { title: string; leadUnitName: string }[]; units: string[] } | null }>;
  const entries = async (login: string, id: string, level?: number) =>
    (await call(t, login, 'GET', `${base(id)}/entries?pageSize=200${level ? `&level=${level}` : ''}`)).items as Entry[];
  const titles = (list: { title: string }[]) => list.map((e) => e.title).sort();
  const nominateAs = (login: string, id: string, proposalId: string) => call(t, login, 'POST', `${base(id)}/nominations`, { proposalId, reason: '办理成效显著' });
  const score = (login: string, id: string, entryId: string, value: number, comment = '调研扎实') =>
    call(t, login, 'POST', `${base(id)}/entries/${entryId}/reviews`, { score: value, comment });
  const close = (id: string, levelId: string, passIds?: string[]) => call(t, 'staff', 'POST', `${base(id)}/levels/${levelId}/close`, passIds ? { passIds } : {});

  /** A closed proposal of 李四 (member2) handled by unit B alone. */
  async function closedOfMember2(title: string) {
    const { id } = await call(t, 'member2', 'POST', '/api/v1/proposals', { title, body: '建议完善社区卫生服务。', kind: 'member' });
    const step = (login: string, action: string, body: object = {}) => call(t, login, 'POST', `/api/v1/proposals/${id}/actions/${action}`, body);
    await step('member2', 'submit');
    await step('staff', 'file');
    await step('staff', 'assign', { units: [{ unitId: t.fx.unitIds.b, role: 'lead' }] });
    await step('unitB', 'sign');
    await step('unitB', 'reply', { category: 'A', content: '已采纳。' });
    await step('member2', 'evaluate', { satisfaction: 'satisfied' });
    return id as string;
  }

  it('opens a round with the six levels of the seed speech, in order, and records it', async () => {
    const created = await send('staff', 'POST', '/api/v1/selections', { year: thisYear(), name: '年度优秀提案评选' });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json();
    expect(r).toMatchObject({ state: 'open', currentLevel: 1, entries: 0, results: null });
    expect(r.levels.map((l: Level) => [l.key, l.name, l.actor, l.state])).toEqual([
      ['proposer', '提案人自荐', 'proposer', 'current'],
      ['committee', '提案委员会初评', 'staff', 'pending'],
      ['unit', '承办单位推荐', 'leadUnit', 'pending'],
      ['supervision', '党委政府督查部门审核', 'staff', 'pending'],
      ['chair', '主席会议审议', 'staffOrLeader', 'pending'],
      ['standing', '常委会议表彰', 'staff', 'pending'],
    ]);
    // Quotas shorten the list level by level.
    const quotas = r.levels.map((l: Level) => l.quota).filter((q: number | null) => q !== null);
    expect([...quotas].sort((a, b) => b - a)).toEqual(quotas);
    const [audit] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'selection'), eq(auditLog.entityId, r.id)));
    expect(audit).toMatchObject({ action: 'created', actorUserId: t.fx.userIds.staff });
    // The same name twice in a year, and rounds by anyone but staff, are refused.
    expect((await refused(409, 'staff', 'POST', '/api/v1/selections', { year: thisYear(), name: '年度优秀提案评选' })).errors[0]!.path).toBe('/name');
    for (const login of ['admin', 'leader', 'member', 'unitA']) await refused(403, login, 'POST', '/api/v1/selections', { year: thisYear(), name: `${login}的评选` });
  });

  it('checks custom levels: unique keys, the proposer first only, quotas that only shrink', async () => {
    const level = (key: string, actor: string, quota: number | null) => ({ key, name: key, actor, quota });
    const cases: [object[], string][] = [
      [[level('a', 'staff', 10), level('a', 'staff', 5)], '/levels/1/key'],
      [[level('a', 'staff', 10), level('b', 'proposer', 5)], '/levels/1/actor'],
      [[level('a', 'staff', 10), level('b', 'leadUnit', null), level('c', 'staff', 11)], '/levels/2/quota'],
    ];
    for (const [levels, path] of cases) {
      const p = await refused(422, 'staff', 'POST', '/api/v1/selections', { year: thisYear(), name: `自定义${path}`, levels });
      expect(p.errors.map((e) => e.path)).toEqual([path]);
    }
    const ok = await call(t, 'staff', 'POST', '/api/v1/selections', { year: thisYear(), name: '两级评选', levels: [level('a', 'staff', 3), level('b', 'staffOrLeader', 1)] });
    expect(ok.levels.map((l: Level) => l.position)).toEqual([1, 2]);
  });

  it('takes self-nominations of the proposer’s own replied or closed proposals of that year, and staff nominations', async () => {
    const r = await call(t, 'staff', 'POST', '/api/v1/selections', { year: thisYear(), name: '自荐规则' });
    const mine = await proposalIn(t, 'closed', '自荐：已办结');
    const replied = await proposalIn(t, 'replied', '自荐：已答复');
    const handling = await proposalIn(t, 'handling', '自荐：办理中');
    const others = await closedOfMember2('他人的提案');
    // The member sees what they may nominate; staff see every eligible proposal.
    const eligible = (await call(t, 'member', 'GET', `${base(r.id)}/eligible?pageSize=100`)).items.map((p: { id: string }) => p.id);
    expect(eligible).toEqual(expect.arrayContaining([mine, replied]));
    expect(eligible).not.toContain(handling);
    expect(eligible).not.toContain(others);
    expect((await call(t, 'staff', 'GET', `${base(r.id)}/eligible?pageSize=100`)).items.map((p: { id: string }) => p.id)).toContain(others);

    const self = await nominateAs('member', r.id, mine);
    expect(self).toMatchObject({ nominatedAs: 'self', reached: 1 });
    expect((await nominateAs('member', r.id, replied)).nominatedAs).toBe('self');
    await refused(403, 'member', 'POST', `${base(r.id)}/nominations`, { proposalId: others, reason: '代为推荐' });
    for (const login of ['admin', 'unitA', 'leader']) await refused(403, login, 'POST', `${base(r.id)}/nominations`, { proposalId: others, reason: '推荐' });
    expect((await refused(422, 'member', 'POST', `${base(r.id)}/nominations`, { proposalId: handling, reason: '推荐' })).errors[0]!.path).toBe('/proposalId');
    expect((await refused(409, 'member', 'POST', `${base(r.id)}/nominations`, { proposalId: mine, reason: '再推荐' })).errors[0]!.path).toBe('/proposalId');
    expect((await nominateAs('staff', r.id, others)).nominatedAs).toBe('staff');
    // A round of another year takes none of this year's proposals.
    const old = await call(t, 'staff', 'POST', '/api/v1/selections', { year: thisYear() - 1, name: '去年的评选' });
    expect((await refused(422, 'staff', 'POST', `${base(old.id)}/nominations`, { proposalId: mine, reason: '推荐' })).detail).toContain(String(thisYear() - 1));
    // An entry carries the unit that led the handling: unit A for the member's, unit B for 李四's.
    const rows = await t.database.db.select().from(selectionEntries).where(eq(selectionEntries.roundId, r.id));
    expect(rows.find((e) => e.proposalId === mine)?.leadUnitId).toBe(t.fx.unitIds.a);
    expect(rows.find((e) => e.proposalId === others)?.leadUnitId).toBe(t.fx.unitIds.b);
  });

  it('lets no entry skip a level, and closes each level for good (409)', async () => {
    const r = await call(t, 'staff', 'POST', '/api/v1/selections', { year: thisYear(), name: '不能越级' });
    const ids = r.levels.map((l: Level) => l.id) as string[];
    // Nothing to close yet, and only the level under way may be closed.
    await refused(409, 'staff', 'POST', `${base(r.id)}/levels/${ids[0]}/close`, {});
    const a = await nominateAs('member', r.id, await proposalIn(t, 'closed', '越级甲'));
    const b = await nominateAs('member', r.id, await proposalIn(t, 'closed', '越级乙'));
    for (const later of ids.slice(1)) await refused(409, 'staff', 'POST', `${base(r.id)}/levels/${later}/close`, {});
    // Level 1 passes only 甲: 乙 stays out of level 2, and can neither be scored nor passed there.
    await close(r.id, ids[0]!, [a.id]);
    expect((await round(r.id)).levels.map((l) => [l.state, l.entries, l.passed])).toEqual([
      ['closed', 2, 1], ['current', 1, null], ['pending', 0, null], ['pending', 0, null], ['pending', 0, null], ['pending', 0, null],
    ]);
    await refused(409, 'staff', 'POST', `${base(r.id)}/levels/${ids[0]}/close`, { passIds: [b.id] });
    await refused(409, 'staff', 'POST', `${base(r.id)}/entries/${b.id}/reviews`, { score: 99 });
    expect((await refused(409, 'staff', 'POST', `${base(r.id)}/levels/${ids[1]}/close`, { passIds: [a.id, b.id] })).errors[0]!.path).toBe('/passIds/1');
    expect((await refused(422, 'staff', 'POST', `${base(r.id)}/levels/${ids[1]}/close`, { passIds: [crypto.randomUUID()] })).errors[0]!.path).toBe('/passIds/0');
    // Nominations end with the first level.
    await refused(409, 'member', 'POST', `${base(r.id)}/nominations`, { proposalId: await proposalIn(t, 'closed', '越级丙'), reason: '迟到的推荐' });
    await close(r.id, ids[1]!);
    await refused(409, 'staff', 'POST', `${base(r.id)}/levels/${ids[1]}/close`, {});
    // Every entry reached only levels it passed into, one after another.
    const rows = await t.database.db.select().from(selectionEntries).where(eq(selectionEntries.roundId, r.id));
    expect(rows.map((e) => [e.id, e.reached]).sort()).toEqual([[a.id, 3], [b.id, 1]].sort());
    expect((await round(r.id)).currentLevel).toBe(3);
  });

  it('shows each level only its input, with the earlier scores and comments; the proposer sees no scores', async () => {
    const r = await call(t, 'staff', 'POST', '/api/v1/selections', { year: thisYear(), name: '只见本级' });
    const ids = r.levels.map((l: Level) => l.id) as string[];
    const a = await nominateAs('member', r.id, await proposalIn(t, 'closed', '输入甲'));
    const b = await nominateAs('staff', r.id, await closedOfMember2('输入乙'));
    const c = await nominateAs('member', r.id, await proposalIn(t, 'closed', '输入丙'));
    await close(r.id, ids[0]!, [a.id, b.id]);
    await score('staff', r.id, a.id, 92, '选题精准');
    await score('staff', r.id, b.id, 85);
    expect(titles(await entries('staff', r.id, 1))).toEqual(['输入丙', '输入乙', '输入甲'].sort());
    expect(titles(await entries('staff', r.id, 2))).toEqual(['输入乙', '输入甲'].sort());
    expect(titles(await entries('staff', r.id, 3))).toEqual([]);
    // A unit's clerks see nothing before their level.
    expect(await entries('unitA', r.id, 2)).toEqual([]);
    await close(r.id, ids[1]!, [a.id, b.id]);

    // At the unit level each lead unit sees, and scores, its own entry only.
    const ofA = await entries('unitA', r.id);
    expect(titles(ofA)).toEqual(['输入甲']);
    expect(ofA[0]!.reviews.map((v) => [v.level, v.score, v.comment])).toEqual([[2, 92, '选题精准']]);
    expect(ofA[0]!.mayReview).toBe(true);
    expect(titles(await entries('unitB', r.id))).toEqual(['输入乙']);
    await score('unitA', r.id, a.id, 88, '办理中沟通充分');
    await refused(403, 'unitA', 'POST', `${base(r.id)}/entries/${b.id}/reviews`, { score: 10 });
    await refused(409, 'unitA', 'POST', `${base(r.id)}/entries/${c.id}/reviews`, { score: 10 });

    // The proposer sees their own entries and how far they went, without anyone's scores.
    const own = await entries('member', r.id, 1);
    expect(titles(own)).toEqual(['输入丙', '输入甲'].sort());
    expect(own.map((e) => [e.title, e.outcome, e.score, e.reviews.length]).sort()).toEqual([['输入丙', 'out', null, 0], ['输入甲', 'passed', null, 0]]);
    expect(titles(await entries('member2', r.id, 3))).toEqual(['输入乙']);

    // The exports hold what each caller's list holds: scores and comments for those shown them, none for the proposer.
    const staffRows = await rowsOf(`/selections/${r.id}/entries.xlsx?level=2`, 'staff');
    expect(staffRows[0]).toEqual(['提案', '提案者', '主办单位', '推荐方式', '推荐理由', '得分', '评语', '结果', '优秀提案']);
    expect(col(staffRows, '提案')).toEqual((await entries('staff', r.id, 2)).map((e) => e.title));
    expect(col(staffRows, '得分').sort()).toEqual([85, 92]);
    expect(col(await rowsOf(`/selections/${r.id}/entries.xlsx`, 'unitA'), '提案')).toEqual(['输入甲']);
    const ownRows = await rowsOf(`/selections/${r.id}/entries.xlsx?level=1`, 'member', '只见本级（提案人自荐）');
    expect(ownRows[0]).not.toContain('得分');
    expect(col(ownRows, '提案')).toEqual(own.map((e) => e.title));
    expect(await csv(`/selections/${r.id}/entries.csv?level=1`, 'member')).toEqual(cells(ownRows));
    const rounds = await rowsOf(`/selections.xlsx?year=${thisYear()}`, 'staff', '优秀提案评选');
    expect(col(rounds, '名称')).toEqual((await call(t, 'staff', 'GET', `/api/v1/selections?year=${thisYear()}&pageSize=100`)).items.map((x: { name: string }) => x.name));
    expect(col(rounds, '名称')).toContain('只见本级');
    // Without login: the announced rounds only, as the list.
    expect(col(await rowsOf('/selections.xlsx'), '名称')).toEqual((await send(null, 'GET', '/api/v1/selections?pageSize=100')).json().items.map((x: { name: string }) => x.name));
  });

  it('takes scores only from the level under way and its reviewers (403), leaders too at the chair meeting', async () => {
    const s = await selectionIn(t, 'nominating', '谁来评分');
    const url = `${base(s.id)}/entries/${s.entryId}/reviews`;
    // Level 1 takes nominations, not scores.
    for (const login of ['staff', 'member', 'leader']) await refused(403, login, 'POST', url, { score: 80 });
    await close(s.id, s.levelIds[0]!);
    for (const login of ['admin', 'leader', 'member', 'unitA', 'unitB']) await refused(403, login, 'POST', url, { score: 80 });
    await refused(404, 'otherStaff', 'POST', url, { score: 80 });
    expect((await score('staff', s.id, s.entryId, 70)).myReview).toEqual({ score: 70, comment: '调研扎实' });
    // Scoring again replaces one's score.
    expect((await score('staff', s.id, s.entryId, 75, '修改')).score).toBe(75);
    await close(s.id, s.levelIds[1]!);
    for (const login of ['staff', 'leader', 'unitB']) await refused(403, login, 'POST', url, { score: 80 });
    await score('unitA', s.id, s.entryId, 90);
    await close(s.id, s.levelIds[2]!);
    await close(s.id, s.levelIds[3]!);
    await refused(403, 'unitA', 'POST', url, { score: 80 });
    await score('leader', s.id, s.entryId, 95);
    await score('staff', s.id, s.entryId, 85);
    const [e] = await entries('staff', s.id);
    expect(e!.score).toBe(90);
    expect(e!.reviews.map((v) => v.level)).toEqual([2, 3, 5, 5]);
    expectProblem(await send('staff', 'POST', `${base(s.id)}/entries/${crypto.randomUUID()}/reviews`, { score: 1 }), 404);
  });

  it('passes the best entries by default, within the quota', async () => {
    const level = (key: string, quota: number | null) => ({ key, name: key, actor: 'staff', quota });
    const r = await call(t, 'staff', 'POST', '/api/v1/selections', { year: thisYear(), name: '默认前N名', levels: [level('first', null), level('second', 2), level('final', 1)] });
    const ids = r.levels.map((l: Level) => l.id) as string[];
    const list = [];
    for (const name of ['默认一', '默认二', '默认三']) list.push(await nominateAs('member', r.id, await proposalIn(t, 'closed', name)));
    await score('staff', r.id, list[0].id, 60);
    await score('staff', r.id, list[1].id, 95);
    await score('staff', r.id, list[2].id, 80);
    await close(r.id, ids[0]!);
    expect(titles(await entries('staff', r.id, 2))).toEqual(['默认一', '默认三', '默认二'].sort());
    // Above the quota is refused; without a list the best two pass (scores of this level only).
    expect((await refused(422, 'staff', 'POST', `${base(r.id)}/levels/${ids[1]}/close`, { passIds: list.map((e) => e.id) })).errors[0]!.path).toBe('/passIds');
    await score('staff', r.id, list[0].id, 99);
    await score('staff', r.id, list[1].id, 50);
    await score('staff', r.id, list[2].id, 70);
    await close(r.id, ids[1]!);
    expect((await entries('staff', r.id, 3)).map((e) => e.title)).toEqual(['默认一', '默认三']);
    await close(r.id, ids[2]!);
    const decided = await round(r.id);
    expect(decided).toMatchObject({ state: 'decided', currentLevel: 3 });
    expect((await entries('staff', r.id, 3)).map((e) => [e.title, e.outcome])).toEqual([['默认一', 'passed'], ['默认三', 'out']]);
  });

  it('announces the excellent proposals and units; then results are public and final (409)', async () => {
    const s = await selectionIn(t, 'decided', '公布结果');
    await refused(409, 'staff', 'POST', `${base(s.id)}/levels/${s.levelIds[5]}/close`, {});
    expect((await refused(422, 'staff', 'POST', `${base(s.id)}/announce`, { unitIds: [crypto.randomUUID()] })).errors[0]!.path).toBe('/unitIds');
    for (const login of ['admin', 'leader', 'member', 'unitA']) await refused(403, login, 'POST', `${base(s.id)}/announce`, {});
    // Not public before the announcement.
    await refused(404, null, 'GET', base(s.id));
    expect((await call(t, 'staff', 'GET', `/api/v1/members/${t.fx.memberIds[0]}/honours`)).items).toEqual([]);

    const announced = await call(t, 'staff', 'POST', `${base(s.id)}/announce`, {});
    expect(announced.state).toBe('announced');
    // By default the excellent handling units are the lead units of the excellent proposals.
    expect(announced.results).toMatchObject({ proposals: [{ title: '公布结果的提案', leadUnitName: '市教育局' }], units: ['市教育局'] });
    const audit = await t.database.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.entity, 'selection'), eq(auditLog.entityId, s.id))).orderBy(auditLog.id);
    expect(audit.map((a) => a.action)).toEqual(['created', 'nominated', ...Array(6).fill('levelClosed'), 'announced']);

    // Final: no change of any kind.
    await refused(409, 'staff', 'POST', `${base(s.id)}/announce`, { unitIds: [t.fx.unitIds.b] });
    await refused(409, 'staff', 'POST', `${base(s.id)}/levels/${s.levelIds[5]}/close`, {});
    await refused(409, 'staff', 'POST', `${base(s.id)}/entries/${s.entryId}/reviews`, { score: 1 });
    await refused(409, 'staff', 'POST', `${base(s.id)}/nominations`, { proposalId: await proposalIn(t, 'closed', '公布后推荐'), reason: '迟到' });

    // The member's record shows the honour.
    const honours = (await call(t, 'leader', 'GET', `/api/v1/members/${t.fx.memberIds[0]}/honours`)).items;
    expect(honours).toEqual([expect.objectContaining({ kind: 'excellentProposal', roundId: s.id, title: '公布结果的提案', role: 'proposer', year: thisYear() })]);
    expectProblem(await send('otherStaff', 'GET', `/api/v1/members/${t.fx.memberIds[0]}/honours`), 404);
  });

  it('shows the public only announced rounds and their results, without logging in', async () => {
    const open = await selectionIn(t, 'unitLevel', '公众看不到');
    const done = await selectionIn(t, 'announced', '公众可见');
    const list = await send(null, 'GET', '/api/v1/selections?pageSize=200');
    expect(list.statusCode).toBe(200);
    const names = list.json().items.map((r: { name: string }) => r.name);
    expect(names).toContain('公众可见');
    expect(names).not.toContain('公众看不到');
    expect(list.json().items.every((r: { state: string }) => r.state === 'announced')).toBe(true);
    const pub = await send(null, 'GET', base(done.id));
    expect(pub.statusCode).toBe(200);
    expect(pub.json().results.proposals.map((p: { title: string }) => p.title)).toEqual(['公众可见的提案']);
    expectProblem(await send(null, 'GET', base(open.id)), 404);
    expectProblem(await send(null, 'GET', `${base(done.id)}/entries`), 401);
    // Staff see every round of their committee; announced=true only the results.
    const staffNames = (await call(t, 'staff', 'GET', '/api/v1/selections?pageSize=200')).items.map((r: { name: string }) => r.name);
    expect(staffNames).toEqual(expect.arrayContaining(['公众可见', '公众看不到']));
    expect((await call(t, 'staff', 'GET', '/api/v1/selections?announced=true&pageSize=200')).items.map((r: { name: string }) => r.name)).not.toContain('公众看不到');
    // Another committee sees none of ours in its list, but may read the public results.
    expect((await call(t, 'otherStaff', 'GET', '/api/v1/selections?pageSize=200')).items).toEqual([]);
    expectProblem(await send('otherStaff', 'GET', base(open.id)), 404);
  });

  it('lets staff change the name and levels until the first level closes or a score is recorded (409)', async () => {
    const level = (key: string, name: string, actor: string, quota: number | null) => ({ key, name, actor, quota });
    const r = await call(t, 'staff', 'POST', '/api/v1/selections', { year: thisYear(), name: '可改设置' });
    const byKey = Object.fromEntries((r.levels as Level[]).map((l) => [l.key, l.id]));
    const a = await nominateAs('member', r.id, await proposalIn(t, 'closed', '改设置甲'));
    // Reordered, renamed, one removed and one added; a level kept under its key keeps its id.
    const levels = [
      level('proposer', '提案人自荐', 'proposer', null), level('unit', '承办单位评价', 'leadUnit', 30), level('committee', '提案委员会初评', 'staff', 20),
      level('expert', '专家评审', 'staff', 12), level('standing', '常委会议表彰', 'staff', 10),
    ];
    const edited = await call(t, 'staff', 'PATCH', base(r.id), { name: '可改设置（修订）', levels });
    expect(edited).toMatchObject({ name: '可改设置（修订）', state: 'open', currentLevel: 1, entries: 1 });
    expect((edited.levels as Level[]).map((l) => [l.position, l.key, l.name, l.actor, l.quota, l.state])).toEqual([
      [1, 'proposer', '提案人自荐', 'proposer', null, 'current'], [2, 'unit', '承办单位评价', 'leadUnit', 30, 'pending'],
      [3, 'committee', '提案委员会初评', 'staff', 20, 'pending'], [4, 'expert', '专家评审', 'staff', 12, 'pending'], [5, 'standing', '常委会议表彰', 'staff', 10, 'pending'],
    ]);
    const ids = Object.fromEntries((edited.levels as Level[]).map((l) => [l.key, l.id]));
    expect([ids.proposer, ids.unit, ids.committee, ids.standing]).toEqual([byKey.proposer, byKey.unit, byKey.committee, byKey.standing]);
    expect(Object.values(byKey)).not.toContain(ids.expert);
    // The nomination stays at the first level; the name alone may change too.
    expect(titles(await entries('staff', r.id, 1))).toEqual(['改设置甲']);
    expect((await call(t, 'staff', 'PATCH', base(r.id), { name: '可改设置' })).levels).toHaveLength(5);
    // The same checks as when opening a round; only staff; another committee's round is unknown.
    expect((await refused(422, 'staff', 'PATCH', base(r.id), { levels: [levels[0], level('b', 'b', 'proposer', 5)] })).errors[0]!.path).toBe('/levels/1/actor');
    expect((await refused(422, 'staff', 'PATCH', base(r.id), { levels: [level('a', 'a', 'staff', 5), level('b', 'b', 'staff', 6)] })).errors[0]!.path).toBe('/levels/1/quota');
    for (const login of ['admin', 'leader', 'member', 'unitA']) await refused(403, login, 'PATCH', base(r.id), { name: `${login}改名` });
    await refused(404, 'otherStaff', 'PATCH', base(r.id), { name: '他会改名' });
    const [audit] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'selection'), eq(auditLog.entityId, r.id), eq(auditLog.action, 'edited'))).orderBy(auditLog.id);
    expect(audit).toMatchObject({ actorUserId: t.fx.userIds.staff, before: { name: '可改设置' }, after: { name: '可改设置（修订）' } });
    expect((audit!.after as { levels: { key: string }[] }).levels.map((l) => l.key)).toEqual(['proposer', 'unit', 'committee', 'expert', 'standing']);

    // Once the first level has closed the set-up is fixed, with the reason.
    await close(r.id, ids.proposer!, [a.id]);
    const fixed = await refused(409, 'staff', 'PATCH', base(r.id), { levels });
    expect(fixed.detail).toContain('第一级已结束');
    await refused(409, 'staff', 'PATCH', base(r.id), { name: '太迟了' });
    // A first level that scores: fixed once a score is recorded, even before it closes.
    const scored = await call(t, 'staff', 'POST', '/api/v1/selections', { year: thisYear(), name: '先评分', levels: [level('first', '初评', 'staff', 3), level('final', '终评', 'staff', 1)] });
    const b = await nominateAs('member', scored.id, await proposalIn(t, 'closed', '改设置乙'));
    await score('staff', scored.id, b.id, 80);
    expect((await refused(409, 'staff', 'PATCH', base(scored.id), { levels: [level('only', '唯一', 'staff', 1)] })).detail).toContain('已有评分');
  });

  it('lets the proposer withdraw a self-nomination (staff any) while the first level is open, and nominate it again', async () => {
    const r = await call(t, 'staff', 'POST', '/api/v1/selections', { year: thisYear(), name: '撤回推荐' });
    const ids = r.levels.map((l: Level) => l.id) as string[];
    const mine = await proposalIn(t, 'closed', '撤回：自荐');
    const kept = await nominateAs('member', r.id, await proposalIn(t, 'closed', '撤回：保留'));
    const self = await nominateAs('member', r.id, mine);
    const byStaff = await nominateAs('staff', r.id, await closedOfMember2('撤回：工作人员推荐'));
    const withdraw = (login: string, entryId: string) => call(t, login, 'POST', `${base(r.id)}/entries/${entryId}/withdraw`);
    const url = (entryId: string) => `${base(r.id)}/entries/${entryId}/withdraw`;
    // The entry says who may withdraw it.
    expect((await entries('member', r.id)).map((e) => [e.title, e.mayWithdraw]).sort()).toEqual([['撤回：保留', true], ['撤回：自荐', true]]);
    expect((await entries('staff', r.id)).every((e) => e.mayWithdraw)).toBe(true);
    expect((await entries('leader', r.id)).some((e) => e.mayWithdraw)).toBe(false);
    // Not someone else's, nor a staff nomination of one's proposal; not by other roles.
    await refused(403, 'member2', 'POST', url(self.id));
    for (const login of ['admin', 'leader', 'unitA']) await refused(403, login, 'POST', url(self.id));
    await refused(404, 'otherStaff', 'POST', url(self.id));
    await refused(404, 'member', 'POST', url(crypto.randomUUID()));
    const staffNominated = await closedOfMember2('撤回：替李四推荐');
    const forMember2 = await nominateAs('staff', r.id, staffNominated);
    await refused(403, 'member2', 'POST', url(forMember2.id));

    const after = await withdraw('member', self.id);
    expect(after.entries).toBe(3);
    // Gone from the level for everyone; the proposal may be nominated again.
    for (const login of ['member', 'staff']) expect(titles(await entries(login, r.id, 1))).not.toContain('撤回：自荐');
    expect((await call(t, 'member', 'GET', `${base(r.id)}/eligible?pageSize=100`)).items.map((p: { id: string }) => p.id)).toContain(mine);
    await refused(404, 'member', 'POST', url(self.id));
    const again = await nominateAs('member', r.id, mine);
    expect(again.id).not.toBe(self.id);
    // Staff withdraw on the proposer's behalf, and the proposer is told.
    await withdraw('staff', again.id);
    const [notice] = await t.database.db.select().from(notifications)
      .where(and(eq(notifications.userId, t.fx.userIds.member!), eq(notifications.title, '您的优秀提案自荐已由工作人员撤回：撤回：自荐')));
    expect(notice).toBeDefined();
    await withdraw('staff', byStaff.id);
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'selection'), eq(auditLog.entityId, r.id), eq(auditLog.action, 'withdrawn'))).orderBy(auditLog.id);
    expect(audit.map((a) => [a.actorUserId, (a.before as { entryId: string }).entryId])).toEqual([[t.fx.userIds.member, self.id], [t.fx.userIds.staff, again.id], [t.fx.userIds.staff, byStaff.id]]);

    // Once the first level has closed nothing can be withdrawn.
    await close(r.id, ids[0]!, [kept.id]);
    expect((await entries('member', r.id, 1)).some((e) => e.mayWithdraw)).toBe(false);
    expect((await refused(409, 'member', 'POST', url(kept.id))).detail).toContain('不能再撤回');
    await refused(409, 'staff', 'POST', url(forMember2.id));
  });

  it('lists the round’s history for staff, leaders and admins', async () => {
    const s = await selectionIn(t, 'scoring', '评选历史');
    await score('staff', s.id, s.entryId, 86);
    await close(s.id, s.levelIds[1]!);

    const r = await call(t, 'staff', 'POST', '/api/v1/selections', { year: thisYear(), name: '历史：撤回' });
    await call(t, 'staff', 'PATCH', base(r.id), { name: '历史：撤回与修改' });
    const e = await nominateAs('member', r.id, await proposalIn(t, 'closed', '历史：撤回的提案'));
    await call(t, 'member', 'POST', `${base(r.id)}/entries/${e.id}/withdraw`);

    type Item = { action: string; from: string | null; to: string | null; note: string | null; actorName: string | null; at: string };
    const history = async (login: string, id: string) => (await call(t, login, 'GET', `${base(id)}/history`)) as Item[];
    const first = await history('leader', s.id);
    expect(first.map((h) => h.action)).toEqual(['created', 'nominated', 'levelClosed', 'reviewed', 'levelClosed']);
    expect(first[1]).toMatchObject({ note: '评选历史的提案' });
    expect(first[2]).toMatchObject({ from: 'open', to: 'open', note: '提案人自荐：1/1' });
    expect(first.every((h) => h.actorName && h.at)).toBe(true);
    expect((await history('admin', r.id)).map((h) => [h.action, h.note])).toEqual([
      ['created', null], ['edited', '名称：历史：撤回与修改'], ['nominated', '历史：撤回的提案'], ['withdrawn', '历史：撤回的提案'],
    ]);
    for (const login of ['member', 'unitA']) await refused(403, login, 'GET', `${base(r.id)}/history`);
    await refused(404, 'otherStaff', 'GET', `${base(r.id)}/history`);
    await refused(401, null, 'GET', `${base(r.id)}/history`);
  });

  it('puts nominations and scores on the to-do lists of those whose turn it is', async () => {
    const todos = async (login: string) => (await call(t, login, 'GET', '/api/v1/todos')).items as { kind: string; title: string; href: string }[];
    const mine = (list: { title: string; href: string }[], id: string) => list.filter((x) => x.href.startsWith(`/selections/${id}`));
    const r = await call(t, 'staff', 'POST', '/api/v1/selections', { year: thisYear(), name: '待办评选' });
    await proposalIn(t, 'closed', '待办：可自荐');
    expect(mine(await todos('member'), r.id)).toEqual([expect.objectContaining({ kind: 'nominate', href: `/selections/${r.id}/nominate` })]);
    expect(mine(await todos('unitA'), r.id)).toEqual([]);
    const s = await selectionIn(t, 'scoring', '待办评分');
    expect(mine(await todos('staff'), s.id)).toEqual([expect.objectContaining({ kind: 'selectionReview', title: '优秀提案评选·提案委员会初评：待评分 1 件' })]);
    await score('staff', s.id, s.entryId, 80);
    expect(mine(await todos('staff'), s.id)).toEqual([]);
    await close(s.id, s.levelIds[1]!);
    expect(mine(await todos('unitA'), s.id)).toEqual([expect.objectContaining({ kind: 'selectionReview' })]);
    expect(mine(await todos('unitB'), s.id)).toEqual([]);
  });
});
