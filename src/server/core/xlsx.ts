import type { FastifyReply } from 'fastify';
import { inWorker } from './workers/pool.ts';

// Every table a page shows can be downloaded as .xlsx: one sheet, a bold header row, and
// (for tables with a total) a bold last row. The cells are computed here; the workbook is
// written on a worker thread (pool.ts), so ExcelJS never holds the event loop.

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Cell = string | number | boolean;
export interface Column<T> { header: string; value: (row: T) => Cell | null | undefined; width?: number }
interface Table { sheet: string; header: string[]; widths: number[]; rows: Cell[][]; boldLastRow: boolean; note?: string }
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

export function tableWorkbook<T>(name: string, columns: Column<T>[], rows: T[], opts: TableOptions = {}): Promise<Buffer> {
  return sheetsWorkbook([sheet(name, columns, rows, opts)]);
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

/** Sends a workbook as a download; `name` may be Chinese (RFC 5987), `ascii` is the fallback file name. */
export function sendXlsx(reply: FastifyReply, ascii: string, name: string, buf: Buffer) {
  return reply.type(XLSX).header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`).send(buf);
}
