import type { Level, OpinionState } from './workflow.ts';

/** The states as the office names them (exports; the web app has its own strings). */
export const STATE_NAMES: Record<OpinionState, string> = {
  draft: '草稿', submitted: '待审核', returned: '退回修改', approved: '已编发', forwarded: '已报送', adopted: '已采用', rejected: '不予采用', withdrawn: '已撤回',
};

export const LEVEL_LABELS: Record<Level, string> = { county: '县（区）级', city: '市级', province: '省级', national: '全国' };

/** "社情民意〔2026〕第12期": the number an approved report is issued under. */
export function numberLabel(year: number | null, number: number | null) {
  return year && number ? `社情民意〔${year}〕第${number}期` : null;
}
