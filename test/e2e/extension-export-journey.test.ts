// In a real browser: staff on a phone (390 px) open the 延期申请 page, see its export button beside
// the title, within the screen, and download the pending requests as .xlsx.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposalIn } from '../helpers.ts';
import { logIn, see, startE2E, type E2E } from './browser.ts';
import { main } from './ui.ts';

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
});
