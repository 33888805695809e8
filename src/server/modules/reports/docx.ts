import { inWorker } from '../../core/workers/pool.ts';
import { chineseDate, titleLines } from '../handling/letter.ts';
import { today } from '../handling/deadlines.ts';
import type { SishuangReport } from './draft.ts';
import { money, sourceNote } from './draft.ts';

// The 四双 report as a Word document, in the layout of the office's other documents (reply letters,
// 述职报告: handling/letter.ts): the title in 小标宋, headings in 黑体, the body in 仿宋 三号 on a
// 28-point line, and an appendix table of every figure with the list behind it, said in words
// (sources.ts: the page and its filter, never an API path).

const BODY_PT = 16;
const LINE_PT = 28;

export async function renderSishuangDocx(r: SishuangReport & { committee: string }): Promise<Uint8Array> {
  // Loaded on first use (on a worker thread), as the letters do.
  const { AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = await import('docx');
  const twip = (pt: number) => Math.round(pt * 20);
  const fontOf = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
  const line = { line: twip(LINE_PT), lineRule: LineRuleType.EXACT };
  const run = (s: string, font = '仿宋_GB2312', size = BODY_PT) => new TextRun({ text: s, font: fontOf(font), size: size * 2 });
  const para = (s: string) => new Paragraph({ spacing: line, indent: { firstLine: twip(2 * BODY_PT), firstLineChars: 200 }, children: [run(s)] });
  const heading = (s: string) => new Paragraph({ spacing: line, indent: { firstLine: twip(2 * BODY_PT), firstLineChars: 200 }, children: [run(s, '黑体')] });
  const cell = (s: string) => new TableCell({ children: [new Paragraph({ children: [run(s, '仿宋_GB2312', 12)] })] });
  const shown = (f: SishuangReport['figures'][number]) => (f.unit === '元' ? money(f.value) : `${f.value}${f.unit}`);
  const doc = new Document({
    creator: r.committee, title: r.title, subject: r.title,
    styles: { default: { document: { run: { font: fontOf('仿宋_GB2312'), size: BODY_PT * 2, language: { value: 'zh-CN', eastAsia: 'zh-CN' } }, paragraph: { spacing: line } } } },
    sections: [{
      properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } },
      footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28 })] })] }) },
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER, spacing: { line: twip(36), lineRule: LineRuleType.EXACT },
          children: titleLines(r.title).map((s, i) => new TextRun({ text: s, ...(i ? { break: 1 } : {}), font: fontOf('方正小标宋简体'), size: 44 })),
        }),
        new Paragraph({ children: [] }),
        ...r.sections.flatMap((s) => [...(s.heading && s.heading !== '总体情况' ? [heading(s.heading)] : []), ...s.paragraphs.map(para)]),
        new Paragraph({ children: [] }),
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing: line, children: [run(r.committee)] }),
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing: line, children: [run(chineseDate(today()))] }),
        new Paragraph({ pageBreakBefore: true, spacing: line, children: [run('附：本报告数据及其来源', '黑体')] }),
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: ['项目', '数值', '来源（系统中的列表及筛选条件）'].map(cell) }),
            ...r.figures.map((f) => new TableRow({ children: [cell(f.label), cell(shown(f)), cell(`${f.sourceLabel || '—'}${f.field ? '（各条记录相加）' : ''}${sourceNote(f)}`)] })),
          ],
        }),
      ],
    }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** The report as a Word file, built on a worker thread. */
export async function sishuangDocx(r: SishuangReport & { committee: string }): Promise<Buffer> {
  const u = await inWorker<Uint8Array>(import.meta.url, 'renderSishuangDocx', r);
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}
