/**
 * An instant as the committee reads it in an export: China time (UTC+8, no daylight saving), to the
 * minute ("2026-12-06 13:05") or the second — not UTC cut from an ISO string.
 */
export const chinaTime = (iso: string, seconds = false) =>
  new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, seconds ? 19 : 16).replace('T', ' ');

/** A day as the app writes it in Chinese text ("2026-12-07" → "2026年12月7日"; letters use chineseDate's 二〇二六年…). */
export function dayInChinese(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}
