import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, engines, testApp, type TestApp } from './helpers.ts';

// 拒绝附议: a member named as co-signer of a joint draft says no (or takes a confirmation back while
// it is a draft), with or without a reason: off the list and the draft, the proposer told who and why.

const TITLE = '关于推进老旧小区加装电梯的提案';
const REASON = '本人对该领域缺乏调研，不宜联名';

describe.each(engines)('declining to co-sign (%s)', (engine) => {
  let t: TestApp;
  const { call, ok, refused } = apiAs(() => t);
  beforeAll(async () => { t = await testApp(engine); });
  afterAll(async () => { await t?.close(); });

  const url = (id: string, action = '') => `/proposals/${id}${action && `/actions/${action}`}`;
  const actions = async (user: string, id: string) => (await ok(user, 'GET', `/proposals/${id}/actions`)).map((a: { action: string }) => a.action);
  const todos = async (user: string) => (await ok(user, 'GET', '/todos')).items.map((x: { kind: string; href: string }) => `${x.kind} ${x.href}`);
  /** A joint draft of 张三 (member) naming 李四 (member2) and 赵六 (leader). */
  const draft = async () => (await ok('member', 'POST', '/proposals', {
    title: TITLE, body: '建议简化加装电梯审批，统筹补贴资金。', kind: 'joint', cosignerIds: [t.fx.memberIds[1], t.fx.memberIds[3]],
  })).id as string;

  it('takes the member off the list, tells the proposer who and why, and keeps it in the history', async () => {
    const id = await draft();
    expect(await actions('member2', id)).toEqual(['cosign', 'declineCosign']);
    expect(await todos('member2')).toContain(`cosign /proposals/${id}`);

    const after = await ok('member2', 'POST', url(id, 'declineCosign'), { reason: `  ${REASON} ` });
    expect(after).toMatchObject({ id, state: 'draft' });

    const p = await ok('member', 'GET', url(id));
    expect(p.cosigners.map((c: { name: string }) => c.name)).toEqual(['赵六']);
    expect(p.declined).toEqual([{ name: '李四', reason: REASON, at: expect.any(String) }]);
    const history = await ok('member', 'GET', `/proposals/${id}/history`);
    expect(history.at(-1)).toMatchObject({ action: 'declineCosign', from: 'draft', to: 'draft', actorUserId: t.fx.userIds.member2, note: REASON });
    const notice = (await ok('member', 'GET', '/notifications')).items.find((n: { href: string; params: { key?: string } }) => n.href === `/proposals/${id}` && n.params.key === 'cosignDeclined');
    expect(notice).toMatchObject({ kind: 'proposal', title: `李四拒绝附议您的提案：${TITLE}`, body: REASON, params: { name: '李四', title: TITLE } });

    // No longer asked, no longer a reader of the draft: declining again finds nothing; the request's notice is read.
    expect(await todos('member2')).not.toContain(`cosign /proposals/${id}`);
    const asked = (await ok('member2', 'GET', '/notifications')).items.filter((n: { kind: string; href: string }) => n.kind === 'cosign' && n.href === `/proposals/${id}`);
    expect(asked).toEqual([expect.objectContaining({ readAt: expect.any(String) })]);
    await refused(404, 'member2', 'GET', url(id));
    await refused(404, 'member2', 'POST', url(id, 'declineCosign'), {});
    // One co-signer left: nothing for the proposer to do yet.
    expect(await todos('member')).not.toContain(`addCosigners /proposals/${id}`);
  });

  it('lets a co-signer who confirmed take it back while it is a draft; with no co-signer left it cannot be submitted', async () => {
    const id = await draft();
    await ok('member2', 'POST', url(id, 'declineCosign'), {});
    await ok('leader', 'POST', url(id, 'cosign'), {});
    expect(await actions('leader', id)).toEqual(['declineCosign']);
    // Confirmed: the request's notice is read too.
    expect((await ok('leader', 'GET', '/notifications')).items.filter((n: { kind: string; href: string; readAt: string | null }) => n.kind === 'cosign' && n.href === `/proposals/${id}` && !n.readAt)).toEqual([]);
    await ok('leader', 'POST', url(id, 'declineCosign'), {});

    const p = await ok('member', 'GET', url(id));
    expect(p.cosigners).toEqual([]);
    expect(p.declined).toEqual([{ name: '李四', reason: null, at: expect.any(String) }, { name: '赵六', reason: null, at: expect.any(String) }]);
    expect(await actions('member', id)).toEqual(['withdraw']);
    expect((await refused(409, 'member', 'POST', url(id, 'submit'))).detail).toContain('附议人');
    // The proposer is asked to add co-signers, in their to-dos (worded for the web by kind and title).
    const item = (await ok('member', 'GET', '/todos')).items.find((x: { href: string; kind: string }) => x.href === `/proposals/${id}` && x.kind === 'addCosigners');
    expect(item).toEqual({ kind: 'addCosigners', title: `补充附议人：${TITLE}`, params: { title: TITLE }, href: `/proposals/${id}` });
    expect(await todos('member2')).not.toContain(`addCosigners /proposals/${id}`);

    // Asked again, 李四 is no longer among those who declined, and the proposer's to-do is gone.
    await ok('member', 'PATCH', url(id), { cosignerIds: [t.fx.memberIds[1]] });
    expect((await ok('member', 'GET', url(id))).declined.map((d: { name: string }) => d.name)).toEqual(['赵六']);
    expect(await todos('member2')).toContain(`cosign /proposals/${id}`);
    expect(await todos('member')).not.toContain(`addCosigners /proposals/${id}`);
  });

  it('is for the named co-signers alone, only while it is a draft, and refuses bad input naming the field', async () => {
    const id = await draft();
    await refused(403, 'member', 'POST', url(id, 'declineCosign'), {});
    for (const user of ['staff', 'unitA', 'otherStaff']) await refused(404, user, 'POST', url(id, 'declineCosign'), {});
    for (const [body, path] of [[{ reason: '' }, '/reason'], [{ reason: '理'.repeat(501) }, '/reason'], [{ reason: 5 }, '/reason'], [{ note: '不同意' }, '/note']] as const) {
      expect((await refused(400, 'member2', 'POST', url(id, 'declineCosign'), body)).errors.map((e) => e.path), JSON.stringify(body)).toContain(path);
    }

    await ok('member2', 'POST', url(id, 'cosign'), {});
    await ok('leader', 'POST', url(id, 'cosign'), {});
    await ok('member', 'POST', url(id, 'submit'), {});
    await refused(409, 'member2', 'POST', url(id, 'declineCosign'), { reason: REASON });
    expect((await call('member', 'GET', url(id))).json().cosigners).toHaveLength(2);
  });
});
