import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form } from './library-helpers.ts';
import { apiAs, engines, expectProblem, sessionHeaders, testApp, type TestApp } from './helpers.ts';
import { proposals } from '../src/server/modules/proposals/schema.ts';
import { selectionRounds } from '../src/server/modules/selection/schema.ts';

// A visitor of a deployment with several committees (a city and its county, org/visitor.ts) chooses
// one: every public list (published proposals, public consultations and topics, announced
// selections, the library, search) reads the committee named by `orgId`, or the deployment's own
// (the first created: the city) without it; an unknown or deactivated one lists nothing; a malformed
// one is a 400 naming the field. A login keeps its own committee whatever it names.

const PASS = 'county-pass-1';

describe.each(engines)('a visitor chooses the committee of the public pages (%s)', (engine) => {
  let t: TestApp;
  let county: string;
  let city: string;
  beforeAll(async () => {
    t = await testApp(engine, { LIBRARY_RENDER: 'text', JOBS_INTERVAL_SECONDS: 3600 });
    city = t.fx.orgId;
    county = t.fx.countyId;
    const { ok } = apiAs(() => t);
    // The county's office, set up through the API as a city would (org/oversight.ts).
    await ok('admin', 'POST', `/orgs/${county}/admin`, { username: 'cadmin', password: PASS });
    const login = async (username: string, password: string) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password, org: county } });
      expect(res.statusCode, res.body).toBe(200);
      return sessionHeaders(res.cookies.find((c) => c.name === 'tx_session')!.value);
    };
    let h = await login('cadmin', PASS);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: h, payload: { currentPassword: PASS, newPassword: 'county-pass-2' } });
    h = await login('cadmin', 'county-pass-2');
    const post = async (headers: Record<string, string>, url: string, payload: object) => {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload });
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
      return res.json();
    };
    await post(h, '/users', { username: 'cstaff', password: 'county-staff-1', roles: ['staff'] });
    const staff = await login('cstaff', 'county-staff-1');
    // Each committee: a public consultation, an open topic, a public document, a published proposal, an announced selection.
    for (const [headers, mark] of [[staff, '县里'], [await t.as('staff'), '市里']] as const) {
      const c = await post(headers, '/consultations', { title: `${mark}公开的协商`, kind: 'online', year: 2031 });
      await post(headers, `/consultations/${c.id}/actions/prepare`, {});
      await post(headers, '/consultations/topics', { year: 2031, title: `${mark}开门选题`, reason: '群众关心。' });
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers, payload: form(Buffer.from(`${mark}湿地保护全文`), `${mark}.txt`, { access: 'public', title: `${mark}湿地保护文件` }) });
      expect(res.statusCode, res.body).toBe(201);
    }
    await t.app.library.runner.runDue();
    const db = t.database.db;
    for (const [orgId, mark] of [[county, '县里'], [city, '市里']] as const) {
      await db.insert(proposals).values({
        orgId, title: `关于${mark}公园开放的提案`, body: '建议开放。', kind: 'member', state: 'closed', proposerName: `${mark}委员`,
        createdBy: t.fx.userIds.admin!, submittedAt: new Date(), published: true, publishedAt: new Date(),
      });
      await db.insert(selectionRounds).values({ orgId, year: 2031, name: `${mark}优秀提案评选`, state: 'announced', createdBy: t.fx.userIds.admin!, announcedAt: new Date() });
    }
  }, 180_000);
  afterAll(async () => { await t?.close(); });
  const { ok } = apiAs(() => t);

  const visit = (url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}` });
  const titles = async (url: string) => {
    const res = await visit(url);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return (res.json().items as { title?: string; name?: string }[]).map((x) => x.title ?? x.name ?? '');
  };
  /** Every public list, with the query string `qs` (orgId or nothing), its titles. */
  const everything = async (qs: string) => [
    ...(await titles(`/proposals?published=true&pageSize=100${qs}`)),
    ...(await titles(`/consultations?pageSize=100${qs}`)),
    ...(await titles(`/consultations/topics?year=2031&pageSize=100${qs}`)),
    ...(await titles(`/selections?pageSize=100${qs}`)),
    ...(await titles(`/documents?pageSize=100${qs}`)),
    ...(await titles(`/search?q=${encodeURIComponent('湿地保护')}${qs}`)).map((x) => x.replace(/<\/?mark>/g, '')),
  ];

  it('lists the active committees for the chooser, the deployment\'s own as the default', async () => {
    const res = await visit('/orgs/public');
    expect(res.statusCode).toBe(200);
    const { items, defaultId } = res.json() as { items: { id: string; name: string; level: string; parentId: string | null }[]; defaultId: string };
    expect(defaultId).toBe(city);
    expect(items[0]).toEqual({ id: city, name: '测试市政协', level: 'city', parentId: t.fx.parentOrgId });
    expect(items.find((o) => o.id === county)).toEqual({ id: county, name: '测试区政协', level: 'county', parentId: city });
    expect(Object.keys(items[0]!).sort()).toEqual(['id', 'level', 'name', 'parentId']);
  });

  it("shows a visitor the county's public items only when the county is chosen, and the city's by default", async () => {
    const countyItems = ['关于县里公园开放的提案', '县里公开的协商', '县里开门选题', '县里优秀提案评选', '县里湿地保护文件'];
    const cityItems = ['关于市里公园开放的提案', '市里公开的协商', '市里开门选题', '市里优秀提案评选', '市里湿地保护文件'];
    const chosen = await everything(`&orgId=${county}`);
    expect(chosen).toEqual(expect.arrayContaining(countyItems));
    expect(chosen.filter((x) => x.includes('市里'))).toEqual([]);
    // Both the library and the search over everything found the county's document.
    expect(chosen.filter((x) => x === '县里湿地保护文件')).toHaveLength(2);
    for (const qs of ['', `&orgId=${city}`]) {
      const listed = await everything(qs);
      expect(listed, qs).toEqual(expect.arrayContaining(cityItems));
      expect(listed.filter((x) => x.includes('县里')), qs).toEqual([]);
    }
    // The downloads of the lists too.
    const csv = (await visit(`/proposals.csv?published=true&orgId=${county}`)).body;
    expect(csv).toContain('关于县里公园开放的提案');
    expect(csv).not.toContain('关于市里公园开放的提案');
  });

  it('keeps a login in its own committee whatever orgId it names', async () => {
    const own = (await ok('staff', 'GET', `/proposals?published=true&pageSize=100&orgId=${county}`)).items.map((p: { title: string }) => p.title);
    expect(own).toContain('关于市里公园开放的提案');
    expect(own).not.toContain('关于县里公园开放的提案');
    const docs = (await ok('staff', 'GET', `/documents?pageSize=100&orgId=${county}`)).items.map((d: { title: string }) => d.title);
    expect(docs).not.toContain('县里湿地保护文件');
  });

  it('refuses a malformed orgId naming the field, and lists nothing of an unknown or deactivated committee', async () => {
    for (const url of ['/proposals?published=true', '/proposals/search?published=true&q=x', '/proposals/sessions?published=true', '/consultations', '/consultations/topics',
      '/selections', '/documents', '/documents/categories', '/search?q=x', '/search/related?q=x']) {
      const problem = expectProblem(await visit(`${url}${url.includes('?') ? '&' : '?'}orgId=not-a-committee`), 400);
      expect(problem.errors.map((e) => e.path), url).toEqual([expect.stringMatching(/orgId$/)]);
    }
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await everything(`&orgId=${unknown}`)).toEqual([]);
    await ok('admin', 'DELETE', `/orgs/${county}`);
    try {
      expect(await everything(`&orgId=${county}`)).toEqual([]);
      expect((await visit('/orgs/public')).json().items.map((o: { id: string }) => o.id)).not.toContain(county);
    } finally {
      await ok('admin', 'PATCH', `/orgs/${county}`, { active: true });
    }
  });
});
