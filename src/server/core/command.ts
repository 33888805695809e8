import { sql } from 'drizzle-orm';
import type { Db, Tx } from './db/client.ts';
import { auditLog, outbox } from './schema.ts';
import { authorize, type Actor, type Resource } from './policies.ts';
import type { Outbox } from './outbox.ts';

export interface Ctx { db: Db; actor: Actor; requestId?: string; outbox: Outbox }

export interface AuditEntry { action: string; entity: string; entityId: string; before?: unknown; after?: unknown }

export interface CommandScope {
  tx: Tx;
  actor: Actor;
  /** Checks a policy against a (locked) row; throws 403. */
  authorize(policy: string, resource?: Resource): void;
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
        const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
        // The audit entry and the event in one statement (one round trip of every command's few).
        await tx.execute(sql`with audited as (
            insert into ${auditLog} (org_id, actor_user_id, action, entity, entity_id, before, after, request_id)
            values (${orgId}, ${ctx.actor.id}, ${entry.action}, ${entry.entity}, ${entry.entityId}, ${json(entry.before)}::jsonb, ${json(entry.after)}::jsonb, ${ctx.requestId ?? null}))
          insert into ${outbox} (org_id, type, payload)
          values (${orgId}, ${`${entry.entity}.${entry.action}`}, ${json(payload ?? { id: entry.entityId, actorUserId: ctx.actor.id, after: entry.after ?? null })}::jsonb)`);
      },
    };
    return fn(scope);
  });
  void ctx.outbox.kick();
  return result;
}
