import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

// Reading the .xlsx and .csv downloads of lists back (core/list-export.ts), for the export tests.

type Get = (url: string, login?: string) => Promise<LightMyRequestResponse>;

/** Downloads through `get`: each checks the status, the type and the file names (ASCII, and `name` in UTF-8 when given). */
export function downloads(get: Get) {
  const fetched = async (url: string, login: string | undefined, ext: 'xlsx' | 'csv', name?: string) => {
    const res = await get(url, login);
    expect(res.statusCode, `${login ?? 'anonymous'} ${url}: ${res.body.slice(0, 300)}`).toBe(200);
    expect(res.headers['content-type']).toBe(ext === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="[\\w.-]+\\.${ext}"; filename\\*=UTF-8''`));
    if (name) expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1]!)).toBe(`${name}.${ext}`);
    return res;
  };
  /** The sheets of an .xlsx answer, each as rows of cell values (row 1 the header). */
  const sheets = async (url: string, login?: string, name?: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fetched(url, login, 'xlsx', name)).rawPayload as never);
    return wb.worksheets.map((ws) => ({ name: ws.name, rows: Array.from(ws.getSheetValues().slice(1), (r) => (r as ExcelJS.CellValue[] | undefined)?.slice(1) ?? []) }));
  };
  const rowsOf = async (url: string, login?: string, name?: string) => (await sheets(url, login, name))[0]!.rows;
  /** A CSV answer: UTF-8 with a byte-order mark, as rows of cells. */
  const csv = async (url: string, login?: string, name?: string) => {
    const res = await fetched(url, login, 'csv', name);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return parseCsv(res.rawPayload.toString('utf8').slice(1));
  };
  return { sheets, rowsOf, csv };
}

/** The cells of a column under its header (which must be there). */
export function col(rows: ExcelJS.CellValue[][], header: string) {
  const i = rows[0]!.indexOf(header);
  expect(i, `column ${header} in ${rows[0]}`).toBeGreaterThanOrEqual(0);
  return rows.slice(1).map((r) => r[i]);
}

/** A workbook's rows as CSV gives them: every cell as text, an empty one as ''. */
export const cells = (rows: ExcelJS.CellValue[][]) => rows.map((r) => Array.from(r, (c) => (c === undefined || c === null ? '' : String(c))));

/** RFC 4180 CSV (CRLF lines, quoted fields) as rows of cells; a last empty line is not a row. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; } else cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  // An empty line is one empty cell in CSV, and an empty row in the workbook.
  return rows.map((r) => (r.length === 1 && r[0] === '' ? [] : r));
}
