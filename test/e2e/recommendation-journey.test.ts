// In a real browser, a recommendation (建议) of a consultation handled as a proposal is: 市教育局's
// clerk, on a phone, finds it in the to-dos and the inbox, signs for it and replies on its page
// (the proposal's action bar and forms); staff then read the reply on the consultation page and the
// recommendation's own, and record its outcome; the 督办看板 shows it among the due. Embedded database only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plusDays, today } from '../../src/server/modules/handling/deadlines.ts';
import { logIn, see, startE2E, type E2E } from './browser.ts';
import { act, press, button, card, confirm, consoleErrors, dialog, logInAs, main, pick, toast } from './ui.ts';

const CONSULTATION = '关于社区养老服务的双月协商';
const TITLE = '建设社区嵌入式养老机构';
const REPLY = '已在12个街道建成嵌入式养老机构。';

describe('a recommendation in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  /** The steps the journey is not about, through the API. */
  const api = async (user: string, url: string, payload: object) => {
    const res = await e2e.t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: await e2e.t.as(user), payload });
    if (res.statusCode >= 300) throw new Error(`${user} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as { id: string };
  };

  it('is signed for and replied to by a unit on a phone, and staff read the reply', { timeout: 300_000 }, async (test) => {
    const c = await api('staff', '/consultations', { title: CONSULTATION, kind: 'bimonthly', year: Number(today().slice(0, 4)) });
    for (const a of ['prepare', 'convene', 'conclude']) await api('staff', `/consultations/${c.id}/actions/${a}`, {});
    const rec = await api('staff', `/consultations/${c.id}/recommendations`, { title: TITLE, content: '建议每个街道至少建成一家。' });

    // Staff assign it on its page, with the proposal's form (no units suggested: those are learned from proposals).
    const staff = await logInAs(e2e, test, 'staff');
    const errors = consoleErrors(staff);
    await staff.goto(`/recommendations/${rec.id}`);
    await see(main(staff).getByRole('heading', { name: `建议1：${TITLE}` }));
    await button(main(staff), '交办').click();
    const assign = dialog(staff, '交办');
    await pick(staff, assign.getByLabel('主办单位', { exact: true }), '市教育局');
    await assign.getByLabel('答复期限', { exact: true }).fill(plusDays(today(), 10));
    await assign.getByText('交办', { exact: true }).click(); // closes the open picker
    await confirm(assign);
    await toast(staff, '已交办');
    expect(errors).toEqual([]);

    // Staff: on the 督办看板 it is due within 14 days under 市教育局, not yet signed for.
    await staff.goto('/proposals/board');
    const board = card(staff, '协商建议');
    await board.getByText('市教育局', { exact: true }).click();
    const due = board.getByRole('listitem').filter({ hasText: TITLE });
    await see(due.getByText('未签收', { exact: true }));
    await see(due.getByText(CONSULTATION, { exact: true }));

    // The clerk, on a phone: the to-do, then the inbox's recommendations tab with what is owed.
    const unit = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await unit.goto('/login');
    await logIn(unit, 'unitA', e2e.t.fx.password);
    await see(main(unit).getByRole('link', { name: `签收或退回建议：${TITLE}（${CONSULTATION}）` }));
    await unit.goto('/proposals/inbox');
    // Both tabs export what they list: the proposals, the unit's own.
    expect(await main(unit).getByRole('link', { name: /导出 Excel/ }).getAttribute('href')).toContain(`unitId=${e2e.t.fx.unitIds.a}`);
    await main(unit).getByRole('tab', { name: '协商建议' }).click();
    const listed = main(unit).getByRole('listitem').filter({ hasText: TITLE });
    await see(listed.getByText('待签收或退回', { exact: true }));
    await see(listed.getByText(`所属协商活动：${CONSULTATION}`, { exact: true }));
    await listed.getByRole('link', { name: TITLE }).click();

    // Its page: the proposal's sections and action bar, under /recommendations.
    await see(main(unit).getByRole('heading', { name: `建议1：${TITLE}` }));
    await see(main(unit).getByText('已交办', { exact: true }).first());
    await press(unit, '签收');
    await toast(unit, '已签收');
    await see(main(unit).getByText('办理中', { exact: true }).first());
    const reply = await act(unit, '答复');
    await reply.getByRole('radio', { name: 'A 已解决或采纳', exact: true }).check();
    await reply.getByLabel('答复内容', { exact: true }).fill(REPLY);
    // A file that is not what its name says is refused, saying why, and is not attached.
    await reply.locator('input[type=file]').setInputFiles({ name: '答复函.pdf', mimeType: 'application/pdf', buffer: Buffer.from('这不是PDF文件') });
    await see(unit.locator('.ant-message').getByText(/^未能附上“答复函\.pdf”：/));
    await expect.poll(() => reply.getByText('答复函.pdf', { exact: true }).count()).toBe(0);
    await confirm(reply, '答复');
    await toast(unit, '答复已提交');
    await see(card(unit, '答复').getByText(REPLY, { exact: true }));
    await see(card(unit, '历史记录').getByText('答复', { exact: true }).first());
    const width = await unit.evaluate(() => document.documentElement.scrollWidth);
    if (width > 390) throw new Error(`the recommendation page is ${width} px wide on a 390 px phone`);

    // Staff: the reply on the consultation page, and on the recommendation's page.
    await staff.goto(`/consultations/${c.id}`);
    const recs = card(staff, '意见建议');
    await see(recs.getByText('已答复', { exact: true }));
    await see(recs.getByText(`市教育局答复（A类）：${REPLY}`, { exact: true }));
    await recs.getByRole('link', { name: `1. ${TITLE}` }).click();
    await see(card(staff, '答复').getByText(REPLY, { exact: true }));
    await see(button(main(staff), '评价办理'));

    // 跟踪式问效: staff record where it was adopted, with the outcome form of the same action bar.
    const outcome = await act(staff, '记录吸纳转化');
    await outcome.getByRole('radio', { name: '政府文件', exact: true }).check();
    await outcome.getByLabel('文件名称', { exact: true }).fill('养老服务设施建设实施方案');
    await outcome.getByLabel('落实进度', { exact: true }).fill('40');
    await confirm(outcome);
    await see(card(staff, '内容').getByText('政府文件 养老服务设施建设实施方案 · 进度 40%', { exact: true }));
  });
});
