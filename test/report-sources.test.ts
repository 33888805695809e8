import { describe, expect, it } from 'vitest';
import { today } from '../src/server/modules/handling/deadlines.ts';
import { HELD } from '../src/server/modules/consultations/workflow.ts';
import { demoApp, engines } from './helpers.ts';

// What a reader of the 四双 report sees behind its figures, on the demo committee: a summed figure's
// list gives the whole list's total (not the rows loaded so far), every record of a source list has
// a readable title (never an id), every source is said in words with the page of its list (never an
// API path, in the JSON's readable fields and in the Word appendix), the text names only the online
// consultation it counts (or says the one it names is still under way), and the report of the
// committee's own data (本级) speaks of its own members only.

type Figure = { key: string; label: string; value: number; unit: string; source: string; field?: string; sourceLabel?: string; sourcePage?: string | null };
type Report = { year: number; title: string; sections: { heading: string; paragraphs: string[] }[]; figures: Figure[] };
type Page = { items: Record<string, unknown>[]; total: number; pageSize?: number; sums?: Record<string, number | string>; field?: string; sum?: number };

const year = Number(today().slice(0, 4));
const pick = (item: unknown, path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | null)?.[k], item);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-/i;
/** A record's title as the report's drawer shows it (SishuangPage.tsx describe()). */
const titleOf = (item: Record<string, unknown>) => {
  const str = (k: string) => (typeof item[k] === 'string' && item[k] ? String(item[k]) : '');
  return str('title') || str('name') || str('text') || str('content') || str('memberName') || str('householdName') || str('id');
};

for (const engine of engines) {
  describe(`the 四双 report's sources, as readers see them (${engine})`, () => {
    const demo = demoApp(engine);
    const { as, get } = demo;

    it('a summed figure\'s list gives the whole list\'s total, as the report does, on its first page', async () => {
      const r: Report = await get('staff', `/api/v1/reports/sishuang?year=${year}`);
      const summed = r.figures.filter((f) => f.field);
      for (const k of ['creation.investment', 'creation.jobs', 'creation.poorHouseholds', 'creation.beneficiaries', 'liaison.massesVisited']) {
        expect(summed.map((f) => f.key), k).toContain(k);
      }
      for (const f of summed) {
        // The first page, as the drawer reads it.
        const page: Page = await get('staff', f.source);
        const server = page.sums?.[f.field!] ?? (page.field === f.field ? page.sum : undefined);
        if (server !== undefined) expect(Number(server), `${f.key}: the whole list's ${f.field}`).toBe(f.value);
        else {
          // No sum from the server: only a list that came whole may be added up by the reader.
          expect(page.items.length, `${f.key}: ${f.source} gives no sum and is paged`).toBe(page.total);
          expect(page.items.reduce((s, i) => s + Number(pick(i, f.field!) ?? 0), 0), f.key).toBe(f.value);
        }
        // The lists the walk found wrong hold more records than one page.
        if (['creation.investment', 'liaison.massesVisited', 'creation.beneficiaries'].includes(f.key)) expect(page.items.length, f.key).toBeLessThan(page.total);
      }
    });

    it('every record of a source list has a readable title, never an id', async () => {
      const r: Report = await get('staff', `/api/v1/reports/sishuang?year=${year}`);
      for (const f of r.figures) {
        const page: Page = await get('staff', f.source);
        for (const item of page.items) {
          const title = titleOf(item);
          expect(title, `${f.key}: a record of ${f.source}`).not.toBe('');
          expect(title, `${f.key}: a record of ${f.source}`).not.toMatch(UUID);
        }
      }
      // The three lists that showed ids: a party activity, a 双联见面会, a 五送 activity.
      const first = async (key: string) => ((await get('staff', r.figures.find((f) => f.key === key)!.source)) as Page).items[0]!;
      const activity = await first('party.activities');
      expect(activity.title).toContain(activity.topic as string);
      expect(activity.title).toMatch(/^(党员大会|支委会|党小组会|党课|主题党日|其他)：/);
      const meeting = await first('liaison.meetings');
      expect(meeting.title).toMatch(/双联见面会/);
      expect(meeting.title).toContain(meeting.place as string);
      const fiveSends = await first('creation.activities');
      expect(fiveSends.title).toMatch(/^送(政策|技术|文化|医疗|温暖) · /);
    });

    it('every source is said in words with its page, and the Word appendix names no API path', async () => {
      const r: Report = await get('leader', `/api/v1/reports/sishuang?year=${year}`);
      for (const f of r.figures) {
        // The API path stays for clients; beside it the words and the page.
        expect(f.source, f.key).toMatch(/^\/api\/v1\//);
        expect(f.sourceLabel, f.key).toBeTruthy();
        expect(f.sourceLabel, f.key).not.toMatch(/\/api\/|\?|=|^系统列表$/);
        expect(f.sourceLabel, f.key).toMatch(/[\u4e00-\u9fa5]/);
        expect(f.sourcePage, f.key).toMatch(/^\/(?!api\/)/);
      }
      const label = (k: string) => r.figures.find((f) => f.key === k)!.sourceLabel;
      expect(label('party.officePartyMembers')).toBe('党的组织 · 机关党员名单（机关党委及其党支部、党小组的成员）');
      expect(label('liaison.massesVisited')).toBe(`双联 · 履职计数的记录（走访界别群众，${year}年全年）`);
      expect(label('creation.investment')).toBe(`双创 · 委员双创项目（仅本会委员，${year}年，已启动）`);
      expect(r.figures.find((f) => f.key === 'creation.investment')!.source).toContain('scope=own');
      expect(label('consultations.online')).toBe(`双协 · 协商活动（${year}年，类型：网络议政，已协商（进入交办及以后阶段））`);
      expect(r.figures.find((f) => f.key === 'consultations.online')!.sourcePage).toBe(`/consultations?year=${year}&kind=online`);

      const res = await demo.app().inject({ url: `/api/v1/reports/sishuang.docx?year=${year}`, headers: await as('leader') });
      expect(res.statusCode).toBe(200);
      const mammoth = await import('mammoth');
      const { value: text } = await mammoth.extractRawText({ buffer: res.rawPayload });
      const appendix = text.slice(text.indexOf('附：本报告数据及其来源'));
      expect(appendix.length).toBeGreaterThan(100);
      expect(text).not.toContain('/api/');
      for (const f of r.figures) expect(appendix, f.key).toContain(f.sourceLabel!);
      expect(appendix).not.toMatch(/investment|poorHouseholds|beneficiaries|合计 n\b/);
    });

    it('the text names only the online consultation it counts, or says the one it names is under way', async () => {
      const r: Report = await get('staff', `/api/v1/reports/sishuang?year=${year}`);
      const online = r.figures.find((f) => f.key === 'consultations.online')!;
      const comments = r.figures.find((f) => f.key === 'online.comments')!;
      const counted: Page = await get('staff', `${online.source}&pageSize=100`);
      expect(counted.total).toBe(online.value);
      const id = /\/consultations\/([^/]+)\/comments/.exec(comments.source)![1]!;
      const named = await get('staff', `/api/v1/consultations/${id}`);
      const text = r.sections.flatMap((s) => s.paragraphs).join('\n');
      const paragraph = r.sections.flatMap((s) => s.paragraphs).find((p) => p.includes('网民') && p.includes('留言'))!;
      const bare = (s: string) => s.replace(/[“”‘’]/g, '');
      expect(bare(paragraph)).toContain(bare(named.title));
      const isCounted = counted.items.some((c) => c.id === id);
      expect(isCounted).toBe((HELD as string[]).includes(named.state));
      if (isCounted) expect(paragraph).toMatch(/同步开展网络协商议政/);
      else {
        expect(paragraph).toMatch(/正在进行/);
        expect(paragraph).toContain('尚未计入');
        expect(paragraph).not.toMatch(/同步开展/);
      }
      // The demo's busiest online consultation is still being held (互动式协商): the text says so.
      expect(named.title).toContain('我为民生实事建言');
      expect(isCounted).toBe(false);
      expect(paragraph).toContain('互动式协商阶段');
      // The figure it gives is the named one's comments.
      expect(text).toContain(`网民已留言${comments.value}条`);
    });

    it('本级 speaks of the committee\'s own members, 含下级 of the three levels', async () => {
      const own: Report = await get('leader', `/api/v1/reports/sishuang?year=${year}`);
      const ownText = own.sections.flatMap((s) => s.paragraphs).join('\n');
      const participants = own.figures.find((f) => f.key === 'creation.participants')!.value;
      expect(participants).toBeGreaterThan(0);
      expect(ownText).toContain(`示例市政协共有${participants}名政协委员投身双创`);
      expect(ownText).not.toContain('省市县三级');
      expect(ownText).not.toMatch(/全市共有/);
      const tree: Report = await get('leader', `/api/v1/reports/sishuang?year=${year}&scope=tree`);
      const treeText = tree.sections.flatMap((s) => s.paragraphs).join('\n');
      expect(treeText).toMatch(/全市共有\d+名省市县三级政协委员投身双创/);

      // A project of a county committee is counted with it (含下级), not in the city's own report.
      const money = (r: Report) => r.figures.find((f) => f.key === 'creation.investment')!.value;
      const countyMember = (await get('dongcheng', '/api/v1/members?pageSize=1')).items[0];
      const added = await demo.app().inject({
        method: 'POST', url: '/api/v1/creation/projects', headers: await as('dongcheng'),
        payload: { kind: 'innovation', name: '东城区社区养老服务平台', memberIds: [countyMember.id], investment: 1_230_000, state: 'running', startedOn: `${year}-01-02` },
      });
      expect(added.statusCode, added.body).toBe(201);
      const ownAfter: Report = await get('leader', `/api/v1/reports/sishuang?year=${year}`);
      const treeAfter: Report = await get('leader', `/api/v1/reports/sishuang?year=${year}&scope=tree`);
      expect(money(ownAfter)).toBe(money(own));
      expect(money(treeAfter)).toBe(money(tree) + 1_230_000);
      const ownList: Page = await get('leader', ownAfter.figures.find((f) => f.key === 'creation.investment')!.source);
      expect(Number(ownList.sums!.investment)).toBe(money(ownAfter));
    });
  });
}
