import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/server/core/db/client.ts';
import { MAX_EXPORT_ROWS } from '../src/server/core/xlsx.ts';
import { plenarySessions } from '../src/server/modules/org/schema.ts';
import { proposals } from '../src/server/modules/proposals/schema.ts';
import { engines, expectProblem, opinionIn, proposalIn, testApp, type TestApp } from './helpers.ts';
import { cells, col, downloads } from './export-helpers.ts';

// The proposal list, the search and the 社情民意 figures as .xlsx, read back with ExcelJS: the same
// filters and the same read rule as the pages (a member's export holds only what they may read;
// the public's no contact details), at most MAX_EXPORT_ROWS rows with a note when more matched.
// And the order of the lists: by session and number, newest first, each item with its session.

const PHONE = '13912345678';

describe.each(engines)('exports of lists and searches (%s)', (engine) => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const get = async (url: string, login?: string) => t.app.inject({ url, headers: login ? await t.as(login) : {} });
  const { sheets, rowsOf, csv } = downloads(get);

  beforeAll(async () => {
    t = await testApp(engine);
    ids.closed = await proposalIn(t, 'closed', `关于社区食堂的提案（联系电话 ${PHONE}）`);
    const pub = await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${ids.closed}/actions/publish`, headers: await t.as('staff') });
    expect(pub.statusCode, pub.body).toBe(200);
    ids.handling = await proposalIn(t, 'handling', '关于加强社区养老服务的提案');
    ids.filed = await proposalIn(t, 'filed', '关于老旧小区加装电梯的提案');
    // 李四's own, which 张三 (member) may not read
    const other = await t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as('member2'), payload: { title: '关于校园安全的提案', body: '建议加强校园周边交通管理。', kind: 'member' } });
    ids.other = other.json().id;
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${ids.other}/actions/submit`, headers: await t.as('member2'), payload: {} })).statusCode).toBe(200);
  }, 180_000);
  afterAll(async () => { await t?.close(); });

  it('exports the staff list with its filters, in the list\'s order', async () => {
    const list = (await get('/api/v1/proposals?pageSize=100', 'staff')).json();
    const rows = await rowsOf('/api/v1/proposals.xlsx', 'staff');
    expect(rows[0]).toEqual(['会议', '编号', '标题', '提案人', '联名委员', '类别', '领域', '状态', '主办单位', '协办单位', '答复期限', '重点提案', '已公开', '提交日期', '更新时间']);
    expect(col(rows, '标题')).toEqual(list.items.map((p: { title: string }) => p.title));
    expect(rows).toHaveLength(1 + 4);
    // staff read the original title, contact details and all
    expect(col(rows, '标题')).toContain(`关于社区食堂的提案（联系电话 ${PHONE}）`);

    const handling = await rowsOf('/api/v1/proposals.xlsx?state=handling', 'staff');
    expect(handling).toHaveLength(2);
    expect(handling[1]).toEqual(expect.arrayContaining(['关于加强社区养老服务的提案', '张三', '个人提案', '办理中', '市教育局', '市卫健委']));
    expect(col(handling, '会议')).toEqual(['五届五次']);
    expect(col(handling, '编号')).toEqual(['0002']);

    const closed = await rowsOf('/api/v1/proposals.xlsx?publication=published', 'staff');
    expect(col(closed, '已公开')).toEqual(['是']);
  });

  it('gives a member only what they may read, and the public only the published, with no contact details', async () => {
    const mine = await rowsOf('/api/v1/proposals.xlsx', 'member');
    expect(col(mine, '标题').sort()).toEqual([`关于社区食堂的提案（联系电话 ${PHONE}）`, '关于加强社区养老服务的提案', '关于老旧小区加装电梯的提案'].sort());
    const theirs = await rowsOf('/api/v1/proposals.xlsx?mine=true', 'member2');
    expect(col(theirs, '标题')).toEqual(['关于校园安全的提案']);
    // unit B co-handles two; the third, only filed, is not theirs to read
    const unit = await rowsOf('/api/v1/proposals.xlsx', 'unitB');
    expect(col(unit, '标题').sort()).toEqual([`关于社区食堂的提案（联系电话 ${PHONE}）`, '关于加强社区养老服务的提案'].sort());

    for (const login of [undefined, 'member2']) {
      const pub = await rowsOf('/api/v1/proposals.xlsx?published=true', login);
      expect(pub[0]).not.toContain('联名委员');
      expect(pub[0]).not.toContain('答复期限');
      expect(pub[0]).toContain('公开日期');
      expect(pub).toHaveLength(2);
      expect(JSON.stringify(pub)).not.toContain(PHONE);
      expect(col(pub, '标题')[0]).toContain('关于社区食堂的提案');
    }
    // Anonymous without published=true: what the list answers, nothing.
    expect(await rowsOf('/api/v1/proposals.xlsx')).toHaveLength(1);
  });

  it('exports a search with its filters, by relevance, and the public\'s masked', async () => {
    const q = encodeURIComponent('社区');
    const rows = await rowsOf(`/api/v1/proposals/search.xlsx?q=${q}`, 'staff');
    expect(rows[0]).toEqual(['会议', '编号', '标题', '提案人', '领域', '状态', '匹配内容']);
    const hits = (await get(`/api/v1/proposals/search?q=${q}`, 'staff')).json();
    expect(col(rows, '标题')).toEqual(hits.items.map((h: { title: string }) => h.title));
    expect(hits.total).toBe(3);
    // the passage that matched, as text: no <mark>
    expect(String(col(rows, '匹配内容')[0])).toContain('社区养老服务设施');
    expect(String(col(rows, '匹配内容')[0])).not.toContain('<mark>');

    const filtered = await rowsOf(`/api/v1/proposals/search.xlsx?q=${q}&state=handling`, 'staff');
    expect(col(filtered, '标题')).toEqual(['关于加强社区养老服务的提案']);

    const pub = await rowsOf(`/api/v1/proposals/search.xlsx?q=${q}&published=true`);
    expect(col(pub, '标题')).toHaveLength(1);
    expect(JSON.stringify(pub)).not.toContain(PHONE);
    expect(await rowsOf(`/api/v1/proposals/search.xlsx?q=${q}`)).toHaveLength(1);
    expectProblem(await get('/api/v1/proposals/search.xlsx', 'staff'), 400);
    expectProblem(await get('/api/v1/proposals.xlsx?sort=oldest', 'staff'), 400);
    // an export is every matching row: a page of it is not a thing
    expect(expectProblem(await get('/api/v1/proposals.xlsx?page=2', 'staff'), 400).errors).toEqual([{ path: '/querystring/page', message: '不认识的字段 page' }]);
  });

  it('lists newest session first by number, with each item\'s session; the sessions to filter by', async () => {
    // Numbers repeat across sessions: 李四's proposal becomes number 0002 of the 4th session.
    const [s4] = await t.database.db.select({ id: plenarySessions.id }).from(plenarySessions)
      .where(and(eq(plenarySessions.orgId, t.fx.orgId), eq(plenarySessions.number, 4)));
    const [{ termId }] = await t.database.db.select({ termId: proposals.termId }).from(proposals).where(eq(proposals.id, ids.filed!)) as [{ termId: string }];
    await t.database.db.update(proposals).set({ state: 'filed', sessionId: s4!.id, termId, number: 2 }).where(eq(proposals.id, ids.other!));

    const list = (await get('/api/v1/proposals?sort=number', 'staff')).json();
    expect(list.items.map((p: { sessionLabel: string; number: number }) => `${p.sessionLabel} ${p.number}`)).toEqual(['五届五次 3', '五届五次 2', '五届五次 1', '五届四次 2']);
    expect(list.items[3]).toMatchObject({ termNumber: 5, sessionNumber: 4, id: ids.other });
    expect(Object.keys(list).sort()).toEqual(['items', 'page', 'pageSize', 'total']);
    const sheet = await rowsOf('/api/v1/proposals.xlsx?sort=number', 'staff');
    expect(sheet.slice(1).map((r) => `${r[0]} ${r[1]}`)).toEqual(['五届五次 0003', '五届五次 0002', '五届五次 0001', '五届四次 0002']);

    const sessions = (await get('/api/v1/proposals/sessions', 'staff')).json().items;
    expect(sessions.map((s: { label: string; count: number }) => [s.label, s.count])).toEqual([['五届五次', 3], ['五届四次', 1]]);
    expect((await get('/api/v1/proposals/sessions?published=true')).json().items.map((s: { label: string }) => s.label)).toEqual(['五届五次']);
    expect((await get('/api/v1/proposals/sessions?mine=true', 'member2')).json().items.map((s: { label: string }) => s.label)).toEqual(['五届四次']);
    expect((await get('/api/v1/proposals/sessions')).json().items).toEqual([]);
    const bySession = (await get(`/api/v1/proposals?sessionId=${s4!.id}`, 'staff')).json();
    expect(bySession.items.map((p: { id: string }) => p.id)).toEqual([ids.other]);
  });

  it('exports the 社情民意 figures of a year: the figures and each member against the quota', async () => {
    await opinionIn(t, 'adopted', '关于老旧小区加装电梯的建议');
    await opinionIn(t, 'submitted', '关于公交线路调整的建议');
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    const [figures, members] = await sheets(`/api/v1/opinions/stats.xlsx?year=${year}`, 'staff');
    expect(figures!.name).toBe(`${year}年概况`);
    const figure = (label: string) => figures!.rows.find((r) => r[0] === label)?.[1];
    expect(figures!.rows[0]).toEqual(['指标', '数值']);
    expect([figure('报送（篇）'), figure('编发（期）'), figure('被采用（篇）'), figure('采用（次）：市级'), figure('状态：待审核')]).toEqual([2, 1, 1, 1, 1]);
    expect(members!.rows[0]).toEqual(['委员', '常委', '报送', '被采用', '获批示', '年度任务', '完成']);
    expect(members!.rows.find((r) => r[0] === '张三')).toEqual(['张三', '是', 2, 1, 0, 3, '否']);
    expect(members!.rows.at(-1)!.slice(0, 5)).toEqual(['合计', '', 2, 1, 0]);
    expect(members!.rows).toHaveLength(1 + 4 + 1);
    expect((await sheets(`/api/v1/opinions/stats.xlsx?year=${year - 5}`, 'staff'))[1]!.rows.find((r) => r[0] === '张三')![2]).toBe(0);
    expectProblem(await get('/api/v1/opinions/stats.xlsx', 'member'), 403);
    expectProblem(await get('/api/v1/opinions/stats.xlsx'), 401);
    expectProblem(await get('/api/v1/opinions/stats.xlsx?year=1999', 'staff'), 400);
  });

  it('gives every list as CSV too: UTF-8 with a BOM, the same cells as the workbook, the public\'s masked', async () => {
    for (const [path, login] of [['/api/v1/proposals?state=handling', 'staff'], ['/api/v1/proposals?published=true', undefined], [`/api/v1/proposals/search?q=${encodeURIComponent('社区')}`, 'staff']] as const) {
      const [base, query] = path.split('?');
      expect(await csv(`${base}.csv?${query}`, login), path).toEqual(cells(await rowsOf(`${base}.xlsx?${query}`, login)));
    }
    expect(JSON.stringify(await csv('/api/v1/proposals.csv?published=true'))).not.toContain(PHONE);
    // Several tables in one file: each under its name, an empty line between.
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    const stats = await csv(`/api/v1/opinions/stats.csv?year=${year}`, 'staff');
    expect(stats[0]).toEqual([`${year}年概况`]);
    expect(stats[1]).toEqual(['指标', '数值']);
    expect(stats).toContainEqual(['委员完成情况']);
    const roster = await csv('/api/v1/members/export?format=csv', 'staff');
    expect(roster[0]).toContain('姓名');
    expect(roster.map((r) => r[0])).toContain('张三');
    expectProblem(await get('/api/v1/members/export?format=pdf', 'staff'), 400);
    expectProblem(await get('/api/v1/proposals/board.csv', 'member'), 403);
  });

  // Last: it adds thousands of proposals.
  it(`holds at most ${MAX_EXPORT_ROWS} rows, and says so when more matched`, { timeout: 120_000 }, async () => {
    const staff = t.fx.userIds.staff!;
    await queryRows(t.database.db, sql`insert into proposals (org_id, title, body, kind, domain, state, proposer_name, created_by, submitted_at)
      select ${t.fx.orgId}, '关于第' || n || '号事项的提案', '建议……', 'member', '其他', 'submitted', '张三', ${staff}, now() from generate_series(1, ${MAX_EXPORT_ROWS + 1}) n returning 1`);
    const rows = await rowsOf('/api/v1/proposals.xlsx?domain=其他', 'staff');
    expect(rows).toHaveLength(1 + MAX_EXPORT_ROWS + 2);
    expect(rows.at(-2)).toEqual([]);
    expect(rows.at(-1)).toEqual([`仅导出前 ${MAX_EXPORT_ROWS} 条（共 ${MAX_EXPORT_ROWS + 1} 条），请缩小筛选范围后分批导出。`]);
    const fits = await rowsOf('/api/v1/proposals.xlsx?state=handling', 'staff');
    expect(fits).toHaveLength(2); // no note when everything fits
  });
});
