import { Document, Packer, Paragraph } from 'docx';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, day, engines, expectProblem, multipart, testApp, type TestApp } from './helpers.ts';
import { outbox } from '../src/server/core/schema.ts';

// The rest of 双联 over HTTP: counters by person, sector, special committee and county over a
// period, each equal to its source list and to counts made by hand on a fixed fixture; the
// 双联见面会; the annual report uploaded as a document; the party organisation and its figures;
// campaigns with their window and adoption.

const Y = 2025; // a past year: every date below has happened
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe.each(engines)('party organisation, campaigns and the rest of 双联 (%s)', (engine) => {
  let t: TestApp;
  const { ok, refused } = apiAs(() => t);
  const ids: Record<string, string> = {};
  beforeAll(async () => { t = await testApp(engine, { JOBS_INTERVAL_SECONDS: 3600 }); });
  afterAll(async () => { await t?.close(); });

  const upload = async (login: string, url: string, file: Buffer, name: string) => {
    const body = multipart(file, name, await t.as(login));
    return t.app.inject({ method: 'POST', url: `/api/v1${url}`, payload: body.payload, headers: body.headers });
  };
  const events = async (type: string) => (await t.database.db.select().from(outbox).where(and(eq(outbox.orgId, t.fx.orgId), eq(outbox.type, type))).orderBy(asc(outbox.id))).map((e) => e.payload as Record<string, unknown>);

  it('sets up the fixture: links of four kinds with contacts whose counts are known by hand', async () => {
    const [zhang, li, wang, zhao] = t.fx.memberIds;
    Object.assign(ids, { zhang: zhang!, li: li!, wang: wang!, zhao: zhao!, edu: t.fx.sectorIds[0]!, econ: t.fx.sectorIds[1]!, k: t.fx.committeeId });
    ids.sun = (await ok('staff', 'POST', '/members', { name: '孙党员', sectorId: ids.econ, party: '中共', standing: false, committeeIds: [ids.k] })).id;
    const link = async (body: object) => (await ok('staff', 'POST', '/liaison/links', { year: Y, ...body })).id as string;
    const l1 = await link({ kind: 'partyMember', fromMemberId: ids.zhang, toMemberId: ids.li });
    const l2 = await link({ kind: 'partyMember', fromMemberId: ids.sun, toMemberId: ids.wang });
    const l3 = await link({ kind: 'masses', fromMemberId: ids.zhang, sectorId: ids.edu });
    const l4 = await link({ kind: 'committee', committeeId: ids.k, sectorId: ids.econ });
    const contact = (l: string, body: object) => ok('staff', 'POST', `/liaison/links/${l}/contacts`, { participants: '有关人员', topics: '走访', ...body });
    await contact(l1, { date: `${Y}-03-10`, channel: 'faceToFace', policyTalk: true, opinions: ['意见一', '意见二'], problemsSolved: ['问题一'] });
    await contact(l1, { date: `${Y}-07-01`, channel: 'wechat', opinions: ['意见三'] });
    await contact(l2, { date: `${Y}-04-02`, channel: 'research', policyTalk: true, problemsSolved: ['问题二', '问题三'] });
    await contact(l3, { date: `${Y}-05-05`, channel: 'faceToFace', policyTalk: true, massesReached: 30, opinions: ['意见四'] });
    await contact(l4, { date: `${Y}-06-06`, channel: 'forum', policyTalk: true, opinions: ['意见五'], problemsSolved: ['问题四'] });
  });

  it('records the 双联见面会 held during the plenary, its opinions turned into drafts by those who raised them', async () => {
    const terms = (await ok('staff', 'GET', '/terms')).items;
    const session = terms[0].sessions.find((s: { startsOn: string }) => s.startsOn === `${Y}-01-10`);
    ids.session = session.id;
    const body = {
      date: `${Y}-01-11`, place: '市政协会议中心', sessionId: ids.session, attendeeIds: [ids.zhang, ids.li, ids.sun, ids.wang],
      topics: ['党外委员谈履职'], opinions: [{ memberId: ids.li, content: '建议加强委员培训' }, { memberId: ids.wang, content: '建议完善界别活动' }],
    };
    expect((await refused(422, 'staff', 'POST', '/liaison/meetings', { ...body, date: `${Y}-02-01` })).errors[0]!.path).toBe('/date');
    expect((await refused(422, 'staff', 'POST', '/liaison/meetings', { ...body, opinions: [{ memberId: ids.zhao, content: '未出席者' }] })).errors[0]!.path).toBe('/opinions/0/memberId');
    expect((await refused(422, 'staff', 'POST', '/liaison/meetings', { ...body, sessionId: t.fx.memberIds[0] })).errors[0]!.path).toBe('/sessionId');
    await refused(403, 'member', 'POST', '/liaison/meetings', body);
    const m = await ok('staff', 'POST', '/liaison/meetings', body);
    ids.meeting = m.id;
    expect(m).toMatchObject({ year: Y, place: '市政协会议中心', sessionNumber: 4, topics: ['党外委员谈履职'] });
    expect(m.attendees.map((a: { name: string }) => a.name).sort()).toEqual(['孙党员', '张三', '李四', '王五'].sort());
    expect((await ok('member', 'GET', `/liaison/meetings?year=${Y}`)).items).toMatchObject([{ id: m.id, attendees: 4, opinions: 2 }]);
    const held = (await events('liaisonMeeting.held')).find((e) => e.id === m.id);
    expect(held).toMatchObject({ id: m.id, occurredOn: `${Y}-01-11` });
    expect((held!.memberIds as string[]).sort()).toEqual(body.attendeeIds.sort());

    const liOpinion = m.opinions.find((o: { memberId: string }) => o.memberId === ids.li);
    // 张三 did not raise it: it is not theirs to see; 李四 (login member2) turns it into their 社情民意 draft.
    await refused(404, 'member', 'POST', `/liaison/opinions/${liOpinion.id}/convert`, { to: 'opinion', title: '关于加强委员培训的建议' });
    const converted = await ok('member2', 'POST', `/liaison/opinions/${liOpinion.id}/convert`, { to: 'opinion', title: '关于加强委员培训的建议' });
    expect(converted.opinionId).toBeTruthy();
    const draft = await ok('member2', 'GET', `/opinions/${converted.opinionId}`);
    expect(draft.body).toContain('建议加强委员培训');
    await refused(409, 'member2', 'POST', `/liaison/opinions/${liOpinion.id}/convert`, { to: 'proposal', title: '再次转化' });
  });

  // Hand counts over the fixture (see the contacts above and the meeting's two opinions).
  const ALL = { policyTalks: 4, membersVisited: 2, massesVisited: 30, opinionsCollected: 7, problemsSolved: 4 };
  type Row = Record<string, number> & { key: string; name: string; sources: Record<string, string> };

  /** Every counter of the row equals its source: the list's total (massesVisited: the sum of its `n`). */
  async function sourcesAgree(row: { sources: Record<string, string> } & Record<string, unknown>) {
    for (const [k, url] of Object.entries(row.sources)) {
      const list = await ok('leader', 'GET', `${url.replace('/api/v1', '')}&pageSize=200`);
      if (k === 'massesVisited') expect(list.items.reduce((s: number, i: { n: number }) => s + i.n, 0), `${k} ${url}`).toBe(row[k]);
      else expect(list.total, `${k} ${url}`).toBe(row[k]);
    }
  }

  it('counts by person, sector, special committee and county, each figure equal to its source list', async () => {
    const period = `from=${Y}-01-01&to=${Y}-12-31`;
    const by = async (dim: string): Promise<{ items: Row[]; total: Record<string, number>; sources: Record<string, string> }> => ok('staff', 'GET', `/liaison/counters?${period}&by=${dim}`);
    const pick = (rows: Row[], key: string) => { const r = rows.find((x) => x.key === key)!; return Object.fromEntries(Object.keys(ALL).map((k) => [k, r[k]])); };

    const person = await by('member');
    expect(person.total).toEqual(ALL);
    expect(pick(person.items, ids.zhang!)).toEqual({ policyTalks: 2, membersVisited: 1, massesVisited: 30, opinionsCollected: 4, problemsSolved: 1 });
    expect(pick(person.items, ids.sun!)).toEqual({ policyTalks: 1, membersVisited: 1, massesVisited: 0, opinionsCollected: 0, problemsSolved: 2 });
    expect(pick(person.items, ids.li!)).toEqual({ policyTalks: 0, membersVisited: 0, massesVisited: 0, opinionsCollected: 1, problemsSolved: 0 });
    expect(pick(person.items, ids.wang!)).toEqual({ policyTalks: 0, membersVisited: 0, massesVisited: 0, opinionsCollected: 1, problemsSolved: 0 });

    const sector = await by('sector');
    expect(sector.total).toEqual(ALL);
    expect(pick(sector.items, ids.edu!)).toEqual({ policyTalks: 2, membersVisited: 1, massesVisited: 30, opinionsCollected: 5, problemsSolved: 1 });
    expect(pick(sector.items, ids.econ!)).toEqual({ policyTalks: 2, membersVisited: 1, massesVisited: 0, opinionsCollected: 2, problemsSolved: 3 });

    const committee = await by('committee');
    expect(committee.items.map((r) => r.name)).toEqual(['提案委员会']);
    expect(pick(committee.items, ids.k!)).toEqual({ policyTalks: 2, membersVisited: 1, massesVisited: 0, opinionsCollected: 1, problemsSolved: 3 });

    const county = await by('county');
    expect(county.items.map((r) => r.key)).toEqual([t.fx.countyId]);
    expect(pick(county.items, t.fx.countyId)).toEqual({ policyTalks: 2, membersVisited: 1, massesVisited: 30, opinionsCollected: 4, problemsSolved: 1 });

    for (const c of [person, sector, committee, county]) {
      await sourcesAgree({ ...c.total, sources: c.sources });
      for (const row of c.items) await sourcesAgree(row);
    }
    // A filter narrows every dimension the same way: the county's members by sector.
    const filtered = await ok('staff', 'GET', `/liaison/counters?${period}&by=sector&countyOrgId=${t.fx.countyId}`);
    expect(filtered.total).toEqual({ policyTalks: 2, membersVisited: 1, massesVisited: 30, opinionsCollected: 4, problemsSolved: 1 });
    expect(filtered.items.map((r: Row) => r.key)).toEqual([ids.edu]);
  });

  it('counts only what falls in the period', async () => {
    const q = await ok('leader', 'GET', `/liaison/counters?from=${Y}-04-01&to=${Y}-06-30&by=member`);
    expect(q.total).toEqual({ policyTalks: 3, membersVisited: 1, massesVisited: 30, opinionsCollected: 2, problemsSolved: 3 });
    await sourcesAgree({ ...q.total, sources: q.sources });
    const records = await ok('staff', 'GET', `/liaison/counters/records?counter=problemsSolved&from=${Y}-04-01&to=${Y}-06-30`);
    expect(records.items.map((i: { text: string }) => i.text).sort()).toEqual(['问题二', '问题三', '问题四'].sort());
    await refused(403, 'member', 'GET', '/liaison/counters/records?counter=policyTalks');
    expect((await refused(400, 'staff', 'GET', '/liaison/counters/records?counter=visits')).errors[0]!.path).toMatch(/counter/);
    expect((await refused(400, 'staff', 'GET', '/liaison/counters?by=county&countyOrgId=nope')).errors[0]!.path).toMatch(/countyOrgId/);
  });

  it('takes the annual report as an uploaded .pdf or .docx, checked by content, and shows who is behind', async () => {
    const behindBefore = await ok('staff', 'GET', `/liaison/compliance?year=${Y}&behind=true`);
    expect(behindBefore.items.map((i: { memberId: string }) => i.memberId).sort()).toEqual([ids.zhang, ids.sun].sort());

    const png = expectProblem(await upload('member', `/liaison/reports/file?year=${Y}`, PNG, '报告.pdf'), 400);
    expect(png.errors[0]!.path).toBe('/file');
    const text = expectProblem(await upload('member', `/liaison/reports/file?year=${Y}`, Buffer.from('这是一份报告'), '报告.docx'), 400);
    expect(text.errors[0]!.path).toBe('/file');
    // 李四 links nobody in the year: no report to upload.
    expect(expectProblem(await upload('member2', `/liaison/reports/file?year=${Y}`, PDF, '报告.pdf'), 422).errors[0]!.path).toBe('/year');

    const r = (await upload('member', `/liaison/reports/file?year=${Y}`, PDF, '2025年双联报告.pdf')).json();
    expect(r).toMatchObject({ year: Y, memberId: ids.zhang, file: `/api/v1/liaison/reports/${r.id}/file` });
    const file = await t.app.inject({ url: r.file, headers: await t.as('leader') });
    expect(file.headers['content-type']).toContain('application/pdf');
    expect(Buffer.compare(file.rawPayload, PDF)).toBe(0);
    expect((await t.app.inject({ url: r.file, headers: await t.as('member2') })).statusCode).toBe(404);

    // Staff upload 孙党员's as Word; it counts as reported.
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('2025年度双联工作报告')] }] }));
    const s = await upload('staff', `/liaison/reports/file?year=${Y}&memberId=${ids.sun}`, Buffer.from(docx), '报告.docx');
    expect(s.statusCode, s.body).toBe(200);
    const board = await ok('staff', 'GET', `/liaison/compliance?year=${Y}`);
    expect(board.items.filter((i: { reportFile: boolean }) => i.reportFile).map((i: { memberId: string }) => i.memberId).sort()).toEqual([ids.zhang, ids.sun].sort());
    expect((await events('liaisonReport.reported')).some((e) => (e.memberIds as string[])[0] === ids.sun)).toBe(true);
  });

  it('keeps the party groups as a tree, with members (roster or office staff) and activities, and counts them', async () => {
    const group = async (body: object) => (await ok('staff', 'POST', '/party/groups', body)).id as string;
    const lead = await group({ kind: 'leadingGroup', name: '市政协党组' });
    const office = await group({ kind: 'officeCommittee', name: '市政协机关党委' });
    const b1 = await group({ kind: 'branch', name: '机关第一党支部', parentId: office });
    await group({ kind: 'branch', name: '机关第二党支部', parentId: office });
    const cell = await group({ kind: 'cell', name: '第一党小组', parentId: b1 });
    const mg = await group({ kind: 'memberGroup', name: '提案委党员委员活动小组', parentId: lead, committeeId: ids.k });
    expect((await refused(422, 'staff', 'POST', '/party/groups', { kind: 'cell', name: '错位小组', parentId: office })).errors[0]!.path).toBe('/parentId');
    expect((await refused(422, 'staff', 'POST', '/party/groups', { kind: 'branch', name: '县政协支部', countyOrgId: t.fx.countyId, parentId: office })).errors[0]!.path).toBe('/countyOrgId');
    await refused(409, 'staff', 'POST', '/party/groups', { kind: 'branch', name: '机关第一党支部', parentId: office });
    await refused(403, 'member', 'POST', '/party/groups', { kind: 'leadingGroup', name: '某党组' });

    const add = async (g: string, body: object) => (await ok('staff', 'POST', `/party/groups/${g}/members`, body)).id as string;
    const sec = await add(office, { userId: t.fx.userIds.staff, name: '李书记', role: '书记' });
    const zhangB1 = await add(b1, { memberId: ids.zhang });
    const clerk = await add(b1, { name: '王干事' });
    await add(cell, { name: '王干事' });
    await add(cell, { memberId: ids.zhang });
    const sunMg = await add(mg, { memberId: ids.sun, role: '组长' });
    await refused(409, 'staff', 'POST', `/party/groups/${b1}/members`, { memberId: ids.zhang });
    expect((await refused(422, 'staff', 'POST', `/party/groups/${b1}/members`, {})).errors[0]!.path).toBe('/name');

    // A 党员大会 of the office committee: its own and its branches' members attend; not the members' group's.
    const act = { kind: 'congress', date: `${Y}-06-28`, topic: '学习党章', attendeeIds: [sec, zhangB1, clerk] };
    expect((await refused(422, 'staff', 'POST', `/party/groups/${office}/activities`, { ...act, attendeeIds: [sunMg] })).errors[0]!.path).toBe('/attendeeIds');
    expect((await refused(422, 'staff', 'POST', `/party/groups/${office}/activities`, { ...act, date: day(3) })).errors[0]!.path).toBe('/date');
    const a = await ok('staff', 'POST', `/party/groups/${office}/activities`, act);
    expect(a.attendees.map((x: { name: string }) => x.name).sort()).toEqual(['张三', '李书记', '王干事'].sort());
    await ok('staff', 'POST', `/party/groups/${mg}/activities`, { kind: 'themeDay', date: `${Y}-07-01`, topic: '主题党日', attendeeIds: [sunMg] });
    const logged = (await events('partyActivity.logged')).find((e) => e.id === a.id);
    expect(logged).toMatchObject({ id: a.id, memberIds: [ids.zhang], occurredOn: `${Y}-06-28` });

    // 张三 (member) sees the activities they attended; the office sees all of the office committee's tree.
    expect((await ok('member', 'GET', '/party/activities?mine=true')).items.map((x: { topic: string }) => x.topic)).toEqual(['学习党章']);
    await refused(403, 'member', 'GET', '/party/activities');
    expect((await ok('staff', 'GET', `/party/activities?groupId=${office}`)).total).toBe(1);
    const tree = (await ok('staff', 'GET', '/party/groups')).items;
    expect(tree.find((g: { id: string }) => g.id === cell).parentId).toBe(b1);

    const figures = (await ok('leader', 'GET', `/party/figures?year=${Y}`)).figures as { key: string; value: number; source: string }[];
    const value = Object.fromEntries(figures.map((f) => [f.key, f.value]));
    // 李书记, 张三, 王干事 (once, though in two groups); 张三 and 孙党员 link 李四 and 王五.
    expect(value).toEqual({ officePartyMembers: 3, branches: 2, cells: 1, memberGroups: 1, partyMemberLiaisons: 2, nonPartyLinked: 2, activities: 2 });
    for (const f of figures) expect((await ok('staff', 'GET', f.source.replace('/api/v1', ''))).total, f.key).toBe(f.value);
  });

  it('runs a campaign: ideas only inside its window, adoption by a named body, counts per campaign', async () => {
    const open = await ok('staff', 'POST', '/campaigns', { title: '我为疫后重振献一计', theme: '围绕疫后重振和十四五规划建言', opensOn: day(-5), closesOn: day(5) });
    const closed = await ok('staff', 'POST', '/campaigns', { title: '往年献计', theme: '已结束', opensOn: day(-30), closesOn: day(-10) });
    const later = await ok('staff', 'POST', '/campaigns', { title: '下月献计', theme: '未开始', opensOn: day(3), closesOn: day(10) });
    expect((await refused(422, 'staff', 'POST', '/campaigns', { title: '倒置', theme: '日期倒置', opensOn: day(5), closesOn: day(1) })).errors[0]!.path).toBe('/closesOn');
    await refused(403, 'member', 'POST', '/campaigns', { title: '委员开', theme: '不可', opensOn: day(0), closesOn: day(1) });

    const idea = { title: '发展临空经济', content: '建议依托机场发展临空经济产业园。' };
    expect((await refused(409, 'member', 'POST', `/campaigns/${closed.id}/ideas`, idea)).detail).toContain(closed.closesOn);
    expect((await refused(409, 'member', 'POST', `/campaigns/${later.id}/ideas`, idea)).detail).toContain(later.opensOn);
    await refused(403, 'staff', 'POST', `/campaigns/${open.id}/ideas`, idea);
    const mine = await ok('member', 'POST', `/campaigns/${open.id}/ideas`, idea);
    const other = await ok('member2', 'POST', `/campaigns/${open.id}/ideas`, { title: '优化营商环境', content: '建议推行一网通办。' });
    expect(mine).toMatchObject({ adopted: false, adoptedBy: null });
    expect((await ok('staff', 'GET', `/campaigns/${open.id}`))).toMatchObject({ ideas: 2, adopted: 0, state: 'open' });
    expect((await ok('member', 'GET', `/campaigns/${open.id}/ideas`)).items.map((i: { id: string }) => i.id)).toEqual([mine.id]);

    await refused(403, 'member', 'POST', `/campaigns/ideas/${mine.id}/adopt`, { adoptedBy: '市委' });
    expect((await refused(422, 'staff', 'POST', `/campaigns/ideas/${mine.id}/adopt`, { adoptedBy: '市委', adoptedOn: day(-20) })).errors[0]!.path).toBe('/adoptedOn');
    const adopted = await ok('staff', 'POST', `/campaigns/ideas/${mine.id}/adopt`, { adoptedBy: '市委市政府' });
    expect(adopted).toMatchObject({ adopted: true, adoptedBy: '市委市政府' });
    await refused(409, 'staff', 'POST', `/campaigns/ideas/${mine.id}/adopt`, { adoptedBy: '市发改委' });
    expect((await ok('member', 'GET', '/campaigns')).items.find((k: { id: string }) => k.id === open.id)).toMatchObject({ ideas: 2, adopted: 1, mine: 1 });
    expect((await ok('staff', 'GET', `/campaigns/${open.id}/ideas?adopted=false`)).items.map((i: { id: string }) => i.id)).toEqual([other.id]);
    expect((await events('campaignIdea.adopted')).find((e) => e.id === mine.id)).toMatchObject({ id: mine.id, memberIds: [ids.zhang], adoptedBy: '市委市政府' });
    expect((await events('campaignIdea.submitted')).map((e) => e.memberIds)).toEqual(expect.arrayContaining([[ids.zhang], [ids.li]]));
  });
});
