import { inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../core/db/client.ts';
import { orgs } from '../../core/schema.ts';
import { committees, memberCommittees, members, sectors } from '../org/schema.ts';
import { liaisonContacts, liaisonLinks, liaisonMeetings, liaisonOpinions } from './schema.ts';

// The counters the speech quotes, over a period, by person, sector, special committee or county,
// and the records behind each figure. Both read the same rows ("facts"), so a counter and its
// source list cannot disagree:
//   宣讲场次 policyTalks: contacts with a policy talk;
//   走访委员人次 membersVisited: face-to-face or research-visit contacts on links to a member;
//   界别群众人次 massesVisited: the people of the masses reached (a sum: field `n` of the records);
//   征求意见建议条数 opinionsCollected: opinions collected at contacts and raised at the 双联见面会;
//   协调解决实际问题件数 problemsSolved: the problems solved, one line each.
// A contact counts for its liaison (a committee's link: no person, the link's sector and that
// committee); a meeting's opinion for the member who raised it. A person's sector and county are
// the member's; a member counts for every special committee they sit on.

export const COUNTERS = ['policyTalks', 'membersVisited', 'massesVisited', 'opinionsCollected', 'problemsSolved'] as const;
export type Counter = (typeof COUNTERS)[number];
export const BY = ['member', 'sector', 'committee', 'county'] as const;
export type By = (typeof BY)[number];
/** Each dimension's filter parameter (the same name in the counters and the records). */
export const DIM_PARAM: Record<By, 'memberId' | 'sectorId' | 'committeeId' | 'countyOrgId'> = { member: 'memberId', sector: 'sectorId', committee: 'committeeId', county: 'countyOrgId' };
/** The field of a record that adds up to the counter where the counter is a sum. */
export const SUM_FIELD: Partial<Record<Counter, 'n'>> = { massesVisited: 'n' };

export interface CounterFilter { from: string; to: string; memberId?: string; sectorId?: string; committeeId?: string; countyOrgId?: string }

/**
 * Every countable record of the period in the committees `orgIds` (its `org_id`), with the person,
 * sector, committee of its link and county it counts for.
 */
function facts(orgIds: string[], f: CounterFilter): SQL {
  const c = liaisonContacts, l = liaisonLinks, o = liaisonOpinions, mt = liaisonMeetings;
  const onLink = sql`${l.orgId} = ${c.orgId} and ${l.id} = ${c.linkId}`;
  const inPeriod = sql`${inArray(c.orgId, orgIds)} and ${c.date} between ${f.from} and ${f.to}`;
  const contactCols = (counter: Counter, n: SQL) => sql`select ${c.orgId} as org_id, ${counter}::text as counter, ${c.id} as id, ${c.id} as contact_id, null::uuid as meeting_id, ${c.date} as date,
    ${l.fromMemberId} as member_id, ${l.committeeId} as link_committee_id, ${l.sectorId} as link_sector_id, ${n} as n`;
  const base = sql`
    ${contactCols('policyTalks', sql`1`)}, ${c.topics} as text from ${c} join ${l} on ${onLink} where ${inPeriod} and ${c.policyTalk}
    union all ${contactCols('membersVisited', sql`1`)}, ${c.topics} from ${c} join ${l} on ${onLink} where ${inPeriod} and ${l.toMemberId} is not null and ${c.channel} in ('faceToFace', 'research')
    union all ${contactCols('massesVisited', sql`${c.massesReached}`)}, ${c.topics} from ${c} join ${l} on ${onLink} where ${inPeriod} and ${c.massesReached} > 0
    union all select ${c.orgId}, 'problemsSolved', ${c.id}, ${c.id}, null, ${c.date}, ${l.fromMemberId}, ${l.committeeId}, ${l.sectorId}, 1, p.value
      from ${c} join ${l} on ${onLink} cross join lateral jsonb_array_elements_text(${c.problemsSolved}) p where ${inPeriod}
    union all select ${c.orgId}, 'opinionsCollected', ${o.id}, ${c.id}, null, ${c.date}, ${l.fromMemberId}, ${l.committeeId}, ${l.sectorId}, 1, ${o.content}
      from ${o} join ${c} on ${c.orgId} = ${o.orgId} and ${c.id} = ${o.contactId} join ${l} on ${onLink} where ${inPeriod}
    union all select ${mt.orgId}, 'opinionsCollected', ${o.id}, null, ${mt.id}, ${mt.date}, ${o.memberId}, null, null, 1, ${o.content}
      from ${o} join ${mt} on ${mt.orgId} = ${o.orgId} and ${mt.id} = ${o.meetingId} where ${inArray(mt.orgId, orgIds)} and ${mt.date} between ${f.from} and ${f.to}`;
  const m = members;
  const withPeople = sql`select f.org_id, f.counter, f.id, f.contact_id, f.meeting_id, f.date::text as date, f.member_id, f.link_committee_id,
      coalesce(${m.sectorId}, f.link_sector_id) as sector_id, ${m.countyOrgId} as county_org_id, f.n::int as n, f.text
    from (${base}) f left join ${m} on ${m.orgId} = f.org_id and ${m.id} = f.member_id`;
  const inCommittee = (k: string) => sql`(g.link_committee_id = ${k} or exists (select 1 from ${memberCommittees} mc where mc.org_id = g.org_id and mc.member_id = g.member_id and mc.committee_id = ${k}))`;
  const where = [
    f.memberId ? sql`g.member_id = ${f.memberId}` : null,
    f.sectorId ? sql`g.sector_id = ${f.sectorId}` : null,
    f.countyOrgId ? sql`g.county_org_id = ${f.countyOrgId}` : null,
    f.committeeId ? inCommittee(f.committeeId) : null,
  ].filter((x): x is SQL => !!x);
  return sql`select g.* from (${withPeople}) g${where.length ? sql` where ${sql.join(where, sql` and `)}` : sql``}`;
}

const TALLY = sql`count(*) filter (where h.counter = 'policyTalks')::int as "policyTalks",
  count(*) filter (where h.counter = 'membersVisited')::int as "membersVisited",
  coalesce(sum(h.n) filter (where h.counter = 'massesVisited'), 0)::int as "massesVisited",
  count(*) filter (where h.counter = 'opinionsCollected')::int as "opinionsCollected",
  count(*) filter (where h.counter = 'problemsSolved')::int as "problemsSolved"`;
type Tally = Record<Counter, number>;

/** The URL of the records behind a counter, for the same period and filters. */
function sourceOf(counter: Counter, f: CounterFilter): string {
  const q = new URLSearchParams({ counter, from: f.from, to: f.to });
  for (const k of ['memberId', 'sectorId', 'committeeId', 'countyOrgId'] as const) if (f[k]) q.set(k, f[k]!);
  return `/api/v1/liaison/counters/records?${q}`;
}
const sourcesOf = (f: CounterFilter) => Object.fromEntries(COUNTERS.map((k) => [k, sourceOf(k, f)])) as Record<Counter, string>;

/** The names of the keys of a dimension, and their order. */
async function namesOf(db: Queryable, orgId: string, by: By, keys: string[]) {
  if (!keys.length) return new Map<string, { name: string; sort: string; sectorName: string | null }>();
  const ids = sql`(${sql.join(keys.map((k) => sql`${k}::uuid`), sql`, `)})`;
  const rows = await queryRows<{ id: string; name: string; sort: string; sector_name: string | null }>(db, {
    member: sql`select m.id, m.name, m.name_sort as sort, s.name as sector_name from ${members} m left join ${sectors} s on s.org_id = m.org_id and s.id = m.sector_id where m.org_id = ${orgId} and m.id in ${ids}`,
    sector: sql`select id, name, lpad(sort::text, 6, '0') as sort, null as sector_name from ${sectors} where org_id = ${orgId} and id in ${ids}`,
    committee: sql`select id, name, name as sort, null as sector_name from ${committees} where org_id = ${orgId} and id in ${ids}`,
    county: sql`select id, name, name as sort, null as sector_name from ${orgs} where (id = ${orgId} or parent_id = ${orgId}) and id in ${ids}`,
  }[by]);
  return new Map(rows.map((r) => [r.id, { name: r.name, sort: r.sort, sectorName: r.sector_name }]));
}

/**
 * The counters by one dimension over the filters, each row and the total with the source URL of
 * every counter (its records' `total` is the counter; for massesVisited the sum of their `n`).
 * Records that have no key in the dimension (a committee's link by person, a member of no county)
 * count in the total only.
 */
export async function counters(db: Queryable, orgId: string, f: CounterFilter & { by: By }) {
  const key = f.by === 'committee' ? sql`k.committee_id` : sql.raw(`h.${{ member: 'member_id', sector: 'sector_id', county: 'county_org_id' }[f.by]}`);
  const expand = f.by === 'committee'
    ? sql` cross join lateral (select h.link_committee_id as committee_id where h.link_committee_id is not null
        union select mc.committee_id from ${memberCommittees} mc where mc.org_id = h.org_id and mc.member_id = h.member_id) k`
    : sql``;
  const [rows, { total }] = await Promise.all([
    queryRows<Tally & { key: string }>(db, sql`select ${key} as key, ${TALLY} from (${facts([orgId], f)}) h${expand} where ${key} is not null group by 1`),
    counterTotals(db, orgId, f),
  ]);
  const names = await namesOf(db, orgId, f.by, rows.map((r) => r.key));
  const param = DIM_PARAM[f.by];
  const items = rows
    .map((r) => ({
      key: r.key, name: names.get(r.key)?.name ?? '', sectorName: f.by === 'member' ? names.get(r.key)?.sectorName ?? '' : null,
      ...Object.fromEntries(COUNTERS.map((k) => [k, r[k]])) as Tally, sources: sourcesOf({ ...f, [param]: r.key }),
    }))
    .sort((a, b) => (names.get(a.key)?.sort ?? '').localeCompare(names.get(b.key)?.sort ?? '') || a.name.localeCompare(b.name));
  return {
    from: f.from, to: f.to, by: f.by, items, fields: SUM_FIELD,
    total, sources: sourcesOf(f),
  };
}

/**
 * The counters' totals of each committee of `orgIds` (every one of them, 0 where it has no
 * records), as `counters` gives its committee's `total`, without the breakdown: one statement,
 * grouped by committee. `sources` are each committee's own records (the same URL for every one).
 */
export async function counterTotalsByOrg(db: Queryable, orgIds: string[], f: CounterFilter): Promise<{ totals: Map<string, Tally>; sources: Record<Counter, string> }> {
  const rows = orgIds.length ? await queryRows<Tally & { org_id: string }>(db, sql`select h.org_id, ${TALLY} from (${facts(orgIds, f)}) h group by h.org_id`) : [];
  const byOrg = new Map(rows.map((r) => [r.org_id, r]));
  return { totals: new Map(orgIds.map((id) => [id, Object.fromEntries(COUNTERS.map((k) => [k, byOrg.get(id)?.[k] ?? 0])) as Tally])), sources: sourcesOf(f) };
}

/** One committee's counter totals: `counterTotalsByOrg` for it alone. */
export async function counterTotals(db: Queryable, orgId: string, f: CounterFilter) {
  const { totals, sources } = await counterTotalsByOrg(db, [orgId], f);
  return { total: totals.get(orgId)!, sources };
}

/** The records behind one counter (its `total` is the counter; for a sum, their `n` add up to it). */
export async function counterRecords(db: Queryable, orgId: string, f: CounterFilter & { counter: Counter }, page: { limit: number; offset: number }) {
  const all = sql`select h.* from (${facts([orgId], f)}) h where h.counter = ${f.counter}`;
  const [rows, [count]] = await Promise.all([
    queryRows<{ id: string; contact_id: string | null; meeting_id: string | null; date: string; member_id: string | null; n: number; text: string; member_name: string | null; sector_name: string | null }>(db, sql`
      select r.*, m.name as member_name, s.name as sector_name from (${all}) r
      left join ${members} m on m.org_id = ${orgId} and m.id = r.member_id
      left join ${sectors} s on s.org_id = ${orgId} and s.id = r.sector_id
      order by r.date desc, r.id limit ${page.limit} offset ${page.offset}`),
    queryRows<{ total: number; sum: number }>(db, sql`select count(*)::int as total, coalesce(sum(r.n), 0)::int as sum from (${all}) r`),
  ]);
  return {
    counter: f.counter, from: f.from, to: f.to, total: count!.total, ...(SUM_FIELD[f.counter] ? { field: SUM_FIELD[f.counter], sum: count!.sum } : {}),
    items: rows.map((r) => ({
      id: r.id, contactId: r.contact_id, meetingId: r.meeting_id, date: r.date, memberId: r.member_id, memberName: r.member_name, sectorName: r.sector_name, n: r.n, text: r.text,
    })),
  };
}
