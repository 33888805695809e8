import { createRequire } from 'node:module';

// Loaded on first use (its tables take ~60 ms that a start need not pay).
let loaded: typeof import('pinyin-pro') | undefined;
const pinyinPro = () => (loaded ??= createRequire(import.meta.url)('pinyin-pro') as typeof import('pinyin-pro'));

/**
 * A name's sort key in pinyin order (拼音排序), as Chinese rosters are read: "li si" for 李四, with
 * surnames read as surnames (单 shan, 曾 zeng, 解 xie). Other letters are kept, lower-cased.
 * PGlite has no ICU collation, so the key is stored beside the name.
 */
export function nameSortKey(name: string): string {
  return pinyinPro().pinyin(name.trim(), { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' })
    .map((s) => s.trim().toLowerCase()).filter(Boolean).join(' ');
}

/** A row with its `nameSort` key, for every insert of a named row that lists in pinyin order. */
export const withNameSort = <T extends { name: string }>(row: T) => ({ ...row, nameSort: nameSortKey(row.name) });
