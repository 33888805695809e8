import fs from 'node:fs';

// What a .txt file is written in, found once by one function for the upload (which refuses a file
// in none of TEXT_ENCODINGS) and for reading its text (extract.ts, on a worker thread).

/**
 * A .txt file's encodings, tried in turn: UTF-8, else GB18030 (GBK's superset, as Chinese Windows
 * saves text) when what it reads is plausibly Chinese: GB18030 takes nearly any bytes, so a Latin-1
 * (Windows-1252) file would read as odd hanzi (Müller → M黮ler).
 */
export const TEXT_ENCODINGS = ['utf-8', 'gb18030'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/** Control characters that text has not (tab, line feed, form feed and return it may). */
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;
/** Past this share of non-ASCII characters outside COMMON, a text read as GB18030 is taken for not Chinese. */
const MAX_RARE = 0.1;

let common: Set<number> | undefined;
/**
 * What Chinese text is nearly all written in, beside ASCII: the 6,763 hanzi of GB2312 (levels 1 and
 * 2, bytes B0–F7 A1–FE) and the punctuation and symbols of GB2312 and GBK (A1–A9, e.g. 、。“”《》…
 * ￥ and 〇), as GB18030 decodes them; user-defined (private use) characters are not among them.
 */
function commonChinese(): Set<number> {
  if (common) return common;
  const bytes: number[] = [];
  for (let lead = 0xa1; lead <= 0xf7; lead++) {
    if (lead > 0xa9 && lead < 0xb0) continue;
    for (let trail = lead <= 0xa9 ? 0x40 : 0xa1; trail <= 0xfe; trail++) if (trail !== 0x7f) bytes.push(lead, trail);
  }
  const decoded = new TextDecoder('gb18030').decode(new Uint8Array(bytes));
  common = new Set([...decoded].map((c) => c.codePointAt(0)!).filter((cp) => cp !== 0xfffd && (cp < 0xe000 || cp > 0xf8ff)));
  return common;
}

/**
 * The first of TEXT_ENCODINGS the file is text in, and with `keep` the text (a UTF-8 BOM left out); none
 * when it is in neither. Text: it decodes throughout, without NUL or other control characters; read
 * as GB18030, at most one in ten of its non-ASCII characters outside the common Chinese ones.
 */
export async function readTextFile(file: string, keep: boolean): Promise<{ encoding: TextEncoding; text: string } | undefined> {
  for (const encoding of TEXT_ENCODINGS) {
    const text = await decodeFile(file, encoding, keep);
    if (text !== undefined) return { encoding, text };
  }
  return undefined;
}

async function decodeFile(file: string, encoding: TextEncoding, keep: boolean): Promise<string | undefined> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  const chinese = encoding === 'gb18030' ? commonChinese() : undefined;
  const out: string[] = [];
  let nonAscii = 0, rare = 0;
  const take = (s: string) => {
    if (CONTROL.test(s)) return false;
    if (chinese) {
      for (const c of s) {
        const cp = c.codePointAt(0)!;
        if (cp < 0x80) continue;
        nonAscii++;
        if (!chinese.has(cp)) rare++;
      }
    }
    if (keep) out.push(s);
    return true;
  };
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 64 * 1024 })) {
      if (!take(decoder.decode(chunk as Buffer, { stream: true }))) return undefined;
    }
    if (!take(decoder.decode())) return undefined;
  } catch {
    return undefined; // not in this encoding
  }
  if (rare > nonAscii * MAX_RARE) return undefined;
  return out.join('');
}
