// A step the journeys share: on 我的双联, the member logs a face-to-face contact on one of their
// links with one opinion, in the few taps the page asks for.
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { logIn, see } from './browser.ts';
import { button, dialog, main, toast } from './ui.ts';

/** The link card of `name` (of the kind named), before and after: face to face and today are chosen already. */
export async function logFaceToFace(phone: Page, link: { name: string; kind: string }, topics: string, opinion: string): Promise<Locator> {
  const card = main(phone).locator('.ant-card').filter({ hasText: link.name }).filter({ hasText: link.kind });
  await see(card.getByText('今年未见面', { exact: true }));
  // (The buttons' names start with their icon's.)
  await card.getByRole('button', { name: /记录联系$/ }).click();
  const form = dialog(phone, `记录联系 · ${link.name}`);
  await expect.poll(() => form.getByRole('radio', { name: '见面', exact: true }).isChecked()).toBe(true);
  await form.getByLabel('交流内容', { exact: true }).fill(topics);
  await form.getByRole('button', { name: /添加一条意见建议$/ }).click();
  await form.getByLabel('收集的意见建议 1', { exact: true }).fill(opinion);
  await button(form, '保存').click();
  await toast(phone, '已记录联系');
  await see(card.getByText('今年已见面', { exact: true }));
  return card;
}

/** The member logs in on a phone and opens 我的双联 (its home shown first: to-dos may be there). */
export async function openMyLiaison(phone: Page, password: string) {
  await phone.goto('/login');
  await logIn(phone, 'member', password);
  await see(main(phone).getByText('待办事项', { exact: true }));
  await phone.goto('/liaison/mine');
  await see(main(phone).getByRole('heading', { name: '我的双联' }));
}
