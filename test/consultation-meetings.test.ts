import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../src/server/core/schema.ts';
import { plusDays, today } from '../src/server/modules/handling/deadlines.ts';
import { consultationMeetings } from '../src/server/modules/consultations/schema.ts';
import { codeIsValid, currentCode, workingDaysBefore } from '../src/server/modules/consultations/meeting-rules.ts';
import { apiAs, engines, expectProblem, multipart, snapshotter, testApp, type TestApp } from './helpers.ts';

// 双协: the meeting of a consultation — agenda, invitations and their to-dos, leave, sign-in with the
// rotating code, speeches, minutes — and the 八个一 deliverables, through HTTP.

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const FAKE_PDF = Buffer.from('just some text pretending to be a PDF');

describe.each(engines)('consultation meetings (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(engine);
    for (const u of ['staff', 'admin', 'member', 'member2', 'leader', 'unitA', 'otherStaff']) await t.as(u); // (a first login writes: not in the snapshots)
  }, 180_000);
  afterAll(async () => { await t?.close(); });
  const { call, ok } = apiAs(() => t);
  const upload = async (user: string, url: string, file: Buffer, name: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, ...multipart(file, name, await t.as(user)) });
  const events = async (type: string) => {
    await t.app.outbox.kick();
    return (await t.database.db.select({ payload: outbox.payload }).from(outbox).where(and(eq(outbox.orgId, t.fx.orgId), eq(outbox.type, type))).orderBy(asc(outbox.id))).map((r) => r.payload as Record<string, unknown>);
  };
  const todos = async (user: string) => (await ok(user, 'GET', '/todos')).items as { kind: string; params: Record<string, string>; href: string }[];
  let n = 0;
  /** A consultation in `consulting` with a meeting on `date`, 张三 speaking second. */
  const meeting = async (date: string) => {
    const c = await ok('staff', 'POST', '/consultations', { title: `关于推进城乡教育均衡发展${++n}`, kind: 'bimonthly', year: 2031 });
    for (const a of ['prepare', 'convene']) await ok('staff', 'POST', `/consultations/${c.id}/actions/${a}`, {});
    const m = await ok('staff', 'PUT', `/consultations/${c.id}/meeting`, { date, time: '09:00', place: '政协三楼会议室', agenda: [
      { time: '09:00', title: '通报调研情况', speaker: '教科卫体委员会' },
      { time: '09:20', title: '委员发言', speakerMemberId: t.fx.memberIds[0] },
    ] });
    return { id: c.id as string, m };
  };

  it('counts the deadlines in working days before the meeting: weekends and listed holidays do not count', async () => {
    expect(workingDaysBefore('2031-06-16', 1)).toBe('2031-06-13'); // Monday → the Friday before
    expect(workingDaysBefore('2031-06-16', 15)).toBe('2031-05-26');
    const { id, m } = await meeting('2031-06-16');
    expect(m).toMatchObject({ date: '2031-06-16', time: '09:00', invitationsBy: '2031-05-26', materialsBy: '2031-06-02' });
    expect(m.agenda.map((a: { speakerName: string }) => a.speakerName)).toEqual(['教科卫体委员会', '张三']);
    // The speaker is on the list, not yet invited.
    expect(m.invitees).toMatchObject([{ name: '张三', invitedAt: null, reply: 'pending' }]);
    expectProblem(await call('staff', 'PATCH', '/consultations/meeting-settings', { holidays: ['2031-06-02'] }), 403);
    await ok('admin', 'PATCH', '/consultations/meeting-settings', { holidays: ['2031-06-02'], invitationDays: 5 });
    expect(await ok('member', 'GET', `/consultations/${id}/meeting`)).toMatchObject({ invitationsBy: '2031-06-09', materialsBy: '2031-05-30' });
    await ok('admin', 'PATCH', '/consultations/meeting-settings', { holidays: [], invitationDays: 15 });
  });

  it('invites members by hand, by sector and the standing committee; invitations become to-dos; leave is granted or refused', async () => {
    const { id } = await meeting(plusDays(today(), 30));
    const [zhang, li, wang, zhao] = t.fx.memberIds as [string, string, string, string];
    expectProblem(await call('member', 'POST', `/consultations/${id}/meeting/invitations`, {}), 403);
    let added = await ok('staff', 'POST', `/consultations/${id}/meeting/invitees`, { sectorIds: [t.fx.sectorIds[0]] });
    expect(added.added).toBe(1); // 王五 (张三 speaks: already there)
    added = await ok('staff', 'POST', `/consultations/${id}/meeting/invitees`, { standing: true, memberIds: [li] });
    expect(added.meeting.invitees.map((i: { memberId: string }) => i.memberId).sort()).toEqual([zhang, li, wang, zhao].sort());
    expectProblem(await call('staff', 'POST', `/consultations/${id}/meeting/invitees`, { memberIds: [t.fx.otherMemberId] }), 422);
    const removed = await ok('staff', 'POST', `/consultations/${id}/meeting/invitees/remove`, { memberIds: [zhao] });
    expect(removed.removed).toBe(1);
    // Not invited yet: nothing to answer.
    expect((await todos('member')).filter((x) => x.kind === 'meetingInvitation')).toEqual([]);
    expectProblem(await call('member', 'POST', `/consultations/${id}/meeting/reply`, { answer: 'attend' }), 404);

    const sent = await ok('staff', 'POST', `/consultations/${id}/meeting/invitations`, {});
    expect(sent.sent).toBe(3);
    expectProblem(await call('staff', 'POST', `/consultations/${id}/meeting/invitations`, {}), 409);
    for (const user of ['member', 'member2']) {
      expect((await todos(user)).filter((x) => x.kind === 'meetingInvitation').map((x) => x.href)).toEqual(['/meetings']);
      const notes = (await ok(user, 'GET', '/notifications?pageSize=100')).items as { kind: string }[];
      expect(notes.filter((x) => x.kind === 'meetingInvitation')).toHaveLength(1);
    }
    const mine = await ok('member', 'GET', '/consultations/invitations');
    expect(mine.find((x: { consultationId: string }) => x.consultationId === id)).toMatchObject({ reply: 'pending', speaker: true, place: '政协三楼会议室' });

    // 张三 attends: his to-do is answered.
    await ok('member', 'POST', `/consultations/${id}/meeting/reply`, { answer: 'attend' });
    expect((await todos('member')).filter((x) => x.kind === 'meetingInvitation' && x.params.title.endsWith(String(n)))).toEqual([]);
    // 李四 asks for leave: a reason is needed; staff see it to decide.
    expectProblem(await call('member2', 'POST', `/consultations/${id}/meeting/reply`, { answer: 'leave' }), 422);
    await ok('member2', 'POST', `/consultations/${id}/meeting/reply`, { answer: 'leave', reason: '出差在外' });
    expect((await todos('staff')).filter((x) => x.kind === 'meetingLeave')).toMatchObject([{ params: { name: '李四' }, href: `/consultations/${id}?tab=meeting` }]);
    // Others see who asked, not why.
    const seenByMember = await ok('member', 'GET', `/consultations/${id}/meeting`);
    expect(seenByMember.invitees.find((i: { memberId: string }) => i.memberId === li)).not.toHaveProperty('leaveReason');
    expectProblem(await call('member', 'POST', `/consultations/${id}/meeting/leave`, { memberId: li, approve: true }), 403);
    const approved = await ok('staff', 'POST', `/consultations/${id}/meeting/leave`, { memberId: li, approve: true, note: '同意' });
    expect(approved.invitees.find((i: { memberId: string }) => i.memberId === li)).toMatchObject({ leaveState: 'approved', attendance: 'excused', leaveReason: '出差在外' });
    expect(approved.counts).toMatchObject({ excused: 1, attending: 1 });
    expectProblem(await call('staff', 'POST', `/consultations/${id}/meeting/leave`, { memberId: li, approve: false }), 409);
    expect((await todos('staff')).filter((x) => x.kind === 'meetingLeave')).toEqual([]);
    expect((await ok('member2', 'GET', '/notifications?pageSize=100')).items.filter((x: { kind: string }) => x.kind === 'meetingLeaveApproved')).toHaveLength(1);
    expect((await events('meetingLeave.approved')).find((e) => e.consultationId === id)).toMatchObject({ memberIds: [li], occurredOn: plusDays(today(), 30) });
    const history = (await ok('staff', 'GET', `/consultations/${id}/history`)) as { action: string }[];
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['meetingScheduled', 'inviteesAdded', 'inviteesRemoved', 'invited']));

    // 王五 asks too, and is refused: he is told, and must answer again.
    const wangLogin = await ok('admin', 'POST', '/users', { username: `wang${n}`, password: t.fx.password, roles: ['member'], memberId: wang });
    expect(wangLogin.id).toBeDefined();
    t.fx.orgOf[`wang${n}`] = t.fx.orgId;
    await ok(`wang${n}`, 'POST', `/consultations/${id}/meeting/reply`, { answer: 'leave', reason: '家中有事' });
    const refused = await ok('staff', 'POST', `/consultations/${id}/meeting/leave`, { memberId: wang, approve: false, note: '请尽量参加' });
    expect(refused.invitees.find((i: { memberId: string }) => i.memberId === wang)).toMatchObject({ leaveState: 'refused', reply: 'pending', attendance: 'open' });
    expect((await ok(`wang${n}`, 'GET', '/notifications?pageSize=100')).items.filter((x: { kind: string }) => x.kind === 'meetingLeaveRefused')).toHaveLength(1);
    expect((await todos(`wang${n}`)).filter((x) => x.kind === 'meetingInvitation')).toHaveLength(1);
    expect((await events('meetingLeave.refused')).find((e) => e.consultationId === id)).toMatchObject({ memberIds: [wang] });
  });

  it('signs a member in only with the code shown now (or the one before): a wrong or stale code, or no code, records nothing', async () => {
    const day = plusDays(today(), 10);
    const { id } = await meeting(day);
    // The list says the day it is set for, before it is held.
    const listed = (await ok('staff', 'GET', '/consultations?pageSize=200')).items.find((c: { id: string }) => c.id === id);
    expect(listed).toMatchObject({ heldOn: null, meetingOn: day });
    await ok('staff', 'POST', `/consultations/${id}/meeting/invitees`, { memberIds: [t.fx.memberIds[1]!] });
    await ok('staff', 'POST', `/consultations/${id}/meeting/invitations`, {});
    expectProblem(await call('member', 'GET', `/consultations/${id}/meeting/sign-in-code`), 403);
    const screen = await ok('staff', 'GET', `/consultations/${id}/meeting/sign-in-code`);
    expect(screen).toMatchObject({ invited: 2, present: 0, periodSeconds: 60, path: `/meetings/${id}/sign-in?code=${screen.code}` });
    expect(screen.code).toMatch(/^\d{6}$/);
    const [{ secret }] = await t.database.db.select({ secret: consultationMeetings.codeSecret }).from(consultationMeetings).where(eq(consultationMeetings.consultationId, id)) as [{ secret: string }];
    // At any moment the code shown and the one before are taken, no older one (checked at a fixed moment: no race with the clock).
    const moment = Date.parse('2031-06-16T01:30:30Z');
    expect([0, 60_000, 120_000].map((ago) => codeIsValid(secret, currentCode(secret, moment - ago).code, moment))).toEqual([true, true, false]);
    const stale = currentCode(secret, Date.now() - 5 * 60_000).code;
    const wrong = String((Number(currentCode(secret).code) + 500_000) % 1_000_000).padStart(6, '0');

    const snap = snapshotter(t);
    let before = await snap();
    // Before the meeting's day no one is signed in or ticked present, with the right code or by staff.
    expect(expectProblem(await call('member', 'POST', `/consultations/${id}/meeting/sign-in`, { code: currentCode(secret).code }), 409).detail).toContain('当天起才能签到');
    expectProblem(await call('staff', 'POST', `/consultations/${id}/meeting/attendance`, { memberId: t.fx.memberIds[1], present: true }), 409);
    expect(await snap()).toEqual(before);
    // (the day comes)
    await t.database.db.update(consultationMeetings).set({ meetingOn: today() }).where(eq(consultationMeetings.consultationId, id));
    before = await snap();
    for (const code of [wrong, stale]) expect(expectProblem(await call('member', 'POST', `/consultations/${id}/meeting/sign-in`, { code }), 422).errors[0]!.path).toBe('/code');
    expectProblem(await call('member', 'POST', `/consultations/${id}/meeting/sign-in`, {}), 400);
    // No self-marking: the attendance list is the staff's.
    expectProblem(await call('member', 'POST', `/consultations/${id}/meeting/attendance`, { memberId: t.fx.memberIds[0], present: true }), 403);
    // A member not invited cannot sign in, code or not.
    expectProblem(await call('leader', 'POST', `/consultations/${id}/meeting/sign-in`, { code: currentCode(secret).code }), 404);
    expect(await snap()).toEqual(before);

    // 张三 had asked for leave and came after all: signing in withdraws the request still waiting.
    await ok('member', 'POST', `/consultations/${id}/meeting/reply`, { answer: 'leave', reason: '临时有事' });
    await ok('member', 'POST', `/consultations/${id}/meeting/sign-in`, { code: currentCode(secret).code });
    await ok('member', 'POST', `/consultations/${id}/meeting/sign-in`, { code: currentCode(secret).code }); // again: nothing new
    const zhang = (await ok('staff', 'GET', `/consultations/${id}/meeting`)).invitees.find((i: { memberId: string }) => i.memberId === t.fx.memberIds[0]);
    expect(zhang).toMatchObject({ reply: 'attend', leaveState: null, attendance: 'present' });
    expect((await ok('staff', 'GET', `/consultations/${id}/meeting/sign-in-code`)).present).toBe(1);
    const marked = await ok('staff', 'POST', `/consultations/${id}/meeting/attendance`, { memberId: t.fx.memberIds[1], present: true });
    expect(marked.invitees.map((i: { name: string; signedInHow: string; attendance: string }) => [i.name, i.signedInHow, i.attendance]))
      .toEqual([['李四', 'staff', 'present'], ['张三', 'code', 'present']]);
    expectProblem(await call('staff', 'POST', `/consultations/${id}/meeting/attendance`, { memberId: t.fx.memberIds[2], present: true }), 422);
    const signedIn = (await events('meetingAttendance.signedIn')).filter((e) => e.consultationId === id);
    expect(signedIn.map((e) => [e.memberIds, e.occurredOn, e.how])).toEqual([[[t.fx.memberIds[0]], today(), 'code'], [[t.fx.memberIds[1]], today(), 'staff']]);
    // Each member's attendance goes by its own id, the same each time (the duty record counts it once).
    expect(new Set(signedIn.map((e) => e.id)).size).toBe(2);
    await ok('staff', 'POST', `/consultations/${id}/meeting/attendance`, { memberId: t.fx.memberIds[1], present: false });
    await ok('staff', 'POST', `/consultations/${id}/meeting/attendance`, { memberId: t.fx.memberIds[1], present: true });
    const again = (await events('meetingAttendance.signedIn')).filter((e) => e.consultationId === id);
    expect(again.at(-1)!.id).toBe(signedIn[1]!.id);
    expect((await events('meetingAttendance.cleared')).filter((e) => e.consultationId === id).map((e) => e.id)).toEqual([signedIn[1]!.id]);
  });

  it('takes speeches from the speakers (or staff), materials and minutes as documents checked by their content', async () => {
    const { id } = await meeting(plusDays(today(), 5));
    const speech = await upload('member', `/consultations/${id}/meeting/speeches`, PDF, '我的发言.pdf');
    expect(speech.statusCode, speech.body).toBe(201);
    expect(speech.json()).toMatchObject({ filename: '我的发言.pdf', mime: 'application/pdf' });
    const snap = snapshotter(t);
    const before = await snap();
    expectProblem(await upload('member', `/consultations/${id}/meeting/speeches`, FAKE_PDF, '发言.pdf'), 400);
    expectProblem(await upload('member2', `/consultations/${id}/meeting/speeches`, PDF, '发言.pdf'), 403); // not a speaker
    expectProblem(await upload('staff', `/consultations/${id}/meeting/speeches?memberId=${t.fx.memberIds[1]}`, PDF, '发言.pdf'), 422);
    expectProblem(await upload('member', `/consultations/${id}/meeting/materials`, PDF, '材料.pdf'), 403);
    expectProblem(await upload('staff', `/consultations/${id}/meeting/materials`, FAKE_PDF, '材料.pdf'), 400);
    // Minutes come after the meeting.
    expectProblem(await call('staff', 'PUT', `/consultations/${id}/meeting/minutes`, { text: '会议纪要' }), 409);
    expectProblem(await upload('staff', `/consultations/${id}/meeting/minutes/file`, PDF, '纪要.pdf'), 409);
    // …and so does 协商完成.
    expect(expectProblem(await call('staff', 'POST', `/consultations/${id}/actions/conclude`, {}), 409).detail).toContain(`会议定于 ${plusDays(today(), 5)} 召开，尚未召开`);
    expect(await snap()).toEqual(before);
    expect((await upload('staff', `/consultations/${id}/meeting/speeches?memberId=${t.fx.memberIds[0]}`, PDF, '代传发言.pdf')).statusCode).toBe(201);
    expect((await upload('staff', `/consultations/${id}/meeting/materials`, PDF, '调研报告.pdf')).statusCode).toBe(201);

    await ok('staff', 'PUT', `/consultations/${id}/meeting`, { date: plusDays(today(), -1), time: '14:30', place: '政协三楼会议室', agenda: [{ time: '14:30', title: '委员发言', speakerMemberId: t.fx.memberIds[0] }] });
    await ok('staff', 'PUT', `/consultations/${id}/meeting/minutes`, { text: '会议听取了调研情况通报，6 位委员发言。' });
    const minutesFile = await upload('staff', `/consultations/${id}/meeting/minutes/file`, PDF, '纪要.pdf');
    expect(minutesFile.statusCode).toBe(201);
    // Concluded without a day: held on its meeting's.
    expect(await ok('staff', 'POST', `/consultations/${id}/actions/conclude`, {})).toMatchObject({ state: 'assigning', heldOn: plusDays(today(), -1) });
    const m = await ok('unitA', 'GET', `/consultations/${id}/meeting`);
    expect(m).toMatchObject({ minutes: '会议听取了调研情况通报，6 位委员发言。', minutesFile: { filename: '纪要.pdf' }, materials: [{ filename: '调研报告.pdf' }] });
    expect(m.speeches.map((s: { filename: string; name: string }) => [s.filename, s.name])).toEqual([['我的发言.pdf', '张三'], ['代传发言.pdf', '张三']]);
    const file = await call('member2', 'GET', `/consultations/${id}/files/${m.minutesFile.id}`);
    expect([file.statusCode, file.headers['content-type'], file.rawPayload.equals(PDF)]).toEqual([200, 'application/pdf', true]);
    expectProblem(await call('otherStaff', 'GET', `/consultations/${id}/files/${m.minutesFile.id}`), 404);
    const added = (await events('meetingSpeech.added')).filter((e) => e.consultationId === id);
    expect(added.map((e) => [e.memberIds, e.occurredOn])).toEqual([[[t.fx.memberIds[0]], plusDays(today(), 5)], [[t.fx.memberIds[0]], plusDays(today(), 5)]]);
  });

  it('gives each of the 八个一 its deliverable (the item then under way), and marks an item done only with one', async () => {
    const c = await ok('staff', 'POST', '/consultations', { title: '专题议政性常委会议（清单）', kind: 'standing', year: 2031 });
    const patch = (body: object) => call('staff', 'PATCH', `/consultations/${c.id}/checklist`, body);
    expect(expectProblem(await patch({ key: 'researchReport', state: 'done' }), 422).errors[0]!.path).toBe('/state');
    expectProblem(await upload('staff', `/consultations/${c.id}/checklist/deliverable?key=researchReport`, FAKE_PDF, '报告.pdf'), 400);
    expectProblem(await upload('member', `/consultations/${c.id}/checklist/deliverable?key=researchReport`, PDF, '报告.pdf'), 403);
    expectProblem(await upload('staff', `/consultations/${c.id}/checklist/deliverable?key=nothing`, PDF, '报告.pdf'), 400);
    const res = await upload('staff', `/consultations/${c.id}/checklist/deliverable?key=researchReport`, PDF, '调研报告.pdf');
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json().checklist.find((i: { key: string }) => i.key === 'researchReport');
    // Not begun before, under way once its deliverable is in.
    expect(item).toMatchObject({ state: 'doing', deliverable: { filename: '调研报告.pdf', mime: 'application/pdf' } });
    expect((await patch({ key: 'researchReport', state: 'done' })).statusCode).toBe(200);
    const got = await call('leader', 'GET', `/consultations/${c.id}/files/${item.deliverable.id}`);
    expect(got.rawPayload.equals(PDF)).toBe(true);
  });
});
