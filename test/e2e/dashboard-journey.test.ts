// In a real browser, the dashboard on a phone: a leader sees two charts on the home page, opens
// 数据看板 at 390 px where every chart is drawn (SVG) and nothing runs off the side, clicks the bar
// of filed proposals and lands on the proposal list filtered to them, opens a chart's table and
// follows a row to the duty records of that band of points, and downloads one chart's .xlsx.
// Staff at 1366 px open it from the menu and see the charts two by two. Embedded database only
// (test/dashboard.test.ts checks every chart's figures on both engines).
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposalIn } from '../helpers.ts';
import { logIn, see, startE2E, type E2E } from './browser.ts';
import { main, menuLink } from './ui.ts';

/** The year of the fixture's latest plenary session, whose proposals the dashboard counts. */
const YEAR = 2026;
const TITLE = '关于加快建设城市社区嵌入式养老服务设施的提案';

const noOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe('dashboard journey in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
    await proposalIn(e2e.t, 'filed', TITLE);
  });
  afterAll(async () => { await e2e?.close(); });

  it('a leader on a phone sees the charts, clicks through to the records and downloads a chart\'s table', { timeout: 240_000 }, async (test) => {
    const phone = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, acceptDownloads: true, reducedMotion: 'reduce' });
    await phone.goto('/login');
    await logIn(phone, 'leader', e2e.t.fx.password);
    // The home page: the leader's few charts, drawn.
    await see(main(phone).getByRole('region', { name: '数据看板' }).getByRole('img', { name: '提案流转（按当前状态）' }).locator('svg'));

    await phone.goto(`/dashboard?year=${YEAR}`);
    await see(main(phone).getByRole('heading', { name: '数据看板' }));
    for (const title of ['提案流转（按当前状态）', '委员履职积分分布', '协商计划与完成', '社情民意信息采用（按层级）']) {
      await see(main(phone).getByText(title, { exact: true }).first());
    }
    const states = main(phone).locator('[data-chart="proposalStates"]');
    await see(states.getByRole('img', { name: '提案流转（按当前状态）' }).locator('svg'));
    await see(main(phone).locator('[data-chart="dutyPoints"]').getByRole('img', { name: '委员履职积分分布' }).locator('svg'));
    expect(await noOverflow(phone)).toBeLessThanOrEqual(390);

    // A click on the bar (the one state with proposals: filed) opens the list filtered to it.
    // (ECharts paints on the next animation frame: wait for the bar, the one tall narrow filled path.)
    const svg = await states.getByRole('img', { name: '提案流转（按当前状态）' }).locator('svg').elementHandle();
    const found = await phone.waitForFunction((el) => {
      const bars = [...el!.querySelectorAll('path')].map((p) => ({ box: p.getBoundingClientRect(), fill: p.getAttribute('fill') }))
        .filter(({ box, fill }) => fill && fill !== 'none' && !fill.startsWith('rgba(0,0,0,0)') && box.width >= 8 && box.width <= 40 && box.height >= 20);
      const b = bars.sort((x, y) => y.box.height - x.box.height)[0]?.box;
      return b ? { x: b.x + b.width / 2, y: b.y + b.height / 2 } : null;
    }, svg);
    const bar = (await found.jsonValue())!;
    await phone.mouse.click(bar.x, bar.y);
    await phone.waitForURL(/\/proposals\?.*state=filed/);
    await see(main(phone).getByText(TITLE).first());
    expect(new URL(phone.url()).searchParams.get('sessionId')).toBeTruthy();

    // The table of a chart: a row opens the duty records of that band of points.
    await phone.goto(`/dashboard?year=${YEAR}`);
    const points = main(phone).locator('[data-chart="dutyPoints"]');
    await points.getByRole('button', { name: '查看表格' }).click();
    const band = points.getByRole('row').nth(1).getByRole('link').first();
    const label = (await band.textContent())!;
    await band.click();
    await phone.waitForURL(/\/records\?.*minPoints=/);
    await see(main(phone).getByText(`积分 ${label.includes('–') ? label : `${label}–${label}`}`, { exact: true }));
    expect(await noOverflow(phone)).toBeLessThanOrEqual(390);

    // One chart's table as .xlsx: the rows the chart shows.
    await phone.goto(`/dashboard?year=${YEAR}`);
    const [file] = await Promise.all([
      phone.waitForEvent('download'),
      main(phone).getByRole('link', { name: '导出“提案流转（按当前状态）”为 Excel' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe(`${YEAR}年提案流转（按当前状态）.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(await file.path()) as never);
    const rows = wb.worksheets[0]!.getSheetValues().slice(1).map((r) => (r as ExcelJS.CellValue[]).slice(1));
    expect(rows[0]).toEqual(['项目', '提案（件）']);
    expect(rows).toContainEqual(['已立案', 1]);
  });

  it('staff at 1366 px open it from the menu: the charts side by side, nothing off the side', { timeout: 120_000 }, async (test) => {
    const desk = await e2e.page(test, { viewport: { width: 1366, height: 900 }, reducedMotion: 'reduce' });
    await desk.goto('/login');
    await logIn(desk, 'staff', e2e.t.fx.password);
    await menuLink(desk, '数据看板').click();
    await see(main(desk).getByRole('heading', { name: '数据看板' }));
    await see(main(desk).locator('[data-chart="dutyPoints"]').getByRole('img', { name: '委员履职积分分布' }).locator('svg'));
    const [a, b] = await Promise.all(['proposalStates', 'proposalRates'].map((k) => main(desk).locator(`[data-chart="${k}"]`).boundingBox()));
    expect(a!.y).toBe(b!.y); // two columns
    expect(await noOverflow(desk)).toBeLessThanOrEqual(1366);
  });
});
