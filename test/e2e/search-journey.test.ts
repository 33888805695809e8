// In a real browser: a visitor on a phone (390 px) opens the search from the public header, searches
// 公交, finds the published proposal (with the word marked) but not an unpublished one, is offered
// what it also searched as related searches, and opens the proposal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { SEARCH_CAP } from '../../src/server/modules/search/queries.ts';
import { proposalIn } from '../helpers.ts';
import { see, startE2E, type E2E } from './browser.ts';
import { main } from './ui.ts';

const PUBLISHED = '关于优化城市公交线路的提案';
const UNPUBLISHED = '关于公交站台无障碍改造的提案';

describe('search journey', () => {
  let e2e: E2E;
  let published = '';
  beforeAll(async () => {
    e2e = await startE2E();
    const t = e2e.t;
    const id = await proposalIn(t, 'closed', PUBLISHED);
    published = id;
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${id}/actions/publish`, headers: await t.as('staff'), payload: {} });
    expect(res.statusCode, res.body).toBe(200);
    await proposalIn(t, 'submitted', UNPUBLISHED);
    await t.app.outbox.kick();
  });
  afterAll(async () => { await e2e?.close(); });

  it('a visitor on a phone searches 公交 and opens the published proposal it finds', { timeout: 120_000 }, async (test) => {
    const visitor = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await visitor.goto('/public/proposals');
    await visitor.getByRole('banner').getByRole('button', { name: '全站搜索' }).click();
    expect(new URL(visitor.url()).pathname).toBe('/search');
    const box = main(visitor).getByRole('searchbox', { name: '全站搜索' });
    await box.fill('公交');
    await box.press('Enter');
    const result = main(visitor).getByRole('link', { name: PUBLISHED });
    await see(result);
    await see(result.locator('mark', { hasText: '公交' }));
    await see(main(visitor).getByText('共 1 条结果'));
    expect(await main(visitor).getByText(UNPUBLISHED).count()).toBe(0);
    // Searching another word, then 公交 again: related searches offer what this visitor also searched.
    await main(visitor).getByRole('searchbox', { name: '全站搜索' }).fill('线路');
    await main(visitor).getByRole('searchbox', { name: '全站搜索' }).press('Enter');
    await see(main(visitor).getByRole('link', { name: PUBLISHED }).locator('mark', { hasText: '线路' }));
    await main(visitor).getByRole('searchbox', { name: '全站搜索' }).fill('公交');
    await main(visitor).getByRole('searchbox', { name: '全站搜索' }).press('Enter');
    await see(main(visitor).getByRole('navigation', { name: '相关搜索' }).getByRole('link', { name: '线路' }));
    // The page fits the phone: nothing wider than the screen.
    expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await result.click();
    await see(main(visitor).getByRole('heading', { name: PUBLISHED }));
    expect(new URL(visitor.url()).pathname).toMatch(/^\/public\/proposals\//);
  });

  it('a word in more than the cap shows about how many, on the tab and in the count', { timeout: 120_000 }, async (test) => {
    // Three caps' worth of published proposals on shuttle buses (copies with new ids and their search documents).
    await e2e.t.database.db.execute(sql`with made as (insert into proposals select (jsonb_populate_record(null::proposals, to_jsonb(p) || jsonb_build_object('id', gen_random_uuid(), 'number', null))).*
      from proposals p, generate_series(1, ${SEARCH_CAP * 3}) where p.id = ${published} returning id, org_id)
      insert into search_docs (org_id, doc_kind, doc_id, tsv) select org_id, 'proposal', id, to_tsvector('simple', '班车') from made`);
    const visitor = await e2e.page(test, { viewport: { width: 1366, height: 900 } });
    await visitor.goto(`/search?q=${encodeURIComponent('班车')}`);
    await see(main(visitor).getByText(new RegExp(`^约 [\\d,]+ 条结果（排序取前 ${SEARCH_CAP} 条）$`)));
    await see(main(visitor).getByText(/^提案 约 [\d,]+$/));
    const shown = await main(visitor).getByText(/^约 [\d,]+ 条结果/).textContent();
    const about = Number(shown!.match(/约 ([\d,]+)/)![1]!.replace(/,/g, ''));
    expect(about).toBeGreaterThan(SEARCH_CAP * 3 * 0.5);
    expect(about).toBeLessThan(SEARCH_CAP * 3 * 2);
  });
});
