/**
 * An instant as the committee reads it in an export: China time (UTC+8, no daylight saving), to the
 * minute ("2026-12-06 13:05") or the second — not UTC cut from an ISO string.
 */
export const chinaTime = (iso: string, seconds = false) =>
  new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, seconds ? 19 : 16).replace('T', ' ');
