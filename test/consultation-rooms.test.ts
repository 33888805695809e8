import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { outbox } from '../src/server/core/schema.ts';
import { plusDays, today } from '../src/server/modules/handling/deadlines.ts';
import { engines, expectProblem, snapshotter, testApp, type TestApp } from './helpers.ts';

// 协商在一线 council rooms (hosted by a county committee or a department, members from the roster,
// sessions of kind frontline, figures per host) and democratic supervision's inspection visits,
// with outcomes that carry a counted measure, through HTTP.

describe.each(engines)('council rooms and supervision visits (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(engine);
    for (const user of ['staff', 'member', 'member2', 'leader', 'unitA', 'unitB', 'otherStaff']) await t.as(user); // logged in before any snapshot
  }, 180_000);
  afterAll(async () => { await t?.close(); });

  const call = async (user: string, method: string, url: string, payload?: object) =>
    t.app.inject({ method: method as 'POST', url: `/api/v1${url}`, headers: await t.as(user), ...(payload ? { payload } : {}) });
  const ok = async (user: string, method: string, url: string, payload?: object, status = 200) => {
    const res = await call(user, method, url, payload);
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };

  it('keeps rooms by county and department, their members, sessions and figures; a member finds theirs', async () => {
    const [zhang, li, wang] = t.fx.memberIds;
    const county = await ok('staff', 'POST', '/consultations/rooms', {
      name: '测试区委员议事室', place: '测试区政协二楼', hostCountyOrgId: t.fx.countyId, memberIds: [zhang, wang], convenerIds: [zhang],
    }, 201);
    expect(county).toMatchObject({ name: '测试区委员议事室', host: { kind: 'county', id: t.fx.countyId, name: '测试区政协' }, members: 2, sessions: 0, active: true });
    expect(county.memberList.map((m: { name: string; convener: boolean }) => [m.name, m.convener])).toEqual([['张三', true], ['王五', false]]);
    const dept = await ok('staff', 'POST', '/consultations/rooms', { name: '教育局委员议事室', hostUnitId: t.fx.unitIds.a, memberIds: [li, wang] }, 201);
    expect(dept.host).toMatchObject({ kind: 'unit', name: '市教育局' });

    // Sessions: frontline consultations of the room, through the same steps.
    const s1 = await ok('staff', 'POST', '/consultations', { title: '校园周边交通安全', kind: 'frontline', year: 2026, roomId: county.id }, 201);
    expect(s1).toMatchObject({ roomId: county.id, kind: 'frontline', state: 'topic' });
    for (const a of ['prepare', 'convene']) await ok('staff', 'POST', `/consultations/${s1.id}/actions/${a}`, {});
    await ok('staff', 'POST', `/consultations/${s1.id}/actions/conclude`, { heldOn: plusDays(today(), -1) });
    await ok('staff', 'POST', '/consultations', { title: '社区养老助餐', kind: 'frontline', year: 2026, roomId: county.id }, 201);
    await ok('staff', 'POST', '/consultations', { title: '课后服务', kind: 'frontline', year: 2026, roomId: dept.id }, 201);
    const room = await ok('member', 'GET', `/consultations/rooms/${county.id}`);
    expect(room).toMatchObject({ sessions: 2, held: 1, members: 2 });
    expect(room.sessionList.map((s: { title: string }) => s.title)).toEqual(['社区养老助餐', '校园周边交通安全']);
    expect((await ok('staff', 'GET', `/consultations?roomId=${county.id}`)).total).toBe(2);

    // Figures: per host, and in all (王五 sits in both rooms, counted once in all).
    const figures = await ok('leader', 'GET', '/consultations/rooms/figures');
    expect(figures.byHost).toEqual([
      { kind: 'county', id: t.fx.countyId, name: '测试区政协', rooms: 1, sessions: 2, held: 1, members: 2 },
      { kind: 'unit', id: t.fx.unitIds.a, name: '市教育局', rooms: 1, sessions: 1, held: 0, members: 2 },
    ]);
    expect(figures.total).toEqual({ rooms: 2, sessions: 3, held: 1, members: 3 });
    expect((await ok('leader', 'GET', '/consultations/rooms/figures?year=2025')).total).toMatchObject({ rooms: 2, sessions: 0 });

    // Every login of the committee reads rooms; a member finds the rooms they sit in.
    const names = async (user: string, q = '') => (await ok(user, 'GET', `/consultations/rooms${q}`)).items.map((r: { name: string }) => r.name);
    for (const user of ['staff', 'member', 'unitB']) expect(await names(user)).toEqual(['测试区委员议事室', '教育局委员议事室']);
    expect(await names('member', '?mine=true')).toEqual(['测试区委员议事室']);
    expect(await names('member2', '?mine=true')).toEqual(['教育局委员议事室']);
    expect(await names('staff', '?mine=true')).toEqual([]);
    expect((await ok('member', 'GET', `/consultations/rooms/${dept.id}`)).mine).toBe(false);
    expect(room.mine).toBe(true);
    expectProblem(await call('otherStaff', 'GET', `/consultations/rooms/${county.id}`), 404);
    expect((await ok('otherStaff', 'GET', '/consultations/rooms')).items).toEqual([]);
    expectProblem(await call('member', 'GET', '/consultations/rooms/figures'), 403);

    // Members change: 张三 leaves (the room is no longer his); the duty record hears of who joined.
    const set = await ok('staff', 'PUT', `/consultations/rooms/${county.id}/members`, { memberIds: [wang, li], convenerIds: [li] });
    expect(set.memberList.map((m: { name: string }) => m.name)).toEqual(['李四', '王五']);
    expect(await names('member', '?mine=true')).toEqual([]);
    const [ev] = await t.database.db.select().from(outbox).where(and(eq(outbox.orgId, t.fx.orgId), eq(outbox.type, 'consultationRoom.membersSet'))).orderBy(asc(outbox.id));
    expect(ev!.payload).toMatchObject({ id: county.id, memberIds: [li], removedMemberIds: [zhang], occurredOn: today() });

    // Edit: a new host replaces the old; a closed room takes no new session.
    const moved = await ok('staff', 'PATCH', `/consultations/rooms/${dept.id}`, { hostCountyOrgId: t.fx.countyId, place: '区政务中心' });
    expect(moved).toMatchObject({ host: { kind: 'county', id: t.fx.countyId }, place: '区政务中心' });
    await ok('staff', 'PATCH', `/consultations/rooms/${dept.id}`, { active: false });
    const p = expectProblem(await call('staff', 'POST', '/consultations', { title: '关闭后', kind: 'frontline', year: 2026, roomId: dept.id }), 422);
    expect(p.errors[0]!.path).toBe('/roomId');
  });

  it('refuses bad room input naming the field, and changes nothing', async () => {
    const snap = snapshotter(t);
    const before = await snap();
    const base = { name: '坏输入议事室', hostUnitId: t.fx.unitIds.b };
    const bad: [string, string, object, number, string][] = [
      ['POST', '/consultations/rooms', { name: '无承建方' }, 422, '/hostCountyOrgId'],
      ['POST', '/consultations/rooms', { ...base, hostCountyOrgId: t.fx.countyId }, 422, '/hostCountyOrgId'],
      ['POST', '/consultations/rooms', { name: '外县', hostCountyOrgId: t.fx.otherOrgId }, 422, '/hostCountyOrgId'],
      ['POST', '/consultations/rooms', { name: '单位', hostUnitId: crypto.randomUUID() }, 422, '/hostUnitId'],
      ['POST', '/consultations/rooms', { ...base, memberIds: [t.fx.otherMemberId] }, 422, '/memberIds'],
      ['POST', '/consultations/rooms', { ...base, memberIds: [t.fx.memberIds[0]], convenerIds: [t.fx.memberIds[1]] }, 422, '/convenerIds'],
      ['POST', '/consultations/rooms', { ...base, name: ' ' }, 400, 'name'],
      ['POST', '/consultations/rooms', { ...base, memberIds: ['x'] }, 400, 'memberIds'],
      ['POST', '/consultations', { title: '非一线', kind: 'sector', year: 2026, roomId: crypto.randomUUID() }, 422, '/roomId'],
      ['POST', '/consultations', { title: '无此室', kind: 'frontline', year: 2026, roomId: crypto.randomUUID() }, 422, '/roomId'],
    ];
    for (const [method, url, body, status, field] of bad) {
      const p = expectProblem(await call('staff', method, url, body), status);
      expect(JSON.stringify(p.errors), JSON.stringify(body)).toContain(field);
    }
    expectProblem(await call('member', 'POST', '/consultations/rooms', base), 403);
    expect(await snap()).toEqual(before);
    const room = await ok('staff', 'POST', '/consultations/rooms', base, 201);
    const made = await snap();
    expect(JSON.stringify(expectProblem(await call('staff', 'PATCH', `/consultations/rooms/${room.id}`, { name: '测试区委员议事室' }), 422).errors)).toContain('/name');
    expectProblem(await call('staff', 'PATCH', `/consultations/rooms/${room.id}`, {}), 400);
    expectProblem(await call('staff', 'PUT', `/consultations/rooms/${room.id}/members`, { memberIds: [crypto.randomUUID()] }), 422);
    expectProblem(await call('staff', 'PUT', `/consultations/rooms/${crypto.randomUUID()}/members`, { memberIds: [] }), 404);
    expect(await snap()).toEqual(made);
  });

  it('counts a held room session for each member present on their duty record, and follows attendance corrected after', async () => {
    const [zhang, li] = t.fx.memberIds; // the logins member and member2
    const year = Number(today().slice(0, 4));
    const room = await ok('staff', 'POST', '/consultations/rooms', { name: '记分议事室', hostCountyOrgId: t.fx.countyId, memberIds: [zhang, li] }, 201);
    const s = await ok('staff', 'POST', '/consultations', { title: '背街小巷停车治理', kind: 'frontline', year, roomId: room.id }, 201);
    for (const a of ['prepare', 'convene']) await ok('staff', 'POST', `/consultations/${s.id}/actions/${a}`, {});
    const heldOn = plusDays(today(), -1);
    await ok('staff', 'PUT', `/consultations/${s.id}/meeting`, { date: heldOn, time: '09:30', place: '社区议事厅', agenda: [] });
    await ok('staff', 'POST', `/consultations/${s.id}/meeting/invitees`, { memberIds: [zhang, li] });
    await ok('staff', 'POST', `/consultations/${s.id}/meeting/attendance`, { memberId: zhang, present: true });
    const sessionEntries = async (user: string, memberId: string) => {
      await t.app.outbox.kick();
      const r = await ok(user, 'GET', `/records/members/${memberId}?year=${year}`);
      return { entries: r.entries.filter((e: { kind: string }) => e.kind === 'roomSession'), points: r.byKind.roomSession?.points ?? 0 };
    };
    expect((await sessionEntries('staff', zhang)).entries).toEqual([]); // not held yet
    await ok('staff', 'POST', `/consultations/${s.id}/actions/conclude`, {});
    const [held] = await t.database.db.select().from(outbox).where(and(eq(outbox.orgId, t.fx.orgId), eq(outbox.type, 'consultationRoomSession.held'))).orderBy(asc(outbox.id));
    expect(held!.payload).toMatchObject({ id: s.id, roomId: room.id, memberIds: [zhang], occurredOn: heldOn });
    const mine = await sessionEntries('member', zhang);
    expect(mine.entries).toMatchObject([{ kind: 'roomSession', points: 3, occurredOn: heldOn, title: '背街小巷停车治理', source: { id: s.id, href: `/consultations/${s.id}` } }]);
    expect(mine.points).toBe(3);
    expect((await sessionEntries('staff', li)).entries).toEqual([]); // absent
    // Attendance corrected after the session: 李四 was there after all, 张三 was not.
    await ok('staff', 'POST', `/consultations/${s.id}/meeting/attendance`, { memberId: li, present: true });
    await ok('staff', 'POST', `/consultations/${s.id}/meeting/attendance`, { memberId: zhang, present: false });
    expect(await sessionEntries('staff', li)).toMatchObject({ entries: [{ kind: 'roomSession', points: 3 }], points: 3 });
    expect(await sessionEntries('staff', zhang)).toEqual({ entries: [], points: 0 });
  });

  it('logs the inspection visits of a supervision item, counts them for the members, and counts outcomes', async () => {
    const [zhang, li] = t.fx.memberIds;
    const item = await ok('staff', 'POST', '/consultations', { title: '提高市区公共交通服务水平民主监督', kind: 'supervision', year: 2026 }, 201);
    const first = await ok('staff', 'POST', `/consultations/${item.id}/visits`, {
      visitedOn: plusDays(today(), -20), place: '市公交集团调度中心', memberIds: [zhang, li], participants: '市交通运输局副局长', findings: '部分线路重复，发车间隔过长。',
    }, 201);
    expect(first).toMatchObject({ place: '市公交集团调度中心', members: [{ id: zhang, name: '张三' }, { id: li, name: '李四' }], participants: '市交通运输局副局长' });
    await ok('staff', 'POST', `/consultations/${item.id}/visits`, { visitedOn: plusDays(today(), -30), place: '火车站公交枢纽', findings: '换乘不便。' }, 201);
    // The same visit logged again (a double submit), or another edited onto it: refused naming the place.
    const again = { visitedOn: plusDays(today(), -30), place: '火车站公交枢纽', findings: '换乘不便。' };
    expect(expectProblem(await call('staff', 'POST', `/consultations/${item.id}/visits`, again), 422).errors).toEqual([expect.objectContaining({ path: '/place' })]);
    expectProblem(await call('staff', 'PATCH', `/consultations/${item.id}/visits/${first.id}`, { visitedOn: again.visitedOn, place: again.place }), 422);
    const visits = await ok('unitA', 'GET', `/consultations/${item.id}/visits`);
    expect(visits.map((v: { place: string }) => v.place)).toEqual(['火车站公交枢纽', '市公交集团调度中心']);
    const fixed = await ok('staff', 'PATCH', `/consultations/${item.id}/visits/${first.id}`, { findings: '部分线路重复。', memberIds: [zhang] });
    expect(fixed).toMatchObject({ findings: '部分线路重复。', members: [{ id: zhang }] });
    const [ev] = await t.database.db.select().from(outbox).where(and(eq(outbox.orgId, t.fx.orgId), eq(outbox.type, 'consultationVisit.added'))).orderBy(asc(outbox.id));
    expect(ev!.payload).toMatchObject({ id: first.id, consultationId: item.id, memberIds: [zhang, li], occurredOn: plusDays(today(), -20) });
    const history = await ok('member', 'GET', `/consultations/${item.id}/history`);
    expect(history.filter((h: { action: string }) => h.action === 'visit')).toHaveLength(2);

    // Not on another kind, not in the future, not with a stranger; nothing changes.
    const other = await ok('staff', 'POST', '/consultations', { title: '界别协商', kind: 'sector', year: 2026 }, 201);
    const snap = snapshotter(t);
    const before = await snap();
    expectProblem(await call('staff', 'POST', `/consultations/${other.id}/visits`, { visitedOn: today(), place: '某地', findings: '无' }), 409);
    const future = expectProblem(await call('staff', 'POST', `/consultations/${item.id}/visits`, { visitedOn: plusDays(today(), 2), place: '某地', findings: '无' }), 422);
    expect(future.errors[0]!.path).toBe('/visitedOn');
    expect(expectProblem(await call('staff', 'POST', `/consultations/${item.id}/visits`, { visitedOn: today(), place: '某地', findings: '无', memberIds: [t.fx.otherMemberId] }), 422).errors[0]!.path).toBe('/memberIds');
    expectProblem(await call('staff', 'POST', `/consultations/${item.id}/visits`, { visitedOn: today(), place: '某地' }), 400);
    expectProblem(await call('staff', 'PATCH', `/consultations/${item.id}/visits/${crypto.randomUUID()}`, { place: '某地' }), 404);
    expectProblem(await call('member', 'POST', `/consultations/${item.id}/visits`, { visitedOn: today(), place: '某地', findings: '无' }), 403);
    expectProblem(await call('otherStaff', 'GET', `/consultations/${item.id}/visits`), 404);
    expect(await snap()).toEqual(before);

    // The supervision opinion's outcome carries a counted measure.
    for (const a of ['prepare', 'convene', 'conclude']) await ok('staff', 'POST', `/consultations/${item.id}/actions/${a}`, {});
    const rec = await ok('staff', 'POST', `/consultations/${item.id}/recommendations`, { title: '优化公交线网', content: '调整重复线路。' }, 201);
    await ok('staff', 'POST', `/recommendations/${rec.id}/actions/assign`, { units: [{ unitId: t.fx.unitIds.a, role: 'lead' }] });
    await ok('unitA', 'POST', `/recommendations/${rec.id}/actions/sign`, {});
    await ok('unitA', 'POST', `/recommendations/${rec.id}/actions/reply`, { category: 'A', content: '已调整。' });
    const half = expectProblem(await call('staff', 'POST', `/recommendations/${rec.id}/actions/recordOutcome`, { kind: 'department', measure: '调整优化公交线路' }), 422);
    expect(half.errors[0]!.path).toBe('/quantity');
    const done = await ok('staff', 'POST', `/recommendations/${rec.id}/actions/recordOutcome`, { kind: 'department', title: '公交线网优化方案', measure: '调整优化公交线路', quantity: 6 });
    expect(done.outcome).toMatchObject({ kind: 'department', measure: '调整优化公交线路', quantity: 6 });
    expectProblem(await call('staff', 'POST', `/recommendations/${rec.id}/actions/recordOutcome`, { quantity: -1 }), 400);
    // The report adds them up per measure.
    expect((await ok('leader', 'GET', '/recommendations/measures?kind=supervision&year=2026')).items)
      .toEqual([{ measure: '调整优化公交线路', quantity: 6, recommendations: 1 }]);
    expect((await ok('staff', 'GET', '/recommendations/measures?kind=bimonthly')).items).toEqual([]);
    expectProblem(await call('member', 'GET', '/recommendations/measures'), 403);
  });
});
