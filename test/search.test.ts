import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app.ts';
import { searchQueries } from '../src/server/modules/search/schema.ts';
import { opinions } from '../src/server/modules/opinions/schema.ts';
import { proposals } from '../src/server/modules/proposals/schema.ts';
import { documentCategories, documents } from '../src/server/modules/library/schema.ts';
import { SEARCH_CAP } from '../src/server/modules/search/queries.ts';
import { backfillSearch } from '../src/server/modules/proposals/search.ts';
import { backfillIndex } from '../src/server/modules/search/indexing.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/server/seed/demo.ts';
import { apiAs, engines, expectProblem, opinionIn, proposalIn, sessionHeaders, testApp, testConfig, testDatabase, type TestApp } from './helpers.ts';
import { form } from './library-helpers.ts';

// Search across everything (GET /api/v1/search): each kind found by a Chinese query, under each
// kind's read rule per caller; snippets marked and escaped; ranking and paging; the query log and
// related searches (GET /api/v1/search/related).

interface Item { kind: string; id: string; title: string; titleHtml: string; snippet: string; href: string }
interface Answer {
  items: Item[]; total: number; totalCapped: boolean; capped: string[]; estimates: Record<string, number>; totalEstimate: number; page: number; pageSize: number;
  counts: Record<string, number>; categories: { category: string; count: number }[]; words: string[];
}

describe.each(engines)('search (%s)', (engine) => {
  let t: TestApp;
  const { ok, call } = apiAs(() => t);
  const ids: Record<string, string> = {};
  let visitorHeaders: Record<string, string> = {};
  /** Searches as a login (or, with none, as a visitor of the test committee). */
  const find = async (login: string | null, q: string, extra = ''): Promise<Answer> => {
    const url = `/api/v1/search?q=${encodeURIComponent(q)}${extra}${login ? '' : `&orgId=${t.fx.orgId}`}`;
    const res = await t.app.inject({ url, headers: login ? await t.as(login) : visitorHeaders });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const found = (a: Answer) => a.items.map((i) => `${i.kind}:${i.id}`);
  const upload = async (file: string, title: string, access: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: await t.as('staff'), payload: form(Buffer.from(file, 'utf8'), `${title}.txt`, { title, access }) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  beforeAll(async () => {
    t = await testApp(engine, { LIBRARY_RENDER: 'text', JOBS_INTERVAL_SECONDS: 3600 });
    // A published proposal whose reply speaks of the buses, and an unpublished one of the member's.
    const pub = await proposalIn(t, 'handling', '关于优化城市公交线路的提案');
    await ok('unitA', 'POST', `/proposals/${pub}/actions/reply`, { category: 'A', content: '我局已新开通三条社区公交微循环线路。' });
    await ok('member', 'POST', `/proposals/${pub}/actions/evaluate`, { satisfaction: 'satisfied' });
    await ok('staff', 'POST', `/proposals/${pub}/actions/publish`, {});
    ids.published = pub;
    ids.unpublished = await proposalIn(t, 'submitted', '关于公交站台无障碍改造的提案');
    ids.opinion = await opinionIn(t, 'submitted', '公交票价优惠应覆盖外来务工人员', '建议将公交票价优惠扩大到外来务工人员。');
    ids.script = await opinionIn(t, 'submitted', '<script>alert(1)</script>公交调度', '正文<b>加粗</b>公交调度不合理 & 需改进');
    const c = await ok('staff', 'POST', '/consultations', { title: '公交优先发展网络议政', kind: 'online', year: 2031, summary: '就公交优先发展征集意见' });
    ids.consultation = c.id;
    const inTopic = await ok('staff', 'POST', '/consultations', { title: '公交场站规划协商', kind: 'bimonthly', year: 2031 });
    ids.topicConsultation = inTopic.id;
    await ok('staff', 'POST', `/consultations/${c.id}/actions/prepare`);
    await ok('staff', 'POST', `/consultations/${c.id}/actions/openComments`, { moderation: 'post' });
    ids.comment = (await ok('member2', 'POST', `/consultations/${c.id}/comments`, { content: '早高峰公交太挤，建议加密班次。' })).id;
    ids.publicDoc = await upload('第一页讲公交都市建设。\n'.repeat(3), '公交都市建设资料', 'public');
    ids.membersDoc = await upload('内部研究：公交补贴测算。', '公交补贴内部测算', 'members');
    await t.app.library.runner.runDue();
    await t.app.outbox.kick();
    // The other committee has a published proposal of its own on the same subject.
    visitorHeaders = {};
  });
  afterAll(async () => { await t?.close(); });

  it('finds each kind by a Chinese query, segmented as the texts are', async () => {
    const staff = await find('staff', '公交');
    const kinds = new Set(staff.items.map((i) => i.kind));
    for (const k of ['proposal', 'reply', 'opinion', 'consultation', 'comment', 'document']) expect(kinds, k).toContain(k);
    expect(staff.counts).toMatchObject({ proposal: 2, reply: 1, opinion: 2, consultation: 2, comment: 1, document: 2 });
    expect(staff.total).toBe(10);
    // A longer query is segmented (公交 + 线路) and every word must be there.
    expect(found(await find('staff', '公交线路'))).toEqual([`proposal:${ids.published}`]);
    // The reply is found by its words (and its proposal too, whose search document holds its replies).
    const reply = (await find('staff', '微循环')).items.find((i) => i.kind === 'reply')!;
    expect(reply).toMatchObject({ title: '关于优化城市公交线路的提案', href: `/proposals/${ids.published}` });
    expect(found(await find('staff', '社区公交微循环')).sort()).toEqual([`proposal:${ids.published}`, `reply:${reply.id}`].sort());
    // Hrefs lead to the pages that open each.
    const href = (k: string) => staff.items.find((i) => i.kind === k)!.href;
    expect(href('opinion')).toMatch(/^\/opinions\//);
    expect(href('document')).toMatch(/^\/library\//);
    expect(href('comment')).toBe(`/consultations/${ids.consultation}`);
    // Words too common to search by leave no word to search: said (words: []), for the page to ask for a more specific one.
    expect(await find('staff', '关于提案的建议')).toMatchObject({ total: 0, words: [] });
    expect((await find('staff', '公交提案')).words).toEqual(['公交']);
  });

  it('gives each caller only what they may read', async () => {
    const visitor = found(await find(null, '公交'));
    expect(visitor).toContain(`proposal:${ids.published}`);
    expect(visitor).not.toContain(`proposal:${ids.unpublished}`);
    expect(visitor.filter((x) => x.startsWith('reply:'))).toHaveLength(1); // the published proposal's reply
    expect(visitor).toContain(`document:${ids.publicDoc}`);
    expect(visitor).not.toContain(`document:${ids.membersDoc}`);
    expect(visitor).toContain(`consultation:${ids.consultation}`); // comments open: on the public list
    expect(visitor).not.toContain(`consultation:${ids.topicConsultation}`); // still choosing its topic
    expect(visitor).toContain(`comment:${ids.comment}`);
    expect(visitor.some((x) => x.startsWith('opinion:'))).toBe(false);
    const visitorAnswer = await find(null, '公交');
    expect(visitorAnswer.items.find((i) => i.kind === 'proposal')!.href).toBe(`/public/proposals/${ids.published}`);
    // (the public page of the consultation, which opens for a visitor)
    const publicHref = visitorAnswer.items.find((i) => i.kind === 'consultation')!.href;
    expect(publicHref).toBe(`/public/consultations/${ids.consultation}`);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/consultations/${ids.consultation}` })).statusCode).toBe(200);

    // The proposer reads his own unpublished proposal and report; another member neither.
    const member = found(await find('member', '公交'));
    expect(member).toEqual(expect.arrayContaining([`proposal:${ids.unpublished}`, `opinion:${ids.opinion}`, `document:${ids.membersDoc}`, `consultation:${ids.topicConsultation}`]));
    const member2 = found(await find('member2', '公交'));
    expect(member2).not.toContain(`proposal:${ids.unpublished}`);
    expect(member2.some((x) => x.startsWith('opinion:'))).toBe(false);
    expect(member2).toContain(`document:${ids.membersDoc}`);
    // A unit: published ones and those assigned to it; no members' documents.
    const unit = found(await find('unitB', '公交'));
    expect(unit).not.toContain(`document:${ids.membersDoc}`);
    expect(unit).not.toContain(`proposal:${ids.unpublished}`);
    // Another committee finds nothing of this one, published or not.
    expect((await find('otherStaff', '公交')).total).toBe(0);
    // Everything found opens for its finder.
    for (const login of ['member2', 'unitB']) {
      for (const i of (await find(login, '公交', '&pageSize=50')).items.filter((x) => x.kind === 'proposal' || x.kind === 'opinion' || x.kind === 'document')) {
        expect((await call(login, 'GET', `/${i.kind === 'proposal' ? 'proposals' : i.kind === 'opinion' ? 'opinions' : 'documents'}/${i.id}`)).statusCode, `${login} ${i.kind}`).toBe(200);
      }
    }
  });

  it('finds 双联 contact logs for the office, leaders and the members on the link only', async () => {
    const year = new Date().getFullYear();
    const today = new Date().toISOString().slice(0, 10);
    const [zhang, li] = t.fx.memberIds;
    // 张三 (member) liaises with 李四 (member2); a second link, 王五's, is neither's.
    const link = await ok('staff', 'POST', '/liaison/links', { year, kind: 'partyMember', fromMemberId: zhang, toMemberId: li, reason: '测试' });
    const theirs = await ok('staff', 'POST', '/liaison/links', { year, kind: 'partyMember', fromMemberId: t.fx.memberIds[2], toMemberId: t.fx.memberIds[3], reason: '测试' });
    const mine = await ok('member', 'POST', `/liaison/links/${link.id}/contacts`, {
      date: today, channel: 'faceToFace', participants: '张三、李四', topics: '交流公交出行难题', opinions: ['建议增开夜班公交'], problemsSolved: ['协调解决一处路灯损坏问题'],
    });
    const other = await ok('staff', 'POST', `/liaison/links/${theirs.id}/contacts`, { date: today, channel: 'phone', participants: '王五、赵六', topics: '公交卡办理' });
    await t.app.outbox.kick();
    const contacts = async (login: string | null, q = '公交') => found(await find(login, q, '&kind=contact')).sort();
    expect(await contacts('staff')).toEqual([`contact:${mine.id}`, `contact:${other.id}`].sort());
    expect(await contacts('leader')).toEqual([`contact:${mine.id}`, `contact:${other.id}`].sort());
    expect(await contacts('member')).toEqual([`contact:${mine.id}`]);
    expect(await contacts('member2')).toEqual([`contact:${mine.id}`]);
    for (const nobody of ['unitA', 'unitB', null]) expect(await contacts(nobody), String(nobody)).toEqual([]);
    expect((await find('unitA', '公交')).counts.contact ?? 0).toBe(0);
    // Found by the opinions collected and the problems solved too; the hit leads to the contact's page.
    const item = (await find('member', '夜班', '&kind=contact')).items[0]!;
    expect(item).toMatchObject({ kind: 'contact', id: mine.id, title: '张三、李四', href: `/liaison/contacts/${mine.id}` });
    expect(found(await find('member', '路灯', '&kind=contact'))).toEqual([`contact:${mine.id}`]);
    expect((await t.app.inject({ url: item.href.replace('/liaison', '/api/v1/liaison'), headers: await t.as('member2') })).statusCode).toBe(200);
  });

  it('marks hits in the snippet and escapes everything else', async () => {
    const a = await find('staff', '调度');
    const hit = a.items.find((i) => i.id === ids.script)!;
    expect(hit.title).toBe('<script>alert(1)</script>公交调度'); // the plain text, as every API gives titles
    expect(hit.titleHtml).toBe('&#60;script&#62;alert(1)&#60;/script&#62;公交<mark>调度</mark>');
    expect(hit.snippet).toBe('正文&#60;b&#62;加粗&#60;/b&#62;公交<mark>调度</mark>不合理 &#38; 需改进');
    expect(hit.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    const reply = (await find('staff', '微循环')).items[0]!;
    expect(reply.snippet).toContain('<mark>微循环</mark>');
    // A document's snippet comes from the page with the word.
    const doc = (await find('staff', '补贴测算')).items[0]!;
    expect(doc).toMatchObject({ kind: 'document', id: ids.membersDoc });
    expect(doc.snippet).toContain('<mark>补贴</mark><mark>测算</mark>'.replace('</mark><mark>', ''));
  });

  it('ranks title hits above text hits, pages through them and filters by kind', async () => {
    const all = await find('staff', '公交', '&pageSize=50');
    // Replies and comments have no title of their own: theirs are hits in the text only, so they come last.
    expect(all.items.slice(-2).map((i) => i.kind).sort()).toEqual(['comment', 'reply']);
    const pages = [];
    for (let page = 1; page <= 4; page++) pages.push(...(await find('staff', '公交', `&pageSize=3&page=${page}`)).items.map((i) => i.id));
    expect(pages).toEqual(all.items.map((i) => i.id));
    const onlyDocs = await find('staff', '公交', '&kind=document');
    expect(onlyDocs.total).toBe(2);
    expect(onlyDocs.items.every((i) => i.kind === 'document')).toBe(true);
    expect(onlyDocs.counts.proposal).toBe(2); // the tabs' counts stay those of every kind
    const visitorOpinions = await find(null, '公交', '&kind=opinion');
    expect(visitorOpinions).toMatchObject({ total: 0, items: [] });
    // Nothing to search for (punctuation only, a stop word): nothing found, not an error.
    expect((await find('staff', '，。')).total).toBe(0);
  });

  it('refuses bad input, naming the parameter', async () => {
    for (const [url, field] of [
      ['/api/v1/search', 'q'], ['/api/v1/search?q=', 'q'], [`/api/v1/search?q=${'长'.repeat(101)}`, 'q'],
      ['/api/v1/search?q=a&kind=letter', 'kind'], ['/api/v1/search?q=a&pageSize=51', 'pageSize'], ['/api/v1/search?q=a&page=0', 'page'],
      ['/api/v1/search/related', 'q'], ['/api/v1/search?q=a&orgId=x', 'orgId'],
    ] as const) {
      const body = expectProblem(await t.app.inject({ url, headers: await t.as('staff') }), 400);
      expect(JSON.stringify(body.errors), url).toContain(field);
    }
  });

  it('counts by year (of each result\'s date) and filters by it, the kind counts following the year', async () => {
    const thisYear = new Date().getFullYear();
    await t.database.db.update(opinions).set({ updatedAt: new Date('2024-05-01T08:00:00Z') }).where(eq(opinions.id, ids.opinion!));
    const all = await find('staff', '公交');
    const years = (all as Answer & { years: { year: number; count: number }[] }).years;
    expect(years.find((y) => y.year === 2024)).toEqual({ year: 2024, count: 1 });
    expect(years.reduce((n, y) => n + y.count, 0)).toBe(all.total);
    expect(years.map((y) => y.year)).toEqual([...years.map((y) => y.year)].sort((a, b) => b - a));
    const in2024 = await find('staff', '公交', '&year=2024');
    expect(found(in2024)).toEqual([`opinion:${ids.opinion}`]);
    expect(in2024.total).toBe(1);
    expect(in2024.counts).toMatchObject({ opinion: 1, proposal: 0, document: 0 });
    // The year list follows the kind asked for.
    const proposalYears = (await find('staff', '公交', '&kind=proposal') as Answer & { years: { year: number }[] }).years;
    expect(proposalYears.map((y) => y.year)).toEqual([thisYear]);
    expect((await find('staff', '公交', `&year=${thisYear}&kind=opinion`)).total).toBe(all.counts.opinion! - 1);
    expectProblem(await t.app.inject({ url: `/api/v1/search?q=x&year=99`, headers: await t.as('staff') }), 400);
  });

  it('logs each search and offers related searches: what the same people searched, then shared words', async () => {
    const ask = async (login: string | null, q: string) => (await t.app.inject({ url: `/api/v1/search/related?q=${encodeURIComponent(q)}${login ? '' : `&orgId=${t.fx.orgId}`}`, headers: login ? await t.as(login) : {} })).json().items as { q: string; count: number; reason: string }[];
    // member and member2 both searched 公交 (above); now each also searches something else.
    await find('member', '无障碍');
    await find('member2', '无障碍');
    await find('member2', '班次');
    await find('leader', '票价');
    const related = await ask('member', '公交');
    expect(related[0]).toMatchObject({ q: '无障碍', count: 2, reason: 'alsoSearched' });
    expect(related.map((r) => r.q)).toContain('班次');
    expect(related.map((r) => r.q)).not.toContain('公交');
    // Sharing words: nobody searched 公交都市 before, but 公交 and 公交线路 share a word with it.
    const sharing = await ask('staff', '公交都市');
    expect(sharing.map((r) => r.q)).toEqual(expect.arrayContaining(['公交', '公交线路']));
    expect(sharing.every((r) => r.reason === 'sharedWords')).toBe(true);
    // Visitors are offered only what visitors and public accounts searched.
    expect(await ask(null, '公交')).toEqual([]);
    await find(null, '公交');
    await find(null, '公交都市');
    expect((await ask(null, '公交')).map((r) => r.q)).toEqual(['公交都市']);
    // A committee that does not exist has nothing, and no log.
    const nowhere = await t.app.inject({ url: `/api/v1/search?q=${encodeURIComponent('公交')}&orgId=00000000-0000-4000-8000-000000000000` });
    expect(nowhere.json()).toMatchObject({ items: [], total: 0 });
    const logged = await t.database.db.select({ n: count() }).from(searchQueries).where(eq(searchQueries.orgId, '00000000-0000-4000-8000-000000000000'));
    expect(logged[0]!.n).toBe(0);
    // Another committee's log is its own.
    expect(await ask('otherStaff', '公交')).toEqual([]);
    // Paging on is the same search: not logged again.
    const before = (await ask('member', '公交'))[0]!.count;
    await find('member2', '无障碍', '&page=2');
    expect((await ask('member', '公交'))[0]!.count).toBe(before);
  });

  it('counts by category (a proposal\'s or its reply\'s domain, a document\'s library category) and filters by it', async () => {
    await t.database.db.update(proposals).set({ domain: '社会' }).where(eq(proposals.id, ids.published!));
    await t.database.db.update(proposals).set({ domain: '经济' }).where(eq(proposals.id, ids.unpublished!));
    const [cat] = await t.database.db.insert(documentCategories).values({ orgId: t.fx.orgId, name: '社会' }).returning();
    await t.database.db.update(documents).set({ categoryId: cat!.id }).where(eq(documents.id, ids.publicDoc!));
    const all = await find('staff', '公交');
    // The published proposal, its reply and the document are 社会; the other proposal 经济; the rest have no category.
    expect(all.categories).toEqual([{ category: '社会', count: 3 }, { category: '经济', count: 1 }]);
    const social = await find('staff', '公交', `&category=${encodeURIComponent('社会')}`);
    expect(found(social).map((k) => k.split(':')[0]).sort()).toEqual(['document', 'proposal', 'reply']);
    expect(found(social)).toEqual(expect.arrayContaining([`document:${ids.publicDoc}`, `proposal:${ids.published}`]));
    expect(social).toMatchObject({ total: 3, totalCapped: false, capped: [] });
    expect(social.counts).toMatchObject({ proposal: 1, reply: 1, document: 1, opinion: 0 });
    // The categories follow the kind asked for; a visitor counts only what they may read.
    expect((await find('staff', '公交', '&kind=proposal')).categories).toEqual([{ category: '社会', count: 1 }, { category: '经济', count: 1 }]); // (a tie: by code point)
    expect((await find(null, '公交')).categories).toEqual([{ category: '社会', count: 3 }]);
    expect((await find('staff', '公交', `&category=${encodeURIComponent('文化')}`)).total).toBe(0);
    expectProblem(await t.app.inject({ url: `/api/v1/search?q=x&category=${'长'.repeat(101)}`, headers: await t.as('staff') }), 400);
  });

  it('counts a kind up to the cap only, saying there are more and about how many', async () => {
    // Five caps' worth of proposals on buses (copies of the published one, new ids), with their search documents.
    const copies = SEARCH_CAP * 5;
    await t.database.db.execute(sql`with made as (insert into proposals select (jsonb_populate_record(null::proposals, to_jsonb(p) || jsonb_build_object('id', gen_random_uuid(), 'number', null))).*
      from proposals p, generate_series(1, ${copies}) where p.id = ${ids.published} returning id)
      insert into search_docs (org_id, doc_kind, doc_id, tsv) select ${t.fx.orgId}, 'proposal', id, to_tsvector('simple', '公交') from made`);
    const all = await find('staff', '公交');
    expect(all.counts.proposal).toBe(SEARCH_CAP);
    expect(all).toMatchObject({ totalCapped: true, capped: ['proposal'] });
    expect(all.total).toBe(Object.values(all.counts).reduce((a, b) => a + b, 0));
    expect(all.items).toHaveLength(20);
    // About how many: the staff read the copies and the two proposals of before (the estimate is read from
    // where the cap fell among random ids: ±10 % typically at a cap of 100; outside half to twice about once in a million).
    const truth = copies + 2;
    expect(all.estimates.proposal).toBeGreaterThan(truth * 0.5);
    expect(all.estimates.proposal).toBeLessThan(truth * 2);
    expect(Object.keys(all.estimates)).toEqual(['proposal']);
    expect(all.totalEstimate).toBe(all.estimates.proposal! + all.total - all.counts.proposal!);
    // The same search of proposals only: the same count, estimate and page size.
    const proposalsOnly = await find('staff', '公交', '&kind=proposal');
    expect(proposalsOnly).toMatchObject({ total: SEARCH_CAP, totalCapped: true, totalEstimate: all.estimates.proposal });
    expect(proposalsOnly.items.every((i) => i.kind === 'proposal')).toBe(true);
    const opinionsOnly = await find('staff', '公交', '&kind=opinion');
    expect(opinionsOnly).toMatchObject({ totalCapped: false, capped: ['proposal'] });
    expect(opinionsOnly.total).toBe(all.counts.opinion);
    expect(opinionsOnly.totalEstimate).toBe(opinionsOnly.total);
    // A visitor reads the published copies too (the same rule as before): capped and estimated alike;
    // a member sees the same proposals, and their rare words stay exact.
    const visitor = await find(null, '公交');
    expect(visitor.capped).toEqual(['proposal']);
    expect(visitor.estimates.proposal).toBeGreaterThan((copies + 1) * 0.5);
    const exact = await find('staff', '无障碍');
    expect(exact).toMatchObject({ totalCapped: false, capped: [], estimates: {} });
    expect(exact.totalEstimate).toBe(exact.total);
    // The member's own 社情民意 past the cap (the arm that starts from the caller's rows): estimated alike.
    await t.database.db.execute(sql`with made as (insert into opinions select (jsonb_populate_record(null::opinions, to_jsonb(o) || jsonb_build_object('id', gen_random_uuid(), 'number', null))).*
      from opinions o, generate_series(1, ${copies}) where o.id = ${ids.opinion} returning id)
      insert into search_docs (org_id, doc_kind, doc_id, tsv) select ${t.fx.orgId}, 'opinion', id, to_tsvector('simple', '公交') from made`);
    const office = await find('staff', '公交', '&kind=opinion');
    expect(office).toMatchObject({ total: SEARCH_CAP, totalCapped: true, capped: ['proposal', 'opinion'] });
    expect(office.estimates.opinion).toBeGreaterThan(copies * 0.5);
    const own = await find('member', '公交', '&kind=opinion');
    expect(own).toMatchObject({ total: SEARCH_CAP, totalCapped: true, capped: ['proposal', 'opinion'] });
    expect(own.estimates.opinion).toBeGreaterThan(copies * 0.5);
    expect(own.estimates.opinion).toBeLessThan((copies + 1) * 2);
    expect(own.totalEstimate).toBe(own.estimates.opinion);
    expect(own.items.every((i) => i.kind === 'opinion')).toBe(true);
  });
});

// The demo committee (npm start): what the seed wrote without events is indexed by the backfill,
// so a visitor searching 公交 finds published proposals, consultations and comments at once.
describe('search over the demo committee', () => {
  it('finds the seeded texts after the backfill the demo start runs', { timeout: 120_000 }, async () => {
    const database = await testDatabase('embedded');
    try {
      const { orgId } = await seedDemo(database.db);
      await backfillSearch(database.db);
      await backfillIndex(database.db);
      const app = await buildApp({ config: testConfig({ JOBS_INTERVAL_SECONDS: 3600 }), database, logger: false });
      await app.ready();
      try {
        const res = await app.inject({ url: `/api/v1/search?q=${encodeURIComponent('公交')}&orgId=${orgId}&pageSize=50` });
        expect(res.statusCode, res.body).toBe(200);
        const kinds = new Set((res.json() as Answer).items.map((i) => i.kind));
        expect([...kinds].sort()).toEqual(expect.arrayContaining(['comment', 'consultation', 'proposal']));
        expect(kinds.has('opinion')).toBe(false);
        const staff = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'staff', password: DEMO_PASSWORD } });
        const cookie = staff.cookies.find((c) => c.name === 'tx_session')!.value;
        const asStaff = (await app.inject({ url: `/api/v1/search?q=${encodeURIComponent('公交')}&pageSize=50`, headers: sessionHeaders(cookie) })).json() as Answer;
        expect(asStaff.counts.opinion).toBeGreaterThan(0);
        expect(asStaff.total).toBeGreaterThan((res.json() as Answer).total);
      } finally { await app.close(); }
    } finally { await database.close(); }
  });
});
