import ExcelJS from 'exceljs';
import { rosterFile } from './roster.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, expectProblem, multipart, testApp, type TestApp } from './helpers.ts';
import { backfillNameSort } from '../src/server/modules/org/name-sort-backfill.ts';
import { members } from '../src/server/modules/org/schema.ts';

const HEADER = ['姓名', '性别', '出生年份', '党派', '界别', '专委会', '常委', '县区', '工作单位', '手机'];

describe.each(engines)('members and the roster (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await testApp(engine); });
  afterAll(async () => { await t?.close(); });

  const memberCount = async () => (await t.app.inject({ url: '/api/v1/members?pageSize=1&active=all', headers: await t.as('staff') })).json().total as number;

  it('shows phone and e-mail only to the office and the member themself', async () => {
    const id = t.fx.memberIds[0];
    const read = async (u: string) => (await t.app.inject({ url: `/api/v1/members/${id}`, headers: await t.as(u) })).json();
    expect(await read('staff')).toMatchObject({ phone: '13800000001', email: 'zs@example.cn' });
    expect(await read('member')).toMatchObject({ phone: '13800000001' });
    for (const u of ['member2', 'leader', 'unitA']) {
      const m = await read(u);
      expect(m.name).toBe('张三');
      expect(m).not.toHaveProperty('phone');
      expect(m).not.toHaveProperty('email');
    }
    const list = await t.app.inject({ url: '/api/v1/members?pageSize=100', headers: await t.as('staff') });
    expect(JSON.stringify(list.json())).not.toContain('13800000001');
  });

  it('filters the directory by name, sector, party, committee, county and standing', async () => {
    const h = await t.as('member');
    const names = async (qs: string) => (await t.app.inject({ url: `/api/v1/members?${qs}`, headers: h })).json().items.map((m: { name: string }) => m.name).sort();
    expect(await names('q=张')).toEqual(['张三']);
    expect(await names('q=示例')).toEqual(['张三', '王五']); // by workplace
    expect(await names(`sectorId=${t.fx.sectorIds[0]}`)).toEqual(['张三', '王五']);
    expect(await names(`party=${encodeURIComponent('民盟')}`)).toEqual(['李四']);
    expect(await names(`countyOrgId=${t.fx.countyId}`)).toEqual(['张三']);
    expect(await names('standing=true')).toEqual(['张三', '赵六']);
  });

  it('lists names in pinyin order (surnames read as surnames) and finds them by pinyin', async () => {
    const h = await t.as('member');
    const order = async () => (await t.app.inject({ url: '/api/v1/members?pageSize=100', headers: h })).json().items.map((m: { name: string }) => m.name);
    // Code points would give 张 王 李 赵; pinyin gives li, wang, zhang, zhao.
    expect(await order()).toEqual(['李四', '王五', '张三', '赵六']);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/members', headers: await t.as('staff'), payload: { name: '单明', party: '无党派', sectorId: t.fx.sectorIds[0], standing: false } });
    expect(created.statusCode).toBe(201);
    expect(await order()).toEqual(['李四', '单明', '王五', '张三', '赵六']); // 单 as a surname is shan
    expect((await t.app.inject({ url: '/api/v1/members?q=zhangsan', headers: h })).json().items.map((m: { name: string }) => m.name)).toEqual(['张三']);
    const renamed = await t.app.inject({ method: 'PATCH', url: `/api/v1/members/${created.json().id}`, headers: await t.as('staff'), payload: { name: '艾明' } });
    expect(renamed.statusCode).toBe(200);
    expect((await order())[0]).toBe('艾明');
    // Rows written before the key existed get it when the app starts.
    await t.app.db.update(members).set({ nameSort: '' });
    await backfillNameSort(t.app.db);
    expect(await order()).toEqual(['艾明', '李四', '王五', '张三', '赵六']);
  });

  it('pages the directory with the total of every filter, past the last page too', async () => {
    const h = await t.as('member');
    const list = async (query: string) => (await t.app.inject({ url: `/api/v1/members?${query}`, headers: h })).json() as { items: { name: string; sectorName: string; countyName: string | null }[]; total: number };
    const all = await list('pageSize=2');
    expect(all.items).toHaveLength(2);
    const total = all.total;
    expect((await list('pageSize=2&page=2')).total).toBe(total);
    expect(await list('pageSize=2&page=50')).toMatchObject({ items: [], total });
    const inSector = (await list(`sectorId=${t.fx.sectorIds[0]}&pageSize=100`)).items.length;
    expect(inSector).toBeGreaterThan(1);
    expect(await list(`sectorId=${t.fx.sectorIds[0]}&pageSize=1&page=9`)).toMatchObject({ items: [], total: inSector });
    const zhang = (await list('q=张三')).items;
    expect(zhang).toEqual([expect.objectContaining({ name: '张三', sectorName: '教育界', countyName: '测试区政协' })]);
    expect((await list('standing=true&party=无党派')).items.map((m) => m.name)).toEqual(['赵六']);
    expect(await list('q=nobody-at-all')).toMatchObject({ items: [], total: 0 });
  });

  it('refuses references to another committee, naming the field, and changes nothing', async () => {
    const before = await memberCount();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/members', headers: await t.as('staff'), payload: { name: '钱八', sectorId: t.fx.otherSectorId, party: '中共', standing: false } });
    expect(expectProblem(res, 422).errors).toEqual([{ path: '/sectorId', message: expect.any(String) }]);
    const res2 = await t.app.inject({ method: 'POST', url: '/api/v1/members', headers: await t.as('staff'), payload: { name: '钱八', sectorId: t.fx.sectorIds[0], party: '中共', standing: false, countyOrgId: t.fx.otherOrgId } });
    expect(expectProblem(res2, 422).errors[0].path).toBe('/countyOrgId');
    expect(await memberCount()).toBe(before);
  });

  it('audits an edit with before and after', async () => {
    const id = t.fx.memberIds[2];
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/members/${id}`, headers: await t.as('staff'), payload: { title: '主任医师', committeeIds: [t.fx.committeeId] } });
    expect(res.json()).toMatchObject({ title: '主任医师', committeeNames: ['提案委员会'] });
    const audit = (await t.app.inject({ url: `/api/v1/audit?entity=member&entityId=${id}`, headers: await t.as('admin') })).json();
    expect(audit.items[0]).toMatchObject({ action: 'updated', actorUserId: t.fx.userIds.staff, before: { title: null }, after: { title: '主任医师' } });
  });

  it('previews an import without writing, then imports the valid rows and names the bad one', async () => {
    const file = await rosterFile(HEADER, [
      ['周一', '男', 1975, '民进', '教育界', '提案委员会', '是', '测试区政协', '示例中学', '13900000011'],
      ['吴二', '女', 1980, '不存在的党', '经济界', '', '否', '', '', ''],
      ['郑三', '女', 1969, '中共', '经济界', '', '否', '', '示例银行', '13900000013'],
    ]);
    const before = await memberCount();
    const preview = await t.app.inject({ method: 'POST', url: '/api/v1/members/import?commit=false', ...withAuth(multipart(file), await t.as('staff')) });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toEqual({ total: 3, valid: 2, imported: 0, errors: [{ row: 3, field: '党派', message: expect.stringContaining('不存在的党') }] });
    expect(await memberCount()).toBe(before);

    const commit = await t.app.inject({ method: 'POST', url: '/api/v1/members/import?commit=true', ...withAuth(multipart(file), await t.as('staff')) });
    expect(commit.json()).toMatchObject({ total: 3, valid: 2, imported: 2 });
    expect(await memberCount()).toBe(before + 2);
    const zhou = (await t.app.inject({ url: '/api/v1/members?q=周一', headers: await t.as('staff') })).json().items[0];
    expect(zhou).toMatchObject({ party: '民进', sectorName: '教育界', standing: true, countyName: '测试区政协', committeeNames: ['提案委员会'] });

    // The same file again: its rows are now duplicates, nothing is added twice.
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/members/import?commit=true', ...withAuth(multipart(file), await t.as('staff')) });
    expect(again.json()).toMatchObject({ imported: 0, valid: 0 });
    expect(await memberCount()).toBe(before + 2);
  });

  it('checks the upload by content, not by name', async () => {
    const fake = await t.app.inject({ method: 'POST', url: '/api/v1/members/import', ...withAuth(multipart(Buffer.from('姓名,党派\n张,中共'), 'roster.xlsx'), await t.as('staff')) });
    expect(expectProblem(fake, 400).errors[0].path).toBe('/file');
    const noCols = await t.app.inject({ method: 'POST', url: '/api/v1/members/import', ...withAuth(multipart(await rosterFile(['名字'], [['张']])), await t.as('staff')) });
    expect(expectProblem(noCols, 400).detail).toContain('姓名');
  });

  it('exports the roster as .xlsx that imports back', async () => {
    const res = await t.app.inject({ url: '/api/v1/members/export', headers: await t.as('staff') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('姓名');
    const names: string[] = [];
    ws.eachRow((r, n) => { if (n > 1) names.push(String(r.getCell(1).value)); });
    expect(names).toContain('张三');
    expect(names.length).toBe(await memberCount());
    const template = await t.app.inject({ url: '/api/v1/members/import/template', headers: await t.as('staff') });
    expect(template.statusCode).toBe(200);
  });
});

function withAuth(m: { payload: Buffer; headers: Record<string, string> }, auth: Record<string, string>) {
  return { payload: m.payload, headers: { ...m.headers, ...auth } };
}
