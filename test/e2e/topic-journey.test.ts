// In a real browser, 开门式选题 from a phone to a consultation: a member proposes a topic at 390 px,
// another member supports it, staff shortlist it, the leader picks it as a consultation in the chair
// meeting's dialog, and the new consultation shows on the consultations list at its topic step.
// The public page lists the open topics without a login; a visitor on a phone opens a consultation from
// it and reads what came of its recommendations. Embedded database only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plusDays, today } from '../../src/server/modules/handling/deadlines.ts';
import { logIn, see, startE2E, type E2E } from './browser.ts';
import { button, confirm, dialog, logInAs, main, toast } from './ui.ts';

const TITLE = '关于完善农村互助养老服务的协商';

describe('an open topic in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('goes from a member\'s phone to a consultation', { timeout: 300_000 }, async (test) => {
    // A member on a phone proposes it.
    const phone = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto('/login');
    await logIn(phone, 'member', e2e.t.fx.password);
    await see(main(phone).getByText('待办事项', { exact: true }));
    await phone.goto('/consultations/topics');
    await see(main(phone).getByRole('heading', { name: '开门式选题' }));
    await button(main(phone), 'plus 提出选题').click();
    const propose = dialog(phone, '提出选题');
    await propose.getByLabel('选题题目', { exact: true }).fill(TITLE);
    await propose.getByLabel('理由和背景', { exact: true }).fill('农村老龄化加快，互助养老点运转经费和人手不足，需要协商推动。');
    await confirm(propose);
    await toast(phone, '选题已提出，欢迎邀请他人支持');
    const mine = main(phone).locator(`[data-topic="${TITLE}"]`);
    await see(mine.getByText('我提出的', { exact: false }));
    await see(mine.getByLabel('0 人支持'));

    // Another member supports it (once: the button then withdraws the support).
    const member2 = await logInAs(e2e, test, 'member2');
    await member2.goto('/consultations/topics');
    const theirs = main(member2).locator(`[data-topic="${TITLE}"]`);
    await button(theirs, 'like 支持').click();
    await toast(member2, '支持：已完成');
    await see(theirs.getByLabel('1 人支持'));
    await see(button(theirs, 'like 取消支持'));

    // Staff shortlist it.
    const staff = await logInAs(e2e, test, 'staff');
    await staff.goto('/consultations/topics?state=proposed');
    await button(main(staff).locator(`[data-topic="${TITLE}"]`), '列入候选').click();
    await toast(staff, '列入候选：已完成');

    // The leader has it to pick, and picks it as a consultation.
    const leader = await logInAs(e2e, test, 'leader');
    await see(main(leader).getByText('待主席会议确定的候选选题 1 个', { exact: false }));
    await leader.goto('/consultations/topics?state=shortlisted');
    await button(main(leader).locator(`[data-topic="${TITLE}"]`), '确定选题').click();
    const pick = dialog(leader, '确定选题（主席会议）');
    await see(pick.getByText('协商活动', { exact: true }));
    await confirm(pick);
    await toast(leader, '确定选题：已完成');

    // The new consultation is on the list, at its topic step, and links back to the topic.
    await leader.goto('/consultations');
    await main(leader).getByRole('link', { name: TITLE }).click();
    await see(main(leader).getByRole('heading', { name: TITLE }));
    await see(main(leader).getByRole('link', { name: TITLE }));
    await phone.goto('/consultations');
    await see(main(phone).getByRole('link', { name: TITLE }));

    // Without a login, the public page lists the consultations past their topic step and the open topics.
    const visitor = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await visitor.goto('/login');
    await visitor.getByRole('link', { name: 'team 协商公开' }).click();
    await see(main(visitor).getByRole('heading', { name: '协商公开' }));
    await see(main(visitor).getByRole('heading', { name: '征集中的选题' }));
    await see(main(visitor).getByRole('link', { name: '登录或注册后可以提出选题、支持选题' }));
  });

  it('opens a consultation from the public list on a phone, with what came of its recommendations', { timeout: 300_000 }, async (test) => {
    // Over the API: a forum held yesterday, one recommendation adopted as a government document (40% done), one still a draft.
    const year = new Date().getFullYear();
    const title = '关于发展普惠托育服务的双月协商';
    const api = async (user: string, method: 'POST' | 'PUT', url: string, payload: object = {}) => {
      const res = await e2e.t.app.inject({ method, url: `/api/v1${url}`, headers: await e2e.t.as(user), payload });
      if (res.statusCode >= 300) throw new Error(`${user} ${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const { id } = await api('staff', 'POST', '/consultations', { title, kind: 'bimonthly', year, summary: '托育服务供给不足、价格偏高，协商提出对策。' });
    for (const a of ['prepare', 'convene']) await api('staff', 'POST', `/consultations/${id}/actions/${a}`);
    await api('staff', 'PUT', `/consultations/${id}/meeting`, { date: plusDays(today(), -1), time: '09:00', place: '政协三楼会议室', agenda: [] });
    await api('staff', 'POST', `/consultations/${id}/actions/conclude`);
    const r = await api('staff', 'POST', `/consultations/${id}/recommendations`, { title: '扩大普惠托位供给', content: '建议每千人口托位数达到4.5个。' });
    await api('staff', 'POST', `/consultations/${id}/recommendations`, { title: '尚在整理的建议', content: '草稿' });
    await api('staff', 'POST', `/recommendations/${r.id}/actions/assign`, { units: [{ unitId: e2e.t.fx.unitIds.a, role: 'lead' }] });
    await api('unitA', 'POST', `/recommendations/${r.id}/actions/sign`);
    await api('unitA', 'POST', `/recommendations/${r.id}/actions/reply`, { category: 'B', content: '已列入民生实事。' });
    await api('staff', 'POST', `/recommendations/${r.id}/actions/recordOutcome`, {
      kind: 'government', title: '关于促进3岁以下婴幼儿照护服务发展的实施意见', number: `市政办发〔${year}〕12号`, date: today(), progress: 40,
    });

    // A visitor on a phone opens it from the public list.
    const visitor = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await visitor.goto('/public/consultations');
    await main(visitor).getByRole('region', { name: '协商活动', exact: true }).getByRole('link', { name: title }).click();
    await see(main(visitor).getByRole('heading', { name: title }));
    await see(main(visitor).getByText('政协三楼会议室', { exact: false }));
    const rec = main(visitor).locator('[data-recommendation="扩大普惠托位供给"]');
    await see(rec.getByText(`市政办发〔${year}〕12号`, { exact: false }));
    await see(rec.getByText('政府文件', { exact: false }));
    await see(rec.getByLabel('落实进度 40%'));
    // Nothing of the office's work: not the draft, not the unit's reply.
    expect(await main(visitor).getByText('尚在整理的建议').count()).toBe(0);
    expect(await main(visitor).getByText('已列入民生实事').count()).toBe(0);
    expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // And back to the list.
    await main(visitor).getByRole('link', { name: '协商公开' }).click();
    await see(main(visitor).getByRole('heading', { name: '协商公开' }));
  });
});
