// In a real browser: staff on a phone (390 px) open the 延期申请 page, see its export button beside
// the title, within the screen, and download the pending requests as .xlsx. Then on a desktop: the
// pending request is on the office's to-do list until the unit replies, which withdraws it (off the
// page, 已撤回 on the proposal's); a proposal a unit returned is marked on the 交办 page with the
// unit and its reason; the statistics name sessions as the numbers do, the newest first, and say
// what the total counts.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, proposalIn } from '../helpers.ts';
import { logIn, see, startE2E, type E2E } from './browser.ts';
import { card, logInAs, main, row } from './ui.ts';

describe('the extension requests\' export in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
    await proposalIn(e2e.t, 'extensionAsked', '关于加快推进城市更新项目的提案');
  }, 180_000);
  afterAll(async () => { await e2e?.close(); });

  it('staff on a phone download the pending requests', { timeout: 120_000 }, async (test) => {
    const phone = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, acceptDownloads: true, reducedMotion: 'reduce' });
    await phone.goto('/login');
    await logIn(phone, 'staff', e2e.t.fx.password);
    await see(main(phone).getByText('待办事项', { exact: true }));
    await phone.goto('/proposals/extensions');
    await see(main(phone).getByText('关于加快推进城市更新项目的提案'));

    const excel = main(phone).getByRole('link', { name: /导出 Excel/ });
    const box = (await excel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const [file] = await Promise.all([phone.waitForEvent('download'), excel.click()]);
    expect(file.suggestedFilename()).toBe('延期申请.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(await file.path()) as never);
    const rows = wb.worksheets[0]!.getSheetValues().slice(1).map((r) => (r as ExcelJS.CellValue[]).slice(1));
    expect(rows[0]).toEqual(['提案', '承办单位', '现答复期限', '申请延至', '理由', '申请时间']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['关于加快推进城市更新项目的提案']);
    expect(rows[1]![4]).toBe('需要跨部门协调');
  });

  it('staff see the request among their to-dos until the unit replies, which withdraws it', { timeout: 120_000 }, async (test) => {
    const { ok } = apiAs(() => e2e.t);
    const [asked] = (await ok('staff', 'GET', '/proposals/extensions')).items as { proposalId: string }[];
    const returned = await proposalIn(e2e.t, 'assigned', '关于规范校外培训机构管理的提案');
    await ok('unitA', 'POST', `/proposals/${returned}/actions/return`, { reason: '不属于本单位职责，建议交市场监管局' });
    const page = await logInAs(e2e, test, 'staff');
    await see(main(page).getByRole('link', { name: '待审批的延期申请 1 件' }));
    await see(main(page).getByRole('link', { name: /^待交办的提案 \d+ 件（其中单位退回 1 件）$/ }));

    // 交办: the returned proposal tagged, with the unit and its reason.
    await page.goto('/proposals/assign');
    const returnedRow = row(page, '关于规范校外培训机构管理的提案');
    await see(returnedRow.getByText('已退回', { exact: true }));
    await see(returnedRow.getByText('市教育局退回：不属于本单位职责，建议交市场监管局'));

    await ok('unitA', 'POST', `/proposals/${asked!.proposalId}/actions/reply`, { category: 'B', content: '已列入明年计划。' });
    await page.goto('/proposals/extensions');
    await see(main(page).getByText('没有待审批的延期申请'));
    await page.goto(`/proposals/${asked!.proposalId}`);
    await see(card(page, '延期申请').getByText('已撤回', { exact: true }));

    // 提案统计: the session picker names sessions 第五届第五次会议, the newest first; the note on the total.
    await page.goto('/proposals/stats');
    await see(main(page).getByText(/合计按提案计，每件只计一次；各单位只计其主办的提案/));
    await main(page).getByRole('combobox', { name: '会议' }).click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await see(options.first());
    expect(await options.allTextContents()).toEqual(['第五届第五次会议', '第五届第四次会议']);
  });
});
