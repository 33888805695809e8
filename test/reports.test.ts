import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { today } from '../src/server/modules/handling/deadlines.ts';
import { demoApp } from './helpers.ts';

// The 四双 report over the demo committee: every figure's source list (fetched by the same caller,
// all pages) answers its value, the prose holds no placeholder and no boast of nothing, the Word
// document holds every figure, and a figure follows its records.

type Figure = { key: string; label: string; value: number; unit: string; source: string; field?: string };
type Report = { year: number; title: string; sections: { heading: string; paragraphs: string[] }[]; figures: Figure[] };

const demo = demoApp('embedded');
const { as, get } = demo;
const year = Number(today().slice(0, 4));
const pick = (item: unknown, path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | null)?.[k], item);

/** Every item of a source list (a paged one page by page); its `total`. */
async function walk(username: string, source: string) {
  const first = await get(username, source);
  if (first.items.length >= first.total) return { total: first.total as number, items: first.items as unknown[] };
  expect(first.pageSize, `${source} is paged`).toBeTypeOf('number');
  const items: unknown[] = [];
  for (let page = 1; items.length < first.total; page++) {
    const r = await get(username, `${source}${source.includes('?') ? '&' : '?'}page=${page}&pageSize=200`);
    expect(r.total).toBe(first.total);
    if (!r.items.length) break;
    items.push(...r.items);
  }
  return { total: first.total as number, items };
}

const ZERO_BOAST = /(^|[^\d.])0(名|个|次|条|件|人次|场次|户|人|项|元)/;
const PLACEHOLDER = /(^|[^A-Za-z])x([^A-Za-z]|$)/;

describe('the 四双 report', () => {
  for (const [who, y] of [['staff', year], ['leader', year], ['staff', year - 1]] as const) {
    it(`every figure's source list answers it (${who}, ${y})`, async () => {
      const r: Report = await get(who, `/api/v1/reports/sishuang?year=${y}`);
      expect(r.year).toBe(y);
      expect(r.title).toContain('示例市政协');
      expect(r.sections.map((s) => s.heading.slice(0, 4))).toEqual(['总体情况', '一、双联', '二、双创', '三、双协', '四、双评', '五、下一']);
      expect(r.figures.length).toBeGreaterThanOrEqual(y === year ? 45 : 20);
      expect(new Set(r.figures.map((f) => f.key)).size).toBe(r.figures.length);
      for (const f of r.figures) {
        expect(f.source, f.key).toMatch(/^\/api\/v1\//);
        const { total, items } = await walk(who, f.source);
        if (f.field) {
          const sum = items.reduce<number>((s, i) => s + Number(pick(i, f.field!) ?? 0), 0);
          expect(sum, `${f.key} = sum of ${f.field} over ${f.source}`).toBe(f.value);
        } else {
          expect(total, `${f.key} = total of ${f.source}`).toBe(f.value);
          expect(items.length, `${f.key}: every item of ${f.source}`).toBe(total);
        }
      }
      // The demo year holds the main figures of each part (the year before: the announced 优秀提案).
      const value = (k: string) => r.figures.find((f) => f.key === k)?.value ?? 0;
      const main = y === year
        ? ['party.officePartyMembers', 'party.branches', 'liaison.membersVisited', 'liaison.massesVisited', 'campaign.ideas', 'creation.participants', 'creation.investment',
          'consultations.bimonthly', 'online.comments', 'rooms.active', 'recommendations.party', 'measures.1', 'proposals.submitted', 'proposals.satisfied', 'proposals.key']
        : ['proposals.excellent'];
      for (const k of main) expect(value(k), k).toBeGreaterThan(0);
      // Handed in counts the session's proposals never filed too (not filed, converted, merged, waiting).
      if (y === year) expect(value('proposals.submitted')).toBeGreaterThan(value('proposals.filed'));
      for (const s of r.sections) {
        for (const p of s.paragraphs) {
          expect(p, 'placeholder x').not.toMatch(PLACEHOLDER);
          expect(p, 'a zero printed as a figure').not.toMatch(ZERO_BOAST);
          expect(p, 'quotation marks inside quotation marks').not.toMatch(/“[^”]*“|”[^“]*”/);
        }
      }
    }, 120_000);
  }

  it('the demo it reads holds nothing that happens later than now, and its recommendations their history', async () => {
    const [row] = (await demo.database().db.execute(sql`select (select count(*) from audit_log where at > now())::int as audit,
      (select count(*) from consultations where updated_at > now() or created_at > now())::int as consultations`) as unknown as { rows: { audit: number; consultations: number }[] }).rows;
    expect(row).toEqual({ audit: 0, consultations: 0 });
    // Its recommendations have their history: every one assigned says so, and by whom.
    const [recs] = (await demo.database().db.execute(sql`select count(*)::int as assigned,
      count(*) filter (where exists (select 1 from audit_log a where a.org_id = r.org_id and a.entity = 'recommendation' and a.entity_id = r.id::text and a.action = 'assign'))::int as told
      from consultation_recommendations r where r.state <> 'pending'`) as unknown as { rows: { assigned: number; told: number }[] }).rows;
    expect(recs!.assigned).toBeGreaterThan(0);
    expect(recs!.told).toBe(recs!.assigned);
  });

  it('a year without data says so plainly, with no zero boasted', async () => {
    const r: Report = await get('staff', '/api/v1/reports/sishuang?year=2001');
    const text = r.sections.flatMap((s) => s.paragraphs).join('\n');
    expect(text).not.toMatch(ZERO_BOAST);
    expect(text).not.toMatch(PLACEHOLDER);
    for (const phrase of ['本年度未开展委员献计活动', '本年度未记录委员投身双创的项目', '本年度尚未举行协商活动', '本年度未召开全体会议']) expect(text).toContain(phrase);
    for (const f of r.figures.filter((x) => x.source.includes('2001'))) expect(f.value, f.key).toBe(0);
  });

  it('a figure follows its records: a face-to-face contact adds one member visited', async () => {
    const before: Report = await get('staff', `/api/v1/reports/sishuang?year=${year}`);
    const visited = before.figures.find((f) => f.key === 'liaison.membersVisited')!;
    const links = await get('staff', `/api/v1/liaison/links?year=${year}&kind=standing&pageSize=1`);
    const res = await demo.app().inject({
      method: 'POST', url: `/api/v1/liaison/links/${links.items[0].id}/contacts`, headers: await as('staff'),
      payload: { date: today(), channel: 'faceToFace', participants: '常委与委员', topics: '走访了解履职情况' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const after: Report = await get('staff', `/api/v1/reports/sishuang?year=${year}`);
    expect(after.figures.find((f) => f.key === 'liaison.membersVisited')!.value).toBe(visited.value + 1);
  });

  it('the Word document opens and holds every figure', async () => {
    const res = await demo.app().inject({ url: `/api/v1/reports/sishuang.docx?year=${year}`, headers: await as('leader') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const mammoth = await import('mammoth');
    const { value: text } = await mammoth.extractRawText({ buffer: res.rawPayload });
    const r: Report = await get('leader', `/api/v1/reports/sishuang?year=${year}`);
    expect(text).toContain(r.title.slice(0, 10));
    for (const s of r.sections) for (const p of s.paragraphs) expect(text).toContain(p.slice(0, 30));
    // Each figure's source in words (the list and its filter), not its API path (report-sources.test.ts).
    for (const f of r.figures) expect(text).toContain((f as Figure & { sourceLabel: string }).sourceLabel);
    expect(text).not.toContain('/api/');
    expect(text).not.toMatch(PLACEHOLDER);
  });

  it('the profile names the committee: defaults from the org tree, set by the office', async () => {
    const profile = await get('staff', '/api/v1/reports/profile');
    expect({ ...profile, counties: [...profile.counties].sort() }).toEqual({ cityName: '示例市', partyCommittee: '中共示例市委', chair: '', counties: ['东城区', '西城区', '南湖区', '北山县', '青河县'].sort() });
    const put = await demo.app().inject({
      method: 'PUT', url: '/api/v1/reports/profile', headers: await as('staff'),
      payload: { cityName: '示例市', partyCommittee: '中共示例市委员会', chair: '王明', counties: ['东城区', '西城区'] },
    });
    expect(put.statusCode, put.body).toBe(200);
    const r: Report = await get('leader', `/api/v1/reports/sishuang?year=${year}`);
    expect(r.sections[0]!.paragraphs[0]).toContain('中共示例市委员会的坚强领导下，在政协主席王明的带领下');
    const bad = await demo.app().inject({ method: 'PUT', url: '/api/v1/reports/profile', headers: await as('staff'), payload: { cityName: '', partyCommittee: '中共示例市委', chair: '', counties: [] } });
    expect(bad.statusCode).toBe(400);
    expect((await get('staff', '/api/v1/reports/profile')).chair).toBe('王明');
    const forbidden = await demo.app().inject({ method: 'PUT', url: '/api/v1/reports/profile', headers: await as('leader'), payload: { cityName: '某市', partyCommittee: '中共某市委', chair: '', counties: [] } });
    expect(forbidden.statusCode).toBe(403);
    expect((await demo.app().inject({ url: `/api/v1/reports/sishuang?year=${year}`, headers: await as('member') })).statusCode).toBe(403);
  });
});
