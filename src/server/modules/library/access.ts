import crypto from 'node:crypto';
import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { notFound, Problem, say } from '../../core/errors.ts';
import { definePolicies, hasRole, type Actor } from '../../core/policies.ts';
import { documents, type DocumentAccess } from './schema.ts';

// Who may read what in 文库. A document's `access` says who may open it: `public` anyone (also
// without logging in), `members` the committee's members, leaders and office, `staff` the office.
// Anyone else gets 404, as if it did not exist. Insiders (members, leaders, staff) read every page
// and download the file; outsiders (visitors, units) preview the first LIBRARY_PREVIEW_PAGES pages.
// A share link (signed, expiring) lets whoever holds it read one document's pages as an insider.
// The office uploads, deletes, keeps categories and resolves reports; hidden documents are its only.

definePolicies({
  'library.manage': ['staff', 'admin'],
});

export type Doc = typeof documents.$inferSelect;

export const isOffice = (a: Actor | null) => !!a && hasRole(a, 'staff', 'admin');
export const isInsider = (a: Actor | null) => !!a && hasRole(a, 'staff', 'admin', 'leader', 'member');

/** The access levels a caller may open. */
export function levelsFor(a: Actor | null): DocumentAccess[] {
  if (isOffice(a)) return ['public', 'members', 'staff'];
  if (isInsider(a)) return ['public', 'members'];
  return ['public'];
}

/** The documents a caller may open (in their committee; a visitor: public ones of any). */
export function visibleDocuments(a: Actor | null): SQL {
  return and(
    a ? eq(documents.orgId, a.orgId) : undefined,
    inArray(documents.access, levelsFor(a)),
    isOffice(a) ? undefined : and(eq(documents.hidden, false), eq(documents.state, 'ready')),
  )!;
}

export interface Reader { actor: Actor | null; share?: string }

/** A login of another committee reads a document as a visitor there does (public ones only, the preview only). */
export const readerIn = (a: Actor | null, orgId: string): Actor | null => (a?.orgId === orgId ? a : null);

/**
 * The document for this reader, and as whom it is read (`as`: readerIn). A valid share link opens it
 * whatever its access. `visiting`: also another committee's public document (what a visitor opens,
 * e.g. listed in a roll-up, 含下级), read as a visitor; the routes that change a document leave it out.
 * Else 404.
 */
export async function loadDocument(db: Queryable, reader: Reader, id: string, keys: Signer, visiting = false): Promise<{ doc: Doc; shared: boolean; as: Actor | null }> {
  const own = visibleDocuments(reader.actor);
  const [doc] = await db.select().from(documents).where(and(eq(documents.id, id), visiting && reader.actor ? or(own, visibleDocuments(null)) : own));
  if (doc) return { doc, shared: false, as: readerIn(reader.actor, doc.orgId) };
  if (reader.share && verifyShare(keys, id, reader.share)) {
    const [d] = await db.select().from(documents).where(and(eq(documents.id, id), eq(documents.hidden, false), eq(documents.state, 'ready')));
    if (d) return { doc: d, shared: true, as: readerIn(reader.actor, d.orgId) };
  }
  throw notFound('Document');
}

/** How many pages this reader may preview. */
export function previewPagesFor(doc: Doc, reader: Actor | null, shared: boolean, outsiders: number): number {
  const pages = doc.pages ?? 0;
  return isInsider(reader) || shared ? pages : Math.min(pages, outsiders);
}

/** May this reader download the original? Insiders only (visitors and units read the preview). */
export const mayDownload = (a: Actor | null) => isInsider(a);

export const loginToReadOn = () => new Problem(403, 'Forbidden', say('委员和机关工作人员登录后继续阅读', 'Members and staff: log in to read on'));

// Share links: `<expiry seconds>.<HMAC of document id and expiry>`, signed with the server's session secret.
export interface Signer { digest(text: string): string }
const sign = (keys: Signer, id: string, exp: number) => keys.digest(`document-share:${id}:${exp}`);
export const shareToken = (keys: Signer, id: string, exp: number) => `${exp}.${sign(keys, id, exp)}`;
export function verifyShare(keys: Signer, id: string, token: string): boolean {
  const m = /^(\d{1,12})\.([\w-]{43})$/.exec(token);
  if (!m) return false;
  const exp = Number(m[1]);
  if (exp * 1000 < Date.now()) return false;
  const want = Buffer.from(sign(keys, id, exp));
  const got = Buffer.from(m[2]!);
  return want.length === got.length && crypto.timingSafeEqual(want, got);
}

/** An uploader's name as outsiders see it (sc****y, 张*). */
export function masked(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  if (chars.length <= 4) return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
  return `${chars.slice(0, 2).join('')}****${chars.at(-1)}`;
}
