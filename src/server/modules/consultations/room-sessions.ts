import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { CommandScope } from '../../core/command.ts';
import type { Queryable } from '../../core/db/client.ts';
import { factsAsEvents } from '../records/contract.ts';
import type { DutyFact } from '../records/rules.ts';
import type { Consultation } from './access.ts';
import { consultations, meetingInvitees as invitees } from './schema.ts';
import { HELD, type ConsultationState } from './workflow.ts';

// What a frontline council room's session (协商在一线: a `frontline` consultation with its room)
// counts for on members' duty records: once held (concluded), one `consultationRoomSession.held`
// naming the members present — those signed in at its meeting, by the code at the venue or ticked
// by staff — dated the day it was held. Attendance corrected afterwards sends
// `consultationRoomSession.edited`, and the records replace the session's entries (records/entries.ts).

/** The sessions held and the members present at each: for a committee (a backfill) or one session. */
export async function roomSessionDutyFacts(db: Queryable, orgId: string, id?: string): Promise<DutyFact[]> {
  const rows = await db.select({ id: consultations.id, title: consultations.title, heldOn: consultations.heldOn, roomId: consultations.roomId, memberId: invitees.memberId })
    .from(consultations).innerJoin(invitees, and(eq(invitees.orgId, consultations.orgId), eq(invitees.consultationId, consultations.id)))
    .where(and(eq(consultations.orgId, orgId), id ? eq(consultations.id, id) : undefined, eq(consultations.kind, 'frontline'), isNotNull(consultations.roomId),
      inArray(consultations.state, HELD), isNotNull(invitees.signedInAt)));
  const sessions = new Map<string, { id: string; consultationId: string; title: string; roomId: string; memberIds: string[]; occurredOn?: string }>();
  for (const r of rows) {
    const s = sessions.get(r.id) ?? sessions.set(r.id, { id: r.id, consultationId: r.id, title: r.title, roomId: r.roomId!, memberIds: [], ...(r.heldOn ? { occurredOn: r.heldOn } : {}) }).get(r.id)!;
    s.memberIds.push(r.memberId);
  }
  return factsAsEvents('consultationRoomSession.held', [...sessions.values()]);
}

/**
 * A held frontline session's event (`held` when concluded with members present, `edited` when who was
 * present changes later); nothing for any other consultation.
 */
export async function recordRoomSession(c: CommandScope, s: Pick<Consultation, 'orgId' | 'id' | 'kind' | 'roomId' | 'state'>, action: 'held' | 'edited') {
  if (s.kind !== 'frontline' || !s.roomId || !HELD.includes(s.state as ConsultationState)) return;
  const facts = await roomSessionDutyFacts(c.tx, s.orgId, s.id);
  const memberIds = facts.map((f) => f.memberId);
  if (action === 'held' && !memberIds.length) return; // nobody present: nothing to count
  await c.record({ action, entity: 'consultationRoomSession', entityId: s.id, after: { roomId: s.roomId, memberIds } },
    { id: s.id, consultationId: s.id, roomId: s.roomId, memberIds, ...(facts[0] ? { occurredOn: facts[0].occurredOn, title: facts[0].title } : {}) });
}
