import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plusDays, today } from '../src/server/modules/handling/deadlines.ts';
import { apiAs, day, engines, opinionIn, proposalIn, testApp, type TestApp } from './helpers.ts';

// Who is told what: a person newly asked to act (a co-signer, an invited member) or learning what
// became of their own item (a report's author, an idea's member) gets one notice per event, linking
// to the item's page; whoever acted is not told of their own act. The list pages newest first.

interface Notice { id: string; kind: string; title: string; body: string; href: string | null; params: Record<string, string | number> | null; readAt: string | null }

describe.each(engines)('notifications (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(engine, { JOBS_INTERVAL_SECONDS: 3600 });
    for (const u of ['staff', 'member', 'member2', 'leader']) await t.as(u);
  }, 180_000);
  afterAll(async () => { await t?.close(); });
  const { ok } = apiAs(() => t);
  const notices = async (user: string, href: string) =>
    ((await ok(user, 'GET', '/notifications?pageSize=200')).items as Notice[]).filter((n) => n.href === href);

  it('tells a report\'s author it was returned, approved, forwarded, adopted and instructed on, each once, linking to the report', async () => {
    const returned = await opinionIn(t, 'returned', '关于规范校外培训收费的建议');
    const href = `/opinions/${returned}`;
    expect(await notices('member', href)).toEqual([
      expect.objectContaining({ kind: 'opinion', title: '社情民意信息被退回修改：关于规范校外培训收费的建议', body: '请补充具体数据', params: { key: 'returned', title: '关于规范校外培训收费的建议' }, readAt: null }),
    ]);
    // (staff were asked to review it: kind opinionReview; none is told of the return but its author)
    for (const other of ['staff', 'member2', 'leader']) expect((await notices(other, href)).filter((n) => n.kind === 'opinion'), other).toEqual([]);

    const adopted = await opinionIn(t, 'adopted', '关于优化公交线路的建议');
    await ok('staff', 'POST', `/opinions/${adopted}/actions/instruct`, { leaderName: '李明', leaderPosition: '市长', level: 'city', date: day(0), content: '请交通局研究。' });
    const told = await notices('member', `/opinions/${adopted}`);
    expect(told.map((n) => n.params?.key).sort()).toEqual(['adopted', 'approved', 'forwarded', 'instructed']);
    expect(told.find((n) => n.params?.key === 'instructed')).toMatchObject({ title: '社情民意信息获市长李明批示：关于优化公交线路的建议', body: '请交通局研究。', params: { leader: '市长李明' } });
    expect(told.find((n) => n.params?.key === 'adopted')).toMatchObject({ params: { adoptedBy: '市政府办公室', level: 'city' } });
    expect((await notices('staff', `/opinions/${adopted}`)).filter((n) => n.kind === 'opinion')).toEqual([]);
  });

  it('does not tell a leader who is a member of the 批示 they recorded on their own report', async () => {
    const { id } = await ok('leader', 'POST', '/opinions', { title: '关于建设口袋公园的建议', body: '建议利用边角地建设口袋公园。' });
    await ok('leader', 'POST', `/opinions/${id}/actions/submit`, {});
    await ok('staff', 'POST', `/opinions/${id}/actions/approve`, {});
    await ok('staff', 'POST', `/opinions/${id}/actions/forward`, { bodies: ['市委办公室'], date: day(-1) });
    await ok('leader', 'POST', `/opinions/${id}/actions/instruct`, { leaderName: '王强', leaderPosition: '副市长', level: 'city', date: day(0), content: '请研究。' });
    const told = await notices('leader', `/opinions/${id}`);
    expect(told.map((n) => n.params?.key).sort()).toEqual(['approved', 'forwarded']);
  });

  it('asks each invited co-signer once, linking to the proposal, and not the proposer', async () => {
    const id = await proposalIn(t, 'jointDraft', '关于完善社区养老服务设施的联名提案');
    const href = `/proposals/${id}`;
    expect(await notices('member', href)).toEqual([
      expect.objectContaining({ kind: 'cosign', title: '请确认附议：关于完善社区养老服务设施的联名提案', params: { title: '关于完善社区养老服务设施的联名提案' }, readAt: null }),
    ]);
    expect(await notices('member2', href)).toEqual([]);
    // Saving the draft again with the same co-signer asks nobody twice; a newly named one is asked.
    await ok('member2', 'PATCH', href, { cosignerIds: [t.fx.memberIds[0], t.fx.memberIds[3]] });
    expect(await notices('member', href)).toHaveLength(1);
    expect((await notices('leader', href)).map((n) => n.kind)).toEqual(['cosign']);
    expect(await notices('member2', href)).toEqual([]);
  });

  it('invites each member once, linking to their invitations, and not the staff who sent them', async () => {
    const c = await ok('staff', 'POST', '/consultations', { title: '关于推进托育服务体系建设', kind: 'bimonthly', year: 2031 });
    for (const a of ['prepare', 'convene']) await ok('staff', 'POST', `/consultations/${c.id}/actions/${a}`, {});
    const on = plusDays(today(), 30);
    await ok('staff', 'PUT', `/consultations/${c.id}/meeting`, { date: on, time: '14:30', place: '政协二楼会议室', agenda: [{ time: '14:30', title: '委员发言', speaker: '社会法制委员会' }] });
    await ok('staff', 'POST', `/consultations/${c.id}/meeting/invitees`, { memberIds: [t.fx.memberIds[0], t.fx.memberIds[1]] });
    await ok('staff', 'POST', `/consultations/${c.id}/meeting/invitations`, {});
    const mine = (n: Notice) => n.kind === 'meetingInvitation' && n.params?.title === c.title;
    for (const user of ['member', 'member2']) {
      expect((await notices(user, '/meetings')).filter(mine), user).toEqual([
        expect.objectContaining({ title: `会议邀请：${c.title}`, body: `${on} 14:30，政协二楼会议室。请回复是否参加。`, params: { title: c.title, date: on, time: '14:30', place: '政协二楼会议室' } }),
      ]);
    }
    // One added later is invited with the next sending; those invited before are not told again.
    await ok('staff', 'POST', `/consultations/${c.id}/meeting/invitees`, { memberIds: [t.fx.memberIds[3]] });
    await ok('staff', 'POST', `/consultations/${c.id}/meeting/invitations`, {});
    expect((await notices('leader', '/meetings')).filter(mine)).toHaveLength(1);
    expect((await notices('member', '/meetings')).filter(mine)).toHaveLength(1);
    expect((await notices('staff', '/meetings')).filter(mine)).toEqual([]);
  });

  it('tells a member their idea was adopted, linking to their ideas', async () => {
    const k = await ok('staff', 'POST', '/campaigns', { title: '我为乡村振兴献一计', theme: '围绕乡村振兴建言', opensOn: day(-1), closesOn: day(5) });
    const idea = await ok('member', 'POST', `/campaigns/${k.id}/ideas`, { title: '发展乡村民宿', content: '建议规范发展乡村民宿。' });
    await ok('member2', 'POST', `/campaigns/${k.id}/ideas`, { title: '建设冷链仓储', content: '建议建设县域冷链仓储。' });
    await ok('staff', 'POST', `/campaigns/ideas/${idea.id}/adopt`, { adoptedBy: '市农业农村局' });
    const about = (n: Notice) => n.kind === 'idea';
    expect((await notices('member', '/campaigns/mine')).filter(about)).toEqual([
      expect.objectContaining({ title: '您的建言被市农业农村局采纳：发展乡村民宿', params: { key: 'adopted', title: '发展乡村民宿', adoptedBy: '市农业农村局' } }),
    ]);
    expect((await notices('member2', '/campaigns/mine')).filter(about)).toEqual([]);
    expect((await notices('staff', '/campaigns/mine')).filter(about)).toEqual([]);
  });

  it('pages the list newest first: an older page holds the rest, none twice', async () => {
    const all = (await ok('member', 'GET', '/notifications?pageSize=200')) as { items: Notice[]; total: number };
    expect(all.total).toBeGreaterThan(3);
    const first = await ok('member', 'GET', '/notifications?page=1&pageSize=3');
    const second = await ok('member', 'GET', '/notifications?page=2&pageSize=3');
    expect(first).toMatchObject({ total: all.total, page: 1, pageSize: 3 });
    expect([...first.items, ...second.items].map((n: Notice) => n.id)).toEqual(all.items.slice(0, 6).map((n) => n.id));
  });
});
