// In a real browser, 履职档案 on a phone: 张三 (member) logs a face-to-face 双联 contact at 390 px,
// turns its opinion into a 社情民意 draft and submits it, then finds both on 我的履职 — each entry
// linking to its record — with the points by the rules. Nothing is typed twice.
// Embedded database only: the browser exercises the UI, the HTTP tests cover both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { see, startE2E, type E2E } from './browser.ts';
import { button, dialog, main, opened, popconfirm, toast } from './ui.ts';
import { logFaceToFace, openMyLiaison } from './liaison-steps.ts';
import { today } from '../../src/server/modules/handling/deadlines.ts';

const YEAR = Number(today().slice(0, 4));
const OPINION = '建议增加乡村学校教师编制，缓解结构性缺编';
const TITLE = '关于增加乡村学校教师编制的建议';
const MEETING = '关于促进夜间经济发展的双月协商';

describe('duty record journey in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('a member logs a contact and turns its opinion into a submitted 社情民意 report on a phone, and finds both on their record', { timeout: 360_000 }, async (test) => {
    const t = e2e.t;
    const ok = async (login: string, method: 'POST' | 'PUT', url: string, payload: object) => {
      const r = await t.app.inject({ method, url: `/api/v1${url}`, headers: await t.as(login), payload });
      expect(r.statusCode, `${method} ${url}: ${r.body}`).toBeLessThan(300);
      return r.json();
    };
    // The office generated the year's links (the liaison journey does it through the page).
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/liaison/links/generate', headers: await t.as('staff'), payload: { year: YEAR } });
    expect(res.statusCode).toBe(200);

    const phone = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await openMyLiaison(phone, t.fx.password);
    await logFaceToFace(phone, { name: '李四', kind: '党员委员联系党外委员' }, '教育资源均衡与乡村教师队伍', OPINION);

    // The opinion becomes a 社情民意 draft, which the member submits.
    await main(phone).getByRole('link', { name: /见面 · 李四/ }).first().click();
    await button(main(phone), '转为社情民意').click();
    const convert = dialog(phone, '转为社情民意');
    await convert.getByLabel('标题', { exact: true }).fill(TITLE);
    await button(convert, '确定').click();
    await toast(phone, '已生成草稿');
    await see(main(phone).getByRole('heading', { name: TITLE }));
    await button(main(phone), '提交').click();
    await toast(phone, '已提交');

    // 我的履职: the contact and the report, each linking to its record, with their points.
    await t.app.outbox.kick(); // (the entries are made after commit; this waits for the dispatch under way)
    await phone.goto('/records/me');
    await see(main(phone).getByRole('heading', { name: '我的履职' }));
    await see(main(phone).getByText('双联联系 · 1 项', { exact: true }));
    await see(main(phone).getByText('报送社情民意 · 1 项', { exact: true }));
    await see(main(phone).getByText('见面', { exact: true }));
    await see(main(phone).getByText('不合格', { exact: true }));
    await see(main(phone).getByRole('link', { name: '教育资源均衡与乡村教师队伍' }));
    const report = main(phone).getByRole('link', { name: TITLE });
    await see(report);
    // 3 for a face-to-face contact and 2 for a report, by the default rules
    await see(main(phone).locator('.ant-statistic-content-value').getByText('5', { exact: true }));
    // No wider than the phone.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await report.click();
    await see(main(phone).getByRole('heading', { name: TITLE }));

    // A face-to-face contact logged by mistake: 张三 opens it, corrects it to a phone call, then deletes it;
    // 我的履职 follows (no second contact, the 5 points as before).
    await phone.goto('/liaison/mine');
    await see(main(phone).getByRole('heading', { name: '我的双联' }));
    await logFaceToFace(phone, { name: '王五', kind: '党员委员联系党外委员' }, '误记的一次走访', '误记的意见');
    await main(phone).getByRole('link', { name: /见面 · 王五/ }).first().click();
    await main(phone).getByRole('button', { name: /修改$/ }).click();
    const edit = await opened(dialog(phone, '修改 · 王五'));
    await edit.locator('.ant-radio-button-wrapper').filter({ hasText: /^电话$/ }).click();
    await expect.poll(() => edit.getByRole('radio', { name: '电话', exact: true }).isChecked()).toBe(true);
    await button(edit, '保存').click();
    await toast(phone, '联系记录已修改');
    await see(main(phone).getByText(/ · 电话$/));
    await main(phone).getByRole('button', { name: /删除记录$/ }).click();
    await popconfirm(phone, '删除记录');
    await toast(phone, '联系记录已删除');
    await see(main(phone).getByRole('heading', { name: '我的双联' }));
    await t.app.outbox.kick();
    await phone.goto('/records/me');
    await see(main(phone).getByText('双联联系 · 1 项', { exact: true }));

    // A meeting 张三 missed: the −30 names the consultation and links to it, for him to check.
    const c = await ok('staff', 'POST', '/consultations', { title: MEETING, kind: 'bimonthly', year: YEAR });
    for (const a of ['prepare', 'convene']) await ok('staff', 'POST', `/consultations/${c.id}/actions/${a}`, {});
    await ok('staff', 'PUT', `/consultations/${c.id}/meeting`, { date: today(), time: '09:00', place: '政协三楼会议室', agenda: [{ time: '09:00', title: '通报情况', speaker: '经济委员会' }] });
    await ok('staff', 'POST', `/consultations/${c.id}/meeting/invitees`, { memberIds: [t.fx.memberIds[0]] });
    await ok('staff', 'POST', `/consultations/${c.id}/meeting/invitations`, {});
    await t.app.jobs.runDue(new Date(Date.now() + 2 * 86_400_000));
    await t.app.outbox.kick();
    await phone.goto('/records/me');
    await see(main(phone).getByText('无故缺席会议 · 1 项', { exact: true }));
    const missed = main(phone).getByRole('link', { name: MEETING });
    await see(missed);
    await missed.click();
    await see(main(phone).getByRole('heading', { name: MEETING }));
  });
});
