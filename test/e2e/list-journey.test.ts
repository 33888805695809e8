// In a real browser: the proposal lists as their users find them. Staff at 1366 px see the columns
// that fit (the one the list is ordered by among them), add the others they want (remembered),
// change the order and export what they filtered; the public on a phone sees each number with its
// session, the order said, filters by session and exports; staff export the 社情民意 figures and the
// consultations of a year.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/server/core/db/client.ts';
import { MAX_EXPORT_ROWS } from '../../src/server/core/xlsx.ts';
import { proposalIn, opinionIn } from '../helpers.ts';
import { logIn, see, startE2E, WAIT, type E2E } from './browser.ts';
import { main, pick } from './ui.ts';

const LONG_TITLE = '关于进一步完善城乡社区居家养老服务体系建设、推动医养结合高质量发展的提案';

/** Clicks the link or button that downloads a file and reads it: each sheet's rows of cell values. */
async function download(page: Page, trigger: Locator) {
  const [file] = await Promise.all([page.waitForEvent('download'), trigger.click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(await file.path()) as never);
  return { name: file.suggestedFilename(), sheets: wb.worksheets.map((ws) => ({ name: ws.name, rows: Array.from(ws.getSheetValues().slice(1), (r) => (r as ExcelJS.CellValue[] | undefined)?.slice(1) ?? []) })) };
}

describe('proposal lists in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
    const t = e2e.t;
    // Units and a proposer with names as long as the longest real ones.
    for (const [id, name] of [[t.fx.unitIds.a, '市发展和改革委员会'], [t.fx.unitIds.b, '市人力资源和社会保障局']] as const) {
      const unit = await t.app.inject({ method: 'PATCH', url: `/api/v1/units/${id}`, headers: await t.as('admin'), payload: { name } });
      expect(unit.statusCode, unit.body).toBe(200);
    }
    const group = await t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as('staff'), payload: { title: '关于支持民营企业科技创新的提案', body: '建议……', kind: 'group', proposerName: '九三学社示例市委员会' } });
    expect(group.statusCode, group.body).toBe(201);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${group.json().id}/actions/submit`, headers: await t.as('staff'), payload: {} })).statusCode).toBe(200);
    const closed = await proposalIn(t, 'closed', '关于社区食堂建设的提案'); // number 0001
    const pub = await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${closed}/actions/publish`, headers: await t.as('staff') });
    expect(pub.statusCode, pub.body).toBe(200);
    await proposalIn(t, 'handling', LONG_TITLE); // 0002
    await proposalIn(t, 'assigned', '关于加强校园周边交通安全管理的提案'); // 0003
    await opinionIn(t, 'adopted', '关于老旧小区加装电梯的建议');
  }, 180_000);
  afterAll(async () => { await e2e?.close(); });

  /** Staff logged in on a 1366 px wide screen, at `path`. */
  async function staffAt1366(test: TestContext, path: string) {
    const page = await e2e.page(test, { viewport: { width: 1366, height: 768 } });
    await page.goto('/login');
    await logIn(page, 'staff', e2e.t.fx.password);
    await see(main(page).getByText('待办事项', { exact: true }));
    await page.goto(path);
    return page;
  }

  it('staff at 1366 px see the columns that fit, choose more, change the order and export what they filtered', { timeout: 180_000 }, async (test) => {
    const page = await staffAt1366(test, '/proposals');
    await see(main(page).getByRole('heading', { name: '提案管理' }));
    const headers = main(page).getByRole('columnheader');
    await see(main(page).getByRole('link', { name: LONG_TITLE }));

    // The order is said, and the column it is by shows, with nothing cut off to the right.
    const order = main(page).getByRole('combobox', { name: '排序' });
    await see(order);
    await see(main(page).getByText('最近更新的在前', { exact: true }));
    const updated = headers.filter({ hasText: '更新时间' });
    await see(updated);
    const box = (await updated.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1366);
    const overflow = await main(page).locator('.ant-table-content').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await headers.filter({ hasText: '领域' }).count()).toBe(0);
    const second = main(page).getByRole('row').filter({ hasText: LONG_TITLE });
    await expect.poll(() => second.innerText(), { timeout: WAIT }).toMatch(/五届五次\s+第0002号/);

    // More columns on request, remembered after a reload.
    await main(page).getByRole('button', { name: /显示列/ }).click();
    await page.getByRole('checkbox', { name: '领域' }).check();
    await see(headers.filter({ hasText: '领域' }));
    await page.reload();
    await see(main(page).getByRole('link', { name: LONG_TITLE }));
    await see(headers.filter({ hasText: '领域' }));

    // By session and number, newest first.
    await pick(page, order, '按会议和编号，最新的在前');
    await expect.poll(() => new URL(page.url()).searchParams.get('sort'), { timeout: WAIT }).toBe('number');
    const firstRow = main(page).locator('tbody tr.ant-table-row').first();
    await expect.poll(() => firstRow.innerText(), { timeout: WAIT }).toContain('第0003号');

    // The export holds what the filters leave, in the same order.
    const search = main(page).getByRole('searchbox', { name: '搜索标题或提案人' });
    await search.fill('社区');
    await search.press('Enter');
    await expect.poll(() => main(page).locator('tbody tr.ant-table-row').count(), { timeout: WAIT }).toBe(2);
    const file = await download(page, main(page).getByRole('link', { name: /导出 Excel/ }));
    expect(file.name).toBe('提案列表.xlsx');
    const rows = file.sheets[0]!.rows;
    expect(rows.slice(1).map((r) => `${r[0]} ${r[1]} ${r[2]}`)).toEqual([`五届五次 0002 ${LONG_TITLE}`, '五届五次 0001 关于社区食堂建设的提案']);
  });

  it('the public on a phone sees numbers with their session and the order, filters by session and exports', { timeout: 120_000 }, async (test) => {
    const page = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto('/public/proposals');
    await see(main(page).getByText('排序：按会议和编号，最新的在前', { exact: true }));
    await see(main(page).getByText(/五届五次 · 第0001号/));
    await pick(page, main(page).getByRole('combobox', { name: '会议' }), '第五届第五次会议（1 件）');
    await expect.poll(() => new URL(page.url()).searchParams.get('sessionId'), { timeout: WAIT }).toBeTruthy();
    await see(main(page).getByText('关于社区食堂建设的提案', { exact: true }));
    const file = await download(page, main(page).getByRole('link', { name: /导出 Excel/ }));
    expect(file.sheets[0]!.rows.slice(1).map((r) => r[2])).toEqual(['关于社区食堂建设的提案']);
    expect(file.sheets[0]!.rows[0]).not.toContain('联名委员');
    // The same list as CSV: UTF-8 with a BOM, so that Excel reads its Chinese.
    const [csv] = await Promise.all([page.waitForEvent('download'), main(page).getByRole('link', { name: '导出 CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe('提案列表.csv');
    const bytes = fs.readFileSync(await csv.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('关于社区食堂建设的提案');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390 + 1);
  });

  it("a browser elsewhere shows the committee's times, China's, as the server counts its days", { timeout: 120_000 }, async (test) => {
    const [p] = (await e2e.t.app.inject({ url: '/api/v1/proposals?published=true', headers: {} })).json().items as { id: string }[];
    const { submittedAt } = (await e2e.t.app.inject({ url: `/api/v1/proposals/${p!.id}` })).json() as { submittedAt: string };
    const china = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(new Date(submittedAt));
    const page = await e2e.page(test, { timezoneId: 'America/New_York' });
    await page.goto(`/public/proposals/${p!.id}`);
    await see(main(page).getByText(china, { exact: true }));
  });

  it('staff export the 社情民意 figures of the year', { timeout: 120_000 }, async (test) => {
    const page = await staffAt1366(test, '/opinions/stats');
    await see(main(page).getByRole('heading', { name: '社情民意统计' }));
    const file = await download(page, main(page).getByRole('link', { name: /导出 Excel/ }));
    expect(file.sheets.map((s) => s.name)).toEqual([expect.stringMatching(/^\d{4}年概况$/), '委员完成情况']);
    expect(file.sheets[1]!.rows.find((r) => r[0] === '张三')?.slice(0, 4)).toEqual(['张三', '是', 1, 1]);
  });

  it('staff export the consultations of a year, filtered by kind, and a phone shows the export beside the filters', { timeout: 120_000 }, async (test) => {
    const t = e2e.t;
    for (const [title, kind] of [['关于托育服务的双月协商', 'bimonthly'], ['关于职业教育的界别协商', 'sector']]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/consultations', headers: await t.as('staff'), payload: { title, kind, year: 2031 } });
      expect(res.statusCode, res.body).toBe(201);
    }
    const page = await staffAt1366(test, '/consultations?year=2031');
    await see(main(page).getByRole('link', { name: '关于职业教育的界别协商' }));
    await pick(page, main(page).getByRole('combobox', { name: '形式' }), '双月专题协商座谈会');
    await expect.poll(() => new URL(page.url()).searchParams.get('kind'), { timeout: WAIT }).toBe('bimonthly');
    await expect.poll(() => main(page).locator('tbody tr.ant-table-row').count(), { timeout: WAIT }).toBe(1);
    const file = await download(page, main(page).getByRole('link', { name: /导出 Excel/ }));
    expect(file.name).toBe('协商活动.xlsx');
    expect(file.sheets[0]!.rows.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([[2031, '关于托育服务的双月协商', '双月专题协商座谈会']]);

    const phone = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto('/login');
    await logIn(phone, 'staff', t.fx.password);
    await see(main(phone).getByText('待办事项', { exact: true }));
    // Each list page with a new export: its two links there, nothing wider than the phone.
    for (const path of ['/consultations?year=2031', '/consultations/topics?year=2031', '/consultations/plan?year=2031', '/consultations/rooms', '/library', '/opinions', '/admin/units', '/creation/activities', '/creation/honours']) {
      await phone.goto(path);
      await see(main(phone).getByRole('link', { name: /导出 Excel/ }));
      await see(main(phone).getByRole('link', { name: '导出 CSV' }));
      expect(await phone.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390 + 1);
    }
  });

  // Last: it adds thousands of proposals.
  it('staff are told the export\'s bound, and when their list passes it', { timeout: 120_000 }, async (test) => {
    await queryRows(e2e.t.database.db, sql`insert into proposals (org_id, title, body, kind, state, proposer_name, created_by, submitted_at)
      select ${e2e.t.fx.orgId}, '关于第' || n || '号事项的提案', '建议……', 'member', 'submitted', '张三', ${e2e.t.fx.userIds.staff!}, now()
      from generate_series(1, ${MAX_EXPORT_ROWS}) n returning 1`);
    const page = await staffAt1366(test, '/proposals');
    const exportLink = main(page).getByRole('link', { name: /导出 Excel/ });
    await see(exportLink);
    await see(main(page).getByText(`共 ${MAX_EXPORT_ROWS + 4} 条，超过导出上限：只导出前 ${MAX_EXPORT_ROWS} 条，请缩小筛选范围后分批导出。`));
    await exportLink.hover();
    await see(page.getByRole('tooltip').getByText(`导出当前筛选的全部结果（最多 ${MAX_EXPORT_ROWS} 条）`));
    await page.mouse.move(0, 0);
    // Within the bound again once filtered: no notice.
    await pick(page, main(page).getByRole('combobox', { name: '状态' }), '办理中');
    await expect.poll(() => main(page).locator('tbody tr.ant-table-row').count(), { timeout: WAIT }).toBe(1);
    expect(await main(page).getByText(/超过导出上限/).count()).toBe(0);
  });
});
