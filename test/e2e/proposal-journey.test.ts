// In a real browser, a joint proposal from writing to 已办结, each step done and seen by the user
// whose step it is, each in their own browser context, logged in through the login page:
// 张三 (member) writes it naming 李四 (member2), who confirms; 张三 submits; staff file it and assign
// it to 市教育局 (lead) and 市卫健委 (co); 市卫健委 signs and sends its opinion; 市教育局 signs, logs a
// contact and replies (B); 张三 is not satisfied; 市教育局 replies again; 张三 is satisfied: closed.
// Then the key-proposal pages: staff mark one key with its leader, who follows it and logs a visit.
// Embedded database only: the browser exercises the UI, the HTTP tests cover both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { WAIT, logIn, see, seeCells, seeTexts, startE2E, type E2E } from './browser.ts';

const TITLE = '关于加强中小学课后服务的提案';
const BODY = '建议统筹课后服务经费，完善教师激励机制，引入卫生健康力量参与校园服务。';
const OPINION = '可统筹卫健资源，支持校园卫生服务。';
const CONTACT = '电话联系张三委员，沟通办理思路。';
const REPLY_1 = '已列入明年工作计划，拟分步实施。';
const REPLY_2 = '已出台课后服务实施方案，并落实专项经费。';

/** The day after a YYYY-MM-DD day. */
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
/** A YYYY-MM-DD day as the Chinese pages show it: 2026年1月9日. */
const shownDay = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

// ---- Small helpers over antd's markup, so the steps read as what a user does and sees. ----

const main = (page: Page) => page.getByRole('main');
const menuLink = (page: Page, name: string) => page.getByRole('navigation', { name: '菜单' }).getByRole('link', { name, exact: true });
const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });
const dialog = (page: Page, name: string) => page.getByRole('dialog', { name });
/** The tags under a proposal's heading: its state (and key/published tags). */
const stateTags = (page: Page) => main(page).getByRole('group', { name: '提案状态' }).locator('.ant-tag');
/** A titled antd card (基本信息, 答复, 历史记录, …). */
const card = (page: Page, title: string) =>
  main(page).locator('.ant-card').filter({ has: page.locator('.ant-card-head-title').getByText(title, { exact: true }) });
const row = (page: Page, text: string) => main(page).getByRole('row').filter({ hasText: text });
/** A toast (antd message). */
const toast = (page: Page, text: string) => see(page.locator('.ant-message').getByText(text, { exact: true }));

/**
 * Opens an antd select (typing `search` when given) and clicks the option with this label. The
 * dropdown is the one holding this select's list (id + "_list"): another select's dropdown may still
 * be fading out. Its visible options carry a title; its role="option" elements are an off-screen copy.
 */
async function pick(page: Page, select: Locator, option: string, search?: string) {
  const id = await select.getAttribute('id');
  await select.click();
  const dropdown = page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${id}_list"]`) });
  if (search) {
    await select.fill(search);
    // The options are asked of the server as one types: wait for the answer to the search, or the
    // click may land while the list is redrawn.
    await expect
      .poll(async () => {
        const titles = await dropdown.locator('.ant-select-item-option').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
        return titles.length > 0 && titles.every((t) => t.includes(search));
      }, { timeout: WAIT, interval: 100 })
      .toBe(true);
  }
  await dropdown.getByTitle(option, { exact: true }).click();
}

/** A new browser context for this user, logged in through the login page and at home. */
async function logInAs(e2e: E2E, test: TestContext, username: string): Promise<Page> {
  const page = await e2e.page(test, { viewport: { width: 1280, height: 900 } });
  await page.goto('/login');
  await logIn(page, username, e2e.t.fx.password);
  await see(main(page).getByText('待办事项', { exact: true }));
  return page;
}

/** Clicks an action button of the proposal page and, when it opens a form, returns its dialog. */
async function act(page: Page, action: string): Promise<Locator> {
  await button(main(page), action).click();
  return dialog(page, action);
}

/** Presses 确定 in a form dialog and waits for it to close. */
async function confirm(form: Locator) {
  // Not exact: after a refused submission antd may leave the faded-out loading icon in the button,
  // which then reads "loading 确定".
  await form.getByRole('button', { name: '确定' }).click();
  await form.waitFor({ state: 'hidden' });
}

/** The action labels of the history timeline, oldest first. */
async function historyActions(page: Page): Promise<string[]> {
  const items = await card(page, '历史记录').getByRole('listitem').allInnerTexts();
  return items.map((text) => text.trim().split('\n')[0]!.trim());
}

describe('proposal journey in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  /** Drives a proposal of 李四's through the API (for steps a test is not about). */
  async function seed(title: string, steps: [user: string, action: string, body?: object][]) {
    const t = e2e.t;
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as('member2'), payload: { title, body: BODY, kind: 'member' } });
    if (created.statusCode !== 201) throw new Error(`create: ${created.statusCode} ${created.body}`);
    const id = created.json().id as string;
    for (const [user, action, body] of steps) {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${id}/actions/${action}`, headers: await t.as(user), payload: body ?? {} });
      if (res.statusCode !== 200) throw new Error(`${user} ${action}: ${res.statusCode} ${res.body}`);
    }
  }

  it('a joint proposal goes from writing to closed, each step by its own user', { timeout: 480_000 }, async (test) => {
    // 1. 张三 writes a joint proposal naming 李四 as co-signer, and saves the draft.
    const member = await logInAs(e2e, test, 'member');
    await menuLink(member, '撰写提案').click();
    await see(main(member).getByRole('heading', { name: '撰写提案' }));
    await main(member).getByLabel('标题', { exact: true }).fill(TITLE);
    await pick(member, main(member).getByLabel('提案类别', { exact: true }), '联名提案');
    await pick(member, main(member).getByLabel('附议人', { exact: true }), '李四 · 经济界', '李四');
    await see(main(member).getByText('李四', { exact: true }));
    await main(member).getByLabel('正文', { exact: true }).fill(BODY);
    // A joint proposal is only saved: it can be submitted once the co-signers have confirmed.
    expect(await button(main(member), '保存并提交').count()).toBe(0);
    await button(main(member), '保存草稿').click();
    await toast(member, '草稿已保存');
    await see(main(member).getByRole('heading', { name: TITLE }));
    await seeTexts(stateTags(member), ['草稿']);
    await see(main(member).getByText('李四 · 待确认', { exact: true }));
    await see(main(member).getByText('附议人全部确认后才能提交。', { exact: true }));
    await see(button(main(member), '撤回'));
    expect(await button(main(member), '提交').count()).toBe(0);

    // 2. 李四 finds the request on the home page and among 附议请求, and confirms.
    const member2 = await logInAs(e2e, test, 'member2');
    await see(main(member2).getByRole('link', { name: `确认附议：${TITLE}` }));
    await menuLink(member2, '附议请求').click();
    const request = row(member2, TITLE);
    await see(request.getByText('张三', { exact: true }));
    await see(request.getByText('李四 · 待确认', { exact: true }));
    await button(request, `确认附议 ${TITLE}`).click();
    await toast(member2, '确认附议：已完成');
    await see(main(member2).getByText('没有符合条件的提案', { exact: true }));

    // 3. 张三 sees the confirmation and submits.
    await member.reload();
    await see(main(member).getByText('李四 · 已确认', { exact: true }));
    await act(member, '提交');
    await toast(member, '提交：已完成');
    await seeTexts(stateTags(member), ['已提交']);

    // 4. Staff file it from the review queue, then assign it to 市教育局 (lead) and 市卫健委 (co).
    const staff = await logInAs(e2e, test, 'staff');
    await see(main(staff).getByRole('link', { name: '待审查立案的提案 1 件' }));
    await menuLink(staff, '立案审查').click();
    await button(row(staff, TITLE), `审查 ${TITLE}`).click();
    const review = dialog(staff, TITLE);
    await seeTexts(review.getByRole('group', { name: '提案状态' }).locator('.ant-tag'), ['已提交']);
    await button(review, '立案').click();
    await toast(staff, '立案：已完成');
    await review.waitFor({ state: 'hidden' });

    await menuLink(staff, '交办').click();
    await button(row(staff, TITLE), `查看详情 ${TITLE}`).click();
    const drawer = dialog(staff, TITLE);
    await seeTexts(drawer.getByRole('group', { name: '提案状态' }).locator('.ant-tag'), ['已立案']);
    await button(drawer, '交办').click();
    const assign = dialog(staff, '交办');
    await pick(staff, assign.getByLabel('主办单位', { exact: true }), '市教育局');
    await pick(staff, assign.getByLabel('协办单位', { exact: true }), '市卫健委');
    await assign.getByText('交办', { exact: true }).click(); // closes the open dropdown
    await confirm(assign);
    await toast(staff, '交办：已完成');
    await drawer.waitFor({ state: 'hidden' });

    await menuLink(staff, '提案管理').click();
    const listed = row(staff, TITLE);
    await see(listed.getByText('已交办', { exact: true }));
    await see(listed.getByText('市教育局（主办）', { exact: true }));
    await see(listed.getByText('市卫健委（协办）', { exact: true }));

    // 5. 市卫健委 finds it (to-do and inbox), signs for it and sends its co-handling opinion.
    const unitB = await logInAs(e2e, test, 'unitB');
    await see(main(unitB).getByRole('link', { name: `签收或退回：${TITLE}` }));
    await menuLink(unitB, '交办件').click();
    const inboxB = row(unitB, TITLE);
    await see(inboxB.getByText('协办', { exact: true }));
    await see(inboxB.getByText('待签收或退回', { exact: true }));
    await see(inboxB.getByText(/^退回期限：/));
    await inboxB.getByRole('link', { name: TITLE }).click();
    await seeTexts(stateTags(unitB), ['已交办']);
    await act(unitB, '签收');
    await toast(unitB, '签收：已完成');
    const opinion = await act(unitB, '提交协办意见');
    await opinion.getByLabel('协办意见', { exact: true }).fill(OPINION);
    await confirm(opinion);
    await toast(unitB, '提交协办意见：已完成');
    await see(card(unitB, '承办单位').getByText(OPINION, { exact: true }));
    await seeTexts(stateTags(unitB), ['已交办']);
    await menuLink(unitB, '交办件').click();
    await see(row(unitB, TITLE).getByText('已提交协办意见', { exact: true }));

    // 6. 市教育局 signs, logs a contact (a date in the future is refused on the date field), and replies: B.
    const unitA = await logInAs(e2e, test, 'unitA');
    await see(main(unitA).getByRole('link', { name: `签收或退回：${TITLE}` }));
    await menuLink(unitA, '交办件').click();
    const inboxA = row(unitA, TITLE);
    await see(inboxA.getByText('主办', { exact: true }));
    await see(inboxA.getByText('待签收或退回', { exact: true }));
    await inboxA.getByRole('link', { name: TITLE }).click();
    await act(unitA, '签收');
    await toast(unitA, '签收：已完成');
    await seeTexts(stateTags(unitA), ['办理中']);

    const contact = await act(unitA, '记录办理过程');
    await contact.getByRole('radio', { name: '电话', exact: true }).check();
    const date = contact.getByLabel('日期', { exact: true });
    const today = await date.inputValue(); // the form starts at today (in China, as the server counts)
    await date.fill(dayAfter(dayAfter(today))); // (two days ahead: still the future should midnight pass meanwhile)
    await contact.getByLabel('办理情况', { exact: true }).fill(CONTACT);
    await button(contact, '确定').click();
    await see(contact.getByText('must not be in the future', { exact: true }));
    await date.fill(today);
    await confirm(contact);
    await toast(unitA, '记录办理过程：已完成');
    await see(card(unitA, '办理过程').getByText(CONTACT, { exact: true }));

    const reply1 = await act(unitA, '答复');
    await reply1.getByRole('radio', { name: 'B 列入计划拟解决', exact: true }).check();
    await reply1.getByLabel('答复内容', { exact: true }).fill(REPLY_1);
    await reply1.getByLabel('签发人', { exact: true }).fill('王局长');
    await confirm(reply1);
    await toast(unitA, '答复：已完成');
    await seeTexts(stateTags(unitA), ['已答复']);
    await see(card(unitA, '答复').getByText(REPLY_1, { exact: true }));

    // 7. 张三 is asked to evaluate, reads the reply, and is not satisfied: it goes back to the unit.
    await member.goto('/');
    await member.getByRole('link', { name: `评价答复：${TITLE}` }).click();
    await seeTexts(stateTags(member), ['已答复']);
    const replies = card(member, '答复');
    await see(replies.getByText('第 1 轮答复', { exact: true }));
    await see(replies.getByText('B 列入计划拟解决', { exact: true }));
    await see(replies.getByText(REPLY_1, { exact: true }));
    const unsatisfied = await act(member, '评价办理');
    await unsatisfied.getByRole('radio', { name: '不满意', exact: true }).check();
    await unsatisfied.getByRole('radio', { name: '是', exact: true }).check();
    await unsatisfied.getByLabel('意见', { exact: true }).fill('措施不够具体，请细化时间表。');
    await confirm(unsatisfied);
    await toast(member, '评价办理：已完成');
    await seeTexts(stateTags(member), ['重新办理']);

    // 8. 市教育局 sees it back (重新办理) and replies again: A.
    await unitA.reload();
    await seeTexts(stateTags(unitA), ['重新办理']);
    await see(card(unitA, '办理评价').getByText('不满意', { exact: true }));
    const reply2 = await act(unitA, '答复');
    await reply2.getByRole('radio', { name: 'A 已解决或采纳', exact: true }).check();
    await reply2.getByLabel('答复内容', { exact: true }).fill(REPLY_2);
    await confirm(reply2);
    await toast(unitA, '答复：已完成');
    await seeTexts(stateTags(unitA), ['已答复']);
    await see(card(unitA, '答复').getByText('第 2 轮答复', { exact: true }));

    // 9. 张三 reads the second reply and is satisfied: 已办结.
    await member.reload();
    await see(card(member, '答复').getByText(REPLY_2, { exact: true }));
    const satisfied = await act(member, '评价办理');
    await satisfied.getByRole('radio', { name: '满意', exact: true }).check();
    await confirm(satisfied);
    await toast(member, '评价办理：已完成');
    await seeTexts(stateTags(member), ['已办结']);
    await see(card(member, '基本信息').getByText('办结时间', { exact: true }));

    // 10. Staff see it closed, and its history lists every step in order.
    await menuLink(staff, '提案管理').click();
    await staff.reload();
    const closed = row(staff, TITLE);
    await see(closed.getByText('已办结', { exact: true }));
    await closed.getByRole('link', { name: TITLE }).click();
    await seeTexts(stateTags(staff), ['已办结']);
    const steps = ['创建草稿', '确认附议', '提交', '立案', '交办', '签收', '提交协办意见', '签收', '记录办理过程', '答复', '评价办理', '答复', '评价办理'];
    await expect.poll(() => historyActions(staff), { timeout: 20_000 }).toEqual(steps);
    const history = card(staff, '历史记录');
    await see(history.getByText('不满意', { exact: true }));
    await see(history.getByText('满意', { exact: true }));
  });

  it('staff mark a proposal key with its leader, who follows it on the key board and logs a supervision visit', { timeout: 240_000 }, async (test) => {
    const KEY_TITLE = '关于优化公交线路的提案';
    const OUTCOME = '与市教育局座谈，明确错峰接送线路的试点学校。';
    await seed(KEY_TITLE, [['member2', 'submit'], ['staff', 'file'], ['staff', 'assign', { units: [{ unitId: e2e.t.fx.unitIds.a, role: 'lead' }] }]]);

    // Staff pick the leader from the list of leaders.
    const staff = await logInAs(e2e, test, 'staff');
    await menuLink(staff, '提案管理').click();
    await row(staff, KEY_TITLE).getByRole('link', { name: KEY_TITLE }).click();
    await seeTexts(stateTags(staff), ['已交办']);
    const markKey = await act(staff, '列为重点提案');
    await pick(staff, markKey.getByLabel('领办领导', { exact: true }), 'leader');
    await confirm(markKey);
    await toast(staff, '列为重点提案：已完成');
    await seeTexts(stateTags(staff), ['已交办', '重点提案']);
    await see(card(staff, '督办记录').getByText('尚无督办记录', { exact: true }));

    // The staff's key board: every key proposal with its leader, not supervised yet.
    await menuLink(staff, '重点提案督办').click();
    const onBoard = row(staff, KEY_TITLE);
    await seeCells(onBoard, [KEY_TITLE, '已交办', '李四', 'leader', '市教育局']);
    await see(onBoard.getByRole('cell', { name: '0', exact: true }));
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
    const visit = dialog(leader, '记录督办');
    await visit.getByRole('radio', { name: '座谈', exact: true }).check();
    const today = shownDay(await visit.getByLabel('日期', { exact: true }).inputValue()); // today, by default
    await visit.getByLabel('参加人员', { exact: true }).fill('leader、市教育局分管副局长');
    await visit.getByLabel('督办情况', { exact: true }).fill(OUTCOME);
    await confirm(visit);
    await toast(leader, '记录督办：已完成');
    await see(log.getByText(OUTCOME, { exact: true }));
    await see(log.getByText('座谈', { exact: true }));
    await see(card(leader, '历史记录').getByText('督办', { exact: true }));

    await menuLink(leader, '我领办的重点提案').click();
    await see(row(leader, KEY_TITLE).getByRole('cell', { name: today, exact: true }));
    await see(row(leader, KEY_TITLE).getByRole('cell', { name: '1', exact: true }));

    // Staff see the visit counted on their board.
    await staff.reload();
    await see(row(staff, KEY_TITLE).getByRole('cell', { name: today, exact: true }));
  });
});
