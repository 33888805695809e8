import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { runCommand, type Ctx } from '../../core/command.ts';
import type { Queryable } from '../../core/db/client.ts';
import { orgs } from '../../core/schema.ts';
import { committees, memberCommittees, members, sectors } from '../org/schema.ts';
import { scheduleYearEndReminders } from './reminders.ts';
import { linkKey, planLinks, type Roster } from './rules.ts';
import { liaisonContacts, liaisonGraphs, liaisonLinks } from './schema.ts';

/**
 * The active roster as the rules need it, in directory order (so a generation is deterministic).
 * One read after another: a transaction's one connection takes one query at a time.
 */
export async function loadRoster(db: Queryable, orgId: string): Promise<Roster> {
  const memberRows = await db.select({
    id: members.id, sectorId: members.sectorId, party: members.party, standing: members.standing, chairMeeting: members.chairMeeting,
    partyGroup: members.partyGroup, liaisonSectorIds: members.liaisonSectorIds,
  }).from(members).where(and(eq(members.orgId, orgId), eq(members.active, true))).orderBy(asc(members.nameSort), asc(members.id));
  const sectorRows = await db.select({ id: sectors.id, name: sectors.name }).from(sectors).where(and(eq(sectors.orgId, orgId), eq(sectors.active, true))).orderBy(asc(sectors.sort), asc(sectors.name));
  const committeeRows = await db.select({ id: committees.id }).from(committees).where(and(eq(committees.orgId, orgId), eq(committees.active, true))).orderBy(asc(committees.name));
  const seats = await db.select({ memberId: memberCommittees.memberId, committeeId: memberCommittees.committeeId }).from(memberCommittees).where(eq(memberCommittees.orgId, orgId));
  const seatsOf = new Map<string, string[]>();
  for (const s of seats) seatsOf.set(s.memberId, [...(seatsOf.get(s.memberId) ?? []), s.committeeId]);
  const sectorNames = new Map(sectorRows.map((s) => [s.id, s.name]));
  return {
    // A member of an inactive sector has no place in the rules that go by sector.
    members: memberRows.filter((m) => sectorNames.has(m.sectorId)).map((m) => ({ ...m, committeeIds: seatsOf.get(m.id) ?? [] })),
    sectorNames, committeeIds: committeeRows.map((c) => c.id),
  };
}

/**
 * The year's graph from the roster by the rules (rules.ts). Hand-made links and removals stay as
 * staff left them (`kept`); a generated link the rules give again keeps its id (and its contacts);
 * a new one is `created`; one they no longer give goes, or, with contacts logged on it, is kept
 * inactive. Each run is the year's next version.
 */
export function generateLinks(ctx: Ctx, year: number) {
  return runCommand(ctx, async (c) => {
    c.authorize('liaison.manage');
    const orgId = c.actor.orgId;
    // Generations of one committee take turns.
    await c.tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, orgId)).for('update');
    const ofYear = and(eq(liaisonLinks.orgId, orgId), eq(liaisonLinks.year, year));
    const roster = await loadRoster(c.tx, orgId);
    const existing = await c.tx.select().from(liaisonLinks).where(ofYear);
    const hand = existing.filter((l) => l.manual);
    const generated = existing.filter((l) => !l.manual);
    const planned = planLinks(roster, hand, generated.filter((l) => l.active));
    const byKey = new Map(generated.map((l) => [linkKey(l), l]));
    const wanted = new Set(planned.map(linkKey));

    const fresh = planned.filter((p) => !byKey.has(linkKey(p)));
    if (fresh.length) for (let i = 0; i < fresh.length; i += 1000) await c.tx.insert(liaisonLinks).values(fresh.slice(i, i + 1000).map((p) => ({ ...p, orgId, year })));
    const again = planned.map((p) => ({ p, l: byKey.get(linkKey(p)) })).filter(({ p, l }) => l && (!l.active || l.reason !== p.reason));
    for (const { p, l } of again) {
      await c.tx.update(liaisonLinks).set({ active: true, reason: p.reason, updatedAt: sql`now()` }).where(and(eq(liaisonLinks.orgId, orgId), eq(liaisonLinks.id, l!.id)));
    }
    const gone = generated.filter((l) => l.active && !wanted.has(linkKey(l))).map((l) => l.id);
    if (gone.length) {
      const withContacts = new Set((await c.tx.selectDistinct({ id: liaisonContacts.linkId }).from(liaisonContacts)
        .where(and(eq(liaisonContacts.orgId, orgId), inArray(liaisonContacts.linkId, gone)))).map((r) => r.id));
      const retire = gone.filter((id) => withContacts.has(id));
      const drop = gone.filter((id) => !withContacts.has(id));
      if (retire.length) await c.tx.update(liaisonLinks).set({ active: false, updatedAt: sql`now()` }).where(and(eq(liaisonLinks.orgId, orgId), inArray(liaisonLinks.id, retire)));
      if (drop.length) await c.tx.delete(liaisonLinks).where(and(eq(liaisonLinks.orgId, orgId), inArray(liaisonLinks.id, drop)));
    }

    const created = fresh.length + again.filter(({ l }) => !l!.active).length;
    const kept = hand.length;
    const [graph] = await c.tx.insert(liaisonGraphs).values({ orgId, year, version: 1, created, kept, generatedBy: c.actor.id })
      .onConflictDoUpdate({
        target: [liaisonGraphs.orgId, liaisonGraphs.year],
        set: { version: sql`${liaisonGraphs.version} + 1`, created, kept, generatedBy: c.actor.id, generatedAt: sql`now()` },
      }).returning();
    await scheduleYearEndReminders(c.tx, orgId, year);
    await c.record({ action: 'generated', entity: 'liaisonGraph', entityId: String(year), after: { year, version: graph!.version, created, kept, removed: gone.length } });
    return { created, kept };
  });
}
