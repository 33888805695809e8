import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { factsAsEvents } from '../records/contract.ts';
import type { DutyFact } from '../records/rules.ts';
import { campaignIdeas, partyActivities, partyGroupMembers } from './schema.ts';

// What the party module counts for on members' duty records, with the keys of its events: a group's
// activity for each roster member who attended (staff by name do not count), an idea submitted to a
// campaign, and its adoption. For a committee (a backfill); `id`: one record.

export async function partyActivityDutyFacts(db: Queryable, orgId: string, id?: string): Promise<DutyFact[]> {
  const rows = await db.select({ id: partyActivities.id, kind: partyActivities.kind, date: partyActivities.date, attendeeIds: partyActivities.attendeeIds })
    .from(partyActivities).where(and(eq(partyActivities.orgId, orgId), id ? eq(partyActivities.id, id) : undefined));
  const entryIds = [...new Set(rows.flatMap((r) => r.attendeeIds))];
  const memberOf = new Map<string, string>();
  for (let i = 0; i < entryIds.length; i += 1000) {
    const found = await db.select({ id: partyGroupMembers.id, memberId: partyGroupMembers.memberId }).from(partyGroupMembers)
      .where(and(eq(partyGroupMembers.orgId, orgId), inArray(partyGroupMembers.id, entryIds.slice(i, i + 1000)), isNotNull(partyGroupMembers.memberId)));
    for (const f of found) memberOf.set(f.id, f.memberId!);
  }
  return factsAsEvents('partyActivity.logged', rows.map((a) => ({
    id: a.id, kind: a.kind, occurredOn: a.date, memberIds: [...new Set(a.attendeeIds.flatMap((e) => (memberOf.has(e) ? [memberOf.get(e)!] : [])))],
  })));
}

export async function ideaDutyFacts(db: Queryable, orgId: string, id?: string): Promise<DutyFact[]> {
  const rows = await db.select({ id: campaignIdeas.id, memberId: campaignIdeas.memberId, submittedOn: campaignIdeas.submittedOn, adoptedOn: campaignIdeas.adoptedOn, adoptedBy: campaignIdeas.adoptedBy })
    .from(campaignIdeas).where(and(eq(campaignIdeas.orgId, orgId), id ? eq(campaignIdeas.id, id) : undefined));
  return [
    ...factsAsEvents('campaignIdea.submitted', rows.map((i) => ({ id: i.id, memberIds: [i.memberId], occurredOn: i.submittedOn }))),
    ...factsAsEvents('campaignIdea.adopted', rows.filter((i) => i.adoptedBy && i.adoptedOn).map((i) => ({ id: i.id, memberIds: [i.memberId], occurredOn: i.adoptedOn! }))),
  ];
}
