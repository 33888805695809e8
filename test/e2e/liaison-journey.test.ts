// In a real browser, 双联 on a phone: staff generate the year's links by the rules; 张三 (member) opens
// 我的双联 at 390 px, logs a face-to-face contact with an opinion in a few taps, turns the opinion
// into a 社情民意 draft (which links back to the contact), and staff see the meeting on the
// 一见面一报告 board at desktop width, remove a link by hand, and a regeneration keeps the removal.
// Embedded database only: the browser exercises the UI, the HTTP tests cover both engines.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { logIn, see, startE2E, type E2E } from './browser.ts';
import { withNameSort } from '../../src/server/core/text/pinyin.ts';
import { members } from '../../src/server/modules/org/schema.ts';
import { consultationRooms } from '../../src/server/modules/consultations/schema.ts';
import { liaisonContacts, liaisonLinks } from '../../src/server/modules/liaison/schema.ts';
import { today } from '../../src/server/modules/handling/deadlines.ts';
import { button, card, dialog, logInAs, main, popconfirm, row, toast } from './ui.ts';
import { logFaceToFace, openMyLiaison } from './liaison-steps.ts';

/** The special committee's link to 教育界 (the one sector none of its members sits in). */
const committeeRow = (page: Page) => main(page).getByRole('row').filter({ has: page.getByRole('cell', { name: '均衡分配：教育界', exact: true }) });
const OPINION = '建议增加乡村学校教师编制，缓解结构性缺编';

describe('dual liaison journey in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('staff generate the links; a member logs a face-to-face contact on a phone and turns its opinion into a 社情民意 draft; staff see the meeting and adjust a link, kept through regeneration', { timeout: 360_000 }, async (test) => {
    const t = e2e.t;
    // Staff generate the year's links by the rules (the fixture's roster gives twelve).
    const staff = await logInAs(e2e, test, 'staff');
    await staff.goto('/liaison');
    await see(main(staff).getByRole('heading', { name: '双联名单' }));
    await see(main(staff).getByText('尚未生成', { exact: true }));
    await main(staff).getByRole('button', { name: /按规则生成$/ }).click();
    await popconfirm(staff, '确定');
    await toast(staff, '新增 12 条，保留手动调整 0 条');
    await see(committeeRow(staff));
    // 张三 (中共) links the members outside the party; 李四 is one of them.
    const phone = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await openMyLiaison(phone, t.fx.password);
    // Face to face and today are already chosen; the topics and one opinion are all that is typed.
    await logFaceToFace(phone, { name: '李四', kind: '党员委员联系党外委员' }, '教育资源均衡与乡村教师队伍', OPINION);

    // The contact, and its opinion turned into a 社情民意 draft in one step.
    await main(phone).getByRole('link', { name: /见面 · 李四/ }).first().click();
    await see(main(phone).getByText(OPINION, { exact: true }));
    await button(main(phone), '转为社情民意').click();
    const convert = dialog(phone, '转为社情民意');
    await expect.poll(() => convert.getByLabel('标题', { exact: true }).inputValue()).toBe('建议增加乡村学校教师编制，缓解结构性缺编');
    await convert.getByLabel('标题', { exact: true }).fill('关于增加乡村学校教师编制的建议');
    await button(convert, '确定').click();
    await toast(phone, '已生成草稿');
    await see(main(phone).getByRole('heading', { name: '关于增加乡村学校教师编制的建议' }));
    const origin = main(phone).getByRole('link', { name: '来自双联联系' });
    await see(origin);
    // Back to the contact: the opinion now links to its draft.
    await origin.click();
    await see(main(phone).getByRole('link', { name: '查看社情民意草稿' }));

    // Staff see 张三's meeting on the board, at desktop width.
    await staff.goto('/liaison/compliance');
    await see(main(staff).getByRole('heading', { name: '一见面一报告' }));
    const zhang = row(staff, '张三');
    await see(zhang.getByRole('cell', { name: '1', exact: true }).first());
    await see(zhang.getByText('未报告', { exact: true }));

    // Staff remove a link by hand; a regeneration keeps the removal.
    await staff.goto('/liaison');
    const link = committeeRow(staff);
    await button(link, '撤销').click();
    await popconfirm(staff, '确定');
    await toast(staff, '已撤销');
    await expect.poll(() => link.count()).toBe(0);
    await main(staff).getByRole('button', { name: /按规则生成$/ }).click();
    await popconfirm(staff, '确定');
    await toast(staff, '新增 0 条，保留手动调整 1 条');
    await see(main(staff).getByText(/^第 2 版/));
    expect(await link.count()).toBe(0);
  });
  it('a leader of the city switches 一见面一报告 to 含下级 on a phone, and the counters and rooms at desktop width: each committee\'s totals, the rows this level\'s', { timeout: 240_000 }, async (test) => {
    const t = e2e.t;
    const year = Number(today().slice(0, 4));
    // The county's liaison, met face to face twice with a policy talk; and a room of the county.
    const db = t.database.db;
    const [m] = await db.insert(members).values(withNameSort({ orgId: t.fx.countyId, name: '区里联系人', party: '中共', sectorId: t.fx.sectorIds[0]!, standing: false })).returning();
    const [l] = await db.insert(liaisonLinks).values({ orgId: t.fx.countyId, year, kind: 'masses', fromMemberId: m!.id, sectorId: t.fx.sectorIds[0]!, reason: '区级' }).returning();
    for (const day of ['01', '02']) {
      await db.insert(liaisonContacts).values({ orgId: t.fx.countyId, linkId: l!.id, year, date: `${year}-01-${day}`, channel: 'faceToFace', participants: '群众', topics: '区级宣讲', policyTalk: true, createdBy: t.fx.userIds.staff! });
    }
    await db.insert(consultationRooms).values({ orgId: t.fx.countyId, name: '区里议事室', hostUnitId: randomUUID(), active: true, createdBy: t.fx.userIds.staff! });

    const phone = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto('/login');
    await logIn(phone, 'leader', t.fx.password);
    await see(main(phone).getByText('待办事项', { exact: true }));
    await phone.goto('/liaison/compliance');
    await see(main(phone).getByRole('heading', { name: '一见面一报告' }));
    await main(phone).getByText('含下级', { exact: true }).click();
    await see(main(phone).getByText(/包含：测试市政协、测试区政协/));
    const byOrg = card(phone, '各政协合计');
    await see(byOrg.getByRole('row').filter({ hasText: '测试区政协' }));
    await see(byOrg.getByText('合计含下级政协；下面的明细为本级。'));
    // The county's liaison is counted, never listed.
    expect(await main(phone).getByText('区里联系人').count()).toBe(0);

    const desk = await logInAs(e2e, test, 'leader');
    await desk.setViewportSize({ width: 1366, height: 900 });
    await desk.goto('/liaison/stats');
    await see(main(desk).getByRole('heading', { name: '双联活动统计' }));
    await main(desk).getByText('含下级', { exact: true }).click();
    const county = card(desk, '各政协合计').getByRole('row').filter({ hasText: '测试区政协' });
    await see(county.getByRole('cell', { name: '2', exact: true }).first());
    await desk.goto('/consultations/rooms');
    await main(desk).getByText('含下级', { exact: true }).click();
    await see(card(desk, '各政协合计').getByRole('row').filter({ hasText: '测试区政协' }).getByRole('cell', { name: '1', exact: true }).first());
  });
});
