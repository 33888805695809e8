// Contact details never appear in what is published: mobile and landline numbers, e-mail
// addresses and resident ID numbers are masked. This is the one masking function of every public
// rendering (public JSON, letters served to the public, search highlights, public results).

/**
 * The text as the patterns read it, of the same length: full-width ASCII (１３９, ＠, （）, －) as
 * ASCII and the dashes and dots people type between digits as - and ., so a match's offsets are the
 * original's too.
 */
function fold(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u2010-\u2015\u2212]/g, '-').replace(/[\u00b7\u2022\u30fb]/g, '.');
}

const SEP = '[\\s.-]?'; // one space, dot or dash between digits: 139 1234 5678, 139.1234.5678, 0571-8765-4321
const digits = (n: number) => `\\d(?:${SEP}\\d){${n - 1}}`;

const PATTERNS: [RegExp, string][] = [
  // name@host.cn, name＠host.cn, name [at] host [dot] cn, name at host dot cn
  [/(?<![\w.+-])[\w.+-]+\s*(?:@|\s?\(at\)\s?|\s?\[at\]\s?|\s+at\s+)\s*[\w-]+(?:\s*(?:\.|\[dot\]|\s+dot\s+)\s*[\w-]+)*\s*(?:\.|\[dot\]|\s+dot\s+)\s*[A-Za-z]{2,}\b/gi, '[邮箱已隐去]'],
  // 18 digits with a birth date, the last may be X; groups may be spaced 6-8-4
  [/(?<!\d)\d{6}[\s-]?(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[\s-]?\d{3}[\dXx](?!\d)/g, '[身份证号已隐去]'],
  // mobiles, with +86 / 0086 / (+86)
  [new RegExp(`(?<!\\d)(?:(?:\\+|00)?86${SEP}|\\(\\+?86\\)\\s?)?1${SEP}[3-9]${SEP}${digits(9)}(?![\\d])`, 'g'), '[电话已隐去]'],
  // landlines with an area code: 0571-87654321, (0571)87654321, 010 8765 4321
  [new RegExp(`(?<!\\d)(?:\\(0\\d{2,3}\\)\\s?|0\\d{2,3}${SEP})[2-9](?:${SEP}\\d){6,7}(?![\\d])`, 'g'), '[电话已隐去]'],
  // a number of 7 digits or more after a label that says it is one: 电话：8765 4321, QQ 12345678 (not 12345)
  [/(?<=(?:电话|手机|座机|传真|联系方式|微信|QQ|tel|phone|mobile)(?:号码|号)?\s*[:：]?\s*)\+?\d(?:[\s().-]?\d){6,}/gi, '[电话已隐去]'],
];

export function redactContacts(text: string): string {
  const folded = fold(text);
  const spans: [number, number, string][] = [];
  for (const [re, mask] of PATTERNS) for (const m of folded.matchAll(re)) spans.push([m.index, m.index + m[0].length, mask]);
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = '';
  let at = 0;
  for (const [start, end, mask] of spans) {
    if (start < at) continue; // inside a span already masked
    out += text.slice(at, start) + mask;
    at = end;
  }
  return out + text.slice(at);
}
