import { and, eq, inArray, isNotNull, isNull, ne } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { today } from '../handling/deadlines.ts';
import type { DutyFact } from '../records/rules.ts';
import { proposalCosigners, proposals } from './schema.ts';

/**
 * What the proposals count for on members' duty records (履职档案), from the rows as they are:
 * submitted as the lead proposer or a confirmed co-signer, filed (the co-signers' own kind), made a
 * key proposal (the lead proposer). A proposal withdrawn counts for nothing (nor one sent back, a
 * draft again until handed in anew). One proposal (`id`, after an event) or all of a committee's (a backfill).
 */
export async function proposalDutyFacts(db: Queryable, orgId: string, id?: string): Promise<DutyFact[]> {
  const rows = await db.select({
    id: proposals.id, title: proposals.title, lead: proposals.proposerMemberId, submittedAt: proposals.submittedAt, filedAt: proposals.filedAt, isKey: proposals.isKey,
  }).from(proposals).where(and(eq(proposals.orgId, orgId), isNotNull(proposals.submittedAt), ne(proposals.state, 'withdrawn'), id ? eq(proposals.id, id) : undefined));
  if (!rows.length) return [];
  const cosigners = await db.select({ proposalId: proposalCosigners.proposalId, memberId: proposalCosigners.memberId }).from(proposalCosigners)
    .where(and(eq(proposalCosigners.orgId, orgId), isNotNull(proposalCosigners.confirmedAt), isNull(proposalCosigners.viaMergeOf),
      id ? eq(proposalCosigners.proposalId, id) : inArray(proposalCosigners.proposalId, rows.map((r) => r.id))));
  const coOf = new Map<string, string[]>();
  for (const c of cosigners) coOf.set(c.proposalId, [...(coOf.get(c.proposalId) ?? []), c.memberId]);
  const out: DutyFact[] = [];
  for (const p of rows) {
    const base = { sourceType: 'proposal', sourceId: p.id, href: `/proposals/${p.id}`, title: p.title };
    const co = coOf.get(p.id) ?? [];
    const add = (memberId: string, kind: string, key: string, on: Date) => out.push({ ...base, memberId, kind, key: `${key}:${p.id}`, occurredOn: today(on) });
    if (p.lead) add(p.lead, 'proposalLead', 'proposal.submit', p.submittedAt!);
    for (const m of co) add(m, 'proposalCosign', 'proposal.submit', p.submittedAt!);
    if (p.filedAt) {
      if (p.lead) add(p.lead, 'proposalFiled', 'proposal.file', p.filedAt);
      for (const m of co) add(m, 'proposalFiledCosign', 'proposal.file', p.filedAt);
      // (no day of its own is kept for 列为重点: it follows filing)
      if (p.isKey && p.lead) add(p.lead, 'proposalKey', 'proposal.markKey', p.filedAt);
    }
  }
  return out;
}
