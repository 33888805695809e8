// In a real browser: a deployment of several committees (the fixture's city, its county 测试区政协 and
// others). A visitor on a phone (390 px) opens the public proposals, which are the deployment's own
// committee's (the city's), chooses the county and sees the county's published proposals; the
// address carries org=, so the link shows the same; the library, reached from the menu, stays there.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { see, startE2E, WAIT, type E2E } from './browser.ts';
import { main, pick } from './ui.ts';
import { proposals } from '../../src/server/modules/proposals/schema.ts';

const CITY = '关于市里公园开放的提案';
const COUNTY = '关于县里河道清淤的提案';
/** The committee the chooser shows. */
const chosenOn = (page: Page) => page.getByRole('combobox', { name: '查看政协' })
  .locator('xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]').innerText();

describe('public committee chooser journey', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
    const { fx, database } = e2e.t;
    for (const [orgId, title] of [[fx.orgId, CITY], [fx.countyId, COUNTY]] as const) {
      await database.db.insert(proposals).values({
        orgId, title, body: '建议尽快实施。', kind: 'member', state: 'closed', proposerName: '某委员',
        createdBy: fx.userIds.admin!, submittedAt: new Date(), published: true, publishedAt: new Date(),
      });
    }
  }, 300_000);
  afterAll(async () => { await e2e?.close(); });

  it('a visitor on a phone switches the public proposals to a county committee, and the address carries it', { timeout: 120_000 }, async (test) => {
    const page = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto('/public/proposals');
    await see(main(page).getByRole('link', { name: CITY }));
    const chooser = page.getByRole('combobox', { name: '查看政协' });
    await expect.poll(() => chosenOn(page), { timeout: WAIT }).toContain('测试市政协');
    await pick(page, chooser, '测试区政协');
    await expect.poll(() => new URL(page.url()).searchParams.get('org'), { timeout: WAIT }).toBe(e2e.t.fx.countyId);
    await see(main(page).getByRole('link', { name: COUNTY }));
    await expect.poll(() => main(page).getByRole('link', { name: CITY }).count(), { timeout: WAIT }).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390 + 1);

    // The address is the link: opened afresh, it shows the county's list with the county chosen.
    const shared = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await shared.goto(new URL(page.url()).pathname + new URL(page.url()).search);
    await see(main(shared).getByRole('link', { name: COUNTY }));
    await expect.poll(() => chosenOn(shared), { timeout: WAIT }).toContain('测试区政协');

    // The menu (a drawer on a phone) keeps the committee: the library is the county's too.
    await page.locator('header').getByRole('button', { name: '菜单' }).click();
    await page.getByRole('navigation', { name: '公开信息' }).getByRole('link', { name: '文库' }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: WAIT }).toBe('/library');
    expect(new URL(page.url()).searchParams.get('org')).toBe(e2e.t.fx.countyId);
    await expect.poll(() => chosenOn(page), { timeout: WAIT }).toContain('测试区政协');
  });

  it('at 1366 px the chooser sits in the header beside the search, the page not scrolling sideways', { timeout: 120_000 }, async (test) => {
    const page = await e2e.page(test, { viewport: { width: 1366, height: 800 } });
    await page.goto(`/public/proposals?org=${e2e.t.fx.countyId}`);
    await see(main(page).getByRole('link', { name: COUNTY }));
    await expect.poll(() => chosenOn(page), { timeout: WAIT }).toContain('测试区政协');
    const header = await page.locator('header').boundingBox();
    const chooser = await page.getByRole('combobox', { name: '查看政协' }).boundingBox();
    expect(chooser!.y).toBeGreaterThanOrEqual(header!.y);
    expect(chooser!.y + chooser!.height).toBeLessThanOrEqual(header!.y + header!.height);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
  });
});
