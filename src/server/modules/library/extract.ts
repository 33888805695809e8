import fs from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { badRequest, Problem, say } from '../../core/errors.ts';
import { searchTokens, tokens } from '../../core/text/segment.ts';
import { checkZip } from '../../core/zip-limits.ts';
import type { DocumentFormat } from './schema.ts';
import { readTextFile } from './text-file.ts';

// The text of a document, page by page: runs on a worker thread (core/workers), so parsing a large
// or hostile file never holds the server's thread, and is stopped at its time and memory limits.
// PDF per page (pdfjs-dist); .pptx per slide; .xlsx per sheet; .docx, .doc and .txt, which have no
// pages of their own until printed, in parts of about a printed page each.

/** Pages' text; the top words (related documents); the distinct search words (segmented, for a tsvector). */
export interface Extracted { pages: string[]; terms: Record<string, number>; searchWords: string }
export interface ExtractArg { path: string; format: DocumentFormat; maxPages: number }

/** About one printed A4 page of Chinese text. */
export const PART_CHARS = 800;
const ZIP_LIMITS = { entries: 5000, unpackedBytes: 300 * 1024 * 1024 };
const unreadable = () => badRequest(say('文件已损坏或格式不符，无法读取', 'The file is damaged or not of its format and cannot be read'), [{ path: '/file', message: say('无法读取', 'unreadable') }]);

export async function extractText({ path, format, maxPages }: ExtractArg): Promise<Extracted> {
  let pages: string[];
  try {
    pages = await byFormat(path, format, maxPages);
  } catch (err) {
    if ((err as { status?: number }).status) throw err;
    // A parser missing from this installation is the server's fault, not the file's.
    if ((err as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') throw new Problem(503, 'Service Unavailable', say(`服务器缺少 .${format} 文件的解析组件`, `This server lacks the reader of .${format} files`));
    throw unreadable();
  }
  pages = pages.slice(0, maxPages).map((p) => p.replace(/\r\n?/g, '\n').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim());
  if (!pages.length) pages = [''];
  const all = pages.join('\n');
  return { pages, terms: topTerms(all), searchWords: searchTokens(all.slice(0, 500_000)).join(' ') };
}

async function byFormat(path: string, format: DocumentFormat, maxPages: number): Promise<string[]> {
  switch (format) {
    case 'pdf': return pdfPages(await fs.readFile(path), maxPages);
    case 'txt': {
      // (as the upload found it text: readTextFile)
      const text = await readTextFile(path, true);
      if (!text) throw unreadable();
      return parts(text.text.replace(/^\uFEFF/, ''));
    }
    case 'doc': {
      const { default: WordExtractor } = await import('word-extractor');
      const doc = await new WordExtractor().extract(await fs.readFile(path));
      return parts(doc.getBody());
    }
    case 'docx': {
      const data = await fs.readFile(path);
      checkZip(data, ZIP_LIMITS);
      const mammoth = await import('mammoth');
      return parts((await mammoth.default.extractRawText({ buffer: data })).value);
    }
    case 'pptx': {
      const data = await fs.readFile(path);
      checkZip(data, ZIP_LIMITS);
      const slide = /^ppt\/slides\/slide(\d+)\.xml$/;
      const files = unzipSync(data, { filter: (f) => slide.test(f.name) });
      return Object.keys(files).sort((a, b) => Number(slide.exec(a)![1]) - Number(slide.exec(b)![1]))
        .map((name) => slideText(strFromU8(files[name]!)));
    }
    case 'xlsx': {
      const data = await fs.readFile(path);
      checkZip(data, ZIP_LIMITS);
      const { default: ExcelJS } = await import('exceljs');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(data as never);
      return book.worksheets.map((ws) => {
        const lines = [ws.name];
        ws.eachRow((row) => { lines.push((row.values as unknown[]).slice(1).map(cellText).join('\t')); });
        return lines.join('\n');
      });
    }
  }
}

async function pdfPages(data: Buffer, maxPages: number): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const out: string[] = [];
    for (let n = 1; n <= Math.min(doc.numPages, maxPages); n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      out.push(text);
      page.cleanup();
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

/** A slide's text: its runs, a paragraph a line. */
function slideText(xml: string): string {
  return xml.split(/<\/a:p>/).map((p) => [...p.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => decodeXml(m[1]!)).join('')).filter((l) => l.trim()).join('\n');
}
const decodeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d))).replace(/&amp;/g, '&');

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { text?: string; result?: unknown; richText?: { text: string }[] };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.text !== undefined) return String(o.text);
    if (o.result !== undefined) return cellText(o.result);
    return '';
  }
  return String(v);
}

/** A text without pages, in parts of about PART_CHARS characters, cut between paragraphs where one ends near. */
export function parts(text: string): string[] {
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n/);
  const out: string[] = [];
  let cur = '';
  for (let p of paragraphs) {
    while (p.length > PART_CHARS) {
      // An overlong paragraph: cut at a sentence end in its last third, else at the limit.
      const room = PART_CHARS - cur.length;
      if (room < PART_CHARS / 3) { out.push(cur); cur = ''; continue; }
      const slice = p.slice(0, room);
      const end = Math.max(slice.lastIndexOf('。'), slice.lastIndexOf('；'), slice.lastIndexOf('. '));
      const cut = end > room * 2 / 3 ? end + 1 : room;
      out.push(cur + p.slice(0, cut));
      cur = '';
      p = p.slice(cut);
    }
    if (cur.length + p.length > PART_CHARS && cur.trim()) { out.push(cur); cur = ''; }
    cur += (cur ? '\n' : '') + p;
  }
  if (cur.trim() || !out.length) out.push(cur);
  return out;
}

/** The text's 100 most frequent content words (for related documents). */
function topTerms(text: string): Record<string, number> {
  const tf = new Map<string, number>();
  for (const t of tokens(text.slice(0, 200_000))) tf.set(t, (tf.get(t) ?? 0) + 1);
  return Object.fromEntries([...tf].sort((a, b) => b[1] - a[1]).slice(0, 100));
}
