import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../core/db/client.ts';
import { can, definePolicies, hasRole, type Actor } from '../../core/policies.ts';
import { orgs } from '../../core/schema.ts';
import { ORG_LEVELS } from './values.ts';

// Committees on several levels: the level above sets up and oversees the levels below — oversight,
// not control. Every rule between two committees is here; everything else in the app is scoped to
// the caller's own committee (actor.orgId), so a parent, a grandparent or a sibling reaches nothing
// of another committee through any other route (test/authz-matrix.test.ts calls every route as each).
//
// 1. Set up: a committee's admin creates a committee one level below (city → county), renames,
//    deactivates and reactivates it, and gives it its first admin (or resets that admin's password).
//    Only the direct parent does: a grandparent or a sibling gets 404.
// 2. Oversee: the office and leaders of a committee read the figures of every active committee
//    below it rolled up (its own + its children's + …): `scope=tree` on the statistics routes.
//    Figures only: no row of a member, proposal or unit of the committee below comes with them.
//    Its published proposals, public consultations and public library documents (public to everyone
//    anyway) are listed with scope=tree too, each with its committee's name; never a private one.
//    Such an item opens as a visitor there reads it (a library document: library/access.ts readerIn).
//    A deactivated committee (and those below it) leaves every roll-up and picker.
//    (双创, older: the office and leaders read its rows of the committees below — creation/access.ts.)
// 3. Never: the level above does not read the members (nor their private fields) of a committee
//    below, acts in none of its workflows, and manages none of its sectors, units or users: once
//    the first admin logs in, the committee below runs itself.

definePolicies({
  /** `child` is the committee below (an orgs row). */
  'org.child.manage': (actor: Actor, child?: unknown) => hasRole(actor, 'admin') && (child as { parentId?: string | null } | undefined)?.parentId === actor.orgId,
  'org.oversee': ['admin', 'staff', 'leader'],
});

/** The level of a committee one below `level` (null under a county). */
export function levelBelow(level: string): string | null {
  const i = ORG_LEVELS.indexOf(level as (typeof ORG_LEVELS)[number]);
  return i >= 0 && i < ORG_LEVELS.length - 1 ? ORG_LEVELS[i + 1]! : null;
}

/** The active committees strictly below `orgId` (children, grandchildren, …). */
export async function activeBelow(db: Queryable, orgId: string): Promise<{ id: string; name: string }[]> {
  return queryRows<{ id: string; name: string }>(db, sql`
    with recursive tree as (
      select id, name, 0 as depth from ${orgs} where parent_id = ${orgId} and active
      union all
      select o.id, o.name, t.depth + 1 from ${orgs} o join tree t on o.parent_id = t.id where o.active and t.depth < 4
    ) select id, name from tree order by depth, name`);
}

export const SCOPES = ['own', 'tree'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * The committees whose figures a statistic of `actor` adds up: its own, and with scope=tree (rule 2)
 * every active one below it. Each is read on its own (by orgId: on Citus, co-located queries).
 */
export async function figureScope(db: Queryable, actor: Actor, scope: Scope = 'own'): Promise<{ id: string; name: string }[]> {
  const [own] = await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(and(eq(orgs.id, actor.orgId)));
  const self = own ?? { id: actor.orgId, name: '' };
  if (scope !== 'tree' || !can(actor, 'org.oversee')) return [self];
  return [self, ...(await activeBelow(db, actor.orgId))];
}
