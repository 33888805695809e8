// In a real browser, the sign-in at a consultation meeting: staff open the meeting tab and, from
// it, the full-screen sign-in screen with its code and QR code; a member on a phone answers the
// invitation, types the code shown and is signed in; the screen's count goes up. Embedded database only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../src/server/modules/handling/deadlines.ts';
import { logIn, see, startE2E, type E2E } from './browser.ts';
import { button, card, logInAs, main, toast } from './ui.ts';

const TITLE = '关于推进城市更新行动的专题议政';

describe('a consultation meeting in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('signs a member in with the code on the staff screen, and the count goes up', { timeout: 300_000 }, async (test) => {
    // A consultation at its meeting, 张三 (login "member") speaking, invitations out (through the API: not this journey's subject).
    const t = e2e.t;
    const api = async (user: string, method: string, url: string, payload: object) => {
      const res = await t.app.inject({ method: method as 'POST', url: `/api/v1${url}`, headers: await t.as(user), payload });
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const { id } = await api('staff', 'POST', '/consultations', { title: TITLE, kind: 'standing', year: Number(today().slice(0, 4)) });
    for (const a of ['prepare', 'convene']) await api('staff', 'POST', `/consultations/${id}/actions/${a}`, {});
    await api('staff', 'PUT', `/consultations/${id}/meeting`, { date: today(), time: '09:00', place: '政协三楼协商议政厅', agenda: [
      { time: '09:00', title: '委员发言', speakerMemberId: t.fx.memberIds[0] },
    ] });
    await api('staff', 'POST', `/consultations/${id}/meeting/invitees`, { memberIds: [t.fx.memberIds[1]!] });
    await api('staff', 'POST', `/consultations/${id}/meeting/invitations`, {});

    // Staff: the meeting tab, then the sign-in screen it opens.
    const staff = await logInAs(e2e, test, 'staff');
    await staff.goto(`/consultations/${id}?tab=meeting`);
    const members = card(staff, '参会委员');
    await see(members.getByText('张三', { exact: true }));
    await see(members.getByText('李四', { exact: true }));
    const [screen] = await Promise.all([staff.context().waitForEvent('page'), main(staff).getByRole('link', { name: 'qrcode 签到屏' }).click()]);
    await see(screen.getByRole('heading', { name: TITLE }));
    await see(screen.locator('.ant-qrcode canvas, .ant-qrcode svg'));
    const signedIn = screen.locator('.ant-statistic').filter({ hasText: '已签到' }).locator('.ant-statistic-content-value');
    await expect.poll(() => signedIn.innerText()).toBe('0');
    const code = (await screen.getByTestId('sign-in-code').innerText()).trim();
    expect(code).toMatch(/^\d{6}$/);

    // The member, on a phone: answers the invitation, then signs in with the code shown.
    const member = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await member.goto('/login');
    await logIn(member, 'member', t.fx.password);
    await see(main(member).getByText('待办事项', { exact: true }));
    await see(main(member).getByText(`回复会议邀请：${TITLE}`, { exact: true }));
    await member.goto('/meetings');
    const invitation = card(member, TITLE);
    await see(invitation.getByText('您在议程中发言', { exact: true }));
    await button(invitation, '参加').click();
    await toast(member, '已回复参加');
    await button(invitation, '会议签到').click();
    await member.getByLabel('签到码', { exact: true }).fill(code);
    await button(main(member), '签到').click();
    await see(main(member).getByText('签到成功', { exact: true }));
    expect(await member.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // The screen counts it (it reads again every few seconds), and the list shows how.
    await expect.poll(() => signedIn.innerText(), { timeout: 20_000 }).toBe('1');
    await staff.reload();
    await see(card(staff, '参会委员').getByText('出席 · 签到码', { exact: true }));
  });
});
