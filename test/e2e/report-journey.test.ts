// In a real browser, the 四双 report on a phone: after a 双联 contact is logged, a leader opens the
// year's report at 390 px, finds the figure of members visited under 双联, clicks it and sees the
// contact behind it; the Word download is offered. Embedded database only (the HTTP tests walk
// every figure's source on the demo committee). Then staff rewrite a paragraph around a live figure,
// see the versions, and restore the first. A leader of the city switches it to 含下级 at 390 px: the
// county's consultations are added in, and a figure shows each committee's part.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, see, startE2E, type E2E } from './browser.ts';
import { agree, confirm, dialog, logInAs, main, toast } from './ui.ts';
import { today } from '../../src/server/modules/handling/deadlines.ts';
import { consultations } from '../../src/server/modules/consultations/schema.ts';

const YEAR = Number(today().slice(0, 4));
const TOPICS = '了解界别群众对老旧小区改造的意见';

describe('四双 report journey in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('a leader opens the report on a phone, clicks a figure and sees the records behind it', { timeout: 240_000 }, async (test) => {
    const t = e2e.t;
    const staff = await t.as('staff');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/liaison/links/generate', headers: staff, payload: { year: YEAR } })).statusCode).toBe(200);
    const link = (await t.app.inject({ url: `/api/v1/liaison/links?year=${YEAR}&kind=partyMember`, headers: staff })).json().items[0];
    const contact = await t.app.inject({
      method: 'POST', url: `/api/v1/liaison/links/${link.id}/contacts`, headers: staff,
      payload: { date: today(), channel: 'faceToFace', participants: '党员委员与党外委员', topics: TOPICS },
    });
    expect(contact.statusCode, contact.body).toBe(201);

    const phone = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto('/login');
    await logIn(phone, 'leader', t.fx.password);
    await see(main(phone).getByText('待办事项', { exact: true }));
    await phone.goto('/reports/sishuang');
    await see(main(phone).getByRole('heading', { name: '四双工作报告' }));
    await see(main(phone).getByRole('heading', { name: `${YEAR}年度“四双”工作情况报告`, exact: false }));
    await see(main(phone).getByRole('heading', { name: '一、双联：把党的全面领导落实到微小之处' }));
    await see(main(phone).getByRole('link', { name: '下载 Word' }).or(main(phone).getByRole('button', { name: '下载 Word' })));
    // No figure is a placeholder: the text says what the year did not hold.
    await see(main(phone).getByText(/本年度未开展委员献计活动/));

    await main(phone).getByRole('button', { name: /^走访政协委员 1人次/ }).click();
    const drawer = phone.getByRole('dialog', { name: '走访政协委员：1人次' });
    await see(drawer.getByText('共 1 条记录', { exact: true }));
    await see(drawer.getByText(TOPICS, { exact: true }));
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  it('a summed figure\'s list gives the whole list\'s total in the report\'s unit, said in words, with the page of the list', { timeout: 240_000 }, async (test) => {
    const t = e2e.t;
    const staff = await t.as('staff');
    // More projects than one page of the list (20): the total is the whole list's, not the rows loaded.
    for (let i = 1; i <= 25; i++) {
      const res = await t.app.inject({
        method: 'POST', url: '/api/v1/creation/projects', headers: staff,
        payload: { kind: 'innovation', name: `创新项目${i}`, memberIds: [t.fx.memberIds[0]!], investment: 1_000_000, jobs: 3, state: 'running', startedOn: `${YEAR}-01-02` },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const page = await logInAs(e2e, test, 'leader');
    await page.goto('/reports/sishuang');
    await see(main(page).getByRole('heading', { name: '二、双创：彰显委员为国履职为民尽责的硬核风采' }));
    const chip = main(page).getByRole('button', { name: /^投入资金 2500万元/ });
    await see(chip);
    await chip.click();
    const drawer = page.getByRole('dialog', { name: '投入资金：2500万元' });
    await see(drawer.getByText('共 25 条记录', { exact: true }));
    // The figure shown, the drawer's total: the same.
    await see(drawer.getByText('投入资金合计：2500万元（全部 25 条记录）', { exact: true }));
    await see(drawer.getByText(`来源：双创 · 委员双创项目（仅本会委员，${YEAR}年，已启动）`, { exact: true }));
    expect(await drawer.getByText(/\/api\/|investment/).count()).toBe(0);
    // A row's value in the report's unit.
    await see(drawer.getByText('100万元').first());
    await drawer.getByRole('link', { name: '打开该列表所在页面' }).click();
    await page.waitForURL(/\/creation\?year=\d{4}&started=true$/);

    await page.goto('/reports/sishuang');
    await main(page).getByRole('button', { name: /^带动就业 75人/ }).click();
    await see(page.getByRole('dialog', { name: '带动就业：75人' }).getByText('带动就业合计：75人（全部 25 条记录）', { exact: true }));
  });

  it('staff rewrite a paragraph around a live figure, see the versions, and restore the first', { timeout: 240_000 }, async (test) => {
    const page = await logInAs(e2e, test, 'staff');
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto('/reports/sishuang');
    await see(main(page).getByText(/^第 1 版 · 系统起草/));
    await main(page).getByRole('button', { name: '修改本段 opening.0' }).click();
    const form = dialog(page, '修改段落');
    const text = form.getByLabel('段落内容');
    await text.fill('本年度，四双工作扎实推进，全年走访政协委员');
    // The figure goes in as a token: the report fills it with the day's value.
    await form.getByRole('button', { name: /^走访政协委员 1人次/ }).click();
    expect(await text.inputValue()).toBe('本年度，四双工作扎实推进，全年走访政协委员{{liaison.membersVisited}}');
    await form.getByLabel('修改说明').fill('润色开头');
    await confirm(form);
    await toast(page, '已保存为第 2 版');
    await see(main(page).getByText('本年度，四双工作扎实推进，全年走访政协委员1人次', { exact: true }));
    await see(main(page).getByText(/^第 2 版 · staff · .* · 润色开头$/));

    await main(page).getByRole('button', { name: '版本记录' }).click();
    const drawer = dialog(page, '版本记录');
    await see(drawer.getByText('润色开头'));
    const first = drawer.getByRole('listitem', { name: '第 1 版' });
    await see(first.getByText('系统起草'));
    await first.getByRole('button', { name: '恢复此版本' }).click();
    await agree(page, '恢复此版本');
    await toast(page, '已恢复第 1 版（保存为第 3 版）');
    await see(main(page).getByText(/^第 3 版 · staff · .* · 恢复第1版$/));
    await see(main(page).getByText(/在中共.*的坚强领导下/).first());
    expect(await main(page).getByText('本年度，四双工作扎实推进，全年走访政协委员1人次', { exact: true }).count()).toBe(0);
  });

  it('a leader switches the report to 含下级 on a phone and sees the county added in', { timeout: 240_000 }, async (test) => {
    const t = e2e.t;
    const held = (orgId: string, title: string) => t.database.db.insert(consultations).values({ orgId, title, kind: 'bimonthly', year: YEAR, state: 'closed', createdBy: t.fx.userIds.staff! });
    await held(t.fx.orgId, '市级双月协商');
    await held(t.fx.countyId, '区级双月协商一');
    await held(t.fx.countyId, '区级双月协商二');

    const phone = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto('/login');
    await logIn(phone, 'leader', t.fx.password);
    await see(main(phone).getByText('待办事项', { exact: true }));
    await phone.goto('/reports/sishuang');
    await see(main(phone).getByRole('button', { name: /^双月专题协商座谈会 1次/ }));
    await main(phone).getByText('含下级', { exact: true }).click();
    await see(main(phone).getByRole('heading', { name: /（含区县政协）$/ }));
    await see(main(phone).getByText(/包含：测试市政协、测试区政协/));
    await main(phone).getByRole('button', { name: /^双月专题协商座谈会 3次/ }).click();
    const drawer = phone.getByRole('dialog', { name: '双月专题协商座谈会：3次' });
    await see(drawer.getByText('含下级政协合计；下列清单只列本级的记录'));
    await see(drawer.getByText('测试区政协：2次'));
    await see(drawer.getByText('市级双月协商', { exact: true }));
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
