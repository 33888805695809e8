import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from './db/client.ts';
import { auditLog, users } from './schema.ts';

/**
 * A workflow object's history (GET …/:id/history): every state change and edit, from the audit
 * log, where each command writes its entry as before {state} / after {state, note}.
 */
export async function entityHistory(db: Queryable, orgId: string, entity: string, id: string) {
  const rows = await db.select({ a: auditLog, actorName: users.displayName }).from(auditLog)
    .leftJoin(users, and(eq(users.orgId, auditLog.orgId), eq(users.id, auditLog.actorUserId)))
    .where(and(eq(auditLog.orgId, orgId), eq(auditLog.entity, entity), eq(auditLog.entityId, id))).orderBy(asc(auditLog.id));
  return rows.map(({ a, actorName }) => {
    const before = (a.before ?? {}) as { state?: string };
    const after = (a.after ?? {}) as { state?: string; note?: string | null };
    return { at: a.at.toISOString(), actorUserId: a.actorUserId, actorName, action: a.action, from: before.state ?? null, to: after.state ?? before.state ?? null, note: after.note ?? null };
  });
}
