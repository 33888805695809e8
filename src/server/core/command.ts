import type { Db, Tx } from './db/client.ts';
import { auditLog, outbox } from './schema.ts';
import { authorize, type Actor } from './policies.ts';
import type { Outbox } from './outbox.ts';

export interface Ctx { db: Db; actor: Actor; requestId?: string; outbox: Outbox }

export interface AuditEntry { action: string; entity: string; entityId: string; before?: unknown; after?: unknown }

export interface CommandScope {
  tx: Tx;
  actor: Actor;
  /** Checks a policy against a (locked) row; throws 403. */
  authorize(policy: string, resource?: { orgId?: string }): void;
  /** Records the change in the audit log and publishes `${entity}.${action}` to the outbox. */
  record(entry: AuditEntry, payload?: unknown): Promise<void>;
}

/**
 * The one command path: transaction → authorize → transition → write → audit → outbox event;
 * subscribers run after commit.
 */
export async function runCommand<T>(ctx: Ctx, fn: (c: CommandScope) => Promise<T>): Promise<T> {
  const result = await ctx.db.transaction(async (tx) => {
    const scope: CommandScope = {
      tx,
      actor: ctx.actor,
      authorize: (policy, resource) => authorize(ctx.actor, policy, resource),
      async record(entry, payload) {
        const orgId = ctx.actor.orgId;
        await tx.insert(auditLog).values({
          orgId, actorUserId: ctx.actor.id, action: entry.action, entity: entry.entity, entityId: entry.entityId,
          before: entry.before ?? null, after: entry.after ?? null, requestId: ctx.requestId ?? null,
        });
        await tx.insert(outbox).values({
          orgId, type: `${entry.entity}.${entry.action}`,
          payload: payload ?? { id: entry.entityId, actorUserId: ctx.actor.id, after: entry.after ?? null },
        });
      },
    };
    return fn(scope);
  });
  void ctx.outbox.kick();
  return result;
}
