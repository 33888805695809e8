import { unzipSync, strFromU8 } from 'fflate';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, openStream } from './event-stream.ts';
import { form } from './library-helpers.ts';
import { apiAs, apiOperations, engines, sessionHeaders, testApp, type ApiOperation, type TestApp } from './helpers.ts';

// Many committees in one deployment (org/oversight.ts): a city and two counties below it run the
// proposal lifecycle (submit, file, assign, reply, rate, evaluate, publish) and a live online
// consultation at the same time on one database. Then every GET of the API without a path parameter
// (lists, searches, statistics, exports in .xlsx/.csv/.docx/.zip, to-dos, notifications, the
// backup) is called as each committee's admin, staff, leader, member and unit, plainly and with
// scope=tree, and every answer is searched for the other committees' words: none may show, but for
// the roll-ups allowed (a city's scope=tree statistics and its counties' published proposals).
// Each live comment stream carries its own committee's comments only.

const COMMON = '专属议题';
const PASS = 'committee-pass-1';

interface Committee {
  mark: string; orgId: string; unitId: string;
  /** Session headers by role. */
  as: Record<'admin' | 'staff' | 'leader' | 'member' | 'unit', Record<string, string>>;
  /**
   * Its words: published ones may roll up to the level above; public ones (live comments) show at
   * home, to anyone, and are rolled up nowhere; private ones never leave it.
   */
  published: string[]; public: string[]; private: string[];
  consultationId?: string;
}

const titleOf = (mark: string) => `关于${mark}${COMMON}的提案`;
const draftTitleOf = (mark: string) => `关于${mark}内部事项${COMMON}的提案`;

/** The text of an answer: JSON, CSV, or every entry of a zip (.xlsx, .docx, .zip) unpacked. */
function textOf(res: LightMyRequestResponse): string {
  const type = String(res.headers['content-type'] ?? '');
  if (/spreadsheetml|wordprocessingml|zip/.test(type)) {
    const files = unzipSync(new Uint8Array(res.rawPayload));
    return Object.entries(files).map(([name, bytes]) => `${name}\n${strFromU8(bytes)}`).join('\n');
  }
  return res.body;
}

describe.each(engines)('three committees on one database (%s)', (engine) => {
  let t: TestApp;
  let base: string;
  let ops: ApiOperation[];
  const cs: Committee[] = [];
  beforeAll(async () => {
    t = await testApp(engine, { COMMENTS_PER_MINUTE_ACCOUNT: 1000, LIBRARY_RENDER: 'text', JOBS_INTERVAL_SECONDS: 3600 });
    base = await listen(t.app);
    ops = await apiOperations(t);
  }, 180_000);
  afterAll(async () => { await t?.close(); });
  const { ok } = apiAs(() => t);

  const send = (h: Record<string, string> | undefined, method: string, url: string, payload?: object) =>
    t.app.inject({ method: method as 'POST', url: `/api/v1${url}`, headers: h ?? {}, ...(payload ? { payload } : {}) });
  const done = async (h: Record<string, string>, method: string, url: string, payload?: object) => {
    const res = await send(h, method, url, payload);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const login = async (username: string, password: string, org: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password, org } });
    expect(res.statusCode, `login ${username}: ${res.body}`).toBe(200);
    return sessionHeaders(res.cookies.find((c) => c.name === 'tx_session')!.value);
  };

  /** A county below the city, set up through the API by the city's admin and then its own. */
  async function county(name: string, prefix: string, mark: string, phone: string): Promise<Committee> {
    const org = await ok('admin', 'POST', '/orgs', { name, level: 'county' });
    await ok('admin', 'POST', `/orgs/${org.id}/admin`, { username: `${prefix}admin`, password: 'temporary-1' });
    const first = await login(`${prefix}admin`, 'temporary-1', org.id);
    await done(first, 'POST', '/auth/password', { currentPassword: 'temporary-1', newPassword: PASS });
    const admin = await login(`${prefix}admin`, PASS, org.id);
    const term = await done(admin, 'POST', '/terms', { number: 1, startYear: 2026, endYear: 2031, current: true });
    await done(admin, 'POST', `/terms/${term.id}/sessions`, { number: 1, startsOn: '2026-01-10' });
    const sector = await done(admin, 'POST', '/sectors', { name: '教育界' });
    const unit = await done(admin, 'POST', '/units', { name: `${mark}水务局`, kind: 'government' });
    const member = await done(admin, 'POST', '/members', { name: `${mark}委员`, sectorId: sector.id, party: '民进', standing: false, phone });
    const chair = await done(admin, 'POST', '/members', { name: `${mark}主席`, sectorId: sector.id, party: '中共', standing: true });
    const users = { staff: { roles: ['staff'] }, leader: { roles: ['leader'], memberId: chair.id }, member: { roles: ['member'], memberId: member.id }, unit: { roles: ['unit'], unitId: unit.id } };
    const as = { admin } as Committee['as'];
    for (const [role, u] of Object.entries(users)) {
      await done(admin, 'POST', '/users', { username: `${prefix}${role}`, password: PASS, ...u });
      as[role as keyof typeof users] = await login(`${prefix}${role}`, PASS, org.id);
    }
    return { mark, orgId: org.id, unitId: unit.id, as, published: [`${mark}委员`], public: [], private: [`${mark}主席`, phone] };
  }

  /** The city of the fixture, with a unit and its login named for it. */
  async function city(mark: string): Promise<Committee> {
    const unit = await ok('admin', 'POST', '/units', { name: `${mark}水务局`, kind: 'government' });
    await ok('admin', 'POST', '/users', { username: 'qmunit', password: t.fx.password, roles: ['unit'], unitId: unit.id });
    t.fx.orgOf.qmunit = t.fx.orgId;
    const as = {} as Committee['as'];
    for (const [role, user] of [['admin', 'admin'], ['staff', 'staff'], ['leader', 'leader'], ['member', 'member'], ['unit', 'qmunit']] as const) as[role] = await t.as(user);
    return { mark, orgId: t.fx.orgId, unitId: unit.id, as, published: ['张三'], public: [], private: ['13800000001'] };
  }

  /** The whole lifecycle of one proposal, a second one left submitted, and an online consultation open for comments. */
  async function lifecycle(c: Committee) {
    const act = (role: keyof Committee['as'], id: string, action: string, body: object = {}) => done(c.as[role], 'POST', `/proposals/${id}/actions/${action}`, body);
    const p = await done(c.as.member, 'POST', '/proposals', { title: titleOf(c.mark), body: `${c.mark}建议加快推进${COMMON}。`, kind: 'member', domain: '社会' });
    await act('member', p.id, 'submit');
    expect((await act('staff', p.id, 'file')).state).toBe('filed');
    await act('staff', p.id, 'assign', { units: [{ unitId: c.unitId, role: 'lead' }] });
    await act('unit', p.id, 'sign');
    await act('unit', p.id, 'reply', { category: 'A', content: `${c.mark}答复：已落实${COMMON}。` });
    await act('unit', p.id, 'rate', { topic: 4, research: 4, feasibility: 5 });
    expect((await act('member', p.id, 'evaluate', { satisfaction: 'satisfied', contacted: true, contactMethod: 'phone', comment: `${c.mark}评价` })).state).toBe('closed');
    expect((await act('staff', p.id, 'publish')).published).toBe(true);
    c.published.push(titleOf(c.mark), `${c.mark}答复`);
    const draft = await done(c.as.member, 'POST', '/proposals', { title: draftTitleOf(c.mark), body: `${c.mark}内部${COMMON}。`, kind: 'member' });
    await act('member', draft.id, 'submit');
    c.private.push(`${c.mark}内部事项`, `${c.mark}评价`);
    c.public.push(`${c.mark}的评论`);
    // The proposer's and the unit's names show in the statistics by member and unit, which roll up;
    // an online consultation open for comments is public, and listed upward (scope=tree).
    c.published.push(`${c.mark}水务局`, `${c.mark}网络议政`);
    const consultation = await done(c.as.staff, 'POST', '/consultations', { title: `${c.mark}网络议政`, kind: 'online', year: 2031 });
    await done(c.as.staff, 'POST', `/consultations/${consultation.id}/actions/prepare`);
    await done(c.as.staff, 'POST', `/consultations/${consultation.id}/actions/openComments`, { moderation: 'post' });
    c.consultationId = consultation.id;
    // 文库: a public document (listed upward with scope=tree) and one for members only (never).
    for (const [access, title] of [['public', `${c.mark}公开文件`], ['members', `${c.mark}内部文件`]] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: c.as.staff, payload: form(Buffer.from(`${title}：${COMMON}。`), `${title}.txt`, { access, title }) });
      expect(res.statusCode, res.body).toBe(201);
    }
    c.published.push(`${c.mark}公开文件`);
    c.private.push(`${c.mark}内部文件`);
  }

  it('runs the lifecycle in the city and two counties at once', async () => {
    cs.push(await city('青梅'), await county('东区政协', 'dq', '杏林', '13700000001'), await county('西区政协', 'xq', '桃源', '13700000002'));
    await Promise.all(cs.map(lifecycle));
    await t.app.library.runner.runDue();
    for (let i = 0; i < 3; i++) await t.app.outbox.kick();
    // Each committee's own published list holds its proposal, and only it.
    for (const c of cs) {
      const titles = (await done(c.as.staff, 'GET', '/proposals?published=true&pageSize=100')).items.map((p: { title: string }) => p.title);
      expect(titles).toContain(titleOf(c.mark));
      for (const d of cs) if (d !== c) expect(titles).not.toContain(titleOf(d.mark));
    }
  }, 120_000);

  it("carries each committee's live comments on its own stream only", async () => {
    const streams = await Promise.all(cs.map((c) => openStream(base, `/api/v1/consultations/${c.consultationId}/comments/stream`)));
    await Promise.all(cs.map(async (c) => {
      const res = await send(c.as.member, 'POST', `/consultations/${c.consultationId}/comments`, { content: `${c.mark}的评论：${COMMON}` });
      expect(res.statusCode, res.body).toBe(201);
    }));
    for (const [i, c] of cs.entries()) {
      expect(JSON.stringify((await streams[i]!.next()).data)).toContain(`${c.mark}的评论`);
    }
    // Another round: what each stream received holds no other committee's words.
    await Promise.all(cs.map((c) => send(c.as.member, 'POST', `/consultations/${c.consultationId}/comments`, { content: `${c.mark}的评论又一条` })));
    for (const [i, c] of cs.entries()) {
      expect(JSON.stringify((await streams[i]!.next()).data)).toContain(`${c.mark}的评论又一条`);
      const seen = JSON.stringify(streams[i]!.pending('comment'));
      for (const d of cs) if (d !== c) expect(seen).not.toContain(d.mark);
      streams[i]!.close();
    }
  }, 60_000);

  /** The query strings an operation is called with: plain, per `by`, and with scope=tree (and published=true where the list needs it). */
  function queriesOf(op: ApiOperation): { qs: string; tree: boolean }[] {
    const params = (op.op.parameters ?? []).filter((p) => p.in === 'query');
    const base = new URLSearchParams();
    let bys: string[] = [''];
    for (const p of params) {
      const s = p.schema as { default?: unknown; enum?: unknown[]; anyOf?: { const?: unknown; enum?: unknown[] }[]; type?: string; format?: string; minimum?: number; maximum?: number; items?: unknown };
      const choices = s.enum ?? s.anyOf?.flatMap((a) => a.enum ?? (a.const !== undefined ? [a.const] : []));
      if (p.name === 'by' && choices?.length) { bys = choices.map(String); continue; }
      if (p.name === 'pageSize') base.set('pageSize', String(Math.min(100, s.maximum ?? 100)));
      else if (p.required && (p.name === 'q' || p.name === 'title')) base.set(p.name, COMMON);
      else if (p.required) {
        const v = s.default ?? choices?.[0] ?? (s.format === 'date' ? '2026-01-01' : s.type === 'integer' || s.type === 'number' ? (s.minimum ?? 1) : COMMON);
        base.set(p.name, String(v));
      }
    }
    const hasScope = params.some((p) => p.name === 'scope' && JSON.stringify(p.schema).includes('tree'));
    const hasPublished = params.some((p) => p.name === 'published');
    return bys.flatMap((by) => {
      const q = new URLSearchParams(base);
      if (by) q.set('by', by);
      const out = [{ qs: q.toString(), tree: false }];
      if (hasScope) {
        const tree = new URLSearchParams(q);
        tree.set('scope', 'tree');
        if (hasPublished) tree.set('published', 'true');
        out.push({ qs: tree.toString(), tree: true });
      }
      return out;
    });
  }

  it("shows no committee's rows to another in any list, search, statistic, export, to-do or notice — but the city's roll-ups", async () => {
    const gets = ops.filter((o) => o.method === 'GET' && !o.path.includes(':') && !o.path.endsWith('/stream') && o.path.startsWith('/api/v1/'));
    expect(gets.length).toBeGreaterThan(50);
    const [cityC] = cs;
    let answered = 0;
    const leaks: string[] = [];
    const rolledUp: string[] = [];
    const ownHits = new Map<Committee, Set<string>>(cs.map((c) => [c, new Set()]));
    for (const c of cs) {
      for (const [role, h] of Object.entries(c.as)) {
        for (const op of gets) {
          for (const { qs, tree } of queriesOf(op)) {
            const url = `${op.path.slice('/api/v1'.length)}${qs ? `?${qs}` : ''}`;
            const res = await send(h, 'GET', url);
            if (res.statusCode >= 300) continue; // not this role's (403), or not applicable
            answered++;
            const text = textOf(res);
            if (text.includes(titleOf(c.mark))) ownHits.get(c)!.add(op.path);
            for (const d of cs) {
              if (d === c) continue;
              // Allowed: the city's roll-ups of its counties (published proposals, statistics) with scope=tree;
              // the open data file, public and of the whole deployment unless org= names one committee.
              const allowed = (tree && c === cityC) || op.path === '/api/v1/open-data.zip' ? new Set(d.published) : new Set<string>();
              for (const word of [...d.published, ...d.public, ...d.private]) {
                if (!text.includes(word)) continue;
                if (allowed.has(word)) rolledUp.push(`${url} ${word}`);
                else leaks.push(`${d.mark}'s "${word}" in ${c.mark} ${role} GET ${url}`);
              }
            }
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(answered).toBeGreaterThan(300);
    // The sweep reads what it should: each committee's own proposal in its lists, exports and searches.
    for (const c of cs) {
      expect([...ownHits.get(c)!]).toEqual(expect.arrayContaining(['/api/v1/proposals', '/api/v1/proposals.xlsx', '/api/v1/proposals.csv', '/api/v1/proposals/search', '/api/v1/search', '/api/v1/notifications', '/api/v1/backup']));
    }
    // The roll-ups did happen: the city saw its counties' published proposals and their units in its statistics.
    for (const d of cs.slice(1)) {
      expect(rolledUp.some((r) => r.startsWith('/proposals?') && r.endsWith(titleOf(d.mark)))).toBe(true);
      expect(rolledUp.some((r) => r.startsWith('/consultations?') && r.endsWith(`${d.mark}网络议政`))).toBe(true);
      expect(rolledUp.some((r) => r.startsWith('/documents?') && r.endsWith(`${d.mark}公开文件`))).toBe(true);
      expect(rolledUp.some((r) => r.startsWith('/proposals/stats') && r.endsWith(`${d.mark}水务局`))).toBe(true);
    }
  }, 600_000);

  it('gives one committee\'s open data with org=, and to the public nothing unpublished of any', async () => {
    for (const c of cs) {
      const text = textOf(await send(c.as.member, 'GET', `/open-data.zip?org=${c.orgId}`));
      expect(text).toContain(titleOf(c.mark));
      for (const d of cs) if (d !== c) for (const word of [...d.published, ...d.public, ...d.private]) expect(text, word).not.toContain(word);
    }
    // The public lists (no login): the deployment's own committee's (org/visitor.ts), published rows only.
    const publicGets = ['/proposals?published=true&pageSize=100', '/proposals.csv?published=true', `/proposals/search?published=true&q=${encodeURIComponent(COMMON)}`,
      '/consultations?pageSize=100', '/documents?pageSize=100', `/search?q=${encodeURIComponent(COMMON)}`, '/open-data.zip'];
    for (const url of publicGets) {
      const res = await send(undefined, 'GET', url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      const text = textOf(res);
      for (const d of cs) for (const word of d.private) expect(text, `${url}: ${word}`).not.toContain(word);
    }
    expect((await send(undefined, 'GET', '/proposals?published=true&pageSize=100')).json().items.map((p: { title: string }) => p.title)).toContain(titleOf(cs[0]!.mark));
  });
});

describe.each(engines)('consultations and documents shared upward (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await testApp(engine, { LIBRARY_RENDER: 'text', JOBS_INTERVAL_SECONDS: 3600 }); }, 180_000);
  afterAll(async () => { await t?.close(); });
  const { ok, call, refused } = apiAs(() => t);

  it("lists the public consultations and documents of the committees below with scope=tree, each with its committee's name, never a private one", async () => {
    // The county (测试区政协) of the fixture, given a staff login; the other city is unrelated.
    const county = t.fx.countyId;
    await ok('admin', 'POST', `/orgs/${county}/admin`, { username: 'cadmin', password: PASS });
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'cadmin', password: PASS, org: county } });
    let h = sessionHeaders(first.cookies.find((c) => c.name === 'tx_session')!.value);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: h, payload: { currentPassword: PASS, newPassword: 'county-pass-2' } });
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'cadmin', password: 'county-pass-2', org: county } });
    h = sessionHeaders(again.cookies.find((c) => c.name === 'tx_session')!.value);
    const post = async (url: string, body: object) => {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: h, payload: body });
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
      return res.json();
    };
    await post('/users', { username: 'cstaff', password: 'county-staff-1', roles: ['staff'] });
    const staffLogin = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'cstaff', password: 'county-staff-1', org: county } });
    h = sessionHeaders(staffLogin.cookies.find((c) => c.name === 'tx_session')!.value);
    const open = await post('/consultations', { title: '县里公开的协商', kind: 'online', year: 2031 });
    await post(`/consultations/${open.id}/actions/prepare`, {});
    await post('/consultations', { title: '县里尚在选题的协商', kind: 'bimonthly', year: 2031 }); // topic: not public
    const countyDocs: Record<string, string> = {};
    for (const [access, title] of [['public', '县里公开的文件'], ['members', '县里委员的文件'], ['staff', '县里机关的文件']] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: h, payload: form(Buffer.from(`${title}全文`), `${title}.txt`, { access, title }) });
      expect(res.statusCode, res.body).toBe(201);
      countyDocs[access] = res.json().id;
    }
    await ok('staff', 'POST', '/consultations', { title: '市里自己的协商', kind: 'bimonthly', year: 2031 });
    await t.app.library.runner.runDue();

    const listed = async (user: string, url: string) => (await ok(user, 'GET', url)).items as { title: string; orgName?: string; orgId?: string }[];
    for (const user of ['staff', 'leader', 'admin', 'parentAdmin', 'grandparentStaff']) {
      const cs = await listed(user, '/consultations?scope=tree&pageSize=100');
      expect(cs.find((c) => c.title === '县里公开的协商'), user).toMatchObject({ orgName: '测试区政协', orgId: county });
      expect(cs.map((c) => c.title), user).not.toContain('县里尚在选题的协商');
      expect(cs.map((c) => c.title), user).not.toContain('市里自己的协商'); // the public list: its own topic-step one neither
      const ds = await listed(user, '/documents?scope=tree&pageSize=100');
      expect(ds.find((d) => d.title === '县里公开的文件'), user).toMatchObject({ orgName: '测试区政协' });
      expect(ds.map((d) => d.title), user).not.toContain('县里委员的文件');
      expect(ds.map((d) => d.title), user).not.toContain('县里机关的文件');
    }
    // A public one listed opens as a visitor there reads it: its committee named, the preview, no file;
    // the city's login favourites and reports it (to the county's office) and changes nothing of it.
    const seen = await ok('staff', 'GET', `/documents/${countyDocs.public}`);
    expect(seen).toMatchObject({ title: '县里公开的文件', orgId: county, orgName: '测试区政协', mayDownload: false, favourite: false });
    expect(seen.uploader).not.toBe('cstaff');
    await refused(403, 'staff', 'GET', `/documents/${countyDocs.public}/file`);
    await refused(404, 'staff', 'GET', `/documents/${countyDocs.members}`);
    await refused(404, 'staff', 'DELETE', `/documents/${countyDocs.public}`);
    await refused(404, 'staff', 'POST', `/documents/${countyDocs.public}/share`);
    await refused(404, 'staff', 'POST', `/documents/${countyDocs.public}/links`, { kind: 'member', targetId: t.fx.memberIds[0] });
    expect((await call('staff', 'PUT', `/documents/${countyDocs.public}/favourite`)).statusCode).toBe(204);
    expect((await ok('staff', 'GET', `/documents/${countyDocs.public}`)).favourite).toBe(true);
    expect((await listed('staff', '/documents/favourites')).map((d) => d.title)).toContain('县里公开的文件');
    const report = await ok('staff', 'POST', `/documents/${countyDocs.public}/reports`, { reason: '数据有误' });
    const countyQueue = await t.app.inject({ url: '/api/v1/documents/reports', headers: h });
    expect(countyQueue.json().items.map((r: { id: string }) => r.id)).toContain(report.id);
    expect((await listed('staff', '/documents/reports')).map((r) => (r as { id?: string }).id)).not.toContain(report.id);
    // Without scope=tree, or for a member, a unit, a sibling or an unrelated committee: nothing of the county.
    for (const [user, qs] of [['staff', ''], ['staff', 'published=true&'], ['member', 'scope=tree&'], ['unitA', 'scope=tree&'], ['siblingAdmin', 'scope=tree&'], ['otherStaff', 'scope=tree&']]) {
      expect((await listed(user!, `/consultations?${qs}pageSize=100`)).map((c) => c.title), `${user} ${qs}`).not.toContain('县里公开的协商');
      expect((await listed(user!, `/documents?${qs.replace('published=true&', '')}pageSize=100`)).map((d) => d.title), `${user} ${qs}`).not.toContain('县里公开的文件');
    }
    // A deactivated county's items leave the list.
    await ok('admin', 'DELETE', `/orgs/${county}`);
    expect((await listed('staff', '/consultations?scope=tree&pageSize=100')).map((c) => c.title)).not.toContain('县里公开的协商');
    expect((await listed('staff', '/documents?scope=tree&pageSize=100')).map((d) => d.title)).not.toContain('县里公开的文件');
    await ok('admin', 'PATCH', `/orgs/${county}`, { active: true });
  });
});
