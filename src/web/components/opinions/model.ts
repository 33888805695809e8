// Shapes of the 社情民意 API (src/server/modules/opinions) and its fixed vocabularies.
import type { Origin } from '../OriginLink';

export const OPINION_STATES = ['draft', 'submitted', 'returned', 'approved', 'forwarded', 'adopted', 'rejected', 'withdrawn'] as const;
export type OpinionState = (typeof OPINION_STATES)[number];

export const LEVELS = ['county', 'city', 'province', 'national'] as const;
export type Level = (typeof LEVELS)[number];

export const OPINION_STATE_COLORS: Record<OpinionState, string> = {
  draft: 'default',
  submitted: 'blue',
  returned: 'orange',
  approved: 'cyan',
  forwarded: 'geekblue',
  adopted: 'green',
  rejected: 'red',
  withdrawn: 'default',
};

export const LEVEL_COLORS: Record<Level, string> = { county: 'default', city: 'blue', province: 'purple', national: 'red' };

/** Bodies a report is usually forwarded to (staff may type others). */
export const FORWARD_BODIES = ['市委办公室', '市政府办公室', '省政协办公厅', '全国政协办公厅', '市委统战部'];

export interface OpinionSummary {
  id: string;
  title: string;
  state: OpinionState;
  authorMemberId: string | null;
  authorName: string;
  sourceProposalId: string | null;
  origin: Origin | null;
  enteredByStaff: boolean;
  number: number | null;
  numberYear: number | null;
  numberLabel: string | null;
  bodyLength: number;
  signer: string | null;
  forwardedTo: string[];
  forwardedOn: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  createdAt: string;
  updatedAt: string;
  year: number;
}

export interface OpinionListItem extends OpinionSummary {
  adoptionCount: number;
  topLevel: Level | null;
  instructionCount: number;
}

export interface Adoption { id: string; level: Level; adoptedBy: string; date: string; note: string | null; createdAt: string }
export interface Instruction { id: string; leaderName: string; leaderPosition: string; level: Level; date: string; content: string; createdAt: string }

export interface Opinion extends OpinionSummary {
  body: string;
  decisionReason: string | null;
  adoptions: Adoption[];
  instructions: Instruction[];
}

export interface OpinionAction { action: string; label: string }

export interface OpinionSettings { bodyLimit: number; quota: { standing: number; member: number } }

export interface MemberCount { memberId: string; name: string; standing: boolean; submitted: number; adopted: number; instructed: number; quota: number; met: boolean }

export interface OpinionStats {
  year: number;
  byState: Record<OpinionState, number>;
  received: number;
  issued: number;
  adoptedReports: number;
  instructedReports: number;
  adoptions: number;
  adoptionsByLevel: Record<Level, number>;
  instructions: number;
  instructionsByLevel: Record<Level, number>;
  members: { total: number; withReports: number; quotaMet: number; items: MemberCount[] };
}

/** Whether this user may edit the report now: its author a draft or returned one; staff one under review or issued. */
export function editableBy(o: Opinion, staff: boolean, memberId: string | null) {
  const author = (!!memberId && memberId === o.authorMemberId) || (o.enteredByStaff && staff);
  return (author && ['draft', 'returned'].includes(o.state)) || (staff && ['submitted', 'approved'].includes(o.state));
}
