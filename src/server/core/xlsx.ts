import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

// Every table a page shows can be downloaded as .xlsx: one sheet, a bold header row, and
// (for tables with a total) a bold last row.

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface Column<T> { header: string; value: (row: T) => string | number | boolean | null | undefined; width?: number }

export async function tableWorkbook<T>(sheet: string, columns: Column<T>[], rows: T[], opts: { boldLastRow?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(columns.map((c) => c.header));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(columns.map((c) => c.value(r) ?? ''));
  if (opts.boldLastRow && rows.length) ws.getRow(ws.rowCount).font = { bold: true };
  ws.columns.forEach((c, i) => { c.width = columns[i]!.width ?? 12; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sends a workbook as a download; `name` may be Chinese (RFC 5987), `ascii` is the fallback file name. */
export function sendXlsx(reply: FastifyReply, ascii: string, name: string, buf: Buffer) {
  return reply.type(XLSX).header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`).send(buf);
}
