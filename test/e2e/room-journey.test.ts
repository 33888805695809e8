// In a real browser, 协商在一线 and 民主监督: staff open a county's council room with a member,
// make him its convener and open a session with the short form; they log an inspection visit on a
// supervision item; the member, on a phone, finds his room, its session and the visit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plusDays, today } from '../../src/server/modules/handling/deadlines.ts';
import { logIn, see, startE2E, type E2E } from './browser.ts';
import { button, card, confirm, dialog, logInAs, main, menuLink, pick, toast } from './ui.ts';

const ROOM = '测试区委员议事室';
const SESSION = '校园周边交通安全';

describe('council rooms and supervision visits in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('opens a room with its member and a session, logs a visit, and shows them to the member on a phone', { timeout: 300_000 }, async (test) => {
    const staff = await logInAs(e2e, test, 'staff');
    await staff.getByRole('navigation', { name: '菜单' }).getByText('双协', { exact: true }).click();
    await menuLink(staff, '委员议事室').click();
    await button(main(staff), 'plus 新建议事室').click();
    const create = dialog(staff, '新建议事室');
    await create.getByLabel('名称', { exact: true }).fill(ROOM);
    await pick(staff, create.getByRole('combobox', { name: '县（市、区）政协' }), '测试区政协');
    await create.getByLabel('地点', { exact: true }).fill('测试区政协二楼');
    await pick(staff, create.getByLabel('委员', { exact: true }), '张三 · 教育界 · 示例大学', '张三');
    await create.getByLabel('地点', { exact: true }).click(); // closes the members' list
    await confirm(create);
    await toast(staff, '议事室已建立');
    await main(staff).getByRole('link', { name: ROOM }).click();
    await see(main(staff).getByRole('heading', { name: ROOM }));

    // 张三 convenes it; a session by the short form (a topic is all it needs).
    await button(main(staff), 'team 调整委员').click();
    const members = dialog(staff, '调整委员');
    await pick(staff, members.getByLabel('召集人', { exact: true }), '张三');
    await members.getByText('调整委员', { exact: true }).click(); // closes the list
    await confirm(members);
    await toast(staff, '委员名单已保存');
    await see(card(staff, '委员').getByText('召集人', { exact: true }));
    await button(main(staff), 'plus 新建议事活动').click();
    const session = dialog(staff, '新建议事活动');
    await session.getByLabel('议题', { exact: true }).fill(SESSION);
    await confirm(session);
    await toast(staff, '议事活动已建立');
    await see(card(staff, '议事活动').getByRole('link', { name: SESSION }));

    // An inspection visit of a supervision item.
    const item = (await e2e.t.app.inject({ method: 'POST', url: '/api/v1/consultations', headers: await e2e.t.as('staff'),
      payload: { title: '公共交通服务民主监督', kind: 'supervision', year: Number(today().slice(0, 4)) } })).json();
    await staff.goto(`/consultations/${item.id}`);
    const visits = card(staff, '视察记录');
    await button(visits, 'plus 记录视察').click();
    const visit = dialog(staff, '记录视察');
    await visit.getByLabel('视察日期', { exact: true }).fill(plusDays(today(), -3));
    await visit.getByLabel('视察地点', { exact: true }).fill('市公交集团调度中心');
    await visit.getByLabel('发现的问题与意见', { exact: true }).fill('部分线路重复，发车间隔过长。');
    await confirm(visit);
    await toast(staff, '视察已记录');
    await see(visits.getByText('部分线路重复，发车间隔过长。', { exact: true }));

    // 张三 on a phone: his rooms first, the session in it, the visit on the item.
    const member = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await member.goto('/login');
    await logIn(member, 'member', e2e.t.fx.password);
    await see(main(member).getByText('待办事项', { exact: true }));
    await member.goto('/consultations/rooms');
    await main(member).getByRole('link', { name: ROOM }).click();
    await see(card(member, '议事活动').getByRole('link', { name: SESSION }));
    await see(card(member, '委员').getByText('召集人', { exact: true }));
    expect(await member.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await member.goto(`/consultations/${item.id}`);
    await see(card(member, '视察记录').getByText('市公交集团调度中心', { exact: false }));
    expect(await member.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
