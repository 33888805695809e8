// In a real browser, 张三 (member) writes a proposal on a subject he has already filed this
// session: the duplicate check answers to the title alone, marking the filed one as this session's;
// 保存并提交 then opens the submitted proposal on the server's answers — its page's code was loaded
// while he wrote, and nothing the form showed (duplicate check, settings) or the page itself is
// fetched again on the way. 李四, who may open neither, is told how many there are.
// 赵六 (leader), a vice-chair and so a member too, writes a draft of his own and finds it under 我的提案;
// a leader not linked to a member has neither page, nor those where members write 社情民意, 双创 and ideas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { see, seeTexts, startE2E, type E2E } from './browser.ts';
import { button, logInAs, main, menuLink, row, stateTags, toast } from './ui.ts';
import { proposalIn, unlinkedLeader } from '../helpers.ts';

const FILED = '关于加强社区养老服务设施建设的提案';
const TITLE = '关于加快社区养老服务设施建设的提案';
const BODY = '建议统筹社区养老服务设施用地，完善运营补贴。';
const LEADER_TITLE = '关于推进城市更新中历史街区保护的提案';

describe('writing a proposal in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('checks for duplicates from the title, and opens the submitted proposal without reading it again', { timeout: 240_000 }, async (test) => {
    await proposalIn(e2e.t, 'filed', FILED);
    const member = await logInAs(e2e, test, 'member');
    const loaded: string[] = [];
    member.on('request', (r) => loaded.push(`${r.method()} ${new URL(r.url()).pathname}`));
    await menuLink(member, '撰写提案').click();
    await see(main(member).getByRole('heading', { name: '撰写提案' }));

    // The title alone starts the duplicate check; the filed proposal is marked as this session's.
    await main(member).getByLabel('标题', { exact: true }).fill(TITLE);
    const similar = main(member).getByRole('list', { name: '已有相似提案，请避免重复提交' });
    const hit = similar.getByRole('listitem').filter({ has: member.getByRole('link', { name: FILED }) });
    await see(hit.getByText('本次会议', { exact: true }));

    await main(member).getByLabel('正文', { exact: true }).fill(BODY);
    await expect.poll(() => loaded.filter((r) => r.startsWith('POST /api/v1/proposals/similar')).length).toBeGreaterThanOrEqual(2);
    // Let the duplicate check settle: under load a debounced check may still be on its way.
    let checks = -1;
    await expect.poll(() => {
      const now = loaded.filter((r) => r.startsWith('POST /api/v1/proposals/similar')).length;
      const settled = now === checks;
      checks = now;
      return settled;
    }, { interval: 1500, timeout: 20_000 }).toBe(true);
    await expect.poll(() => loaded.some((r) => /^GET \/assets\/ProposalDetailPage-/.test(r))).toBe(true);
    loaded.length = 0;
    await button(main(member), '保存并提交').click();
    await toast(member, '提案已提交');
    await see(main(member).getByRole('heading', { name: TITLE }));
    await seeTexts(stateTags(member), ['已提交']);
    const id = new URL(member.url()).pathname.split('/').pop()!;
    await expect.poll(() => loaded.filter((r) => r.includes('/history') || r.includes('/actions'))).toEqual(expect.arrayContaining([
      `GET /api/v1/proposals/${id}/actions`, `GET /api/v1/proposals/${id}/history`,
    ]));
    const proposals = loaded.filter((r) => r.includes('/api/v1/proposals'));
    expect(proposals.slice(0, 2)).toEqual(['POST /api/v1/proposals', `POST /api/v1/proposals/${id}/actions/submit`]);
    expect(proposals).not.toContain(`GET /api/v1/proposals/${id}`);
    expect(proposals.filter((r) => r.includes('/similar') || r.includes('/settings'))).toEqual([]);
    expect(loaded.filter((r) => r.startsWith('GET /assets/ProposalDetailPage-'))).toEqual([]);

    // 李四 (member2) may open neither: he is told how many this session has, not shown them.
    const member2 = await logInAs(e2e, test, 'member2');
    await menuLink(member2, '撰写提案').click();
    await main(member2).getByLabel('标题', { exact: true }).fill(TITLE);
    await see(main(member2).getByText('本次会议另有 2 件题目相近的提案已提交（他人未公开的提案，无法查看）。请避免重复提交，或联系提案委员会。', { exact: true }));
    expect(await main(member2).getByRole('link', { name: FILED }).count()).toBe(0);
  });

  it('lets a leader who is a member write a draft and find it under 我的提案, and a leader who is not, not', { timeout: 240_000 }, async (test) => {
    const leader = await logInAs(e2e, test, 'leader');
    await menuLink(leader, '撰写提案').click();
    await see(main(leader).getByRole('heading', { name: '撰写提案' }));
    await main(leader).getByLabel('标题', { exact: true }).fill(LEADER_TITLE);
    await main(leader).getByLabel('正文', { exact: true }).fill('建议编制历史街区保护名录，分类推进修缮利用。');
    await button(main(leader), '保存草稿').click();
    await toast(leader, '草稿已保存');
    await see(main(leader).getByRole('heading', { name: LEADER_TITLE }));
    await seeTexts(stateTags(leader), ['草稿']);

    await menuLink(leader, '我的提案').click();
    await see(main(leader).getByRole('heading', { name: '我的提案' }));
    await see(row(leader, LEADER_TITLE).getByText('草稿', { exact: true }));

    // A leader not linked to a member: the office's pages, not a proposer's; 我的提案 opened by its address is refused.
    const chair = await logInAs(e2e, test, await unlinkedLeader(e2e.t));
    await see(menuLink(chair, '提案管理'));
    for (const page of ['我的提案', '撰写提案', '待评价答复']) expect(await menuLink(chair, page).count(), page).toBe(0);
    // Nor the pages where members write 社情民意, 双创 and ideas (赵六 has them: the strings journey opens them).
    for (const path of ['/proposals/mine', '/opinions/new', '/creation/mine', '/campaigns/mine']) {
      await chair.goto(path);
      await see(main(chair).getByText('无权访问', { exact: true }));
    }
  });
});
