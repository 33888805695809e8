import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../core/db/client.ts';
import { forbidden, notFound, say } from '../../core/errors.ts';
import { can, definePolicies, hasRole, memberOf, type Actor } from '../../core/policies.ts';
import { orgTree } from '../org/orgs-routes.ts';
import { creationProjects } from './schema.ts';

// Who may do what in 双创. The office (staff, admins) enters and edits everything; leaders read
// everything; a member enters and edits their own projects, pairings and activities and sees their
// own, and so does a leader linked to a member (chairs and vice-chairs are members), who still reads
// everything as a leader. The office and leaders of a city read its county committees' rows too
// (省市县三级); writes stay within the caller's own committee.

definePolicies({
  'creation.manage': ['staff', 'admin'],
  'creation.read': ['staff', 'admin', 'leader'],
});

/** What the caller reads: the committees (own and below for the office and leaders), and, for a member, their own rows only. */
export interface Scope { orgIds: string[]; own: string | null; office: boolean; orgLevel: string; counties: Map<string, string> }

const noRole = () => forbidden(say('只有委员、机关工作人员和领导使用双创', 'Only members, staff and leaders use dual creation'));

export async function scopeOf(db: Queryable, actor: Actor): Promise<Scope> {
  const tree = await orgTree(db, actor.orgId);
  const counties = new Map(tree.filter((o) => o.level === 'county').map((o) => [o.id, o.name]));
  const orgLevel = tree[0]?.level ?? 'city';
  if (hasRole(actor, 'staff', 'admin', 'leader')) return { orgIds: tree.map((o) => o.id), own: null, office: hasRole(actor, 'staff', 'admin'), orgLevel, counties };
  if (hasRole(actor, 'member') && actor.memberId) return { orgIds: [actor.orgId], own: actor.memberId, office: false, orgLevel, counties };
  throw noRole();
}

/** The scope narrowed to the caller's own committee (scope=own: a city's figures without its county committees'). */
export const ownCommittee = (s: Scope, orgId: string): Scope => ({ ...s, orgIds: s.orgIds.filter((id) => id === orgId) });

/** Writes: the office for anyone of its committee, a member (or a leader linked to one) for themself; anyone else 403. */
export function writer(actor: Actor): { office: boolean; memberId: string | null } {
  if (hasRole(actor, 'staff', 'admin')) return { office: true, memberId: actor.memberId };
  const own = memberOf(actor);
  if (own) return { office: false, memberId: own };
  throw noRole();
}

/** Rows of many members (projects, activities) that the scope reads. */
export const manyVisible = (t: { orgId: AnyPgColumn; memberIds: AnyPgColumn }, s: Scope): SQL =>
  and(inArray(t.orgId, s.orgIds), s.own ? sql`${s.own}::uuid = any(${t.memberIds})` : undefined)!;
/** Rows of one member (pairings, honours) that the scope reads. */
export const oneVisible = (t: { orgId: AnyPgColumn; memberId: AnyPgColumn }, s: Scope): SQL =>
  and(inArray(t.orgId, s.orgIds), s.own ? eq(t.memberId, s.own) : undefined)!;

export type Project = typeof creationProjects.$inferSelect;

/** A project the caller may read. */
export async function loadProject(db: Queryable, actor: Actor, id: string): Promise<{ project: Project; scope: Scope }> {
  const scope = await scopeOf(db, actor);
  const [project] = await db.select().from(creationProjects).where(and(eq(creationProjects.id, id), manyVisible(creationProjects, scope)));
  if (!project) throw notFound('Project');
  return { project, scope };
}

/**
 * A row of the caller's committee to change, locked: the office's any, a member's their own; a row
 * the caller may read but not change (another member's, to a leader linked to a member) is a 403,
 * one they may not read a 404.
 */
export async function lockForWrite<T extends { orgId: string }>(c: { tx: Queryable; actor: Actor }, what: string, load: () => Promise<T | undefined>, owns: (row: T, memberId: string) => boolean): Promise<T> {
  const w = writer(c.actor);
  const row = await load();
  if (!row || row.orgId !== c.actor.orgId) throw notFound(what);
  if (w.office) return row;
  if (!w.memberId || !owns(row, w.memberId)) throw can(c.actor, 'creation.read') ? forbidden(say('只能修改本人参与的事项', 'Only what you take part in may be changed')) : notFound(what);
  return row;
}
