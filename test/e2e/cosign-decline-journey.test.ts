// In a real browser, two members named without being asked as co-signers of 张三's joint draft say
// no: 李四 (member2) from the draft's page, with a reason, and is taken back to his requests; 赵六
// (leader) from his list of requests, giving none. 张三 is told, finds a to-do to add co-signers, and
// reads on the draft who declined and why, and that it needs a co-signer again before it can be submitted.
// Embedded database only: the browser exercises the UI, the HTTP tests cover both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { see, startE2E, type E2E } from './browser.ts';
import { act, button, card, confirm, logInAs, main, menuLink, row, toast } from './ui.ts';

const TITLE = '关于规范共享单车停放管理的提案';
const REASON = '本人长期关注教育领域，对该问题缺乏调研，不宜联名';

describe('declining to co-sign in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('two named co-signers decline, and the proposer reads who and why on the draft', { timeout: 240_000 }, async (test) => {
    const t = e2e.t;
    const created = await t.app.inject({
      method: 'POST', url: '/api/v1/proposals', headers: await t.as('member'),
      payload: { title: TITLE, body: '建议划定停放区域，落实企业管理责任。', kind: 'joint', cosignerIds: [t.fx.memberIds[1], t.fx.memberIds[3]] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;

    // 1. 李四 opens the request from his to-do list: he may confirm or decline; he declines, saying why.
    const member2 = await logInAs(e2e, test, 'member2');
    await main(member2).getByRole('link', { name: `确认附议：${TITLE}` }).click();
    await see(main(member2).getByRole('heading', { name: TITLE }));
    await see(button(main(member2), '确认附议'));
    const form = await act(member2, '拒绝附议');
    await form.getByLabel('理由（可不填，将告知提案人）', { exact: true }).fill(REASON);
    await confirm(form);
    await toast(member2, '已拒绝附议，提案人会收到通知');
    // The draft is no longer his to read: back among his requests, none left.
    await see(main(member2).getByRole('heading', { name: '附议请求' }));
    await see(main(member2).getByText('没有等您确认的附议请求', { exact: true }));
    expect(new URL(member2.url()).pathname).toBe('/proposals/cosign');

    // 2. 赵六 declines from his list of requests, without a reason.
    const leader = await logInAs(e2e, test, 'leader');
    await menuLink(leader, '附议请求').click();
    await button(row(leader, TITLE), `拒绝附议 ${TITLE}`).click();
    await confirm(leader.getByRole('dialog', { name: '拒绝附议' }));
    await toast(leader, '已拒绝附议，提案人会收到通知');
    await see(main(leader).getByText('没有等您确认的附议请求', { exact: true }));

    // 3. 张三 is told, opens the draft from the notice, and reads who declined and why.
    const member = await logInAs(e2e, test, 'member');
    await see(main(member).getByRole('link', { name: `补充附议人：${TITLE}` }));
    await member.getByRole('button', { name: /^通知/ }).click();
    const notice = member.getByRole('dialog', { name: '通知' }).getByRole('listitem').filter({ hasText: `李四拒绝附议您的提案：${TITLE}` });
    await see(notice.getByText(REASON, { exact: true }));
    await notice.getByRole('link').click();
    await see(main(member).getByRole('heading', { name: TITLE }));
    await see(main(member).getByText('以下委员拒绝附议', { exact: true }));
    await see(main(member).getByText(`李四：${REASON}`, { exact: true }));
    await see(main(member).getByText('赵六：未说明理由', { exact: true }));
    await see(main(member).getByText('联名提案需要至少一位附议人：请修改草稿，添加附议人后再提交。', { exact: true }));
    await see(card(member, '历史记录').getByText(REASON, { exact: true }));
    await see(main(member).getByRole('button', { name: /修改草稿$/ }));
    expect(await button(main(member), '提交').count()).toBe(0);
    expect(new URL(member.url()).pathname).toBe(`/proposals/${id}`);
  });
});
