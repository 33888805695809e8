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
/** `shown`, for a select that empties itself after a pick (the co-signer picker): what shows the pick took. */
export async function pick(page: Page, select: Locator, option: string, search?: string, shown?: Locator) {
  const id = await select.getAttribute('id');
  const dropdown = page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${id}_list"]`) });
  const multiple = await select.evaluate((el) => !!el.closest('.ant-select-multiple'));
  const chosen = select.locator('xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]').locator('.ant-select-selection-item');
  // A click on a list still sliding open can be lost on a busy machine (the list closes with nothing
  // chosen): try again until the select shows the choice.
  for (let attempt = 0; ; attempt++) {
    await select.click();
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
    if (multiple) return;
    if (!(await dropdown.waitFor({ state: 'hidden', timeout: 3000 }).then(() => true, () => false))) {
      await choice.click();
      await dropdown.waitFor({ state: 'hidden' });
    }
    const took = shown
      ? await shown.waitFor({ timeout: 1000 }).then(() => true, () => false)
      : (await chosen.textContent({ timeout: 1000 }).catch(() => null)) === option;
    if (attempt >= 2 || took) return;
  }
}

/** The page's console errors from now on. */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return errors;
}

/** A new browser context for this user, logged in through the login page and at home. */
export async function logInAs(e2e: E2E, test: TestContext, username: string): Promise<Page> {
  const page = await e2e.page(test, { viewport: { width: 1280, height: 900 } });
  await page.goto('/login');
  await logIn(page, username, e2e.t.fx.password);
  await see(main(page).getByText('待办事项', { exact: true }));
  return page;
}

/** Clicks an action button of the proposal page that takes effect at once (提交, 签收). */
export async function press(page: Page, action: string) {
  await button(main(page), action).click();
}

/**
 * Clicks an action button of the proposal page that opens a form, and returns the form's dialog once
 * it has stopped zooming in: a click on a radio button while it still moves can be lost.
 */
export async function act(page: Page, action: string): Promise<Locator> {
  await press(page, action);
  return opened(dialog(page, action));
}

/** A form dialog once it has stopped zooming in (a radio button or a tick clicked while it moves can be lost). */
export async function opened(form: Locator): Promise<Locator> {
  await settled(form);
  return form;
}

/**
 * Answers yes to the question an irreversible action asks first: the button named after the action
 * (立案, 答复, …) in the question's dialog, which then closes.
 */
export async function agree(page: Page, action: string) {
  const question = page.locator('.ant-modal-confirm');
  await answer(question, action);
  await question.waitFor({ state: 'hidden' });
}

/**
 * Answers a popconfirm (the open one) with its button of this name ("确定" also matches antd's "确 定").
 * Returns as soon as the answer is taken, so that the toast it leads to is still there to be seen.
 */
export async function popconfirm(page: Page, action: string) {
  // (not one still fading out after the last answer: a second asked for at once is there beside it)
  await answer(page.locator('.ant-popconfirm:not([class*="-leave"])').filter({ visible: true }), action);
}

/**
 * Clicks the answer until it is taken: the question closes, or the answer shows it is under way
 * (antd's loading button, which ignores further clicks). A click while the question still zooms in
 * can be lost on a busy machine, even after settled() looked.
 */
async function answer(question: Locator, action: string) {
  const yes = question.getByRole('button', { name: new RegExp(`^${[...action].join('\\s?')}$`) });
  const taken = async () => !(await question.isVisible()) || (await question.locator('.ant-btn-loading').count()) > 0;
  await settled(question);
  const until = Date.now() + WAIT;
  for (;;) {
    await yes.click({ timeout: 2000 }).catch(() => undefined);
    if (await expect.poll(taken, { timeout: 3000, interval: 50 }).toBe(true).then(() => true, () => false)) return;
    if (Date.now() > until) throw new Error(`the question before ${action} stayed open`);
  }
}

/**
 * Waits until a dialog or popup has stopped moving (2 s at most): antd's motion marks it with
 * "-appear"/"-enter" classes from before its animation starts until after it ends (the first frames
 * have no running animation yet), and a click while it still zooms in can land beside its button.
 */
async function settled(dialog: Locator) {
  await dialog.evaluate((el) => new Promise<void>((done) => {
    const until = Date.now() + 2000;
    const motion = '[class*="-appear"], [class*="-enter"]';
    const moving = () => !!el.closest(motion) || !!el.querySelector(motion) || el.getAnimations({ subtree: true })
      .some((a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity); // not a spinner's
    const look = () => (!moving() || Date.now() > until ? done() : requestAnimationFrame(look));
    look();
  }));
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
