// The heavy and hostile uploads of the stall benchmark.
import crypto from 'node:crypto';
import { rowXml, xlsxOf } from '../test/xlsx-by-hand.ts';

/** A 10 MB PDF (a header and random bytes: what a scan weighs). */
export function tenMegabytePdf(): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), crypto.randomBytes(10 * 2 ** 20 - 32), Buffer.from('\n%%EOF\n')]);
}

/** A roster .xlsx of ~2 MB whose sheet unpacks to 480 MB of rows. */
export function rosterBomb(): Buffer {
  return xlsxOf([
    { data: Buffer.from(rowXml(1, ['姓名', '党派', '界别'])) },
    { data: Buffer.from('<row r="2"/>'.repeat(100_000)), times: 400 },
    { data: Buffer.from('</sheetData></worksheet>') },
  ]);
}
