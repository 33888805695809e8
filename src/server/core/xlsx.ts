import type { FastifyReply } from 'fastify';
import { inWorker } from './workers/pool.ts';

// Every table a page shows can be downloaded as .xlsx: one sheet, a bold header row, and
// (for tables with a total) a bold last row. The cells are computed here; the workbook is
// written on a worker thread (pool.ts), so ExcelJS never holds the event loop.

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Cell = string | number | boolean;
export interface Column<T> { header: string; value: (row: T) => Cell | null | undefined; width?: number }
interface Table { sheet: string; header: string[]; widths: number[]; rows: Cell[][]; boldLastRow: boolean }

export async function tableWorkbook<T>(sheet: string, columns: Column<T>[], rows: T[], opts: { boldLastRow?: boolean } = {}): Promise<Buffer> {
  const table: Table = {
    sheet, header: columns.map((c) => c.header), widths: columns.map((c) => c.width ?? 12),
    rows: rows.map((r) => columns.map((c) => c.value(r) ?? '')), boldLastRow: !!opts.boldLastRow,
  };
  const bytes = await inWorker<Uint8Array>(import.meta.url, 'writeTable', table);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** (On a worker.) The workbook of a table. */
export async function writeTable(t: Table): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t.sheet);
  ws.addRow(t.header);
  ws.getRow(1).font = { bold: true };
  for (const r of t.rows) ws.addRow(r);
  if (t.boldLastRow && t.rows.length) ws.getRow(ws.rowCount).font = { bold: true };
  ws.columns.forEach((c, i) => { c.width = t.widths[i]; });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Sends a workbook as a download; `name` may be Chinese (RFC 5987), `ascii` is the fallback file name. */
export function sendXlsx(reply: FastifyReply, ascii: string, name: string, buf: Buffer) {
  return reply.type(XLSX).header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`).send(buf);
}
