// 网络议政 in real browsers: staff open a consultation's comments from its page; a comment typed in
// one browser appears in another without a reload, and a pre-moderated one only once staff approve
// it in the live queue; a member of the public, on a phone (390 px), registers and comments.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentSequence, consultationComments } from '../../src/server/modules/consultations/schema.ts';
import { themeCacheOf } from '../../src/server/modules/consultations/theme-cache.ts';
import { generateComments } from '../../src/server/seed/online-comments.ts';
import { logIn, see, startE2E, submitButton, type E2E } from './browser.ts';
import { button, card, logInAs, main, pick, toast } from './ui.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

describe('online comments in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  /** A consultation made and prepared over the API, as staff. */
  const prepared = async (title: string) => {
    const headers = await e2e.t.as('staff');
    const c = (await e2e.t.app.inject({ method: 'POST', url: '/api/v1/consultations', headers, payload: { title, kind: 'online', year: 2026, summary: '征求市民对托育服务的意见' } })).json();
    await e2e.t.app.inject({ method: 'POST', url: `/api/v1/consultations/${c.id}/actions/prepare`, headers, payload: {} });
    return c.id as string;
  };
  /** Its card among those open for comments now (the list of the year's consultations below links it too). */
  const liveCard = (page: import('playwright-core').Page, title: string) => main(page).getByRole('region', { name: '网络议政', exact: true }).getByRole('link', { name: title });
  const commentBox = (page: import('playwright-core').Page) => main(page).getByLabel('发表您的意见或建议（不超过 1000 字）', { exact: true });

  it('shows a comment typed in one browser in another without reload; a held one once staff approve it', { timeout: 300_000 }, async (test) => {
    const title = '关于托育服务的网络议政';
    const id = await prepared(title);
    // Staff open the comments, moderated before they show, on the consultation's page.
    const staff = await logInAs(e2e, test, 'staff');
    await staff.goto(`/consultations/${id}`);
    const comments = card(staff, '网络议政');
    await comments.getByText('先审后发', { exact: true }).click();
    await button(comments, '开放网络议政').click();
    await toast(staff, '网络议政已开放');
    await see(comments.getByText('网络议政开放中（先审后发）', { exact: true }));
    // An online consultation starts with five of the 八个一, and its checklist says so.
    await see(card(staff, '八个一清单').getByText('本次协商适用其中 5 项', { exact: true }));

    // A visitor follows the live page; the member signs in from it and comments.
    const visitor = await e2e.page(test, PHONE);
    await visitor.goto('/public/consultations');
    await liveCard(visitor, title).click();
    await see(main(visitor).getByText('还没有意见，欢迎发表第一条', { exact: true }));
    const member = await e2e.page(test, { viewport: { width: 1280, height: 900 } });
    await member.goto(`/public/consultations/${id}`);
    await main(member).getByRole('link', { name: '登录后发表意见' }).click();
    await logIn(member, 'member', e2e.t.fx.password);
    await commentBox(member).fill('建议在新建小区配建托育设施。');
    await button(main(member), '发表').click();
    await toast(member, '已提交，审核通过后显示');
    // On the consultation's own page the member sees the comments' card, not the moderators' queue or words.
    await member.goto(`/consultations/${id}`);
    const theirs = card(member, '网络议政');
    await see(theirs.getByText('网络议政开放中（先审后发）', { exact: true }));
    expect(await theirs.getByText(/待审核/).count()).toBe(0);
    expect(await theirs.getByRole('button', { name: '敏感词' }).count()).toBe(0);

    // It waits in the staff's queue (live), not on the visitor's page; approved, it shows there.
    const queue = comments.getByRole('list', { name: '待审核（1）' });
    await see(queue.getByText('建议在新建小区配建托育设施。', { exact: true }));
    expect(await main(visitor).getByText('建议在新建小区配建托育设施。').count()).toBe(0);
    await button(queue, '通过').click();
    await toast(staff, '已通过');
    await see(main(visitor).getByText('建议在新建小区配建托育设施。', { exact: true }));
    await see(main(visitor).getByText('网友意见（1）', { exact: true }));

    // Staff keep the committee's sensitive words in a dialog of the same card.
    await button(comments, '敏感词').click();
    const words = staff.getByRole('dialog', { name: '敏感词' });
    await words.getByLabel('敏感词', { exact: true }).fill('代开发票\n赌博');
    await button(words, '保 存').or(button(words, '保存')).click();
    await toast(staff, '敏感词已保存');
    const saved = await e2e.t.app.inject({ url: '/api/v1/moderation/sensitive-words', headers: await e2e.t.as('staff') });
    expect(saved.json()).toEqual({ words: ['代开发票', '赌博'] });
  });

  it('lets a member of the public register on a phone and comment', { timeout: 300_000 }, async (test) => {
    const title = '关于公交线网优化的网络议政';
    const id = await prepared(title);
    await e2e.t.app.inject({ method: 'POST', url: `/api/v1/consultations/${id}/actions/openComments`, headers: await e2e.t.as('staff'), payload: { moderation: 'post' } });
    const other = await e2e.page(test, { viewport: { width: 1280, height: 900 } });
    await other.goto(`/public/consultations/${id}`);
    await see(main(other).getByText('还没有意见，欢迎发表第一条', { exact: true }));

    // From the login page: registering names the committee from the start (this server hosts several), then signs in.
    const phone = await e2e.page(test, PHONE);
    await phone.goto('/login');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.getByRole('link', { name: '没有账号？注册网民账号' }).click();
    // The login form (with its own 用户名) stays until the register page's code has arrived.
    await see(phone.getByRole('heading', { name: '注册网民账号' }));
    await phone.getByLabel('用户名', { exact: true }).fill('citizen390');
    await phone.getByLabel('昵称', { exact: true }).fill('热心市民');
    await phone.getByLabel('密码', { exact: true }).fill('citizen-pass-1');
    await phone.getByLabel('确认密码', { exact: true }).fill('citizen-pass-1');
    await pick(phone, phone.getByLabel('所属政协', { exact: true }), '测试市政协');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await submitButton(phone, '注册并登录').click();
    // Registered from the login page, the citizen lands on the portal, the open consultation on top.
    await main(phone).getByRole('region', { name: '正在进行的网络议政', exact: true }).getByRole('link', { name: title }).click();
    // Back on the live page, signed in: nothing sticks out of a phone's width.
    await commentBox(phone).fill('建议增开早高峰区间车。');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await button(main(phone), '发表').click();
    await toast(phone, '已发表');
    await see(main(phone).getByText('建议增开早高峰区间车。', { exact: true }));
    // The other browser has it without a reload, by the name the citizen chose.
    await see(main(other).getByText('建议增开早高峰区间车。', { exact: true }));
    await see(main(other).getByText('热心市民', { exact: true }));
    // The same text again is refused in words a citizen reads (no field path such as "/content").
    await expect.poll(() => commentBox(phone).inputValue()).toBe(''); // (the box emptied once posted)
    await commentBox(phone).fill('建议增开早高峰区间车。');
    await button(main(phone), '发表').click();
    await toast(phone, '您已发表过相同的评论，请勿重复发表');
    // Its account: who it is, and its password changed.
    await phone.getByRole('link', { name: '我的账户' }).click();
    await see(main(phone).getByText('热心市民', { exact: true }));
    await see(main(phone).getByText('citizen390', { exact: true }));
    await main(phone).getByLabel('当前密码', { exact: true }).fill('citizen-pass-1');
    await main(phone).getByLabel('新密码', { exact: true }).fill('citizen-pass-2');
    await main(phone).getByLabel('再次输入新密码', { exact: true }).fill('citizen-pass-2');
    await submitButton(phone, '修改密码').click();
    await toast(phone, '密码已修改');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  it('shows the themes of the comments and the broadly agreed ones on a phone, and the themes on the staff card', { timeout: 300_000 }, async (test) => {
    const title = '关于民生实事的网络议政';
    const id = await prepared(title);
    const staffHeaders = await e2e.t.as('staff');
    await e2e.t.app.inject({ method: 'POST', url: `/api/v1/consultations/${id}/actions/openComments`, headers: staffHeaders, payload: { moderation: 'post' } });
    for (const c of generateComments(70, 3)) {
      await e2e.t.app.db.insert(consultationComments).values({
        orgId: e2e.t.fx.orgId, consultationId: id, authorId: e2e.t.fx.userIds.member!, authorName: '张三', content: c.content, status: 'visible',
        seq: sql`nextval(${commentSequence.seqName})`,
      });
    }
    // One comment supported by the office, a sector's member and a unit.
    const agreed = (await e2e.t.app.inject({ method: 'POST', url: `/api/v1/consultations/${id}/comments`, headers: await e2e.t.as('member'), payload: { content: '建议各方共同推进垃圾分类。' } })).json().id as string;
    for (const u of ['staff', 'member2', 'unitA']) {
      await e2e.t.app.inject({ method: 'POST', url: `/api/v1/consultations/${id}/comments/${agreed}/vote`, headers: await e2e.t.as(u), payload: { value: 'support' } });
    }
    await e2e.t.app.inject({ url: `/api/v1/consultations/${id}/themes` }); // the first asking starts the grouping
    await themeCacheOf(e2e.t.app.db)!.settled();

    const phone = await e2e.page(test, PHONE);
    await phone.goto(`/public/consultations/${id}`);
    const themes = main(phone).getByRole('list', { name: '意见主题' });
    await see(themes.getByRole('listitem').first());
    expect(await themes.getByRole('listitem').count()).toBeGreaterThanOrEqual(5);
    const consensus = main(phone).getByRole('list', { name: '共识度高的意见' });
    await see(consensus.getByText('建议各方共同推进垃圾分类。', { exact: true }));
    await see(consensus.getByText('3 方支持', { exact: true }));
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const staff = await logInAs(e2e, test, 'staff');
    await staff.goto(`/consultations/${id}`);
    await see(card(staff, '网络议政').getByRole('list', { name: '意见主题' }).getByRole('listitem').first());
  });
});
