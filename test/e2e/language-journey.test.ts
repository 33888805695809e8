// In a real browser, in English at 1366 px: one page of each role (member, staff, unit, leader,
// admin) has no Chinese left in its own copy — only in what users wrote (names, titles, units),
// and in the language switch, which names 中文 in Chinese — no column header broken mid-word and no
// text cut off with an ellipsis; at 390 px one page of each role fits the phone's width.
// Notifications too are worded in English from the server's kind and params. In Chinese, a
// notification writes its days as the pages do (2026年1月9日, not 2026-01-09).
// Embedded database only: the browser exercises the UI, the HTTP tests cover both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from 'vitest';
import type { Page } from 'playwright-core';
import { plusDays, today } from '../../src/server/modules/handling/deadlines.ts';
import { logIn, see, startE2E, type E2E } from './browser.ts';
import { logInAs, main, pick, seedProposal } from './ui.ts';

const TITLE = '关于加强社区养老服务的提案';
const BODY = '建议扩大社区养老服务覆盖面。';
const JOINT = '关于完善社区助餐服务的提案';
const FORUM = '关于推进城乡教育均衡发展的双月协商';
/** What users of the fixture committee wrote: its name, people, sectors, units and the proposal. */
const USER_DATA = ['测试市政协', '测试区政协', '示例医院', '示例大学', '张三', '李四', '王五', '赵六', '教育界', '经济界', '市教育局', '市卫健委', TITLE, BODY, JOINT, FORUM, '教科卫体委员会', '政协三楼会议室', '委员发言', '提案委员会', '文艺界'];

/**
 * The page's texts with Chinese in them once user data is taken out: text nodes and the labels of
 * visible elements, outside elements marked as another language (lang="zh-CN").
 */
function chineseCopy(page: Page): Promise<string[]> {
  return page.evaluate((userData) => {
    const cjk = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
    const foreign = (el: Element | null) => !!el && (el.closest('[lang]')?.getAttribute('lang') ?? 'en') !== 'en';
    const strip = (s: string) => userData.reduce((rest, d) => rest.split(d).join(''), s);
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || foreign(el) || !el.getClientRects().length) continue;
      if (cjk.test(strip(n.textContent ?? ''))) found.push(n.textContent!.trim());
    }
    for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
      if (foreign(el) || !el.getClientRects().length) continue;
      for (const name of ['placeholder', 'aria-label', 'title']) {
        const value = el.getAttribute(name);
        if (value && cjk.test(strip(value))) found.push(`${name}: ${value}`);
      }
    }
    return found;
  }, USER_DATA);
}

/** The words of column headers that the browser broke over two lines. */
function brokenHeaderWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    for (const th of document.querySelectorAll('th')) {
      const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        for (const m of n.textContent!.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(n, m.index);
          range.setEnd(n, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(m[0]);
        }
      }
    }
    return broken;
  });
}

/** Texts cut off with an ellipsis, and select placeholders wider than their box. */
function cutOff(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cut: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (!el.getClientRects().length) continue;
      const ellipsis = getComputedStyle(el).textOverflow === 'ellipsis' || el.classList.contains('ant-select-selection-placeholder');
      if (ellipsis && el.scrollWidth > el.clientWidth + 1) cut.push(el.textContent ?? '');
    }
    return cut;
  });
}

/**
 * What runs past the right edge of the screen: the page's own overflow, and the elements of the
 * page (not inside a box that scrolls sideways) that end beyond it, even where a parent clips them.
 * Measured against the viewport's width: a phone widens its window (innerWidth) to what overflows.
 */
function offTheRight(page: Page): Promise<{ pageOverflow: number; elements: string[] }> {
  return page.evaluate((width) => {
    const scrolls = (el: Element) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
    const inScrollBox = (el: Element) => { for (let p = el.parentElement; p; p = p.parentElement) if (scrolls(p)) return true; return false; };
    const elements = [...document.querySelectorAll('main *')]
      .filter((el) => el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().right > width + 1 && !inScrollBox(el))
      .map((el) => `${el.tagName.toLowerCase()}: ${(el.textContent ?? '').slice(0, 40)}`);
    return { pageOverflow: Math.max(0, document.scrollingElement!.scrollWidth - width), elements };
  }, page.viewportSize()!.width);
}

describe('the pages in the user’s language', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
    const t = e2e.t;
    // A proposal of 李四's assigned to 市教育局 and marked key for the leader; a draft naming 张三 as
    // co-signer; a new sector (another kind of object in the audit log).
    const unit = { units: [{ unitId: t.fx.unitIds.a, role: 'lead' }] };
    await seedProposal(e2e, { title: TITLE, body: BODY },
      [['member2', 'submit'], ['staff', 'file'], ['staff', 'assign', unit], ['staff', 'markKey', { leaderUserId: t.fx.userIds.leader }]]);
    const joint = await t.app.inject({
      method: 'POST', url: '/api/v1/proposals', headers: await t.as('member2'),
      payload: { title: JOINT, body: '建议完善社区老年助餐点布局。', kind: 'joint', cosignerIds: [t.fx.memberIds[0]] },
    });
    expect(joint.statusCode, joint.body).toBe(201);
    const sector = await t.app.inject({ method: 'POST', url: '/api/v1/sectors', headers: await t.as('admin'), payload: { name: '文艺界' } });
    expect(sector.statusCode, sector.body).toBe(201);
  });
  afterAll(async () => { await e2e?.close(); });

  async function inEnglish(test: TestContext, username: string, width = 1366): Promise<Page> {
    const phone = width < 576 ? { isMobile: true, hasTouch: true } : {};
    const page = await e2e.page(test, { viewport: { width, height: 900 }, ...phone });
    await page.addInitScript(() => localStorage.setItem('tongxin.lang', 'en'));
    await page.goto('/login');
    await logIn(page, username, e2e.t.fx.password, { username: 'Username', password: 'Password', submit: 'Sign in' });
    await see(main(page).getByText('To-do', { exact: true }));
    return page;
  }

  async function expectEnglish(page: Page) {
    await page.waitForLoadState('networkidle');
    await expect.poll(() => chineseCopy(page)).toEqual([]);
    expect(await brokenHeaderWords(page)).toEqual([]);
    expect(await cutOff(page)).toEqual([]);
  }

  it('a member: the to-do list', { timeout: 120_000 }, async (test) => {
    const page = await inEnglish(test, 'member');
    await see(main(page).getByRole('link', { name: `Confirm co-signing: ${JOINT}` }));
    await expectEnglish(page);
  });

  it('staff: the statistics, with their total and a period picked in English', { timeout: 120_000 }, async (test) => {
    const page = await inEnglish(test, 'staff');
    await page.goto('/proposals/stats');
    await see(main(page).getByRole('cell', { name: 'Total', exact: true }));
    await see(main(page).getByRole('cell', { name: '市教育局', exact: true }));
    // A day typed as the API writes it reads as the pages write days, not as mm/dd/yyyy.
    const from = main(page).getByLabel('Submitted from', { exact: true });
    await from.fill('2026-01-09');
    await from.press('Enter');
    await expect.poll(() => from.inputValue()).toBe('9 Jan 2026');
    await expectEnglish(page);
  });

  it('a handling unit: the inbox', { timeout: 120_000 }, async (test) => {
    const page = await inEnglish(test, 'unitA');
    await see(main(page).getByRole('link', { name: `Sign for or return: ${TITLE}` }));
    await page.goto('/proposals/inbox');
    await see(main(page).getByRole('link', { name: TITLE }));
    await expectEnglish(page);
  });

  it('a leader: the proposal they lead, with its number and history', { timeout: 120_000 }, async (test) => {
    const page = await inEnglish(test, 'leader');
    await main(page).getByRole('link', { name: `Lead key proposal: ${TITLE}` }).click();
    await see(main(page).getByRole('heading', { name: TITLE }));
    await see(main(page).getByText('Term 5, session 5, No. 0001').first());
    await expectEnglish(page);
  });

  it('staff: a consultation, the notes of its history worded in English (the server writes them in Chinese)', { timeout: 120_000 }, async (test) => {
    const t = e2e.t;
    const call = async (method: string, url: string, payload: object) => {
      const res = await t.app.inject({ method: method as 'POST', url: `/api/v1${url}`, headers: await t.as('staff'), payload });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json();
    };
    const c = await call('POST', '/consultations', { title: FORUM, kind: 'bimonthly', year: Number(today().slice(0, 4)) });
    for (const a of ['prepare', 'convene']) await call('POST', `/consultations/${c.id}/actions/${a}`, {});
    await call('PATCH', `/consultations/${c.id}/checklist`, { key: 'researchTrip', owner: '教科卫体委员会', dueDate: plusDays(today(), 10), state: 'doing' });
    await call('PUT', `/consultations/${c.id}/meeting`, { date: plusDays(today(), 20), time: '09:00', place: '政协三楼会议室', agenda: [{ time: '09:00', title: '委员发言', speakerMemberId: t.fx.memberIds[0] }] });
    await call('POST', `/consultations/${c.id}/meeting/invitations`, {});
    await call('POST', `/consultations/${c.id}/actions/openComments`, { moderation: 'pre' });
    const page = await inEnglish(test, 'staff');
    await page.goto(`/consultations/${c.id}`);
    const history = main(page).locator('.ant-card').filter({ has: page.getByText('History', { exact: true }) });
    await see(history.getByText('Online comments opened (checked before they show)', { exact: true }));
    await see(history.getByText('1 invitation sent', { exact: true }));
    await see(history.getByText(/^Research trip: owner: 教科卫体委员会; due: \d+ \w+ \d{4}; state: In progress$/));
    await expectEnglish(page);
  });

  it('staff: the liaison links, why each exists worded in English (the server writes it in Chinese)', { timeout: 120_000 }, async (test) => {
    const res = await e2e.t.app.inject({ method: 'POST', url: '/api/v1/liaison/links/generate', headers: await e2e.t.as('staff'), payload: { year: Number(today().slice(0, 4)) } });
    expect(res.statusCode, res.body).toBeLessThan(300);
    const page = await inEnglish(test, 'staff');
    await page.goto('/liaison');
    await see(main(page).getByText(/^Same sector: |^Balanced across sectors: /).first());
    await expectEnglish(page);
  });

  it('an administrator: the audit log, its actions and objects named', { timeout: 120_000 }, async (test) => {
    const page = await inEnglish(test, 'admin');
    await page.goto('/admin/audit');
    await see(main(page).getByText('Newest first', { exact: true }));
    await see(main(page).getByRole('cell', { name: 'Mark as key proposal', exact: true }));
    await see(main(page).getByRole('cell', { name: 'Proposal', exact: true }).first());
    // Each entry names its object by title, linked to its page; the column is the object's.
    await see(main(page).getByRole('columnheader', { name: 'Object', exact: true }));
    const proposal = main(page).getByRole('link', { name: TITLE, exact: true }).first();
    await see(proposal);
    expect(await proposal.getAttribute('href')).toMatch(/^\/proposals\/[0-9a-f-]{36}$/);
    await see(main(page).getByRole('link', { name: '文艺界', exact: true }).first());
    await expectEnglish(page);
    // The object type is picked from the kinds the log holds, named in English.
    await see(main(page).getByRole('cell', { name: 'Sector', exact: true }));
    await pick(page, main(page).getByLabel('Object type', { exact: true }), 'Proposal');
    await expect.poll(() => main(page).getByRole('cell', { name: 'Sector', exact: true }).count()).toBe(0);
    await see(main(page).getByRole('cell', { name: 'Proposal', exact: true }));
    // …and who acted: staff's entries only.
    await pick(page, main(page).getByLabel('Who', { exact: true }), 'staff');
    await see(main(page).getByRole('cell', { name: 'Mark as key proposal', exact: true }));
    await expect.poll(() => main(page).getByRole('cell', { name: 'member2', exact: true }).count()).toBe(0);
    await expectEnglish(page);
    await main(page).getByRole('link', { name: TITLE, exact: true }).first().click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/proposals\/[0-9a-f-]{36}$/);
    await see(main(page).getByText(TITLE).first());
  });

  it('the members page: each filter shows its whole name', { timeout: 120_000 }, async (test) => {
    const page = await inEnglish(test, 'staff');
    await page.goto('/members');
    await see(main(page).getByRole('combobox', { name: 'Special committee' }));
    await expectEnglish(page);
  });

  // On a phone in English, one page of each role stays within the screen's width.
  for (const [username, path, shown] of [
    ['member', '/proposals/mine', 'My proposals'],
    ['staff', '/proposals/stats', 'Total'],
    ['unitA', '/proposals/inbox', TITLE],
    ['leader', '/proposals/key', TITLE],
    ['admin', '/admin/audit', 'Newest first'],
  ] as const) {
    it(`${username} at 390 px: ${path} fits the screen`, { timeout: 120_000 }, async (test) => {
      const page = await inEnglish(test, username, 390);
      await page.goto(path);
      await see(main(page).getByText(shown, { exact: true }));
      await page.waitForLoadState('networkidle');
      expect(await offTheRight(page)).toEqual({ pageOverflow: 0, elements: [] });
      expect(await cutOff(page)).toEqual([]);
    });
  }

  it('a member: the notifications, worded in English from what the server sent', { timeout: 120_000 }, async (test) => {
    const page = await inEnglish(test, 'member2');
    await page.getByRole('button', { name: /^Notifications/ }).click();
    const list = page.getByRole('dialog', { name: 'Notifications' });
    await see(list.getByRole('listitem').filter({ hasText: `Proposal filed: ${TITLE}` }));
    await expectEnglish(page);
  });

  it('a unit: the body of a notification in English, its days as the pages write them', { timeout: 120_000 }, async (test) => {
    const page = await inEnglish(test, 'unitA');
    await page.getByRole('button', { name: /^Notifications/ }).click();
    const assigned = page.getByRole('dialog', { name: 'Notifications' }).getByRole('listitem').filter({ hasText: `New assignment: ${TITLE}` });
    await see(assigned);
    expect(await assigned.innerText()).toMatch(/Lead unit: sign for or return by \d{1,2} \w{3} \d{4}, reply due \d{1,2} \w{3} \d{4}/);
  });

  it('a notification writes its days as the pages do', { timeout: 120_000 }, async (test) => {
    const page = await logInAs(e2e, test, 'unitA');
    await page.getByRole('button', { name: /^通知/ }).click();
    const assigned = page.getByRole('dialog', { name: '通知' }).getByRole('listitem').filter({ hasText: TITLE });
    await see(assigned);
    const text = await assigned.innerText();
    expect(text).toMatch(/请于 \d{4}年\d{1,2}月\d{1,2}日 前签收或退回/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
