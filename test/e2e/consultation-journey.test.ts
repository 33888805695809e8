// In a real browser, a bimonthly forum (双月专题协商座谈会) from its topic to central assignment:
// staff open it, keep its 八个一 checklist (a late item is flagged), move it through the steps with
// the buttons the server offers and write a recommendation; they draft the year's plan, and a
// leader, on a phone, adopts it and sees planned and held. Embedded database only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plusDays, today } from '../../src/server/modules/handling/deadlines.ts';
import { logIn, see, seeTexts, startE2E, type E2E } from './browser.ts';
import { agree, button, card, confirm, dialog, logInAs, main, menuLink, popconfirm, toast } from './ui.ts';

const TITLE = '关于发展普惠托育服务的双月协商';
const STEPS = ['开门式选题', '标准式筹备', '互动式协商', '集中式交办', '提案式办理', '跟踪式问效'];

describe('a consultation in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('runs a bimonthly forum to central assignment and adopts the plan on a phone', { timeout: 300_000 }, async (test) => {
    const year = Number(today().slice(0, 4));
    const staff = await logInAs(e2e, test, 'staff');
    await staff.getByRole('navigation', { name: '菜单' }).getByText('双协', { exact: true }).click();
    await menuLink(staff, '协商活动').click();
    await button(main(staff), 'plus 新建协商活动').click();
    const create = dialog(staff, '新建协商活动');
    await create.getByLabel('题目', { exact: true }).fill(TITLE);
    await confirm(create);
    await toast(staff, '已创建协商活动');
    // Made, it opens.
    await see(main(staff).getByRole('heading', { name: TITLE }));
    await seeTexts(main(staff).locator('.ant-steps-item-title'), STEPS);

    // The checklist: the research trip's owner and a due date already past, so it is late.
    const checklist = card(staff, '八个一清单');
    await checklist.getByRole('listitem').filter({ hasText: '一次调研视察' }).getByRole('button', { name: '编辑', exact: true }).click();
    const edit = dialog(staff, '编辑清单项：一次调研视察');
    await edit.getByLabel('负责', { exact: true }).fill('教科卫体委员会');
    await edit.getByLabel('完成时限', { exact: true }).fill(plusDays(today(), -1));
    await confirm(edit);
    await toast(staff, '清单已更新');
    await see(checklist.getByRole('listitem').filter({ hasText: '一次调研视察' }).getByText('逾期', { exact: true }));
    await see(checklist.getByText('负责：教科卫体委员会', { exact: false }));

    // Through the steps, with the buttons the server offers.
    for (const action of ['开始筹备', '召开协商', '协商完成']) {
      await button(main(staff), action).click();
      // (the meeting's end is asked about first, the checklist's open items named)
      if (action === '协商完成') await popconfirm(staff, '协商完成');
      await toast(staff, `${action}：已完成`);
    }
    await see(main(staff).locator('.ant-steps-item-process').getByText('集中式交办', { exact: true }));
    const recs = card(staff, '意见建议');
    await button(recs, 'plus 整理一条建议').click();
    const rec = dialog(staff, '整理一条建议');
    await rec.getByLabel('建议', { exact: true }).fill('扩大普惠托位供给');
    await rec.getByLabel('内容', { exact: true }).fill('建议每千人口托位数达到4.5个。');
    await confirm(rec);
    await toast(staff, '已添加建议');
    await see(recs.getByText('1. 扩大普惠托位供给', { exact: true }));
    await see(recs.getByText('待交办', { exact: true }));
    await see(card(staff, '历史记录').getByText('协商完成', { exact: true }));

    // The year's plan: staff add an item.
    await staff.goto(`/consultations/plan?year=${year}`);
    await button(main(staff), 'plus 新增计划事项').click();
    const item = dialog(staff, '新增计划事项');
    await item.getByLabel('议题', { exact: true }).fill('普惠托育服务');
    await item.getByLabel('月份', { exact: true }).fill('5');
    await confirm(item);
    await toast(staff, '已新增计划事项');

    // A leader on a phone adopts it: planned 0+0+1+0+0+0, held 0+0+1+0+0+0 (the forum was held).
    const leader = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await leader.goto('/login');
    await logIn(leader, 'leader', e2e.t.fx.password);
    await see(main(leader).getByText('待办事项', { exact: true }));
    await leader.goto(`/consultations/plan?year=${year}`);
    await see(main(leader).getByText('普惠托育服务', { exact: true }));
    await button(main(leader), 'check 通过计划').click();
    await agree(leader, '确定');
    await toast(leader, '计划已通过');
    await see(main(leader).getByText('主席会议已通过', { exact: true }));
    await expect.poll(() => main(leader).locator('.ant-descriptions-item-content').allInnerTexts()).toEqual(['0+0+1+0+0+0', '0+0+1+0+0+0']);
    // The line in words too, each form held beside planned, as the work report says it.
    await see(main(leader).getByText('已开展0次全会（计划0次）、0次常委会专题协商（计划0次）、1次双月协商座谈会（计划1次）、0项民主监督（计划0项）、0次界别协商（计划0次），另0项其他（计划0项）', { exact: true }));
    // On the phone the items are cards (no table scrolling sideways): the page, and every table and card in it, within the screen.
    const item0 = main(leader).locator('.ant-card').filter({ hasText: '普惠托育服务' });
    await see(item0.getByText('5月', { exact: true }));
    await see(item0.getByText('双月专题协商座谈会', { exact: true }));
    expect(await main(leader).locator('tr', { hasText: '普惠托育服务' }).count()).toBe(0);
    expect(await leader.evaluate(() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth)).toBeLessThanOrEqual(0);
    expect(await main(leader).locator('.ant-table-content, .ant-card').evaluateAll((els) => els
      .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > window.innerWidth + 1)
      .map((el) => (el.textContent ?? '').slice(0, 40)))).toEqual([]);

    // Staff start the item's consultation from the plan: its topic, kind and year, linked to it.
    await staff.goto(`/consultations/plan?year=${year}`);
    await main(staff).getByRole('row', { name: /普惠托育服务/ }).getByRole('button', { name: /发起协商/ }).click();
    const start = dialog(staff, '新建协商活动');
    await expect.poll(() => start.getByLabel('题目', { exact: true }).inputValue()).toBe('普惠托育服务');
    await confirm(start);
    await toast(staff, '已创建协商活动');
    await see(main(staff).getByRole('heading', { name: '普惠托育服务' }));
    await staff.goto(`/consultations/plan?year=${year}`);
    await see(main(staff).getByRole('row', { name: /普惠托育服务/ }).getByText('开门式选题', { exact: true }));
  });
});
