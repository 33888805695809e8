import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../core/db/client.ts';
import type { Actor } from '../../core/policies.ts';
import { today } from '../handling/deadlines.ts';
import { partyMemberLinkCounts, partyMemberLinkPeople } from '../liaison/queries.ts';
import { committees, members } from '../org/schema.ts';
import { orgs } from '../../core/schema.ts';
import { ACTIVITY_KIND_LABELS, GROUP_KIND_LABELS, type GroupKind } from './labels.ts';
import { campaignIdeas, campaigns, partyActivities, partyGroupMembers, partyGroups } from './schema.ts';

/** The group and every group under it (ids). */
export async function groupSubtree(db: Queryable, orgId: string, id: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(db, sql`with recursive t as (
      select id from ${partyGroups} where org_id = ${orgId} and id = ${id}
      union select g.id from ${partyGroups} g join t on g.parent_id = t.id where g.org_id = ${orgId})
    select id from t`);
  return rows.map((r) => r.id);
}

const memberCount = sql<number>`(select count(*)::int from ${partyGroupMembers} where ${partyGroupMembers.orgId} = ${partyGroups.orgId} and ${partyGroupMembers.groupId} = ${partyGroups.id})`;

type GroupFilter = { kind?: GroupKind; active?: boolean; id?: string };
/** The groups of the committees `orgIds` that `listGroups` lists. */
const groupWhere = (orgIds: string[], f: GroupFilter) =>
  and(inArray(partyGroups.orgId, orgIds), f.kind ? eq(partyGroups.kind, f.kind) : undefined, f.id ? eq(partyGroups.id, f.id) : eq(partyGroups.active, f.active ?? true));

/** The groups (a flat list in tree order: parents before children), with their member counts. */
export async function listGroups(db: Queryable, orgId: string, f: GroupFilter) {
  const rows = await db.select({ g: partyGroups, memberCount, committeeName: committees.name, countyName: orgs.name }).from(partyGroups)
    .leftJoin(committees, and(eq(committees.orgId, partyGroups.orgId), eq(committees.id, partyGroups.committeeId)))
    .leftJoin(orgs, eq(orgs.id, partyGroups.countyOrgId))
    .where(groupWhere([orgId], f)).orderBy(asc(partyGroups.createdAt), asc(partyGroups.name));
  return rows.map(({ g, ...r }) => ({
    id: g.id, kind: g.kind, kindLabel: GROUP_KIND_LABELS[g.kind], name: g.name, parentId: g.parentId, committeeId: g.committeeId, countyOrgId: g.countyOrgId,
    committeeName: r.committeeName, countyName: r.countyName, active: g.active, memberCount: r.memberCount,
  }));
}

export async function groupView(db: Queryable, orgId: string, id: string) {
  const [g] = await listGroups(db, orgId, { id });
  if (!g) return null;
  const people = await db.select({ e: partyGroupMembers }).from(partyGroupMembers)
    .where(and(eq(partyGroupMembers.orgId, orgId), eq(partyGroupMembers.groupId, id))).orderBy(asc(partyGroupMembers.createdAt));
  return { ...g, members: people.map(({ e }) => presentEntry(e)) };
}

export const presentEntry = (e: typeof partyGroupMembers.$inferSelect) => ({ id: e.id, groupId: e.groupId, memberId: e.memberId, userId: e.userId, name: e.name, role: e.role });

export interface ActivityFilter { groupId?: string; from?: string; to?: string; kind?: string; mine?: boolean }

/** Activities (newest first): of a group and the groups under it, in a period; `mine`: those the caller attended or their groups held. */
export async function listActivities(db: Queryable, actor: Actor, f: ActivityFilter, page: { limit: number; offset: number }) {
  const a = partyActivities;
  const mine: SQL | undefined = f.mine
    ? actor.memberId
      ? sql`(exists (select 1 from ${partyGroupMembers} e where e.org_id = ${a.orgId} and e.id = any(${a.attendeeIds}) and e.member_id = ${actor.memberId})
          or exists (select 1 from ${partyGroupMembers} e where e.org_id = ${a.orgId} and e.group_id = ${a.groupId} and e.member_id = ${actor.memberId}))`
      : sql`exists (select 1 from ${partyGroupMembers} e where e.org_id = ${a.orgId} and e.id = any(${a.attendeeIds}) and e.user_id = ${actor.id})`
    : undefined;
  const where = and(
    eq(a.orgId, actor.orgId), f.groupId ? inArray(a.groupId, await groupSubtree(db, actor.orgId, f.groupId)) : undefined,
    f.from ? sql`${a.date} >= ${f.from}` : undefined, f.to ? sql`${a.date} <= ${f.to}` : undefined, f.kind ? eq(a.kind, f.kind as never) : undefined, mine,
  );
  const [rows, [count]] = await Promise.all([
    db.select({ a, groupName: partyGroups.name, groupKind: partyGroups.kind }).from(a)
      .innerJoin(partyGroups, and(eq(partyGroups.orgId, a.orgId), eq(partyGroups.id, a.groupId)))
      .where(where).orderBy(desc(a.date), desc(a.createdAt)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(a).where(where),
  ]);
  const entryIds = [...new Set(rows.flatMap((r) => r.a.attendeeIds))];
  const names = new Map((entryIds.length ? await db.select({ id: partyGroupMembers.id, name: partyGroupMembers.name }).from(partyGroupMembers)
    .where(and(eq(partyGroupMembers.orgId, actor.orgId), inArray(partyGroupMembers.id, entryIds))) : []).map((e) => [e.id, e.name]));
  return {
    total: count!.n,
    items: rows.map(({ a: x, groupName, groupKind }) => ({
      id: x.id, groupId: x.groupId, groupName, groupKind, kind: x.kind, date: x.date, topic: x.topic,
      /** The activity in one line (a list shows it as the row's title): 主题党日：学习… · 第一党支部. */
      title: `${ACTIVITY_KIND_LABELS[x.kind] ?? x.kind}：${x.topic}${groupName ? ` · ${groupName}` : ''}`,
      attendees: x.attendeeIds.map((id) => ({ id, name: names.get(id) ?? '' })),
    })),
  };
}

export const PEOPLE_SCOPES = ['office', 'liaisons', 'linked'] as const;
export type PeopleScope = (typeof PEOPLE_SCOPES)[number];

/**
 * Everyone in the office party committee (机关党委) and the active branches and cells under it, of
 * the committees `orgIds`: a row per group membership, with `person`, the key that counts them once
 * (the member, else the login, else the name).
 */
const officeRows = (orgIds: string[]): SQL => sql`with recursive t as (
      select org_id, id from ${partyGroups} where ${inArray(partyGroups.orgId, orgIds)} and kind = 'officeCommittee' and active
      union select g.org_id, g.id from ${partyGroups} g join t on g.org_id = t.org_id and g.parent_id = t.id where g.active)
    select e.org_id, e.member_id, e.user_id, e.name, coalesce(e.member_id::text, e.user_id::text, 'name:' || e.name) as person
    from ${partyGroupMembers} e where (e.org_id, e.group_id) in (select org_id, id from t)`;

/**
 * The people behind the party figures, each once: `office` — everyone in the office party
 * committee (机关党委) and the branches and cells under it; `liaisons` — the party-member members
 * who link with non-party members in the year; `linked` — the non-party members they link with.
 */
export async function people(db: Queryable, orgId: string, scope: PeopleScope, year: number) {
  if (scope !== 'office') {
    const rows = await partyMemberLinkPeople(db, orgId, year, scope === 'liaisons' ? 'from' : 'to');
    return rows.map((r) => ({ memberId: r.memberId, userId: null as string | null, name: r.name }));
  }
  return queryRows<{ memberId: string | null; userId: string | null; name: string }>(db, sql`select distinct on (o.person) o.member_id as "memberId", o.user_id as "userId", o.name
    from (${officeRows([orgId])}) o order by o.person, o.name`);
}

/** The figures the speech quotes of the party organisation, each with the list that answers it (`total` = `value`). */
export type PartyFigures = { year: number; figures: { key: string; label: string; value: number; unit: string; source: string }[] };

/**
 * The party figures of every committee of `orgIds`, each committee's its own lists' totals: one
 * statement per kind of figure (groups, office people, linked people, activities), grouped by
 * committee. One committee's figures are these for it alone.
 */
export async function partyFiguresByOrg(db: Queryable, orgIds: string[], year: number): Promise<Map<string, PartyFigures>> {
  if (!orgIds.length) return new Map();
  const a = partyActivities;
  const [groups, office, links, acts] = await Promise.all([
    db.select({ orgId: partyGroups.orgId, kind: partyGroups.kind, n: sql<number>`count(*)::int` }).from(partyGroups).where(groupWhere(orgIds, {})).groupBy(partyGroups.orgId, partyGroups.kind),
    queryRows<{ org_id: string; n: number }>(db, sql`select o.org_id, count(distinct o.person)::int as n from (${officeRows(orgIds)}) o group by o.org_id`),
    partyMemberLinkCounts(db, orgIds, year),
    db.select({ orgId: a.orgId, n: sql<number>`count(*)::int` }).from(a).where(and(inArray(a.orgId, orgIds), sql`${a.date} between ${`${year}-01-01`} and ${`${year}-12-31`}`)).groupBy(a.orgId),
  ]);
  const fig = (key: string, label: string, value: number, unit: string, source: string) => ({ key, label, value, unit, source: `/api/v1${source}` });
  return new Map(orgIds.map((orgId) => {
    const count = (k: GroupKind) => groups.find((g) => g.orgId === orgId && g.kind === k)?.n ?? 0;
    const linked = links.get(orgId) ?? { from: 0, to: 0 };
    return [orgId, {
      year,
      figures: [
        fig('officePartyMembers', '机关党员', office.find((r) => r.org_id === orgId)?.n ?? 0, '名', '/party/people?scope=office'),
        fig('branches', '党支部', count('branch'), '个', '/party/groups?kind=branch'),
        fig('cells', '党小组', count('cell'), '个', '/party/groups?kind=cell'),
        fig('memberGroups', '党员委员活动小组', count('memberGroup'), '个', '/party/groups?kind=memberGroup'),
        fig('partyMemberLiaisons', '联系党外委员的党员委员', linked.from, '名', `/party/people?scope=liaisons&year=${year}`),
        fig('nonPartyLinked', '被联系的党外委员', linked.to, '名', `/party/people?scope=linked&year=${year}`),
        fig('activities', '党组织活动', acts.find((r) => r.orgId === orgId)?.n ?? 0, '次', `/party/activities?from=${year}-01-01&to=${year}-12-31`),
      ],
    }];
  }));
}

// Spelled with the table's name: a select from one table leaves its columns unqualified, which a
// correlated subquery would read as its own.
const ideasOf = (extra: SQL = sql``) => sql<number>`(select count(*)::int from ${campaignIdeas} i where i.org_id = "campaigns"."org_id" and i.campaign_id = "campaigns"."id"${extra})`;
const ideaCounts = { ideas: ideasOf(), adopted: ideasOf(sql` and i.adopted_by is not null`) };

function presentCampaign(k: typeof campaigns.$inferSelect, n: { ideas: number; adopted: number }, mine?: number) {
  const day = today();
  return {
    id: k.id, title: k.title, theme: k.theme, opensOn: k.opensOn, closesOn: k.closesOn, open: k.opensOn <= day && day <= k.closesOn,
    state: day < k.opensOn ? 'upcoming' : day > k.closesOn ? 'closed' : 'open', ideas: n.ideas, adopted: n.adopted, ...(mine === undefined ? {} : { mine }),
  };
}

/** Campaigns, newest window first, with their counts (and, for a member, how many ideas are theirs). */
export async function listCampaigns(db: Queryable, actor: Actor, f: { open?: boolean }) {
  const mine = actor.memberId ? ideasOf(sql` and i.member_id = ${actor.memberId}`) : sql<number>`0`;
  const day = today();
  const rows = await db.select({ k: campaigns, ...ideaCounts, mine }).from(campaigns)
    .where(and(eq(campaigns.orgId, actor.orgId), f.open ? sql`${campaigns.opensOn} <= ${day} and ${campaigns.closesOn} >= ${day}` : undefined))
    .orderBy(desc(campaigns.opensOn), desc(campaigns.createdAt));
  return rows.map((r) => presentCampaign(r.k, r, actor.memberId ? r.mine : undefined));
}

export async function campaignView(db: Queryable, orgId: string, id: string) {
  const [r] = await db.select({ k: campaigns, ...ideaCounts }).from(campaigns).where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, id)));
  return r ? presentCampaign(r.k, r) : null;
}

/** A campaign's ideas: all for the office, a member's own for a member; `adopted` filters. */
export async function listIdeas(db: Queryable, actor: Actor, campaignId: string, f: { all: boolean; adopted?: boolean }, page: { limit: number; offset: number }) {
  const i = campaignIdeas;
  const where = and(eq(i.orgId, actor.orgId), eq(i.campaignId, campaignId),
    f.all ? undefined : actor.memberId ? eq(i.memberId, actor.memberId) : sql`false`,
    f.adopted === undefined ? undefined : f.adopted ? sql`${i.adoptedBy} is not null` : sql`${i.adoptedBy} is null`);
  const [rows, [count]] = await Promise.all([
    db.select({ i, name: members.name }).from(i).leftJoin(members, and(eq(members.orgId, i.orgId), eq(members.id, i.memberId)))
      .where(where).orderBy(desc(i.submittedOn), desc(i.createdAt)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(i).where(where),
  ]);
  return { total: count!.n, items: rows.map((r) => presentIdea(r.i, r.name)) };
}

export const presentIdea = (i: typeof campaignIdeas.$inferSelect, memberName?: string | null) => ({
  id: i.id, campaignId: i.campaignId, memberId: i.memberId, memberName: memberName ?? null, title: i.title, content: i.content, submittedOn: i.submittedOn,
  adopted: !!i.adoptedBy, adoptedBy: i.adoptedBy, adoptedOn: i.adoptedOn,
});
