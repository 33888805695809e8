// Deadlines as the users of 双评 meet them, in a real browser:
// - a unit clerk's home page flags the overdue to-dos with their days, first, grouped by what is to
//   be done and paged within a group;
// - staff read the same on-time rate for a unit on the statistics and on the overdue board, and how
//   it is counted;
// - the leader's key proposals show the supervision logged, the whole row within a 1366 px screen,
//   and as cards on a phone.
// Embedded database only: the browser exercises the UI, the HTTP tests cover both engines.
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HANDLING, plusDays, plusMonths, today } from '../../src/server/modules/handling/deadlines.ts';
import { assignments } from '../../src/server/modules/handling/schema.ts';
import { proposalIn } from '../helpers.ts';
import { logIn, see, seeTexts, startE2E, type E2E } from './browser.ts';
import { act, confirm, consoleErrors, logInAs, main, menuLink, row, shownDay } from './ui.ts';

describe('deadlines journey in the browser', () => {
  let e2e: E2E;
  const KEY_TITLE = '关于健全城乡社区养老服务网络、推进居家社区机构养老协调发展的提案';
  beforeAll(async () => {
    e2e = await startE2E();
    const t = e2e.t;
    /** Time passes: the lead unit's reply was due `days` days ago. */
    const dueAgo = (id: string, days: number) => t.database.db.update(assignments).set({ dueOn: plusDays(today(), -days) })
      .where(and(eq(assignments.itemId, id), eq(assignments.role, 'lead')));
    // 市教育局 (unitA): one to sign for, six to reply to (two overdue), one replied late.
    await proposalIn(t, 'assigned', '关于增设校园安全设施的提案');
    for (const n of ['一', '二', '三', '四']) await proposalIn(t, 'handling', `关于改进课后服务之${n}的提案`);
    await dueAgo(await proposalIn(t, 'handling', '关于减轻学生课业负担的提案'), 3);
    await dueAgo(await proposalIn(t, 'handling', '关于加强校园食品安全的提案'), 20);
    const late = await proposalIn(t, 'handling', '关于改善乡村学校条件的提案');
    await dueAgo(late, 2);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${late}/actions/reply`, headers: await t.as('unitA'), payload: { category: 'B', content: '答复' } });
    expect(res.statusCode, res.body).toBe(200);
    // A key proposal its leader has supervised once.
    const key = await proposalIn(t, 'key', KEY_TITLE);
    const assigned = await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${key}/actions/assign`, headers: await t.as('staff'),
      payload: { units: [{ unitId: t.fx.unitIds.b, role: 'lead' }] } });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const visit = await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${key}/supervision`, headers: await t.as('leader'),
      payload: { kind: 'visit', date: today(), participants: 'leader', outcome: '听取办理情况汇报' } });
    expect(visit.statusCode, visit.body).toBe(201);
  }, 300_000);
  afterAll(async () => { await e2e?.close(); });

  it('a unit clerk sees the overdue to-dos first, in red with their days, grouped and paged', { timeout: 180_000 }, async (test) => {
    const page = await logInAs(e2e, test, 'unitA');
    await see(main(page).getByText('已逾期 2 项', { exact: true }).first());
    const replies = main(page).getByRole('region', { name: '办理答复' });
    await see(replies.getByText('办理答复（6）', { exact: true }));
    const items = replies.getByRole('listitem').filter({ has: page.getByRole('link') });
    const links = () => items.getByRole('link').allInnerTexts();
    // Five a page, the longest overdue first, each overdue one in red with its days.
    await expect.poll(async () => (await links()).length).toBe(5);
    await expect.poll(async () => (await links()).slice(0, 2)).toEqual(['办理答复：关于加强校园食品安全的提案', '办理答复：关于减轻学生课业负担的提案']);
    await see(items.nth(0).locator('.ant-tag-red').getByText('已逾期 20 天', { exact: true }));
    await see(items.nth(1).locator('.ant-tag-red').getByText('已逾期 3 天', { exact: true }));
    for (const i of [2, 3, 4]) expect(await items.nth(i).locator('.ant-tag-red').count()).toBe(0);
    const first = await links();
    // The sixth, on the group's second page.
    await replies.locator('.ant-pagination-next').click();
    await expect.poll(async () => (await links()).length).toBe(1);
    expect([...first, ...(await links())].sort()).toEqual([
      '办理答复：关于加强校园食品安全的提案', '办理答复：关于减轻学生课业负担的提案',
      ...['一', '二', '三', '四'].map((n) => `办理答复：关于改进课后服务之${n}的提案`),
    ].sort());
    // Signing for is a group of its own.
    const toSign = main(page).getByRole('region', { name: '签收或退回' });
    await seeTexts(toSign.getByRole('link'), ['签收或退回：关于增设校园安全设施的提案']);
  });

  it('staff read the same on-time rate for a unit on the statistics and the overdue board, and how it is counted', { timeout: 180_000 }, async (test) => {
    const page = await logInAs(e2e, test, 'staff');
    const definition = main(page).getByText(/^按期率 = 按期答复 ÷（按期答复 \+ 逾期答复）/);
    // 市教育局: none on time, three late (one replied after its date, two still open past theirs);
    // the rest is not due yet.
    const rate = (unit: string) => row(page, unit).getByTitle(/^按期答复 \d+ 件，逾期 \d+ 件$/);
    await menuLink(page, '提案统计').click();
    await expect.poll(() => rate('市教育局').innerText()).toBe('0%');
    expect(await rate('市教育局').getAttribute('title')).toBe('按期答复 0 件，逾期 3 件');
    await see(definition);
    // 市卫健委's one proposal is not due yet: nothing to count.
    expect(await rate('市卫健委').innerText()).toBe('—');
    await menuLink(page, '督办看板').click();
    await expect.poll(() => rate('市教育局').innerText()).toBe('0%');
    expect(await rate('市教育局').getAttribute('title')).toBe('按期答复 0 件，逾期 3 件');
    await see(definition);
  });

  const fitsOnScreen = async (page: Page) => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  };

  it("the leader's key proposals show the supervision, every column within 1366 px", { timeout: 180_000 }, async (test) => {
    const page = await e2e.page(test, { viewport: { width: 1366, height: 768 } });
    await page.goto('/login');
    await logIn(page, 'leader', e2e.t.fx.password);
    await menuLink(page, '我领办的重点提案').click();
    const keyRow = row(page, KEY_TITLE);
    const supervision = keyRow.getByRole('cell').filter({ hasText: '1 次' });
    await see(supervision);
    // The table scrolls not, and its last column ends inside the window.
    const table = main(page).locator('.ant-table-content');
    expect(await table.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    const box = await supervision.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(1366);
    await fitsOnScreen(page);
  });

  it("on a phone the leader's key proposals are cards that fit the screen", { timeout: 180_000 }, async (test) => {
    const page = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto('/login');
    await logIn(page, 'leader', e2e.t.fx.password);
    await see(main(page).getByText('待办事项', { exact: true }));
    await page.goto('/proposals/key');
    const keyCard = main(page).locator('.ant-card').filter({ hasText: KEY_TITLE });
    await see(keyCard.getByText('1 次', { exact: true }));
    expect(await main(page).getByRole('table').count()).toBe(0);
    await fitsOnScreen(page);
  });

  it('a unit clerk returns an item it cannot handle and lands in its inbox, its page not asked for again', { timeout: 180_000 }, async (test) => {
    const page = await logInAs(e2e, test, 'unitA');
    const errors = consoleErrors(page);
    await main(page).getByRole('link', { name: '签收或退回：关于增设校园安全设施的提案' }).click();
    await see(main(page).getByRole('heading', { name: '关于增设校园安全设施的提案' }));
    const form = await act(page, '退回');
    await form.getByLabel('退回理由', { exact: true }).fill('不属于本单位职责，建议交市住建局办理');
    await confirm(form, '退回');
    await page.waitForURL((u) => u.pathname === '/proposals/inbox');
    // Listed no more among what it owes.
    await see(main(page).getByText('关于加强校园食品安全的提案', { exact: true }));
    expect(await main(page).getByText('关于增设校园安全设施的提案', { exact: true }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('a unit clerk asking for an extension is told the latest day it may ask for', { timeout: 180_000 }, async (test) => {
    const title = '关于改进课后服务之一的提案';
    const found = await e2e.t.app.inject({ url: `/api/v1/proposals?q=${encodeURIComponent(title)}`, headers: await e2e.t.as('unitA') });
    const id = found.json().items[0].id as string;
    const item = (await e2e.t.app.inject({ url: `/api/v1/proposals/${id}`, headers: await e2e.t.as('unitA') })).json();
    const lead = item.assignments.find((a: { role: string; unitId: string }) => a.role === 'lead' && a.unitId === e2e.t.fx.unitIds.a);
    const latest = plusMonths(lead.periodStart, DEFAULT_HANDLING.maxMonths);
    const page = await logInAs(e2e, test, 'unitA');
    const errors = consoleErrors(page);
    await page.goto(`/proposals/${id}`);
    await see(main(page).getByRole('heading', { name: title }));
    const form = await act(page, '申请延期');
    await see(form.getByText(`最晚可延至 ${shownDay(latest)}（自交办起总共 ${DEFAULT_HANDLING.maxMonths} 个月）`, { exact: true }));
    // A day past the latest typed in is refused where it was typed (the picker alone dropped it unsaid).
    await form.getByLabel('申请延至', { exact: true }).fill(plusDays(latest, 1));
    await form.getByLabel('申请延至', { exact: true }).press('Tab');
    await see(form.getByRole('alert').filter({ hasText: /^该日期不可选：须在 .+ 至 .+ 之间，未作更改$/ }));
    await form.getByLabel('申请延至', { exact: true }).fill(plusDays(lead.dueOn, 30));
    await form.getByLabel('申请延至', { exact: true }).press('Enter');
    await form.getByLabel('延期理由', { exact: true }).fill('需要跨部门协调');
    await expect(form.getByRole('alert').filter({ hasText: '该日期不可选' }).count()).resolves.toBe(0);
    await confirm(form);
    await see(main(page).getByText('延期申请', { exact: true }).first());
    expect(errors).toEqual([]);
  });

  it('a lead unit about to reply is told which co-handling unit has not sent its opinion yet', { timeout: 180_000 }, async (test) => {
    const title = '关于改进课后服务之二的提案';
    const id = (await e2e.t.app.inject({ url: `/api/v1/proposals?q=${encodeURIComponent(title)}`, headers: await e2e.t.as('unitA') })).json().items[0].id as string;
    const page = await logInAs(e2e, test, 'unitA');
    await page.goto(`/proposals/${id}`);
    await see(main(page).getByRole('heading', { name: title }));
    const form = await act(page, '答复');
    await see(form.getByText('协办单位市卫健委尚未提交协办意见：答复应吸收协办意见，确需先答复的也可提交', { exact: true }));
  });

  it("the office's to-do headings count what each group holds, not its lines", { timeout: 180_000 }, async (test) => {
    for (const n of ['甲', '乙']) await proposalIn(e2e.t, 'submitted', `关于完善社区卫生服务${n}的提案`);
    await proposalIn(e2e.t, 'filed', '关于完善社区卫生服务丙的提案');
    const page = await logInAs(e2e, test, 'staff');
    // One line stands for the two proposals to review: the heading says two.
    await see(main(page).getByRole('link', { name: '待审查立案的提案 2 件' }));
    await see(main(page).getByText('立案审查（2）', { exact: true }));
  });
});
