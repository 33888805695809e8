import { and, eq, sql } from 'drizzle-orm';
import { unzipSync, strFromU8 } from 'fflate';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, engines, expectProblem, multipart, opinionIn, testApp, type TestApp } from './helpers.ts';
import { selectionIn } from './selection-helpers.ts';
import { outbox } from '../src/server/core/schema.ts';
import { plusDays, today } from '../src/server/modules/handling/deadlines.ts';
import { dropTakenBack, replayEvents } from '../src/server/modules/records/entries.ts';
import { dutyEntries, dutyTotals } from '../src/server/modules/records/schema.ts';

// 履职档案 over HTTP: entries made by the real flows' events (proposals with a co-signer, a 社情民意
// report adopted, a 双联 contact, a contract event of a module to come), stored once however often
// delivered; points, grades and ranks by the rules; recompute; the 述职报告 as Word.

const YEAR = Number(today().slice(0, 4));

interface Entry { id: string; kind: string; variant: string | null; points: number; occurredOn: string; title: string; source: { type: string; id: string; href: string }; subject: { title: string | null; href: string | null; gone: boolean } }
interface Record { member: { id: string; name: string }; year: number; points: number; grade: string; rank: { sector: { rank: number; size: number }; committees: { id: string; rank: number; size: number }[] }; warnings: string[]; entries: Entry[]; byKind: { [k: string]: { count: number; points: number } } }
interface Row { memberId: string; name: string; points: number; grade: string; sectorRank: number; sectorSize: number; committeeRank: number | null; warnings: string[] }

describe.each(engines)('duty records (%s)', (engine) => {
  let t: TestApp;
  let zhang: string; let li: string; let wang: string;
  const { call, ok, refused } = apiAs(() => t);
  beforeAll(async () => {
    t = await testApp(engine, { JOBS_INTERVAL_SECONDS: 3600 });
    [zhang, li, wang] = t.fx.memberIds as [string, string, string];
  });
  afterAll(async () => { await t?.close(); });

  const settle = () => t.app.outbox.kick();
  const record = async (login: string, memberId?: string): Promise<Record> => {
    await settle();
    return ok(login, 'GET', memberId ? `/records/members/${memberId}?year=${YEAR}` : `/records/me?year=${YEAR}`);
  };
  const kinds = (r: Record) => r.entries.map((e) => `${e.kind}${e.variant ? `.${e.variant}` : ''}`).sort();
  const list = async (query = ''): Promise<Row[]> => { await settle(); return (await ok('staff', 'GET', `/records?year=${YEAR}&pageSize=100${query}`)).items; };
  let jointId: string;

  it('gives the proposer and the co-signer of a submitted proposal their entries, and more as it is filed and made key', async () => {
    const { id } = await ok('member2', 'POST', '/proposals', { title: '关于完善社区养老服务的建议', body: '建议完善社区养老服务设施。', kind: 'joint', cosignerIds: [zhang] });
    jointId = id;
    await ok('member', 'POST', `/proposals/${id}/actions/cosign`, {});
    await ok('member2', 'POST', `/proposals/${id}/actions/submit`, {});
    expect(kinds(await record('member2'))).toEqual(['proposalLead']);
    expect(kinds(await record('member'))).toEqual(['proposalCosign']);

    await ok('staff', 'POST', `/proposals/${id}/actions/file`, {});
    await ok('staff', 'POST', `/proposals/${id}/actions/markKey`, { leaderUserId: t.fx.userIds.leader });
    const lead = await record('member2');
    expect(kinds(lead)).toEqual(['proposalFiled', 'proposalKey', 'proposalLead']);
    expect(lead.points).toBe(30); // 15 filed + 15 key (submission itself: 0 by default)
    expect(lead.entries.every((e) => e.source.type === 'proposal' && e.source.id === id && e.source.href === `/proposals/${id}`)).toBe(true);
    const co = await record('member');
    expect(kinds(co)).toEqual(['proposalCosign', 'proposalFiledCosign']);
    expect(co.points).toBe(3);
  });

  it('counts a 社情民意 report handed in and adopted, by the level of the adoption', async () => {
    const id = await opinionIn(t, 'adopted', '老旧小区加装电梯推进缓慢');
    const r = await record('member');
    expect(kinds(r)).toEqual(['opinionAdopted.city', 'opinionSubmitted', 'proposalCosign', 'proposalFiledCosign']);
    expect(r.entries.filter((e) => e.source.type === 'opinion').every((e) => e.source.href === `/opinions/${id}`)).toBe(true);
    expect(r.points).toBe(3 + 2 + 10);
  });

  it('counts a 双联 contact the liaison logs, by its channel', async () => {
    await ok('staff', 'POST', '/liaison/links/generate', { year: YEAR });
    const links = (await ok('member', 'GET', `/liaison/links?year=${YEAR}&fromMemberId=${zhang}`)).items as { id: string }[];
    expect(links.length).toBeGreaterThan(0);
    const contact = await ok('member', 'POST', `/liaison/links/${links[0]!.id}/contacts`, { date: today(), channel: 'faceToFace', participants: '张三', topics: '听取教育界委员意见' });
    const r = await record('member');
    const e = r.entries.find((x) => x.kind === 'liaisonContact')!;
    expect(e).toMatchObject({ variant: 'faceToFace', points: 3, occurredOn: today(), source: { type: 'liaisonContact', id: contact.id, href: `/liaison/contacts/${contact.id}` } });
    expect(r.points).toBe(18);
  });

  it('takes the events of the modules to come from their payload, stored once however often delivered', async () => {
    const event = { type: 'meetingAttendance.signedIn', payload: { id: '8e1f7f7e-0000-4000-8000-000000000001', consultationId: 'c-1', memberIds: [zhang, wang], occurredOn: `${YEAR}-03-05`, title: '全会第一次大会' } };
    await t.database.db.insert(outbox).values([{ orgId: t.fx.orgId, ...event }, { orgId: t.fx.orgId, ...event }]);
    // and one with nobody in it, and one that names no record: nothing, no failure
    await t.database.db.insert(outbox).values([{ orgId: t.fx.orgId, type: 'meetingSpeech.added', payload: { id: 'x', memberIds: [] } }, { orgId: t.fx.orgId, type: 'campaignIdea.submitted', payload: {} }]);
    const r = await record('member');
    expect(r.entries.filter((e) => e.kind === 'meetingAttended')).toEqual([
      expect.objectContaining({ points: 5, occurredOn: `${YEAR}-03-05`, title: '全会第一次大会', source: { type: 'meeting', id: event.payload.id, href: '/consultations/c-1?tab=meeting' } }),
    ]);
    expect(r.points).toBe(23);
    expect((await record('staff', wang)).points).toBe(5);
    const [failed] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(and(eq(outbox.orgId, t.fx.orgId), sql`${outbox.lastError} is not null`));
    expect(failed!.n).toBe(0);
  });

  it('stores each entry once when every event is delivered again', async () => {
    const count = async () => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(dutyEntries).where(eq(dutyEntries.orgId, t.fx.orgId)))[0]!.n;
    const before = { n: await count(), rows: await list() };
    await t.database.db.update(outbox).set({ dispatchedAt: null }).where(eq(outbox.orgId, t.fx.orgId));
    await settle();
    expect(await count()).toBe(before.n);
    expect(await list()).toEqual(before.rows);
  });

  it('lists members\' totals with grades by the lines, ranks in the sector and the special committee, and warnings', async () => {
    await ok('staff', 'PATCH', `/members/${zhang}`, { committeeIds: [t.fx.committeeId] });
    await ok('staff', 'PATCH', `/members/${wang}`, { committeeIds: [t.fx.committeeId] });
    const rows = await list();
    const of = (id: string) => rows.find((r) => r.memberId === id)!;
    expect(rows.map((r) => r.points)).toEqual([...rows.map((r) => r.points)].sort((a, b) => b - a));
    expect(of(li)).toMatchObject({ points: 30, grade: 'fail', sectorRank: 1, sectorSize: 2 });
    expect(of(zhang)).toMatchObject({ points: 23, sectorRank: 1, sectorSize: 2 });
    expect(of(wang)).toMatchObject({ points: 5, sectorRank: 2 });
    // The year is past both warning days (30 June, 1 November) in the tests' year only if today is; the warnings follow the rules' dates.
    const day = today();
    expect(of(wang).warnings).toEqual([...(day >= `${YEAR}-06-30` ? ['noProposal'] : []), ...(day >= `${YEAR}-11-01` ? ['belowPass'] : [])]);
    expect(of(zhang).warnings).not.toContain('noProposal');
    // The warnings are the member's to-dos; the office finds them in its list.
    const todos = async (login: string) => ((await ok(login, 'GET', '/todos')).items as { kind: string; params: object; href: string }[]).filter((x) => x.kind.startsWith('duty'));
    expect(await todos('member2')).toEqual(day >= `${YEAR}-11-01` ? [{ kind: 'dutyBelowPass', title: expect.any(String), params: { year: YEAR, points: 30, pass: 60 }, href: '/records/me', due: `${YEAR}-12-31` }] : []);
    const warned = await list('&warning=true');
    expect(warned.every((r) => r.warnings.length > 0)).toBe(true);
    expect(warned.map((r) => r.memberId)).toEqual(rows.filter((r) => r.warnings.length).map((r) => r.memberId));
    expect(await todos('staff')).toEqual([]);
    // A leader linked to a member (赵六) is warned as that member.
    const KINDS: { [warning: string]: string } = { noProposal: 'dutyNoProposal', belowPass: 'dutyBelowPass' };
    expect((await todos('leader')).map((x) => x.kind)).toEqual(of(t.fx.memberIds[3]!).warnings.map((w) => KINDS[w]));

    const inCommittee = await list(`&committeeId=${t.fx.committeeId}`);
    expect(inCommittee.map((r) => [r.memberId, r.committeeRank])).toEqual([[zhang, 1], [wang, 2]]);
    expect((await list(`&sectorId=${t.fx.sectorIds[1]}`)).map((r) => r.memberId).sort()).toEqual([li, t.fx.memberIds[3]].sort());
    expect(await list('&grade=excellent')).toEqual([]);
    const mine = await record('member');
    expect(mine.rank.sector).toEqual({ rank: 1, size: 2 });
    expect(mine.rank.committees).toEqual([expect.objectContaining({ id: t.fx.committeeId, rank: 1, size: 2 })]);
  });

  it('recomputes the same totals from the stored entries; a rule change moves them as the rules say', async () => {
    const before = await list();
    const again = await ok('staff', 'POST', '/records/recompute', { year: YEAR });
    expect(again).toEqual({ year: YEAR, members: 3, points: 30 + 23 + 5 });
    expect(await list()).toEqual(before);
    // and the stored totals are the entries' points summed
    const [sum] = await t.database.db.select({ n: sql<number>`sum(${dutyTotals.points})::int` }).from(dutyTotals).where(and(eq(dutyTotals.orgId, t.fx.orgId), eq(dutyTotals.year, YEAR)));
    expect(sum!.n).toBe(58);

    const rules = await ok('staff', 'PUT', '/records/rules', { points: { proposalFiled: 20, 'opinionAdopted.city': 12 }, grades: { excellent: 40, good: 25, pass: 20 } });
    expect(rules.points.proposalFiled).toBe(20);
    expect(rules.points.proposalKey).toBe(15); // the rest kept
    const of = (rows: Row[], id: string) => rows.find((r) => r.memberId === id)!;
    const after = await list();
    expect(of(after, li)).toMatchObject({ points: 35, grade: 'good' });
    expect(of(after, zhang)).toMatchObject({ points: 25, grade: 'good' });
    expect(of(after, wang)).toMatchObject({ points: 5, grade: 'fail' });
    expect((await record('member2')).entries.find((e) => e.kind === 'proposalFiled')!.points).toBe(20);
    expect(await ok('staff', 'POST', '/records/recompute', { year: YEAR })).toEqual({ year: YEAR, members: 3, points: 65 });
    expect(await list()).toEqual(after);
  });

  it('refuses rules that do not hold together or name no kind, changing nothing', async () => {
    expect((await refused(422, 'staff', 'PUT', '/records/rules', { grades: { excellent: 10, good: 20 } })).errors[0]!.path).toBe('/grades/excellent');
    expect((await refused(400, 'staff', 'PUT', '/records/rules', { points: { nosuchKind: 3 } })).errors[0]!.path).toMatch(/^\/points/);
    expect((await refused(400, 'staff', 'PUT', '/records/rules', { proposalBy: '13-40' })).errors[0]!.path).toBe('/proposalBy');
    expect((await refused(400, 'staff', 'POST', '/records/recompute', { year: '2026' })).errors[0]!.path).toBe('/year');
    await refused(403, 'member', 'PUT', '/records/rules', { points: { proposalFiled: 99 } });
    await refused(403, 'leader', 'POST', '/records/recompute', { year: YEAR });
  });

  it('shows a member their own record only; leaders and the office every one', async () => {
    expectProblem(await call('member', 'GET', `/records/members/${li}?year=${YEAR}`), 404);
    expectProblem(await call('member', 'GET', `/records?year=${YEAR}`), 403);
    expectProblem(await call('staff', 'GET', `/records/me?year=${YEAR}`), 403);
    expectProblem(await call('otherStaff', 'GET', `/records/members/${li}?year=${YEAR}`), 404);
    expect((await ok('leader', 'GET', `/records/members/${li}?year=${YEAR}`)).points).toBe(35);
    expect((await ok('member', 'GET', `/records/members/${zhang}?year=${YEAR}`)).points).toBe(25);
  });

  it('drafts the 述职报告 as a Word document from the record, and exports the totals', async () => {
    const res = await call('member', 'GET', `/records/me/report.docx?year=${YEAR}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const xml = strFromU8(unzipSync(new Uint8Array(res.rawPayload))['word/document.xml']!);
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain(`张三委员${YEAR}年度履职报告`);
    expect(text).toContain('关于完善社区养老服务的建议');
    expect(text).toContain('老旧小区加装电梯推进缓慢');
    expect(text).toContain('全年履职积分25分，等级良好');

    const xlsx = await call('staff', 'GET', `/records.xlsx?year=${YEAR}`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1, 5));
    expect(rows[0]).toEqual(['委员', '界别', '积分', '等级']);
    expect(rows[1]).toEqual(['李四', '经济界', 35, '良好']);
  });

  it('counts an excellent proposal for its proposer once the selection is announced', async () => {
    const before = (await record('member')).points;
    const round = await selectionIn(t, 'announced', '年度优秀提案评选');
    const r = await record('member');
    const excellent = r.entries.filter((e) => e.kind === 'proposalExcellent');
    expect(excellent).toHaveLength(1);
    expect(excellent[0]!.title).toBe('年度优秀提案评选的提案');
    // filed (20 by the changed rules) and excellent (10); the submission itself 0
    expect(r.points).toBe(before + 20 + 10);
    expect(round.id).toBeTruthy();
  });

  it('counts a meeting signed in to, a 双创 project and an idea through their flows; an unexcused absence once the day has passed', async () => {
    const zhao = t.fx.memberIds[3]!;
    const c = await ok('staff', 'POST', '/consultations', { title: '关于促进夜间经济发展的双月协商', kind: 'bimonthly', year: YEAR });
    for (const a of ['prepare', 'convene']) await ok('staff', 'POST', `/consultations/${c.id}/actions/${a}`, {});
    await ok('staff', 'PUT', `/consultations/${c.id}/meeting`, { date: today(), time: '09:00', place: '政协三楼会议室', agenda: [{ time: '09:00', title: '通报调研情况', speaker: '经济委员会' }] });
    await ok('staff', 'POST', `/consultations/${c.id}/meeting/invitees`, { memberIds: [li, wang, zhao] });
    await ok('staff', 'POST', `/consultations/${c.id}/meeting/invitations`, {});
    const { code } = await ok('staff', 'GET', `/consultations/${c.id}/meeting/sign-in-code`);
    const before = { li: (await record('member2')).points, wang: (await record('staff', wang)).points, zhao: (await record('staff', zhao)).points };
    await ok('member2', 'POST', `/consultations/${c.id}/meeting/sign-in`, { code });
    const attended = (await record('member2')).entries.filter((e) => e.kind === 'meetingAttended' && e.source.href === `/consultations/${c.id}?tab=meeting`);
    expect(attended).toEqual([expect.objectContaining({ points: 5, occurredOn: today() })]);
    // The day has not passed: nobody is absent yet.
    await t.app.jobs.runDue();
    expect((await record('staff', zhao)).entries.filter((e) => e.kind === 'meetingAbsent')).toEqual([]);
    // The day after: 王五 and 赵六 neither signed in nor had leave — −30 each (domain.md), once however often the job looks.
    const tomorrow = new Date(Date.now() + 2 * 86_400_000);
    await t.app.jobs.runDue(tomorrow);
    await t.app.jobs.runDue(tomorrow);
    const absent = (await record('staff', zhao)).entries.filter((e) => e.kind === 'meetingAbsent');
    expect(absent).toEqual([expect.objectContaining({ points: -30, occurredOn: today(), source: { type: 'meeting', id: c.id, href: `/consultations/${c.id}?tab=meeting` } })]);
    expect((await record('staff', zhao)).points).toBe(before.zhao - 30);
    expect((await record('staff', wang)).points).toBe(before.wang - 30);
    expect((await record('member2')).points).toBe(before.li + 5);
    // The office corrects the list: 王五 was there after all — the absence goes, the attendance counts.
    await ok('staff', 'POST', `/consultations/${c.id}/meeting/attendance`, { memberId: wang, present: true });
    const w = await record('staff', wang);
    expect(w.entries.filter((e) => e.source.id === c.id || e.source.href.startsWith(`/consultations/${c.id}`)).map((e) => e.kind)).toEqual(['meetingAttended']);
    expect(w.points).toBe(before.wang + 5);
    // …and unticked again: the attendance goes (the day has not passed for the tables: no absence until the job says so).
    await ok('staff', 'POST', `/consultations/${c.id}/meeting/attendance`, { memberId: wang, present: false });
    expect((await record('staff', wang)).entries.filter((e) => e.source.href.startsWith(`/consultations/${c.id}`))).toEqual([]);
    expect((await record('staff', wang)).points).toBe(before.wang);

    // 双创: a project of 张三's own; 献一计: an idea submitted, then adopted.
    const mine = (await record('member')).points;
    const p = await ok('member', 'POST', '/creation/projects', { kind: 'povertyBase', name: '高山茶扶贫基地', startedOn: today() });
    const k = await ok('staff', 'POST', '/campaigns', { title: '我为夜间经济献一计', theme: '夜间经济', opensOn: today(), closesOn: plusDays(today(), 5) });
    const idea = await ok('member', 'POST', `/campaigns/${k.id}/ideas`, { title: '开放夜市', content: '建议在老城区开放周末夜市。' });
    let r = await record('member');
    expect(r.entries.filter((e) => e.source.id === p.id)).toEqual([expect.objectContaining({ kind: 'creationProject', variant: 'povertyBase', points: 5, title: '高山茶扶贫基地', occurredOn: today() })]);
    expect(r.entries.filter((e) => e.source.id === idea.id).map((e) => [e.kind, e.points])).toEqual([['campaignIdea', 2]]);
    expect(r.points).toBe(mine + 5 + 2);
    await ok('staff', 'POST', `/campaigns/ideas/${idea.id}/adopt`, { adoptedBy: '市委市政府' });
    r = await record('member');
    expect(r.entries.filter((e) => e.source.id === idea.id).map((e) => e.kind).sort()).toEqual(['campaignIdea', 'campaignIdeaAdopted']);
    expect(r.points).toBe(mine + 5 + 2 + 5);
  });

  it('counts leave granted, a topic proposed, a pairing, a 五送 activity and an honour (the backfill below gives the same keys)', async () => {
    const c = await ok('staff', 'POST', '/consultations', { title: '关于完善托育服务的双月协商', kind: 'bimonthly', year: YEAR });
    for (const a of ['prepare', 'convene']) await ok('staff', 'POST', `/consultations/${c.id}/actions/${a}`, {});
    await ok('staff', 'PUT', `/consultations/${c.id}/meeting`, { date: today(), time: '14:30', place: '政协二楼会议室', agenda: [
      { time: '14:30', title: '通报情况', speaker: '社会法制委员会' }, { time: '14:50', title: '委员发言', speakerMemberId: zhang },
    ] });
    await ok('staff', 'POST', `/consultations/${c.id}/meeting/invitees`, { memberIds: [li] });
    await ok('staff', 'POST', `/consultations/${c.id}/meeting/invitations`, {});
    await ok('member2', 'POST', `/consultations/${c.id}/meeting/reply`, { answer: 'leave', reason: '出差' });
    await ok('staff', 'POST', `/consultations/${c.id}/meeting/leave`, { memberId: li, approve: true });
    expect((await record('member2')).entries.filter((e) => e.source.href === `/consultations/${c.id}?tab=meeting`).map((e) => [e.kind, e.points])).toEqual([['meetingLeave', 0]]);
    // 李四 says he will come after all: the leave is withdrawn, and so is its entry; granted again, it is back.
    await ok('member2', 'POST', `/consultations/${c.id}/meeting/reply`, { answer: 'attend' });
    expect((await record('member2')).entries.filter((e) => e.source.href === `/consultations/${c.id}?tab=meeting`)).toEqual([]);
    await ok('member2', 'POST', `/consultations/${c.id}/meeting/reply`, { answer: 'leave', reason: '仍需出差' });
    await ok('staff', 'POST', `/consultations/${c.id}/meeting/leave`, { memberId: li, approve: true });
    expect((await record('member2')).entries.filter((e) => e.source.href === `/consultations/${c.id}?tab=meeting`).map((e) => [e.kind, e.points])).toEqual([['meetingLeave', 0]]);
    // 李四 came after all: present, the leave withdrawn — counted once, as attended.
    await ok('staff', 'POST', `/consultations/${c.id}/meeting/attendance`, { memberId: li, present: true });
    expect((await ok('staff', 'GET', `/consultations/${c.id}/meeting`)).invitees.find((i: { memberId: string }) => i.memberId === li)).toMatchObject({ leaveState: null, attendance: 'present' });
    expect((await record('member2')).entries.filter((e) => e.source.href === `/consultations/${c.id}?tab=meeting`).map((e) => [e.kind, e.points])).toEqual([['meetingAttended', 5]]);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    const speech = await t.app.inject({ method: 'POST', url: `/api/v1/consultations/${c.id}/meeting/speeches`, ...multipart(pdf, '发言稿.pdf', await t.as('member')) });
    expect(speech.statusCode).toBe(201);
    expect((await record('member')).entries.filter((e) => e.source.href === `/consultations/${c.id}?tab=meeting`).map((e) => [e.kind, e.points])).toEqual([['meetingSpeech', 5]]);

    const topic = await ok('member', 'POST', '/consultations/topics', { year: YEAR, title: '关于发展社区托育的选题', reason: '托育服务供给不足' });
    await ok('member', 'POST', '/creation/pairings', { householdName: '陈大明', householdPlace: '青山村', pairedOn: today() });
    await ok('member', 'POST', '/creation/activities', { kind: 'technology', date: today(), place: '青山村', beneficiaries: 60 });
    const honour = await ok('staff', 'POST', '/creation/honours', { memberId: zhang, level: 'city', awardedBy: '市委市政府', title: '脱贫攻坚先进个人', date: today() });
    const r = await record('member');
    expect(r.entries.filter((e) => e.source.id === topic.id).map((e) => [e.kind, e.points, e.title])).toEqual([['topicProposed', 3, '关于发展社区托育的选题']]);
    expect(kinds(r).filter((k) => k.startsWith('creation'))).toEqual(['creationActivity.pairing', 'creationActivity.technology', 'creationHonour', 'creationProject.povertyBase']);
    // The office corrects the honour to 李四: it moves from one record to the other.
    const liBefore = (await record('member2')).points;
    await ok('staff', 'PATCH', `/creation/honours/${honour.id}`, { memberId: li });
    const after = await record('member');
    expect(kinds(after).filter((k) => k === 'creationHonour')).toEqual([]);
    expect(after.points).toBe(r.points - 10);
    const liAfter = await record('member2');
    expect(liAfter.entries.filter((e) => e.kind === 'creationHonour').map((e) => e.title)).toEqual(['脱贫攻坚先进个人']);
    expect(liAfter.points).toBe(liBefore + 10);
  });

  it('takes back what a withdrawal takes back: a 社情民意 report withdrawn, a proposal withdrawn or sent back to a draft', async () => {
    const before = (await record('member')).points;
    const o = await ok('member', 'POST', '/opinions', { title: '关于规范共享单车停放的建议', body: '建议划定停放区域。' });
    await ok('member', 'POST', `/opinions/${o.id}/actions/submit`, {});
    expect((await record('member')).entries.filter((e) => e.source.id === o.id).map((e) => [e.kind, e.points])).toEqual([['opinionSubmitted', 2]]);
    await ok('member', 'POST', `/opinions/${o.id}/actions/withdraw`, {});
    let r = await record('member');
    expect(r.entries.filter((e) => e.source.id === o.id)).toEqual([]);
    expect(r.points).toBe(before);
    expect((await list()).find((x) => x.memberId === zhang)!.points).toBe(before);

    const p = await ok('member', 'POST', '/proposals', { title: '关于增设公交线路的提案', body: '建议增设公交线路。', kind: 'member' });
    await ok('member', 'POST', `/proposals/${p.id}/actions/submit`, {});
    expect((await record('member')).entries.filter((e) => e.source.id === p.id).map((e) => e.kind)).toEqual(['proposalLead']);
    await ok('member', 'POST', `/proposals/${p.id}/actions/withdraw`, {});
    expect((await record('member')).entries.filter((e) => e.source.id === p.id)).toEqual([]);

    // Sent back to a draft: no longer handed in, until it is handed in anew.
    const q = await ok('member', 'POST', '/proposals', { title: '关于加强校园周边交通管理的提案', body: '建议加强管理。', kind: 'member' });
    await ok('member', 'POST', `/proposals/${q.id}/actions/submit`, {});
    await ok('staff', 'POST', `/proposals/${q.id}/actions/sendBack`, { reason: '请补充调研数据' });
    expect((await record('member')).entries.filter((e) => e.source.id === q.id)).toEqual([]);
    await ok('member', 'POST', `/proposals/${q.id}/actions/submit`, {});
    r = await record('member');
    expect(r.entries.filter((e) => e.source.id === q.id).map((e) => [e.kind, e.occurredOn])).toEqual([['proposalLead', today()]]);

    // Entries a withdrawal left behind before the records followed it go as the app starts, the totals with them.
    const [stale] = await t.database.db.insert(dutyEntries).values({ orgId: t.fx.orgId, memberId: zhang, kind: 'opinionSubmitted', key: `opinion.submit:${o.id}`,
      sourceType: 'opinion', sourceId: o.id, href: `/opinions/${o.id}`, title: '关于规范共享单车停放的建议', occurredOn: today(), year: YEAR }).returning();
    expect(stale).toBeTruthy();
    expect(await dropTakenBack(t.database.db)).toBe(1);
    expect(await dropTakenBack(t.database.db)).toBe(0);
    expect((await record('member')).entries.filter((e) => e.source.id === o.id)).toEqual([]);
  });

  it('names what each entry is for — the meeting\'s consultation, the proposal, the contact, the place — linked to its page', async () => {
    const r = await record('member');
    const of = (kind: string) => r.entries.filter((e) => e.kind === kind).map((e) => e.subject);
    expect(of('meetingSpeech')).toEqual([{ title: '关于完善托育服务的双月协商', href: expect.stringMatching(/^\/consultations\/[0-9a-f-]{36}\?tab=meeting$/), gone: false }]);
    expect(of('proposalCosign')).toContainEqual({ title: '关于完善社区养老服务的建议', href: `/proposals/${jointId}`, gone: false });
    expect(of('opinionSubmitted')).toContainEqual(expect.objectContaining({ title: '老旧小区加装电梯推进缓慢' }));
    expect(of('liaisonContact')[0]!.title).toContain('听取教育界委员意见');
    expect(of('creationActivity')).toContainEqual({ title: '青山村', href: '/creation/activities', gone: false });
    // 赵六's unexcused absence (the office's view) names the meeting he missed: −30 he may check.
    const absent = (await record('staff', t.fx.memberIds[3]!)).entries.filter((e) => e.kind === 'meetingAbsent');
    expect(absent.map((e) => e.subject.title)).toEqual(['关于促进夜间经济发展的双月协商']);
    // Every entry names something, but a pairing (its household is the office's to see: its kind says it).
    expect(r.entries.filter((e) => !e.subject.title).map((e) => `${e.kind}.${e.variant}`)).toEqual(['creationActivity.pairing']);
    // A record deleted since: still its title, marked, no link.
    const gone = crypto.randomUUID();
    await t.database.db.insert(dutyEntries).values({ orgId: t.fx.orgId, memberId: zhang, kind: 'proposalLead', key: `proposal.submit:${gone}`,
      sourceType: 'proposal', sourceId: gone, href: `/proposals/${gone}`, title: '已删除的提案', occurredOn: today(), year: YEAR });
    expect((await record('member')).entries.find((e) => e.source.id === gone)!.subject).toEqual({ title: '已删除的提案', href: null, gone: true });
    await t.database.db.delete(dutyEntries).where(and(eq(dutyEntries.orgId, t.fx.orgId), eq(dutyEntries.sourceId, gone)));
  });

  it('builds the same entries again from the module tables (backfill) and from the kept events (replay)', async () => {
    const snapshot = async () => (await t.database.db.select({ m: dutyEntries.memberId, key: dutyEntries.key, kind: dutyEntries.kind, on: dutyEntries.occurredOn })
      .from(dutyEntries).where(eq(dutyEntries.orgId, t.fx.orgId))).map((e) => `${e.m} ${e.key} ${e.kind} ${e.on}`).sort();
    const all = await snapshot();
    const totals = await list();
    await t.database.db.delete(dutyEntries).where(eq(dutyEntries.orgId, t.fx.orgId));
    const { added } = await ok('staff', 'POST', '/records/backfill');
    const fromTables = await snapshot();
    // the tables hold everything the events counted (the same keys), but the made-up event above (its payload is
    // all there is) and the absence counted as if the day had passed (for the tables it is still today)
    expect(fromTables).toEqual(all.filter((e) => !e.includes('meetingAttendance.signedIn:8e1f7f7e-') && !e.includes('meetingAttendance.absent:')));
    expect(added).toBe(fromTables.length);
    expect((await ok('staff', 'POST', '/records/backfill')).added).toBe(0);

    await t.database.db.delete(dutyEntries).where(eq(dutyEntries.orgId, t.fx.orgId));
    await replayEvents(t.database.db, t.fx.orgId);
    expect(await snapshot()).toEqual(all);
    expect(await list()).toEqual(totals);
    expect(jointId).toBeTruthy();
  });
});
