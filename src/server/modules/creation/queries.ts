import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { queryRows, type Queryable } from '../../core/db/client.ts';
import type { Actor } from '../../core/policies.ts';
import { attachments } from '../handling/schema.ts';
import { members } from '../org/schema.ts';
import { withPerson } from '../org/people.ts';
import { manyVisible, oneVisible, type Project, type Scope } from './access.ts';
import { PROJECT_FILE_KIND } from './commands.ts';
import { ACTIVITY_KIND_LABELS, PROJECT_KIND_LABELS, PROJECT_KINDS, type ProjectKind } from './labels.ts';
import { creationActivities, creationExchanges, creationHonours, creationPairings, creationProjects } from './schema.ts';

// The 双创 lists and figures. Every figure is the total (or a summed field) of one list under the
// same filters, so the figures are computed here from the lists' own conditions: the `source` URL a
// figure names answers exactly the rows behind it.

type Page = { limit: number; offset: number };
export interface Common { year?: number; countyOrgId?: string; memberId?: string; q?: string }
export interface ProjectFilter extends Common { kind?: ProjectKind; state?: string; started?: boolean; level?: string }

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const common = (t: { year: AnyPgColumn; countyOrgId: AnyPgColumn }, f: Common) =>
  [f.year ? eq(t.year, f.year) : undefined, f.countyOrgId ? eq(t.countyOrgId, f.countyOrgId) : undefined];

export const projectWhere = (s: Scope, f: ProjectFilter): SQL => and(
  manyVisible(creationProjects, s), ...common(creationProjects, f),
  f.kind ? eq(creationProjects.kind, f.kind) : undefined,
  f.state ? eq(creationProjects.state, f.state as Project['state']) : undefined,
  // Built: every project past planning (running, completed or suspended).
  f.started === undefined ? undefined : f.started ? ne(creationProjects.state, 'planned') : eq(creationProjects.state, 'planned'),
  f.level ? eq(creationProjects.level, f.level as Project['level']) : undefined,
  f.memberId ? sql`${f.memberId}::uuid = any(${creationProjects.memberIds})` : undefined,
  f.q ? sql`(${creationProjects.name} ilike ${like(f.q)} or ${creationProjects.description} ilike ${like(f.q)})` : undefined,
)!;
export const pairingWhere = (s: Scope, f: Common): SQL => and(
  oneVisible(creationPairings, s), ...common(creationPairings, f), f.memberId ? eq(creationPairings.memberId, f.memberId) : undefined,
  f.q ? sql`(${creationPairings.practicalThing} ilike ${like(f.q)} or ${creationPairings.suggestion} ilike ${like(f.q)})` : undefined,
)!;
export const activityWhere = (s: Scope, f: Common & { kind?: string }): SQL => and(
  manyVisible(creationActivities, s), ...common(creationActivities, f), f.kind ? eq(creationActivities.kind, f.kind as never) : undefined,
  f.memberId ? sql`${f.memberId}::uuid = any(${creationActivities.memberIds})` : undefined,
  f.q ? sql`(${creationActivities.place} ilike ${like(f.q)} or ${creationActivities.summary} ilike ${like(f.q)})` : undefined,
)!;
export const honourWhere = (s: Scope, f: Common & { level?: string }): SQL => and(
  oneVisible(creationHonours, s), ...common(creationHonours, f), f.level ? eq(creationHonours.level, f.level as never) : undefined,
  f.memberId ? eq(creationHonours.memberId, f.memberId) : undefined,
  f.q ? sql`(${creationHonours.title} ilike ${like(f.q)} or ${creationHonours.awardedBy} ilike ${like(f.q)})` : undefined,
)!;
export const exchangeWhere = (s: Scope, f: Common): SQL => and(
  inArray(creationExchanges.orgId, s.orgIds), ...common(creationExchanges, f),
  f.q ? sql`${creationExchanges.topic} ilike ${like(f.q)}` : undefined,
)!;

/** The names of the members named by the rows (of the committees read). */
async function memberNames(db: Queryable, s: Scope, ids: string[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map<string, string>();
  const rows = await db.select({ id: members.id, name: members.name }).from(members).where(and(inArray(members.orgId, s.orgIds), inArray(members.id, unique)));
  return new Map(rows.map((r) => [r.id, r.name]));
}
const countyName = (s: Scope, id: string | null) => (id ? s.counties.get(id) ?? null : null);

export function presentProject(p: Project, s: Scope, names: Map<string, string>) {
  return {
    id: p.id, orgId: p.orgId, kind: p.kind, name: p.name, memberIds: p.memberIds, memberNames: p.memberIds.map((m) => names.get(m) ?? ''),
    countyOrgId: p.countyOrgId, countyName: countyName(s, p.countyOrgId), level: p.level, investment: p.investment, jobs: p.jobs,
    poorHouseholds: p.poorHouseholds, state: p.state, startedOn: p.startedOn, year: p.year, description: p.description,
    createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString(),
  };
}
export type ProjectView = ReturnType<typeof presentProject>;

export async function listProjects(db: Queryable, s: Scope, f: ProjectFilter, page?: Page) {
  const where = projectWhere(s, f);
  const q = db.select().from(creationProjects).where(where).orderBy(desc(creationProjects.startedOn), asc(creationProjects.name), asc(creationProjects.id));
  const [rows, [agg]] = await Promise.all([
    page ? q.limit(page.limit).offset(page.offset) : q,
    db.select({
      n: sql<number>`count(*)::int`, investment: sql<string>`coalesce(sum(${creationProjects.investment}), 0)`,
      jobs: sql<number>`coalesce(sum(${creationProjects.jobs}), 0)::int`, poorHouseholds: sql<number>`coalesce(sum(${creationProjects.poorHouseholds}), 0)::int`,
    }).from(creationProjects).where(where),
  ]);
  const names = await memberNames(db, s, rows.flatMap((r) => r.memberIds));
  return {
    items: rows.map((r) => presentProject(r, s, names)), total: agg!.n,
    /** The summed fields over every row that matches (not only this page). */
    sums: { investment: Number(agg!.investment), jobs: agg!.jobs, poorHouseholds: agg!.poorHouseholds },
  };
}

export async function projectView(db: Queryable, s: Scope, p: Project) {
  const [names, files] = await Promise.all([
    memberNames(db, s, p.memberIds),
    db.select({ id: attachments.id, filename: attachments.filename, mime: attachments.mime, size: attachments.size, createdAt: attachments.createdAt }).from(attachments)
      .where(and(eq(attachments.orgId, p.orgId), eq(attachments.itemKind, PROJECT_FILE_KIND), eq(attachments.itemId, p.id), eq(attachments.ownerKind, 'project')))
      .orderBy(asc(attachments.createdAt)),
  ]);
  return {
    ...presentProject(p, s, names),
    files: files.map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size, kind: f.mime.startsWith('image/') ? 'photo' : 'document', createdAt: f.createdAt.toISOString() })),
  };
}

/** A household's name as others than the office and the pairing member see it: the family name, then ＊. */
export const maskName = (name: string) => { const chars = [...name]; return chars.length <= 1 ? '＊' : chars[0] + '＊'.repeat(chars.length - 1); };

export async function presentPairings(db: Queryable, actor: Actor, s: Scope, rows: (typeof creationPairings.$inferSelect)[]) {
  const names = await memberNames(db, s, rows.map((r) => r.memberId));
  return rows.map((r) => ({
    id: r.id, orgId: r.orgId, memberId: r.memberId, memberName: names.get(r.memberId) ?? '',
    householdName: s.office || r.memberId === actor.memberId ? r.householdName : maskName(r.householdName),
    householdPlace: r.householdPlace, practicalThing: r.practicalThing, suggestion: r.suggestion, pairedOn: r.pairedOn, year: r.year,
    countyOrgId: r.countyOrgId, countyName: countyName(s, r.countyOrgId),
  }));
}

export async function listPairings(db: Queryable, actor: Actor, s: Scope, f: Common, page: Page) {
  const where = pairingWhere(s, f);
  const [rows, [count]] = await Promise.all([
    db.select().from(creationPairings).where(where).orderBy(desc(creationPairings.pairedOn), asc(creationPairings.id)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(creationPairings).where(where),
  ]);
  return { total: count!.n, items: await presentPairings(db, actor, s, rows) };
}

export async function presentActivities(db: Queryable, s: Scope, rows: (typeof creationActivities.$inferSelect)[]) {
  const names = await memberNames(db, s, rows.flatMap((r) => r.memberIds));
  return rows.map((r) => ({
    id: r.id, orgId: r.orgId, kind: r.kind, date: r.date, year: r.year, place: r.place, countyOrgId: r.countyOrgId, countyName: countyName(s, r.countyOrgId),
    beneficiaries: r.beneficiaries, memberIds: r.memberIds, memberNames: r.memberIds.map((m) => names.get(m) ?? ''), summary: r.summary,
    /** The activity in one line (a list shows it as the row's title): 送技术 · 青山村：果树修剪培训. */
    title: `${ACTIVITY_KIND_LABELS[r.kind] ?? r.kind} · ${r.place}${r.summary ? `：${r.summary}` : ''}`,
  }));
}

export async function listActivities(db: Queryable, s: Scope, f: Common & { kind?: string }, page: Page) {
  const where = activityWhere(s, f);
  const [rows, [agg]] = await Promise.all([
    db.select().from(creationActivities).where(where).orderBy(desc(creationActivities.date), desc(creationActivities.createdAt)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int`, beneficiaries: sql<number>`coalesce(sum(${creationActivities.beneficiaries}), 0)::int` }).from(creationActivities).where(where),
  ]);
  return { items: await presentActivities(db, s, rows), total: agg!.n, sums: { beneficiaries: agg!.beneficiaries } };
}

export async function presentHonours(db: Queryable, s: Scope, rows: (typeof creationHonours.$inferSelect)[]) {
  const names = await memberNames(db, s, rows.map((r) => r.memberId));
  return rows.map((r) => ({
    id: r.id, orgId: r.orgId, memberId: r.memberId, memberName: names.get(r.memberId) ?? '', level: r.level, awardedBy: r.awardedBy, title: r.title,
    date: r.date, year: r.year, countyOrgId: r.countyOrgId, countyName: countyName(s, r.countyOrgId),
  }));
}

export async function listHonours(db: Queryable, s: Scope, f: Common & { level?: string }, page: Page) {
  const where = honourWhere(s, f);
  const [rows, [count]] = await Promise.all([
    db.select().from(creationHonours).where(where).orderBy(desc(creationHonours.date), asc(creationHonours.id)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(creationHonours).where(where),
  ]);
  return { items: await presentHonours(db, s, rows), total: count!.n };
}

export const presentExchange = (s: Scope, r: typeof creationExchanges.$inferSelect) => ({
  id: r.id, orgId: r.orgId, date: r.date, year: r.year, place: r.place, topic: r.topic, attendees: r.attendees, countyOrgId: r.countyOrgId, countyName: countyName(s, r.countyOrgId),
});

export async function listExchanges(db: Queryable, s: Scope, f: Common, page: Page) {
  const where = exchangeWhere(s, f);
  const [rows, [count]] = await Promise.all([
    db.select().from(creationExchanges).where(where).orderBy(desc(creationExchanges.date), asc(creationExchanges.id)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(creationExchanges).where(where),
  ]);
  return { items: rows.map((r) => presentExchange(s, r)), total: count!.n };
}

/**
 * The members taking part (投身双创): everyone on a project, a pairing or an activity of the
 * year and place, with how many of each; or, `honoured`, the members with an honour.
 */
function participantRows(s: Scope, f: Common & { honoured?: boolean }): SQL {
  if (f.honoured) return sql`select ${creationHonours.orgId} as org_id, ${creationHonours.memberId} as member_id, 'honour' as kind from ${creationHonours} where ${honourWhere(s, f)}`;
  return sql`select ${creationProjects.orgId} as org_id, unnest(${creationProjects.memberIds}) as member_id, 'project' as kind from ${creationProjects} where ${projectWhere(s, f)}
    union all select ${creationPairings.orgId}, ${creationPairings.memberId}, 'pairing' from ${creationPairings} where ${pairingWhere(s, f)}
    union all select ${creationActivities.orgId}, unnest(${creationActivities.memberIds}), 'activity' from ${creationActivities} where ${activityWhere(s, f)}`;
}

/** How many people the rows name, each once (a person counts once across committees: org/people.ts): the member records first, then their people. */
const peopleOf = (rows: SQL): SQL => sql`select count(distinct p.person)::int as n from (${withPerson(sql`select distinct q.org_id, q.member_id from (${rows}) q`)}) p`;

export async function listParticipants(db: Queryable, s: Scope, f: Common & { honoured?: boolean }, page: Page) {
  const parts = participantRows(s, { ...f, memberId: undefined, q: undefined });
  // One row per person (org/people.ts): a member of the city and of a county committee is listed once,
  // with their member record of the caller's committee when they have one, and their counts of both.
  const grouped = sql`select (array_agg(p.org_id order by p.org_id = ${s.orgIds[0] ?? null}::uuid desc, p.org_id))[1] as org_id,
      (array_agg(p.member_id order by p.org_id = ${s.orgIds[0] ?? null}::uuid desc, p.org_id))[1] as member_id,
      count(*) filter (where p.kind = 'project')::int as projects, count(*) filter (where p.kind = 'pairing')::int as pairings,
      count(*) filter (where p.kind = 'activity')::int as activities, count(*) filter (where p.kind = 'honour')::int as honours
    from (${withPerson(parts)}) p ${s.own ? sql`where p.member_id = ${s.own}::uuid` : sql``} group by p.person`;
  const [rows, [count]] = await Promise.all([
    queryRows<{ org_id: string; member_id: string; name: string | null; county_org_id: string | null; projects: number; pairings: number; activities: number; honours: number }>(db, sql`
      select g.*, m.name, m.county_org_id from (${grouped}) g left join ${members} m on m.org_id = g.org_id and m.id = g.member_id
      order by m.name_sort, g.member_id limit ${page.limit} offset ${page.offset}`),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from (${grouped}) g`),
  ]);
  return {
    total: count!.n,
    items: rows.map((r) => ({
      memberId: r.member_id, orgId: r.org_id, name: r.name ?? '', countyOrgId: r.county_org_id, countyName: countyName(s, r.county_org_id),
      projects: r.projects, pairings: r.pairings, activities: r.activities, honours: r.honours,
    })),
  };
}

/** The figures the speech quotes, for a year (or all years) and a county (or all), each with the list that answers it. */
export async function figures(db: Queryable, s: Scope, f: { year?: number; countyOrgId?: string; scope?: 'own' }) {
  // scope=own (the scope already narrowed by the caller): every list URL says so too.
  const base = { year: f.year, countyOrgId: f.countyOrgId, scope: f.scope };
  const url = (path: string, extra: Record<string, string | number | boolean | undefined> = {}) => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...base, ...extra })) if (v !== undefined) qs.set(k, String(v));
    const query = qs.toString();
    return `/api/v1/creation/${path}${query ? `?${query}` : ''}`;
  };
  const built = { ...base, started: true };
  const [byKind, [sums], [participants], [honoured], [honours], [pairings], [activities]] = await Promise.all([
    db.select({ kind: creationProjects.kind, n: sql<number>`count(*)::int` }).from(creationProjects).where(projectWhere(s, built)).groupBy(creationProjects.kind),
    db.select({
      investment: sql<string>`coalesce(sum(${creationProjects.investment}), 0)`, jobs: sql<number>`coalesce(sum(${creationProjects.jobs}), 0)::int`,
      poorHouseholds: sql<number>`coalesce(sum(${creationProjects.poorHouseholds}), 0)::int`,
    }).from(creationProjects).where(projectWhere(s, built)),
    queryRows<{ n: number }>(db, peopleOf(participantRows(s, base))),
    queryRows<{ n: number }>(db, peopleOf(participantRows(s, { ...base, honoured: true }))),
    db.select({ n: sql<number>`count(*)::int` }).from(creationHonours).where(honourWhere(s, base)),
    db.select({ n: sql<number>`count(*)::int` }).from(creationPairings).where(pairingWhere(s, base)),
    db.select({ n: sql<number>`count(*)::int`, beneficiaries: sql<number>`coalesce(sum(${creationActivities.beneficiaries}), 0)::int` }).from(creationActivities).where(activityWhere(s, base)),
  ]);
  const kindCount = (k: ProjectKind) => byKind.find((r) => r.kind === k)?.n ?? 0;
  const items: { key: string; label: string; value: number; unit: string; source: string; field?: string }[] = [
    { key: 'participants', label: '投身双创的委员', value: participants!.n, unit: '名', source: url('participants') },
    ...PROJECT_KINDS.map((k) => ({ key: `projects.${k}`, label: PROJECT_KIND_LABELS[k], value: kindCount(k), unit: '个', source: url('projects', { ...built, kind: k }) })),
    { key: 'investment', label: '投入资金', value: Number(sums!.investment), unit: '元', source: url('projects', built), field: 'investment' },
    { key: 'jobs', label: '带动就业', value: sums!.jobs, unit: '人', source: url('projects', built), field: 'jobs' },
    { key: 'poorHouseholds', label: '带动贫困户就业', value: sums!.poorHouseholds, unit: '户', source: url('projects', built), field: 'poorHouseholds' },
    { key: 'honours', label: '委员获得表彰', value: honours!.n, unit: '项', source: url('honours') },
    { key: 'membersHonoured', label: '受表彰的委员', value: honoured!.n, unit: '名', source: url('participants', { honoured: true }) },
    { key: 'pairings', label: '“三个一”结对帮扶', value: pairings!.n, unit: '户', source: url('pairings') },
    { key: 'activities', label: '“五送”活动', value: activities!.n, unit: '次', source: url('activities') },
    { key: 'beneficiaries', label: '“五送”活动受益群众', value: activities!.beneficiaries, unit: '人次', source: url('activities'), field: 'beneficiaries' },
  ];
  return { year: f.year ?? null, countyOrgId: f.countyOrgId ?? null, figures: items };
}
