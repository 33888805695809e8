import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, converted, day, engines, expectProblem, proposalIn, testApp, type TestApp } from './helpers.ts';
import { cells, col, downloads } from './export-helpers.ts';

// The exports of the office's remaining lists (core/list-export.ts): extension requests, member
// letters, the recommendations' 督办看板 and measures, a consultation's comments (the moderation
// queue) and inspection visits, and the committees below. Each .xlsx and .csv holds what the
// caller's list holds — the same filters, the same read rule — and a caller who may not read the
// list gets the list's refusal.

const YEAR = 2032;

describe.each(engines)('exports of the office\'s lists (%s)', (engine) => {
  let t: TestApp;
  const get = async (url: string, login?: string) => t.app.inject({ url: `/api/v1${url}`, headers: login ? await t.as(login) : {} });
  const { rowsOf, csv } = downloads(get);
  const { ok } = apiAs(() => t);
  const refused = async (status: number, url: string, logins: (string | undefined)[]) => {
    for (const login of logins) expectProblem(await get(url, login), status);
  };

  beforeAll(async () => { t = await testApp(engine, { JOBS_INTERVAL_SECONDS: 3600 }); }, 180_000);
  afterAll(async () => { await t?.close(); });

  it('exports the pending extension requests to the office, oldest first', async () => {
    await proposalIn(t, 'extensionAsked', '关于延期办理的提案甲');
    await proposalIn(t, 'extensionAsked', '关于延期办理的提案乙');
    const listed = (await ok('staff', 'GET', '/proposals/extensions')).items as { title: string; unitName: string }[];
    const rows = await rowsOf('/proposals/extensions.xlsx', 'staff', '延期申请');
    expect(rows[0]).toEqual(['提案', '承办单位', '现答复期限', '申请延至', '理由', '申请时间']);
    expect(col(rows, '提案')).toEqual(listed.map((x) => x.title));
    expect(col(rows, '提案')).toEqual(['关于延期办理的提案甲', '关于延期办理的提案乙']);
    expect(col(rows, '申请延至')).toEqual([day(120), day(120)]);
    expect(col(rows, '承办单位')).toEqual(listed.map((x) => x.unitName));
    expect(col(rows, '理由')).toEqual(['需要跨部门协调', '需要跨部门协调']);
    expect(await csv('/proposals/extensions.csv', 'leader', '延期申请')).toEqual(cells(rows));
    await refused(403, '/proposals/extensions.xlsx', ['member', 'unitA']);
    await refused(401, '/proposals/extensions.csv', [undefined]);
    expect(await rowsOf('/proposals/extensions.xlsx', 'otherStaff')).toEqual([rows[0]]);
  });

  it('exports member letters: the office all, a member only theirs', async () => {
    await converted(t, 'letters', '关于社区停车的来信');
    const staff = await rowsOf('/letters.xlsx', 'staff', '委员来信');
    expect(staff[0]).toEqual(['标题', '来信人', '状态', '由提案转来', '收到时间', '正文']);
    expect(col(staff, '标题')).toEqual(((await ok('staff', 'GET', '/letters?pageSize=100')).items as { title: string }[]).map((l) => l.title));
    expect(col(staff, '标题')).toEqual(['关于社区停车的来信']);
    expect(col(staff, '由提案转来')).toEqual(['是']);
    expect(col(await rowsOf('/letters.xlsx', 'member'), '标题')).toEqual(['关于社区停车的来信']);
    expect(await rowsOf('/letters.xlsx', 'member2')).toEqual([staff[0]]);
    expect(await rowsOf('/letters.xlsx', 'unitA')).toEqual([staff[0]]);
    expect(await csv('/letters.csv', 'staff', '委员来信')).toEqual(cells(staff));
    await refused(401, '/letters.xlsx', [undefined]);
    expect(expectProblem(await get('/letters.xlsx?pageSize=5', 'staff'), 400).errors).toEqual([{ path: '/querystring/pageSize', message: '不认识的字段 pageSize' }]);
  });

  it('exports the recommendations\' board and their measures, with the lists\' filters, to staff and leaders', async () => {
    const cons = await ok('staff', 'POST', '/consultations', { title: '关于公交线网的民主监督', kind: 'supervision', year: YEAR });
    for (const a of ['prepare', 'convene', 'conclude']) await ok('staff', 'POST', `/consultations/${cons.id}/actions/${a}`, {});
    const rec = async (title: string, measure?: string, quantity?: number) => {
      const r = await ok('staff', 'POST', `/consultations/${cons.id}/recommendations`, { title, content: '调整重复线路。' });
      await ok('staff', 'POST', `/recommendations/${r.id}/actions/assign`, { units: [{ unitId: t.fx.unitIds.a, role: 'lead' }] });
      await ok('unitA', 'POST', `/recommendations/${r.id}/actions/sign`, {});
      if (measure) {
        await ok('unitA', 'POST', `/recommendations/${r.id}/actions/reply`, { category: 'A', content: '已调整。' });
        await ok('staff', 'POST', `/recommendations/${r.id}/actions/recordOutcome`, { kind: 'department', title: '优化方案', measure, quantity });
      }
      return r.id as string;
    };
    await rec('优化公交线网', '调整优化公交线路', 6);
    await rec('增设公交站点', '调整优化公交线路', 2);
    await rec('延长末班车', '延长运营时间线路', 3);
    await rec('仍在办理的建议');

    const board = (await ok('staff', 'GET', '/recommendations/board?days=180')).items as { unitName: string; items: { title: string }[] }[];
    const rows = await rowsOf('/recommendations/board.xlsx?days=180', 'staff', '建议督办看板');
    expect(rows[0]).toEqual(['承办单位', '协商活动', '建议', '状态', '答复期限', '逾期天数', '已签收']);
    expect(col(rows, '建议')).toEqual(board.flatMap((u) => u.items.map((i) => i.title)));
    expect(col(rows, '建议')).toContain('仍在办理的建议');
    expect(col(rows, '已签收')).toEqual(col(rows, '建议').map(() => '是'));
    // Days filter honoured: none is due today.
    expect(await rowsOf('/recommendations/board.xlsx?days=0', 'leader')).toEqual([rows[0]]);
    expect(await csv('/recommendations/board.csv?days=180', 'leader', '建议督办看板')).toEqual(cells(rows));

    const measures = await rowsOf(`/recommendations/measures.xlsx?year=${YEAR}&kind=supervision`, 'leader', '协商成效');
    expect(measures[0]).toEqual(['成效', '数量', '建议数']);
    expect(measures.slice(1).sort()).toEqual([['延长运营时间线路', 3, 1], ['调整优化公交线路', 8, 2]].sort());
    expect(measures.slice(1)).toEqual(((await ok('leader', 'GET', `/recommendations/measures?year=${YEAR}&kind=supervision`)).items as object[]).map((m) => Object.values(m)));
    expect(await rowsOf(`/recommendations/measures.xlsx?year=${YEAR}&kind=bimonthly`, 'staff')).toEqual([measures[0]]);
    expect(await csv(`/recommendations/measures.csv?year=${YEAR}`, 'staff', '协商成效')).toEqual(cells(measures));
    expect(await rowsOf(`/recommendations/measures.xlsx?year=${YEAR}`, 'otherStaff')).toEqual([measures[0]]);

    for (const url of ['/recommendations/board.xlsx', '/recommendations/measures.csv']) {
      await refused(403, url, ['member', 'unitA']);
      await refused(401, url, [undefined]);
    }
    expect(expectProblem(await get('/recommendations/board.xlsx?days=999', 'staff'), 400).errors[0].path).toBe('/querystring/days');
  });

  it('exports a consultation\'s comments: the visible ones as anyone reads them, the moderation queue to staff only', async () => {
    const cons = await ok('staff', 'POST', '/consultations', { title: '关于夜间经济的网络议政', kind: 'online', year: YEAR });
    await ok('staff', 'POST', `/consultations/${cons.id}/actions/prepare`, {});
    await ok('staff', 'POST', `/consultations/${cons.id}/actions/openComments`, { moderation: 'pre' });
    for (const content of ['建议延长夜市营业时间', '建议增加夜间公交']) await ok('member', 'POST', `/consultations/${cons.id}/comments`, { content });
    const held = (await ok('staff', 'GET', `/consultations/${cons.id}/comments?status=held&pageSize=100`)).items as { id: string; content: string }[];
    await ok('staff', 'POST', `/consultations/${cons.id}/comments/${held.find((c) => c.content === '建议增加夜间公交')!.id}/approve`, {});

    const queue = await rowsOf(`/consultations/${cons.id}/comments.xlsx?status=held`, 'staff', '关于夜间经济的网络议政待审评论');
    expect(queue[0]).toEqual(['序号', '发言人', '内容', '支持', '反对', '发表时间', '待审原因', '隐藏理由', '处理时间']);
    expect(col(queue, '内容')).toEqual(['建议延长夜市营业时间']);
    expect(col(queue, '待审原因')).toEqual(['先审后发']);
    expect(await csv(`/consultations/${cons.id}/comments.csv?status=held`, 'staff')).toEqual(cells(queue));

    const visible = await rowsOf(`/consultations/${cons.id}/comments.xlsx`, undefined, '关于夜间经济的网络议政网络议政评论');
    expect(visible[0]).toEqual(['序号', '发言人', '内容', '支持', '反对', '发表时间']);
    expect(col(visible, '内容')).toEqual(['建议增加夜间公交']);
    expect(col(visible, '内容')).toEqual(((await ok('member', 'GET', `/consultations/${cons.id}/comments`)).items as { content: string }[]).map((c) => c.content));

    await refused(403, `/consultations/${cons.id}/comments.xlsx?status=held`, ['member', 'leader', 'unitA']);
    // Anonymous readers of the open comments are refused the queue as the list refuses them.
    expectProblem(await get(`/consultations/${cons.id}/comments?status=hidden`), 403);
    await refused(403, `/consultations/${cons.id}/comments.csv?status=hidden`, [undefined]);
    await refused(404, `/consultations/${cons.id}/comments.xlsx`, ['otherStaff']);
    expect(expectProblem(await get(`/consultations/${cons.id}/comments.xlsx?order=consensus`, 'staff'), 400).errors[0].path).toBe('/querystring/order');
  });

  it('exports a supervision item\'s inspection visits to the committee\'s people', async () => {
    const cons = await ok('staff', 'POST', '/consultations', { title: '关于河道治理的民主监督', kind: 'supervision', year: YEAR });
    await ok('staff', 'POST', `/consultations/${cons.id}/visits`, { visitedOn: day(-5), place: '城东河段', findings: '垃圾清理不及时', memberIds: [t.fx.memberIds[0]] });
    await ok('staff', 'POST', `/consultations/${cons.id}/visits`, { visitedOn: day(-2), place: '城西河段', participants: '水利局', findings: '护岸破损' });
    const rows = await rowsOf(`/consultations/${cons.id}/visits.xlsx`, 'member', '关于河道治理的民主监督视察记录');
    expect(rows).toEqual([
      ['视察日期', '地点', '委员', '其他参加人员', '发现的问题'],
      [day(-5), '城东河段', expect.any(String), '', '垃圾清理不及时'],
      [day(-2), '城西河段', '', '水利局', '护岸破损'],
    ]);
    expect(rows[1]![2]).not.toBe('');
    expect(await csv(`/consultations/${cons.id}/visits.csv`, 'unitA')).toEqual(cells(rows));
    await refused(401, `/consultations/${cons.id}/visits.xlsx`, [undefined]);
    await refused(404, `/consultations/${cons.id}/visits.csv`, ['otherStaff']);
  });

  it('exports the committees below to admins, with the list\'s search and active filter', async () => {
    const county = await ok('admin', 'POST', '/orgs', { name: '鼓楼区政协', level: 'county', code: '320106', region: '鼓楼区' });
    await ok('admin', 'POST', '/orgs', { name: '玄武区政协', level: 'county', code: '320102', region: '玄武区' });
    await ok('admin', 'PATCH', `/orgs/${county.id}`, { active: false });
    const listed = (await ok('admin', 'GET', '/orgs/children?active=all&pageSize=100')).items as { name: string; active: boolean }[];
    const all = await rowsOf('/orgs/children.xlsx?active=all', 'admin', '下级政协');
    expect(all[0]).toEqual(['名称', '层级', '代码', '地区', '管理员', '在用']);
    expect(col(all, '名称')).toEqual(listed.map((o) => o.name));
    expect(col(all, '层级')).toEqual(listed.map(() => '县级'));
    const active = await rowsOf('/orgs/children.xlsx', 'admin');
    expect(col(active, '名称')).toEqual(listed.filter((o) => o.active).map((o) => o.name));
    expect(col(await rowsOf('/orgs/children.xlsx?active=all&q=320106', 'admin'), '名称')).toEqual(['鼓楼区政协']);
    expect(await csv('/orgs/children.csv?active=all', 'admin', '下级政协')).toEqual(cells(all));
    // The province's admin sees the committees under the province, not these.
    expect(col(await rowsOf('/orgs/children.xlsx', 'parentAdmin'), '名称')).not.toContain('鼓楼区政协');
    await refused(403, '/orgs/children.xlsx', ['staff', 'leader', 'member', 'unitA']);
    await refused(401, '/orgs/children.csv', [undefined]);
  });
});
