import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { today } from '../src/server/modules/handling/deadlines.ts';
import { CHART_KEYS, pointBands } from '../src/server/modules/reports/dashboard.ts';
import { demoApp, engines } from './helpers.ts';

// The leaders' dashboard over the demo committee, on each engine: every chart is there, each
// counted cell's source list answers it (a sum: its field adds up), a chart's table downloads as
// .xlsx with the same rows, a chart follows its records, and only the office and leaders see it.

type Series = { key: string; label: string; unit: string; kind: 'count' | 'sum' | 'rate'; field?: string };
type Chart = { key: string; title: string; series: Series[]; rows: { key: string; label: string; values: (number | null)[]; sources: (string | null)[] }[]; note?: string };
const year = Number(today().slice(0, 4));

describe('pointBands', () => {
  it('covers every value with at most eight even bands', () => {
    expect(pointBands([])).toEqual([]);
    expect(pointBands([3])).toEqual([[3, 3]]);
    expect(pointBands([0, 7])).toEqual([[0, 0], [1, 1], [2, 2], [3, 3], [4, 4], [5, 5], [6, 6], [7, 7]]);
    const wide = pointBands([-4, 12, 95]);
    expect(wide.length).toBeLessThanOrEqual(8);
    expect(wide[0]![0]).toBeLessThanOrEqual(-4);
    expect(wide.at(-1)![1]).toBeGreaterThanOrEqual(95);
    for (let i = 1; i < wide.length; i++) expect(wide[i]![0]).toBe(wide[i - 1]![1] + 1);
  });
});

for (const engine of engines) {
  describe(`dashboard (${engine})`, () => {
    const demo = demoApp(engine);
    const { as, get } = demo;
    const charts = async (username: string, query = '') => (await get(username, `/api/v1/dashboard?year=${year}${query}`)).charts as Chart[];

    it('every chart is there, and each counted cell is answered by its source list', async () => {
      const all = await charts('leader');
      expect(all.map((c) => c.key)).toEqual([...CHART_KEYS]);
      // The demo year has records behind each chart.
      for (const c of all) expect(c.rows.length, c.key).toBeGreaterThan(0);
      for (const c of all) {
        for (const r of c.rows) {
          expect(r.values).toHaveLength(c.series.length);
          for (const [i, s] of c.series.entries()) {
            const source = r.sources[i];
            if (!source) continue;
            expect(source, `${c.key}/${r.key}`).toMatch(/^\/api\/v1\//);
            const first = await get('leader', source);
            const list = first.total > first.items.length ? await get('leader', `${source}&pageSize=100`) : first;
            if (s.kind === 'count') {
              expect(list.total ?? list.items.length, `${c.key}/${r.key}/${s.key} = total of ${source}`).toBe(r.values[i]);
            } else if (s.kind === 'sum') {
              expect(list.items.length, source).toBe(list.total);
              const sum = (list.items as Record<string, number>[]).reduce((n, x) => n + Number(x[s.field!] ?? 0), 0);
              expect(sum, `${c.key}/${r.key}/${s.key} = sum of ${s.field} over ${source}`).toBe(r.values[i]);
            }
          }
        }
      }
      const points = all.find((c) => c.key === 'dutyPoints')!;
      const members = await get('leader', `/api/v1/records?year=${year}&pageSize=1`);
      expect(points.rows.reduce((n, r) => n + r.values[0]!, 0)).toBe(members.total);
    }, 180_000);

    it('picks the charts asked for; a chart\'s table downloads as .xlsx with the same rows', async () => {
      const [states, ...rest] = await charts('staff', '&chart=proposalStates');
      expect(rest).toEqual([]);
      expect(states!.key).toBe('proposalStates');
      expect((await charts('staff', '&chart=dutyPoints&chart=opinionAdoptions')).map((c) => c.key)).toEqual(['dutyPoints', 'opinionAdoptions']);

      const res = await demo.app().inject({ url: `/api/v1/dashboard.xlsx?year=${year}&chart=proposalStates`, headers: await as('leader') });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain(`dashboard-proposalStates-${year}.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.getRow(1).values).toEqual([undefined, '项目', '提案（件）']);
      const rows = states!.rows.map((r) => [r.label, r.values[0]]);
      expect(ws.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1))).toEqual(rows);
    });

    it('a chart follows its records: an adoption at province level adds one', async () => {
      const adopted = async () => (await charts('staff', '&chart=opinionAdoptions'))[0]!.rows.find((r) => r.key === 'province')!.values[0]!;
      const before = await adopted();
      const list = await get('staff', `/api/v1/opinions?year=${year}&state=forwarded&pageSize=1`);
      expect(list.total, 'a forwarded report in the demo year').toBeGreaterThan(0);
      const id = list.items[0].id;
      const already = (await get('staff', `/api/v1/opinions?year=${year}&adoptedLevel=province&pageSize=100`)).items.some((o: { id: string }) => o.id === id);
      const res = await demo.app().inject({
        method: 'POST', url: `/api/v1/opinions/${id}/actions/adopt`, headers: await as('staff'),
        payload: { level: 'province', adoptedBy: '省政协办公厅', date: today() },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(await adopted()).toBe(before + (already ? 0 : 1));
    });

    it('only the office and leaders see it; bad input names the field', async () => {
      for (const who of ['member', 'unit']) {
        expect((await demo.app().inject({ url: `/api/v1/dashboard?year=${year}`, headers: await as(who) })).statusCode, who).toBe(403);
        expect((await demo.app().inject({ url: `/api/v1/dashboard.xlsx?year=${year}&chart=dutyPoints`, headers: await as(who) })).statusCode, who).toBe(403);
      }
      expect((await demo.app().inject({ url: `/api/v1/dashboard?year=${year}` })).statusCode).toBe(401);
      const bad = await demo.app().inject({ url: '/api/v1/dashboard.xlsx?chart=nothing', headers: await as('staff') });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toContain('chart');
    });
  });
}
