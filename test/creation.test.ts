import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, engines, expectProblem, sessionHeaders, testApp, type TestApp } from './helpers.ts';
import { createSession, toActor } from '../src/server/core/auth/tokens.ts';
import { outbox, users } from '../src/server/core/schema.ts';
import { withNameSort } from '../src/server/core/text/pinyin.ts';
import { members } from '../src/server/modules/org/schema.ts';

// 双创 over HTTP: members' projects with their files, 三个一 pairings, 五送 activities, honours and
// exchange meetings; who may enter, edit and read what; and the figures by county and year, each
// equal to a hand count on a fixture and to the total (or summed field) of the list it names.

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082', 'hex');

interface Figure { key: string; value: number; unit: string; source: string; field?: string }

describe.each(engines)('dual creation (%s)', (engine) => {
  let t: TestApp;
  let countyToken: string;
  beforeAll(async () => { t = await testApp(engine, { JOBS_INTERVAL_SECONDS: 3600 }); });
  afterAll(async () => { await t?.close(); });

  const { ok, refused } = apiAs(() => t);
  /** The county committee's staff (a session made directly: the fixture has no login of the county). */
  const countyOk = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: sessionHeaders(countyToken), ...(payload ? { payload } : {}) });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const events = async (type: string) => (await t.database.db.select().from(outbox).where(and(eq(outbox.orgId, t.fx.orgId), eq(outbox.type, type))).orderBy(asc(outbox.id))).map((e) => e.payload as Record<string, unknown>);

  it('lets a member register their own project, placed in their county, and records it for their duty record', async () => {
    const [zhang] = t.fx.memberIds;
    const p = await ok('member', 'POST', '/creation/projects', { kind: 'povertyBase', name: '茶叶扶贫产业基地', investment: 1_200_000, jobs: 35, poorHouseholds: 12, startedOn: '2025-03-01' });
    expect(p).toMatchObject({ kind: 'povertyBase', memberIds: [zhang], memberNames: ['张三'], countyOrgId: t.fx.countyId, countyName: '测试区政协', level: 'city', state: 'running', year: 2025, investment: 1_200_000 });
    expect(await events('creationProject.created')).toContainEqual(expect.objectContaining({ id: p.id, memberIds: [zhang], occurredOn: '2025-03-01', kind: 'povertyBase' }));

    // Their own only: naming only someone else is refused; another's project is not theirs to see or change.
    expect((await refused(422, 'member', 'POST', '/creation/projects', { kind: 'enterprise', name: '别人的企业', memberIds: [t.fx.memberIds[1]], startedOn: '2025-01-01' })).errors[0]!.path).toBe('/memberIds');
    const li = await ok('member2', 'POST', '/creation/projects', { kind: 'enterprise', name: '李四科技公司', investment: 5_000_000, jobs: 80, startedOn: '2025-05-01' });
    await refused(404, 'member', 'GET', `/creation/projects/${li.id}`);
    await refused(404, 'member', 'PATCH', `/creation/projects/${li.id}`, { jobs: 1 });
    expect((await ok('member', 'GET', '/creation/projects')).items.map((x: { id: string }) => x.id)).toEqual([p.id]);

    // The member edits their own; leaders read all and change no one else's (one linked to a member writes their own:
    // leader-as-member.test.ts); units and other committees see nothing.
    expect(await ok('member', 'PATCH', `/creation/projects/${p.id}`, { jobs: 40, state: 'completed' })).toMatchObject({ jobs: 40, state: 'completed' });
    expect((await ok('leader', 'GET', `/creation/projects/${li.id}`)).name).toBe('李四科技公司');
    await refused(403, 'leader', 'PATCH', `/creation/projects/${li.id}`, { jobs: 1 });
    await refused(403, 'unitA', 'GET', '/creation/projects');
    await refused(404, 'otherStaff', 'GET', `/creation/projects/${li.id}`);
    await refused(404, 'otherStaff', 'PATCH', `/creation/projects/${li.id}`, { jobs: 1 });
    expect((await ok('otherStaff', 'GET', '/creation/projects')).total).toBe(0);
  });

  it('lets staff enter for any member of the committee, refusing members and places that are not', async () => {
    const [, li, wang] = t.fx.memberIds;
    const p = await ok('staff', 'POST', '/creation/projects', { kind: 'demonstrationBase', name: '蔬菜示范基地', memberIds: [wang, li], countyOrgId: null, level: 'provincial', startedOn: '2025-02-01', investment: 800_000 });
    expect(p).toMatchObject({ memberNames: ['王五', '李四'], countyOrgId: null, level: 'provincial' });
    expect((await refused(422, 'staff', 'POST', '/creation/projects', { kind: 'enterprise', name: '外市', memberIds: [t.fx.otherMemberId], startedOn: '2025-01-01' })).errors[0]!.path).toBe('/memberIds');
    expect((await refused(422, 'staff', 'POST', '/creation/projects', { kind: 'enterprise', name: '外县', memberIds: [wang], countyOrgId: t.fx.otherOrgId, startedOn: '2025-01-01' })).errors[0]!.path).toBe('/countyOrgId');
    expect((await refused(422, 'staff', 'POST', '/creation/projects', { kind: 'enterprise', name: '无人', startedOn: '2025-01-01' })).errors[0]!.path).toBe('/memberIds');
    expect((await refused(400, 'staff', 'POST', '/creation/projects', { kind: 'farm', name: '错类型', memberIds: [wang], startedOn: '2025-01-01' })).errors[0]!.path).toBe('/kind');
    expect((await refused(400, 'staff', 'PATCH', `/creation/projects/${p.id}`, { investment: -1 })).errors[0]!.path).toBe('/investment');
    expect((await ok('staff', 'PATCH', `/creation/projects/${p.id}`, { startedOn: '2024-12-20' })).year).toBe(2024);
  });

  it('keeps photos and documents of a project, typed by their content', async () => {
    const { items: [p] } = await ok('member', 'GET', '/creation/projects');
    const form = (bytes: Buffer, name: string) => { const f = new FormData(); f.append('file', new Blob([new Uint8Array(bytes)]), name); return f; };
    const up = await t.app.inject({ method: 'POST', url: `/api/v1/creation/projects/${p.id}/files`, headers: await t.as('member'), payload: form(PNG, '现场.txt') });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ filename: '现场.png', mime: 'image/png', kind: 'photo' });
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/creation/projects/${p.id}/files`, headers: await t.as('member'), payload: form(Buffer.from('just text'), 'a.pdf') }), 400);
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/creation/projects/${p.id}/files`, headers: await t.as('member2'), payload: form(PNG, 'b.png') }), 404);
    const view = await ok('leader', 'GET', `/creation/projects/${p.id}`);
    expect(view.files).toEqual([expect.objectContaining({ id: up.json().id, kind: 'photo' })]);
    const file = await t.app.inject({ url: `/api/v1/creation/projects/${p.id}/files/${up.json().id}`, headers: await t.as('staff') });
    expect([file.statusCode, file.headers['content-type'], file.rawPayload.equals(PNG)]).toEqual([200, 'image/png', true]);
  });

  it('records 三个一 pairings with the household masked for others, 五送 activities, honours and exchange meetings', async () => {
    const [zhang, li] = t.fx.memberIds;
    const pairing = await ok('member', 'POST', '/creation/pairings', { householdName: '陈大明', householdPlace: '青山村', practicalThing: '协调危房改造', suggestion: '发展林下养殖', pairedOn: '2025-04-02' });
    expect(pairing).toMatchObject({ memberId: zhang, householdName: '陈大明', countyOrgId: t.fx.countyId });
    expect((await ok('leader', 'GET', '/creation/pairings?year=2025')).items[0].householdName).toBe('陈＊＊');
    expect((await ok('staff', 'GET', '/creation/pairings?year=2025')).items[0].householdName).toBe('陈大明');
    expect(await events('creationActivity.logged')).toContainEqual(expect.objectContaining({ id: pairing.id, memberIds: [zhang], occurredOn: '2025-04-02', kind: 'pairing' }));
    await refused(404, 'member2', 'PATCH', `/creation/pairings/${pairing.id}`, { suggestion: '改' });

    const act = await ok('member', 'POST', '/creation/activities', { kind: 'technology', date: '2025-06-10', place: '青山村', beneficiaries: 60, summary: '茶园管理技术培训' });
    expect(act).toMatchObject({ kind: 'technology', memberIds: [zhang], countyOrgId: t.fx.countyId });
    expect(await events('creationActivity.logged')).toContainEqual(expect.objectContaining({ id: act.id, memberIds: [zhang], occurredOn: '2025-06-10', kind: 'technology' }));
    expect((await refused(422, 'member', 'POST', '/creation/activities', { kind: 'policy', date: '2999-01-01', place: '村' })).errors[0]!.path).toBe('/date');
    expect((await ok('member', 'PATCH', `/creation/activities/${act.id}`, { beneficiaries: 65 })).beneficiaries).toBe(65);

    await refused(403, 'member', 'POST', '/creation/honours', { memberId: zhang, level: 'city', awardedBy: '市委市政府', title: '脱贫攻坚先进个人', date: '2025-10-01' });
    const honour = await ok('staff', 'POST', '/creation/honours', { memberId: li, level: 'city', awardedBy: '市委市政府', title: '脱贫攻坚先进个人', date: '2025-10-01' });
    expect(await events('creationHonour.added')).toContainEqual(expect.objectContaining({ id: honour.id, memberIds: [li], occurredOn: '2025-10-01' }));
    expect((await ok('member2', 'GET', '/creation/honours')).items.map((h: { id: string }) => h.id)).toEqual([honour.id]);
    expect((await ok('member', 'GET', '/creation/honours')).total).toBe(0);
    const ex = await ok('staff', 'POST', '/creation/exchanges', { date: '2025-11-20', place: '市政协会议室', topic: '委员双创经验交流会', attendees: 45 });
    expect((await ok('staff', 'PATCH', `/creation/exchanges/${ex.id}`, { attendees: 50 })).attendees).toBe(50);
    await refused(403, 'leader', 'POST', '/creation/exchanges', { date: '2025-11-20', place: '会议室', topic: '交流' });
  });

  it('counts the figures by year and county as by hand, each equal to the list it names, a city with its counties', async () => {
    // A county committee with a member and staff of its own, in this deployment.
    const [cm] = await t.database.db.insert(members).values(withNameSort({ orgId: t.fx.countyId, name: '县委员', party: '民盟', sectorId: t.fx.sectorIds[0]!, standing: false })).returning();
    const [cu] = await t.database.db.insert(users).values({ orgId: t.fx.countyId, username: 'countyStaff', displayName: '县工作人员', passwordHash: 'x', roles: ['staff'] }).returning();
    countyToken = await createSession(t.database.db, t.app.keys, toActor(cu!), 1);
    await countyOk('POST', '/creation/projects', { kind: 'povertyBase', name: '县扶贫基地', memberIds: [cm!.id], startedOn: '2025-07-01', investment: 300_000, jobs: 10, poorHouseholds: 6 });
    await countyOk('POST', '/creation/projects', { kind: 'innovation', name: '县筹建项目', memberIds: [cm!.id], state: 'planned', startedOn: '2025-08-01', investment: 9_000_000 });
    // The county's staff see their own committee only.
    expect((await countyOk('GET', '/creation/projects?year=2025')).total).toBe(2);

    const fig = async (login: string, q: string) => Object.fromEntries(((await ok(login, 'GET', `/creation/figures?${q}`)).figures as Figure[]).map((f) => [f.key, f]));
    const city = await fig('staff', 'year=2025');
    // By hand, 2025, built projects (not planned): 张三's 茶叶 (1.2M, 40 jobs, 12 households), 李四's company (5M, 80), the county's base (0.3M, 10, 6).
    // (王五/李四's 蔬菜 base moved to 2024.) Taking part: 张三, 李四 (project, honour aside), 县委员; 张三 also paired and sent technology.
    expect(Object.fromEntries(Object.entries(city).map(([k, f]) => [k, f.value]))).toEqual({
      participants: 3, 'projects.demonstrationBase': 0, 'projects.povertyBase': 2, 'projects.innovation': 0, 'projects.enterprise': 1,
      investment: 6_500_000, jobs: 130, poorHouseholds: 18, honours: 1, membersHonoured: 1, pairings: 1, activities: 1, beneficiaries: 65,
    });
    const inCounty = await fig('staff', `year=2025&countyOrgId=${t.fx.countyId}`);
    expect([inCounty.participants!.value, inCounty['projects.povertyBase']!.value, inCounty.investment!.value, inCounty.honours!.value]).toEqual([2, 2, 1_500_000, 0]);
    const all = await fig('leader', '');
    expect(all['projects.demonstrationBase']!.value).toBe(1);
    expect(all.investment!.value).toBe(7_300_000);

    // Every figure is the total, or the sum of its field, of the list it names.
    for (const figs of [city, inCounty, all]) {
      for (const f of Object.values(figs)) {
        let total = 0; let sum = 0; let n = 0;
        for (let page = 1; ; page++) {
          const body = await ok('staff', 'GET', `${f.source.replace('/api/v1', '')}${f.source.includes('?') ? '&' : '?'}page=${page}&pageSize=2`);
          total = body.total;
          for (const item of body.items) { sum += f.field ? item[f.field] : 0; n += 1; }
          if (n >= total) break;
        }
        expect(f.field ? sum : total, `${f.key} from ${f.source}`).toBe(f.value);
      }
    }
    // The year's investment in 万元 for the web: 650 万元.
    expect(city.investment!.unit).toBe('元');
    await refused(403, 'member', 'GET', '/creation/figures');
    expect((await ok('otherStaff', 'GET', '/creation/figures?year=2025')).figures.every((f: Figure) => f.value === 0)).toBe(true);
  });

  it('exports the projects with the filters of the list', async () => {
    const res = await t.app.inject({ url: '/api/v1/creation/projects.xlsx?year=2025&kind=povertyBase', headers: await t.as('staff') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows.map((r) => r[1])).toEqual(['名称', '县扶贫基地', '茶叶扶贫产业基地', '合计']);
    expect(rows.at(-1)![7]).toBe(150);
  });
});
