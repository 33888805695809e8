import { and, asc, desc, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { hasRole, type Actor } from '../../core/policies.ts';
import { auditLog, users } from '../../core/schema.ts';
import { entityHistory } from '../../core/history.ts';
import { members, plenarySessions, terms, units } from '../org/schema.ts';
import { assignments, evaluations, extensionRequests } from '../handling/schema.ts';
import { today } from '../handling/deadlines.ts';
import { assignedTo, fullAccess, KIND, ownedBy, publicView, type Loaded } from './access.ts';
import { redactContacts } from '../../core/text/redact.ts';
import { handlingRecord } from '../handling/record.ts';
import { proposalCosigners, proposalRatings, proposals } from './schema.ts';
import { leadDeadlines, onTimeFigures } from './timeliness.ts';

const CN = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cn = (n: number) => (n <= 10 ? CN[n]! : n < 20 ? `十${CN[n - 10]}` : `${CN[Math.floor(n / 10)]}十${n % 10 ? CN[n % 10] : ''}`);

/** "五届三次": the session a number belongs to, as lists show it beside the number. */
export function sessionLabel(termNumber?: number | null, sessionNumber?: number | null) {
  return termNumber && sessionNumber ? `${cn(termNumber)}届${cn(sessionNumber)}次` : null;
}

/** The term and session a number belongs to (null before filing), for a client's own number label. */
function numberParts(termNumber?: number | null, sessionNumber?: number | null, number?: number | null) {
  return number && termNumber && sessionNumber ? { termNumber, sessionNumber } : { termNumber: null, sessionNumber: null };
}

/** "第五届第三次会议 第0123号" */
export function numberLabel(termNumber?: number | null, sessionNumber?: number | null, number?: number | null) {
  if (!number || !termNumber || !sessionNumber) return null;
  return `第${cn(termNumber)}届第${cn(sessionNumber)}次会议 第${String(number).padStart(4, '0')}号`;
}

export interface ProposalFilter {
  q?: string; state?: string[]; published?: boolean; mine?: boolean; unitId?: string; sessionId?: string; domain?: string; kind?: string; isKey?: boolean; overdue?: boolean; keyLeader?: 'me';
  /** The proposer's latest evaluation of the handling says this (satisfied | basic | unsatisfied). */
  satisfaction?: string;
  /** Closed ones: published, waiting to be published, or exempted (with a reason). */
  publication?: 'published' | 'pending' | 'exempt';
  /** updated: the latest change first (default); number: the newest session first, then the highest number. */
  sort?: ProposalSort;
}

export const SORTS = ['updated', 'number'] as const;
export type ProposalSort = (typeof SORTS)[number];

/** The slice of proposals the actor may list: the published ones, their own (mine), or every one they may read in full. */
export function scope(actor: Actor | null, f: Pick<ProposalFilter, 'published' | 'mine'>): SQL {
  if (f.published || !actor) return eq(proposals.published, true);
  return f.mine ? and(eq(proposals.orgId, actor.orgId), ownedBy(actor))! : fullAccess(actor);
}

/**
 * When a unit owes something on a proposal, the date it is owed by: signing for (or returning) by the
 * end of the return window, a reply (lead) or a co-handling opinion by the due date; null when nothing.
 */
const owedOn = (unitId: string) => sql`(select min(case when a.state = 'pending' then a.return_by
    when ${proposals.state} in ('assigned', 'handling', 'rehandling') and (a.role = 'lead' or a.opinion is null) then a.due_on end)
  from ${assignments} a where a.org_id = ${proposals.orgId} and a.item_kind = ${KIND} and a.item_id = ${proposals.id} and a.unit_id = ${unitId}
    and a.state in ('pending', 'signed'))`;

/** A submission's day in China, as filing reads it (commands.ts sessionFor). */
const submittedOn = sql`(${proposals.submittedAt} at time zone 'Asia/Shanghai')::date`;

/**
 * The proposals of a plenary session: those it filed (numbered in it), and those handed in while it was
 * the latest session that were never filed (waiting, not filed, converted, merged): the session filing
 * would have given them. Without the second, "submitted" and "filed" of a session could never differ.
 */
const ofSession = (sessionId: string) => or(
  eq(proposals.sessionId, sessionId),
  and(isNull(proposals.sessionId), isNotNull(proposals.submittedAt), sql`exists (select 1 from ${plenarySessions} s where s.org_id = ${proposals.orgId} and s.id = ${sessionId}
    and ${submittedOn} >= s.starts_on
    and not exists (select 1 from ${plenarySessions} n where n.org_id = s.org_id and n.starts_on > s.starts_on and n.starts_on <= ${submittedOn}))`),
);

/** What the list of `f` holds for the caller (the report counts with the same condition). */
export function proposalWhere(actor: Actor | null, orgId: string | string[] | undefined, f: ProposalFilter) {
  const owed = f.unitId && actor?.unitId === f.unitId ? owedOn(f.unitId) : undefined;
  return and(
    Array.isArray(orgId) ? inArray(proposals.orgId, orgId) : orgId ? eq(proposals.orgId, orgId) : undefined,
    scope(actor, f),
    f.q ? or(ilike(proposals.title, `%${f.q}%`), ilike(proposals.proposerName, `%${f.q}%`)) : undefined,
    f.state?.length ? inArray(proposals.state, f.state) : undefined,
    f.unitId ? assignedTo(f.unitId) : undefined,
    f.sessionId ? ofSession(f.sessionId) : undefined,
    f.domain ? eq(proposals.domain, f.domain) : undefined,
    f.kind ? eq(proposals.kind, f.kind) : undefined,
    f.isKey === undefined ? undefined : eq(proposals.isKey, f.isKey),
    // Evaluations are internal: the public list answers none for this filter.
    f.satisfaction && (f.published || !actor) ? sql`false` : f.satisfaction ? sql`(select e.satisfaction from ${evaluations} e where e.org_id = ${proposals.orgId} and e.item_kind = ${KIND} and e.item_id = ${proposals.id}
      order by e.round desc, e.created_at desc limit 1) = ${f.satisfaction}` : undefined,
    f.keyLeader === 'me' && actor ? eq(proposals.keyLeaderUserId, actor.id) : undefined,
    f.publication === 'published' ? eq(proposals.published, true)
      : f.publication === 'pending' ? and(eq(proposals.state, 'closed'), eq(proposals.published, false), isNull(proposals.publicationExemptReason))
      : f.publication === 'exempt' ? isNotNull(proposals.publicationExemptReason) : undefined,
    f.overdue && owed ? sql`${owed} < ${today()}` : f.overdue ? sql`exists (select 1 from ${assignments} a where a.org_id = ${proposals.orgId} and a.item_kind = ${KIND} and a.item_id = ${proposals.id}
      and a.state in ('pending', 'signed') and a.role = 'lead' and a.due_on < ${today()}) and ${proposals.state} in ('assigned', 'handling', 'rehandling')` : undefined,
  );
}

/** `orgId`: the committee listed (a visitor's: org/visitor.ts), or several (the published ones of the committees below too), or every one (undefined). */
export async function listProposals(db: Queryable, actor: Actor | null, orgId: string | string[] | undefined, f: ProposalFilter, page: { limit: number; offset: number }) {
  // A unit's own list (交办件) is about what it owes: overdue means its own date has passed, and what
  // it owes comes first, by that date (the overdue, then the soonest).
  const owed = f.unitId && actor?.unitId === f.unitId ? owedOn(f.unitId) : undefined;
  const where = proposalWhere(actor, orgId, f);
  const publicList = !!f.published || !actor;
  const order = f.sort === 'number'
    ? [sql`${plenarySessions.startsOn} desc nulls last`, sql`${terms.number} desc nulls last`, sql`${plenarySessions.number} desc nulls last`, sql`${proposals.number} desc nulls last`, desc(proposals.updatedAt), desc(proposals.id)]
    : [desc(proposals.updatedAt), desc(proposals.id)];
  // One statement: the page, the total (a window count, taken before LIMIT), the numbers' term and
  // session, the units in charge and (for the office's lists) the co-signers.
  const rows = await db.select({
    id: proposals.id, title: proposals.title, kind: proposals.kind, domain: proposals.domain, state: proposals.state,
    proposerName: proposals.proposerName, number: proposals.number, isKey: proposals.isKey, published: proposals.published,
    keyLeaderUserId: proposals.keyLeaderUserId, submittedAt: proposals.submittedAt, updatedAt: proposals.updatedAt,
    termNumber: terms.number, sessionNumber: plenarySessions.number, publishedAt: proposals.publishedAt,
    total: sql<number>`(count(*) over ())::int`,
    units: sql<ListedAssignment[]>`coalesce((select json_agg(json_build_object('unitId', a.unit_id, 'name', u.name, 'role', a.role, 'state', a.state,
        'dueOn', a.due_on, 'returnBy', a.return_by, 'hasOpinion', a.opinion is not null) order by a.role desc, u.name)
      from ${assignments} a join ${units} u on u.org_id = a.org_id and u.id = a.unit_id
      where a.org_id = ${proposals.orgId} and a.item_kind = ${KIND} and a.item_id = ${proposals.id} and a.state in ('pending', 'signed')), '[]'::json)`,
    // A filed proposal a unit returned (退回) waits to be assigned again: which unit, why and when (the latest return).
    returned: publicList ? sql<ListedReturn | null>`null::json` : sql<ListedReturn | null>`(select json_build_object('unitName', u.name, 'reason', a.return_reason, 'at', a.returned_at)
      from ${assignments} a join ${units} u on u.org_id = a.org_id and u.id = a.unit_id
      where ${proposals.state} = 'filed' and a.org_id = ${proposals.orgId} and a.item_kind = ${KIND} and a.item_id = ${proposals.id} and a.state = 'returned'
      order by a.returned_at desc nulls last limit 1)`,
    cosigners: publicList ? sql<ListedCosigner[]>`'[]'::json` : sql<ListedCosigner[]>`coalesce((select json_agg(json_build_object('memberId', c.member_id, 'name', m.name,
        'confirmed', c.confirmed_at is not null) order by m.name_sort, m.name)
      from ${proposalCosigners} c join ${members} m on m.org_id = c.org_id and m.id = c.member_id
      where c.org_id = ${proposals.orgId} and c.proposal_id = ${proposals.id}), '[]'::json)`,
  }).from(proposals)
    .leftJoin(plenarySessions, and(eq(plenarySessions.orgId, proposals.orgId), eq(plenarySessions.id, proposals.sessionId)))
    .leftJoin(terms, and(eq(terms.orgId, proposals.orgId), eq(terms.id, proposals.termId)))
    .where(where).orderBy(...(owed ? [sql`${owed} asc nulls last`] : []), ...order).limit(page.limit).offset(page.offset);
  // A page past the end has no row to carry the total: count it then (rare).
  const total = rows[0]?.total ?? (page.offset ? (await db.select({ n: sql<number>`count(*)::int` }).from(proposals).where(where))[0]!.n : 0);
  return {
    total,
    items: rows.map((p) => {
      const lead = p.units.find((a) => a.role === 'lead');
      const own = actor?.unitId ? p.units.find((a) => a.unitId === actor.unitId) : undefined;
      return {
        id: p.id, title: publicList ? redactContacts(p.title) : p.title, kind: p.kind, domain: p.domain, state: p.state, proposerName: p.proposerName,
        number: p.number, numberLabel: numberLabel(p.termNumber, p.sessionNumber, p.number),
        termNumber: p.termNumber, sessionNumber: p.sessionNumber, sessionLabel: sessionLabel(p.termNumber, p.sessionNumber), isKey: p.isKey, published: p.published,
        units: p.units.map((a) => ({ unitId: a.unitId, name: a.name, role: a.role, state: a.state })), dueOn: lead?.dueOn ?? null,
        myAssignment: own ? { role: own.role, state: own.state, returnBy: own.returnBy, dueOn: own.dueOn, hasOpinion: own.hasOpinion } : null,
        keyLeaderUserId: p.keyLeaderUserId,
        cosigners: p.cosigners, returned: p.returned,
        submittedAt: p.submittedAt?.toISOString() ?? null, updatedAt: p.updatedAt.toISOString(), publishedAt: p.publishedAt?.toISOString() ?? null,
      };
    }),
  };
}

/** The sessions the caller's proposals (as listProposals scopes them) were filed in, newest first, with how many each. */
export async function listedSessions(db: Queryable, actor: Actor | null, orgId: string | undefined, f: Pick<ProposalFilter, 'published' | 'mine'>) {
  const rows = await db.select({
    id: plenarySessions.id, termNumber: terms.number, sessionNumber: plenarySessions.number, startsOn: plenarySessions.startsOn, count: sql<number>`count(*)::int`,
  }).from(proposals)
    .innerJoin(plenarySessions, and(eq(plenarySessions.orgId, proposals.orgId), eq(plenarySessions.id, proposals.sessionId)))
    .innerJoin(terms, and(eq(terms.orgId, plenarySessions.orgId), eq(terms.id, plenarySessions.termId)))
    .where(and(orgId ? eq(proposals.orgId, orgId) : undefined, scope(actor, f)))
    .groupBy(plenarySessions.id, terms.number, plenarySessions.number, plenarySessions.startsOn)
    .orderBy(desc(plenarySessions.startsOn), desc(terms.number), desc(plenarySessions.number));
  return rows.map((r) => ({ ...r, label: sessionLabel(r.termNumber, r.sessionNumber)! }));
}

interface ListedAssignment { unitId: string; name: string; role: string; state: string; dueOn: string; returnBy: string; hasOpinion: boolean }
interface ListedReturn { unitName: string; reason: string | null; at: string | null }
interface ListedCosigner { memberId: string; name: string; confirmed: boolean }

/**
 * The members who declined to co-sign a draft and were not asked again since, with the latest reason
 * each gave: from its history, since declining takes them off the list.
 */
async function declinedOf(db: Queryable, p: Loaded['p']) {
  const rows = await db.select({ memberId: members.id, name: members.name, at: auditLog.at, after: auditLog.after }).from(auditLog)
    .innerJoin(users, and(eq(users.orgId, auditLog.orgId), eq(users.id, auditLog.actorUserId)))
    .innerJoin(members, and(eq(members.orgId, users.orgId), eq(members.id, users.memberId)))
    .where(and(eq(auditLog.orgId, p.orgId), eq(auditLog.entity, 'proposal'), eq(auditLog.entityId, p.id), eq(auditLog.action, 'declineCosign'),
      sql`not exists (select 1 from ${proposalCosigners} c where c.org_id = ${p.orgId} and c.proposal_id = ${p.id} and c.member_id = ${members.id})`))
    .orderBy(asc(auditLog.id));
  return [...new Map(rows.map((r) => [r.memberId, r])).values()]
    .map((r) => ({ name: r.name, reason: (r.after as { note?: string | null }).note ?? null, at: r.at.toISOString() }));
}

/** The full proposal as its reader sees it; the public view carries no one's contact details. */
export async function presentProposal(db: Queryable, l: Loaded, publicView: boolean) {
  const { p } = l;
  const [session, cos, record, ratings, declined] = await Promise.all([
    p.sessionId ? db.select({ s: plenarySessions.number, t: terms.number }).from(plenarySessions)
      .innerJoin(terms, and(eq(terms.orgId, plenarySessions.orgId), eq(terms.id, plenarySessions.termId)))
      .where(and(eq(plenarySessions.orgId, p.orgId), eq(plenarySessions.id, p.sessionId))) : Promise.resolve([]),
    db.select({ memberId: proposalCosigners.memberId, name: members.name, confirmedAt: proposalCosigners.confirmedAt, viaMergeOf: proposalCosigners.viaMergeOf })
      .from(proposalCosigners).innerJoin(members, and(eq(members.orgId, proposalCosigners.orgId), eq(members.id, proposalCosigners.memberId)))
      .where(and(eq(proposalCosigners.orgId, p.orgId), eq(proposalCosigners.proposalId, p.id))),
    handlingRecord(db, p.orgId, { kind: KIND, id: p.id }, { filesBase: `/api/v1/proposals/${p.id}/attachments`, internal: !publicView }),
    publicView ? Promise.resolve([]) : db.select().from(proposalRatings).where(and(eq(proposalRatings.orgId, p.orgId), eq(proposalRatings.proposalId, p.id))),
    p.state === 'draft' && !publicView ? declinedOf(db, p) : Promise.resolve([]),
  ]);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const pub = (text: string) => (publicView ? redactContacts(text) : text);
  return {
    id: p.id, title: pub(p.title), body: pub(p.body), kind: p.kind, domain: p.domain, state: p.state,
    proposerMemberId: publicView ? null : p.proposerMemberId, proposerName: p.proposerName,
    number: p.number, numberLabel: numberLabel(session[0]?.t, session[0]?.s, p.number), ...numberParts(session[0]?.t, session[0]?.s, p.number), duringSession: p.duringSession,
    submittedAt: iso(p.submittedAt), filedAt: iso(p.filedAt), closedAt: iso(p.closedAt), createdAt: iso(p.createdAt), updatedAt: iso(p.updatedAt),
    round: p.round, needsMeeting: p.needsMeeting, decisionReason: p.decisionReason, convertedTo: p.convertedTo, mergedIntoId: p.mergedIntoId,
    origin: publicView ? null : p.origin ?? null,
    isKey: p.isKey, keyLeaderUserId: publicView ? null : p.keyLeaderUserId, published: p.published, publishedAt: iso(p.publishedAt),
    publicationExemptReason: publicView ? null : p.publicationExemptReason,
    cosigners: cos.map((x) => ({ memberId: publicView ? null : x.memberId, name: x.name, confirmed: !!x.confirmedAt, viaMerge: !!x.viaMergeOf })),
    declined,
    ...record,
    assignments: publicView ? record.assignments.filter((a) => a.state !== 'withdrawn' && a.state !== 'returned').map((a) => ({ ...a, returnReason: null, opinion: null })) : record.assignments,
    replies: record.replies.map((r) => ({ ...r, content: pub(r.content) })),
    evaluations: publicView ? record.evaluations.map((e) => ({ ...e, comment: null })) : record.evaluations,
    ratings: ratings.map((r) => ({ unitId: r.unitId, topic: r.topic, research: r.research, feasibility: r.feasibility, comment: r.comment })),
  };
}

/** What handling units, staff and leaders tell each other: not for the proposer's eyes, nor the public's. */
const INTERNAL_NOTES = new Set(['reassign', 'return', 'requestExtension', 'grantExtension', 'refuseExtension', 'rate', 'exempt', 'supervised']);
/** The course of a proposal as the public is told it (with the notes of file, assign, reply and evaluate only). */
const PUBLIC_STEPS = new Set(['submit', 'file', 'assign', 'sign', 'reply', 'evaluate', 'publish', 'markKey']);
const PUBLIC_NOTES = new Set(['file', 'assign', 'reply', 'evaluate']);
/** The units a proposal is assigned to, and its leading leader. */
const CONCERNED = ['unsignedUnit', 'leadUnit', 'coUnit', 'keyLeader'];

/**
 * Every state change and edit, from the audit log where each command writes its entry, as far as the
 * reader is entitled: staff, leaders, admins and the units (and leading leader) concerned read it
 * all; the proposer and co-signers all but the internal notes; a reader of a published proposal
 * with no part in it its public course.
 */
export async function proposalHistory(db: Queryable, l: Loaded, actor: Actor) {
  const all = await entityHistory(db, l.p.orgId, 'proposal', l.p.id);
  if (l.full && (hasRole(actor, 'staff', 'leader', 'admin') || l.relations.some((r) => CONCERNED.includes(r)))) return all;
  if (!publicView(l)) return all.map((e) => (INTERNAL_NOTES.has(e.action) ? { ...e, note: null } : e));
  return all.filter((e) => PUBLIC_STEPS.has(e.action)).map((e) => (PUBLIC_NOTES.has(e.action) ? e : { ...e, note: null }));
}

/** Staff board: open lead assignments due within `days` or overdue, grouped by unit. */
export async function dueBoard(db: Queryable, orgId: string, days: number) {
  const now = today();
  const rows = await db.select({ a: assignments, unitName: units.name, title: proposals.title, state: proposals.state, isKey: proposals.isKey })
    .from(assignments)
    .innerJoin(units, and(eq(units.orgId, assignments.orgId), eq(units.id, assignments.unitId)))
    .innerJoin(proposals, and(eq(proposals.orgId, assignments.orgId), eq(proposals.id, assignments.itemId)))
    .where(and(eq(assignments.orgId, orgId), eq(assignments.itemKind, KIND), inArray(assignments.state, ['pending', 'signed']), eq(assignments.role, 'lead'),
      inArray(proposals.state, ['assigned', 'handling', 'rehandling']), sql`${assignments.dueOn} <= (${now}::date + ${days}::int)`))
    .orderBy(asc(assignments.dueOn));
  type Item = { proposalId: string; title: string; state: string; isKey: boolean; dueOn: string; overdue: boolean; signed: boolean };
  // Each unit's on-time figures over all its lead assignments, as the statistics count them.
  const deadlines = rows.length ? await leadDeadlines(db, orgId) : [];
  const figures = (unitId: string) => onTimeFigures(deadlines.filter((d) => d.unitId === unitId));
  const byUnit = new Map<string, { unitId: string; unitName: string; overdue: number; dueSoon: number; onTime: number; late: number; onTimeRate: number | null; items: Item[] }>();
  for (const r of rows) {
    const g = byUnit.get(r.a.unitId) ?? { unitId: r.a.unitId, unitName: r.unitName, overdue: 0, dueSoon: 0, ...figures(r.a.unitId), items: [] };
    const overdue = r.a.dueOn < now;
    if (overdue) g.overdue++; else g.dueSoon++;
    g.items.push({ proposalId: r.a.itemId, title: r.title, state: r.state, isKey: r.isKey, dueOn: r.a.dueOn, overdue, signed: r.a.state === 'signed' });
    byUnit.set(r.a.unitId, g);
  }
  return [...byUnit.values()].sort((a, b) => b.overdue - a.overdue || b.dueSoon - a.dueSoon);
}

/**
 * The extension requests staff can still decide: pending, the assignment running and the proposal
 * being handled (a request left pending before replies and reassignments settled it is not offered).
 */
const decidableExtensions = (db: Queryable, orgId: string) => db.select({ x: extensionRequests, title: proposals.title, unitName: units.name, dueOn: assignments.dueOn,
  total: sql<number>`(count(*) over ())::int`, firstDue: sql<string>`(min(${assignments.dueOn}) over ())::text` })
  .from(extensionRequests)
  .innerJoin(assignments, and(eq(assignments.orgId, extensionRequests.orgId), eq(assignments.id, extensionRequests.assignmentId)))
  .innerJoin(units, and(eq(units.orgId, assignments.orgId), eq(units.id, assignments.unitId)))
  .innerJoin(proposals, and(eq(proposals.orgId, extensionRequests.orgId), eq(proposals.id, extensionRequests.itemId)))
  .where(and(eq(extensionRequests.orgId, orgId), eq(extensionRequests.itemKind, KIND), eq(extensionRequests.state, 'pending'),
    inArray(assignments.state, ['pending', 'signed']), inArray(proposals.state, ['assigned', 'handling', 'rehandling'])))
  .orderBy(asc(extensionRequests.requestedAt));

export async function pendingExtensions(db: Queryable, orgId: string) {
  const rows = await decidableExtensions(db, orgId);
  return rows.map(({ x, title, unitName, dueOn }) => ({ id: x.id, proposalId: x.itemId, title, unitName, currentDueOn: dueOn, requestedDueOn: x.requestedDueOn, reason: x.reason, requestedAt: x.requestedAt.toISOString() }));
}

/** How many extension requests wait for the office's decision, and the soonest current due date among them (the office's to-do). */
export async function pendingExtensionCount(db: Queryable, orgId: string) {
  const [first] = await decidableExtensions(db, orgId).limit(1);
  return { n: first?.total ?? 0, due: first?.firstDue ?? undefined };
}

/** What another module needs to turn a converted proposal into a report or letter. */
export async function proposalForConversion(db: Queryable, orgId: string, id: string) {
  const [p] = await db.select({ id: proposals.id, title: proposals.title, body: proposals.body, proposerMemberId: proposals.proposerMemberId, proposerName: proposals.proposerName, convertedTo: proposals.convertedTo })
    .from(proposals).where(and(eq(proposals.orgId, orgId), eq(proposals.id, id), eq(proposals.state, 'converted')));
  return p;
}
