import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { runCommand, type Ctx } from '../../core/command.ts';
import type { Queryable } from '../../core/db/client.ts';
import { invalid, notFound, say, type Lang } from '../../core/errors.ts';
import { can, type Actor } from '../../core/policies.ts';
import { redactContacts } from '../../core/text/redact.ts';
import { consultations, consultationTasks } from '../consultations/schema.ts';
import { members } from '../org/schema.ts';
import { fullAccess, readableBy as proposalReadableBy } from '../proposals/access.ts';
import { proposals } from '../proposals/schema.ts';
import '../records/commands.ts'; // the records.read policy a member's record is read under
import { isOutsider } from '../search/queries.ts';
import { visibleDocuments, type Doc } from './access.ts';
import { listItem } from './queries.ts';
import { documentLinks, documents, type LinkKind } from './schema.ts';

// Documents linked to what they belong to: a proposal, a consultation (one of its 八个一 as that
// item's deliverable, or the consultation itself) and a member's duty record. The office links and
// unlinks; a reader sees a link only where they may open both ends: the document under its access,
// the item under its own read rule (the rule its page's GET uses), so neither side leaks the other.

export const LINK_KINDS = ['proposal', 'consultation', 'member'] as const satisfies readonly LinkKind[];

export interface LinkRef { kind: LinkKind; targetId: string; part: string }
export interface LinkTarget extends LinkRef { title: string; href: string }

/** The items of these links the caller may read, with their title and page. */
export async function readableTargets(db: Queryable, actor: Actor | null, orgId: string, refs: LinkRef[]): Promise<LinkTarget[]> {
  const ids = (k: LinkKind) => [...new Set(refs.filter((r) => r.kind === k).map((r) => r.targetId))];
  const outsider = isOutsider(actor);
  const found = new Map<string, { title: string; href: string }>();
  const [ps, cs, ms] = await Promise.all([
    ids('proposal').length
      ? db.select({ id: proposals.id, title: proposals.title, full: sql<boolean>`${fullAccess(actor)}` }).from(proposals)
        .where(and(eq(proposals.orgId, orgId), inArray(proposals.id, ids('proposal')), proposalReadableBy(actor)))
      : [],
    ids('consultation').length
      ? db.select({ id: consultations.id, title: consultations.title }).from(consultations).where(and(eq(consultations.orgId, orgId), inArray(consultations.id, ids('consultation')),
        // The committee's logins read every consultation; the public those on the public list.
        outsider ? or(ne(consultations.state, 'topic'), eq(consultations.commentsOpen, true)) : undefined))
      : [],
    // A member's record: the member themself, and those who read every record (records.read).
    ids('member').length && actor && actor.orgId === orgId
      ? db.select({ id: members.id, name: members.name }).from(members).where(and(eq(members.orgId, orgId), inArray(members.id, ids('member')),
        can(actor, 'records.read') ? undefined : actor.memberId ? eq(members.id, actor.memberId) : sql`false`))
      : [],
  ]);
  for (const p of ps) found.set(`proposal:${p.id}`, { title: p.full ? p.title : redactContacts(p.title), href: outsider ? `/public/proposals/${p.id}` : `/proposals/${p.id}` });
  for (const c of cs) found.set(`consultation:${c.id}`, { title: c.title, href: outsider ? `/public/consultations/${c.id}` : `/consultations/${c.id}` });
  for (const m of ms) found.set(`member:${m.id}`, { title: m.name, href: `/records/members/${m.id}` });
  return refs.flatMap((r) => {
    const f = found.get(`${r.kind}:${r.targetId}`);
    return f ? [{ ...r, ...f }] : [];
  });
}

/** Where a document is used, as far as the caller may see (the document itself already opened by them). */
export async function linksOf(db: Queryable, actor: Actor | null, doc: Doc): Promise<LinkTarget[]> {
  const rows = await db.select({ kind: documentLinks.targetKind, targetId: documentLinks.targetId, part: documentLinks.part }).from(documentLinks)
    .where(and(eq(documentLinks.orgId, doc.orgId), eq(documentLinks.documentId, doc.id))).orderBy(documentLinks.createdAt);
  return readableTargets(db, actor, doc.orgId, rows);
}

/** The committee an item belongs to (a visitor reads a public proposal or consultation of any committee). */
async function orgOfTarget(db: Queryable, kind: LinkKind, id: string): Promise<string | null> {
  const table = kind === 'proposal' ? proposals : kind === 'consultation' ? consultations : members;
  const [row] = await db.select({ orgId: table.orgId }).from(table).where(eq(table.id, id)).limit(1);
  return row?.orgId ?? null;
}

/** The documents linked to an item the caller may read (else 404), those the caller may open. */
export async function linkedDocuments(db: Queryable, actor: Actor | null, kind: LinkKind, targetId: string, lang: Lang) {
  const orgId = actor ? actor.orgId : await orgOfTarget(db, kind, targetId);
  const [target] = orgId ? await readableTargets(db, actor, orgId, [{ kind, targetId, part: '' }]) : [];
  if (!orgId || !target) throw notFound(kind === 'proposal' ? 'Proposal' : kind === 'consultation' ? 'Consultation' : 'Member');
  const rows = await db.select({ d: documents, part: documentLinks.part }).from(documentLinks)
    .innerJoin(documents, and(eq(documents.orgId, documentLinks.orgId), eq(documents.id, documentLinks.documentId)))
    .where(and(eq(documentLinks.orgId, orgId), eq(documentLinks.targetKind, kind), eq(documentLinks.targetId, targetId), visibleDocuments(actor)))
    .orderBy(documentLinks.part, documentLinks.createdAt);
  return rows.map(({ d, part }) => ({ ...listItem(d, actor, lang), part }));
}

/** The item must exist in the committee; a consultation's part must be an item of its checklist, other kinds have none. */
async function checkTarget(tx: Queryable, orgId: string, ref: LinkRef) {
  if (ref.kind !== 'consultation' && ref.part) throw invalid('/part', say('只有协商活动的清单事项可以指定', 'only a consultation\'s checklist items have parts'));
  const table = ref.kind === 'proposal' ? proposals : ref.kind === 'consultation' ? consultations : members;
  const [row] = await tx.select({ id: table.id }).from(table).where(and(eq(table.orgId, orgId), eq(table.id, ref.targetId)));
  if (!row) throw invalid('/targetId', say('关联对象不存在', 'no such item'));
  if (ref.kind === 'consultation' && ref.part) {
    const [task] = await tx.select({ key: consultationTasks.key }).from(consultationTasks)
      .where(and(eq(consultationTasks.orgId, orgId), eq(consultationTasks.consultationId, ref.targetId), eq(consultationTasks.key, ref.part)));
    if (!task) throw invalid('/part', say('该协商活动的清单中没有此事项', 'not an item of the consultation\'s checklist'));
  }
}

/** Links a document to an item (the office); true when the link is new. */
export async function link(ctx: Ctx, doc: Doc, ref: LinkRef): Promise<boolean> {
  return runCommand(ctx, async (c) => {
    c.authorize('library.manage', doc);
    await checkTarget(c.tx, doc.orgId, ref);
    const made = await c.tx.insert(documentLinks).values({ orgId: doc.orgId, documentId: doc.id, targetKind: ref.kind, targetId: ref.targetId, part: ref.part, createdBy: ctx.actor.id })
      .onConflictDoNothing().returning();
    if (made.length) await c.record({ action: 'link', entity: 'document', entityId: doc.id, after: { kind: ref.kind, targetId: ref.targetId, part: ref.part || undefined } });
    return made.length > 0;
  });
}

/** Unlinks a document from an item (the office): its links to it, of that kind and part when named; 404 when there is none. */
export async function unlink(ctx: Ctx, doc: Doc, targetId: string, only: { kind?: LinkKind; part?: string }) {
  await runCommand(ctx, async (c) => {
    c.authorize('library.manage', doc);
    const gone = await c.tx.delete(documentLinks).where(and(eq(documentLinks.orgId, doc.orgId), eq(documentLinks.documentId, doc.id), eq(documentLinks.targetId, targetId),
      only.kind ? eq(documentLinks.targetKind, only.kind) : undefined, only.part !== undefined ? eq(documentLinks.part, only.part) : undefined)).returning();
    if (!gone.length) throw notFound('Document link');
    for (const l of gone) await c.record({ action: 'unlink', entity: 'document', entityId: doc.id, before: { kind: l.targetKind, targetId, part: l.part || undefined } });
  });
}
