// 双评 in a real browser, each step by its own user in their own browser context:
// - staff mark a proposal key and name its leader; the leader follows it on the key board and logs a
//   supervision visit; once handled and closed, staff publish it from their to-do, and the public
//   finds it by a Chinese search, reads the reply, and never sees the proposer's phone number;
// - reviewing a submitted proposal, staff see the similar filed one and merge into it in one step;
//   assigning, they are offered the unit that handled similar proposals before; and they search;
// - a member writing a repeat sees the past proposal like it, with the start of its reply, while typing.
// Embedded database only: the browser exercises the UI, the HTTP tests cover both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { see, seeCells, seeTexts, startE2E, type E2E } from './browser.ts';
import { act, agree, button, card, confirm, dialog, logInAs, opened, main, menuLink, pick, popconfirm, row, seedProposal, stateTags, toast } from './ui.ts';

const BUS_BODY = '建议增开社区微循环公交，优化早晚高峰线路，方便学生错峰接送。';

describe('dual evaluation journey in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });
  const lead = () => ({ units: [{ unitId: e2e.t.fx.unitIds.a, role: 'lead' }] });

  it('a key proposal is supervised by its leader, published, and found by the public with a Chinese search', { timeout: 300_000 }, async (test) => {
    const KEY_TITLE = '关于推进老旧小区加装电梯的提案';
    const KEY_BODY = '老旧小区居民上下楼困难，联系电话13912345678。建议简化加装电梯审批流程，加大财政补贴力度。';
    const OUTCOME = '与市教育局座谈，明确加装电梯的试点小区。';
    const REPLY = '已出台加装电梯补贴办法，简化审批环节。';
    const id = await seedProposal(e2e, { title: KEY_TITLE, body: KEY_BODY }, [['member2', 'submit'], ['staff', 'file'], ['staff', 'assign', lead()]]);

    // Staff pick the leader from the list of leaders.
    const staff = await logInAs(e2e, test, 'staff');
    await menuLink(staff, '提案管理').click();
    await row(staff, KEY_TITLE).getByRole('link', { name: KEY_TITLE }).click();
    await seeTexts(stateTags(staff), ['已交办']);
    const markKey = await act(staff, '列为重点提案');
    await pick(staff, markKey.getByLabel('领办领导', { exact: true }), 'leader');
    await confirm(markKey);
    await toast(staff, '已列为重点提案');
    await seeTexts(stateTags(staff), ['已交办', '重点提案']);
    await see(card(staff, '督办记录').getByText('尚无督办记录', { exact: true }));

    // The staff's key board: every key proposal with its leader, not supervised yet.
    await menuLink(staff, '重点提案督办').click();
    const onBoard = row(staff, KEY_TITLE);
    await seeCells(onBoard, [`${KEY_TITLE}\n李四`, '已交办', 'leader', '市教育局']);
    await see(onBoard.getByRole('cell', { name: '尚未督办', exact: true }));

    // The leader: a to-do, their own key board, and the supervision log on the proposal.
    const leader = await logInAs(e2e, test, 'leader');
    await see(main(leader).getByRole('link', { name: `领办重点提案：${KEY_TITLE}` }));
    await menuLink(leader, '我领办的重点提案').click();
    await see(main(leader).getByRole('heading', { name: '我领办的重点提案' }));
    await row(leader, KEY_TITLE).getByRole('link', { name: KEY_TITLE }).click();
    const log = card(leader, '督办记录');
    await see(log.getByText('尚无督办记录', { exact: true }));
    await log.getByRole('button', { name: '记录督办' }).click(); // (its name starts with the icon's, "plus")
    const visit = await opened(dialog(leader, '记录督办'));
    await visit.getByRole('radio', { name: '座谈', exact: true }).check();
    const today = await visit.getByLabel('日期', { exact: true }).inputValue(); // today by default, as the pages write days
    await visit.getByLabel('参加人员', { exact: true }).fill('leader、市教育局分管副局长');
    await visit.getByLabel('督办情况', { exact: true }).fill(OUTCOME);
    await confirm(visit);
    await toast(leader, '督办情况已记录');
    await see(log.getByText(OUTCOME, { exact: true }));
    await see(log.getByText('座谈', { exact: true }));
    await see(card(leader, '历史记录').getByText('督办', { exact: true }));

    await menuLink(leader, '我领办的重点提案').click();
    await see(row(leader, KEY_TITLE).getByRole('cell').filter({ hasText: '1 次' }).filter({ hasText: `最近 ${today}` }));

    // Staff see the visit counted on their board.
    await staff.reload();
    await see(row(staff, KEY_TITLE).getByRole('cell').filter({ hasText: '1 次' }).filter({ hasText: `最近 ${today}` }));

    // The unit replies and the proposer is satisfied (not what this journey is about).
    for (const [user, action, body] of [['unitA', 'sign'], ['unitA', 'reply', { category: 'A', content: REPLY }], ['member2', 'evaluate', { satisfaction: 'satisfied' }]] as const) {
      const res = await e2e.t.app.inject({ method: 'POST', url: `/api/v1/proposals/${id}/actions/${action}`, headers: await e2e.t.as(user), payload: body ?? {} });
      expect(res.statusCode, `${user} ${action}: ${res.body}`).toBe(200);
    }

    // Staff publish it from their to-do list.
    await menuLink(staff, '首页').click();
    await main(staff).getByRole('link', { name: '已办结待公开的提案 1 件' }).click();
    await row(staff, KEY_TITLE).getByRole('link', { name: KEY_TITLE }).click();
    await seeTexts(stateTags(staff), ['已办结', '重点提案']);
    await button(main(staff), '公开').click();
    await agree(staff, '公开');
    await toast(staff, '已公开');
    await seeTexts(stateTags(staff), ['已办结', '重点提案', '已公开']);

    // The public, not logged in, searches the published proposals in Chinese words.
    const visitor = await e2e.page(test, { viewport: { width: 390, height: 844 } }); // on a phone
    await visitor.goto('/public/proposals');
    await see(main(visitor).getByRole('heading', { name: '公开提案' }));
    const box = main(visitor).getByRole('searchbox', { name: '输入关键词，如 养老服务 社区' });
    await box.fill('电梯 补贴');
    await box.press('Enter');
    await see(main(visitor).getByText('找到 1 件', { exact: true }));
    const hit = main(visitor).locator('.search-hit-title');
    await expect.poll(() => hit.innerHTML()).toContain('<mark>电梯</mark>');
    await see(main(visitor).locator('.search-hit-snippet mark').getByText('补贴', { exact: true }));
    await hit.click();
    await see(main(visitor).getByRole('heading', { name: KEY_TITLE }));
    await see(main(visitor).getByText(REPLY, { exact: true }));
    await see(main(visitor).getByText(/简化加装电梯审批流程/));
    await expect.poll(() => main(visitor).innerText()).not.toContain('13912345678');
    // Words no published proposal holds find nothing.
    await visitor.goto(`/public/proposals?q=${encodeURIComponent('课后服务')}`);
    await see(main(visitor).getByText('没有找到匹配的提案', { exact: true }));
  });

  it('staff merge a repeat into the similar filed proposal, assign with a suggested unit, and search', { timeout: 300_000 }, async (test) => {
    // Past proposals on buses, handled by 市教育局: what the suggestion learns from.
    for (const title of ['关于优化公交线路的提案', '关于增开学生公交专线的提案']) {
      await seedProposal(e2e, { title, body: BUS_BODY }, [['member2', 'submit'], ['staff', 'file'], ['staff', 'assign', lead()], ['unitA', 'sign']]);
    }
    const REPEAT = '关于进一步优化公交线路的建议';
    await seedProposal(e2e, { title: REPEAT, body: '建议优化早晚高峰公交线路，增开社区微循环公交，方便学生错峰接送。' }, [['member2', 'submit']]);
    const NEW_TITLE = '关于完善公交站台候车设施的提案';
    await seedProposal(e2e, { title: NEW_TITLE, body: '建议在学校周边公交站台增设候车亭，优化公交线路和班次，方便学生乘坐微循环公交。' }, [['member2', 'submit']]);

    // Reviewing the repeat, staff see the filed proposal like it and merge into it in one step.
    const staff = await logInAs(e2e, test, 'staff');
    await menuLink(staff, '立案审查').click();
    await row(staff, REPEAT).getByRole('button', { name: `审查 ${REPEAT}` }).click();
    const drawer = dialog(staff, REPEAT);
    const similar = drawer.getByRole('list', { name: '相似提案（可并案）' });
    await see(similar.getByRole('link', { name: '关于优化公交线路的提案' }));
    await similar.getByRole('button', { name: '并入此件 关于优化公交线路的提案' }).click();
    await popconfirm(staff, '确定');
    await toast(staff, '已并案');
    await drawer.waitFor({ state: 'hidden' });
    await see(row(staff, NEW_TITLE));
    await expect.poll(() => row(staff, REPEAT).count()).toBe(0);

    // The new one is filed, then assigned to the unit suggested from the similar past ones.
    await row(staff, NEW_TITLE).getByRole('button', { name: `审查 ${NEW_TITLE}` }).click();
    await button(dialog(staff, NEW_TITLE), '立案').click();
    await agree(staff, '立案');
    await see(staff.locator('.ant-message').getByText(/^已立案，编号 第\d{4}号$/));
    await menuLink(staff, '交办').click();
    await row(staff, NEW_TITLE).getByRole('button', { name: `查看详情 ${NEW_TITLE}` }).click();
    await button(dialog(staff, NEW_TITLE), '交办').click();
    const assign = dialog(staff, '交办');
    const suggested = assign.getByRole('group', { name: '建议承办单位' });
    await see(suggested.getByText(/^市教育局 \d+%$/));
    await suggested.getByText(/^市教育局 \d+%$/).click();
    await see(assign.getByText('市教育局', { exact: true })); // now the lead unit
    await confirm(assign);
    await toast(staff, '已交办');

    // 提案检索: the words are found in titles and bodies, marked, within the chosen filters.
    await menuLink(staff, '提案检索').click();
    const box = main(staff).getByRole('searchbox', { name: '输入关键词，如 养老服务 社区' });
    await box.fill('候车亭');
    await box.press('Enter');
    await see(main(staff).getByText('找到 1 件', { exact: true }));
    await see(main(staff).locator('.search-hit-snippet mark').getByText('候车亭', { exact: true }));
    await pick(staff, main(staff).getByLabel('承办单位', { exact: true }), '市卫健委');
    await see(main(staff).getByText('没有找到匹配的提案', { exact: true }));
  });

  it('a member writing a repeat sees the similar past proposal and its reply while typing', { timeout: 300_000 }, async (test) => {
    const PAST = '关于加强河道垃圾清理的提案';
    const REPLY = '已将河道保洁纳入城市管理考核，增设打捞船三艘。';
    await seedProposal(e2e, { title: PAST, body: '部分河道漂浮垃圾较多，建议加强河道保洁，增加打捞设备，落实河长巡查责任。' },
      [['member2', 'submit'], ['staff', 'file'], ['staff', 'assign', lead()], ['unitA', 'sign'], ['unitA', 'reply', { category: 'A', content: REPLY }],
        // published: another member's proposal shows in the duplicate check only if the writer may open it
        ['member2', 'evaluate', { satisfaction: 'satisfied' }], ['staff', 'publish']]);
    const member = await logInAs(e2e, test, 'member');
    await member.goto('/proposals/new');
    await member.getByLabel('标题', { exact: true }).fill('关于做好河道垃圾打捞的建议');
    await member.getByLabel('正文', { exact: true }).fill('建议增加河道打捞设备，加强河道保洁和垃圾清理，压实河长巡查责任。');
    const similar = main(member).getByRole('list', { name: '已有相似提案，请避免重复提交' });
    const past = similar.getByRole('listitem').filter({ hasText: PAST });
    await see(past.getByRole('link', { name: PAST }));
    await see(past.getByText(`答复：${REPLY}`, { exact: true }));
  });
});
