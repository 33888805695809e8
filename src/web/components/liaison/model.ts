// 双联 as the pages see it (the shapes of /api/v1/liaison/*).
import { todayInChina } from '../proposals/model';

export const LINK_KINDS = ['partyGroup', 'partyMember', 'chairMeeting', 'standing', 'masses', 'committee'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
export const CHANNELS = ['faceToFace', 'wechat', 'phone', 'research', 'forum'] as const;
export type Channel = (typeof CHANNELS)[number];
/** Kinds from a member to a member (the others run to a sector, or from a special committee). */
export const MEMBER_TO_MEMBER: LinkKind[] = ['partyGroup', 'partyMember', 'chairMeeting', 'standing'];

export interface Link {
  id: string; year: number; kind: LinkKind;
  fromMemberId: string | null; toMemberId: string | null; sectorId: string | null; committeeId: string | null;
  reason: string; manual: boolean; active: boolean;
  fromName: string | null; toName: string | null; sectorName: string | null; committeeName: string | null;
  contactCount: number; faceToFace: number;
}

export interface Contact {
  id: string; linkId: string; year: number; date: string; channel: Channel; participants: string; topics: string;
  policyTalk: boolean; massesReached: number; problemsSolved: string[]; createdAt: string;
}
export interface ContactListItem extends Contact { kind: LinkKind; fromName: string | null; toName: string | null; sectorName: string | null; opinionCount: number }
export interface CollectedOpinion { id: string; content: string; opinionId: string | null; proposalId: string | null }
/** `mayEdit`, `mayDelete`: what the caller may do with it now (its liaison within its year, the office any time; not deleted once an opinion became a draft). */
export interface ContactDetail extends Contact { link: Link; opinions: CollectedOpinion[]; mayEdit?: boolean; mayDelete?: boolean }

export interface GraphSummary {
  year: number; version: number; generatedAt: string | null; created: number; kept: number;
  kinds: { kind: LinkKind; links: number; liaisons: number; maxLoad: number; bound: number | null }[];
}

export interface ComplianceRow { memberId: string; name: string; sectorName: string; links: number; met: number; unmet: number; reported: boolean; reportedAt: string | null; reportFile: boolean; behind: boolean }
export type ComplianceTotals = { liaisons: number; behind: number; links: number; met: number; unmet: number; reported: number };
/** scope=tree: `totals` with the committees below, `byOrg` each one's; `items` stay the caller's committee's. */
export interface Compliance { year: number; items: ComplianceRow[]; totals: ComplianceTotals; scope?: 'own' | 'tree'; committees?: string[]; byOrg?: ({ orgId: string; org: string } & ComplianceTotals)[] }

export const COUNTERS = ['policyTalks', 'membersVisited', 'massesVisited', 'opinionsCollected', 'problemsSolved'] as const;
export const COUNTER_DIMENSIONS = ['member', 'sector', 'committee', 'county'] as const;
export type CounterDimension = (typeof COUNTER_DIMENSIONS)[number];
export type CounterRow = { key: string; name: string; sectorName: string | null; sources?: Record<(typeof COUNTERS)[number], string> } & Record<(typeof COUNTERS)[number], number>;
export type CounterTotals = Record<(typeof COUNTERS)[number], number>;
/** scope=tree: `total` with the committees below, `byOrg` each one's; `items` stay the caller's committee's. */
export interface Counters { from: string; to: string; by: CounterDimension; items: CounterRow[]; total: CounterTotals; scope?: 'own' | 'tree'; committees?: string[]; byOrg?: ({ orgId: string; org: string } & CounterTotals)[] }

export interface LiaisonReport { id: string; year: number; memberId: string; name?: string; body: string; submittedAt: string; file: string | null }

export const thisYear = () => Number(todayInChina().slice(0, 4));
export const YEARS = (() => {
  const now = thisYear();
  return [now, now - 1, now - 2];
})();

/** Who or what the link runs to, for a label. */
export const targetName = (l: Pick<Link, 'toName' | 'sectorName'>, massesOf: (sector: string) => string, kind: LinkKind) =>
  l.toName ?? (kind === 'masses' ? massesOf(l.sectorName ?? '') : l.sectorName ?? '');
