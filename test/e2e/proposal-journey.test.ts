// In a real browser, a joint proposal from writing to 已办结, each step done and seen by the user
// whose step it is, each in their own browser context, logged in through the login page:
// 张三 (member) writes it naming 李四 (member2), who confirms; 张三 submits; staff file it and assign
// it to 市教育局 (lead) and 市卫健委 (co); 市卫健委 signs and sends its opinion; 市教育局 signs, logs a
// contact and replies (B); 张三 is not satisfied; 市教育局 replies again; 张三 is satisfied: closed.
// Embedded database only: the browser exercises the UI, the HTTP tests cover both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { see, seeTexts, startE2E, type E2E } from './browser.ts';
import { act, press, agree, button, card, confirm, consoleErrors, dialog, logInAs, main, menuLink, opened, pick, row, shownDay, stateTags, toast } from './ui.ts';
import { proposalIn } from '../helpers.ts';

const TITLE = '关于加强中小学课后服务的提案';
const BODY = '建议统筹课后服务经费，完善教师激励机制，引入卫生健康力量参与校园服务。';
const OPINION = '可统筹卫健资源，支持校园卫生服务。';
const CONTACT = '电话联系张三委员，沟通办理思路。';
const REPLY_1 = '已列入明年工作计划，拟分步实施。';
const REPLY_2 = '已出台课后服务实施方案，并落实专项经费。';

/** The action labels of the history timeline, oldest first. */
async function historyActions(page: Page): Promise<string[]> {
  const items = await card(page, '历史记录').getByRole('listitem').allInnerTexts();
  return items.map((text) => text.trim().split('\n')[0]!.trim());
}

describe('proposal journey in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('a joint proposal goes from writing to closed, each step by its own user', { timeout: 480_000 }, async (test) => {
    // 1. 张三 writes a joint proposal naming 李四 as co-signer, and saves the draft.
    const member = await logInAs(e2e, test, 'member');
    await menuLink(member, '撰写提案').click();
    await see(main(member).getByRole('heading', { name: '撰写提案' }));
    await main(member).getByLabel('标题', { exact: true }).fill(TITLE);
    await pick(member, main(member).getByLabel('提案类别', { exact: true }), '联名提案');
    const cosigner = main(member).getByText('李四', { exact: true });
    await pick(member, main(member).getByLabel('附议人', { exact: true }), '李四 · 经济界', '李四', cosigner);
    await see(cosigner);
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
    await toast(member2, '已确认附议');
    await see(main(member2).getByText('没有等您确认的附议请求', { exact: true }));

    // 3. 张三 sees the confirmation and submits.
    await member.reload();
    await see(main(member).getByText('李四 · 已确认', { exact: true }));
    await press(member, '提交');
    await toast(member, '已提交');
    await seeTexts(stateTags(member), ['已提交']);

    // 4. Staff file it from the review queue, then assign it to 市教育局 (lead) and 市卫健委 (co).
    const staff = await logInAs(e2e, test, 'staff');
    await see(main(staff).getByRole('link', { name: '待审查立案的提案 1 件' }));
    await menuLink(staff, '立案审查').click();
    await button(row(staff, TITLE), `审查 ${TITLE}`).click();
    const review = dialog(staff, TITLE);
    await seeTexts(review.getByRole('group', { name: '提案状态' }).locator('.ant-tag'), ['已提交']);
    // Filing cannot be undone: it asks first, then says the number the proposal got.
    await button(review, '立案').click();
    await see(dialog(staff, '立案后提案将编号，不能撤销。确定立案吗？'));
    await agree(staff, '立案');
    const filed = await e2e.t.app.inject({ method: 'GET', url: `/api/v1/proposals?q=${encodeURIComponent(TITLE)}`, headers: await e2e.t.as('staff') });
    const number = String(filed.json().items[0].number).padStart(4, '0');
    await toast(staff, `已立案，编号 第${number}号`);
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
    await toast(staff, '已交办');
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
    await press(unitB, '签收');
    await toast(unitB, '已签收');
    const opinion = await act(unitB, '提交协办意见');
    await opinion.getByLabel('协办意见', { exact: true }).fill(OPINION);
    await confirm(opinion);
    await toast(unitB, '协办意见已提交');
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
    await press(unitA, '签收');
    await toast(unitA, '已签收');
    await seeTexts(stateTags(unitA), ['办理中']);

    const contact = await act(unitA, '记录办理过程');
    await contact.getByRole('radio', { name: '电话', exact: true }).check();
    // The date picker starts at today (in China, as the server counts), written as the pages write days.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect(await contact.getByLabel('日期', { exact: true }).inputValue()).toBe(shownDay(today));
    await contact.getByLabel('办理情况', { exact: true }).fill(CONTACT);
    await confirm(contact);
    await toast(unitA, '办理过程已记录');
    await see(card(unitA, '办理过程').getByText(CONTACT, { exact: true }));

    // The reply is the lead unit's job: its button is the prominent one, not logging a contact's.
    expect(await button(main(unitA), '答复').getAttribute('class')).toContain('ant-btn-primary');
    expect(await button(main(unitA), '记录办理过程').getAttribute('class')).not.toContain('ant-btn-primary');
    const reply1 = await act(unitA, '答复');
    // 市卫健委's opinion is in: the form names no co-handling unit still to send one.
    expect(await reply1.getByText(/尚未提交协办意见/).count()).toBe(0);
    await reply1.getByRole('radio', { name: 'B 列入计划拟解决', exact: true }).check();
    await reply1.getByLabel('答复内容', { exact: true }).fill(REPLY_1);
    await reply1.getByLabel('签发人', { exact: true }).fill('王局长');
    await confirm(reply1, '答复');
    await toast(unitA, '答复已提交');
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
    await unsatisfied.getByRole('radiogroup', { name: '对办理工作' }).getByRole('radio', { name: '不满意', exact: true }).check();
    await unsatisfied.getByRole('radiogroup', { name: '对办理结果' }).getByRole('radio', { name: '不满意', exact: true }).check();
    // How the unit made contact is asked only once it did.
    expect(await unsatisfied.getByLabel('联系方式', { exact: true }).count()).toBe(0);
    await unsatisfied.getByRole('radio', { name: '是', exact: true }).check();
    await pick(member, unsatisfied.getByLabel('联系方式', { exact: true }), '电话联系');
    await unsatisfied.getByLabel('意见', { exact: true }).fill('措施不够具体，请细化时间表。');
    await confirm(unsatisfied, '评价办理');
    await toast(member, '评价已提交，谢谢');
    await seeTexts(stateTags(member), ['重新办理']);

    // 8. 市教育局 sees it back (重新办理) and replies again: A.
    await unitA.reload();
    await seeTexts(stateTags(unitA), ['重新办理']);
    await see(card(unitA, '办理评价').getByText('不满意', { exact: true }));
    await see(card(unitA, '办理评价').getByText('结果不满意', { exact: true }));
    const reply2 = await act(unitA, '答复');
    await reply2.getByRole('radio', { name: 'A 已解决或采纳', exact: true }).check();
    await reply2.getByLabel('答复内容', { exact: true }).fill(REPLY_2);
    await confirm(reply2, '答复');
    await toast(unitA, '答复已提交');
    await seeTexts(stateTags(unitA), ['已答复']);
    await see(card(unitA, '答复').getByText('第 2 轮答复', { exact: true }));

    // 9. 张三 reads the second reply and is satisfied: 已办结.
    await member.reload();
    await see(card(member, '答复').getByText(REPLY_2, { exact: true }));
    const satisfied = await act(member, '评价办理');
    await satisfied.getByRole('radiogroup', { name: '对办理工作' }).getByRole('radio', { name: '满意', exact: true }).check();
    await confirm(satisfied, '评价办理');
    await toast(member, '评价已提交，谢谢');
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

  it('staff send a proposal back for revision from the review queue; the proposer reads why and mends the draft', { timeout: 240_000 }, async (test) => {
    const title = '关于加强物业管理和垃圾分类的提案';
    const id = await proposalIn(e2e.t, 'submitted', title);
    const staff = await logInAs(e2e, test, 'staff');
    const staffErrors = consoleErrors(staff);
    await menuLink(staff, '立案审查').click();
    await button(row(staff, title), `审查 ${title}`).click();
    const review = dialog(staff, title);
    await button(review, '退回修改').click();
    const form = await opened(dialog(staff, '退回修改'));
    await form.getByLabel('需要修改的地方（将告知提案人）', { exact: true }).fill('一事一案：请将物业管理与垃圾分类分为两件提案');
    await confirm(form);
    await toast(staff, '已退回提案人修改');

    const member = await logInAs(e2e, test, 'member');
    await member.goto(`/proposals/${id}`);
    await seeTexts(stateTags(member), ['草稿']);
    // Why, at the top of the draft (not only at the foot of its history).
    const notice = main(member).getByRole('alert').filter({ hasText: '提案办已退回修改' });
    await see(notice.getByText('一事一案：请将物业管理与垃圾分类分为两件提案', { exact: true }));
    await see(card(member, '历史记录').getByText('一事一案：请将物业管理与垃圾分类分为两件提案', { exact: true }));
    await see(main(member).getByRole('button', { name: /修改/ }).first());
    // The queue did not ask again for the proposal it may no longer read (two 404s before).
    expect(staffErrors).toEqual([]);
  });

  it('staff set the domain of a proposal under review; its history says from what to what', { timeout: 240_000 }, async (test) => {
    const title = '关于发展夜间文旅消费的提案';
    const id = await proposalIn(e2e.t, 'submitted', title);
    const staff = await logInAs(e2e, test, 'staff');
    const errors = consoleErrors(staff);
    await menuLink(staff, '立案审查').click();
    await button(row(staff, title), `审查 ${title}`).click();
    await button(dialog(staff, title), '调整领域').click();
    const form = await opened(dialog(staff, '调整领域'));
    await pick(staff, form.getByLabel('领域', { exact: true }), '经济');
    await confirm(form);
    await toast(staff, '已调整领域');
    await staff.goto(`/proposals/${id}`);
    await see(card(staff, '历史记录').getByText('— → 经济', { exact: true }));
    await see(main(staff).getByText('经济', { exact: true }).first());
    expect(errors).toEqual([]);
  });
});
