import { oneTable } from '../../core/xlsx.ts';
import type { TotalRow } from './queries.ts';
import { GRADE_NAMES } from './rules.ts';

// The office's list of members' totals as .xlsx: the rows of the same query and filters.
const WARNING_NAMES = { noProposal: '尚无提案', belowPass: '低于合格线' };

export const totalsTable = (year: number, rows: TotalRow[], note?: string) => oneTable(`${year}年委员履职`, [
  { header: '委员', value: (r) => r.name, width: 14 },
  { header: '界别', value: (r) => r.sectorName, width: 16 },
  { header: '积分', value: (r) => r.points, width: 10 },
  { header: '等级', value: (r) => GRADE_NAMES[r.grade], width: 10 },
  { header: '界别排名', value: (r) => `${r.sectorRank}/${r.sectorSize}`, width: 12 },
  { header: '提案', value: (r) => (r.counts.proposalLead ?? 0) + (r.counts.proposalCosign ?? 0), width: 8 },
  { header: '社情民意', value: (r) => r.counts.opinionSubmitted ?? 0, width: 10 },
  { header: '双联联系', value: (r) => r.counts.liaisonContact ?? 0, width: 10 },
  { header: '提醒', value: (r) => r.warnings.map((w) => WARNING_NAMES[w]).join('、'), width: 20 },
], rows, { note });
