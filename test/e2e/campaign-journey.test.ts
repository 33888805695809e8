// In a real browser, a "我为…献一计" campaign: 张三 (member) submits an idea on a phone (390 px);
// staff, at desktop width, see it among the campaign's ideas and mark it adopted by the body that
// took it up; the campaign's counts change, and the member sees the adoption on their phone.
// Embedded database only: the browser exercises the UI, the HTTP tests cover both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, see, startE2E, type E2E } from './browser.ts';
import { button, confirm, dialog, logInAs, main, toast } from './ui.ts';
import { day } from '../helpers.ts';

const TITLE = '我为城市发展献一计';

describe('campaign journey in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('a member submits an idea on a phone; staff mark it adopted; the counts change', { timeout: 240_000 }, async (test) => {
    const t = e2e.t;
    // Staff opened the campaign for the coming weeks.
    const opened = await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: await t.as('staff'),
      payload: { title: TITLE, theme: '围绕城市发展建言献策', opensOn: day(-1), closesOn: day(20) } });
    expect(opened.statusCode, opened.body).toBe(201);

    const phone = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto('/login');
    await logIn(phone, 'member', t.fx.password);
    await see(main(phone).getByText('待办事项', { exact: true }));
    await phone.goto('/campaigns/mine');
    await see(main(phone).getByRole('heading', { name: '我要献计' }));
    const card = main(phone).locator('.ant-card').filter({ hasText: TITLE });
    await see(card.getByText('献计 0 条，采纳 0 条', { exact: true }));
    // Nothing is wider than the phone.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await card.getByRole('button', { name: /提交建言$/ }).click();
    const form = dialog(phone, TITLE);
    await form.getByLabel('建言标题', { exact: true }).fill('发展临空经济');
    await form.getByLabel('具体内容', { exact: true }).fill('建议依托机场建设临空经济产业园，引进物流和跨境电商企业。');
    await button(form, '提交建言').click();
    await toast(phone, '建言已提交，谢谢');
    await see(card.getByText('献计 1 条，采纳 0 条', { exact: true }));
    await see(main(phone).getByText('发展临空经济', { exact: true }));

    // Staff read the idea and mark it adopted by the body that took it up.
    const staff = await logInAs(e2e, test, 'staff');
    await staff.goto('/campaigns');
    await see(main(staff).getByRole('heading', { name: '献计活动' }));
    const counts = main(staff).getByText('献计 1 条，采纳 0 条', { exact: true }).first();
    await see(counts);
    const idea = main(staff).locator('.ant-list-item').filter({ hasText: '发展临空经济' });
    await see(idea.getByText('张三', { exact: false }));
    await idea.getByRole('button', { name: /标记采纳$/ }).click();
    const adopt = dialog(staff, '标记采纳');
    await adopt.getByLabel('采纳单位', { exact: true }).fill('市委市政府');
    await confirm(adopt);
    await toast(staff, '已标记采纳');
    await see(idea.getByText('已被市委市政府采纳', { exact: true }));
    await see(main(staff).getByText('献计 1 条，采纳 1 条', { exact: true }).first());

    // The member sees it adopted.
    await phone.reload();
    await see(card.getByText('献计 1 条，采纳 1 条', { exact: true }));
    await see(main(phone).getByText('已被市委市政府采纳', { exact: true }));
  });

  it('staff set up a party group, add a member and log an activity; a member sees the 双联见面会 opinion they raised; the counters go by county', { timeout: 240_000 }, async (test) => {
    const t = e2e.t;
    const api = async (login: string, method: string, url: string, payload: object) => {
      const res = await t.app.inject({ method: method as 'POST', url: `/api/v1${url}`, headers: await t.as(login), payload });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json();
    };
    const staff = await logInAs(e2e, test, 'staff');
    await staff.goto('/party');
    await see(main(staff).getByRole('heading', { name: '党的组织' }));
    /** Opens the page's form by its button, fills one field, saves and waits for the toast. */
    const fill = async (opens: string, title: string, field: string, value: string, done: string) => {
      await main(staff).getByRole('button', { name: new RegExp(`${opens}$`) }).click();
      const form = dialog(staff, title);
      await form.getByLabel(field, { exact: true }).fill(value);
      await confirm(form);
      await toast(staff, done);
    };
    await fill('新建党组织', '新建党组织', '名称', '市政协机关党委', '党组织已建立');
    await fill('添加成员', '添加成员 · 市政协机关党委', '姓名（机关干部）', '王干事', '成员已添加');
    await see(main(staff).getByText('王干事', { exact: true }));
    // The activity is logged with the group's members attending.
    await fill('记录活动', '记录活动 · 市政协机关党委', '主题', '重温入党誓词', '活动已记录');
    await see(main(staff).getByText('重温入党誓词', { exact: true }));

    // The 双联见面会 of the 2026 plenary, recorded through the API, shows with its opinion.
    const session = (await t.app.inject({ url: '/api/v1/terms', headers: await t.as('staff') })).json().items[0].sessions.find((s: { startsOn: string }) => s.startsOn === '2026-01-09');
    await api('staff', 'POST', '/liaison/meetings', { date: '2026-01-10', place: '会议中心', sessionId: session.id, attendeeIds: [t.fx.memberIds[0], t.fx.memberIds[1]], topics: ['履职交流'],
      opinions: [{ memberId: t.fx.memberIds[0], content: '建议加强委员培训' }] });
    const phone = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto('/login');
    await logIn(phone, 'member', t.fx.password);
    await see(main(phone).getByText('待办事项', { exact: true }));
    await phone.goto('/liaison/meetings');
    await see(main(phone).getByText('建议加强委员培训', { exact: true }));
    await see(main(phone).getByRole('button', { name: '转为社情民意' }));

    await staff.goto('/liaison/stats');
    await see(main(staff).getByRole('heading', { name: '双联活动统计' }));
    await main(staff).getByText('按县（市、区）', { exact: true }).click();
    await see(main(staff).getByRole('columnheader', { name: '按县（市、区）' }));
  });
});
