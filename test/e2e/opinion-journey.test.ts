// In a real browser, a 社情民意 report from writing to adopted, each step by its own user in their
// own browser context: 张三 (member, a standing member: 3 reports a year) writes it, watching the
// character count against the 1,500 limit and his quota, and submits it; staff find it on their
// to-do list, approve it (numbered 社情民意〔year〕第1期, signed), forward it to the city's party
// committee, record its adoption by the city government and the mayor's 批示; 张三 sees it adopted.
// On a phone, 张三 learns from the bell that another report was returned, opens it from the drawer,
// and loads his older notices a page at a time.
// Embedded database only: the browser exercises the UI, the HTTP tests cover both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { notifications } from '../../src/server/core/jobs-schema.ts';
import { opinionIn } from '../helpers.ts';
import { logIn, see, seeTexts, startE2E, WAIT, type E2E } from './browser.ts';
import { act, button, card, confirm, logInAs, main, pick, row, toast } from './ui.ts';

const TITLE = '关于老旧小区加装电梯推进缓慢的情况反映';
const BODY = '近期不少居民反映，老旧小区加装电梯意愿强烈，但落地项目不多。建议由街道牵头建立协商机制，推行并联审批。';
const INSTRUCTION = '请市住建局牵头研究，月底前提出落实方案。';
const YEAR = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4);

/** The tags under a report's heading: its state. */
const stateTags = (page: Page) => main(page).getByRole('group', { name: '社情民意状态' }).locator('.ant-tag');
/** Opens the 社情民意 menu group and clicks one of its pages. */
async function openMenu(page: Page, name: string) {
  const nav = page.getByRole('navigation', { name: '菜单' });
  const link = nav.getByRole('link', { name, exact: true });
  if (!(await link.isVisible())) await nav.getByText('社情民意', { exact: true }).click();
  const href = await link.getAttribute('href');
  // A click while the group is still unfolding can be lost (seen once on a busy machine): click until the page is there.
  const at = () => new URL(page.url()).pathname;
  await expect.poll(async () => { if (at() !== href) await link.click(); return at(); }, { timeout: WAIT }).toBe(href);
}

describe('public-opinion report journey in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('a member writes a report; staff approve, forward it and record its adoption and a 批示; the member sees it adopted', { timeout: 360_000 }, async (test) => {
    // 1. 张三 writes the report: the count follows his typing, and too long a text is refused on the field.
    const member = await logInAs(e2e, test, 'member');
    await openMenu(member, '撰写社情民意');
    await see(main(member).getByRole('heading', { name: '撰写社情民意' }));
    const quota = main(member).getByRole('group', { name: `${YEAR} 年度任务` });
    await see(quota.getByText('已提交 0 / 3 篇', { exact: true }));
    await see(quota.getByText('常委每年 3 篇', { exact: true }));
    await main(member).getByLabel('标题', { exact: true }).fill(TITLE);
    const body = main(member).getByLabel('正文', { exact: true });
    await body.fill('字'.repeat(1501));
    await see(main(member).getByText('1501 / 1500', { exact: true }));
    await see(main(member).getByText('正文不超过 1500 字', { exact: true }));
    await body.fill(BODY);
    await see(main(member).getByText(`${[...BODY].length} / 1500`, { exact: true }));
    await button(main(member), '保存并提交').click();
    await toast(member, '已提交');
    await see(main(member).getByRole('heading', { name: TITLE }));
    await seeTexts(stateTags(member), ['待审核']);
    await see(button(main(member), '撤回'));

    // 2. Staff find it on their to-do list and in the review queue, and approve it with a signer.
    const staff = await logInAs(e2e, test, 'staff');
    await main(staff).getByRole('link', { name: '待审核的社情民意信息 1 篇' }).click();
    await see(main(staff).getByRole('heading', { name: '社情民意审核' }));
    await row(staff, TITLE).getByRole('link', { name: TITLE }).click();
    await seeTexts(stateTags(staff), ['待审核']);
    const approve = await act(staff, '审核编发');
    await expect.poll(() => approve.getByLabel('正文（可编辑）', { exact: true }).inputValue()).toBe(BODY);
    await approve.getByLabel('签发人', { exact: true }).fill('王秘书长');
    await confirm(approve, '审核编发');
    await toast(staff, `已编发，期号 社情民意〔${YEAR}〕第1期`);
    await seeTexts(stateTags(staff), ['已编发']);
    await see(main(staff).getByText(`社情民意〔${YEAR}〕第1期`).first());
    await see(card(staff, '基本信息').getByText('王秘书长', { exact: true }));

    // 3. Forwarded to the city's party committee office.
    const forward = await act(staff, '报送');
    await pick(staff, forward.getByLabel('报送单位', { exact: true }), '市委办公室');
    await forward.getByText('报送单位', { exact: true }).click(); // closes the open dropdown
    await confirm(forward, '报送');
    await toast(staff, '已报送');
    await seeTexts(stateTags(staff), ['已报送']);
    await see(card(staff, '基本信息').getByText('市委办公室', { exact: true }));

    // 4. Adopted by the city government; the mayor's 批示.
    const adopt = await act(staff, '记录采用');
    await adopt.getByRole('radio', { name: '市级', exact: true }).check();
    await adopt.getByLabel('采用单位', { exact: true }).fill('市政府办公室');
    await confirm(adopt);
    await toast(staff, '采用情况已记录');
    await seeTexts(stateTags(staff), ['已采用']);
    await see(card(staff, '采用情况').getByText('市政府办公室', { exact: true }));

    const instruct = await act(staff, '记录批示');
    await instruct.getByLabel('批示领导', { exact: true }).fill('李明');
    await instruct.getByLabel('职务', { exact: true }).fill('市长');
    await instruct.getByRole('radio', { name: '市级', exact: true }).check();
    await instruct.getByLabel('批示内容', { exact: true }).fill(INSTRUCTION);
    await confirm(instruct);
    await toast(staff, '批示已记录');
    const instructions = card(staff, '领导批示');
    await see(instructions.getByText('市长 李明', { exact: true }));
    await see(instructions.getByText(INSTRUCTION, { exact: true }));

    // 5. 张三 sees it adopted in his list and on its page, with the 批示, and his year's progress.
    await member.goto('/');
    await openMenu(member, '我的社情民意');
    await see(main(member).getByRole('group', { name: `${YEAR} 年度任务` }).getByText('已提交 1 / 3 篇', { exact: true }));
    const mine = row(member, TITLE);
    await see(mine.getByText('已采用', { exact: true }));
    await see(mine.getByText('市级', { exact: true }));
    await see(mine.getByText(`社情民意〔${YEAR}〕第1期`, { exact: true }));
    await mine.getByRole('link', { name: TITLE }).click();
    await seeTexts(stateTags(member), ['已采用']);
    await see(card(member, '采用情况').getByText('市政府办公室', { exact: true }));
    await see(card(member, '领导批示').getByText(INSTRUCTION, { exact: true }));
    expect(await button(main(member), '撤回').count()).toBe(0);
    const history = card(member, '历史记录');
    for (const step of ['创建', '提交', '审核编发', '报送', '记录采用', '记录批示']) await see(history.getByText(step, { exact: true }));
  });

  it('on a phone, the bell tells the member a report was returned; he loads older notices and opens the report from there', { timeout: 180_000 }, async (test) => {
    const { t } = e2e;
    // 25 older notices, read, a day apart; then staff return a report of his.
    const old = Array.from({ length: 25 }, (_, i) => ({
      orgId: t.fx.orgId, userId: t.fx.userIds.member!, kind: 'note', title: `旧通知 ${i + 1}`, body: '', href: null,
      createdAt: new Date(Date.now() - (30 - i) * 86_400_000), readAt: new Date(Date.now() - (29 - i) * 86_400_000),
    }));
    await t.database.db.insert(notifications).values(old);
    const returned = '关于规范校外培训收费的情况反映';
    const id = await opinionIn(t, 'returned', returned);

    const page = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto('/login');
    await logIn(page, 'member', t.fx.password);
    await see(main(page).getByText('待办事项', { exact: true }));
    const bell = page.getByRole('button', { name: /^通知，\d+ 条未读$/ });
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: WAIT }).not.toBe('通知，0 条未读');
    await bell.click();
    const drawer = page.getByRole('dialog', { name: '通知' });
    await see(drawer.getByText('全部', { exact: true }));
    await see(drawer.getByText('只看未读', { exact: true }));
    const notice = drawer.getByRole('listitem').filter({ hasText: `社情民意信息被退回修改：${returned}` });
    await see(notice.getByText('请补充具体数据', { exact: true }));

    // The first page holds the newest 20: the oldest notices come with the next.
    expect(await drawer.getByText('旧通知 1', { exact: true }).count()).toBe(0);
    const more = drawer.getByRole('button', { name: /^加载更早的通知（已显示 20 \/ \d+ 条）$/ });
    await more.click();
    await see(drawer.getByText('旧通知 1', { exact: true }));
    await see(drawer.getByText('旧通知 25', { exact: true }));
    expect(await drawer.getByText('旧通知 12', { exact: true }).count()).toBe(1);

    // Opening the notice goes to the report, to revise; it is read now.
    await notice.getByRole('link', { name: `社情民意信息被退回修改：${returned}` }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: WAIT }).toBe(`/opinions/${id}`);
    await see(main(page).getByRole('heading', { name: returned }));
    await seeTexts(stateTags(page), ['退回修改']);
    await bell.click();
    await see(notice);
    await expect.poll(() => notice.locator('.ant-badge-status-processing').count(), { timeout: WAIT }).toBe(0);
  });

  it('on a phone, the hint under the body and its counter do not overlap', { timeout: 120_000 }, async (test) => {
    const page = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto('/login');
    await logIn(page, 'member', e2e.t.fx.password);
    await see(main(page).getByText('待办事项', { exact: true }));
    await page.goto('/opinions/new');
    const body = main(page).locator('.ant-form-item').filter({ has: page.getByLabel('正文', { exact: true }) });
    const hint = body.locator('.ant-form-item-extra');
    const counter = body.getByText(/^0 \/ \d+$/);
    await see(hint);
    await see(counter);
    // The boxes of the hint's lines of text, and the counter's.
    const lines = await hint.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return [...range.getClientRects()].map(({ x, y, width, height }) => ({ x, y, width, height }));
    });
    const c = (await counter.boundingBox())!;
    const overlapping = lines.filter((l) => l.x < c.x + c.width && c.x < l.x + l.width && l.y < c.y + c.height && c.y < l.y + l.height);
    expect(overlapping, `counter at ${JSON.stringify(c)}`).toEqual([]);
  });
});
