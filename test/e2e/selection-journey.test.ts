// In a real browser, 优秀提案评选 from opening a round to its public results, each step by the user
// whose step it is: staff open this year's round and correct its set-up; 张三 (member) finds the
// nomination on his to-do list, nominates his closed proposal, withdraws it and nominates it again;
// staff close the proposer level and score it at the
// proposal committee's level; 市教育局, its lead unit, scores it at the unit level; staff close the
// remaining levels and announce. The public results page shows the excellent proposal and unit
// without a login, the honour lands on 张三's profile, and the round's history shows every step.
// Embedded database only: the browser exercises the UI, the HTTP tests cover both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { proposalIn } from '../helpers.ts';
import { thisYear } from '../selection-helpers.ts';
import { WAIT, logIn, see, seeTexts, startE2E, type E2E } from './browser.ts';
import { confirm, opened, popconfirm } from './ui.ts';

const NAME = '年度优秀提案评选（演示）';
const TITLE = '关于推进社区嵌入式养老服务的提案';
const LEVELS = ['提案人自荐', '提案委员会初评', '承办单位推荐', '党委政府督查部门审核', '主席会议审议', '常委会议表彰'];

const main = (page: Page) => page.getByRole('main');
// (Not exact: a button's name includes its icon's, e.g. "plus 新建评选".)
const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name });
const dialog = (page: Page, name: string) => page.getByRole('dialog', { name });
const toast = (page: Page, text: string) => see(page.locator('.ant-message').getByText(text, { exact: true }));
/** A titled antd card. */
const card = (page: Page, title: string) =>
  main(page).locator('.ant-card').filter({ has: page.locator('.ant-card-head-title').getByText(title, { exact: true }) });
/** The card of the level on view ("2. 提案委员会初评"). */
const levelCard = (page: Page, position: number) =>
  card(page, `${position}. ${LEVELS[position - 1]}`);

async function logInAs(e2e: E2E, test: TestContext, username: string): Promise<Page> {
  const page = await e2e.page(test, { viewport: { width: 1280, height: 900 } });
  await page.goto('/login');
  await logIn(page, username, e2e.t.fx.password);
  await see(main(page).getByText('待办事项', { exact: true }));
  return page;
}

/**
 * Staff close the level under way, keeping the preselected pass list. Where scores are missing
 * (`unfinished`: who has not finished, as the dialog names them) it asks first: closing takes a tick.
 */
async function closeLevel(staff: Page, position: number, unfinished?: string) {
  await see(levelCard(staff, position));
  await button(main(staff), '结束本级').click();
  const form = await opened(dialog(staff, `结束“${LEVELS[position - 1]}”`));
  await expect.poll(() => form.getByRole('checkbox', { checked: true }).count()).toBe(1);
  if (unfinished) {
    await see(form.getByRole('alert').getByText('本级还有 1 件提案未评分（共 1 件）。', { exact: true }));
    await see(form.getByRole('alert').getByText(`尚未评完：${unfinished}`, { exact: true }));
    // Without the tick 确定 only asks for it (a click while the dialog still zooms in can be lost: again).
    const asked = form.getByText('请确认在评分未完成时结束本级', { exact: true });
    await expect.poll(async () => {
      if (!(await asked.isVisible())) await form.getByRole('button', { name: '确定' }).click();
      return asked.isVisible();
    }, { timeout: WAIT, interval: 1000 }).toBe(true);
    await form.getByRole('checkbox', { name: '我已知晓，仍结束本级' }).check();
  } else {
    expect(await form.getByRole('alert').count()).toBe(0);
  }
  await confirm(form);
  await toast(staff, `已结束“${LEVELS[position - 1]}”`);
}

/** Scores the entry on view, from its row. */
async function score(page: Page, value: number, comment: string) {
  await button(main(page), `评分 ${TITLE}`).click();
  const form = dialog(page, `评分：${TITLE}`);
  await form.getByLabel('分数（1–100）', { exact: true }).fill(String(value));
  await form.getByLabel('评语', { exact: true }).fill(comment);
  await confirm(form);
  await toast(page, '评分已保存');
}

/** The member nominates the proposal with a reason, from the nomination page. */
async function nominate(member: Page, reason: string) {
  await button(main(member), `推荐 ${TITLE}`).click();
  const form = dialog(member, `推荐：${TITLE}`);
  await form.getByLabel('推荐理由', { exact: true }).fill(reason);
  await confirm(form);
  await toast(member, '已推荐');
  await see(card(member, '已推荐的提案').getByText(TITLE, { exact: true }));
}

describe('excellent-proposal selection in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('goes from a new round through six levels to public results', { timeout: 480_000 }, async (test) => {
    // 张三's proposal, handled by 市教育局 and closed (through the API: not what this test is about).
    await proposalIn(e2e.t, 'closed', TITLE);

    // 1. Staff open this year's round, with the six levels of the seed speech.
    const staff = await logInAs(e2e, test, 'staff');
    await staff.getByRole('navigation', { name: '菜单' }).getByRole('link', { name: '优秀提案评选', exact: true }).click();
    await button(main(staff), '新建评选').click();
    const create = dialog(staff, '新建评选');
    await create.getByLabel('年度', { exact: true }).fill(String(thisYear()));
    await create.getByLabel('名称', { exact: true }).fill(`${NAME}草稿`);
    await confirm(create);
    await toast(staff, '已新建评选');
    await main(staff).getByRole('link', { name: `${NAME}草稿` }).click();
    await see(main(staff).getByRole('heading', { name: `${NAME}草稿` }));
    await seeTexts(main(staff).locator('.ant-steps-item-title'), LEVELS);
    // Before it starts they rename it and change the committee's quota; a level added and removed again changes nothing.
    await button(main(staff), '修改设置').click();
    const edit = dialog(staff, '修改评选设置');
    await edit.getByLabel('名称', { exact: true }).fill(NAME);
    await edit.locator('.ant-card').nth(1).getByLabel('推荐名额', { exact: true }).fill('35');
    await button(edit, '添加环节').click();
    await see(edit.locator('.ant-card').nth(6));
    await edit.getByRole('button', { name: '删除第 7 级' }).click();
    await confirm(edit);
    await toast(staff, '评选设置已保存');
    await see(main(staff).getByRole('heading', { name: NAME }));
    await seeTexts(main(staff).locator('.ant-steps-item-title'), LEVELS);
    await see(main(staff).getByText('推荐不超过 35 件', { exact: false }));

    // 2. 张三 finds the nomination on his to-do list and nominates his proposal with a reason.
    const member = await logInAs(e2e, test, 'member');
    await main(member).getByRole('link', { name: `优秀提案自荐：${NAME}（可推荐 1 件）` }).click();
    await nominate(member, '建议被民政部门采纳。');
    await see(main(member).getByText('没有可推荐的提案', { exact: true }));
    // He withdraws it, to give a fuller reason, and nominates it again.
    await button(card(member, '已推荐的提案'), `撤回 ${TITLE}`).click();
    await popconfirm(member, '确定');
    await toast(member, '已撤回推荐');
    await see(card(member, '已推荐的提案').getByText('本环节没有提案', { exact: true }));
    await nominate(member, '建议被民政部门采纳，已建成社区嵌入式养老服务站。');

    // 3. Staff close the proposer level; at the proposal committee's level they record its score.
    await staff.reload();
    await see(levelCard(staff, 1).getByRole('link', { name: TITLE }));
    await closeLevel(staff, 1);
    await see(levelCard(staff, 2).getByRole('link', { name: TITLE }));
    // The level's scoring progress: nothing scored yet, staff (the only reviewer here) not finished.
    const progress = levelCard(staff, 2).getByRole('group', { name: '评分进度' });
    await see(progress.getByText('还有 1 件未评分（共 1 件）', { exact: true }));
    await seeTexts(progress.getByRole('listitem'), ['staff 0/1']);
    expect(await progress.getByRole('listitem').getAttribute('title')).toBe('未评完');
    await score(staff, 90, '选题精准，调研扎实');
    await see(progress.getByText('1 件均已评分', { exact: true }));
    await seeTexts(progress.getByRole('listitem'), ['staff 1/1']);
    expect(await progress.getByRole('listitem').getAttribute('title')).toBe('已评完');
    await see(levelCard(staff, 2).getByText('我的评分 90', { exact: true }));
    await closeLevel(staff, 2);

    // 4. 市教育局, which led the handling, scores it at the unit level, seeing the earlier comment.
    const unit = await logInAs(e2e, test, 'unitA');
    await main(unit).getByRole('link', { name: '优秀提案评选·承办单位推荐：待评分 1 件' }).click();
    await see(levelCard(unit, 3).getByRole('link', { name: TITLE }));
    await levelCard(unit, 3).getByRole('button', { name: /展开行|Expand row/ }).click();
    await see(levelCard(unit, 3).getByText('· 选题精准，调研扎实', { exact: false }));
    await score(unit, 88, '建议已吸纳进年度工作要点');
    await unit.goto('/');
    await see(main(unit).getByText('暂无待办', { exact: false }));

    // 5. Staff close the remaining levels; the last one's choice waits to be announced.
    await staff.reload();
    await closeLevel(staff, 3);
    await closeLevel(staff, 4, 'staff 0/1');
    await closeLevel(staff, 5, 'leader 0/1、staff 0/1');
    await closeLevel(staff, 6, 'staff 0/1');
    await see(main(staff).getByText('待公布', { exact: true }));
    await button(main(staff), '公布结果').click();
    const announce = dialog(staff, '公布结果');
    await see(announce.locator('.ant-select-selection-item').getByText('市教育局', { exact: true }));
    await confirm(announce);
    await toast(staff, '评选结果已公布');
    await see(card(staff, '评选结果').getByRole('link', { name: TITLE }));
    // The round's history, oldest first: set-up, nominations, the withdrawal, scores, closed levels.
    const history = card(staff, '评选记录');
    await see(history.getByText('公布结果', { exact: true }));
    await see(history.getByText('新建评选', { exact: true }));
    await see(history.getByText('撤回推荐', { exact: true }));
    await see(history.getByText('名称：' + NAME, { exact: false }));

    // 6. Anyone reads the results without logging in.
    const visitor = await e2e.page(test, { viewport: { width: 390, height: 844 } });
    await visitor.goto('/public/selections');
    await main(visitor).getByRole('link', { name: NAME }).click();
    await see(main(visitor).getByRole('heading', { name: NAME }));
    // (The proposal is not published: its title shows without a link.)
    await see(card(visitor, '评选结果').getByText(TITLE, { exact: false }));
    await see(main(visitor).getByRole('list', { name: '提案办理先进单位' }).getByText('市教育局', { exact: true }));

    // 7. The honour lands on 张三's record.
    await member.goto(`/members/${e2e.t.fx.memberIds[0]}`);
    await see(card(member, '荣誉').getByText(`${thisYear()}年度优秀提案`, { exact: true }));
    await see(card(member, '荣誉').getByRole('link', { name: TITLE }));
  });
});
