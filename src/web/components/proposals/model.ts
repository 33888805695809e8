// Shapes of the proposal API (src/server/modules/proposals) and the fixed vocabularies around it.
import type { Origin } from '../OriginLink';
import { CHINA_TIME_ZONE } from '../../i18n';

export const PROPOSAL_STATES = [
  'draft', 'submitted', 'filed', 'not_filed', 'converted', 'merged', 'withdrawn',
  'assigned', 'handling', 'replied', 'rehandling', 'closed',
] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

/** States in which a lead unit's due date runs. */
export const HANDLING_STATES: ProposalState[] = ['assigned', 'handling', 'rehandling'];
/** States a proposal may be merged into. */
export const FILED_STATES: ProposalState[] = ['filed', 'assigned', 'handling', 'replied', 'rehandling', 'closed'];

export const STATE_COLORS: Record<ProposalState, string> = {
  draft: 'default',
  submitted: 'blue',
  filed: 'cyan',
  not_filed: 'red',
  converted: 'purple',
  merged: 'geekblue',
  withdrawn: 'default',
  assigned: 'gold',
  handling: 'orange',
  replied: 'lime',
  rehandling: 'volcano',
  closed: 'green',
};

export const PROPOSAL_KINDS = ['member', 'joint', 'group', 'committee', 'sector'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];
/** Kinds a member writes; the others are entered by staff for a party group, committee or sector. */
export const MEMBER_KINDS: ProposalKind[] = ['member', 'joint'];
export const COLLECTIVE_KINDS: ProposalKind[] = ['group', 'committee', 'sector'];

export const DOMAINS = ['经济', '政治', '文化', '社会', '生态文明', '其他'] as const;
export type Domain = (typeof DOMAINS)[number];

export const CATEGORIES = ['A', 'B', 'C'] as const;
export const SATISFACTIONS = ['satisfied', 'basic', 'unsatisfied'] as const;
export const CONTACT_KINDS = ['visit', 'phone', 'meeting', 'note'] as const;
export const CONTACT_METHODS = ['visit', 'phone', 'meeting', 'letter', 'none'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export type ContactKind = (typeof CONTACT_KINDS)[number];
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export const SATISFACTION_COLORS: Record<string, string> = { satisfied: 'green', basic: 'gold', unsatisfied: 'red' };
export const CATEGORY_COLORS: Record<string, string> = { A: 'green', B: 'blue', C: 'default' };

export type UnitRole = 'lead' | 'co';

const CN = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 1–99 in Chinese numerals as session names use them (五, 十二, 二十): the server's own (queries.ts cn). */
export const chineseNumber = (n: number) => (n <= 10 ? CN[n]! : n < 20 ? `十${CN[n - 10]}` : `${CN[Math.floor(n / 10)]}十${n % 10 ? CN[n % 10] : ''}`);

/** A proposal's number as lists show it (0012), or null before filing. */
export const shortNumber = (n: number | null) => (n ? String(n).padStart(4, '0') : null);

/** Where a filed proposal's number belongs: numbers start again each session. */
export interface NumberedIn {
  number: number | null;
  termNumber: number | null;
  sessionNumber: number | null;
  /** 五届三次 */
  sessionLabel: string | null;
}

/** The orders of GET /proposals (sort=): the latest change first, or the newest session and number first. */
export const PROPOSAL_SORTS = ['updated', 'number'] as const;
export type ProposalSort = (typeof PROPOSAL_SORTS)[number];

export interface ProposalListItem extends NumberedIn {
  id: string;
  title: string;
  kind: ProposalKind;
  domain: Domain | null;
  state: ProposalState;
  proposerName: string;
  numberLabel: string | null;
  /** The term and session of the number (null before filing). */
  termNumber: number | null;
  sessionNumber: number | null;
  isKey: boolean;
  published: boolean;
  units: { unitId: string; name: string; role: UnitRole; state: string }[];
  dueOn: string | null;
  /** The caller's own unit's assignment (unit clerks), null for everyone else. */
  myAssignment: MyAssignment | null;
  /** Empty on the public list. */
  cosigners: { memberId: string; name: string; confirmed: boolean }[];
  /** A filed proposal a unit returned (its latest return), waiting to be assigned again; null otherwise and on the public list. */
  returned?: { unitName: string; reason: string | null; at: string | null } | null;
  keyLeaderUserId: string | null;
  submittedAt: string | null;
  updatedAt: string;
  publishedAt: string | null;
}

export interface MyAssignment {
  role: UnitRole;
  state: 'pending' | 'signed';
  /** The end of the window to sign for it or return it. */
  returnBy: string;
  /** The reply (lead) or opinion (co) due date. */
  dueOn: string;
  hasOpinion: boolean;
}

export interface ProposalAssignment {
  id: string;
  unitId: string;
  unitName: string;
  role: UnitRole;
  state: 'pending' | 'signed' | 'returned' | 'withdrawn';
  assignedAt: string;
  returnBy: string;
  dueOn: string;
  /** Where its time runs from: an extension may reach the settings' maxMonths after it. */
  periodStart: string;
  signedAt: string | null;
  returnReason: string | null;
  opinion: string | null;
  opinionAt: string | null;
}

/** A file attached to a reply or a contact-log entry. */
export interface Attachment { id: string; filename: string; mime: string; size: number; href: string }

export interface ProposalReply {
  attachments: Attachment[];
  id: string;
  round: number;
  unitName: string;
  category: 'A' | 'B' | 'C';
  content: string;
  signer: string | null;
  createdAt: string;
}

/**
 * What the handling engine recorded on an item (a proposal, a recommendation): the part the
 * assignment, handling and reply sections draw. Items other than proposals have no ratings.
 */
export type HandledItem = Pick<Proposal, 'id' | 'assignments' | 'replies' | 'evaluations' | 'logs' | 'extensions'> & { state: string; ratings?: Proposal['ratings'] };

export interface Proposal {
  id: string;
  title: string;
  body: string;
  kind: ProposalKind;
  domain: Domain | null;
  state: ProposalState;
  proposerMemberId: string | null;
  proposerName: string;
  number: number | null;
  numberLabel: string | null;
  termNumber: number | null;
  sessionNumber: number | null;
  duringSession: boolean | null;
  submittedAt: string | null;
  filedAt: string | null;
  closedAt: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  round: number;
  needsMeeting: boolean;
  decisionReason: string | null;
  convertedTo: 'opinion' | 'letter' | null;
  mergedIntoId: string | null;
  origin?: Origin | null;
  isKey: boolean;
  keyLeaderUserId: string | null;
  published: boolean;
  publishedAt: string | null;
  /** Why staff did not publish it (null: published or not decided yet; always null on the public page). */
  publicationExemptReason: string | null;
  cosigners: { memberId: string | null; name: string; confirmed: boolean; viaMerge: boolean }[];
  /** Of a draft: who declined to co-sign and was not asked again since, with their latest reason. */
  declined: { name: string; reason: string | null; at: string }[];
  assignments: ProposalAssignment[];
  replies: ProposalReply[];
  evaluations: { round: number; satisfaction: Satisfaction; resultSatisfaction: Satisfaction | null; contacted: boolean | null; contactMethod: ContactMethod | null; comment: string | null; createdAt: string }[];
  logs: { id: string; unitName: string; kind: ContactKind; date: string; content: string; createdAt: string; attachments: Attachment[] }[];
  extensions: { id: string; requestedDueOn: string; reason: string; state: 'pending' | 'granted' | 'refused' | 'withdrawn' | 'lapsed'; requestedAt: string; decidedAt: string | null; decisionNote: string | null }[];
  ratings: { unitId: string; topic: number; research: number; feasibility: number; comment: string | null }[];
}

export interface ProposalAction {
  action: string;
  label: string;
}

export interface HistoryEntry {
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  from: ProposalState | null;
  to: ProposalState | null;
  note: string | null;
}

export interface BoardUnit {
  unitId: string;
  unitName: string;
  overdue: number;
  dueSoon: number;
  /** Over all the unit's lead assignments, as the statistics count them (server: timeliness.ts). */
  onTime: number;
  late: number;
  onTimeRate: number | null;
  items: { proposalId: string; title: string; state: ProposalState; isKey: boolean; dueOn: string; overdue: boolean; signed: boolean }[];
}

/** A row of the key-proposal board (GET /proposals/key). */
export interface KeyBoardItem {
  id: string;
  title: string;
  state: ProposalState;
  proposerName: string;
  /** The leading leader's display name. */
  leader: string | null;
  leadUnit: string | null;
  dueOn: string | null;
  overdue: boolean;
  /** How many supervision visits and meetings were logged, and the date of the last one. */
  visits: number;
  lastVisit: string | null;
}

export const SUPERVISION_KINDS = ['visit', 'meeting', 'research'] as const;
export type SupervisionKind = (typeof SUPERVISION_KINDS)[number];

/** One supervision visit or meeting (督办) of a key proposal. */
export interface SupervisionEntry {
  id: string;
  kind: SupervisionKind;
  date: string;
  participants: string;
  outcome: string;
  /** Display name of who logged it. */
  by: string | null;
  createdAt: string;
}

export interface ExtensionRequest {
  id: string;
  proposalId: string;
  title: string;
  unitName: string;
  currentDueOn: string;
  requestedDueOn: string;
  reason: string;
  requestedAt: string;
}

export interface ProposalSettings {
  bodyLimit: number;
  notFiledGrounds: string[];
  handling: { returnWindowDays: number; replyMonths: number; maxMonths: number; coOpinionMonths: number };
}

export interface AppNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  href: string | null;
  /** What varies in title and body, to word them as `notice.<kind>[.<key>]`; absent on old notices. */
  params?: Record<string, string | number> | null;
  createdAt: string;
  readAt: string | null;
}

/** Today's date in China (YYYY-MM-DD), as the server counts deadlines. */
export function todayInChina(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CHINA_TIME_ZONE }).format(now);
}

/** Whole days from today to `day` (negative once past). */
export function daysUntil(day: string, today = todayInChina()): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export const charCount = (text: string | undefined) => [...(text ?? '')].length;
