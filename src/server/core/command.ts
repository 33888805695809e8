import { sql } from 'drizzle-orm';
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

/** One change to audit and publish, by its actor. */
export interface Recorded { actor: Actor; requestId?: string; entry: AuditEntry; payload?: unknown }

/**
 * The audit entries and their events (`${entity}.${action}`, the payload or a default one), in one
 * statement however many (a batch of comments writes all of its own at once).
 */
export async function recordAll(tx: Tx, rows: Recorded[]) {
  if (!rows.length) return;
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  const audited = rows.map(({ actor, requestId, entry }) => sql`(${actor.orgId}, ${actor.id}, ${entry.action}, ${entry.entity}, ${entry.entityId}, ${json(entry.before)}::jsonb, ${json(entry.after)}::jsonb, ${requestId ?? null})`);
  const events = rows.map(({ actor, entry, payload }) => sql`(${actor.orgId}, ${`${entry.entity}.${entry.action}`}, ${json(payload ?? { id: entry.entityId, actorUserId: actor.id, after: entry.after ?? null })}::jsonb)`);
  await tx.execute(sql`with audited as (
      insert into ${auditLog} (org_id, actor_user_id, action, entity, entity_id, before, after, request_id)
      values ${sql.join(audited, sql`, `)})
    insert into ${outbox} (org_id, type, payload)
    values ${sql.join(events, sql`, `)}`);
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
      record: (entry, payload) => recordAll(tx, [{ actor: ctx.actor, requestId: ctx.requestId, entry, payload }]),
    };
    return fn(scope);
  });
  void ctx.outbox.kick();
  return result;
}
