import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from '../db/client.ts';
import type { Lang } from '../errors.ts';

// The objects the audit log names, as people know them: each kind's title (or name) and its page in
// the web app, looked up by the modules that own them (they register here, like to-do sources). The
// log's list asks once per kind on its page, for all that page's ids of the kind.

/** An object's title and its page in the web app (null: it has none). */
export interface Subject { title: string; href: string | null }
/** This committee's objects of one kind by their ids (as the log holds them); an id not in the answer is gone. */
export type SubjectLookup = (db: Queryable, orgId: string, ids: string[], lang: Lang) => Promise<Map<string, Subject>>;
/** A title the app writes (a term's number…), in the reader's language. */
type Title = AnyPgColumn | SQL | ((lang: Lang) => SQL);

const lookups = new Map<string, SubjectLookup>();

/** Names the objects of an audit entity kind (`entity` as the log writes it). */
export const addAuditSubjects = (entity: string, lookup: SubjectLookup) => { lookups.set(entity, lookup); };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Rows of a table by their uuid ids: the title (a column or an expression; a correlated subquery's
 * columns of this table through `outer`) and the page, from the id and one more value of the row.
 */
export function rowsById(table: PgTable, cols: { orgId: AnyPgColumn | null; id: AnyPgColumn; title: Title; also?: AnyPgColumn | SQL },
  href: (id: string, also: string | null) => string | null): SubjectLookup {
  return async (db, orgId, ids, lang) => {
    const wanted = ids.filter((id) => UUID.test(id));
    if (!wanted.length) return new Map();
    const rows = await db.select({
      id: sql<string>`${cols.id}::text`, title: sql<string | null>`${typeof cols.title === 'function' ? cols.title(lang) : cols.title}`,
      also: cols.also ? sql<string | null>`(${cols.also})::text` : sql<null>`null`,
    }).from(table).where(and(cols.orgId ? eq(cols.orgId, orgId) : undefined, inArray(cols.id, wanted)));
    return new Map(rows.map((r) => [r.id, { title: r.title ?? '', href: href(r.id, r.also) }]));
  };
}

/** Objects that are no row (a year's plan, the committee's settings): named from their id alone, never gone. */
export const named = (name: (id: string, lang: Lang) => Subject | null): SubjectLookup => async (_db, _orgId, ids, lang) =>
  new Map(ids.map((id) => [id, name(id, lang) ?? { title: '', href: null }]));

/** A year as the log keys some objects by it ("2025" → 2025 年). */
export const yearNamed = (title: (year: string, lang: Lang) => string, href: string | null): SubjectLookup =>
  named((id, lang) => (/^\d{4}$/.test(id) ? { title: title(id, lang), href } : null));

export interface SubjectOfEntry { entityTitle: string | null; entityHref: string | null; entityGone: boolean }

/** The title a log entry recorded of its object, if any (what a deleted object is still known by). */
function recordedTitle(e: { before: unknown; after: unknown }): string | null {
  for (const v of [e.after, e.before]) {
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k of ['title', 'name', 'displayName']) if (typeof o[k] === 'string' && o[k]) return o[k] as string;
    }
  }
  return null;
}

/**
 * Each entry's object by title and page: one lookup per kind among the entries, for all their ids.
 * An object its kind's lookup no longer finds is gone (deleted): still its id, and the title the entry recorded if any.
 */
export async function subjectsOf<E extends { entity: string; entityId: string | null; before: unknown; after: unknown }>(db: Queryable, orgId: string, entries: E[], lang: Lang): Promise<SubjectOfEntry[]> {
  const idsOf = new Map<string, Set<string>>();
  for (const e of entries) if (e.entityId && lookups.has(e.entity)) (idsOf.get(e.entity) ?? idsOf.set(e.entity, new Set()).get(e.entity)!).add(e.entityId);
  const found = new Map(await Promise.all([...idsOf].map(async ([entity, ids]) => [entity, await lookups.get(entity)!(db, orgId, [...ids], lang)] as const)));
  return entries.map((e) => {
    const known = e.entityId ? found.get(e.entity) : undefined;
    const s = known?.get(e.entityId!);
    if (s) return { entityTitle: s.title || recordedTitle(e), entityHref: s.href, entityGone: false };
    return { entityTitle: recordedTitle(e), entityHref: null, entityGone: !!known };
  });
}
