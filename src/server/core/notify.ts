import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { queryRows, type Queryable, type Tx } from './db/client.ts';
import { notifications } from './jobs-schema.ts';
import { outbox, users } from './schema.ts';
import { members } from '../modules/org/schema.ts';
import type { Outbox } from './outbox.ts';
import { writeAlongside } from './command.ts';

/**
 * `sms`: also send a text message (kept for urgent notices such as overdue items).
 * `params`: what varies in the Chinese title and body (item title, dates, …); the web words them as
 * `notice.<kind>[.<params.key>]` in the reader's language. The Chinese text stays for e-mail and SMS.
 */
export interface Notice { kind: string; title: string; body?: string; href?: string; sms?: boolean; params?: Record<string, string | number> }

/** Who gets a notice: user ids, or a query of them (`unitUsersOf`, …), then looked up in the notice's own statement. */
export type Recipients = string[] | SQL;

/** In-app notices, in the caller's transaction; e-mail and SMS follow after commit (outbox). */
export async function notify(tx: Tx, orgId: string, to: Recipients, n: Notice) {
  let from: SQL;
  if (Array.isArray(to)) {
    const ids = [...new Set(to)];
    if (!ids.length) return;
    from = sql`unnest(array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::uuid[]) as r(u)`;
  } else from = sql`(select distinct id from (${to}) q) as r(u)`;
  // The notices and their delivery event in one statement (none when no one is to be told); in a
  // command's transaction, as part of its next recorded statement (writeAlongside).
  const made = sql`insert into ${notifications} (org_id, user_id, kind, title, body, href, params)
      select ${orgId}, r.u, ${n.kind}, ${n.title}, ${n.body ?? ''}, ${n.href ?? null}, ${n.params ? JSON.stringify(n.params) : null}::jsonb
      from ${from}
      returning id`;
  const told = (madeName: string) => sql`insert into ${outbox} (org_id, type, payload)
    select ${orgId}, 'notification.created', jsonb_build_object('ids', jsonb_agg(id), 'sms', ${!!n.sms}::boolean) from ${sql.raw(madeName)} having count(*) > 0`;
  if (writeAlongside(tx, (prefix) => sql`${sql.raw(prefix)}made as (${made}), ${sql.raw(prefix)}told as (${told(`${prefix}made`)})`)) return;
  await tx.execute(sql`with made as (${made}) ${told('made')}`);
}

/** A request answered (a co-signing confirmed or declined): the caller's notices asking it are read. */
export async function answered(tx: Tx, orgId: string, userId: string, kind: string, href: string) {
  await tx.update(notifications).set({ readAt: sql`now()` }).where(and(eq(notifications.orgId, orgId), eq(notifications.userId, userId),
    eq(notifications.kind, kind), eq(notifications.href, href), isNull(notifications.readAt)));
}

/** The active logins of a committee that `where` picks, as a query (of one column, `id`). */
const activeUsers = (orgId: string, where: SQL) => sql`select ${users.id} as id from ${users} where ${users.orgId} = ${orgId} and ${users.active} and ${where}`;
const ids = async (db: Queryable, query: SQL) => (await queryRows<{ id: string }>(db, query)).map((r) => r.id);

/** Active logins of units (their clerks). */
export const unitUsersOf = (orgId: string, unitIds: string[]) => activeUsers(orgId, unitIds.length ? inArray(users.unitId, unitIds) : sql`false`);
export const roleUsersOf = (orgId: string, role: string) => activeUsers(orgId, sql`${users.roles} @> ${JSON.stringify([role])}::jsonb`);
export const memberUsersOf = (orgId: string, memberIds: string[]) => activeUsers(orgId, memberIds.length ? inArray(users.memberId, memberIds) : sql`false`);

export async function unitUsers(db: Queryable, orgId: string, unitIds: string[]) {
  return unitIds.length ? ids(db, unitUsersOf(orgId, unitIds)) : [];
}

export const roleUsers = (db: Queryable, orgId: string, role: string) => ids(db, roleUsersOf(orgId, role));

export async function memberUsers(db: Queryable, orgId: string, memberIds: string[]) {
  return memberIds.length ? ids(db, memberUsersOf(orgId, memberIds)) : [];
}

/** Sends text messages. The default transport only logs; a gateway implements the same interface. */
export interface SmsSender { send(phone: string, text: string): Promise<void> }
export const logSms = (log: FastifyBaseLogger): SmsSender => ({ async send(phone, text) { log.info({ sms: { phone, text } }, 'sms (log transport)'); } });

export interface MailSender { send(to: string, subject: string, text: string): Promise<void> }

/** Delivers new notices by e-mail and SMS to users linked to a member with an address or phone. */
export function deliverySubscriber(opts: { mail?: MailSender; sms: SmsSender }) {
  return async (event: { orgId: string; payload: unknown }, tx: Tx) => {
    const { ids, sms } = event.payload as { ids: string[]; sms: boolean };
    const rows = await tx.select({ n: notifications, email: members.email, phone: members.phone }).from(notifications)
      .innerJoin(users, and(eq(users.orgId, notifications.orgId), eq(users.id, notifications.userId)))
      .leftJoin(members, and(eq(members.orgId, users.orgId), eq(members.id, users.memberId)))
      .where(and(eq(notifications.orgId, event.orgId), inArray(notifications.id, ids)));
    for (const r of rows) {
      const text = `${r.n.title}${r.n.body ? `\n${r.n.body}` : ''}`;
      if (opts.mail && r.email) await opts.mail.send(r.email, `【同心】${r.n.title}`, text);
      if (sms && r.phone) await opts.sms.send(r.phone, `【同心】${r.n.title}`);
    }
  };
}

export function registerDelivery(outboxInstance: Outbox, opts: { mail?: MailSender; sms: SmsSender }) {
  outboxInstance.subscribe('notification.created', deliverySubscriber(opts));
}
