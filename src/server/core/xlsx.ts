import type { FastifyReply } from 'fastify';
import { inWorker } from './workers/pool.ts';

// Every table a page shows can be downloaded as .xlsx or as CSV (the same route with .csv): one
// sheet, a bold header row, and (for tables with a total) a bold last row. The cells are computed
// here; the workbook is written on a worker thread (pool.ts), so ExcelJS never holds the event
// loop. A CSV file is UTF-8 with a byte-order mark, so that Excel opens its Chinese as Chinese.

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV = 'text/csv; charset=utf-8';
/** The file formats every table is offered in. */
export const FORMATS = ['xlsx', 'csv'] as const;
export type Format = (typeof FORMATS)[number];
/** "… as an Excel file" in a route's summary, for each format. */
export const asFile = (format: Format) => (format === 'xlsx' ? 'as an Excel file' : 'as a CSV file (UTF-8 with BOM)');

type Cell = string | number | boolean;
export interface Column<T> { header: string; value: (row: T) => Cell | null | undefined; width?: number }
export interface Table { sheet: string; header: string[]; widths: number[]; rows: Cell[][]; boldLastRow: boolean; note?: string }
export interface TableOptions { boldLastRow?: boolean; /** A line under the table, after an empty row (e.g. that it was cut short). */ note?: string }

/** The most rows an export of a list or search holds: a bigger one is cut short, and says so (truncationNote). */
export const MAX_EXPORT_ROWS = 5000;
export const truncationNote = (total: number) =>
  total > MAX_EXPORT_ROWS ? `仅导出前 ${MAX_EXPORT_ROWS} 条（共 ${total} 条），请缩小筛选范围后分批导出。` : undefined;

/** One sheet of a workbook: the columns' headers, then a row per item. */
export const sheet = <T>(name: string, columns: Column<T>[], rows: T[], opts: TableOptions = {}): Table => ({
  sheet: name, header: columns.map((c) => c.header), widths: columns.map((c) => c.width ?? 12),
  rows: rows.map((r) => columns.map((c) => c.value(r) ?? '')), boldLastRow: !!opts.boldLastRow, note: opts.note,
});

/** A download of one table (or several: sheets of a workbook, blocks of a CSV file). */
export type Tables = Table[];

export function oneTable<T>(name: string, columns: Column<T>[], rows: T[], opts: TableOptions = {}): Tables {
  return [sheet(name, columns, rows, opts)];
}

/** A workbook of several tables, one sheet each. */
export async function sheetsWorkbook(tables: Table[]): Promise<Buffer> {
  const bytes = await inWorker<Uint8Array>(import.meta.url, 'writeTables', tables);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** (On a worker.) The workbook of the tables. */
export async function writeTables(tables: Table[]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  for (const t of tables) {
    const ws = wb.addWorksheet(t.sheet);
    ws.addRow(t.header);
    ws.getRow(1).font = { bold: true };
    for (const r of t.rows) ws.addRow(r);
    if (t.boldLastRow && t.rows.length) ws.getRow(ws.rowCount).font = { bold: true };
    ws.columns.forEach((c, i) => { c.width = t.widths[i]; });
    if (t.note) {
      ws.addRow([]);
      ws.addRow([t.note]).font = { italic: true, color: { argb: 'FFC00000' } };
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A cell as CSV writes it: quoted when it must be; a text a spreadsheet would run as a formula starts with an apostrophe. */
function csvCell(v: Cell): string {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One table as CSV lines (RFC 4180): the header, the rows, the note after an empty line. */
export function csvLines(t: Table): string[] {
  const line = (cells: Cell[]) => cells.map(csvCell).join(',');
  return [line(t.header), ...t.rows.map(line), ...(t.note ? ['', line([t.note])] : [])];
}

/** The tables as one CSV file, UTF-8 with a BOM; several tables follow one another, each under its name. */
export function csvFile(tables: Tables): Buffer {
  const lines = tables.length === 1 ? csvLines(tables[0]!) : tables.flatMap((t, i) => [...(i ? [''] : []), csvCell(t.sheet), ...csvLines(t)]);
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** Content-Disposition of a download; `name` may be Chinese (RFC 5987), `ascii` is the fallback file name. */
export const attachment = (ascii: string, name: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Sends a workbook as a download. */
export function sendXlsx(reply: FastifyReply, ascii: string, name: string, buf: Buffer) {
  return reply.type(XLSX).header('content-disposition', attachment(ascii, name)).send(buf);
}

/** Sends tables as a download in the format asked for: `file` and `name` without their extension. */
export async function sendTables(reply: FastifyReply, format: Format, file: string, name: string, tables: Tables) {
  if (format === 'xlsx') return sendXlsx(reply, `${file}.xlsx`, `${name}.xlsx`, await sheetsWorkbook(tables));
  return reply.type(CSV).header('content-disposition', attachment(`${file}.csv`, `${name}.csv`)).send(csvFile(tables));
}
