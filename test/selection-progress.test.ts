// 优秀提案评选: before a level is closed, staff see how far its scoring has come — the entries
// still without a score and each reviewer's scored / total (a user where staff score, a lead unit
// where units score), so that nobody's scores are cut off unnoticed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, proposalIn, testApp, type TestApp } from './helpers.ts';
import { call, thisYear } from './selection-helpers.ts';

interface Progress { level: number; scoring: boolean; entries: number; unscored: number; reviewers: { kind: string; id: string | null; name: string | null; scored: number; total: number }[] }

describe('selection: scoring progress per reviewer', () => {
  let t: TestApp;
  let roundId: string;
  let levelIds: string[];
  let entryIds: string[];
  beforeAll(async () => {
    t = await testApp('embedded');
    // A second staff user, who scores nothing.
    await call(t, 'admin', 'POST', '/api/v1/users', { username: 'staff2', password: 'long-enough-1', roles: ['staff'] });
    const round = await call(t, 'staff', 'POST', '/api/v1/selections', { year: thisYear(), name: '评分进度评选' });
    roundId = round.id;
    levelIds = round.levels.map((l: { id: string }) => l.id);
    entryIds = [];
    for (const title of ['关于完善社区养老驿站的提案', '关于加强社区食堂建设的提案']) {
      const proposalId = await proposalIn(t, 'closed', title); // handled by unit A
      entryIds.push((await call(t, 'staff', 'POST', `/api/v1/selections/${roundId}/nominations`, { proposalId, reason: '办理成效显著' })).id);
    }
    await call(t, 'staff', 'POST', `/api/v1/selections/${roundId}/levels/${levelIds[0]}/close`, {});
  }, 120_000);
  afterAll(async () => { await t?.close(); });

  const progress = async (login = 'staff', level?: number) => call(t, login, 'GET', `/api/v1/selections/${roundId}/progress${level ? `?level=${level}` : ''}`) as Promise<Progress>;
  const score = (login: string, entryId: string, value: number) => call(t, login, 'POST', `/api/v1/selections/${roundId}/entries/${entryId}/reviews`, { score: value });
  const of = (p: Progress, name: string) => p.reviewers.find((r) => r.name === name);

  it('counts the entries without a score and each staff reviewer\'s scored / total, the unfinished first', async () => {
    expect(await progress()).toMatchObject({ level: 2, scoring: true, entries: 2, unscored: 2 });
    await score('staff', entryIds[0]!, 90);
    const p = await progress();
    expect(p).toMatchObject({ entries: 2, unscored: 1 });
    expect(of(p, 'staff')).toMatchObject({ kind: 'user', scored: 1, total: 2 });
    expect(of(p, 'staff2')).toMatchObject({ kind: 'user', scored: 0, total: 2 });
    await score('staff', entryIds[1]!, 80);
    const done = await progress();
    expect(done.unscored).toBe(0);
    expect(of(done, 'staff')).toMatchObject({ scored: 2, total: 2 });
    expect(done.reviewers.map((r) => r.name)).toEqual(['staff2', 'staff']); // who has not finished comes first
  });

  it('counts by lead unit where the handling units score, and answers for any reached level', async () => {
    await call(t, 'staff', 'POST', `/api/v1/selections/${roundId}/levels/${levelIds[1]}/close`, {});
    const p = await progress();
    expect(p).toMatchObject({ level: 3, entries: 2, unscored: 2, reviewers: [{ kind: 'unit', id: t.fx.unitIds.a, name: '市教育局', scored: 0, total: 2 }] });
    await score('unitA', entryIds[0]!, 85);
    expect((await progress()).reviewers).toEqual([expect.objectContaining({ scored: 1, total: 2 })]);
    expect(await progress('leader', 2)).toMatchObject({ level: 2, unscored: 0 });
    expect(await progress('staff', 1)).toMatchObject({ level: 1, scoring: false, reviewers: [] });
  });

  it('is for staff, leaders and admins only, and names a level the round does not have', async () => {
    expectProblem(await t.app.inject({ url: `/api/v1/selections/${roundId}/progress`, headers: await t.as('member') }), 403);
    expectProblem(await t.app.inject({ url: `/api/v1/selections/${roundId}/progress`, headers: await t.as('unitA') }), 403);
    const bad = expectProblem(await t.app.inject({ url: `/api/v1/selections/${roundId}/progress?level=9`, headers: await t.as('staff') }), 422);
    expect(bad.errors.map((e) => e.path)).toEqual(['/level']);
  });
});
