import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../src/server/modules/handling/deadlines.ts';
import { printReport } from '../src/server/modules/reports/cli.ts';
import { draftSishuang, type SishuangDraft } from '../src/server/modules/reports/draft.ts';
import { compose } from '../src/server/modules/reports/versions.ts';
import { apiAs, engines, proposalIn, testApp, type TestApp } from './helpers.ts';

// Staff rewrite the report's prose around live figures, and every save is a version: the edit
// survives regenerating (its figures refresh), an earlier version can be viewed and restored, the
// Word document and the CLI use the latest, and callers who may not edit change nothing.

type Part = { id: string; template: string; edited: boolean; missing: string[]; draftChanged: boolean };
type Report = {
  year: number; title: string; figures: { key: string; value: number; unit: string }[];
  sections: { heading: string; paragraphs: string[]; parts: Part[] }[];
  version: { number: number; note: string; createdBy: { name: string } | null; restoredFrom: number | null }; latestVersion: number;
};
const year = Number(today().slice(0, 4));
const EDITED = '把思想政治引领融入全过程。本届全会期间，委员踊跃通过履职平台提交提案{{proposals.submitted}}，提案质量稳步提升。';

describe.each(engines)('report versions (%s)', (engine) => {
  let t: TestApp;
  const { call, ok, refused } = apiAs(() => t);
  const report = (q = ''): Promise<Report> => ok('staff', 'GET', `/reports/sishuang?year=${year}${q}`);
  const paragraph = (r: Report, id: string) => {
    const s = r.sections.find((x) => x.parts.some((p) => p.id === id))!;
    const i = s.parts.findIndex((p) => p.id === id);
    return { text: s.paragraphs[i]!, part: s.parts[i]! };
  };
  beforeAll(async () => {
    t = await testApp(engine);
    await proposalIn(t, 'filed', '关于完善社区养老服务设施的提案');
  }, 120_000);
  afterAll(async () => { await t?.close(); });

  it('the drafted report is version 1, its paragraphs templates with figure tokens', async () => {
    const r = await report();
    expect(r.version).toMatchObject({ number: 1, createdBy: null });
    expect(r.latestVersion).toBe(1);
    const { text, part } = paragraph(r, 'evaluation.1');
    expect(part.template).toContain('{{proposals.submitted}}');
    expect(part.edited).toBe(false);
    expect(text).toContain('提交提案1件');
    expect((await ok('leader', 'GET', `/reports/sishuang/versions?year=${year}`)).items.map((v: { number: number }) => v.number)).toEqual([1]);
  });

  it('an edit is version 2; regenerating after a new record keeps the wording and shows the new figure', async () => {
    const saved = await ok('staff', 'POST', '/reports/sishuang/versions', { year, basedOn: 1, note: '润色双评部分', paragraphs: [{ id: 'evaluation.1', template: EDITED }] });
    expect(saved).toMatchObject({ number: 2, note: '润色双评部分', createdBy: { name: 'staff' }, edited: 1 });
    let r = await report();
    expect(r.version.number).toBe(2);
    expect(paragraph(r, 'evaluation.1').text).toBe('把思想政治引领融入全过程。本届全会期间，委员踊跃通过履职平台提交提案1件，提案质量稳步提升。');
    expect(paragraph(r, 'evaluation.1').part).toMatchObject({ edited: true, missing: [], draftChanged: false });

    await proposalIn(t, 'filed', '关于加强农村饮用水安全的提案');
    r = await report();
    expect(paragraph(r, 'evaluation.1').text).toBe('把思想政治引领融入全过程。本届全会期间，委员踊跃通过履职平台提交提案2件，提案质量稳步提升。');
    // The other paragraphs are the fresh draft.
    expect(paragraph(r, 'evaluation.0').part.edited).toBe(false);

    const versions = await ok('leader', 'GET', `/reports/sishuang/versions?year=${year}`);
    expect(versions.items.map((v: { number: number; note: string }) => [v.number, v.note])).toEqual([[2, '润色双评部分'], [1, '系统起草']]);
    expect(versions.items[0].createdAt).toMatch(/^\d{4}-/);
  });

  it('the Word document and the CLI use the latest version', async () => {
    const docx = await call('leader', 'GET', `/reports/sishuang.docx?year=${year}`);
    expect(docx.statusCode).toBe(200);
    const mammoth = await import('mammoth');
    const { value: text } = await mammoth.extractRawText({ buffer: docx.rawPayload });
    expect(text).toContain('委员踊跃通过履职平台提交提案2件');
    expect(await printReport(t.database.db, { year, orgId: t.fx.orgId })).toContain('委员踊跃通过履职平台提交提案2件');
  });

  it('a stale editor, an unknown paragraph or figure, and callers who may not edit change nothing', async () => {
    const edit = { year, basedOn: 2, paragraphs: [{ id: 'opening.0', template: '改写的开头。' }] };
    await refused(409, 'staff', 'POST', '/reports/sishuang/versions', { ...edit, basedOn: 1 });
    const unknownId = await refused(422, 'staff', 'POST', '/reports/sishuang/versions', { ...edit, paragraphs: [{ id: 'opening.9', template: '一段' }] });
    expect(unknownId.errors[0].path).toBe('/paragraphs/0/id');
    const unknownFigure = await refused(422, 'staff', 'POST', '/reports/sishuang/versions', { ...edit, paragraphs: [{ id: 'opening.0', template: '共有{{members.nobody}}' }] });
    expect(unknownFigure.errors[0].path).toBe('/paragraphs/0/template');
    for (const who of ['leader', 'member', 'unitA']) {
      await refused(403, who, 'POST', '/reports/sishuang/versions', edit);
      await refused(403, who, 'POST', '/reports/sishuang/versions/1/restore', { year });
    }
    await refused(404, 'staff', 'POST', '/reports/sishuang/versions/9/restore', { year });
    await refused(404, 'staff', 'GET', `/reports/sishuang?year=${year}&version=9`);
    expect((await report()).latestVersion).toBe(2);
  });

  it('an earlier version can be viewed and restored, as a new version', async () => {
    expect(paragraph(await report('&version=1'), 'evaluation.1').part.edited).toBe(false);
    expect(paragraph(await report('&version=2'), 'evaluation.1').text).toContain('踊跃');
    const restored = await ok('staff', 'POST', '/reports/sishuang/versions/1/restore', { year });
    expect(restored).toMatchObject({ number: 3, restoredFrom: 1, note: '恢复第1版' });
    let r = await report();
    expect(r.version.number).toBe(3);
    expect(paragraph(r, 'evaluation.1').part.edited).toBe(false);
    expect(paragraph(r, 'evaluation.1').text).toContain('提交提案2件');
    // An admin restores the edit again; writing a paragraph back to the draft's wording is no edit.
    await ok('admin', 'POST', '/reports/sishuang/versions/2/restore', { year, note: '恢复润色稿' });
    r = await report();
    expect(paragraph(r, 'evaluation.1').part.edited).toBe(true);
    const drafted = paragraph(await report('&version=1'), 'evaluation.1').part.template;
    const back = await ok('staff', 'POST', '/reports/sishuang/versions', { year, basedOn: 4, paragraphs: [{ id: 'evaluation.1', template: drafted }] });
    expect(back).toMatchObject({ number: 5, edited: 0 });
  });
});

describe('composing a version over a fresh draft', () => {
  const profile = { cityName: '示例市', partyCommittee: '中共示例市委', chair: '', counties: [] };
  const context = { campaign: null, onlineConsultation: null, roomHosts: { counties: [], units: [] }, measures: [{ key: 'measures.1', measure: '调整优化公交线路' }], session: null };
  const draftWith = (figures: SishuangDraft['figures']) => draftSishuang(2026, profile, figures, context);
  const fig = (key: string, value: number) => ({ key, label: '调整优化公交线路', value, unit: '条', source: '/api/v1/recommendations' });
  const version = (template: string, base: string) => ({
    info: { number: 2, note: '', createdAt: null, createdBy: null, restoredFrom: null }, latest: 2,
    paragraphs: { 'consultation.3': { template, base } }, figures: { 'measures.1': { label: '调整优化公交线路', unit: '条', value: 3 } },
  });

  it('keeps a paragraph whose figure disappeared and flags it', () => {
    const then = draftWith([fig('measures.1', 3)]);
    const base = then.sections[3]!.paragraphs[3]!;
    const r = compose(draftWith([]), version('通过协商监督，推动调整优化公交线路{{measures.1}}。', base));
    const part = r.sections[3]!.parts[3]!;
    expect(part).toMatchObject({ edited: true, missing: ['measures.1'], draftChanged: true });
    expect(r.sections[3]!.paragraphs[3]).toBe('通过协商监督，推动调整优化公交线路【调整优化公交线路：暂无数据】。');
  });

  it('fills a token with the day\'s figure', () => {
    const now = draftWith([fig('measures.1', 5)]);
    const r = compose(now, version('推动调整优化公交线路{{measures.1}}。', now.sections[3]!.paragraphs[3]!));
    expect(r.sections[3]!.paragraphs[3]).toBe('推动调整优化公交线路5条。');
    expect(r.sections[3]!.parts[3]).toMatchObject({ missing: [], draftChanged: false });
  });
});
