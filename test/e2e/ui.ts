// Small helpers over antd's markup, shared by the browser journeys, so their steps read as what a
// user does and sees.
import type { TestContext } from 'vitest';
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { WAIT, logIn, see, type E2E } from './browser.ts';

export const main = (page: Page) => page.getByRole('main');
export const menuLink = (page: Page, name: string) => page.getByRole('navigation', { name: '菜单' }).getByRole('link', { name, exact: true });
export const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });
export const dialog = (page: Page, name: string) => page.getByRole('dialog', { name });
/** The tags under a proposal's heading: its state (and key/published tags). */
export const stateTags = (page: Page) => main(page).getByRole('group', { name: '提案状态' }).locator('.ant-tag');
/** A titled antd card (基本信息, 答复, 历史记录, …). */
export const card = (page: Page, title: string) =>
  main(page).locator('.ant-card').filter({ has: page.locator('.ant-card-head-title').getByText(title, { exact: true }) });
export const row = (page: Page, text: string) => main(page).getByRole('row').filter({ hasText: text });
/** A toast (antd message). */
export const toast = (page: Page, text: string) => see(page.locator('.ant-message').getByText(text, { exact: true }));

/**
 * Opens an antd select (typing `search` when given) and clicks the option with this label. The
 * dropdown is the one holding this select's list (id + "_list"): another select's dropdown may still
 * be fading out. Its visible options carry a title; its role="option" elements are an off-screen copy.
 */
export async function pick(page: Page, select: Locator, option: string, search?: string) {
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
  const choice = dropdown.getByTitle(option, { exact: true });
  await choice.click();
  // A single choice closes the list; a click lost while it still slid open leaves it over the form.
  if (await select.evaluate((el) => !!el.closest('.ant-select-multiple'))) return;
  if (!(await dropdown.waitFor({ state: 'hidden', timeout: 3000 }).then(() => true, () => false))) {
    await choice.click();
    await dropdown.waitFor({ state: 'hidden' });
  }
}

/** A new browser context for this user, logged in through the login page and at home. */
export async function logInAs(e2e: E2E, test: TestContext, username: string): Promise<Page> {
  const page = await e2e.page(test, { viewport: { width: 1280, height: 900 } });
  await page.goto('/login');
  await logIn(page, username, e2e.t.fx.password);
  await see(main(page).getByText('待办事项', { exact: true }));
  return page;
}

/** Clicks an action button of the proposal page and, when it opens a form, returns its dialog. */
export async function act(page: Page, action: string): Promise<Locator> {
  await button(main(page), action).click();
  return dialog(page, action);
}

/**
 * Answers yes to the question an irreversible action asks first: the button named after the action
 * (立案, 答复, …) in the question's dialog, which then closes.
 */
export async function agree(page: Page, action: string) {
  const question = page.locator('.ant-modal-confirm');
  const answer = button(question, action);
  await settled(question);
  await answer.click();
  // A click while the question still zooms in can be lost on a busy machine (its animation may not
  // have started when settled() looked): click again while it stays open. antd ignores clicks on an
  // answer already under way, and a closed question has no button left to click.
  const until = Date.now() + WAIT;
  while (!(await question.waitFor({ state: 'hidden', timeout: 3000 }).then(() => true, () => false))) {
    if (Date.now() > until) throw new Error(`the question before ${action} stayed open`);
    await answer.click({ timeout: 2000 }).catch(() => undefined);
  }
}

/**
 * Waits for a dialog's finite animations to end (or be cancelled; 2 s at most): a click while it still
 * zooms in can be lost on a busy machine.
 */
async function settled(dialog: Locator) {
  await dialog.evaluate((el) => Promise.race([
    Promise.all(el.getAnimations({ subtree: true })
      .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity) // not a spinner's
      .map((a) => a.finished.catch(() => undefined))),
    new Promise((r) => setTimeout(r, 2000)),
  ]));
}

/** Presses 确定 in a form dialog (answering yes when its action asks first) and waits for it to close. */
export async function confirm(form: Locator, action?: string) {
  await settled(form);
  // Not exact: after a refused submission antd may leave the faded-out loading icon in the button,
  // which then reads "loading 确定".
  await form.getByRole('button', { name: '确定' }).click();
  if (action) await agree(form.page(), action);
  await form.waitFor({ state: 'hidden' });
}

/** A YYYY-MM-DD day as the Chinese pages show it: 2026年1月9日. */
export const shownDay = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** Drives a proposal of 李四's (member2) through the API, for the steps a journey is not about; its id. */
export async function seedProposal(e2e: E2E, p: { title: string; body: string }, steps: [user: string, action: string, body?: object][]): Promise<string> {
  const t = e2e.t;
  const created = await t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as('member2'), payload: { ...p, kind: 'member' } });
  if (created.statusCode !== 201) throw new Error(`create: ${created.statusCode} ${created.body}`);
  const id = created.json().id as string;
  for (const [user, action, body] of steps) {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${id}/actions/${action}`, headers: await t.as(user), payload: body ?? {} });
    if (res.statusCode !== 200) throw new Error(`${user} ${action}: ${res.statusCode} ${res.body}`);
  }
  return id;
}
