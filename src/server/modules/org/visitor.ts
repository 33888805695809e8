import { and, asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { orgs } from '../../core/schema.ts';

// The committee a visitor (not logged in, or a public account on a public route) reads: one rule for
// every public list (published proposals, public consultations, announced selections, the library,
// search) and for the web's committee chooser (GET /orgs/public).

/** Committees in the order they were created; of those created at once (one transaction), the one at the top first. */
const firstCreated = () => [asc(orgs.createdAt), sql`${orgs.parentId} is not null`, asc(orgs.id)];

/**
 * The deployment's own committee: the first one created (`tongxin serve` creates it on first start;
 * the committees below come later — or, as the demo's counties, in the same transaction).
 */
export async function deploymentOrg(db: Queryable): Promise<string | null> {
  const [o] = await db.select({ id: orgs.id }).from(orgs).orderBy(...firstCreated()).limit(1);
  return o?.id ?? null;
}

/**
 * The committee a visitor browses: the one named (`orgId`) when it is an active committee — an
 * unknown or deactivated one gives null, so the list is empty — else the deployment's own.
 */
export async function visitorOrg(db: Queryable, named?: string): Promise<string | null> {
  if (!named) return deploymentOrg(db);
  const [o] = await db.select({ id: orgs.id }).from(orgs).where(and(eq(orgs.id, named), eq(orgs.active, true)));
  return o?.id ?? null;
}

/** The active committees a visitor may choose between, the deployment's own first. */
export async function publicOrgs(db: Queryable) {
  const [rows, defaultId] = await Promise.all([
    db.select({ id: orgs.id, name: orgs.name, level: orgs.level, parentId: orgs.parentId }).from(orgs).where(eq(orgs.active, true)).orderBy(...firstCreated()),
    deploymentOrg(db),
  ]);
  return { items: rows, defaultId };
}

/** The committee a public list reads: a login's own, a visitor's as visitorOrg chooses. */
export async function readerOrg(db: Queryable, actor: { orgId: string } | null, named?: string): Promise<string | null> {
  return actor ? actor.orgId : visitorOrg(db, named);
}
