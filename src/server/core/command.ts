import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { queryRowsNamed, type Db, type Tx } from './db/client.ts';
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
  /**
   * `record` in one statement with a change (an insert, update or delete `returning *`, as raw SQL
   * or a query builder's): answers the changed rows as JSON objects of column names (`rowsFromJson`).
   */
  recordWith(statement: SQLWrapper, entry: AuditEntry, payload?: unknown): Promise<Record<string, unknown>[]>;
}

/** One change to audit and publish, by its actor. */
export interface Recorded { actor: Actor; requestId?: string; entry: AuditEntry; payload?: unknown }

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** The audit entries and their events (`${entity}.${action}`, the payload or a default one): two inserts to run in one statement. */
function recorded(rows: Recorded[]) {
  const audited = rows.map(({ actor, requestId, entry }) => sql`(${actor.orgId}, ${actor.id}, ${entry.action}, ${entry.entity}, ${entry.entityId}, ${json(entry.before)}::jsonb, ${json(entry.after)}::jsonb, ${requestId ?? null})`);
  const events = rows.map(({ actor, entry, payload }) => sql`(${actor.orgId}, ${`${entry.entity}.${entry.action}`}, ${json(payload ?? { id: entry.entityId, actorUserId: actor.id, after: entry.after ?? null })}::jsonb)`);
  return {
    audit: sql`insert into ${auditLog} (org_id, actor_user_id, action, entity, entity_id, before, after, request_id) values ${sql.join(audited, sql`, `)}`,
    event: sql`insert into ${outbox} (org_id, type, payload) values ${sql.join(events, sql`, `)}`,
  };
}

/** A held write as entries of a `with` (`${prefix}… as (…)`), named from the prefix it is given. */
type Part = (prefix: string) => SQL;
/** The writes a command's transaction holds until its next recorded statement, or its commit. */
const heldWrites = new WeakMap<Tx, Part[]>();

/**
 * In a command's transaction, a write whose result nobody reads back in the command (a notice, a
 * reminder, an assignment's new state) goes with the command's next recorded statement (`record`,
 * `recordWith`) instead of a round trip of its own, as `with` entries: data-modifying statements,
 * which PostgreSQL runs to completion whether or not they are read; the command sends what is still
 * held before it commits. So it runs later in the transaction than where it is called: it must not
 * be a write a later statement of the command reads. Answers false outside a command's transaction
 * (the caller runs it now).
 */
export function writeAlongside(tx: Tx, parts: Part): boolean {
  const held = heldWrites.get(tx);
  if (!held) return false;
  held.push(parts);
  return true;
}

/** A single-statement write (an insert, update or delete with no `with` of its own) held as `writeAlongside` says, or run now. */
export async function writeLater(tx: Tx, write: SQLWrapper): Promise<void> {
  if (!writeAlongside(tx, (prefix) => sql`${sql.raw(prefix)}write as (${write.getSQL()})`)) await tx.execute(write.getSQL());
}

/** The held writes of `tx` as `with` entries, taken: they go with this statement. */
const takeHeld = (tx: Tx) => (heldWrites.get(tx) ?? []).splice(0).map((p, i) => p(`held${i}_`));
/** The held writes of `tx` as more entries of a `with`. */
const withHeld = (tx: Tx) => sql.join(takeHeld(tx).map((entry) => sql`, ${entry}`));

/** The audit entries and their events in one statement however many (a batch of comments writes all of its own at once). */
export async function recordAll(tx: Tx, rows: Recorded[]) {
  if (!rows.length) return;
  const { audit, event } = recorded(rows);
  await queryRowsNamed(tx, sql`with audited as (${audit})${withHeld(tx)} ${event}`);
}

/**
 * The one command path: transaction → authorize → transition → write → audit → outbox event;
 * subscribers run after commit.
 */
export async function runCommand<T>(ctx: Ctx, fn: (c: CommandScope) => Promise<T>): Promise<T> {
  const result = await ctx.db.transaction(async (tx) => {
    heldWrites.set(tx, []);
    const scope: CommandScope = {
      tx,
      actor: ctx.actor,
      authorize: (policy, resource) => authorize(ctx.actor, policy, resource),
      record: (entry, payload) => recordAll(tx, [{ actor: ctx.actor, requestId: ctx.requestId, entry, payload }]),
      async recordWith(statement, entry, payload) {
        // The change, its audit entry and its event in one statement (one round trip of every command's few).
        const { audit, event } = recorded([{ actor: ctx.actor, requestId: ctx.requestId, entry, payload }]);
        const rows = await queryRowsNamed<{ row: Record<string, unknown> }>(tx, sql`with changed as (${statement.getSQL()}), audited as (${audit}), evented as (${event})${withHeld(tx)}
          select row_to_json(changed.*) as row from changed`);
        return rows.map((r) => r.row);
      },
    };
    const out = await fn(scope);
    // (the held writes no recorded statement took, before commit)
    const held = takeHeld(tx);
    if (held.length) await queryRowsNamed(tx, sql`with ${sql.join(held, sql`, `)} select 1`);
    return out;
  });
  void ctx.outbox.kick();
  return result;
}
