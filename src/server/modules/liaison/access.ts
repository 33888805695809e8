import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { notFound, say, type Localized } from '../../core/errors.ts';
import { definePolicies, hasRole, type Actor } from '../../core/policies.ts';
import { liaisonContacts, liaisonLinks } from './schema.ts';

// Who may do what in 双联. Staff and admins generate and adjust the graph and log for anyone;
// leaders read everything; a member sees the links they are on and logs contacts on their own.

definePolicies({
  'liaison.manage': ['staff', 'admin'],
  'liaison.read': ['staff', 'admin', 'leader'],
  // The 双联见面会: the office and the members (who convert the opinions they raised there).
  'liaison.meetings.read': ['staff', 'admin', 'leader', 'member'],
});

export type Link = typeof liaisonLinks.$inferSelect;
export type Contact = typeof liaisonContacts.$inferSelect;

/** The links the caller may see: all for the office, else those the caller is on. Others get 404. */
export function visibleLinks(actor: Actor): SQL {
  const own = actor.memberId ? or(eq(liaisonLinks.fromMemberId, actor.memberId), eq(liaisonLinks.toMemberId, actor.memberId))! : sql`false`;
  return and(eq(liaisonLinks.orgId, actor.orgId), hasRole(actor, 'staff', 'admin', 'leader') ? undefined : own)!;
}

/** The liaison of a link logs its contacts; staff and admins for anyone (a paper record, a committee's link). */
export const mayLog = (actor: Actor, l: Link) => hasRole(actor, 'staff', 'admin') || (!!actor.memberId && l.fromMemberId === actor.memberId);

export async function loadLink(db: Queryable, actor: Actor, id: string, opts: { lock?: boolean } = {}): Promise<Link> {
  const q = db.select().from(liaisonLinks).where(and(eq(liaisonLinks.id, id), visibleLinks(actor)));
  const [l] = await (opts.lock ? q.for('update') : q);
  if (!l) throw notFound('Link');
  return l;
}

/** A contact and its link, for a caller who may see the link (`lock`: the contact's row locked). */
export async function loadContact(db: Queryable, actor: Actor, id: string, opts: { lock?: boolean } = {}): Promise<{ contact: Contact; link: Link }> {
  const q = db.select({ contact: liaisonContacts, link: liaisonLinks }).from(liaisonContacts)
    .innerJoin(liaisonLinks, and(eq(liaisonLinks.orgId, liaisonContacts.orgId), eq(liaisonLinks.id, liaisonContacts.linkId)))
    .where(and(eq(liaisonContacts.orgId, actor.orgId), eq(liaisonContacts.id, id), visibleLinks(actor)));
  const [row] = await (opts.lock ? q.for('update', { of: liaisonContacts }) : q);
  if (!row) throw notFound('Contact');
  return row;
}

/**
 * Why the caller may not correct (edit or delete) a contact now, or null: its liaison may within the
 * contact's year (the year's 一见面 and counters close with it), staff and admins at any time; others
 * who see it (leaders, the member linked to) never.
 */
export function correctionRefused(actor: Actor, link: Link, contact: Contact, thisYear: number): { status: 403 | 409; message: Localized } | null {
  if (!mayLog(actor, link)) return { status: 403, message: say('只有记录这次联系的委员本人或工作人员可以修改、删除联系记录', 'Only the liaison who logged the contact, or staff, may edit or delete it') };
  if (!hasRole(actor, 'staff', 'admin') && contact.year !== thisYear) {
    return { status: 409, message: say(`${contact.year} 年度的联系记录已随年度结束，不能再修改或删除；如需更正请联系工作人员`,
      `Contacts of ${contact.year} closed with the year: they can no longer be edited or deleted (ask the office to correct one)`) };
  }
  return null;
}
