import type { Queryable } from '../../core/db/client.ts';
import type { Actor } from '../../core/policies.ts';
import { figureScope, type Scope } from './oversight.ts';

// Rolling figures up over the committees below (oversight.ts rule 2): every statistic that takes
// `scope=tree` (the 四双 report, the dashboard, 社情民意 statistics, party figures, the 双联 counters
// and compliance board, the council rooms' figures) computes each committee's figures on its own,
// by its org_id — the very function that computes one committee's — and adds them up here. (The
// proposal statistics count all the committees of the scope in SQL instead, grouped by org_id:
// proposals/stats.ts; so do the party figures, party/queries.ts partyFiguresByOrg, and the 双联
// counters' totals, liaison/counters.ts counterTotalsByOrg, which each committee's part then takes
// its own from: one committee's figures are the same statement for it alone.) A rate is never
// averaged: it is recomputed from the summed numerator and denominator.

export interface Committee { id: string; name: string }
/** One committee's result: `own` is the caller's committee. */
export interface Part<T> { org: Committee; own: boolean; value: T }

/**
 * The caller as one committee of its scope sees it: the caller itself for its own committee; for
 * one below, the same roles within that committee (as its office or leaders would read its
 * figures), with no member or unit of the caller's carried across.
 */
export const actorIn = (actor: Actor, orgId: string): Actor =>
  orgId === actor.orgId ? actor : { ...actor, orgId, memberId: null, unitId: null };

/**
 * `fn` for every committee of the caller's scope (own; with scope=tree and org.oversee, every
 * active committee below too), each on its own and concurrently (on PostgreSQL each on a pool
 * connection, on Citus co-located by org_id). The caller's own committee comes first. `scope` may be
 * the committees figureScope already gave.
 */
export async function perCommittee<T>(db: Queryable, actor: Actor, scope: Scope | undefined | Committee[], fn: (actor: Actor, org: Committee) => Promise<T>): Promise<Part<T>[]> {
  const committees = Array.isArray(scope) ? scope : await figureScope(db, actor, scope);
  return Promise.all(committees.map(async (org) => ({ org, own: org.id === actor.orgId, value: await fn(actorIn(actor, org.id), org) })));
}

/** Whether a scope's parts are a roll-up (more than the caller's committee). */
export const rolledUp = (parts: Part<unknown>[]) => parts.length > 1;

/** The sum of a number over the parts. */
export const sumOf = <T>(parts: Part<T>[], get: (v: T) => number) => parts.reduce((s, p) => s + get(p.value), 0);

/** Numeric fields added up, key by key (records of counts with the same keys). */
export function addRecords<K extends string>(records: Record<K, number>[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const r of records) for (const k of Object.keys(r) as K[]) out[k] = (out[k] ?? 0) + (r[k] ?? 0);
  return out;
}

/**
 * A list with totals over the parts (the 双联 counters and compliance board, the rooms' figures): the
 * caller's own result with `scope: 'own'`, or rolled up its `key` totals added up over the
 * committees, `byOrg` each one's and `committees` their names — its rows stay the caller's own.
 */
export type WithTotals<T, N extends string> =
  | (T & { scope: 'own'; committees: string[]; byOrg?: undefined })
  | (T & { scope: 'tree'; committees: string[]; byOrg: ({ orgId: string; org: string } & Record<N, number>)[] });
export function addTotals<K extends string, N extends string, T extends { [k in K]: Record<N, number> }>(parts: Part<T>[], key: K): WithTotals<T, N> {
  const own = parts[0]!.value;
  if (!rolledUp(parts)) return { ...own, scope: 'own', committees: [parts[0]!.org.name] };
  return {
    ...own, [key]: addRecords<N>(parts.map((p) => p.value[key])),
    scope: 'tree', committees: parts.map((p) => p.org.name),
    byOrg: parts.map((p) => ({ orgId: p.org.id, org: p.org.name, ...p.value[key] })),
  };
}

/** A figure with the list that answers it (the report's, the party's, the creation module's). */
export interface SourcedFigure { key: string; value: number; source: string }
/** A figure added up over committees: each one's value (the caller's first), and what its source lists. */
export type AddedFigure<F> = F & { scope: 'tree'; parts: { orgId: string; org: string; value: number }[]; sourceCovers: 'own' | 'tree' };

/**
 * Figures added up key by key over the committees, in the caller's order (keys only committees
 * below have come after). Every committee has its part (0 where it has none of the figure). The
 * source stays the caller's list, which answers its own part only (sourceCovers 'own'); a figure
 * the caller's committee has none of has no list of its (source '').
 */
export function addFigures<F extends SourcedFigure>(parts: Part<F[]>[]): AddedFigure<F>[] {
  const added = new Map<string, AddedFigure<F>>();
  const own = new Set(parts.find((p) => p.own)?.value.map((f) => f.key));
  for (const { value } of parts) {
    for (const f of value) {
      const m = added.get(f.key);
      if (m) m.value += f.value;
      else added.set(f.key, { ...f, source: own.has(f.key) ? f.source : '', scope: 'tree', parts: [], sourceCovers: 'own' });
    }
  }
  for (const f of added.values()) {
    f.parts = parts.map((p) => ({ orgId: p.org.id, org: p.org.name, value: p.value.find((g) => g.key === f.key)?.value ?? 0 }));
  }
  return [...added.values()];
}
