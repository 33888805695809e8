import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db, type Queryable } from '../../core/db/client.ts';
import type { DomainEvent } from '../../core/outbox.ts';
import { outbox } from '../../core/schema.ts';
import { absenceFacts, absentees, commentDutyFacts, meetingDutyFacts, topicDutyFacts, visitDutyFacts } from '../consultations/duty.ts';
import { inviteeEventId } from '../consultations/meeting-commands.ts';
import { roomSessionDutyFacts } from '../consultations/room-sessions.ts';
import { activityDutyFacts, honourDutyFacts, projectDutyFacts } from '../creation/duty.ts';
import { contactDutyFacts, liaisonMeetingDutyFacts, reportDutyFacts } from '../liaison/duty.ts';
import { opinionDutyFacts } from '../opinions/duty.ts';
import { opinions } from '../opinions/schema.ts';
import { ideaDutyFacts, partyActivityDutyFacts } from '../party/duty.ts';
import { proposalDutyFacts } from '../proposals/duty.ts';
import { proposals } from '../proposals/schema.ts';
import { excellenceDutyFacts } from '../selection/duty.ts';
import { CONTRACT, contractFacts, type ContractPayload } from './contract.ts';
import { dutyRules, type DutyFact, type DutyRules } from './rules.ts';
import { dutyEntries, dutyTotals } from './schema.ts';

// Events → duty entries. The modules in main report their facts from their own rows (their payloads
// name the record, not always its members: the subscriber reads the record once, through the
// module's own query function). The modules of the shared contract (/tmp/events.md) put
// `{ id, memberIds, occurredOn }` in the payload and are taken as they come.

type FactsOf = (db: Queryable, orgId: string, id?: string) => Promise<DutyFact[]>;

/** Events of modules in main: the event's record, read again through the module's own facts. */
const READ: Record<string, FactsOf> = {
  'proposal.submit': proposalDutyFacts,
  'proposal.file': proposalDutyFacts,
  'proposal.markKey': proposalDutyFacts,
  'selection.announced': excellenceDutyFacts,
  'opinion.submit': opinionDutyFacts,
  'opinion.adopt': opinionDutyFacts,
  'liaisonContact.logged': contactDutyFacts,
  'liaisonReport.reported': reportDutyFacts,
};

/**
 * Edits of records (members added or removed, the day moved) and acts taken back (a report or
 * proposal withdrawn, a proposal sent back to a draft, a contact logged by mistake deleted): the
 * record's entries are replaced by its facts as they are now (the module's duty.ts, which leaves out
 * what no longer counts), under the keys of the events that counted it.
 */
const EDITS: Record<string, { facts: FactsOf; counted: string[] }> = {
  'consultationVisit.edited': { facts: visitDutyFacts, counted: ['consultationVisit.added'] },
  'consultationRoomSession.edited': { facts: roomSessionDutyFacts, counted: ['consultationRoomSession.held'] },
  'creationProject.updated': { facts: projectDutyFacts, counted: ['creationProject.created'] },
  'creationActivity.updated': { facts: activityDutyFacts, counted: ['creationActivity.logged'] },
  'creationPairing.updated': { facts: activityDutyFacts, counted: ['creationActivity.logged'] },
  'creationHonour.updated': { facts: honourDutyFacts, counted: ['creationHonour.added'] },
  // (withdrawn before filing, or sent back: neither filed nor key yet, but all its keys are its own)
  'proposal.withdraw': { facts: proposalDutyFacts, counted: ['proposal.submit', 'proposal.file', 'proposal.markKey'] },
  'proposal.sendBack': { facts: proposalDutyFacts, counted: ['proposal.submit', 'proposal.file', 'proposal.markKey'] },
  // (withdrawn before approval: never adopted)
  'opinion.withdraw': { facts: opinionDutyFacts, counted: ['opinion.submit'] },
  'liaisonContact.edited': { facts: contactDutyFacts, counted: ['liaisonContact.logged'] },
  'liaisonContact.delete': { facts: contactDutyFacts, counted: ['liaisonContact.logged'] },
};

/**
 * Every committee's facts, for a backfill: the modules in main, and the contract modules' rows
 * turned into the facts their events carry (the same keys: an event after a backfill adds nothing).
 */
const BACKFILL: FactsOf[] = [
  proposalDutyFacts, excellenceDutyFacts, opinionDutyFacts, contactDutyFacts, reportDutyFacts,
  meetingDutyFacts, topicDutyFacts, commentDutyFacts, visitDutyFacts, roomSessionDutyFacts, projectDutyFacts, activityDutyFacts, honourDutyFacts,
  partyActivityDutyFacts, ideaDutyFacts, liaisonMeetingDutyFacts,
];

export { CONTRACT, contractFacts };

/** The event types that count. */
export const COUNTING_EVENTS = [...Object.keys(READ), ...Object.keys(CONTRACT), ...Object.keys(EDITS), 'meetingAttendance.cleared', 'meetingLeave.attending'];

/** The facts an event stands for. */
export async function factsOfEvent(db: Queryable, event: Pick<DomainEvent, 'orgId' | 'type' | 'payload' | 'createdAt'>): Promise<DutyFact[]> {
  const read = READ[event.type];
  const id = (event.payload as { id?: unknown } | null)?.id;
  if (read) return typeof id === 'string' ? read(db, event.orgId, id) : [];
  return contractFacts(event.type, event.payload as ContractPayload, event.createdAt);
}

/** The outbox subscriber: the event's entries, at least once and stored once; the members' totals follow. */
export async function onCountingEvent(event: DomainEvent, tx: Queryable) {
  await applyEvent(tx, event);
}

/**
 * A run of events of one type (the outbox's batch form): the facts of plain contract events (a burst
 * of comments posted) stored in one write per committee, their members' totals once; any other type
 * event by event, as onCountingEvent.
 */
export async function onCountingEvents(events: DomainEvent[], tx: Queryable) {
  const type = events[0]?.type ?? '';
  if (!CONTRACT[type] || EDITS[type] || EXCUSING.has(type) || type === CLEARED) { for (const e of events) await applyEvent(tx, e); return; }
  const byOrg = new Map<string, DutyFact[]>();
  for (const e of events) byOrg.set(e.orgId, [...(byOrg.get(e.orgId) ?? []), ...contractFacts(e.type, e.payload as ContractPayload, e.createdAt)]);
  for (const [orgId, facts] of byOrg) await saveEntries(tx, orgId, facts);
}

/** Events that make a counted absence wrong: the member signed in or was excused after all (the list corrected). */
const EXCUSING = new Set(['meetingAttendance.signedIn', 'meetingLeave.approved']);
/** Staff untick a member: the attendance goes; after the meeting's day, the absence counts (before it, the job will see it). */
const CLEARED = 'meetingAttendance.cleared';

/** The member says they will attend after all (or signs in): leave granted is withdrawn, so is its entry. */
const ATTENDING = 'meetingLeave.attending';

/** An event's entries stored; an attendance, absence or leave it undoes taken away. Returns the entries added. */
async function applyEvent(db: Queryable, event: Pick<DomainEvent, 'orgId' | 'type' | 'payload' | 'createdAt'>, opts: { totals?: boolean } = {}) {
  const p = (event.payload ?? {}) as ContractPayload;
  if (event.type === ATTENDING) {
    // (the command's own payload: the consultation's id, and the member in `after`)
    const memberId = (event.payload as { after?: { memberId?: unknown } } | null)?.after?.memberId;
    if (typeof p.id !== 'string' || typeof memberId !== 'string') return 0;
    await dropEntries(db, event.orgId, `meetingLeave.approved:${inviteeEventId('leave', p.id, memberId)}`, [memberId], opts);
    return 0;
  }
  const memberIds = Array.isArray(p.memberIds) ? p.memberIds.filter((m) => typeof m === 'string') : [];
  if (event.type === CLEARED) {
    if (typeof p.id !== 'string' || typeof p.consultationId !== 'string' || !memberIds.length) return 0;
    await dropEntries(db, event.orgId, `meetingAttendance.signedIn:${p.id}`, memberIds, opts);
    const absent = (await absentees(db, event.orgId, p.consultationId)).filter((a) => memberIds.includes(a.memberId));
    return saveEntries(db, event.orgId, absenceFacts(absent), opts);
  }
  const edit = EDITS[event.type];
  if (edit) {
    if (typeof p.id !== 'string') return 0;
    const keys = edit.counted.map((type) => `${type}:${p.id}`);
    return replaceEntries(db, event.orgId, keys, (await edit.facts(db, event.orgId, p.id)).filter((f) => keys.includes(f.key)), opts);
  }
  const facts = await factsOfEvent(db, event);
  const added = await saveEntries(db, event.orgId, facts, opts);
  if (EXCUSING.has(event.type) && facts.length && typeof p.consultationId === 'string') {
    await dropEntries(db, event.orgId, `meetingAttendance.absent:${p.consultationId}`, facts.map((f) => f.memberId), opts);
    // Present after leave was granted: the leave is withdrawn (meeting-commands.ts), so is its entry.
    if (event.type === 'meetingAttendance.signedIn') {
      for (const m of new Set(facts.map((f) => f.memberId))) await dropEntries(db, event.orgId, `meetingLeave.approved:${inviteeEventId('leave', p.consultationId, m)}`, [m], opts);
    }
  }
  return added;
}

/** The entries of one record's acts (their keys) replaced by its facts as they are now; the totals of every member and year touched written again. */
async function replaceEntries(db: Queryable, orgId: string, keys: string[], facts: DutyFact[], opts: { totals?: boolean }) {
  const gone = await db.delete(dutyEntries).where(and(eq(dutyEntries.orgId, orgId), inArray(dutyEntries.key, keys)))
    .returning({ memberId: dutyEntries.memberId, year: dutyEntries.year });
  const added = await saveEntries(db, orgId, facts, { totals: false });
  if (opts.totals === false) return added;
  const touched = [...gone, ...facts.map((f) => ({ memberId: f.memberId, year: Number(f.occurredOn.slice(0, 4)) }))];
  const rules = await dutyRules(db, orgId);
  for (const year of new Set(touched.map((t) => t.year))) {
    await writeTotals(db, orgId, year, rules, [...new Set(touched.filter((t) => t.year === year).map((t) => t.memberId))]);
  }
  return added;
}

/** Takes away the entries of an act for some members, and writes their totals again. */
async function dropEntries(db: Queryable, orgId: string, key: string, memberIds: string[], opts: { totals?: boolean }) {
  const gone = await db.delete(dutyEntries).where(and(eq(dutyEntries.orgId, orgId), eq(dutyEntries.key, key), inArray(dutyEntries.memberId, memberIds)))
    .returning({ memberId: dutyEntries.memberId, year: dutyEntries.year });
  if (!gone.length || opts.totals === false) return;
  const rules = await dutyRules(db, orgId);
  for (const year of new Set(gone.map((g) => g.year))) await writeTotals(db, orgId, year, rules, gone.filter((g) => g.year === year).map((g) => g.memberId));
}

/** Stores facts as entries (those stored before are left), then the totals of the members and years touched. */
export async function saveEntries(db: Queryable, orgId: string, facts: DutyFact[], opts: { totals?: boolean } = {}) {
  const added: { memberId: string; year: number }[] = [];
  for (let i = 0; i < facts.length; i += 1000) {
    const rows = facts.slice(i, i + 1000).map((f) => ({ orgId, ...f, variant: f.variant ?? null, year: Number(f.occurredOn.slice(0, 4)) }));
    added.push(...await db.insert(dutyEntries).values(rows).onConflictDoNothing().returning({ memberId: dutyEntries.memberId, year: dutyEntries.year }));
  }
  if (opts.totals === false || !added.length) return added.length;
  const rules = await dutyRules(db, orgId);
  for (const year of new Set(added.map((a) => a.year))) {
    await writeTotals(db, orgId, year, rules, [...new Set(added.filter((a) => a.year === year).map((a) => a.memberId))]);
  }
  return added.length;
}

/** An entry's points in SQL: the rules' kind.variant, else kind, else 0. */
const pointsSql = (rules: DutyRules) => {
  const pts = sql`${JSON.stringify(rules.points)}::jsonb`;
  return sql`coalesce((${pts} ->> (kind || '.' || variant))::int, (${pts} ->> kind)::int, 0)`;
};

/** Sums a year's entries by the rules into duty_totals: for some members, or for all (every row of the year rewritten). */
async function writeTotals(db: Queryable, orgId: string, year: number, rules: DutyRules, memberIds?: string[]) {
  const only = memberIds ? sql`and member_id in (${sql.join(memberIds.map((m) => sql`${m}::uuid`), sql`, `)})` : sql``;
  // (rewritten, not only upserted: a member whose last entry of the year went has no total left)
  await db.delete(dutyTotals).where(and(eq(dutyTotals.orgId, orgId), eq(dutyTotals.year, year), memberIds ? inArray(dutyTotals.memberId, memberIds) : undefined));
  await db.execute(sql`
    insert into ${dutyTotals} (org_id, year, member_id, points, counts, computed_at)
    select ${orgId}::uuid, ${year}::int, member_id, sum(pts)::int, jsonb_object_agg(kind, n), now()
    from (select member_id, kind, sum(n)::int n, sum(n * p) pts
          from (select member_id, kind, variant, count(*)::int n, ${pointsSql(rules)} p
                from ${dutyEntries} where org_id = ${orgId} and year = ${year} ${only}
                group by member_id, kind, variant) by_variant
          group by member_id, kind) by_kind
    group by member_id
    on conflict (org_id, year, member_id) do update set points = excluded.points, counts = excluded.counts, computed_at = excluded.computed_at`);
}

/**
 * Rebuilds a year's points from the stored entries with the current rules (the same entries and
 * rules always give the same totals). Returns the members and the points in all.
 */
export async function recomputeYear(tx: Queryable, orgId: string, year: number) {
  await writeTotals(tx, orgId, year, await dutyRules(tx, orgId));
  // Fresh statistics for the rows just written, not when autovacuum next looks: a table the planner
  // believes empty gets a nested loop of sequential scans in the office's list (15×).
  await tx.execute(sql`analyze ${dutyTotals}`);
  const [r] = await tx.select({ members: sql<number>`count(*)::int`, points: sql<number>`coalesce(sum(${dutyTotals.points}), 0)::int` })
    .from(dutyTotals).where(and(eq(dutyTotals.orgId, orgId), eq(dutyTotals.year, year)));
  return { year, members: r!.members, points: r!.points };
}

/** The years a committee has entries of. */
export async function entryYears(db: Queryable, orgId: string): Promise<number[]> {
  const rows = await db.selectDistinct({ year: dutyEntries.year }).from(dutyEntries).where(eq(dutyEntries.orgId, orgId)).orderBy(asc(dutyEntries.year));
  return rows.map((r) => r.year);
}

/**
 * Entries for records made before the subscriber (demo data, committees that had proposals
 * already): each module's facts from its own rows, then every year's totals. Safe to run again;
 * give it a transaction.
 */
export async function backfillRecords(db: Queryable, orgId: string) {
  let added = 0;
  for (const facts of BACKFILL) added += await saveEntries(db, orgId, await facts(db, orgId), { totals: false });
  for (const year of await entryYears(db, orgId)) await recomputeYear(db, orgId, year);
  return { added };
}

/**
 * Entries again from the events the outbox keeps (it keeps every row, dispatched or not): each
 * counting event of the committee through the same path as when it was delivered. Entries that are
 * there stay; with the backfill, it restores a committee's entries after a loss.
 */
export async function replayEvents(db: Db, orgId: string) {
  let added = 0;
  let after = 0;
  for (;;) {
    const rows = await db.select().from(outbox)
      .where(and(eq(outbox.orgId, orgId), inArray(outbox.type, COUNTING_EVENTS), gt(outbox.id, after))).orderBy(asc(outbox.id)).limit(500);
    if (!rows.length) break;
    await db.transaction(async (tx) => {
      for (const row of rows) added += await applyEvent(tx, row, { totals: false });
    });
    after = rows.at(-1)!.id;
  }
  await db.transaction(async (tx) => { for (const year of await entryYears(tx, orgId)) await recomputeYear(tx, orgId, year); });
  return { added };
}

/**
 * Entries of acts taken back while withdrawals did not reach the records (a 社情民意 report or a
 * proposal withdrawn, a proposal sent back to a draft): gone, and their members' totals written again.
 * Run as the app starts; finds nothing once done.
 */
export async function dropTakenBack(db: Db) {
  return db.transaction(async (tx) => {
    const gone = await queryRows<{ org_id: string; member_id: string; year: number }>(tx, sql`
      delete from ${dutyEntries} e using (
        select ${opinions.orgId} org_id, 'opinion.submit:' || ${opinions.id} entry_key from ${opinions} where ${opinions.state} = 'withdrawn'
        union all
        select ${proposals.orgId}, k || ':' || ${proposals.id} from ${proposals} cross join unnest(array['proposal.submit', 'proposal.file', 'proposal.markKey']) k
        where ${proposals.state} = 'withdrawn' or ${proposals.submittedAt} is null) t
      where e.org_id = t.org_id and e.key = t.entry_key
      returning e.org_id, e.member_id, e.year`);
    const touched = new Map<string, Set<string>>();
    for (const g of gone) {
      const k = `${g.org_id} ${g.year}`;
      (touched.get(k) ?? touched.set(k, new Set()).get(k)!).add(g.member_id);
    }
    for (const [k, memberIds] of touched) {
      const [orgId, year] = k.split(' ') as [string, string];
      await writeTotals(tx, orgId, Number(year), await dutyRules(tx, orgId), [...memberIds]);
    }
    return gone.length;
  });
}
