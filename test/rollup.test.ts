import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { hashPassword } from '../src/server/core/auth/passwords.ts';
import { users } from '../src/server/core/schema.ts';
import { today } from '../src/server/modules/handling/deadlines.ts';
import { consultationRooms, consultations } from '../src/server/modules/consultations/schema.ts';
import { opinions } from '../src/server/modules/opinions/schema.ts';
import { partyActivities } from '../src/server/modules/party/schema.ts';
import { liaisonContacts, liaisonLinks } from '../src/server/modules/liaison/schema.ts';
import { withNameSort } from '../src/server/core/text/pinyin.ts';
import { randomUUID } from 'node:crypto';
import { members, plenarySessions, sectors, terms } from '../src/server/modules/org/schema.ts';
import { proposals } from '../src/server/modules/proposals/schema.ts';
import { printReport } from '../src/server/modules/reports/cli.ts';
import { rate } from '../src/server/modules/proposals/timeliness.ts';
import { apiAs, engines, expectProblem, proposalIn, sessionHeaders, testApp, type TestApp } from './helpers.ts';

// Roll-ups over the committees below (org/rollup.ts): a city with two counties. The office's and
// leaders' scope=tree figure of the 四双 report, the dashboard, the 社情民意 statistics, the party
// figures, the 双联 counters and compliance board and the council rooms' figures is the
// city's own plus each county's, computed on its own; it follows a county's records; a rate is
// recomputed from the summed counts; nobody else gets the city's tree (a county, a sibling city,
// a member or a unit of the city), and a county cannot roll up over its parent.

type Figure = { key: string; value: number; source: string; scope?: 'own' | 'tree'; parts?: { orgId: string; org: string; value: number }[]; sourceCovers?: 'own' | 'tree' };
type Row = { key: string; label: string; values: (number | null)[]; sources: (string | null)[]; parts?: { org: string; values: (number | null)[] }[] };
type Chart = { key: string; rows: Row[]; sourceCovers?: string; note?: string };
const year = Number(today().slice(0, 4));
/** Each committee's value by its name (committees below come in name order, which the collation decides). */
const perOrg = (parts: { org: string; value: number }[]) => Object.fromEntries(parts.map((p) => [p.org, p.value]));

describe.each(engines)('figures rolled up over the committees below (%s)', (engine) => {
  let t: TestApp;
  const { call, ok } = apiAs(() => t);
  let countyA: string, countyB: string;
  /** Sessions of logins made here (outside the fixture): username → headers. */
  const extra = new Map<string, Record<string, string>>();
  const as = async (username: string, method: string, url: string) =>
    t.app.inject({ method: method as 'GET', url: `/api/v1${url}`, headers: extra.get(username) ?? await t.as(username) });
  const get = async (username: string, url: string) => {
    const res = await as(username, 'GET', url);
    expect(res.statusCode, `${username} ${url}: ${res.body.slice(0, 300)}`).toBe(200);
    return res.json();
  };

  /** A login of `orgId` with `roles`, made in the database and logged in. */
  async function loginIn(orgId: string, username: string, roles: string[], memberId: string | null = null) {
    await t.database.db.insert(users).values({ orgId, username, displayName: username, passwordHash: await hashPassword(t.fx.password), roles, memberId });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: t.fx.password, org: orgId } });
    expect(res.statusCode, res.body).toBe(200);
    extra.set(username, sessionHeaders(res.cookies.find((c) => c.name === 'tx_session')!.value));
  }

  const held = (orgId: string, title: string, kind = 'standing') =>
    t.database.db.insert(consultations).values({ orgId, title, kind, year, state: 'closed', createdBy: t.fx.userIds.staff! }).returning();
  const handedIn = (orgId: string, title: string) =>
    t.database.db.insert(opinions).values({ orgId, title, body: '反映问题。', authorName: '某委员', state: 'submitted', submittedAt: new Date() });

  beforeAll(async () => {
    t = await testApp(engine);
    countyA = t.fx.countyId;
    countyB = (await ok('admin', 'POST', '/orgs', { name: '乙县政协', level: 'county' })).id;
    for (const [orgId, n] of [[t.fx.orgId, 1], [countyA, 2], [countyB, 3]] as const) {
      for (let i = 0; i < n; i++) await held(orgId, `常委会议${orgId.slice(0, 4)}-${i}`);
      for (let i = 0; i < n; i++) await handedIn(orgId, `社情民意${i}`);
      await t.database.db.insert(consultationRooms).values({ orgId, name: `议事室${n}`, active: true, createdBy: t.fx.userIds.staff! });
    }
    await loginIn(countyA, 'countyStaff', ['staff']);
    await loginIn(countyA, 'countyLeader', ['leader']);
    await loginIn(t.fx.siblingOrgId, 'siblingStaff', ['staff']);
    await loginIn(t.fx.parentOrgId, 'provinceStaff', ['staff']);
  });
  afterAll(async () => { await t?.close(); });

  const report = async (user: string, qs = '') => get(user, `/reports/sishuang?year=${year}${qs}`);
  const figure = (r: { figures: Figure[] }, key: string) => r.figures.find((f) => f.key === key)!;

  it("adds each county's 四双 figures to the city's, says whose they are, and follows a county's records", async () => {
    const own = await report('staff');
    const tree = await report('staff', '&scope=tree');
    expect(own.scope).toBe('own');
    expect(tree.scope).toBe('tree');
    const names = tree.committees.map((c: { name: string }) => c.name);
    expect([names[0], names.slice(1).sort()]).toEqual(['测试市政协', ['乙县政协', '测试区政协'].sort()]);
    for (const key of ['consultations.standing', 'rooms.active']) {
      const o = figure(own, key), f = figure(tree, key);
      expect(f.scope).toBe('tree');
      expect(f.sourceCovers).toBe('own');
      expect(f.parts![0]).toMatchObject({ orgId: t.fx.orgId, value: o.value });
      expect(f.value).toBe(f.parts!.reduce((s, p) => s + p.value, 0));
      expect(f.value).toBeGreaterThan(o.value);
      // The source lists the city's own records: its total is the city's part, not the sum.
      expect((await get('staff', f.source.replace('/api/v1', ''))).total ?? (await get('staff', f.source.replace('/api/v1', ''))).length).toBe(o.value);
    }
    expect(perOrg(figure(tree, 'consultations.standing').parts!)).toEqual({ 测试市政协: 1, 测试区政协: 2, 乙县政协: 3 });
    // The prose says it is rolled up; the city's own report does not.
    const text = (r: { title: string; sections: { paragraphs: string[] }[] }) => [r.title, ...r.sections.flatMap((s) => s.paragraphs)].join('\n');
    expect(text(tree)).toContain('（含区县政协）');
    expect(text(tree)).toContain('全市');
    expect(text(own)).not.toContain('（含区县政协）');
    // A county's record changes the city's tree figure, not the city's own.
    await held(countyB, '新增的常委会议');
    expect(figure(await report('staff', '&scope=tree'), 'consultations.standing').value).toBe(figure(tree, 'consultations.standing').value + 1);
    expect(figure(await report('staff'), 'consultations.standing').value).toBe(figure(own, 'consultations.standing').value);
    // A leader reads the same tree; the Word file and the command line give it too.
    expect(figure(await report('leader', '&scope=tree'), 'consultations.standing').value).toBe(7);
    const docx = await as('leader', 'GET', `/reports/sishuang.docx?year=${year}&scope=tree`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const printed = await printReport(t.database.db, { year, orgId: t.fx.orgId, scope: 'tree' });
    expect(printed).toContain('（含区县政协）');
    expect(printed).toMatch(/专题议政性常委会议：7次.*各政协合计：测试市政协 1次、.*乙县政协 4次.*；来源列表仅含本级/);
    // A county deactivated drops out.
    await ok('admin', 'DELETE', `/orgs/${countyB}`);
    expect(figure(await report('staff', '&scope=tree'), 'consultations.standing').value).toBe(3);
    await ok('admin', 'PATCH', `/orgs/${countyB}`, { active: true });
  });

  it('gives nobody but the office and leaders above the city’s tree, and no county a tree over its parent', async () => {
    const cityTree = figure(await report('staff', '&scope=tree'), 'consultations.standing').value;
    // The county's office asking for a tree gets its own (nothing below it); never the city's.
    const county = await report('countyStaff', '&scope=tree');
    expect(county.scope).toBe('own');
    expect(county.committees.map((c: { name: string }) => c.name)).toEqual(['测试区政协']);
    expect(figure(county, 'consultations.standing').value).toBe(2);
    expect(figure(await report('countyLeader', '&scope=tree'), 'consultations.standing').value).toBe(2);
    // A sibling city's office: its own, nothing of this city.
    const sibling = await report('siblingStaff', '&scope=tree');
    expect(sibling.committees.map((c: { name: string }) => c.name)).toEqual(['兄弟市政协']);
    expect(figure(sibling, 'consultations.standing').value).toBe(0);
    // The province's office adds up the city and both counties (and its other city).
    expect(figure(await report('provinceStaff', '&scope=tree'), 'consultations.standing').value).toBe(cityTree);
    // Members and units of the city: no report, tree or not; no statistics of 社情民意 either.
    for (const user of ['member', 'unitA']) {
      expectProblem(await call(user, 'GET', `/reports/sishuang?year=${year}&scope=tree`), 403);
      expectProblem(await call(user, 'GET', `/dashboard?year=${year}&scope=tree`), 403);
      expectProblem(await call(user, 'GET', `/opinions/stats?year=${year}&scope=tree`), 403);
    }
    // No row of a county's comes with the figures.
    const opinionsTree = await get('staff', `/opinions/stats?year=${year}&scope=tree`);
    expect(JSON.stringify(opinionsTree.members.items)).not.toContain('某委员');
  });

  it('rolls the dashboard up chart by chart, splits it per committee with by=org, and exports it', async () => {
    const plan = async (user: string, qs: string) => ((await get(user, `/dashboard?year=${year}&chart=consultationPlan${qs}`)).charts as Chart[])[0]!;
    const own = await plan('staff', '');
    const tree = await plan('leader', '&scope=tree');
    const standing = (c: Chart) => c.rows.find((r) => r.key === 'standing')!;
    expect(standing(own).values[1]).toBe(1);
    expect(standing(tree).values[1]).toBe(1 + 2 + 4);
    expect(tree.sourceCovers).toBe('own');
    expect(Object.fromEntries(standing(tree).parts!.map((p) => [p.org, p.values[1]]))).toEqual({ 测试市政协: 1, 测试区政协: 2, 乙县政协: 4 });
    expect(standing(tree).sources[1]).toBe(standing(own).sources[1]);
    await held(countyA, '又一次常委会议');
    expect(standing(await plan('staff', '&scope=tree')).values[1]).toBe(8);
    expect(standing(await plan('countyStaff', '&scope=tree')).values[1]).toBe(3);

    const split = await plan('staff', '&scope=tree&by=org');
    expect(Object.fromEntries(split.rows.filter((r) => r.key.startsWith('standing@')).map((r) => [r.label, r.values[1]])))
      .toEqual({ '专题议政性常委会议 · 测试市政协': 1, '专题议政性常委会议 · 测试区政协': 3, '专题议政性常委会议 · 乙县政协': 4 });

    const res = await as('staff', 'GET', `/dashboard.xlsx?year=${year}&chart=consultationPlan&scope=tree&by=org`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const labels: string[] = [];
    wb.worksheets[0]!.eachRow((r) => labels.push(String(r.getCell(1).value)));
    expect(labels).toEqual(expect.arrayContaining(['专题议政性常委会议 · 乙县政协']));
  });

  it('recomputes a rolled-up rate from the summed counts, never averaging the rates', async () => {
    // The city: two proposals replied of two assigned (100%); county A: one assigned, none replied (0%).
    await proposalIn(t, 'replied', '关于城市公园的提案');
    await proposalIn(t, 'replied', '关于城市道路的提案');
    const db = t.database.db;
    const [term] = await db.insert(terms).values({ orgId: countyA, number: 1, startYear: year - 1, endYear: year + 3, current: true }).returning();
    const [session] = await db.insert(plenarySessions).values({ orgId: countyA, termId: term!.id, number: 1, startsOn: `${year}-01-05`, endsOn: `${year}-01-07` }).returning();
    const [sector] = await db.insert(sectors).values({ orgId: countyA, name: '农业界' }).returning();
    const [m] = await db.insert(members).values({ orgId: countyA, name: '县委员', nameSort: 'xianweiyuan', party: '中共', sectorId: sector!.id, standing: false }).returning();
    await db.insert(proposals).values({
      orgId: countyA, title: '关于县道的提案', body: '建议。', kind: 'member', state: 'assigned', proposerMemberId: m!.id, proposerName: '县委员',
      createdBy: m!.id, submittedAt: new Date(), sessionId: session!.id, termId: term!.id,
    });
    const chart = ((await get('staff', `/dashboard?year=${year}&chart=proposalRates&scope=tree`)).charts as Chart[])[0]!;
    const city = chart.rows.find((r) => r.key === t.fx.orgId)!, county = chart.rows.find((r) => r.key === countyA)!, total = chart.rows.find((r) => r.key === 'total')!;
    const cityAssigned = city.values[0]!, countyAssigned = county.values[0]!;
    const cityReplied = Math.round((city.values[1]! / 100) * cityAssigned);
    expect(county.values).toEqual([1, 0, null]);
    expect(total.values[0]).toBe(cityAssigned + countyAssigned);
    expect(total.values[1]).toBe(rate(cityReplied, cityAssigned + countyAssigned));
    expect(total.values[1]).not.toBe((city.values[1]! + county.values[1]!) / 2);
    expect(chart.rows.map((r) => r.key)).not.toContain(countyB); // no session of the year there
  });

  it('rolls the 社情民意 statistics up, with each committee’s figures and the sum in the workbook', async () => {
    const own = await get('staff', `/opinions/stats?year=${year}`);
    const tree = await get('leader', `/opinions/stats?year=${year}&scope=tree`);
    expect(own.scope).toBe('own');
    expect(tree.scope).toBe('tree');
    expect(Object.fromEntries(tree.byOrg.map((o: { org: string; received: number }) => [o.org, o.received]))).toEqual({ 测试市政协: own.received, 测试区政协: 2, 乙县政协: 3 });
    expect(tree.received).toBe(own.received + 5);
    expect(tree.byState.submitted).toBe(own.byState.submitted + 5);
    await handedIn(countyB, '又一篇');
    expect((await get('staff', `/opinions/stats?year=${year}&scope=tree`)).received).toBe(own.received + 6);
    expect((await get('countyStaff', `/opinions/stats?year=${year}&scope=tree`)).received).toBe(2);
    const res = await as('staff', 'GET', `/opinions/stats.xlsx?year=${year}&scope=tree`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('各政协')!;
    const last = sheet.getRow(sheet.rowCount);
    expect([last.getCell(1).value, last.getCell(2).value]).toEqual(['合计', own.received + 6]);
  });

  it('rolls the party figures up, each with its parts, for the office and leaders only', async () => {
    const activity = (orgId: string, topic: string) => t.database.db.insert(partyActivities)
      .values({ orgId, groupId: randomUUID(), kind: 'themeDay', date: `${year}-03-01`, topic, createdBy: t.fx.userIds.staff! });
    await activity(countyA, '区级主题党日');
    await activity(countyB, '县级主题党日一');
    await activity(countyB, '县级主题党日二');
    type Party = { scope: string; figures: Figure[] };
    const acts = (r: Party) => r.figures.find((f) => f.key === 'activities')!;
    const own: Party = await get('staff', `/party/figures?year=${year}`);
    const tree: Party = await get('leader', `/party/figures?year=${year}&scope=tree`);
    expect([own.scope, tree.scope]).toEqual(['own', 'tree']);
    expect(acts(tree).value).toBe(acts(own).value + 3);
    expect(perOrg(acts(tree).parts!)).toEqual({ 测试市政协: acts(own).value, 测试区政协: 1, 乙县政协: 2 });
    expect(acts(tree).source).toBe(acts(own).source);
    await activity(countyA, '区级主题党日二');
    expect(acts(await get('staff', `/party/figures?year=${year}&scope=tree`)).value).toBe(acts(own).value + 4);
    expect(acts(await get('countyStaff', `/party/figures?year=${year}&scope=tree`)).value).toBe(2);
    expectProblem(await call('member', 'GET', `/party/figures?year=${year}&scope=tree`), 403);
  });
  it('rolls the 双联 counters, the compliance board and the rooms’ figures up: totals and byOrg, rows the caller’s own', async () => {
    /** A liaison of `orgId` with one link met face to face `n` times with a policy talk (no report: behind only if unmet). */
    const liaison = async (orgId: string, name: string, n: number) => {
      const [m] = await t.database.db.insert(members).values(withNameSort({ orgId, name, party: '中共', sectorId: t.fx.sectorIds[0]!, standing: false })).returning();
      const [l] = await t.database.db.insert(liaisonLinks).values({ orgId, year, kind: 'masses', fromMemberId: m!.id, sectorId: t.fx.sectorIds[0]!, reason: '测试' }).returning();
      for (let i = 0; i < n; i++) {
        await t.database.db.insert(liaisonContacts).values({ orgId, linkId: l!.id, year, date: `${year}-02-0${i + 1}`, channel: 'faceToFace', participants: '群众', topics: `${name}宣讲`, policyTalk: true, createdBy: t.fx.userIds.staff! });
      }
    };
    await liaison(countyA, '区联系人', 1);
    await liaison(countyB, '县联系人', 2);
    const period = `from=${year}-01-01&to=${year}-12-31`;
    const own = await get('staff', `/liaison/counters?${period}`);
    const tree = await get('leader', `/liaison/counters?${period}&scope=tree`);
    expect([own.scope, tree.scope]).toEqual(['own', 'tree']);
    expect(tree.total.policyTalks).toBe(own.total.policyTalks + 3);
    expect(Object.fromEntries(tree.byOrg.map((o: { org: string; policyTalks: number }) => [o.org, o.policyTalks]))).toEqual({ 测试市政协: own.total.policyTalks, 测试区政协: 1, 乙县政协: 2 });
    // The rows by member stay the city's: no county's liaison by name.
    expect(tree.items).toEqual(own.items);
    expect(JSON.stringify(tree.items)).not.toMatch(/区联系人|县联系人/);
    await liaison(countyA, '区联系人二', 2);
    expect((await get('staff', `/liaison/counters?${period}&scope=tree`)).total.policyTalks).toBe(own.total.policyTalks + 5);
    expect((await get('countyStaff', `/liaison/counters?${period}&scope=tree`)).total.policyTalks).toBe(3);
    expect((await get('countyStaff', `/liaison/counters?${period}&scope=tree`)).scope).toBe('own');
    expect((await get('siblingStaff', `/liaison/counters?${period}&scope=tree`)).total.policyTalks).toBe(0);

    const boardOwn = await get('staff', `/liaison/compliance?year=${year}`);
    const board = await get('staff', `/liaison/compliance?year=${year}&scope=tree`);
    expect(board.scope).toBe('tree');
    expect(board.totals.liaisons).toBe(boardOwn.totals.liaisons + 3);
    expect(board.totals.met).toBe(boardOwn.totals.met + 3);
    expect(board.totals.unmet).toBe(board.totals.links - board.totals.met);
    expect(board.items).toEqual(boardOwn.items);
    expect(Object.fromEntries(board.byOrg.map((o: { org: string; liaisons: number }) => [o.org, o.liaisons]))).toEqual({ 测试市政协: boardOwn.totals.liaisons, 测试区政协: 2, 乙县政协: 1 });
    expect((await get('countyLeader', `/liaison/compliance?year=${year}&scope=tree`)).totals.liaisons).toBe(2);
    // A member of the city: their own row, never a tree.
    const mine = await get('member', `/liaison/compliance?year=${year}&scope=tree`);
    expect(mine.scope).toBe('own');
    const res = await as('staff', 'GET', `/liaison/counters.xlsx?${period}&scope=tree`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('各政协')!;
    expect([sheet.getRow(sheet.rowCount).getCell(1).value, sheet.getRow(sheet.rowCount).getCell(2).value]).toEqual(['合计', own.total.policyTalks + 5]);
    const csv = await as('staff', 'GET', `/liaison/compliance.csv?year=${year}&scope=tree`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('乙县政协');
    expect((await as('staff', 'GET', `/liaison/compliance.csv?year=${year}`)).body).not.toContain('乙县政协');
    for (const user of ['member', 'unitA']) expectProblem(await call(user, 'GET', `/liaison/counters?${period}&scope=tree`), 403);

    // The council rooms: a county's hosted by its departments (one in 测试区, two in 乙县).
    const room = (orgId: string, name: string) => t.database.db.insert(consultationRooms).values({ orgId, name, hostUnitId: randomUUID(), active: true, createdBy: t.fx.userIds.staff! });
    await room(countyA, '区议事室');
    await room(countyB, '县议事室一');
    await room(countyB, '县议事室二');
    const roomsOwn = await get('staff', `/consultations/rooms/figures?year=${year}`);
    const rooms = await get('leader', `/consultations/rooms/figures?year=${year}&scope=tree`);
    expect([roomsOwn.scope, rooms.scope]).toEqual(['own', 'tree']);
    expect(rooms.byHost).toEqual(roomsOwn.byHost);
    expect(rooms.total.rooms).toBe(roomsOwn.total.rooms + 3);
    expect(Object.fromEntries(rooms.byOrg.map((o: { org: string; rooms: number }) => [o.org, o.rooms]))).toEqual({ 测试市政协: roomsOwn.total.rooms, 测试区政协: 1, 乙县政协: 2 });
    await room(countyA, '区议事室二');
    expect((await get('staff', `/consultations/rooms/figures?year=${year}&scope=tree`)).total.rooms).toBe(roomsOwn.total.rooms + 4);
    expect((await get('countyStaff', `/consultations/rooms/figures?year=${year}&scope=tree`)).total.rooms).toBe(2);
    expect((await get('countyStaff', `/consultations/rooms/figures?year=${year}&scope=tree`)).scope).toBe('own');
    expectProblem(await call('member', 'GET', `/consultations/rooms/figures?scope=tree`), 403);
  });
});
