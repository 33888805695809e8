import mammoth from 'mammoth';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chineseFont } from '../src/server/modules/handling/letter.ts';
import { engines, testApp, type TestApp } from './helpers.ts';

// A published proposal whose title, body and reply carry contact details in the forms people type:
// whoever reads it as the public does (anonymous, or a user with no part in it) finds none of them
// in any rendering: JSON, the public list, search highlights, duplicate check, the reply letters.
// Its proposer, staff and the handling unit still see the original.

const TITLE = '关于社区食堂的提案（联系电话（0571）87654321）';
const BODY = '建议增设社区食堂。联系人王先生，手机１３９１２３４５６７８，邮箱 wang＠example.cn，身份证号 11010119900307123X。';
const REPLY = '已协调落实社区食堂。请联系 139.1234.5678 或 (0571)88886666，邮箱 shitang@example.cn，办公电话 0571 8888 7777。';
/** Every detail above, as digits and letters only (renderers may break a line anywhere). */
const LEAKS = ['87654321', '13912345678', '１３９１２３４５６７８', 'wang＠example', '11010119900307123X', '13912345678', '88886666', 'shitang@example', '88887777'];

const flat = (s: string) => s.replace(/[\s.()（）-]+/g, '');
const leaksIn = (text: string) => LEAKS.filter((l) => flat(text).includes(flat(l)));
const docxText = async (buf: Buffer) => (await mammoth.extractRawText({ buffer: buf })).value;
async function pdfText(buf: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(buf), disableFontFace: true, useSystemFonts: false }).promise;
  let text = '';
  for (let i = 1; i <= pdf.numPages; i++) text += (await (await pdf.getPage(i)).getTextContent()).items.map((x) => ('str' in x ? x.str : '')).join('');
  await pdf.destroy();
  return text;
}
const hasFont = !!(await chineseFont());

describe.each(engines)('contact details in what the public sees (%s)', (engine) => {
  let t: TestApp;
  let id: string;
  let replyId: string;
  const get = async (url: string, login?: string) => t.app.inject({ url, headers: login ? await t.as(login) : {} });

  beforeAll(async () => {
    t = await testApp(engine);
    const ok = async (login: string, url: string, payload: object) => {
      const res = await t.app.inject({ method: 'POST', url, headers: await t.as(login), payload });
      if (res.statusCode >= 300) throw new Error(`${login} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    id = (await ok('member', '/api/v1/proposals', { title: TITLE, body: BODY, kind: 'member' })).id;
    const act = (login: string, action: string, payload: object = {}) => ok(login, `/api/v1/proposals/${id}/actions/${action}`, payload);
    await act('member', 'submit');
    await act('staff', 'file');
    await act('staff', 'assign', { units: [{ unitId: t.fx.unitIds.a, role: 'lead' }] });
    await act('unitA', 'sign');
    replyId = (await act('unitA', 'reply', { category: 'A', content: REPLY })).replies[0].id;
    await act('member', 'evaluate', { satisfaction: 'satisfied' });
    await act('staff', 'publish');
  });
  afterAll(async () => { await t?.close(); });

  it('masks them in the JSON, the public list and the search highlights', async () => {
    const one = await get(`/api/v1/proposals/${id}`);
    expect(one.json().body).toContain('建议增设社区食堂');
    for (const url of [`/api/v1/proposals/${id}`, '/api/v1/proposals?published=true', `/api/v1/proposals/search?published=true&q=${encodeURIComponent('社区食堂')}`]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('社区食堂');
      expect(leaksIn(res.body), url).toEqual([]);
    }
    // A user of the committee with no part in it reads it as the public does.
    expect(leaksIn((await get(`/api/v1/proposals/${id}`, 'unitB')).body)).toEqual([]);
    expect(leaksIn((await get(`/api/v1/proposals/${id}`, 'member2')).body)).toEqual([]);
  });

  it('masks them in the duplicate check for whoever reads the proposal as the public does', async () => {
    const res = await get(`/api/v1/proposals/similar?text=${encodeURIComponent(`${TITLE}${BODY}`)}&minScore=0`, 'unitB');
    expect(res.json().map((x: { id: string }) => x.id)).toContain(id);
    expect(leaksIn(res.body)).toEqual([]);
    expect(leaksIn((await get(`/api/v1/proposals/similar?text=${encodeURIComponent(`${TITLE}${BODY}`)}&minScore=0`, 'staff')).body)).not.toEqual([]);
  });

  it('masks them in the Word letter served to the public, not in the copies of those entitled', async () => {
    const url = `/api/v1/proposals/${id}/replies/${replyId}/letter.docx`;
    for (const login of [undefined, 'unitB', 'member2']) {
      const res = await get(url, login);
      expect(res.statusCode, login).toBe(200);
      const text = await docxText(res.rawPayload);
      expect(text).toContain('已协调落实社区食堂');
      expect(leaksIn(text), login ?? 'anonymous').toEqual([]);
      expect(text).toContain('[电话已隐去]');
    }
    for (const login of ['member', 'staff', 'unitA']) expect(flat(await docxText((await get(url, login)).rawPayload)), login).toContain(flat('139.1234.5678'));
  });

  it.runIf(hasFont)('masks them in the PDF letter served to the public, not in the copies of those entitled', async () => {
    const url = `/api/v1/proposals/${id}/replies/${replyId}/letter.pdf`;
    for (const login of [undefined, 'unitB']) {
      const res = await get(url, login);
      expect(res.statusCode, login).toBe(200);
      const text = await pdfText(res.rawPayload);
      expect(flat(text)).toContain('已协调落实社区食堂');
      expect(leaksIn(text), login ?? 'anonymous').toEqual([]);
    }
    expect(flat(await pdfText((await get(url, 'member')).rawPayload))).toContain(flat('139.1234.5678'));
  });
});
