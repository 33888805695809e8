import { and, asc, count, desc, eq, ilike, inArray, isNotNull, lte, max, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { inLang, type Lang } from '../../core/errors.ts';
import type { Actor } from '../../core/policies.ts';
import { searchTokens } from '../../core/text/segment.ts';
import { SimilarityIndex } from '../../core/text/similarity.ts';
import { searchDocs } from '../search/schema.ts';
import { readerOrg } from '../org/visitor.ts';
import { orgs } from '../../core/schema.ts';
import { isOffice, masked, mayDownload, previewPagesFor, readerIn, visibleDocuments, type Doc } from './access.ts';
import { documentCategories, documentFavourites, documentPages, documents, type DocumentFormat } from './schema.ts';

// Reading the library: lists, one document as its reader may see it, its text, related documents.

export const DOC_KIND = 'document';

export interface ListQuery { q?: string; categoryId?: string; format?: DocumentFormat; page: number; pageSize: number; orgId?: string }

/**
 * The documents the caller may open; `q` matches titles, numbers and (segmented) text. With `tree`
 * (scope=tree: the caller's committee and the active ones below it, org/oversight.ts), the public
 * documents of each, as a visitor reads them, each with its committee's name.
 */
export async function listDocuments(db: Queryable, actor: Actor | null, q: ListQuery, lang: Lang, tree?: { id: string; name: string }[]) {
  const orgId = await readerOrg(db, actor, q.orgId);
  if (!orgId) return { items: [], total: 0 };
  const words = q.q ? searchTokens(q.q) : [];
  const names = tree ? new Map(tree.map((o) => [o.id, o.name])) : null;
  const where = and(
    names ? and(inArray(documents.orgId, [...names.keys()]), visibleDocuments(null)) : and(eq(documents.orgId, orgId), visibleDocuments(actor)),
    q.categoryId ? inArray(documents.categoryId, await categoryAndBelow(db, orgId, q.categoryId)) : undefined,
    q.format ? eq(documents.format, q.format) : undefined,
    q.q ? or(
      ilike(documents.title, `%${escapeLike(q.q)}%`), eq(documents.number, q.q.trim()),
      words.length ? sql`exists (select 1 from ${searchDocs} s where s.org_id = ${documents.orgId} and s.doc_kind = ${DOC_KIND}
        and s.doc_id = ${documents.id} and s.tsv @@ to_tsquery('simple', ${words.map((w) => w.replace(/[&|!():*'\\<>]/g, '')).filter(Boolean).join(' & ') || 'x'}))` : undefined,
    ) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db.select().from(documents).where(where).orderBy(desc(documents.uploadedAt), desc(documents.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(documents).where(where),
  ]);
  if (!names) return { items: rows.map((d) => listItem(d, actor, lang)), total: total!.n };
  // A committee below's documents as a visitor reads them (its uploaders' names masked).
  return { items: rows.map((d) => ({ ...listItem(d, d.orgId === orgId ? actor : null, lang), orgId: d.orgId, orgName: names.get(d.orgId) ?? '' })), total: total!.n };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function listItem(d: Doc, reader: Actor | null, lang: Lang) {
  // (a login of another committee, reading its public documents in a roll-up, as a visitor there)
  const actor = readerIn(reader, d.orgId);
  return {
    id: d.id, number: d.number, title: d.title, format: d.format, size: d.size, pages: d.pages, state: d.state,
    // Why it failed; to the office also why the last attempt failed while it is retried.
    ...(d.reason && (d.state === 'failed' || (d.state === 'processing' && isOffice(actor))) ? { reason: inLang(d.reason, lang) } : {}),
    uploadedAt: d.uploadedAt.toISOString(), access: d.access, downloads: d.downloads, categoryId: d.categoryId,
    uploader: isOffice(actor) ? d.uploaderName : masked(d.uploaderName), previewKind: d.previewKind, hidden: d.hidden,
  };
}

/** A category with those below it (for a category filter). */
async function categoryAndBelow(db: Queryable, orgId: string, id: string): Promise<string[]> {
  const all = await db.select({ id: documentCategories.id, parentId: documentCategories.parentId }).from(documentCategories).where(eq(documentCategories.orgId, orgId));
  const out = [id];
  for (let i = 0; i < out.length; i++) for (const c of all) if (c.parentId === out[i] && !out.includes(c.id)) out.push(c.id);
  return out;
}

export async function listCategories(db: Queryable, orgId: string | null) {
  if (!orgId) return [];
  return db.select({ id: documentCategories.id, parentId: documentCategories.parentId, name: documentCategories.name, sort: documentCategories.sort })
    .from(documentCategories).where(eq(documentCategories.orgId, orgId)).orderBy(asc(documentCategories.sort), asc(documentCategories.name));
}

/**
 * The categories (GET /documents/categories), each with how many documents it holds itself that this
 * reader may open (staff, who keep the categories: all of them, as a refused delete counts them) and
 * how many sub-categories it has right below it.
 */
export async function categoriesWithCounts(db: Queryable, orgId: string | null, actor: Actor | null) {
  const all = await listCategories(db, orgId);
  if (!orgId || !all.length) return all.map((c) => ({ ...c, documentCount: 0, subcategoryCount: 0 }));
  const held = await db.select({ categoryId: documents.categoryId, n: count() }).from(documents)
    .where(and(eq(documents.orgId, orgId), visibleDocuments(readerIn(actor, orgId)), isNotNull(documents.categoryId))).groupBy(documents.categoryId);
  const docs = new Map(held.map((r) => [r.categoryId, r.n]));
  return all.map((c) => ({ ...c, documentCount: docs.get(c.id) ?? 0, subcategoryCount: all.filter((x) => x.parentId === c.id).length }));
}

/** The category and its ancestors, top first. */
export async function breadcrumbs(db: Queryable, orgId: string, categoryId: string | null) {
  if (!categoryId) return [];
  const all = await listCategories(db, orgId);
  const out: { id: string; name: string }[] = [];
  for (let c = all.find((x) => x.id === categoryId); c && out.length < 20; c = all.find((x) => x.id === c!.parentId)) out.unshift({ id: c.id, name: c.name });
  return out;
}

/**
 * One document as this reader sees it (GET /documents/:id): `as` whom it is read (loadDocument), and
 * whether the logged-in `user` keeps it among their favourites. Another committee's names that committee.
 */
export async function presentDocument(db: Queryable, doc: Doc, reader: { as: Actor | null; user: Actor | null }, shared: boolean, outsiders: number, lang: Lang) {
  const { as, user } = reader;
  const [fav] = user ? await db.select({ n: count() }).from(documentFavourites)
    .where(and(eq(documentFavourites.orgId, doc.orgId), eq(documentFavourites.userId, user.id), eq(documentFavourites.documentId, doc.id))) : [{ n: 0 }];
  const [committee] = user && user.orgId !== doc.orgId ? await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, doc.orgId)) : [];
  return {
    ...listItem(doc, as, lang), filename: doc.filename, orgId: doc.orgId, ...(committee ? { orgName: committee.name } : {}),
    previewPages: doc.state === 'ready' ? previewPagesFor(doc, as, shared, outsiders) : 0,
    mayDownload: mayDownload(as), favourite: !!fav?.n, breadcrumbs: await breadcrumbs(db, doc.orgId, doc.categoryId),
  };
}

/** The text of pages 1…upTo. */
export async function pageTexts(db: Queryable, doc: Doc, upTo: number) {
  if (upTo < 1) return [];
  return db.select({ n: documentPages.n, text: documentPages.text }).from(documentPages)
    .where(and(eq(documentPages.orgId, doc.orgId), eq(documentPages.documentId, doc.id), lte(documentPages.n, upTo))).orderBy(asc(documentPages.n));
}

export async function favourites(db: Queryable, actor: Actor, lang: Lang, page: { limit: number; offset: number }) {
  // Of its own committee's documents, and of other committees' public ones (each kept with its document's committee).
  const where = and(eq(documentFavourites.userId, actor.id), or(visibleDocuments(actor), visibleDocuments(null)));
  const join = and(eq(documents.orgId, documentFavourites.orgId), eq(documents.id, documentFavourites.documentId));
  const [rows, [total]] = await Promise.all([
    db.select({ d: documents }).from(documentFavourites).innerJoin(documents, join).where(where).orderBy(desc(documentFavourites.createdAt)).limit(page.limit).offset(page.offset),
    db.select({ n: count() }).from(documentFavourites).innerJoin(documents, join).where(where),
  ]);
  return { items: rows.map((r) => listItem(r.d, actor, lang)), total: total!.n };
}

// Related documents: the TF-IDF cosine index of the duplicate check (core/text/similarity.ts) over
// each document's top words, one per committee, rebuilt when its documents changed.
const indexes = new Map<string, { signature: string; index: SimilarityIndex }>();

async function indexOf(db: Queryable, orgId: string) {
  const [sig] = await db.select({ n: count(), at: max(documents.updatedAt) }).from(documents).where(eq(documents.orgId, orgId));
  const signature = `${sig?.n}:${sig?.at?.toISOString() ?? ''}`;
  const cached = indexes.get(orgId);
  if (cached?.signature === signature) return cached.index;
  const index = new SimilarityIndex();
  const rows = await db.select({ id: documents.id, terms: documents.terms, title: documents.title }).from(documents)
    .where(and(eq(documents.orgId, orgId), eq(documents.state, 'ready')));
  for (const r of rows) index.setTerms(r.id, new Map(Object.entries(r.terms ?? {})));
  indexes.set(orgId, { signature, index });
  return index;
}

/** Up to `k` documents like this one that the caller may open, best first; the same category fills up when the text finds fewer. */
export async function related(db: Queryable, doc: Doc, actor: Actor | null, lang: Lang, k = 6) {
  const visible = await db.select().from(documents).where(and(eq(documents.orgId, doc.orgId), visibleDocuments(actor), eq(documents.state, 'ready')));
  const byId = new Map(visible.map((d) => [d.id, d]));
  const hits = (await indexOf(db, doc.orgId)).search(new Map(Object.entries(doc.terms ?? {})), k, (id) => id !== doc.id && byId.has(id));
  const out = hits.filter((h) => h.score > 0.05).map((h) => ({ ...listItem(byId.get(h.id)!, actor, lang), score: Math.round(h.score * 1000) / 1000 }));
  for (const d of visible) {
    if (out.length >= k) break;
    if (d.id !== doc.id && doc.categoryId && d.categoryId === doc.categoryId && !out.some((o) => o.id === d.id)) out.push({ ...listItem(d, actor, lang), score: 0 });
  }
  return out;
}
