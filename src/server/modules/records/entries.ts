import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../../core/db/client.ts';
import type { DomainEvent } from '../../core/outbox.ts';
import { outbox } from '../../core/schema.ts';
import { contactDutyFacts, reportDutyFacts } from '../liaison/duty.ts';
import { opinionDutyFacts } from '../opinions/duty.ts';
import { proposalDutyFacts } from '../proposals/duty.ts';
import { excellenceDutyFacts } from '../selection/duty.ts';
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

/** Every committee's facts of the modules in main, for a backfill. */
const BACKFILL: FactsOf[] = [proposalDutyFacts, excellenceDutyFacts, opinionDutyFacts, contactDutyFacts, reportDutyFacts];

/** Events of the shared contract: the kind they count as and where their record is (the payload's `href` wins). */
export const CONTRACT: Record<string, { kind: string; sourceType: string; href: (p: ContractPayload) => string }> = {
  'meetingAttendance.signedIn': { kind: 'meetingAttended', sourceType: 'meeting', href: (p) => (p.consultationId ? `/consultations/${p.consultationId}?tab=meeting` : '/meetings') },
  'meetingLeave.approved': { kind: 'meetingLeave', sourceType: 'meeting', href: (p) => (p.consultationId ? `/consultations/${p.consultationId}?tab=meeting` : '/meetings') },
  'meetingSpeech.added': { kind: 'meetingSpeech', sourceType: 'meeting', href: (p) => (p.consultationId ? `/consultations/${p.consultationId}?tab=meeting` : '/meetings') },
  'consultationTopic.proposed': { kind: 'topicProposed', sourceType: 'consultationTopic', href: (p) => `/consultations/topics/${p.id}` },
  'consultationComment.posted': { kind: 'commentPosted', sourceType: 'consultationComment', href: (p) => (p.consultationId ? `/consultations/${p.consultationId}` : `/consultations`) },
  'creationProject.created': { kind: 'creationProject', sourceType: 'creationProject', href: (p) => `/creation/projects/${p.id}` },
  'creationHonour.added': { kind: 'creationHonour', sourceType: 'creationHonour', href: () => '/creation/honours' },
  'creationActivity.logged': { kind: 'creationActivity', sourceType: 'creationActivity', href: () => '/creation/activities' },
  'partyActivity.logged': { kind: 'partyActivity', sourceType: 'partyActivity', href: () => '/party/mine' },
  'campaignIdea.submitted': { kind: 'campaignIdea', sourceType: 'campaignIdea', href: () => '/campaigns/mine' },
  'campaignIdea.adopted': { kind: 'campaignIdeaAdopted', sourceType: 'campaignIdea', href: () => '/campaigns/mine' },
  'liaisonMeeting.held': { kind: 'liaisonMeeting', sourceType: 'liaisonMeeting', href: () => '/liaison/meetings' },
  'consultationVisit.added': { kind: 'supervisionVisit', sourceType: 'consultationVisit', href: (p) => `/consultations/${p.consultationId}` },
};

interface ContractPayload { id: string; memberIds?: string[]; occurredOn?: string; kind?: string; title?: string; name?: string; href?: string; consultationId?: string }

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The facts of a contract event, from its payload alone (one per member named). */
export function contractFacts(type: string, p: ContractPayload, createdAt: Date): DutyFact[] {
  const def = CONTRACT[type];
  if (!def || typeof p?.id !== 'string') return [];
  const occurredOn = typeof p.occurredOn === 'string' && DAY.test(p.occurredOn) ? p.occurredOn : createdAt.toISOString().slice(0, 10);
  const href = typeof p.href === 'string' && p.href.startsWith('/') ? p.href : def.href(p);
  const title = typeof p.title === 'string' ? p.title : typeof p.name === 'string' ? p.name : '';
  return [...new Set((Array.isArray(p.memberIds) ? p.memberIds : []).filter((m) => typeof m === 'string'))].map((memberId) => ({
    memberId, kind: def.kind, variant: typeof p.kind === 'string' ? p.kind : null, key: `${type}:${p.id}`,
    sourceType: def.sourceType, sourceId: p.id, href, title, occurredOn,
  }));
}

/** The event types that count. */
export const COUNTING_EVENTS = [...Object.keys(READ), ...Object.keys(CONTRACT)];

/** The facts an event stands for. */
export async function factsOfEvent(db: Queryable, event: Pick<DomainEvent, 'orgId' | 'type' | 'payload' | 'createdAt'>): Promise<DutyFact[]> {
  const read = READ[event.type];
  const id = (event.payload as { id?: unknown } | null)?.id;
  if (read) return typeof id === 'string' ? read(db, event.orgId, id) : [];
  return contractFacts(event.type, event.payload as ContractPayload, event.createdAt);
}

/** The outbox subscriber: the event's entries, at least once and stored once; the members' totals follow. */
export async function onCountingEvent(event: DomainEvent, tx: Queryable) {
  await saveEntries(tx, event.orgId, await factsOfEvent(tx, event));
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
  if (!memberIds) await db.delete(dutyTotals).where(and(eq(dutyTotals.orgId, orgId), eq(dutyTotals.year, year)));
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
  // Fresh statistics for the rows just written: the embedded engine has no autovacuum, and a table
  // the planner believes empty gets a nested loop of sequential scans in the office's list (15×).
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
      for (const row of rows) added += await saveEntries(tx, orgId, await factsOfEvent(tx, row), { totals: false });
    });
    after = rows.at(-1)!.id;
  }
  await db.transaction(async (tx) => { for (const year of await entryYears(tx, orgId)) await recomputeYear(tx, orgId, year); });
  return { added };
}
