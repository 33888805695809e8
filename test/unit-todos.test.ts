import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plusDays, today } from '../src/server/modules/handling/deadlines.ts';
import { assignments } from '../src/server/modules/handling/schema.ts';
import { engines, expectProblem, proposalIn, testApp, type TestApp } from './helpers.ts';

// A unit's to-dos and its 交办件: what it owes past its date is flagged with the days and comes first.
describe.each(engines)('overdue to-dos of a unit (%s)', (engine) => {
  let t: TestApp;
  let ids: Record<'toSign' | 'dueLater' | 'overdue' | 'longOverdue' | 'replied', string>;
  /** Time passes: the lead unit's reply was due `days` days ago (China's calendar). */
  const dueAgo = (id: string, days: number) => t.database.db.update(assignments).set({ dueOn: plusDays(today(), -days) })
    .where(and(eq(assignments.itemId, id), eq(assignments.role, 'lead')));
  beforeAll(async () => {
    t = await testApp(engine);
    ids = {
      toSign: await proposalIn(t, 'assigned', '待签收的提案'),
      dueLater: await proposalIn(t, 'handling', '尚未到期的提案'),
      overdue: await proposalIn(t, 'handling', '逾期五天的提案'),
      longOverdue: await proposalIn(t, 'handling', '逾期二十天的提案'),
      replied: await proposalIn(t, 'replied', '已答复的提案'),
    };
    await dueAgo(ids.overdue, 5);
    await dueAgo(ids.longOverdue, 20);
    await dueAgo(ids.replied, 30); // answered: owes nothing, however old its date
  }, 180_000);
  afterAll(async () => { await t?.close(); });

  it('says how many days a to-do is overdue and lists the overdue first', async () => {
    const { items } = (await t.app.inject({ url: '/api/v1/todos', headers: await t.as('unitA') })).json();
    const of = (id: string) => items.find((i: { href: string }) => i.href === `/proposals/${id}`);
    expect(items.slice(0, 2)).toEqual([
      { kind: 'reply', title: '办理答复：逾期二十天的提案', params: { title: '逾期二十天的提案' }, href: `/proposals/${ids.longOverdue}`, due: plusDays(today(), -20), overdueDays: 20 },
      { kind: 'reply', title: '办理答复：逾期五天的提案', params: { title: '逾期五天的提案' }, href: `/proposals/${ids.overdue}`, due: plusDays(today(), -5), overdueDays: 5 },
    ]);
    expect(of(ids.toSign)).toMatchObject({ kind: 'sign', due: plusDays(today(), 7) });
    expect(of(ids.toSign).overdueDays).toBeUndefined();
    expect(of(ids.dueLater).overdueDays).toBeUndefined();
    expect(of(ids.replied)).toBeUndefined();
  });

  it("orders the unit's own list by what it owes: the overdue, then the soonest", async () => {
    const list = (await t.app.inject({ url: `/api/v1/proposals?unitId=${t.fx.unitIds.a}&pageSize=3`, headers: await t.as('unitA') })).json();
    expect(list.total).toBe(5);
    expect(list.items.map((p: { id: string }) => p.id)).toEqual([ids.longOverdue, ids.overdue, ids.toSign]);
    const rest = (await t.app.inject({ url: `/api/v1/proposals?unitId=${t.fx.unitIds.a}&page=2&pageSize=3`, headers: await t.as('unitA') })).json();
    expect(rest.items.map((p: { id: string }) => p.id)).toEqual([ids.dueLater, ids.replied]);
  });

  it("filters a unit's own list to what it owes past its own date", async () => {
    // 市卫健委 (unitB) co-handles them all; its opinion on one was due two days ago.
    await t.database.db.update(assignments).set({ dueOn: plusDays(today(), -2) })
      .where(and(eq(assignments.itemId, ids.dueLater), eq(assignments.unitId, t.fx.unitIds.b)));
    const overdue = async (login: string, unitId: string) =>
      (await t.app.inject({ url: `/api/v1/proposals?unitId=${unitId}&overdue=true`, headers: await t.as(login) })).json().items.map((p: { id: string }) => p.id);
    expect(await overdue('unitA', t.fx.unitIds.a)).toEqual([ids.longOverdue, ids.overdue]);
    expect(await overdue('unitB', t.fx.unitIds.b)).toEqual([ids.dueLater]);
    // Staff filtering by a unit see the lead units' overdue replies, as on the board.
    expect((await overdue('staff', t.fx.unitIds.b)).sort()).toEqual([ids.longOverdue, ids.overdue].sort());
  });

  it('takes 1 and 0 for a yes/no filter as links write them, and names the field for anything else', async () => {
    const list = async (query: string) => t.app.inject({ url: `/api/v1/proposals?unitId=${t.fx.unitIds.a}&${query}`, headers: await t.as('unitA') });
    const ids = async (query: string) => (await list(query)).json().items.map((p: { id: string }) => p.id);
    expect(await ids('overdue=1')).toEqual(await ids('overdue=true'));
    expect(await ids('overdue=0')).toEqual(await ids('overdue=false'));
    expect(expectProblem(await list('overdue=yes'), 400).errors.map((e) => e.path)).toEqual(['/querystring/overdue']);
  });
});
