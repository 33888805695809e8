import { and, eq, isNotNull } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { today } from '../handling/deadlines.ts';
import { proposals } from '../proposals/schema.ts';
import type { DutyFact } from '../records/rules.ts';
import { selectionEntries, selectionRounds } from './schema.ts';

/** 优秀提案: once a round is announced, each excellent proposal counts for its proposer. One round or all of a committee's. */
export async function excellenceDutyFacts(db: Queryable, orgId: string, roundId?: string): Promise<DutyFact[]> {
  const rows = await db.select({ proposalId: selectionEntries.proposalId, memberId: selectionEntries.proposerMemberId, title: proposals.title, announcedAt: selectionRounds.announcedAt })
    .from(selectionEntries)
    .innerJoin(selectionRounds, and(eq(selectionRounds.orgId, selectionEntries.orgId), eq(selectionRounds.id, selectionEntries.roundId)))
    .innerJoin(proposals, and(eq(proposals.orgId, selectionEntries.orgId), eq(proposals.id, selectionEntries.proposalId)))
    .where(and(eq(selectionEntries.orgId, orgId), eq(selectionEntries.excellent, true), isNotNull(selectionRounds.announcedAt), isNotNull(selectionEntries.proposerMemberId),
      roundId ? eq(selectionEntries.roundId, roundId) : undefined));
  return rows.map((r) => ({
    memberId: r.memberId!, kind: 'proposalExcellent', key: `proposal.excellent:${r.proposalId}`, sourceType: 'proposal', sourceId: r.proposalId,
    href: `/proposals/${r.proposalId}`, title: r.title, occurredOn: today(r.announcedAt!),
  }));
}
