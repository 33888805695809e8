import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../core/db/client.ts';
import { oneTable, type Column, type Tables } from '../../core/xlsx.ts';
import { daysBetween, today } from '../handling/deadlines.ts';
import type { dueBoard } from './queries.ts';
import type { keyBoard } from './supervision.ts';
import { STATE_NAMES } from './workflow.ts';
import { members, plenarySessions, sectors, terms, units } from '../org/schema.ts';
import { assignments, evaluations, replies } from '../handling/schema.ts';
import { KIND } from './access.ts';
import { numberLabel } from './queries.ts';
import { proposalRatings, proposals } from './schema.ts';
import { rate } from './timeliness.ts';

// 双评 statistics, computed from the proposals' own records. Definitions:
// received = submitted; filed = given a number; reply rate = replied / assigned;
// on time = first reply no later than the lead unit's due date (extensions count);
// satisfaction = 满意 + 基本满意 among the latest evaluations, with the handling and (where the
// proposer rated it) with the result; shares of A/B/C among latest replies;
// quality = the units' mean rating (topic, research, feasibility) on a 1–5 scale.

export const GROUPINGS = ['unit', 'member', 'sector', 'domain', 'party', 'session', 'org'] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** A group's counts as SQL adds them up (per committee × grouping key); totals and rates are taken here. */
interface Counts {
  received: number; filed: number; merged: number; converted: number; notFiled: number; assigned: number; replied: number; onTime: number; late: number;
  evaluated: number; satisfied: number; basic: number; unsatisfied: number; resultRated: number; resultGood: number;
  cats: number; a: number; b: number; c: number; rated: number; qualitySum: number;
}
const COUNTS: (keyof Counts)[] = ['received', 'filed', 'merged', 'converted', 'notFiled', 'assigned', 'replied', 'onTime', 'late', 'evaluated', 'satisfied', 'basic',
  'unsatisfied', 'resultRated', 'resultGood', 'cats', 'a', 'b', 'c', 'rated', 'qualitySum'];
interface Grouped extends Counts { k: string | null; k2: number | null }

const list = (xs: readonly string[]) => sql.join(xs.map((x) => sql`${x}`), sql`, `);

/** The raw grouping key of a proposal's facts (`f` below): a name, or the term's number beside `k2`, the session's. */
const KEY_SQL: Record<Grouping, SQL> = {
  unit: sql`f.unit`, member: sql`f.proposer_name`, sector: sql`f.sector`, domain: sql`f.domain`, party: sql`f.party`,
  session: sql`case when f.session_number <> 0 and f.term_number <> 0 then f.term_number::text end`, org: sql`f.org_id::text`,
};

/**
 * A proposal's session (of the proposals as `p`): the one it was filed in, or for one never filed
 * (waiting, not filed, converted, merged) the one filing would have given it — the latest begun by
 * the day it was handed in, as queries.ts ofSession and the lists count it. Without the second, a
 * session's figures would hold its filed proposals only (收到 = 立案, none merged or converted).
 */
const SESSION_OF_P = sql`coalesce(p.session_id, (select s.id from ${plenarySessions} s where s.org_id = p.org_id
  and s.starts_on <= (p.submitted_at at time zone 'Asia/Shanghai')::date order by s.starts_on desc limit 1))`;

/**
 * The submitted proposals of these committees (one, or a roll-up's several), each with its facts
 * (its lead unit and timeliness, its latest reply's category, its latest evaluation, its mean
 * rating, its timeliness as timeliness.ts defines it), counted in SQL per committee × grouping key:
 * one row per group comes back, not one per proposal. One statement; every join and filter on
 * org_id, grouped by org_id too (each table's rows of the proposals chosen matched on (org_id, id)),
 * so on Citus it runs on the shards, co-located.
 */
async function grouped(db: Queryable, ids: readonly string[], by: Grouping, f: StatsFilter): Promise<Grouped[]> {
  if (!ids.length) return [];
  const orgs = sql`(${list(ids)})`;
  const chosen = sql.join([sql`p.org_id in ${orgs} and p.submitted_at is not null`,
    f.from ? sql`p.submitted_at >= ${new Date(`${f.from}T00:00:00+08:00`).toISOString()}::timestamptz` : undefined,
    f.to ? sql`p.submitted_at <= ${new Date(`${f.to}T23:59:59+08:00`).toISOString()}::timestamptz` : undefined,
    f.sessionId ? sql`${SESSION_OF_P} = ${f.sessionId}` : undefined].filter((x): x is SQL => !!x), sql` and `);
  // Another table's rows of the chosen proposals: of these committees, and (when a filter narrows them) of those proposals.
  const narrowed = !!(f.from || f.to || f.sessionId);
  const ofChosen = (org: string, item: string) => sql.raw(`${org} in `).append(orgs)
    .append(narrowed ? sql.raw(` and (${org}, ${item}) in (select p.org_id, p.id from proposals p where `).append(chosen).append(sql.raw(')')) : sql``);
  const key = KEY_SQL[by];
  const k2 = by === 'session' ? sql`case when f.session_number <> 0 and f.term_number <> 0 then f.session_number end` : sql`null::int`;
  const assignedStates = list(['assigned', 'handling', 'replied', 'rehandling', 'closed']);
  // Timeliness as timeliness.ts defines it: the lead unit's reply of the latest round (its latest day) against its due date.
  return queryRows<Grouped>(db, sql`
    with p as (
      select p.org_id, p.id, p.state, p.proposer_name, p.domain, p.filed_at, p.proposer_member_id, ${SESSION_OF_P} as session_id from ${proposals} p where ${chosen}
    ), r as (
      select org_id, item_id, (array_agg(category order by round desc, created_at, id))[1] as category,
        (array_agg((created_at at time zone 'Asia/Shanghai')::date order by round desc, created_at desc))[1] as replied_on
      from ${replies} where ${ofChosen('org_id', 'item_id')} and item_kind = ${KIND} group by org_id, item_id
    ), e as (
      select org_id, item_id, (array_agg(satisfaction order by round desc, created_at, id))[1] as satisfaction,
        (array_agg(result_satisfaction order by round desc, created_at, id))[1] as result_satisfaction
      from ${evaluations} where ${ofChosen('org_id', 'item_id')} and item_kind = ${KIND} group by org_id, item_id
    ), q as (
      select org_id, proposal_id, avg((topic + research + feasibility) / 3.0)::float as quality
      from ${proposalRatings} where ${ofChosen('org_id', 'proposal_id')} group by org_id, proposal_id
    ), l as (
      select distinct on (a.org_id, a.item_id) a.org_id, a.item_id, a.due_on, u.name as unit
      from ${assignments} a join ${units} u on u.org_id = a.org_id and u.id = a.unit_id
      where ${ofChosen('a.org_id', 'a.item_id')} and a.item_kind = ${KIND} and a.role = 'lead' and a.state in ('pending', 'signed')
      order by a.org_id, a.item_id, a.assigned_at desc, a.id
    ), f as (
      select p.org_id, p.state, p.proposer_name, p.domain, p.filed_at, m.party, s.name as sector, ps.number as session_number, t.number as term_number,
        r.category, r.org_id is not null as replied, e.satisfaction, e.result_satisfaction, q.quality, l.unit,
        case when l.org_id is null then null
          when p.state in ('replied', 'closed') and r.replied_on is not null then case when r.replied_on <= l.due_on then 'onTime' else 'late' end
          when l.due_on < ${today()}::date then 'late' end as timeliness
      from p
      left join ${members} m on m.org_id = p.org_id and m.id = p.proposer_member_id
      left join ${sectors} s on s.org_id = m.org_id and s.id = m.sector_id
      left join ${plenarySessions} ps on ps.org_id = p.org_id and ps.id = p.session_id
      left join ${terms} t on t.org_id = ps.org_id and t.id = ps.term_id
      left join r on r.org_id = p.org_id and r.item_id = p.id
      left join e on e.org_id = p.org_id and e.item_id = p.id
      left join q on q.org_id = p.org_id and q.proposal_id = p.id
      left join l on l.org_id = p.org_id and l.item_id = p.id and p.state in (${assignedStates})
    )
    select ${key} as k, ${k2} as k2, count(*)::int as received,
      count(*) filter (where f.filed_at is not null)::int as filed, count(*) filter (where f.state = 'merged')::int as merged,
      count(*) filter (where f.state = 'converted')::int as converted, count(*) filter (where f.state = 'not_filed')::int as "notFiled",
      count(*) filter (where f.state in (${assignedStates}))::int as assigned, count(*) filter (where f.replied)::int as replied,
      count(*) filter (where f.timeliness = 'onTime')::int as "onTime", count(*) filter (where f.timeliness = 'late')::int as late,
      count(f.satisfaction)::int as evaluated, count(*) filter (where f.satisfaction = 'satisfied')::int as satisfied,
      count(*) filter (where f.satisfaction = 'basic')::int as basic, count(*) filter (where f.satisfaction = 'unsatisfied')::int as unsatisfied,
      count(f.result_satisfaction)::int as "resultRated", count(*) filter (where f.result_satisfaction in ('satisfied', 'basic'))::int as "resultGood",
      count(f.category)::int as cats, count(*) filter (where f.category = 'A')::int as a, count(*) filter (where f.category = 'B')::int as b,
      count(*) filter (where f.category = 'C')::int as c, count(f.quality)::int as rated, coalesce(sum(f.quality), 0)::float as "qualitySum"
    from f group by f.org_id, ${key}, ${k2}`);
}

function summarize(key: string, n: Counts) {
  return {
    key, received: n.received, filed: n.filed, merged: n.merged, converted: n.converted,
    notFiled: n.notFiled, assigned: n.assigned, replied: n.replied, replyRate: rate(n.replied, n.assigned),
    onTime: n.onTime, late: n.late, onTimeRate: rate(n.onTime, n.onTime + n.late), evaluated: n.evaluated, satisfied: n.satisfied, basic: n.basic, unsatisfied: n.unsatisfied,
    satisfactionRate: rate(n.satisfied + n.basic, n.evaluated), fullSatisfactionRate: rate(n.satisfied, n.evaluated),
    resultSatisfactionRate: rate(n.resultGood, n.resultRated),
    categoryA: rate(n.a, n.cats), categoryB: rate(n.b, n.cats), categoryC: rate(n.c, n.cats),
    quality: n.rated ? Math.round((n.qualitySum / n.rated) * 100) / 100 : null,
  };
}

export type StatsRow = ReturnType<typeof summarize>;

export interface StatsFilter { from?: string; to?: string; sessionId?: string }

/** Committees whose facts one statement reads at most (a province's 100 at once; more in turns). */
const ORGS_PER_READ = 200;
/** A roll-up is read in up to PARTS statements at once, each of PART committees at least. */
const PARTS = 10, PART = 10;

/**
 * One row per group (and a total), e.g. per handling unit, over the committees given: the caller's
 * own, or with the ones below it (org/oversight.ts figureScope: a city's figure = its own + its
 * counties'). Their facts are read together (every statement by org_id: co-located on Citus) and
 * added up here.
 */
export async function proposalStats(db: Queryable, scope: { id: string; name: string }[], by: Grouping, f: StatsFilter) {
  const names = new Map(scope.map((o) => [o.id, o.name]));
  const ids = [...names.keys()];
  const zero = (): Counts => Object.fromEntries(COUNTS.map((c) => [c, 0])) as unknown as Counts;
  const add = (to: Counts, n: Counts) => { for (const c of COUNTS) to[c] += Number(n[c]); };
  const total = zero();
  const groups = new Map<string, Counts>();
  // A roll-up's committees in a few parts read at once over the pool (each statement one backend).
  const size = Math.min(ORGS_PER_READ, Math.max(PART, Math.ceil(ids.length / PARTS)));
  const parts: string[][] = [];
  for (let i = 0; i < ids.length; i += size) parts.push(ids.slice(i, i + size));
  for (const g of (await Promise.all(parts.map((part) => grouped(db, part, by, f)))).flat()) {
    add(total, g);
    if (by === 'unit' && g.k === null) continue; // only assigned proposals have a unit
    const label = by === 'org' ? (names.get(g.k!) ?? '') : by === 'session' ? (g.k === null ? null : numberLabel(Number(g.k), g.k2, 1)!.split(' ')[0]!) : g.k;
    const k = label ?? '（未定）';
    if (!groups.has(k)) groups.set(k, zero());
    add(groups.get(k)!, g);
  }
  const rows = [...groups].map(([k, v]) => summarize(k, v)).sort((a, b) => b.received - a.received || a.key.localeCompare(b.key, 'zh-CN'));
  return { by, committees: scope.map((o) => o.name), rows, total: summarize('合计', total) };
}

const HEADERS: [keyof StatsRow, string][] = [
  ['key', '分组'], ['received', '收到'], ['filed', '立案'], ['merged', '并案'], ['converted', '转办'], ['notFiled', '不予立案'], ['assigned', '交办'],
  ['replied', '已答复'], ['replyRate', '答复率%'], ['onTime', '按期答复'], ['onTimeRate', '按期率%'], ['evaluated', '已评价'], ['satisfied', '满意'], ['basic', '基本满意'],
  ['unsatisfied', '不满意'], ['satisfactionRate', '办理满意率%'], ['resultSatisfactionRate', '结果满意率%'], ['categoryA', 'A类%'], ['categoryB', 'B类%'], ['categoryC', 'C类%'], ['quality', '提案质量评分'],
];
const BY_LABEL: Record<Grouping, string> = { unit: '承办单位', member: '提案人', sector: '界别', domain: '领域', party: '党派', session: '会议', org: '政协' };

export function statsTable(s: Awaited<ReturnType<typeof proposalStats>>): Tables {
  const columns: Column<StatsRow>[] = HEADERS.map(([k, h]) => ({ header: k === 'key' ? BY_LABEL[s.by] : h, value: (r) => r[k], width: k === 'key' ? 24 : 10 }));
  return oneTable(`按${BY_LABEL[s.by]}统计`, columns, [...s.rows, s.total], { boldLastRow: true });
}

/** The due/overdue board as a sheet: one row per lead assignment. */
export function boardTable(board: Awaited<ReturnType<typeof dueBoard>>): Tables {
  const rows = board.flatMap((g) => g.items.map((i) => ({ ...i, unitName: g.unitName })));
  return oneTable('督办看板', [
    { header: '承办单位', value: (r) => r.unitName, width: 20 }, { header: '提案', value: (r) => r.title, width: 40 },
    { header: '状态', value: (r) => STATE_NAMES[r.state], width: 10 }, { header: '重点提案', value: (r) => (r.isKey ? '是' : ''), width: 8 },
    { header: '答复期限', value: (r) => r.dueOn, width: 12 }, { header: '逾期天数', value: (r) => (r.overdue ? daysBetween(r.dueOn, today()) : ''), width: 8 },
    { header: '已签收', value: (r) => (r.signed ? '是' : '否'), width: 8 },
  ], rows);
}

/** The key proposals with their leaders and supervision, as a sheet. */
export function keyBoardTable(items: Awaited<ReturnType<typeof keyBoard>>): Tables {
  return oneTable('重点提案督办', [
    { header: '提案', value: (r) => r.title, width: 40 }, { header: '提案人', value: (r) => r.proposerName, width: 16 },
    { header: '状态', value: (r) => STATE_NAMES[r.state], width: 10 }, { header: '领办领导', value: (r) => r.leader, width: 12 },
    { header: '主办单位', value: (r) => r.leadUnit, width: 20 }, { header: '答复期限', value: (r) => r.dueOn, width: 12 },
    { header: '逾期', value: (r) => (r.overdue ? '是' : ''), width: 6 }, { header: '督办次数', value: (r) => r.visits, width: 8 },
    { header: '最近督办', value: (r) => r.lastVisit, width: 12 },
  ], items);
}
