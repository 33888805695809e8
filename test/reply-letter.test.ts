import fs from 'node:fs';
import crypto from 'node:crypto';
import mammoth from 'mammoth';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { today } from '../src/server/modules/handling/deadlines.ts';
import {
  chineseDate, chineseFont, chineseNumber, committeeShortName, faceNames, findChineseFont, renderPdf, replyLetter, titleLines,
} from '../src/server/modules/handling/letter.ts';
import { engines, expectProblem, testApp, type TestApp } from './helpers.ts';

// Whether the PDF route finds a font is decided by the server's fonts; one test takes it away.
vi.mock('../src/server/modules/handling/letter.ts', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../src/server/modules/handling/letter.ts')>();
  return { ...mod, chineseFont: vi.fn(mod.chineseFont) };
});

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const TITLE = '关于加强中小学课后服务的提案';
const REPLY = '一、已将课后服务经费纳入明年财政预算。\n二、拟分步完善教师激励机制，2027年起全面实施。';

const docxText = async (buf: Buffer) => (await mammoth.extractRawText({ buffer: buf })).value;
async function pdfText(buf: Buffer): Promise<{ pages: number; text: string }> {
  const pdf = await getDocument({ data: new Uint8Array(buf), disableFontFace: true, useSystemFonts: false }).promise;
  let text = '';
  for (let i = 1; i <= pdf.numPages; i++) {
    const items = (await (await pdf.getPage(i)).getTextContent()).items;
    text += items.map((x) => ('str' in x ? x.str + (x.hasEOL ? '\n' : '') : '')).join('') + '\n';
  }
  await pdf.destroy();
  return { pages: pdf.numPages, text };
}
/** The filename* of a Content-Disposition header, decoded. */
const fileName = (h: unknown) => decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(String(h))?.[1] ?? '');
/** Text without line breaks and spaces (where a renderer wraps a line is its own business). */
const flat = (s: string) => s.replace(/\s+/g, '');

describe('the letter content', () => {
  it('writes numbers and dates as official documents do', () => {
    expect([1, 5, 10, 11, 20, 27, 31].map(chineseNumber)).toEqual(['一', '五', '十', '十一', '二十', '二十七', '三十一']);
    expect(chineseDate('2026-11-27')).toBe('二〇二六年十一月二十七日');
    expect(chineseDate('2030-01-05')).toBe('二〇三〇年一月五日');
    expect(committeeShortName('测试市政协', 'city')).toBe('市政协');
    expect(committeeShortName('中国人民政治协商会议某某省委员会', 'provincial')).toBe('省政协');
    expect(committeeShortName('测试区政协', 'county')).toBe('区政协');
    expect(committeeShortName('同心', 'county')).toBe('县政协');
  });

  it('breaks a long title into balanced lines, before 第 where it can', () => {
    expect(titleLines('关于市政协五届五次会议第0001号提案的答复')).toEqual(['关于市政协五届五次会议', '第0001号提案的答复']);
    expect(titleLines('关于第0001号提案的答复')).toEqual(['关于第0001号提案的答复']);
    const long = `关于《${'加强'.repeat(20)}》的答复`;
    const lines = titleLines(long);
    expect(lines.join('')).toBe(long);
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => [...l].length <= 19 && !/^[》]/.test(l))).toBe(true);
  });

  it('addresses an organisation as 你们, without 委员', () => {
    const c = replyLetter({
      subject: '市政协五届五次会议第0002号提案', itemTitle: '《关于发展夜间经济的提案》', to: { name: '民盟市委', member: false, others: false },
      reply: { category: 'C', content: '　　留作参考。\r\n\r\n感谢关心。', signer: null, createdAt: new Date('2026-11-27T02:00:00Z') }, unitName: '市商务局',
    });
    expect(c).toMatchObject({
      title: '关于市政协五届五次会议第0002号提案的答复', salutation: '民盟市委：',
      paragraphs: ['你们提出的《关于发展夜间经济的提案》收悉。现答复如下：', '留作参考。', '感谢关心。'],
      category: '答复类别：C类（留作参考）', closing: ['市商务局', '二〇二六年十一月二十七日'],
    });
  });

  it('finds a Chinese font on this machine, reads collection face names, and refuses a PDF without one', async () => {
    const font = await findChineseFont();
    expect(font, 'install fonts-wqy-microhei').not.toBeNull();
    if (fs.existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc')) {
      expect(faceNames(fs.readFileSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'))).toEqual(['WenQuanYiMicroHei', 'WenQuanYiMicroHeiMono']);
    }
    expect(await findChineseFont(['/nonexistent/font.ttc', '/etc/hostname'], false)).toBeNull();
    const c = replyLetter({ subject: 'x', itemTitle: 'x', to: { name: 'x', member: true, others: false }, reply: { category: 'A', content: 'x', signer: null, createdAt: new Date() }, unitName: 'x' });
    await expect(renderPdf(c, null)).rejects.toMatchObject({
      status: 503, detail: { zh: expect.stringContaining('请安装 fonts-wqy-microhei'), en: expect.stringContaining('install fonts-wqy-microhei') },
    });
  });
});

describe.each(engines)('reply letters (%s)', (engine) => {
  let t: TestApp;
  let id: string;
  let replyId: string;
  let otherReplyId: string;
  beforeAll(async () => {
    t = await testApp(engine);
    const ok = async (user: string, url: string, payload: object = {}, status = 200) => {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: await t.as(user), payload });
      if (res.statusCode !== status) throw new Error(`${user} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    // A joint proposal (张三 with 李四), filed as 第0001号, assigned to 市教育局 and answered.
    id = (await ok('member', '/proposals', { title: TITLE, body: '建议统筹课后服务经费，完善教师激励机制。', kind: 'joint', domain: '社会', cosignerIds: [t.fx.memberIds[1]] }, 201)).id;
    await ok('member2', `/proposals/${id}/actions/cosign`);
    await ok('member', `/proposals/${id}/actions/submit`);
    expect((await ok('staff', `/proposals/${id}/actions/file`)).numberLabel).toBe('第五届第五次会议 第0001号');
    await ok('staff', `/proposals/${id}/actions/assign`, { units: [{ unitId: t.fx.unitIds.a, role: 'lead' }] });
    await ok('unitA', `/proposals/${id}/actions/sign`);
    const replied = await ok('unitA', `/proposals/${id}/actions/reply`, { category: 'B', content: REPLY, signer: '王局长' });
    expect(replied.state).toBe('replied');
    replyId = replied.replies[0].id;
    // A second proposal with its own reply: its reply is not one of the first proposal's.
    const other = (await ok('member2', '/proposals', { title: '关于优化公交线路的提案', body: '建议增开社区微循环公交。', kind: 'member' }, 201)).id;
    await ok('member2', `/proposals/${other}/actions/submit`);
    await ok('staff', `/proposals/${other}/actions/file`);
    await ok('staff', `/proposals/${other}/actions/assign`, { units: [{ unitId: t.fx.unitIds.b, role: 'lead' }] });
    await ok('unitB', `/proposals/${other}/actions/sign`);
    otherReplyId = (await ok('unitB', `/proposals/${other}/actions/reply`, { category: 'A', content: '已增开两条线路。' })).replies[0].id;
  });
  afterAll(async () => { await t?.close(); });

  const get = async (user: string | null, url: string) =>
    t.app.inject({ url: `/api/v1/proposals/${url}`, headers: user ? await t.as(user) : {} });
  const expected = () => [
    '关于市政协五届五次会议第0001号提案的答复', '张三等委员：', `您提出的《${TITLE}》收悉。现答复如下：`,
    ...REPLY.split('\n'), '答复类别：B类（列入计划拟解决）', '市教育局', '签发人：王局长', chineseDate(today()),
  ];

  it('serves the Word letter: the number, the category and the reply, in order', async () => {
    const res = await get('member', `${id}/replies/${replyId}/letter.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(DOCX);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(fileName(res.headers['content-disposition'])).toBe('答复函-第0001号.docx');
    const lines = (await docxText(res.rawPayload)).split('\n').map((s) => s.trim()).filter(Boolean);
    // One paragraph a line (mammoth's raw text drops the line break inside the title).
    expect(lines).toEqual(expected());
  });

  it('serves the same letter as a PDF with real, extractable Chinese text', async () => {
    const res = await get('member', `${id}/replies/${replyId}/letter.pdf`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(fileName(res.headers['content-disposition'])).toBe('答复函-第0001号.pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/FontFile2'); // the font is embedded …
    expect(raw).toContain('/ToUnicode'); // … with the map that makes its text searchable
    const { pages, text } = await pdfText(pdf);
    expect(pages).toBe(1);
    let at = 0;
    for (const s of expected()) {
      const found = flat(text).indexOf(flat(s), at);
      expect(found, `${s} (in order) in ${text}`).toBeGreaterThanOrEqual(at);
      at = found + flat(s).length;
    }
  });

  it('lets whoever may read the proposal download it, and tells others it does not exist', async () => {
    for (const user of ['member', 'member2', 'staff', 'leader', 'admin', 'unitA']) {
      const res = await get(user, `${id}/replies/${replyId}/letter.docx`);
      expect(res.statusCode, user).toBe(200);
    }
    for (const user of ['unitB', 'otherStaff', 'otherAdmin', null]) {
      for (const ext of ['docx', 'pdf']) expectProblem(await get(user, `${id}/replies/${replyId}/letter.${ext}`), 404);
    }
  });

  it('answers 404 for an unknown reply or one of another proposal, 400 for a malformed id', async () => {
    for (const ext of ['docx', 'pdf']) {
      expect(expectProblem(await get('staff', `${id}/replies/${crypto.randomUUID()}/letter.${ext}`), 404).detail).toBe('答复不存在');
      expectProblem(await get('staff', `${id}/replies/${otherReplyId}/letter.${ext}`), 404);
      expectProblem(await get('staff', `${crypto.randomUUID()}/replies/${replyId}/letter.${ext}`), 404);
      expectProblem(await get('staff', `${id}/replies/not-a-uuid/letter.${ext}`), 400);
    }
  });

  it('answers 503 for the PDF when the server has no Chinese font, and still serves the Word file', async () => {
    vi.mocked(chineseFont).mockResolvedValueOnce(null);
    const res = await get('staff', `${id}/replies/${replyId}/letter.pdf`);
    expect(expectProblem(res, 503).detail).toContain('PDF 需要中文字体');
    vi.mocked(chineseFont).mockResolvedValueOnce(null);
    const english = await t.app.inject({ url: `/api/v1/proposals/${id}/replies/${replyId}/letter.pdf`, headers: { ...await t.as('staff'), 'accept-language': 'en' } });
    expect(expectProblem(english, 503).detail).toBe('The PDF needs a Chinese font: install fonts-wqy-microhei (apt-get install fonts-wqy-microhei)');
    expect((await get('staff', `${id}/replies/${replyId}/letter.docx`)).statusCode).toBe(200);
    expect((await get('staff', `${id}/replies/${replyId}/letter.pdf`)).statusCode).toBe(200);
  });

  it('lets the public download it once the proposal is published', async () => {
    for (const [user, action, payload] of [['member', 'evaluate', { satisfaction: 'satisfied' }], ['staff', 'publish', {}]] as const) {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${id}/actions/${action}`, headers: await t.as(user), payload });
      expect(res.statusCode, res.body).toBe(200);
    }
    for (const user of [null, 'unitB']) {
      const doc = await get(user, `${id}/replies/${replyId}/letter.docx`);
      expect(doc.statusCode, String(user)).toBe(200);
      expect(await docxText(doc.rawPayload)).toContain('答复类别：B类（列入计划拟解决）');
      expect((await get(user, `${id}/replies/${replyId}/letter.pdf`)).statusCode, String(user)).toBe(200);
    }
  });
});
