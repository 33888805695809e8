import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { day, engines, expectProblem, opinionIn, proposalIn, snapshotter, testApp, type TestApp } from './helpers.ts';
import { today } from '../src/server/modules/handling/deadlines.ts';

// 社情民意信息: a member writes a report, staff review, edit, approve (numbered), forward it, and
// record adoptions and leaders' 批示; quotas per member and the year's figures.

const BODY = '近期群众反映，部分老旧小区加装电梯工作推进缓慢，审批环节多、协调难度大。建议简化审批流程，建立街道协调机制。';
const YEAR = Number(today().slice(0, 4));

describe.each(engines)('public-opinion reports (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await testApp(engine, { JOBS_INTERVAL_SECONDS: 3600 }); });
  afterAll(async () => { await t?.close(); });

  const req = async (login: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url: encodeURI(`/api/v1${url}`), headers: await t.as(login), ...(payload ? { payload } : {}) });
  const ok = async (login: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
    const res = await req(login, method, url, payload);
    if (res.statusCode >= 300) throw new Error(`${login} ${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const act = (login: string, id: string, action: string, body: object = {}) => ok(login, 'POST', `/opinions/${id}/actions/${action}`, body);
  const refused = async (status: number, login: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
    await t.as(login); // (a first login writes its session)
    const snap = snapshotter(t);
    const before = await snap();
    const problem = expectProblem(await req(login, method, url, payload), status);
    expect(await snap(), `${login} ${method} ${url} changed nothing`).toEqual(before);
    return problem;
  };
  const actions = async (login: string, id: string) => (await ok(login, 'GET', `/opinions/${id}/actions`)).map((a: { action: string }) => a.action);
  const todos = async (login: string) => (await ok(login, 'GET', '/todos')).items as { kind: string; title: string; href: string }[];

  it('goes from a member\'s draft to adopted with 批示, each step by its own user and in the history', async () => {
    // 张三 drafts, edits and submits.
    const draft = await ok('member', 'POST', '/opinions', { title: '关于老旧小区加装电梯的建议', body: BODY });
    expect(draft).toMatchObject({ state: 'draft', authorName: '张三', number: null, adoptions: [], instructions: [], bodyLength: [...BODY].length });
    expect(await actions('member', draft.id)).toEqual(['submit', 'withdraw']);
    await ok('member', 'PATCH', `/opinions/${draft.id}`, { title: '关于加快老旧小区加装电梯的建议' });
    // A member's draft is theirs alone until submitted.
    await refused(404, 'staff', 'GET', `/opinions/${draft.id}`);
    expect((await ok('staff', 'GET', '/opinions')).items.map((o: { id: string }) => o.id)).not.toContain(draft.id);
    expect((await act('member', draft.id, 'submit')).state).toBe('submitted');

    // Staff find it in their to-dos, edit it while reviewing, and send it back for revision.
    expect(await todos('staff')).toContainEqual(expect.objectContaining({ kind: 'opinionReview', title: '待审核的社情民意信息 1 篇', href: '/opinions/review' }));
    expect(await actions('staff', draft.id)).toEqual(['approve', 'return', 'reject']);
    expect(await actions('leader', draft.id)).toEqual([]);
    await ok('staff', 'PATCH', `/opinions/${draft.id}`, { body: `${BODY}（已核实）` });
    const returned = await act('staff', draft.id, 'return', { reason: '请补充涉及小区的数量' });
    expect(returned).toMatchObject({ state: 'returned', decisionReason: '请补充涉及小区的数量' });
    expect(await todos('member')).toContainEqual(expect.objectContaining({ kind: 'opinionReturned', title: '修改后重新提交社情民意：关于加快老旧小区加装电梯的建议', href: `/opinions/${draft.id}` }));

    // 张三 revises and submits again; staff approve with their edit and a signer: numbered.
    await ok('member', 'PATCH', `/opinions/${draft.id}`, { body: `${BODY}全区尚有 120 个小区未加装。` });
    await act('member', draft.id, 'submit');
    const approved = await act('staff', draft.id, 'approve', { body: `${BODY}全区尚有120个小区未加装电梯。`, signer: '王秘书长' });
    expect(approved).toMatchObject({ state: 'approved', number: 1, numberYear: YEAR, numberLabel: `社情民意〔${YEAR}〕第1期`, signer: '王秘书长', body: `${BODY}全区尚有120个小区未加装电梯。` });
    expect(await todos('staff')).toContainEqual(expect.objectContaining({ kind: 'opinionForward', title: '待报送的社情民意信息 1 篇', href: '/opinions/review?tab=approved' }));

    // Forwarded to the city's party committee and government; adopted at two levels; two 批示.
    const forwarded = await act('staff', draft.id, 'forward', { bodies: ['市委办公室', '市政府办公室'], date: day(-3) });
    expect(forwarded).toMatchObject({ state: 'forwarded', forwardedTo: ['市委办公室', '市政府办公室'], forwardedOn: day(-3) });
    await act('staff', draft.id, 'adopt', { level: 'city', adoptedBy: '市政府办公室', date: day(-2), note: '编入《政务信息》' });
    await act('staff', draft.id, 'adopt', { level: 'province', adoptedBy: '省政协办公厅', date: day(-1) });
    await act('leader', draft.id, 'instruct', { leaderName: '李明', leaderPosition: '市长', level: 'city', date: day(-1), content: '请住建局牵头研究落实。' });
    const adopted = await act('staff', draft.id, 'instruct', { leaderName: '张华', leaderPosition: '副省长', level: 'province', date: day(0), content: '此建议很好，请省住建厅研究。' });
    expect(adopted.state).toBe('adopted');
    expect(adopted.adoptions).toEqual([
      expect.objectContaining({ level: 'city', adoptedBy: '市政府办公室', date: day(-2), note: '编入《政务信息》' }),
      expect.objectContaining({ level: 'province', adoptedBy: '省政协办公厅', date: day(-1), note: null }),
    ]);
    expect(adopted.instructions.map((i: { leaderPosition: string; level: string }) => [i.leaderPosition, i.level])).toEqual([['市长', 'city'], ['副省长', 'province']]);

    // 张三 sees it adopted, with the adoptions and the 批示, and was told at each step.
    const seen = await ok('member', 'GET', `/opinions/${draft.id}`);
    expect(seen).toMatchObject({ state: 'adopted', numberLabel: `社情民意〔${YEAR}〕第1期` });
    expect(seen.adoptions).toHaveLength(2);
    const listed = (await ok('member', 'GET', '/opinions?mine=true')).items.find((o: { id: string }) => o.id === draft.id);
    expect(listed).toMatchObject({ adoptionCount: 2, topLevel: 'province', instructionCount: 2, year: YEAR });
    const notes = (await ok('member', 'GET', '/notifications')).items.map((n: { title: string }) => n.title);
    for (const title of ['社情民意信息被退回修改', `社情民意信息已编发（社情民意〔${YEAR}〕第1期）`, '社情民意信息已报送市委办公室、市政府办公室', '社情民意信息被省政协办公厅采用（省级）', '社情民意信息获副省长张华批示']) {
      expect(notes.some((n: string) => n.startsWith(title)), title).toBe(true);
    }

    // The history: every step and edit, in order, with notes.
    const history = await ok('staff', 'GET', `/opinions/${draft.id}/history`);
    expect(history.map((h: { action: string }) => h.action)).toEqual(
      ['created', 'edited', 'submit', 'edited', 'return', 'edited', 'submit', 'edited', 'approve', 'forward', 'adopt', 'adopt', 'instruct', 'instruct']);
    expect(history.map((h: { from: string | null; to: string | null }) => `${h.from}>${h.to}`).slice(2, 9))
      .toEqual(['draft>submitted', 'submitted>submitted', 'submitted>returned', 'returned>returned', 'returned>submitted', 'submitted>submitted', 'submitted>approved']);
    expect(history.map((h: { note: string | null }) => h.note)).toEqual([
      null, '修改了标题', null, '工作人员编辑：正文', '请补充涉及小区的数量', '修改了正文', null, '审核时编辑：正文',
      `社情民意〔${YEAR}〕第1期；签发：王秘书长`, '报送市委办公室、市政府办公室', '市级 · 市政府办公室采用', '省级 · 省政协办公厅采用',
      '市长李明批示：请住建局牵头研究落实。', '副省长张华批示：此建议很好，请省住建厅研究。']);
    expect(history[12]).toMatchObject({ actorName: 'leader', from: 'adopted', to: 'adopted' });
  });

  it('numbers approved reports one after another within the year', async () => {
    const before = (await ok('staff', 'GET', `/opinions?year=${YEAR}&pageSize=200`)).items.filter((o: { number: number | null }) => o.number).length;
    const ids = [await opinionIn(t, 'submitted', '编号一'), await opinionIn(t, 'submitted', '编号二')];
    const numbers = [];
    for (const id of ids) numbers.push((await act('staff', id, 'approve')).number);
    expect(numbers).toEqual([before + 1, before + 2]);
  });

  it('refuses a body over the committee\'s limit with 422 naming body, and applies a changed limit', async () => {
    expect(await ok('member', 'GET', '/opinions/settings')).toEqual({ bodyLimit: 1500, quota: { standing: 3, member: 1 } });
    const p = await refused(422, 'member', 'POST', '/opinions', { title: '超长', body: '字'.repeat(1501) });
    expect(p.errors.map((e) => e.path)).toEqual(['/body']);
    const exact = await ok('member', 'POST', '/opinions', { title: '刚好', body: '字'.repeat(1500) });
    expect(exact.bodyLength).toBe(1500);
    // Characters, not bytes or UTF-16 units.
    await ok('member', 'PATCH', `/opinions/${exact.id}`, { body: '𠀀'.repeat(1500) });
    expect((await refused(422, 'member', 'PATCH', `/opinions/${exact.id}`, { body: '字'.repeat(1501) })).errors[0]!.path).toBe('/body');

    const submitted = await opinionIn(t, 'submitted', '审核时超长');
    expect((await refused(422, 'staff', 'POST', `/opinions/${submitted}/actions/approve`, { body: '字'.repeat(1501) })).errors[0]!.path).toBe('/body');

    // A lower limit: longer drafts may no longer be submitted (409 with the reason), new ones are refused.
    await refused(403, 'staff', 'PATCH', '/opinions/settings', { bodyLimit: 1000 });
    expect(await ok('admin', 'PATCH', '/opinions/settings', { bodyLimit: 1000 })).toEqual({ bodyLimit: 1000, quota: { standing: 3, member: 1 } });
    expect(await actions('member', exact.id)).toEqual(['withdraw']);
    expect((await refused(409, 'member', 'POST', `/opinions/${exact.id}/actions/submit`)).detail).toContain('1000');
    await refused(422, 'member', 'POST', '/opinions', { title: '超长', body: '字'.repeat(1001) });
    await ok('admin', 'PATCH', '/opinions/settings', { bodyLimit: 1500 });
    expect((await act('member', exact.id, 'submit')).state).toBe('submitted');
  });

  it('answers 409 to each action or edit in a state that does not allow it, changing nothing', async () => {
    const [draft, submitted, returned, approved, forwarded, adopted] = [
      await ok('staff', 'POST', '/opinions', { title: '代录草稿', body: BODY, authorMemberId: t.fx.memberIds[1] }).then((o) => o.id as string),
      await opinionIn(t, 'submitted', '状态-已提交'), await opinionIn(t, 'returned', '状态-退回'), await opinionIn(t, 'approved', '状态-已编发'),
      await opinionIn(t, 'forwarded', '状态-已报送'), await opinionIn(t, 'adopted', '状态-已采用'),
    ];
    const withdrawn = await opinionIn(t, 'submitted', '状态-撤回');
    await act('member', withdrawn, 'withdraw');
    const rejected = await opinionIn(t, 'submitted', '状态-不予采用');
    await act('staff', rejected, 'reject', { reason: '内容与已编发信息重复' });
    const bodies: Record<string, object> = {
      approve: {}, return: { reason: '退回' }, reject: { reason: '不用' }, forward: { bodies: ['市委办公室'], date: day(-1) },
      adopt: { level: 'county', adoptedBy: '区政府', date: day(-1) }, instruct: { leaderName: '某', leaderPosition: '区长', level: 'county', date: day(-1), content: '阅' },
      submit: {}, withdraw: {},
    };
    const cases: [string, string, string][] = [
      // staff's actions on reports they may read but whose state is wrong
      ['staff', draft, 'approve'], ['staff', draft, 'return'], ['staff', draft, 'reject'], ['staff', draft, 'forward'], ['staff', draft, 'adopt'], ['staff', draft, 'instruct'],
      ['staff', submitted, 'forward'], ['staff', submitted, 'adopt'], ['staff', submitted, 'instruct'], ['leader', submitted, 'instruct'],
      ['staff', returned, 'approve'], ['staff', returned, 'return'], ['staff', returned, 'reject'],
      ['staff', approved, 'approve'], ['staff', approved, 'reject'], ['staff', approved, 'adopt'], ['staff', approved, 'instruct'],
      ['staff', forwarded, 'forward'], ['staff', forwarded, 'approve'], ['staff', adopted, 'forward'], ['staff', adopted, 'return'],
      ['staff', withdrawn, 'approve'], ['staff', rejected, 'approve'], ['staff', rejected, 'forward'],
      // the author's actions
      ['member', submitted, 'submit'], ['member', approved, 'submit'], ['member', approved, 'withdraw'], ['member', forwarded, 'withdraw'],
      ['member', adopted, 'withdraw'], ['member', withdrawn, 'submit'], ['member', withdrawn, 'withdraw'], ['member', rejected, 'submit'],
    ];
    for (const [login, id, action] of cases) await refused(409, login, 'POST', `/opinions/${id}/actions/${action}`, bodies[action]);
    // Edits: the author only while draft or returned, staff only while under review or approved.
    for (const id of [submitted, approved, forwarded, adopted, withdrawn, rejected]) await refused(409, 'member', 'PATCH', `/opinions/${id}`, { title: '改' });
    for (const id of [returned, forwarded, adopted, withdrawn, rejected]) await refused(409, 'staff', 'PATCH', `/opinions/${id}`, { title: '改' });
  });

  it('answers 404 for reports that are not the caller\'s to read, and 403 for actions not theirs', async () => {
    const draft = await opinionIn(t, 'draft', '权限-草稿');
    const submitted = await opinionIn(t, 'submitted', '权限-已提交');
    const returned = await opinionIn(t, 'returned', '权限-退回');
    const forwarded = await opinionIn(t, 'forwarded', '权限-已报送');
    // Another member, a unit, another committee: as if it did not exist.
    for (const login of ['member2', 'unitA', 'otherStaff', 'otherAdmin']) {
      for (const id of [draft, submitted]) {
        await refused(404, login, 'GET', `/opinions/${id}`);
        await refused(404, login, 'GET', `/opinions/${id}/history`);
        await refused(404, login, 'PATCH', `/opinions/${id}`, { title: '改' });
        await refused(404, login, 'POST', `/opinions/${id}/actions/withdraw`);
      }
      expect((await ok(login, 'GET', '/opinions')).items.map((o: { id: string }) => o.id)).not.toContain(submitted);
    }
    // Readers of the office who may not take this step.
    await refused(403, 'leader', 'POST', `/opinions/${submitted}/actions/approve`);
    await refused(403, 'admin', 'POST', `/opinions/${submitted}/actions/return`, { reason: '退回' });
    await refused(403, 'leader', 'POST', `/opinions/${submitted}/actions/withdraw`);
    await refused(403, 'staff', 'POST', `/opinions/${returned}/actions/submit`);
    await refused(403, 'member', 'POST', `/opinions/${submitted}/actions/approve`);
    await refused(403, 'member', 'POST', `/opinions/${forwarded}/actions/instruct`, { leaderName: '某', leaderPosition: '市长', level: 'city', date: day(-1), content: '阅' });
    await refused(403, 'admin', 'POST', `/opinions/${forwarded}/actions/adopt`, { level: 'city', adoptedBy: '市政府', date: day(-1) });
    await refused(403, 'leader', 'PATCH', `/opinions/${submitted}`, { title: '改' });
    await refused(403, 'admin', 'PATCH', `/opinions/${submitted}`, { title: '改' });
    // Writing for someone else is the office's.
    await refused(403, 'member', 'POST', '/opinions', { title: '代写', body: BODY, authorMemberId: t.fx.memberIds[1] });
    await refused(403, 'unitA', 'POST', '/opinions', { title: '单位', body: BODY });
    await refused(403, 'admin', 'POST', '/opinions', { title: '管理员', body: BODY, authorMemberId: t.fx.memberIds[1] });
    // Dates of adoption and 批示 lie in the past.
    expect((await refused(422, 'staff', 'POST', `/opinions/${forwarded}/actions/adopt`, { level: 'city', adoptedBy: '市政府', date: day(2) })).errors[0]!.path).toBe('/date');
  });

  it('lets staff enter a report for a member, who then sees it as theirs', async () => {
    expect((await refused(422, 'staff', 'POST', '/opinions', { title: '无作者', body: BODY })).errors[0]!.path).toBe('/authorMemberId');
    expect((await refused(422, 'staff', 'POST', '/opinions', { title: '外市委员', body: BODY, authorMemberId: t.fx.otherMemberId })).errors[0]!.path).toBe('/authorMemberId');
    const o = await ok('staff', 'POST', '/opinions', { title: '王五委员书面报送的信息', body: BODY, authorMemberId: t.fx.memberIds[2] });
    expect(o).toMatchObject({ state: 'draft', authorName: '王五', authorMemberId: t.fx.memberIds[2], enteredByStaff: true });
    expect(await actions('staff', o.id)).toEqual(['submit', 'withdraw']);
    expect((await ok('staff', 'GET', '/opinions?mine=true')).items.map((x: { id: string }) => x.id)).toContain(o.id);
    expect((await act('staff', o.id, 'submit')).state).toBe('submitted');
    expect((await act('staff', o.id, 'approve')).state).toBe('approved');
    expect((await ok('staff', 'GET', `/opinions/${o.id}/history`))[0]).toMatchObject({ action: 'created', note: '工作人员代委员录入' });
  });

  it('tells the committee\'s staff of a handed-in report, but not its author or the one who entered it', async () => {
    const notices = async (login: string, title: string) =>
      (await ok(login, 'GET', '/notifications?pageSize=200')).items.filter((n: { title: string }) => n.title.endsWith(title));
    const submitted = await opinionIn(t, 'submitted', '通知用：关于公交线路优化的建议');
    expect(await notices('staff', '通知用：关于公交线路优化的建议')).toEqual([expect.objectContaining({
      kind: 'opinionReview', title: '新的社情民意信息待审核：通知用：关于公交线路优化的建议', body: '作者：张三', href: `/opinions/${submitted}`,
    })]);
    expect(await notices('member', '通知用：关于公交线路优化的建议')).toEqual([]);
    expect(await notices('otherStaff', '通知用：关于公交线路优化的建议')).toEqual([]);
    const revised = await opinionIn(t, 'returned', '通知用：退回后重新提交');
    await act('member', revised, 'submit');
    expect((await notices('staff', '通知用：退回后重新提交')).map((n: { title: string }) => n.title))
      .toEqual(['修改后重新提交的社情民意信息待审核：通知用：退回后重新提交', '新的社情民意信息待审核：通知用：退回后重新提交']);

    // A paper report entered by one staff member: the other staff are told, the one entering it is not.
    await ok('admin', 'POST', '/users', { username: 'staff2', password: t.fx.password, roles: ['staff'] });
    const entered = await ok('staff', 'POST', '/opinions', { title: '通知用：王五书面报送', body: BODY, authorMemberId: t.fx.memberIds[2] });
    await act('staff', entered.id, 'submit');
    expect((await notices('staff2', '通知用：王五书面报送')).map((n: { title: string }) => n.title)).toEqual(['新的社情民意信息待审核：通知用：王五书面报送']);
    expect(await notices('staff', '通知用：王五书面报送')).toEqual([]);
  });

  it('makes a converted proposal a draft the member completes and submits', async () => {
    const proposal = await proposalIn(t, 'submitted', '关于小区停车难的提案');
    await ok('staff', 'POST', `/proposals/${proposal}/actions/convert`, { to: 'opinion', reason: '适合以社情民意反映' });
    await t.app.outbox.kick();
    const [made] = (await ok('member', 'GET', '/opinions?mine=true&q=小区停车难')).items;
    expect(made).toMatchObject({ state: 'draft', sourceProposalId: proposal, authorName: '张三', title: '关于小区停车难的提案' });
    expect(await todos('member')).toContainEqual(expect.objectContaining({ kind: 'opinionConverted', title: '完善并提交社情民意（由提案转来）：关于小区停车难的提案', href: `/opinions/${made.id}` }));
    // The office made this draft, so it sees it; it is still the member's to edit and submit.
    expect((await ok('staff', 'GET', `/opinions/${made.id}`)).state).toBe('draft');
    expect(await actions('staff', made.id)).toEqual([]);
    await refused(409, 'staff', 'PATCH', `/opinions/${made.id}`, { title: '改' });
    await ok('member', 'PATCH', `/opinions/${made.id}`, { title: '关于缓解小区停车难的建议' });
    expect((await act('member', made.id, 'submit')).state).toBe('submitted');
    expect((await todos('member')).map((x) => x.href)).not.toContain(`/opinions/${made.id}`);
  });

  it('filters the list by state, year, text and mine', async () => {
    const id = await opinionIn(t, 'forwarded', '筛选用：关于河道保洁的建议');
    const list = async (login: string, query: string) => (await ok(login, 'GET', `/opinions?pageSize=200&${query}`)).items.map((o: { id: string }) => o.id);
    expect(await list('staff', 'state=forwarded')).toContain(id);
    expect(await list('staff', 'state=submitted&state=approved')).not.toContain(id);
    expect(await list('staff', `year=${YEAR}&q=河道保洁`)).toEqual([id]);
    expect(await list('staff', `year=${YEAR - 1}&q=河道保洁`)).toEqual([]);
    expect(await list('staff', 'q=张三')).toContain(id);
    expect(await list('staff', 'mine=true')).not.toContain(id);
    expect(await list('member', 'mine=true&q=河道')).toEqual([id]);
    expect(await list('leader', `authorMemberId=${t.fx.memberIds[0]}&q=河道`)).toEqual([id]);
  });
});

// Quotas and statistics on a committee of their own, so that every figure is known.
describe.each(engines)('quotas and statistics of public-opinion reports (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await testApp(engine, { JOBS_INTERVAL_SECONDS: 3600 }); });
  afterAll(async () => { await t?.close(); });

  const ok = async (login: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url: encodeURI(`/api/v1${url}`), headers: await t.as(login), ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`${login} ${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const quota = async (login: string) => (await ok(login, 'GET', '/opinions/quota')).member;

  it('counts each member\'s handed-in reports against the quota of standing members and members', async () => {
    // 张三 is a standing member (3 a year), 李四 a member (1), the staff login no member's.
    expect(await quota('member')).toMatchObject({ name: '张三', standing: true, quota: 3, submitted: 0, adopted: 0, met: false });
    expect(await quota('member2')).toMatchObject({ name: '李四', standing: false, quota: 1, submitted: 0, met: false });
    expect(await ok('staff', 'GET', '/opinions/quota')).toEqual({ year: YEAR, member: null });

    await opinionIn(t, 'draft', '配额-草稿');
    const withdrawn = await opinionIn(t, 'submitted', '配额-撤回');
    await ok('member', 'POST', `/opinions/${withdrawn}/actions/withdraw`, {});
    expect((await quota('member')).submitted).toBe(0);
    await opinionIn(t, 'submitted', '配额-一');
    await opinionIn(t, 'adopted', '配额-二');
    expect(await quota('member')).toMatchObject({ submitted: 2, adopted: 1, met: false });
    await opinionIn(t, 'returned', '配额-三'); // handed in, back for revision: still counts
    expect(await quota('member')).toMatchObject({ submitted: 3, met: true });

    // The quotas are the committee's to set; last year's figures are apart.
    await ok('admin', 'PATCH', '/opinions/settings', { quota: { standing: 4 } });
    expect(await quota('member')).toMatchObject({ quota: 4, met: false });
    expect((await ok('member', 'GET', `/opinions/quota?year=${YEAR - 1}`)).member).toMatchObject({ submitted: 0, quota: 4 });
    await ok('admin', 'PATCH', '/opinions/settings', { quota: { standing: 3 } });
  });

  it('gives the year\'s figures computed from the reports', async () => {
    // What the previous test left, plus: 李四's report adopted at county and national level with a 批示,
    // a report of 张三's not used, one entered for 王五 and approved.
    const li = (await ok('member2', 'POST', '/opinions', { title: '统计-李四', body: BODY })).id as string;
    await ok('member2', 'POST', `/opinions/${li}/actions/submit`, {});
    await ok('staff', 'POST', `/opinions/${li}/actions/approve`, {});
    await ok('staff', 'POST', `/opinions/${li}/actions/forward`, { bodies: ['区委办公室', '全国政协办公厅'], date: day(-5) });
    await ok('staff', 'POST', `/opinions/${li}/actions/adopt`, { level: 'county', adoptedBy: '区政府', date: day(-4) });
    await ok('staff', 'POST', `/opinions/${li}/actions/adopt`, { level: 'national', adoptedBy: '全国政协办公厅', date: day(-3) });
    await ok('leader', 'POST', `/opinions/${li}/actions/instruct`, { leaderName: '赵明', leaderPosition: '区委书记', level: 'county', date: day(-2), content: '请区政府办理。' });
    const unused = await opinionIn(t, 'submitted', '统计-不予采用');
    await ok('staff', 'POST', `/opinions/${unused}/actions/reject`, { reason: '已有同类信息' });
    const wang = (await ok('staff', 'POST', '/opinions', { title: '统计-王五', body: BODY, authorMemberId: t.fx.memberIds[2] })).id as string;
    await ok('staff', 'POST', `/opinions/${wang}/actions/submit`, {});
    await ok('staff', 'POST', `/opinions/${wang}/actions/approve`, {});

    const stats = await ok('leader', 'GET', `/opinions/stats?year=${YEAR}`);
    // Reports: 张三 draft, withdrawn, submitted, adopted, returned, not used; 李四 adopted; 王五 approved.
    expect(stats.byState).toEqual({ draft: 1, submitted: 1, returned: 1, approved: 1, forwarded: 0, adopted: 2, rejected: 1, withdrawn: 1 });
    expect(stats).toMatchObject({
      year: YEAR, received: 6, issued: 3, adoptedReports: 2, instructedReports: 1,
      adoptions: 3, adoptionsByLevel: { county: 1, city: 1, province: 0, national: 1 },
      instructions: 1, instructionsByLevel: { county: 1, city: 0, province: 0, national: 0 },
    });
    expect(stats.members).toMatchObject({ total: 4, withReports: 3, quotaMet: 3 });
    expect(stats.members.items.map((m: { name: string; submitted: number; adopted: number; instructed: number; quota: number; met: boolean }) =>
      [m.name, m.submitted, m.adopted, m.instructed, m.quota, m.met])).toEqual([
      ['张三', 4, 1, 0, 3, true], ['李四', 1, 1, 1, 1, true], ['王五', 1, 0, 0, 1, true], ['赵六', 0, 0, 0, 3, false],
    ]);

    // The same figures, counted from the list the office reads.
    const all = (await ok('staff', 'GET', `/opinions?year=${YEAR}&pageSize=200`)).items as { state: string; adoptionCount: number; instructionCount: number; number: number | null }[];
    expect(all.filter((o) => o.adoptionCount > 0)).toHaveLength(stats.adoptedReports);
    expect(all.reduce((s, o) => s + o.adoptionCount, 0)).toBe(stats.adoptions);
    expect(all.reduce((s, o) => s + o.instructionCount, 0)).toBe(stats.instructions);
    expect(all.filter((o) => o.number)).toHaveLength(stats.issued);
    // Another year has none of them.
    expect((await ok('staff', 'GET', `/opinions/stats?year=${YEAR - 1}`))).toMatchObject({ received: 0, adoptions: 0, instructions: 0, members: { withReports: 0 } });
  });
});
