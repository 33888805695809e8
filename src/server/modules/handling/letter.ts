import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import { promisify } from 'node:util';
import { Problem, say } from '../../core/errors.ts';
import { inWorker } from '../../core/workers/pool.ts';
import { today } from './deadlines.ts';

// 答复函: a unit's reply to an assigned item, as an official letter. One function builds the
// letter's content (replyLetter); two renderers lay it out (renderDocx, renderPdf), so the Word
// file and the PDF always say the same thing. Nothing here knows what kind of item is answered.
// Routes render on a worker thread (letterDocx, letterPdf): laying out a PDF with a Chinese font
// takes long enough that ten at once would hold everyone else's requests.

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PDF_TYPE = 'application/pdf';

/** The letter as laid out, independent of the file format. */
export interface LetterContent {
  title: string;        // 关于市政协五届五次会议第0001号提案的答复
  salutation: string;   // 张三等委员：
  paragraphs: string[]; // the opening sentence, then the reply's paragraphs (first line indented)
  category: string;     // 答复类别：B类（列入计划拟解决）
  closing: string[];    // bottom right: the unit, the signer if any, the date in Chinese
  meta: { author: string; subject: string };
}

export interface ReplyLetterInput {
  /** What the title answers, e.g. "市政协五届五次会议第0001号提案". */
  subject: string;
  /** The item's own title, quoted in the opening sentence. */
  itemTitle: string;
  /** The addressee: a member (委员), or an organisation (a party group, a special committee …); `others` adds 等. */
  to: { name: string; member: boolean; others: boolean };
  reply: { category: string; content: string; signer: string | null; createdAt: Date };
  unitName: string;
}

export const CATEGORY_NAMES: Record<string, string> = { A: '已解决或采纳', B: '列入计划拟解决', C: '留作参考' };

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 5 → 五, 13 → 十三, 27 → 二十七 (1–99). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
}

/** "2026-11-27" → 二〇二六年十一月二十七日 (the year digit by digit, as official documents write it). */
export function chineseDate(day: string): string {
  const [y, m, d] = day.split('-') as [string, string, string];
  return `${[...y].map((c) => DIGITS[Number(c)]).join('')}年${chineseNumber(Number(m))}月${chineseNumber(Number(d))}日`;
}

/** How a letter names the committee: 测试市政协 → 市政协; 中国人民政治协商会议某某省委员会 → 省政协. */
export function committeeShortName(name: string, level: string): string {
  if (name.includes('全国')) return '全国政协';
  const m = name.match(/(自治区|自治州|自治县|省|市|州|盟|区|县|旗)(?:政协|委员会)$/);
  if (m) return `${m[1]}政协`;
  return ({ national: '全国政协', provincial: '省政协', city: '市政协', county: '县政协' } as Record<string, string>)[level] ?? '政协';
}

/** The letter's content, built once for both renderers. */
export function replyLetter(i: ReplyLetterInput): LetterContent {
  const title = i.itemTitle.trim().replace(/^《(.*)》$/, '$1');
  const body = i.reply.content.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
  const category = CATEGORY_NAMES[i.reply.category];
  return {
    title: `关于${i.subject}的答复`,
    salutation: `${i.to.name}${i.to.others ? '等' : ''}${i.to.member ? '委员' : ''}：`,
    paragraphs: [`${i.to.member ? '您' : '你们'}提出的《${title}》收悉。现答复如下：`, ...body],
    category: `答复类别：${i.reply.category}类${category ? `（${category}）` : ''}`,
    closing: [i.unitName, ...(i.reply.signer ? [`签发人：${i.reply.signer}`] : []), chineseDate(today(i.reply.createdAt))],
    meta: { author: i.unitName, subject: `关于${i.subject}的答复` },
  };
}

/** The same letter with every text passed through `f` (the public's copy: contact details masked). */
export const mapLetterText = (c: LetterContent, f: (s: string) => string): LetterContent => ({
  title: f(c.title), salutation: f(c.salutation), paragraphs: c.paragraphs.map(f), category: f(c.category),
  closing: c.closing.map(f), meta: { author: f(c.meta.author), subject: f(c.meta.subject) },
});

/** Width of a line in em (a Chinese character is 1, ASCII ½): to balance the title and centre the closing lines. */
const ems = (s: string) => [...s].reduce((w, c) => w + (c.codePointAt(0)! < 0x2000 ? 0.5 : 1), 0);

// ---------------------------------------------------------------------------------------------
// Page geometry of GB/T 9704 (党政机关公文格式): A4, margins top 37 mm, bottom 35 mm, left 28 mm,
// right 26 mm; title 二号 小标宋, text 三号 仿宋, 28-point lines, the closing two characters from the right.

const mm = (x: number) => (x * 72) / 25.4;
const PAGE = { top: 37, bottom: 35, left: 28, right: 26 };
const TITLE_PT = 22;  // 二号
const BODY_PT = 16;   // 三号
const LINE_PT = 28;
const RIGHT_EMS = 2;  // the closing block ends two characters from the right margin

/** How many characters of the title fit on a line (one spared for the wider Latin digits of some fonts). */
const TITLE_EMS = Math.floor(mm(210 - PAGE.left - PAGE.right) / TITLE_PT) - 1;

/**
 * A long title on balanced lines (GB/T 9704: 梯形或菱形), not a full line and an orphan: lines of
 * near-equal width, breaking before 第 where it can, never before closing or after opening punctuation.
 * Both renderers break the title here, so Word and the PDF look alike.
 */
export function titleLines(title: string, max = TITLE_EMS): string[] {
  const tokens: string[] = title.match(/[\x21-\x7e]+\s*|\s+|./gu) ?? [];
  const n = Math.ceil(ems(title) / max);
  if (n <= 1) return [title];
  const lines: string[] = [];
  let rest: string[] = tokens;
  for (let k = n; k > 1 && rest.length > 1; k--) {
    const restWidth = ems(rest.join(''));
    let best = -1, bestScore = Infinity, w = 0;
    for (let i = 0; i < rest.length - 1; i++) {
      w += ems(rest[i]!);
      if (w > max) break;
      if (restWidth - w > (k - 1) * max) continue;
      const next = rest[i + 1]!, prev = rest[i]!;
      const score = Math.abs(w - restWidth / k) + (next.startsWith('第') ? 0 : 1.5)
        + (/^[，。、；：？！》）」』,.;:?!)]/.test(next) || /[《（「『(]$/.test(prev) ? 100 : 0);
      if (score < bestScore) { bestScore = score; best = i; }
    }
    if (best < 0) break; // a token wider than a line: let the renderer wrap it
    lines.push(rest.slice(0, best + 1).join('').trimEnd());
    rest = rest.slice(best + 1);
  }
  lines.push(rest.join(''));
  return lines;
}

const TITLE_FONT = '方正小标宋简体';
const BODY_FONT = '仿宋_GB2312';

export async function renderDocx(c: LetterContent): Promise<Buffer> {
  // Loaded on first use (on a worker thread): docx and pdfkit would add ~0.4 s to every start.
  const { AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun } = await import('docx');
  const twip = (pt: number) => Math.round(pt * 20);
  const fontOf = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
  const line = { line: twip(LINE_PT), lineRule: LineRuleType.EXACT };
  const text = (s: string, o: { size?: number; font?: string } = {}) =>
    new TextRun({ text: s, font: fontOf(o.font ?? BODY_FONT), size: (o.size ?? BODY_PT) * 2 });
  const plain = (s: string) => new Paragraph({ spacing: line, children: [text(s)] });
  const indented = (s: string) => new Paragraph({ spacing: line, indent: { firstLine: twip(2 * BODY_PT), firstLineChars: 200 }, children: [text(s)] });
  const blank = () => new Paragraph({ spacing: line, children: [] });
  // The closing lines share a centre line whose right end is two characters from the margin.
  const widest = Math.max(...c.closing.map(ems));
  const closing = c.closing.map((s) => new Paragraph({
    spacing: line, alignment: AlignmentType.RIGHT, indent: { right: twip((RIGHT_EMS + (widest - ems(s)) / 2) * BODY_PT) }, children: [text(s)],
  }));
  const doc = new Document({
    creator: c.meta.author, title: c.title, subject: c.meta.subject,
    styles: { default: { document: {
      run: { font: fontOf(BODY_FONT), size: BODY_PT * 2, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
      paragraph: { spacing: line },
    } } },
    sections: [{
      properties: { page: {
        size: { width: 11906, height: 16838 }, // A4
        margin: { top: twip(mm(PAGE.top)), bottom: twip(mm(PAGE.bottom)), left: twip(mm(PAGE.left)), right: twip(mm(PAGE.right)) },
      } },
      footers: { default: new Footer({ children: [new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: fontOf(BODY_FONT), size: 28 })],
      })] }) },
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER, spacing: { line: twip(36), lineRule: LineRuleType.EXACT },
          children: titleLines(c.title).map((s, i) => new TextRun({ text: s, ...(i ? { break: 1 } : {}), font: fontOf(TITLE_FONT), size: TITLE_PT * 2 })),
        }),
        blank(),
        plain(c.salutation),
        ...c.paragraphs.map(indented),
        indented(c.category),
        blank(), blank(),
        ...closing,
      ],
    }],
  });
  return Packer.toBuffer(doc);
}

// ---------------------------------------------------------------------------------------------
// The PDF needs a font with Chinese glyphs, embedded (subset, with a ToUnicode map, which pdfkit
// writes) so that the text displays, prints, and can be searched and copied anywhere.

export interface FontRef { path: string; family?: string; data: Buffer }

/** Where Chinese fonts usually are: a 仿宋/宋体-like face first, then the common Linux packages. */
export const FONT_PATHS = [
  'C:\\Windows\\Fonts\\simfang.ttf',
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
  '/usr/share/fonts/truetype/arphic/uming.ttc',
  'C:\\Windows\\Fonts\\simsun.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/wqy-microhei/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/arphic/ukai.ttc',
];
export const FONT_HINT = say('PDF 需要中文字体：请安装 fonts-wqy-microhei（apt-get install fonts-wqy-microhei）',
  'The PDF needs a Chinese font: install fonts-wqy-microhei (apt-get install fonts-wqy-microhei)');

/** PostScript names of the faces in a font file (several in a .ttc collection), from its `name` tables. */
export function faceNames(buf: Buffer): string[] {
  const face = (at: number): string | null => {
    const tables = buf.readUInt16BE(at + 4);
    for (let i = 0; i < tables; i++) {
      const rec = at + 12 + i * 16;
      if (buf.toString('latin1', rec, rec + 4) !== 'name') continue;
      const t = buf.readUInt32BE(rec + 8);
      const count = buf.readUInt16BE(t + 2);
      const strings = t + buf.readUInt16BE(t + 4);
      for (let j = 0; j < count; j++) {
        const r = t + 6 + j * 12;
        if (buf.readUInt16BE(r + 6) !== 6) continue; // nameID 6: PostScript name
        const platform = buf.readUInt16BE(r);
        const s = buf.subarray(strings + buf.readUInt16BE(r + 10), strings + buf.readUInt16BE(r + 10) + buf.readUInt16BE(r + 8));
        return platform === 1 ? s.toString('latin1') : Buffer.from(s).swap16().toString('utf16le');
      }
    }
    return null;
  };
  try {
    if (buf.toString('latin1', 0, 4) !== 'ttcf') return [face(0)].filter((x): x is string => !!x);
    const n = buf.readUInt32BE(8);
    return Array.from({ length: n }, (_, i) => face(buf.readUInt32BE(12 + 4 * i))).filter((x): x is string => !!x);
  } catch {
    return []; // not a font we can read
  }
}

/** Opens the file as pdfkit will and checks it has the glyphs a letter needs. */
async function tryFont(path: string): Promise<FontRef | null> {
  let data: Buffer;
  try { data = await fs.readFile(path); } catch { return null; }
  const names = faceNames(data);
  const collection = data.toString('latin1', 0, 4) === 'ttcf';
  if (collection && !names.length) return null;
  // In a collection, prefer the simplified-Chinese, proportional face.
  const family = !collection ? undefined
    : names.find((n) => /(sc|cn|gb)(-|$)/i.test(n) && !/mono/i.test(n)) ?? names.find((n) => !/mono|hk|tw|tc|jp|kr/i.test(n)) ?? names[0];
  try {
    const { default: PDFDocument } = await import('pdfkit');
    const doc = new PDFDocument({ autoFirstPage: false });
    if (family) doc.font(data, family); else doc.font(data);
    const font = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?(cp: number): boolean } } })._font?.font;
    if (font?.hasGlyphForCodePoint && ![...'答复函〇'].every((ch) => font.hasGlyphForCodePoint!(ch.codePointAt(0)!))) return null;
  } catch {
    return null;
  }
  return { path, family, data };
}

/** Fonts fontconfig knows to cover Simplified Chinese (none if fc-list is missing). */
async function fontconfigPaths(): Promise<string[]> {
  try {
    const { stdout } = await promisify(execFile)('fc-list', [':lang=zh-cn', '-f', '%{file}\n'], { timeout: 5000 });
    return [...new Set(stdout.split('\n').map((s) => s.trim()).filter((s) => /\.(ttf|otf|ttc|otc)$/i.test(s)))].sort();
  } catch {
    return [];
  }
}

/** The first usable Chinese font among `paths`, then among those fontconfig lists. */
export async function findChineseFont(paths: readonly string[] = FONT_PATHS, useFontconfig = true): Promise<FontRef | null> {
  for (const p of paths) {
    const f = await tryFont(p);
    if (f) return f;
  }
  if (useFontconfig) for (const p of await fontconfigPaths()) {
    if (paths.includes(p)) continue;
    const f = await tryFont(p);
    if (f) return f;
  }
  return null;
}

let found: { at: number; font: Promise<FontRef | null> } | undefined;

/** The font for PDFs, found once per process; a miss is looked up again after a minute (a font installed meanwhile is picked up). */
export async function chineseFont(): Promise<FontRef | null> {
  if (found && Date.now() - found.at > 60_000 && !(await found.font)) found = undefined;
  found ??= { at: Date.now(), font: findChineseFont() };
  return found.font;
}

/** The letter as a PDF; without a Chinese font, a 503 that says which package to install. */
export async function renderPdf(c: LetterContent, font: FontRef | null): Promise<Buffer> {
  if (!font) throw new Problem(503, 'Service Unavailable', FONT_HINT);
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4', bufferPages: true, lang: 'zh-CN', displayTitle: true,
    margins: { top: mm(PAGE.top), bottom: mm(PAGE.bottom), left: mm(PAGE.left), right: mm(PAGE.right) },
    info: { Title: c.title, Author: c.meta.author, Subject: c.meta.subject, Creator: 'tongxin' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => { doc.on('end', () => resolve(Buffer.concat(chunks))); doc.on('error', reject); });

  if (font.family) doc.registerFont('cn', font.data, font.family); else doc.registerFont('cn', font.data);
  doc.font('cn');
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const gap = (size: number, lineHeight: number) => Math.max(0, lineHeight - doc.fontSize(size).currentLineHeight());

  doc.fontSize(TITLE_PT).text(titleLines(c.title).join('\n'), left, doc.page.margins.top, { width, align: 'center', lineGap: gap(TITLE_PT, 36) });
  doc.fontSize(BODY_PT);
  const lineGap = gap(BODY_PT, LINE_PT);
  doc.moveDown(1);
  doc.text(c.salutation, left, doc.y, { width, lineGap });
  for (const p of [...c.paragraphs, c.category]) doc.text(p, left, doc.y, { width, lineGap, indent: 2 * BODY_PT });

  // The closing block: two blank lines, then each line centred on the widest, which ends two characters from the margin.
  const widths = c.closing.map((s) => doc.widthOfString(s));
  const box = Math.max(...widths);
  const boxLeft = left + width - RIGHT_EMS * BODY_PT - box;
  let y = doc.y + 2 * LINE_PT;
  if (y + c.closing.length * LINE_PT > doc.page.height - doc.page.margins.bottom) { doc.addPage(); y = doc.page.margins.top; }
  c.closing.forEach((s, i) => doc.text(s, boxLeft, y + i * LINE_PT, { width: box, align: 'center', lineBreak: false }));

  // Page numbers (— 1 —) in the bottom margin, as in the Word file's footer.
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fontSize(14).text(`— ${i + 1} —`, left, doc.page.height - bottom + mm(7), { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

const bytes = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** The letter as a Word file, built on a worker thread. */
export async function letterDocx(c: LetterContent): Promise<Buffer> {
  return bytes(await inWorker<Uint8Array>(import.meta.url, 'renderDocx', c));
}

/** The letter as a PDF, rendered on a worker thread (which reads the font file itself); a 503 without a font. */
export async function letterPdf(c: LetterContent, font: FontRef | null): Promise<Buffer> {
  const arg = { content: c, font: font && { path: font.path, family: font.family } };
  return bytes(await inWorker<Uint8Array>(import.meta.url, 'renderPdfWithFontFile', arg));
}

const fontFiles = new Map<string, Promise<Buffer>>();
/** (On a worker.) renderPdf, with the font read from its file once per worker. */
export async function renderPdfWithFontFile({ content, font }: { content: LetterContent; font: Omit<FontRef, 'data'> | null }): Promise<Buffer> {
  if (font && !fontFiles.has(font.path)) fontFiles.set(font.path, fs.readFile(font.path));
  return renderPdf(content, font && { ...font, data: await fontFiles.get(font.path)! });
}
