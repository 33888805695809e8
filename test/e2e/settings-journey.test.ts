// In a real browser: the admin opens 委员会设置 from the 系统管理 menu, lengthens a proposal's text and
// sends meeting invitations earlier, saves each, finds both kept after a reload and in the API; a value
// the server refuses shows its error under the field (a range, and a reply period beyond the longest)
// and changes nothing. The office reads the same page on a phone, unable to change it.
// Embedded database only: the HTTP tests cover the settings' routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { see, startE2E, WAIT, type E2E } from './browser.ts';
import { button, card, logInAs, main, menuLink, toast } from './ui.ts';

describe('committee settings journey', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  const field = (scope: Locator, label: string) => scope.getByLabel(label, { exact: true });
  const valueOf = (scope: Locator, label: string) => expect.poll(() => field(scope, label).inputValue(), { timeout: WAIT });
  const settings = async (url: string) => {
    const res = await e2e.t.app.inject({ method: 'GET', url, headers: await e2e.t.as('admin') });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const proposalCard = (page: Page) => card(page, '提案');
  const meetingCard = (page: Page) => card(page, '协商会议');

  it('the admin changes the proposal text limit and the invitation days; a refused value shows under its field', { timeout: 300_000 }, async (test) => {
    const page = await logInAs(e2e, test, 'admin');
    await page.getByRole('navigation', { name: '菜单' }).getByText('系统管理', { exact: true }).click();
    await menuLink(page, '委员会设置').click();
    await see(main(page).getByRole('heading', { name: '委员会设置' }));
    // The current values: the defaults.
    await valueOf(proposalCard(page), '正文字数上限').toBe('2500');
    await valueOf(meetingCard(page), '会前发出通知').toBe('15');

    await field(proposalCard(page), '正文字数上限').fill('3000');
    await button(proposalCard(page), '保存').click();
    await toast(page, '已保存');
    expect((await settings('/api/v1/proposals/settings')).bodyLimit).toBe(3000);
    await field(meetingCard(page), '会前发出通知').fill('20');
    await button(meetingCard(page), '保存').click();
    // (the same toast as the first save's, which may still be showing: the API says when it is kept)
    await expect.poll(async () => (await settings('/api/v1/consultations/meeting-settings')).invitationDays, { timeout: WAIT }).toBe(20);

    await page.reload();
    await valueOf(proposalCard(page), '正文字数上限').toBe('3000');
    await valueOf(meetingCard(page), '会前发出通知').toBe('20');
    // The rest as it was.
    const meetings = await settings('/api/v1/consultations/meeting-settings');
    expect(meetings).toEqual({ invitationDays: 20, materialsDays: 10, holidays: [] });

    // Out of the server's range: its message under the field.
    await field(proposalCard(page), '正文字数上限').fill('50');
    await button(proposalCard(page), '保存').click();
    await see(proposalCard(page).locator('.ant-form-item-explain-error').getByText('不能小于 200'));
    // A reply period beyond the longest (6 months): the server's check, under the nested field.
    await field(proposalCard(page), '正文字数上限').fill('3000');
    await field(proposalCard(page), '主办答复期限').fill('12');
    await button(proposalCard(page), '保存').click();
    await see(proposalCard(page).locator('.ant-form-item-explain-error').getByText(/不能超过最长办理期限/));
    const kept = await settings('/api/v1/proposals/settings');
    expect(kept.bodyLimit).toBe(3000);
    expect(kept.handling.replyMonths).toBe(3);
  });

  it('the office reads the settings on a phone and cannot change them', { timeout: 120_000 }, async (test) => {
    const phone = await logInAs(e2e, test, 'staff');
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto('/admin/settings');
    await see(main(phone).getByText('只有管理员可以修改这些设置。'));
    await see(field(meetingCard(phone), '会前提交材料'));
    await expect.poll(() => field(meetingCard(phone), '会前提交材料').isDisabled(), { timeout: WAIT }).toBe(true);
    expect(await main(phone).getByRole('button', { name: '保存', exact: true }).count()).toBe(0);
    await expect.poll(() => phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), { timeout: WAIT }).toBeLessThanOrEqual(0);
  });
});
