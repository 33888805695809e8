import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { factsAsEvents } from '../records/contract.ts';
import type { DutyFact } from '../records/rules.ts';
import { creationActivities, creationHonours, creationPairings, creationProjects } from './schema.ts';

// What 双创 counts for on members' duty records, from the rows as they are and with the keys of the
// module's events: a project (each of its members), a 三个一 pairing or 五送 activity, an honour.
// For a committee (a backfill); `id`: one record.

export async function projectDutyFacts(db: Queryable, orgId: string, id?: string): Promise<DutyFact[]> {
  const rows = await db.select({ id: creationProjects.id, kind: creationProjects.kind, name: creationProjects.name, memberIds: creationProjects.memberIds, startedOn: creationProjects.startedOn })
    .from(creationProjects).where(and(eq(creationProjects.orgId, orgId), id ? eq(creationProjects.id, id) : undefined));
  return factsAsEvents('creationProject.created', rows.map((p) => ({ id: p.id, kind: p.kind, name: p.name, memberIds: p.memberIds, occurredOn: p.startedOn })));
}

/** Pairings (variant `pairing`) and activities (variant: their kind) are both `creationActivity.logged`. */
export async function activityDutyFacts(db: Queryable, orgId: string, id?: string): Promise<DutyFact[]> {
  const pairings = await db.select({ id: creationPairings.id, memberId: creationPairings.memberId, pairedOn: creationPairings.pairedOn })
    .from(creationPairings).where(and(eq(creationPairings.orgId, orgId), id ? eq(creationPairings.id, id) : undefined));
  const activities = await db.select({ id: creationActivities.id, kind: creationActivities.kind, memberIds: creationActivities.memberIds, date: creationActivities.date })
    .from(creationActivities).where(and(eq(creationActivities.orgId, orgId), id ? eq(creationActivities.id, id) : undefined));
  return factsAsEvents('creationActivity.logged', [
    ...pairings.map((p) => ({ id: p.id, kind: 'pairing', memberIds: [p.memberId], occurredOn: p.pairedOn })),
    ...activities.map((a) => ({ id: a.id, kind: a.kind, memberIds: a.memberIds, occurredOn: a.date })),
  ]);
}

export async function honourDutyFacts(db: Queryable, orgId: string, id?: string): Promise<DutyFact[]> {
  const rows = await db.select({ id: creationHonours.id, title: creationHonours.title, memberId: creationHonours.memberId, date: creationHonours.date })
    .from(creationHonours).where(and(eq(creationHonours.orgId, orgId), id ? eq(creationHonours.id, id) : undefined));
  return factsAsEvents('creationHonour.added', rows.map((h) => ({ id: h.id, title: h.title, memberIds: [h.memberId], occurredOn: h.date })));
}
