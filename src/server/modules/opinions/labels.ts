import type { Level } from './workflow.ts';

export const LEVEL_LABELS: Record<Level, string> = { county: '县（区）级', city: '市级', province: '省级', national: '全国' };

/** "社情民意〔2026〕第12期": the number an approved report is issued under. */
export function numberLabel(year: number | null, number: number | null) {
  return year && number ? `社情民意〔${year}〕第${number}期` : null;
}
