import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/server/core/db/client.ts';
import { MAX_EXPORT_ROWS } from '../src/server/core/xlsx.ts';
import { plusDays, today } from '../src/server/modules/handling/deadlines.ts';
import { apiAs, engines, expectProblem, opinionIn, sessionHeaders, testApp, type TestApp } from './helpers.ts';
import { cells, col, downloads } from './export-helpers.ts';
import { form } from './library-helpers.ts';

// The exports of the lists beyond proposals (core/list-export.ts): consultations, topics, the plan,
// recommendations, frontline rooms, library documents, sectors, committees, units, logins and
// 社情民意 reports. Each .xlsx and .csv holds what the caller's list holds — the same filters, the
// same read rule, the same masking — under a Chinese file name, at most MAX_EXPORT_ROWS rows.

const YEAR = 2031;

describe.each(engines)('exports of the other lists (%s)', (engine) => {
  let t: TestApp;
  const netizen: Record<string, string> = {};
  const get = async (url: string, login?: string) =>
    t.app.inject({ url: `/api/v1${url}`, headers: login === 'netizen' ? netizen : login ? await t.as(login) : {} });
  const { rowsOf, csv } = downloads(get);
  const { ok } = apiAs(() => t);
  /** A list's items as its JSON answers them to the caller (the first 100). */
  const listed = async (path: string, login?: string, paged = true) => {
    const res = await get(paged ? `${path}${path.includes('?') ? '&' : '?'}pageSize=100` : path, login);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as Record<string, unknown>[];
  };

  beforeAll(async () => {
    t = await testApp(engine, { LIBRARY_RENDER: 'text', JOBS_INTERVAL_SECONDS: 3600 });
    await ok('admin', 'POST', '/users', { username: 'netizen', password: t.fx.password, displayName: '热心网友', roles: ['public'] });
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'netizen', password: t.fx.password, org: t.fx.orgId } });
    expect(login.statusCode, login.body).toBe(200);
    Object.assign(netizen, sessionHeaders(login.cookies.find((c) => c.name === 'tx_session')!.value));
  }, 180_000);
  afterAll(async () => { await t?.close(); });

  it('exports consultations with the list\'s filters; the public get the public list, without the office\'s columns', async () => {
    await ok('staff', 'POST', '/consultations', { title: '仍在选题的界别协商', kind: 'sector', year: YEAR });
    const going = await ok('staff', 'POST', '/consultations', { title: '关于托育服务的双月协商', kind: 'bimonthly', year: YEAR, summary: '托育' });
    await ok('staff', 'POST', `/consultations/${going.id}/actions/prepare`, {});

    const staff = await rowsOf(`/consultations.xlsx?year=${YEAR}`, 'staff', '协商活动');
    expect(staff[0]).toEqual(['年度', '题目', '形式', '所处步骤', '召开日期', '网络议政', '逾期清单项', '更新时间', '简介']);
    expect(col(staff, '题目')).toEqual((await listed(`/consultations?year=${YEAR}`, 'staff')).map((c) => c.title));
    expect(col(staff, '题目')).toHaveLength(2);
    const bimonthly = await rowsOf(`/consultations.xlsx?year=${YEAR}&kind=bimonthly`, 'staff');
    expect(bimonthly.slice(1)).toEqual([[YEAR, '关于托育服务的双月协商', '双月专题协商座谈会', '标准式筹备', '', '', '', expect.any(String), '托育']]);

    // Past its topic step only: the one still at its topic is internal.
    for (const login of [undefined, 'netizen']) {
      const pub = await rowsOf(`/consultations.xlsx?year=${YEAR}`, login);
      expect(pub[0]).not.toContain('逾期清单项');
      expect(col(pub, '题目')).toEqual(['关于托育服务的双月协商']);
    }
    expect(col(await rowsOf(`/consultations.xlsx?year=${YEAR}&published=true`, 'staff'), '题目')).toEqual(['关于托育服务的双月协商']);
    expect(await csv(`/consultations.csv?year=${YEAR}`, 'staff', '协商活动')).toEqual(cells(staff));
    expect(expectProblem(await get('/consultations.xlsx?page=2', 'staff'), 400).errors).toEqual([{ path: '/querystring/page', message: '不认识的字段 page' }]);
  });

  it('exports topics: the public\'s proposer named and the answers shown to the committee\'s people only', async () => {
    await ok('member', 'POST', '/consultations/topics', { year: YEAR, title: '关于农村养老的协商', reason: '农村养老服务薄弱' });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/consultations/topics', headers: netizen, payload: { year: YEAR, title: '关于公交线路优化的建议', reason: '线路绕行' } });
    expect(res.statusCode, res.body).toBe(201);
    const declined = await ok('staff', 'POST', '/consultations/topics', { year: YEAR, title: '关于不宜协商的题目', reason: '理由' });
    await ok('staff', 'POST', `/consultations/topics/${declined.id}/actions/decline`, { answer: '已由政府专项推进' });

    const staff = await rowsOf(`/consultations/topics.xlsx?year=${YEAR}`, 'staff', '协商选题');
    expect(col(staff, '题目')).toEqual((await listed(`/consultations/topics?year=${YEAR}`, 'staff')).map((x) => x.title));
    const row = (rows: unknown[][], title: string) => rows.find((r) => r[1] === title)!;
    expect(row(staff, '关于公交线路优化的建议')[staff[0]!.indexOf('提出者姓名')]).toBe('热心网友');
    expect(row(staff, '关于不宜协商的题目')[staff[0]!.indexOf('答复')]).toBe('已由政府专项推进');
    expect(col(await rowsOf(`/consultations/topics.xlsx?year=${YEAR}&state=declined`, 'staff'), '题目')).toEqual(['关于不宜协商的题目']);

    // The public: the open topics only, the public proposer unnamed, no answers.
    const pub = await rowsOf(`/consultations/topics.xlsx?year=${YEAR}`);
    expect(col(pub, '题目').sort()).toEqual(['关于公交线路优化的建议', '关于农村养老的协商'].sort());
    expect(row(pub, '关于公交线路优化的建议')[pub[0]!.indexOf('提出者姓名')]).toBe('');
    expect(JSON.stringify(pub)).not.toContain('热心网友');
    expect(JSON.stringify(await rowsOf(`/consultations/topics.xlsx?year=${YEAR}`, 'netizen'))).not.toContain('已由政府专项推进');
  });

  it('exports a year\'s plan items to the committee\'s people', async () => {
    const year = YEAR + 1;
    await ok('staff', 'POST', '/consultations/plan/items', { year, kind: 'bimonthly', month: 6, topic: '医疗卫生', committeeId: t.fx.committeeId });
    await ok('staff', 'POST', '/consultations/plan/items', { year, kind: 'sector', month: 3, topic: '职业教育' });
    await ok('staff', 'POST', '/consultations/plan/items', { year: year + 1, kind: 'sector', month: 3, topic: '另一年' });
    const rows = await rowsOf(`/consultations/plan.xlsx?year=${year}`, 'member', '年度协商计划');
    expect(rows).toEqual([['月份', '形式', '议题', '牵头', '开展情况'], ['3月', '界别协商', '职业教育', '办公室', '未开展'], ['6月', '双月专题协商座谈会', '医疗卫生', '提案委员会', '未开展']]);
    expectProblem(await get(`/consultations/plan.xlsx?year=${year}`), 401);
    expectProblem(await get('/consultations/plan.csv', 'staff'), 400);
  });

  it('exports recommendations as each caller may read them: a unit only those assigned to it', async () => {
    const c = await ok('staff', 'POST', '/consultations', { title: '关于城市更新的协商', kind: 'bimonthly', year: YEAR });
    for (const a of ['prepare', 'convene', 'conclude']) await ok('staff', 'POST', `/consultations/${c.id}/actions/${a}`, {});
    const r1 = await ok('staff', 'POST', `/consultations/${c.id}/recommendations`, { title: '完善老旧小区改造', content: '建议……' });
    await ok('staff', 'POST', `/consultations/${c.id}/recommendations`, { title: '加强历史街区保护', content: '建议……' });
    await ok('staff', 'POST', `/recommendations/${r1.id}/actions/assign`, { units: [{ unitId: t.fx.unitIds.a, role: 'lead' }], dueDate: plusDays(today(), 30) });

    const staff = await rowsOf(`/recommendations.xlsx?consultationId=${c.id}`, 'staff', '协商建议');
    expect(col(staff, '建议')).toEqual((await listed(`/recommendations?consultationId=${c.id}`, 'staff')).map((r) => r.title));
    expect(col(staff, '建议').sort()).toEqual(['加强历史街区保护', '完善老旧小区改造'].sort());
    const assigned = await rowsOf(`/recommendations.xlsx?consultationId=${c.id}&state=assigned`, 'staff');
    expect(assigned.slice(1).map((r) => [r[2], r[3], r[4], r[5]])).toEqual([['完善老旧小区改造', '已交办', '市教育局', plusDays(today(), 30)]]);
    expect(col(await rowsOf('/recommendations.xlsx', 'unitA'), '建议')).toEqual(['完善老旧小区改造']);
    expect(await csv('/recommendations.csv', 'unitB', '协商建议')).toHaveLength(1);
    expectProblem(await get('/recommendations.xlsx'), 401);
  });

  it('exports the frontline rooms, all or mine', async () => {
    const [zhang, li] = t.fx.memberIds;
    await ok('staff', 'POST', '/consultations/rooms', { name: '测试区委员议事室', place: '区政协二楼', hostCountyOrgId: t.fx.countyId, memberIds: [zhang] });
    await ok('staff', 'POST', '/consultations/rooms', { name: '教育局委员议事室', hostUnitId: t.fx.unitIds.a, memberIds: [li] });
    const all = await rowsOf('/consultations/rooms.xlsx', 'staff', '委员议事室');
    expect(col(all, '名称')).toEqual((await listed('/consultations/rooms', 'staff', false)).map((r) => r.name));
    expect(all.slice(1).map((r) => r.slice(0, 5))).toEqual([['测试区委员议事室', '县（市、区）政协', '测试区政协', '区政协二楼', 1], ['教育局委员议事室', '市直部门', '市教育局', '', 1]]);
    expect(col(await rowsOf('/consultations/rooms.xlsx?mine=true', 'member'), '名称')).toEqual(['测试区委员议事室']);
    expectProblem(await get('/consultations/rooms.xlsx'), 401);
  });

  it('exports library documents as the caller may list them: the public\'s only, the uploader masked, no office columns', async () => {
    for (const [title, access] of [['公开的年度报告', 'public'], ['机关内部通知', 'staff']]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: await t.as('staff'), payload: form(Buffer.from(`${title}的正文。`, 'utf8'), 'a.txt', { title, access }) });
      expect(res.statusCode, res.body).toBe(201);
    }
    await t.app.library.runner.runDue();
    const staff = await rowsOf('/documents.xlsx', 'staff', '文库文档');
    expect(col(staff, '标题')).toEqual((await listed('/documents', 'staff')).map((d) => d.title));
    expect(col(staff, '标题').sort()).toEqual(['公开的年度报告', '机关内部通知'].sort());
    expect(col(staff, '上传者')).toEqual(['staff', 'staff']);
    expect(col(staff, '状态')).toEqual(['可阅读', '可阅读']);
    expect(col(await rowsOf('/documents.xlsx?format=pdf', 'staff'), '标题')).toEqual([]);

    for (const login of [undefined, 'member']) {
      const rows = await rowsOf('/documents.xlsx', login);
      expect(rows[0]).not.toContain('状态');
      expect(col(rows, '标题')).toEqual(['公开的年度报告']);
      expect(col(rows, '上传者')).toEqual((await listed('/documents', login)).map((d) => d.uploader));
      expect(col(rows, '上传者')[0]).not.toBe('staff');
    }
    expect(await csv('/documents.csv?q=' + encodeURIComponent('年度'), undefined, '文库文档')).toEqual(cells(await rowsOf('/documents.xlsx?q=' + encodeURIComponent('年度'))));
  });

  it('exports sectors, committees and units with their filters, within the caller\'s committee', async () => {
    const sectors = await rowsOf('/sectors.xlsx', 'member', '界别');
    expect(sectors).toEqual([['名称', '排序', '委员数', '在用'], ['教育界', 1, 2, '是'], ['经济界', 2, 2, '是']]);
    expect(col(sectors, '委员数')).toEqual((await listed('/sectors', 'member')).map((x) => x.memberCount));
    expect(col(await rowsOf('/sectors.xlsx', 'otherAdmin'), '名称')).toEqual(['教育界']);
    expect(col(await rowsOf(`/sectors.xlsx?q=${encodeURIComponent('经济')}`, 'staff'), '名称')).toEqual(['经济界']);
    expect(await rowsOf('/committees.xlsx', 'leader', '专门委员会')).toEqual([['名称', '在用'], ['提案委员会', '是']]);

    const gone = await ok('admin', 'POST', '/units', { name: '已撤并的局', kind: 'other' });
    await ok('admin', 'DELETE', `/units/${gone.id}`);
    expect(await rowsOf('/units.xlsx', 'unitA', '承办单位')).toEqual([['名称', '类别', '在用'], ['市卫健委', '政府部门', '是'], ['市教育局', '政府部门', '是']]);
    expect(col(await rowsOf('/units.xlsx?active=all', 'staff'), '在用')).toContain('已停用');
    expect(await csv('/units.csv?active=false', 'staff', '承办单位')).toEqual([['名称', '类别', '在用'], ['已撤并的局', '其他', '已停用']]);
    expectProblem(await get('/units.xlsx'), 401);
  });

  it('exports the logins to the admin only, each with its member or unit and never a password', async () => {
    const rows = await rowsOf('/users.xlsx', 'admin', '用户账号');
    expect(rows[0]).toEqual(['用户名', '姓名', '角色', '关联委员', '关联单位', '状态', '须改密码', '创建时间']);
    expect(col(rows, '用户名')).toEqual((await listed('/users', 'admin')).map((u) => u.username));
    const member = rows.find((r) => r[0] === 'member')!;
    expect(member.slice(2, 6)).toEqual(['委员', '张三', '', '在用']);
    expect(rows.find((r) => r[0] === 'unitA')!.slice(2, 5)).toEqual(['承办单位', '', '市教育局']);
    expect(JSON.stringify(rows)).not.toMatch(/argon2|otherAdmin/);
    expect(col(await rowsOf('/users.xlsx?q=unit', 'admin'), '用户名')).toEqual(['unitA', 'unitB']);
    expectProblem(await get('/users.xlsx', 'staff'), 403);
    expectProblem(await get('/users.csv', 'member'), 403);
  });

  it('exports 社情民意 reports: the office all handed in, a member their own', async () => {
    await opinionIn(t, 'submitted', '关于加装电梯的建议');
    await opinionIn(t, 'draft', '张三的草稿');
    const staff = await rowsOf('/opinions.xlsx', 'staff', '社情民意信息');
    expect(col(staff, '标题')).toEqual((await listed('/opinions', 'staff')).map((o) => o.title));
    expect(col(staff, '标题')).toEqual(['关于加装电梯的建议']);
    expect(col(staff, '状态')).toEqual(['待审核']);
    expect(col(await rowsOf('/opinions.xlsx', 'member'), '标题').sort()).toEqual(['关于加装电梯的建议', '张三的草稿'].sort());
    expect(col(await rowsOf('/opinions.xlsx?state=draft', 'member'), '标题')).toEqual(['张三的草稿']);
    expect(await rowsOf('/opinions.xlsx', 'member2')).toHaveLength(1);
  });

  it('exports the 五送 activities and honours: the office all of them, a member their own', async () => {
    const [zhang, li] = t.fx.memberIds;
    for (const [memberId, kind, place] of [[zhang, 'technology', '青山村'], [li, 'medicine', '绿水镇']]) {
      await ok('staff', 'POST', '/creation/activities', { kind, date: '2025-06-10', place, countyOrgId: t.fx.countyId, beneficiaries: 40, memberIds: [memberId], summary: '培训' });
    }
    await ok('staff', 'POST', '/creation/honours', { memberId: zhang, level: 'city', awardedBy: '市委市政府', title: '先进个人', date: '2025-10-01' });
    await ok('staff', 'POST', '/creation/honours', { memberId: li, level: 'provincial', awardedBy: '省委省政府', title: '劳动模范', date: '2025-05-01' });

    const all = await rowsOf('/creation/activities.xlsx?year=2025', 'staff', '五送活动');
    expect(col(all, '地点')).toEqual((await listed('/creation/activities?year=2025', 'staff')).map((a) => a.place));
    expect(col(all, '地点').sort()).toEqual(['绿水镇', '青山村'].sort());
    expect(col(await rowsOf('/creation/activities.xlsx?year=2025&kind=medicine', 'staff'), '类型')).toEqual(['送医疗']);
    expect(col(await rowsOf('/creation/activities.xlsx?year=2025', 'member'), '委员')).toEqual(['张三']);
    expect(col(await rowsOf('/creation/activities.xlsx?year=2024', 'staff'), '地点')).toEqual([]);

    const honours = await rowsOf('/creation/honours.xlsx?year=2025', 'leader', '委员荣誉');
    expect(honours.slice(1)).toEqual([['2025-10-01', '张三', '先进个人', '市级', '市委市政府', '测试区政协'], ['2025-05-01', '李四', '劳动模范', '省级', '省委省政府', '']]);
    expect(col(await rowsOf('/creation/honours.xlsx?level=provincial', 'staff'), '委员')).toEqual(['李四']);
    expect(col(await csv('/creation/honours.csv', 'member2', '委员荣誉'), '荣誉')).toEqual(['劳动模范']);
    expectProblem(await get('/creation/honours.xlsx', 'unitA'), 403);
  });

  it('exports 三个一 pairings (the household masked as the list masks it), the members taking part and the exchange meetings', async () => {
    const li = t.fx.memberIds[1]!;
    await ok('member', 'POST', '/creation/pairings', { householdName: '陈大明', householdPlace: '青山村', practicalThing: '协调危房改造', suggestion: '发展林下养殖', pairedOn: '2024-04-02' });
    await ok('staff', 'POST', '/creation/pairings', { memberId: li, householdName: '刘小红', householdPlace: '绿水镇', practicalThing: '就业', suggestion: '培训', pairedOn: '2024-03-01' });
    const staff = await rowsOf('/creation/pairings.xlsx?year=2024', 'staff', '三个一结对');
    expect(staff[0]).toEqual(['结对日期', '委员', '结对户', '住址', '所在县（区）', '办实事', '提建议']);
    expect(col(staff, '结对户')).toEqual((await listed('/creation/pairings?year=2024', 'staff')).map((p) => p.householdName));
    expect(col(staff, '结对户')).toEqual(['陈大明', '刘小红']);
    // A leader reads them masked; the member their own, in full.
    expect(col(await rowsOf('/creation/pairings.xlsx?year=2024', 'leader'), '结对户')).toEqual(['陈＊＊', '刘＊＊']);
    expect(col(await rowsOf('/creation/pairings.xlsx?year=2024', 'member'), '结对户')).toEqual(['陈大明']);
    expect(col(await rowsOf(`/creation/pairings.xlsx?memberId=${li}`, 'staff'), '委员')).toEqual(['李四']);
    expect(await csv('/creation/pairings.csv?year=2024', 'leader', '三个一结对')).toEqual(cells(await rowsOf('/creation/pairings.xlsx?year=2024', 'leader')));

    const people = await rowsOf('/creation/participants.xlsx?year=2024', 'staff', '投身双创的委员');
    expect(people[0]).toEqual(['委员', '所在县（区）', '项目数', '结对数', '五送活动数', '荣誉数']);
    expect(col(people, '委员')).toEqual((await listed('/creation/participants?year=2024', 'staff')).map((p) => p.name));
    expect(col(people, '委员').sort()).toEqual(['张三', '李四'].sort());
    expect(col(people, '结对数')).toEqual([1, 1]);
    expect(col(await rowsOf('/creation/participants.xlsx?year=2024', 'member'), '委员')).toEqual(['张三']);
    expect(await csv('/creation/participants.csv?honoured=true', 'staff', '投身双创的委员')).toEqual(cells(await rowsOf('/creation/participants.xlsx?honoured=true', 'staff')));

    await ok('staff', 'POST', '/creation/exchanges', { date: '2024-11-20', place: '会议室', topic: '双创经验交流', attendees: 30, countyOrgId: t.fx.countyId });
    const exchanges = await rowsOf('/creation/exchanges.xlsx?year=2024', 'leader', '双创经验交流会');
    expect(exchanges[0]).toEqual(['日期', '地点', '主题', '参加人数', '所在县（区）']);
    expect(col(exchanges, '主题')).toEqual((await listed('/creation/exchanges?year=2024', 'leader')).map((e) => e.topic));
    expect(exchanges.slice(1)).toEqual([['2024-11-20', '会议室', '双创经验交流', 30, '测试区政协']]);
    expect(col(await rowsOf('/creation/exchanges.xlsx?year=2023', 'staff'), '主题')).toEqual([]);
    expect(await csv('/creation/exchanges.csv?year=2024', 'staff', '双创经验交流会')).toEqual(cells(exchanges));
    expectProblem(await get('/creation/pairings.xlsx', 'unitA'), 403);
  });

  it('exports the audit log to admins: who did what to which object, filtered by object', async () => {
    const unit = await ok('admin', 'POST', '/units', { name: '审计用的局', kind: 'court' });
    await ok('admin', 'DELETE', `/units/${unit.id}`);
    const rows = await rowsOf('/audit.xlsx?entity=unit', 'admin', '操作日志');
    expect(rows[0]).toEqual(['时间', '操作人', '操作', '对象类型', '对象', '对象编号']);
    const logged = await listed('/audit?entity=unit', 'admin');
    expect(col(rows, '对象编号')).toEqual(logged.map((a) => a.entityId));
    // In China time (UTC+8), as the office reads it, not UTC.
    const [at] = logged.map((a) => new Date(Date.parse(a.at as string) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' '));
    expect(col(rows, '时间')[0]).toBe(at);
    // Named as the office reads them (core/audit/names.ts), not by their ids.
    expect(col(rows, '操作')).toEqual(expect.arrayContaining(['新增', '停用']));
    expect(new Set(col(rows, '对象类型'))).toEqual(new Set(['承办单位']));
    expect(col(rows, '操作人')).toContain('admin');
    expect(col(await rowsOf(`/audit.xlsx?entity=unit&entityId=${unit.id}`, 'admin'), '操作')).toEqual(['停用', '新增']);
    expectProblem(await get('/audit.xlsx', 'staff'), 403);
  });

  // Last: it adds thousands of sectors.
  it('exports 双联 contacts, written reports and 双联见面会: each caller what their list holds', async () => {
    const [zhang, li] = t.fx.memberIds as [string, string];
    const link = async (memberId: string) => {
      const { sectorId } = await ok('staff', 'GET', `/members/${memberId}`);
      return (await ok('staff', 'POST', '/liaison/links', { year: 2025, kind: 'masses', fromMemberId: memberId, sectorId })).id as string;
    };
    const [zhangs, lis] = [await link(zhang), await link(li)];
    await ok('staff', 'POST', `/liaison/links/${zhangs}/contacts`, { date: '2025-05-01', channel: 'faceToFace', participants: '界别群众', topics: '社区养老', policyTalk: true, massesReached: 12, opinions: ['建议增设养老驿站'] });
    await ok('staff', 'POST', `/liaison/links/${lis}/contacts`, { date: '2025-06-01', channel: 'phone', participants: '界别群众', topics: '学前教育' });

    const staff = await rowsOf('/liaison/contacts.xlsx?year=2025', 'staff', '双联联系记录');
    expect(staff[0]).toEqual(['日期', '方式', '联系类型', '联系人', '联系对象', '参加人员', '内容', '政策宣讲', '群众人次', '意见建议条数', '解决问题']);
    expect(col(staff, '内容')).toEqual((await listed('/liaison/contacts?year=2025', 'staff')).map((c) => c.topics));
    expect(col(staff, '内容')).toEqual(['学前教育', '社区养老']);
    expect(staff[2]).toEqual(['2025-05-01', '见面', '委员联系界别群众', '张三', expect.any(String), '界别群众', '社区养老', '是', 12, 1, '']);
    expect(col(await rowsOf(`/liaison/contacts.xlsx?linkId=${lis}`, 'staff'), '方式')).toEqual(['电话']);
    // A member: the contacts on their own links only.
    const own = await rowsOf('/liaison/contacts.xlsx?year=2025', 'member');
    expect(col(own, '内容')).toEqual((await listed('/liaison/contacts?year=2025', 'member')).map((c) => c.topics));
    expect(col(own, '联系人')).not.toContain('李四');
    expect(await csv('/liaison/contacts.csv?year=2025', 'staff', '双联联系记录')).toEqual(cells(staff));

    await ok('staff', 'PUT', '/liaison/reports', { year: 2025, body: '张三的年度双联报告', memberId: zhang });
    await ok('staff', 'PUT', '/liaison/reports', { year: 2025, body: '李四的年度双联报告', memberId: li });
    const reports = await rowsOf('/liaison/reports.xlsx?year=2025', 'staff', '2025年双联书面报告');
    expect(reports[0]).toEqual(['委员', '年度', '提交时间', '附件', '报告内容']);
    const listedReports = (await get('/liaison/reports?year=2025', 'staff')).json() as { body: string }[];
    expect(col(reports, '报告内容')).toEqual(listedReports.map((r) => r.body));
    expect(col(reports, '报告内容')).toHaveLength(2);
    expect(col(await rowsOf('/liaison/reports.xlsx?year=2025', 'member'), '报告内容')).toEqual(['张三的年度双联报告']);
    expect(col(await rowsOf('/liaison/reports.xlsx?year=2024', 'staff'), '委员')).toEqual([]);
    expect(await csv('/liaison/reports.csv?year=2025', 'member', '2025年双联书面报告')).toEqual(cells(await rowsOf('/liaison/reports.xlsx?year=2025', 'member')));

    const terms = (await get('/terms', 'admin')).json().items as { sessions: { id: string; startsOn: string }[] }[];
    const sessionId = terms.flatMap((x) => x.sessions).find((x) => x.startsOn === '2025-01-10')!.id;
    await ok('staff', 'POST', '/liaison/meetings', { date: '2025-01-11', place: '会议中心', sessionId, attendeeIds: [zhang, li], topics: ['履职交流', '界别协商'], opinions: [{ memberId: li, content: '建议' }] });
    const meetings = await rowsOf('/liaison/meetings.xlsx?year=2025', 'member', '双联见面会');
    expect(meetings[0]).toEqual(['日期', '地点', '会议', '出席委员数', '意见建议条数', '议题']);
    expect(col(meetings, '地点')).toEqual((await listed('/liaison/meetings?year=2025', 'member', false)).map((m) => m.place));
    expect(meetings.slice(1)).toEqual([['2025-01-11', '会议中心', expect.stringMatching(/^第\d+届第\d+次会议$/), 2, 1, '履职交流；界别协商']]);
    expect(col(await rowsOf('/liaison/meetings.xlsx?year=2024', 'staff'), '地点')).toEqual([]);
    expect(await csv('/liaison/meetings.csv?year=2025', 'staff', '双联见面会')).toEqual(cells(meetings));
    expectProblem(await get('/liaison/meetings.xlsx?year=2025', 'unitA'), 403);
  });

  it('exports the party groups, their activities, the people behind the figures, campaigns and ideas', async () => {
    const zhang = t.fx.memberIds[0]!;
    const office = await ok('staff', 'POST', '/party/groups', { kind: 'officeCommittee', name: '机关党委' });
    const branch = await ok('staff', 'POST', '/party/groups', { kind: 'branch', name: '第一支部', parentId: office.id });
    const cadre = await ok('staff', 'POST', `/party/groups/${branch.id}/members`, { name: '王干事', role: '书记' });
    const member = await ok('staff', 'POST', `/party/groups/${branch.id}/members`, { memberId: zhang });
    await ok('staff', 'POST', `/party/groups/${branch.id}/activities`, { kind: 'lecture', date: '2025-05-01', topic: '专题党课', attendeeIds: [cadre.id, member.id] });
    await ok('staff', 'POST', `/party/groups/${office.id}/activities`, { kind: 'themeDay', date: '2025-07-01', topic: '主题党日', attendeeIds: [cadre.id] });

    const groups = await rowsOf('/party/groups.xlsx', 'staff', '党组织');
    expect(groups[0]).toEqual(['名称', '类型', '上级组织', '专委会', '所在县（区）', '人数', '状态']);
    expect(col(groups, '名称')).toEqual((await listed('/party/groups', 'staff', false)).map((g) => g.name));
    expect((await rowsOf('/party/groups.xlsx?kind=branch', 'staff')).slice(1)).toEqual([['第一支部', '党支部', '机关党委', '', '', 2, '在册']]);
    expect(await csv('/party/groups.csv', 'leader', '党组织')).toEqual(cells(await rowsOf('/party/groups.xlsx', 'leader')));
    expectProblem(await get('/party/groups.xlsx', 'member'), 403);

    const acts = await rowsOf('/party/activities.xlsx?from=2025-01-01&to=2025-12-31', 'staff', '党组织活动');
    expect(acts[0]).toEqual(['日期', '类型', '党组织', '主题', '参加人数', '参加人员']);
    expect(col(acts, '主题')).toEqual((await listed('/party/activities?from=2025-01-01&to=2025-12-31', 'staff')).map((a) => a.topic));
    expect(acts.slice(1)).toEqual([['2025-07-01', '主题党日', '机关党委', '主题党日', 1, '王干事'], ['2025-05-01', '党课', '第一支部', '专题党课', 2, expect.stringContaining('王干事')]]);
    expect(col(await rowsOf(`/party/activities.xlsx?groupId=${branch.id}`, 'staff'), '主题')).toEqual(['专题党课']);
    // A member: mine=true, the ones they attended; without it, refused as the list is.
    expect(col(await rowsOf('/party/activities.xlsx?mine=true', 'member'), '主题')).toEqual(['专题党课']);
    expectProblem(await get('/party/activities.xlsx', 'member'), 403);

    const people = await rowsOf('/party/people.xlsx?scope=office', 'staff', '机关党员');
    expect(col(people, '姓名').sort()).toEqual((await listed('/party/people?scope=office', 'staff', false)).map((p) => p.name).sort());
    expect(col(people, '姓名')).toHaveLength(2);
    expect(await csv('/party/people.csv?scope=linked&year=2025', 'staff', '2025年被联系的党外委员')).toEqual(cells(await rowsOf('/party/people.xlsx?scope=linked&year=2025', 'staff')));

    const campaign = await ok('staff', 'POST', '/campaigns', { title: '我为发展献一计', theme: '围绕发展建言', opensOn: '2025-01-01', closesOn: today() });
    await ok('member', 'POST', `/campaigns/${campaign.id}/ideas`, { title: '张三的一计', content: '建议内容' });
    const idea = await ok('member2', 'POST', `/campaigns/${campaign.id}/ideas`, { title: '另一计', content: '另一条建议' });
    await ok('staff', 'POST', `/campaigns/ideas/${idea.id}/adopt`, { adoptedBy: '市委' });
    const campaigns = await rowsOf('/campaigns.xlsx', 'member', '献计活动');
    expect(campaigns[0]).toEqual(['主题', '开始日期', '截止日期', '状态', '金点子数', '采纳数', '说明']);
    expect(col(campaigns, '主题')).toEqual((await listed('/campaigns', 'member', false)).map((k) => k.title));
    expect(campaigns.find((r) => r[0] === '我为发展献一计')).toEqual(['我为发展献一计', '2025-01-01', today(), '征集中', 2, 1, '围绕发展建言']);
    expect(await csv('/campaigns.csv', 'staff', '献计活动')).toEqual(cells(await rowsOf('/campaigns.xlsx', 'staff')));

    const ideas = await rowsOf(`/campaigns/${campaign.id}/ideas.xlsx`, 'staff', '我为发展献一计金点子');
    expect(ideas[0]).toEqual(['提交日期', '委员', '题目', '采纳', '采纳单位', '采纳日期', '内容']);
    expect(col(ideas, '题目')).toEqual((await listed(`/campaigns/${campaign.id}/ideas`, 'staff')).map((i) => i.title));
    expect(col(await rowsOf(`/campaigns/${campaign.id}/ideas.xlsx?adopted=true`, 'staff'), '采纳单位')).toEqual(['市委']);
    // A member: their own ideas only.
    expect(col(await rowsOf(`/campaigns/${campaign.id}/ideas.xlsx`, 'member'), '题目')).toEqual(['张三的一计']);
    expect(await csv(`/campaigns/${campaign.id}/ideas.csv`, 'member', '我为发展献一计金点子')).toEqual(cells(await rowsOf(`/campaigns/${campaign.id}/ideas.xlsx`, 'member')));
    expectProblem(await get(`/campaigns/${crypto.randomUUID()}/ideas.xlsx`, 'staff'), 404);
    expectProblem(await get('/campaigns/x/ideas.xlsx', 'staff'), 400);
  });

  it('exports the terms, one row each with its sessions, to the committee\'s people', async () => {
    const rows = await rowsOf('/terms.xlsx', 'member', '届次');
    expect(rows[0]).toEqual(['届次', '起始年份', '结束年份', '本届', '全体会议']);
    const listed = (await get('/terms', 'member')).json().items as { number: number; sessions: { startsOn: string }[] }[];
    expect(col(rows, '届次')).toEqual(listed.map((x) => `第${x.number}届`));
    expect(String(col(rows, '全体会议').join('；'))).toContain('2025-01-10');
    expect(await csv('/terms.csv', 'staff', '届次')).toEqual(cells(await rowsOf('/terms.xlsx', 'staff')));
    expectProblem(await get('/terms.xlsx'), 401);
  });

  it(`holds at most ${MAX_EXPORT_ROWS} rows, and says so when more matched`, { timeout: 120_000 }, async () => {
    await queryRows(t.database.db, sql`insert into sectors (org_id, name, sort)
      select ${t.fx.orgId}, '测试界别' || n, 100 from generate_series(1, ${MAX_EXPORT_ROWS}) n returning 1`);
    const rows = await rowsOf(`/sectors.xlsx?q=${encodeURIComponent('界')}`, 'staff');
    expect(rows).toHaveLength(1 + MAX_EXPORT_ROWS + 2);
    expect(rows.at(-1)).toEqual([`仅导出前 ${MAX_EXPORT_ROWS} 条（共 ${MAX_EXPORT_ROWS + 2} 条），请缩小筛选范围后分批导出。`]);
    expect(await rowsOf(`/sectors.xlsx?q=${encodeURIComponent('经济')}`, 'staff')).toHaveLength(2);
  });
});
