import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { badRequest, Problem, say, type FieldError, type Message } from '../../core/errors.ts';
import { inWorker } from '../../core/workers/pool.ts';
import { oneTable, type Tables } from '../../core/xlsx.ts';
import { checkZip, isZip } from '../../core/zip-limits.ts';
import { orgs } from '../../core/schema.ts';
import { committees, members, sectors } from './schema.ts';
import { GENDERS, PARTIES } from './values.ts';
import type { MemberInput } from './members-commands.ts';
import { NAME_PATTERN, patternText } from '../../core/text/fields.ts';

// The member roster as an Excel sheet: one header row, one member per row.
export const COLUMNS = [
  { header: '姓名', key: 'name', width: 10 },
  { header: '性别', key: 'gender', width: 6 },
  { header: '出生年份', key: 'birthYear', width: 9 },
  { header: '民族', key: 'ethnicity', width: 8 },
  { header: '党派', key: 'party', width: 10 },
  { header: '界别', key: 'sector', width: 16 },
  { header: '专委会', key: 'committees', width: 24 },
  { header: '常委', key: 'standing', width: 6 },
  { header: '主席会议成员', key: 'chairMeeting', width: 12 },
  { header: '党组成员', key: 'partyGroup', width: 9 },
  { header: '县区', key: 'county', width: 14 },
  { header: '工作单位', key: 'workplace', width: 28 },
  { header: '职务', key: 'title', width: 16 },
  { header: '手机', key: 'phone', width: 14 },
  { header: '邮箱', key: 'email', width: 24 },
] as const;
type Key = (typeof COLUMNS)[number]['key'];
const REQUIRED: Key[] = ['name', 'party', 'sector'];
const NAME = new RegExp(NAME_PATTERN, 'u');

export interface RosterRow { row: number; input?: MemberInput; errors: FieldError[] }

const YES = new Set(['是', 'Y', 'y', 'yes', 'true', '1', '√']);
const NO = new Set(['', '否', 'N', 'n', 'no', 'false', '0']);
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function text(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return String(v.result ?? '').trim();
    if (v instanceof Date) return String(v.getFullYear());
  }
  return String(v).trim();
}

export const MAX_ROWS = 5000;
// Rows without content do not count against MAX_ROWS, but a sheet of millions of them is not read through.
const MAX_SHEET_ROWS = 100_000;
// A roster of 5,000 rows unpacks to a few MB; an .xlsx holds a dozen entries.
const ROSTER_ZIP = { entries: 1000, unpackedBytes: 100 * 1024 * 1024 };
type RosterCells = { row: number; cells: Partial<Record<Key, string>> };
const unreadable = () => badRequest(say('无法读取此 .xlsx 文件', 'The .xlsx file cannot be read'), [{ path: '/file', message: say('无法读取', 'unreadable workbook') }]);
const tooMany = () => badRequest(say(`每次最多导入 ${MAX_ROWS} 行`, `At most ${MAX_ROWS.toLocaleString('en')} rows per import`), [{ path: '/file', message: say('行数过多', 'too many rows') }]);

/**
 * Reads the first sheet; refuses files that are not .xlsx by their content (a zip with a workbook),
 * zips that would unpack too large, and more than 5,000 rows. The upload's parts go to a worker
 * thread as they arrived and are joined, checked and read there: a hostile file's copies stay off
 * the event loop's heap, whose garbage collector every large buffer sets going (docs/benchmarks.md).
 */
export async function readRoster(parts: Uint8Array[]): Promise<RosterCells[]> {
  return inWorker(import.meta.url, 'readRosterRows', parts, { failure: unreadable });
}

/** (On a worker.) Streams the first sheet row by row, stopping at the 5,001st row with content, unread the rest. */
export async function readRosterRows(parts: Uint8Array[]): Promise<RosterCells[]> {
  const data = Buffer.concat(parts);
  if (!isZip(data)) throw badRequest(say('此文件不是 .xlsx 工作簿', 'The file is not an .xlsx workbook'), [{ path: '/file', message: say('请上传 Excel 的 .xlsx 文件（可先下载导入模板）', 'upload an Excel .xlsx file (the template is one)') }]);
  checkZip(data, ROSTER_ZIP);
  const { default: ExcelJS } = await import('exceljs');
  const input = Readable.from([data]);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  const header = new Map<number, Key>();
  const out: RosterCells[] = [];
  let sheets = 0, seen = 0;
  try {
    for await (const ws of reader) {
      sheets++;
      for await (const r of ws) {
        if (++seen > MAX_SHEET_ROWS) throw tooMany();
        if (r.number === 1) {
          r.eachCell((cell, col) => {
            const c = COLUMNS.find((x) => x.header === text(cell.value).replace(/[（(].*$/, ''));
            if (c) header.set(col, c.key);
          });
          checkHeader(header);
          continue;
        }
        checkHeader(header); // a sheet whose first row is empty has no header
        const cells: Partial<Record<Key, string>> = {};
        header.forEach((key, col) => { cells[key] = text(r.getCell(col).value); });
        if (!Object.values(cells).some((v) => v)) continue;
        if (out.length === MAX_ROWS) throw tooMany();
        out.push({ row: r.number, cells });
      }
      break; // the first sheet only
    }
  } catch (err) {
    if (err instanceof Problem) throw err;
    throw unreadable();
  } finally {
    input.destroy();
  }
  if (!sheets) throw badRequest(say('工作簿中没有工作表', 'The workbook has no sheet'), [{ path: '/file', message: say('没有工作表', 'no sheet') }]);
  checkHeader(header);
  return out;
}

function checkHeader(header: Map<number, Key>) {
  const missing = REQUIRED.filter((k) => ![...header.values()].includes(k));
  if (!missing.length) return;
  const names = missing.map((k) => COLUMNS.find((c) => c.key === k)!.header);
  throw badRequest(say(`缺少列：${names.join('、')}`, `Missing columns: ${names.join(', ')}`), names.map((n) => ({ path: '/file', message: say(`缺少“${n}”列`, `missing column ${n}`) })));
}

/** Validates each row against this committee's sectors, committees and counties and its existing members. */
export async function validateRoster(db: Queryable, orgId: string, rows: Awaited<ReturnType<typeof readRoster>>): Promise<RosterRow[]> {
  const [sectorRows, committeeRows, countyRows, existing] = await Promise.all([
    db.select().from(sectors).where(and(eq(sectors.orgId, orgId), eq(sectors.active, true))),
    db.select().from(committees).where(and(eq(committees.orgId, orgId), eq(committees.active, true))),
    db.select().from(orgs).where(and(eq(orgs.parentId, orgId), eq(orgs.level, 'county'))),
    db.select({ name: members.name, birthYear: members.birthYear, phone: members.phone }).from(members).where(eq(members.orgId, orgId)),
  ]);
  const sectorId = new Map(sectorRows.map((s) => [s.name, s.id]));
  const committeeId = new Map(committeeRows.map((c) => [c.name, c.id]));
  const countyId = new Map(countyRows.map((c) => [c.name, c.id]));
  const seen = new Set(existing.flatMap((m) => [`${m.name}|${m.birthYear ?? ''}`, ...(m.phone ? [`tel|${m.phone}`] : [])]));

  return rows.map(({ row, cells }) => {
    const errors: FieldError[] = [];
    const err = (key: Key, message: Message) => errors.push({ path: COLUMNS.find((c) => c.key === key)!.header, message });
    const v = (k: Key) => cells[k] ?? '';
    const flag = (k: Key) => { if (YES.has(v(k))) return true; if (!NO.has(v(k))) err(k, say(`应为“是”或“否”，而不是“${v(k)}”`, `must be 是 or 否, got “${v(k)}”`)); return false; };

    for (const k of REQUIRED) if (!v(k)) err(k, say('必填', 'required'));
    if (v('name').length > 50) err('name', say('不超过 50 字', 'too long (max 50)'));
    if (v('name') && !NAME.test(v('name'))) err('name', patternText(NAME_PATTERN)!);
    if (v('gender') && !(GENDERS as readonly string[]).includes(v('gender'))) err('gender', say(`应为“男”或“女”，而不是“${v('gender')}”`, `must be 男 or 女, got “${v('gender')}”`));
    const year = v('birthYear') ? Number(v('birthYear')) : null;
    if (year !== null && !(Number.isInteger(year) && year >= 1900 && year <= new Date().getFullYear() - 18)) err('birthYear', say(`年份无效：“${v('birthYear')}”`, `invalid year “${v('birthYear')}”`));
    if (v('party') && !(PARTIES as readonly string[]).includes(v('party'))) err('party', say(`未知党派：“${v('party')}”`, `unknown party “${v('party')}”`));
    if (v('sector') && !sectorId.has(v('sector'))) err('sector', say(`未知界别：“${v('sector')}”`, `unknown sector “${v('sector')}”`));
    const committeeNames = v('committees').split(/[；;、,，]/).map((s) => s.trim()).filter(Boolean);
    for (const n of committeeNames) if (!committeeId.has(n)) err('committees', say(`未知专委会：“${n}”`, `unknown special committee “${n}”`));
    if (v('county') && !countyId.has(v('county'))) err('county', say(`未知县区：“${v('county')}”`, `unknown county committee “${v('county')}”`));
    if (v('phone') && !PHONE.test(v('phone'))) err('phone', say(`手机号无效：“${v('phone')}”`, `invalid phone “${v('phone')}”`));
    if (v('email') && (!EMAIL.test(v('email')) || v('email').length > 100)) err('email', say(`邮箱无效：“${v('email')}”`, `invalid e-mail “${v('email')}”`));
    for (const k of ['ethnicity', 'workplace', 'title'] as const) if (v(k).length > 100) err(k, say('不超过 100 字', 'too long (max 100)'));
    const standing = flag('standing'), chairMeeting = flag('chairMeeting'), partyGroup = flag('partyGroup');

    const keys = [`${v('name')}|${year ?? ''}`, ...(v('phone') ? [`tel|${v('phone')}`] : [])];
    if (!errors.length && keys.some((k) => seen.has(k))) err('name', say('委员已存在（同名同年或同手机号）', 'duplicate of an existing member (same name and year, or same phone)'));
    if (errors.length) return { row, errors };
    keys.forEach((k) => seen.add(k));
    return {
      row, errors,
      input: {
        name: v('name'), gender: v('gender') || null, birthYear: year, ethnicity: v('ethnicity') || null, party: v('party'),
        sectorId: sectorId.get(v('sector'))!, committeeIds: committeeNames.map((n) => committeeId.get(n)!),
        standing, chairMeeting, partyGroup, countyOrgId: countyId.get(v('county')) ?? null,
        workplace: v('workplace') || null, title: v('title') || null, phone: v('phone') || null, email: v('email') || null,
      },
    };
  });
}

type Exported = { name: string; gender: string | null; birthYear: number | null; ethnicity: string | null; party: string; sectorName: string;
  committeeNames: string[]; standing: boolean; chairMeeting: boolean; partyGroup: boolean; countyName: string | null;
  workplace: string | null; title: string | null; phone?: string | null; email?: string | null };

/** The roster as a table (or, with no rows, the empty import template). */
export function rosterTable(rows: Exported[]): Tables {
  const yn = (b: boolean) => (b ? '是' : '否');
  const table = rows.map((m): Record<Key, string | number> => ({
    name: m.name, gender: m.gender ?? '', birthYear: m.birthYear ?? '', ethnicity: m.ethnicity ?? '', party: m.party, sector: m.sectorName,
    committees: m.committeeNames.join('；'), standing: yn(m.standing), chairMeeting: yn(m.chairMeeting), partyGroup: yn(m.partyGroup),
    county: m.countyName ?? '', workplace: m.workplace ?? '', title: m.title ?? '', phone: m.phone ?? '', email: m.email ?? '',
  }));
  return oneTable('委员名册', COLUMNS.map((c) => ({ header: c.header, width: c.width, value: (r: Record<Key, string | number>) => r[c.key] })), table);
}
