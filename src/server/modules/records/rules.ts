import { eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { orgs } from '../../core/schema.ts';

// The committee's point rules (orgs.settings.records): points per kind of entry (or kind.variant,
// e.g. opinionAdopted.national), grade thresholds and the dates of the warnings. The defaults are
// those seen in practice (domain.md); staff change them.

/** One act that counts for one member, as a module reports it. */
export interface DutyFact {
  memberId: string;
  kind: string;
  variant?: string | null;
  /** Unique per act and member: `${eventType}:${id}` (an adoption: the adoption's id). */
  key: string;
  sourceType: string;
  sourceId: string;
  href: string;
  title: string;
  occurredOn: string;
}

export const KINDS = [
  'proposalLead', 'proposalCosign', 'proposalFiled', 'proposalFiledCosign', 'proposalKey', 'proposalExcellent',
  'opinionSubmitted', 'opinionAdopted', 'liaisonContact', 'liaisonReport',
  'meetingAttended', 'meetingLeave', 'meetingAbsent', 'meetingSpeech', 'topicProposed', 'commentPosted',
  'creationProject', 'creationHonour', 'creationActivity', 'partyActivity', 'campaignIdea', 'campaignIdeaAdopted', 'liaisonMeeting', 'supervisionVisit', 'roomSession',
] as const;
export type Kind = (typeof KINDS)[number];

export const GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_NAMES: Record<Grade, string> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };

export interface DutyRules {
  /** Points by kind, or by `kind.variant` (which wins). Missing: 0. */
  points: Record<string, number>;
  /** The least points of each grade; below `pass` is 不合格. */
  grades: { excellent: number; good: number; pass: number };
  /** MM-DD: from this day a member without a proposal that year is warned. */
  proposalBy: string;
  /** MM-DD: from this day a member below the pass line is warned (and in any later year). */
  passCheckFrom: string;
}

export const DEFAULT_RULES: DutyRules = {
  points: {
    proposalLead: 0, proposalCosign: 0, proposalFiled: 15, proposalFiledCosign: 3, proposalKey: 15, proposalExcellent: 10,
    opinionSubmitted: 2, opinionAdopted: 5, 'opinionAdopted.county': 5, 'opinionAdopted.city': 10, 'opinionAdopted.province': 15, 'opinionAdopted.national': 20,
    liaisonContact: 2, 'liaisonContact.faceToFace': 3, liaisonReport: 5,
    meetingAttended: 5, meetingLeave: 0, meetingAbsent: -30, meetingSpeech: 5, topicProposed: 3, commentPosted: 1,
    creationProject: 5, creationHonour: 10, creationActivity: 3, partyActivity: 2, campaignIdea: 2, campaignIdeaAdopted: 5, liaisonMeeting: 3, supervisionVisit: 3, roomSession: 3,
  },
  grades: { excellent: 90, good: 80, pass: 60 },
  proposalBy: '06-30',
  passCheckFrom: '11-01',
};

/** The committee's rules: its own in orgs.settings.records over the defaults. */
export async function dutyRules(db: Queryable, orgId: string): Promise<DutyRules> {
  const [org] = await db.select({ settings: orgs.settings }).from(orgs).where(eq(orgs.id, orgId));
  return mergeRules(((org?.settings ?? {}) as { records?: Partial<DutyRules> }).records ?? {});
}

export const mergeRules = (own: Partial<DutyRules>): DutyRules => ({
  points: { ...DEFAULT_RULES.points, ...(own.points ?? {}) },
  grades: { ...DEFAULT_RULES.grades, ...(own.grades ?? {}) },
  proposalBy: own.proposalBy ?? DEFAULT_RULES.proposalBy,
  passCheckFrom: own.passCheckFrom ?? DEFAULT_RULES.passCheckFrom,
});

/** An entry's points: kind.variant's, else the kind's, else 0. */
export const pointsOf = (r: DutyRules, kind: string, variant?: string | null) =>
  (variant ? r.points[`${kind}.${variant}`] : undefined) ?? r.points[kind] ?? 0;

export const gradeOf = (r: DutyRules, points: number): Grade =>
  points >= r.grades.excellent ? 'excellent' : points >= r.grades.good ? 'good' : points >= r.grades.pass ? 'pass' : 'fail';

/** The same in SQL, over a points expression (lists filter and sort by it). */
export const gradeSql = (r: DutyRules, points: SQL): SQL<Grade> =>
  sql<Grade>`case when ${points} >= ${r.grades.excellent} then 'excellent' when ${points} >= ${r.grades.good} then 'good' when ${points} >= ${r.grades.pass} then 'pass' else 'fail' end`;

/** The warnings due for a member's year on `day`: no proposal yet after proposalBy; below the pass line after passCheckFrom. */
export function warningsOf(r: DutyRules, year: number, day: string, t: { points: number; counts: Record<string, number> }): ('noProposal' | 'belowPass')[] {
  const out: ('noProposal' | 'belowPass')[] = [];
  if (day >= `${year}-${r.proposalBy}` && !(t.counts.proposalLead ?? 0) && !(t.counts.proposalCosign ?? 0)) out.push('noProposal');
  if (day >= `${year}-${r.passCheckFrom}` && t.points < r.grades.pass) out.push('belowPass');
  return out;
}

/** The same in SQL, over a member's points and counts (jsonb) expressions: a text[] (lists filter by it). */
export const warningsSql = (r: DutyRules, year: number, day: string, t: { points: SQL; counts: SQL }): SQL<string[]> => sql<string[]>`array_remove(array[
    case when ${day} >= ${`${year}-${r.proposalBy}`} and coalesce((${t.counts} ->> 'proposalLead')::int, 0) + coalesce((${t.counts} ->> 'proposalCosign')::int, 0) = 0 then 'noProposal' end,
    case when ${day} >= ${`${year}-${r.passCheckFrom}`} and ${t.points} < ${r.grades.pass} then 'belowPass' end], null)`;
