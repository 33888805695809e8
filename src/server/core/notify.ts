import { and, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Queryable, Tx } from './db/client.ts';
import { notifications } from './jobs-schema.ts';
import { outbox, users } from './schema.ts';
import { members } from '../modules/org/schema.ts';
import type { Outbox } from './outbox.ts';

/**
 * `sms`: also send a text message (kept for urgent notices such as overdue items).
 * `params`: what varies in the Chinese title and body (item title, dates, …); the web words them as
 * `notice.<kind>[.<params.key>]` in the reader's language. The Chinese text stays for e-mail and SMS.
 */
export interface Notice { kind: string; title: string; body?: string; href?: string; sms?: boolean; params?: Record<string, string | number> }

/** In-app notices, in the caller's transaction; e-mail and SMS follow after commit (outbox). */
export async function notify(tx: Tx, orgId: string, userIds: string[], n: Notice) {
  const ids = [...new Set(userIds)];
  if (!ids.length) return;
  // The notices and their delivery event in one statement.
  await tx.execute(sql`with made as (
      insert into ${notifications} (org_id, user_id, kind, title, body, href, params)
      select ${orgId}, u, ${n.kind}, ${n.title}, ${n.body ?? ''}, ${n.href ?? null}, ${n.params ? JSON.stringify(n.params) : null}::jsonb
      from unnest(array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::uuid[]) u
      returning id)
    insert into ${outbox} (org_id, type, payload)
    select ${orgId}, 'notification.created', jsonb_build_object('ids', jsonb_agg(id), 'sms', ${!!n.sms}::boolean) from made`);
}

/** Active logins of a unit (its clerks). */
export async function unitUsers(db: Queryable, orgId: string, unitIds: string[]) {
  if (!unitIds.length) return [];
  const rows = await db.select({ id: users.id }).from(users).where(and(eq(users.orgId, orgId), inArray(users.unitId, unitIds), eq(users.active, true)));
  return rows.map((r) => r.id);
}

export async function roleUsers(db: Queryable, orgId: string, role: string) {
  const rows = await db.select({ id: users.id }).from(users)
    .where(and(eq(users.orgId, orgId), eq(users.active, true), sql`${users.roles} @> ${JSON.stringify([role])}::jsonb`));
  return rows.map((r) => r.id);
}

export async function memberUsers(db: Queryable, orgId: string, memberIds: string[]) {
  if (!memberIds.length) return [];
  const rows = await db.select({ id: users.id }).from(users).where(and(eq(users.orgId, orgId), inArray(users.memberId, memberIds), eq(users.active, true)));
  return rows.map((r) => r.id);
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
