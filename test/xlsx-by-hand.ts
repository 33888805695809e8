import zlib from 'node:zlib';

// Spreadsheets no honest tool writes: hundreds of MB unpacked from a small file, or a sheet cut
// off in the middle. The zip is put together here around deflate streams from node:zlib.

/** Content given as chunks; a chunk repeated `times` is deflated once and its blocks repeated. */
export interface Chunk { data: Buffer; times?: number }

function deflated(chunks: Chunk[]) {
  const parts: Buffer[] = [];
  let crc = 0, size = 0;
  for (const { data, times = 1 } of chunks) {
    // A full flush ends each block on a byte boundary with no back-references across it, so the
    // compressed chunk can be repeated as it is.
    const block = zlib.deflateRawSync(data, { level: 1, finishFlush: zlib.constants.Z_FULL_FLUSH });
    for (let i = 0; i < times; i++) { parts.push(block); crc = zlib.crc32(data, crc); }
    size += data.length * times;
  }
  parts.push(zlib.deflateRawSync(Buffer.alloc(0))); // the final, empty block
  return { data: Buffer.concat(parts), crc, size };
}

/** A zip of deflated entries, in the given order; `claims` is an unpacked size to declare instead of the true one. */
export function zipOf(entries: { name: string; chunks: Chunk[]; claims?: number }[]): Buffer {
  const out: Buffer[] = [], directory: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const { data, crc, size: trueSize } = deflated(e.chunks);
    const size = e.claims ?? trueSize;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8); local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(size, 22); local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0x21, 14); central.writeUInt32LE(crc, 16); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28); central.writeUInt32LE(offset, 42);
    out.push(local, name, data);
    directory.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, dir, end]);
}

const text = (s: string): Chunk => ({ data: Buffer.from(s) });

/**
 * An .xlsx with one sheet, its XML given as chunks (written after the workbook, as Excel does, so
 * it can be streamed); `claims` is the sheet's unpacked size to declare instead of the true one.
 */
export function xlsxOf(sheet: Chunk[], claims?: number): Buffer {
  const ns = 'http://schemas.openxmlformats.org';
  return zipOf([
    { name: '[Content_Types].xml', chunks: [text(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`)] },
    { name: '_rels/.rels', chunks: [text(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)] },
    { name: 'xl/workbook.xml', chunks: [text(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>`)] },
    { name: 'xl/_rels/workbook.xml.rels', chunks: [text(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${ns}/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`)] },
    { name: 'xl/sharedStrings.xml', chunks: [text(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${ns}/spreadsheetml/2006/main" count="0" uniqueCount="0"/>`)] },
    { name: 'xl/worksheets/sheet1.xml', chunks: [text(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${ns}/spreadsheetml/2006/main"><sheetData>`), ...sheet], claims },
  ]);
}

/** One sheet row of inline strings. */
export const rowXml = (n: number, cells: string[]) =>
  `<row r="${n}">${cells.map((v, i) => `<c r="${String.fromCharCode(65 + i)}${n}" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`;
