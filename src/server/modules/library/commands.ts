import crypto from 'node:crypto';
import { and, count, eq, sql } from 'drizzle-orm';
import { runCommand, type Ctx } from '../../core/command.ts';
import type { Queryable } from '../../core/db/client.ts';
import { conflict, invalid, notFound, say } from '../../core/errors.ts';
import { searchDocs } from '../search/schema.ts';
import type { Doc } from './access.ts';
import { retitleDocument, scheduleProcessing } from './processing.ts';
import { DOC_KIND } from './queries.ts';
import { documentCategories, documentFavourites, documentLinks, documentPages, documentReports, documents, type DocumentAccess } from './schema.ts';
import type { LibraryStorage } from './storage.ts';
import type { Upload } from './upload.ts';

// Changes to the library, each through the one command path (audited, with its outbox event).

/** Whether the category exists, kept from being deleted until the transaction ends. */
async function categoryExists(c: { tx: Queryable }, orgId: string, id: string) {
  const [cat] = await c.tx.select({ id: documentCategories.id }).from(documentCategories).where(and(eq(documentCategories.orgId, orgId), eq(documentCategories.id, id))).for('key share');
  return !!cat;
}
const noCategory = () => invalid('/categoryId', { zh: '分类不存在', en: 'no such category' });

/**
 * Stores an upload: the row (with its number, TX-YYYY-NNNNN by committee and year) and the
 * processing job in one transaction, the file moved under its key inside it. Whatever fails, the
 * transaction rolls back and the file is removed: nothing is half-stored.
 */
export async function createDocument(ctx: Ctx, storage: LibraryStorage, up: Upload) {
  const id = crypto.randomUUID();
  const orgId = ctx.actor.orgId;
  const key = `${orgId}/${id}/original`;
  try {
    return await runCommand(ctx, async (c) => {
      c.authorize('library.manage');
      if (up.categoryId && !(await categoryExists(c, orgId, up.categoryId))) throw noCategory();
      const year = new Date().getFullYear();
      await c.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`documents:${orgId}:${year}`}))`);
      const [last] = await c.tx.select({ seq: sql<number>`coalesce(max(${documents.seq}), 0)::int` }).from(documents).where(and(eq(documents.orgId, orgId), eq(documents.year, year)));
      const seq = (last?.seq ?? 0) + 1;
      const title = up.title ?? up.filename.replace(/\.[^.]+$/, '');
      const [doc] = await c.tx.insert(documents).values({
        orgId, id, year, seq, number: `TX-${year}-${String(seq).padStart(5, '0')}`, title, filename: up.filename, format: up.format,
        mime: up.mime, size: up.size, sha256: up.sha256, storageKey: key, access: up.access, categoryId: up.categoryId ?? null,
        uploadedBy: ctx.actor.id, uploaderName: ctx.actor.displayName || ctx.actor.username,
      }).returning();
      await scheduleProcessing(c.tx, orgId, id);
      await up.file.commit(key);
      await c.record({ action: 'upload', entity: 'document', entityId: id, after: { title, format: up.format, size: up.size, access: up.access } });
      return doc!;
    });
  } catch (err) {
    await up.file.abort();
    await storage.removeAll(`${orgId}/${id}`).catch(() => undefined);
    throw err;
  }
}

/** Removes a document, its pages, favourites, reports, links and search entry, then its files. */
export async function deleteDocument(ctx: Ctx, storage: LibraryStorage, doc: Doc) {
  await runCommand(ctx, async (c) => {
    c.authorize('library.manage', doc);
    await c.tx.delete(documentPages).where(and(eq(documentPages.orgId, doc.orgId), eq(documentPages.documentId, doc.id)));
    await c.tx.delete(documentFavourites).where(and(eq(documentFavourites.orgId, doc.orgId), eq(documentFavourites.documentId, doc.id)));
    await c.tx.delete(documentReports).where(and(eq(documentReports.orgId, doc.orgId), eq(documentReports.documentId, doc.id)));
    await c.tx.delete(documentLinks).where(and(eq(documentLinks.orgId, doc.orgId), eq(documentLinks.documentId, doc.id)));
    await c.tx.delete(searchDocs).where(and(eq(searchDocs.orgId, doc.orgId), eq(searchDocs.docKind, DOC_KIND), eq(searchDocs.docId, doc.id)));
    const gone = await c.tx.delete(documents).where(and(eq(documents.orgId, doc.orgId), eq(documents.id, doc.id))).returning({ id: documents.id });
    if (!gone.length) throw notFound('Document');
    await c.record({ action: 'delete', entity: 'document', entityId: doc.id, before: { title: doc.title, number: doc.number } });
  });
  await storage.removeAll(`${doc.orgId}/${doc.id}`);
}

export interface DocumentPatch { title?: string; access?: DocumentAccess; categoryId?: string | null }

/**
 * Staff change a document's title, access or category: only what changes is written and audited
 * (nothing at all when nothing does). A new title replaces the title's words of its search document.
 */
export async function updateDocument(ctx: Ctx, doc: Doc, patch: DocumentPatch) {
  return runCommand(ctx, async (c) => {
    c.authorize('library.manage', doc);
    const key = and(eq(documents.orgId, doc.orgId), eq(documents.id, doc.id));
    const [before] = await c.tx.select().from(documents).where(key).for('update');
    if (!before) throw notFound('Document');
    const next = { ...patch, title: patch.title?.trim() };
    const changed = (['title', 'access', 'categoryId'] as const).filter((k) => next[k] !== undefined && next[k] !== before[k]);
    if (!changed.length) return before;
    if (changed.includes('categoryId') && next.categoryId && !(await categoryExists(c, doc.orgId, next.categoryId))) throw noCategory();
    const [after] = await c.tx.update(documents).set({ ...only(next, changed), updatedAt: sql`now()` }).where(key).returning();
    if (changed.includes('title')) await retitleDocument(c.tx, after!);
    await c.record({ action: 'edit', entity: 'document', entityId: doc.id, before: only(before, changed), after: only(after!, changed) });
    return after!;
  });
}

/** These fields of a row. */
const only = <T extends object, K extends keyof T>(row: T, keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, row[k]])) as Pick<T, K>;

type Category = typeof documentCategories.$inferSelect;
const categoryOut = (r: Category) => ({ id: r.id, parentId: r.parentId, name: r.name, sort: r.sort });

/** The committee's categories change one at a time (names under a parent, the tree's shape). */
const lockCategories = (c: { tx: Queryable }, orgId: string) => c.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`document_categories:${orgId}`}))`);
/** One name once under one parent (the unique index takes two top-level ones, whose parent is null): under lockCategories. */
function checkName(all: Category[], name: string, parentId: string | null, self?: string) {
  if (all.some((x) => x.id !== self && x.parentId === parentId && x.name === name)) throw invalid('/name', { zh: '同级已有同名分类', en: 'a category of that name is there already' });
}
const noParent = () => invalid('/parentId', { zh: '上级分类不存在', en: 'no such category' });
const categoriesOf = (c: { tx: Queryable }, orgId: string) => c.tx.select().from(documentCategories).where(eq(documentCategories.orgId, orgId));

export async function createCategory(ctx: Ctx, body: { name: string; parentId?: string; sort?: number }) {
  return runCommand(ctx, async (c) => {
    c.authorize('library.manage');
    const orgId = ctx.actor.orgId;
    await lockCategories(c, orgId);
    const all = await categoriesOf(c, orgId);
    if (body.parentId && !all.some((x) => x.id === body.parentId)) throw noParent();
    const name = body.name.trim();
    checkName(all, name, body.parentId ?? null);
    const [row] = await c.tx.insert(documentCategories).values({ orgId, name, parentId: body.parentId ?? null, sort: body.sort ?? 0 }).returning();
    await c.record({ action: 'create', entity: 'documentCategory', entityId: row!.id, after: { name: row!.name, parentId: row!.parentId } });
    return categoryOut(row!);
  });
}

/** Staff rename, move or re-sort a category: never under itself or one of its own sub-categories. */
export async function updateCategory(ctx: Ctx, id: string, patch: { name?: string; parentId?: string | null; sort?: number }) {
  return runCommand(ctx, async (c) => {
    c.authorize('library.manage');
    const orgId = ctx.actor.orgId;
    await lockCategories(c, orgId);
    const all = await categoriesOf(c, orgId);
    const before = all.find((x) => x.id === id);
    if (!before) throw notFound('Category');
    const next = { ...patch, name: patch.name?.trim() };
    const changed = (['name', 'parentId', 'sort'] as const).filter((k) => next[k] !== undefined && next[k] !== before[k]);
    if (!changed.length) return categoryOut(before);
    const parentId = next.parentId === undefined ? before.parentId : next.parentId;
    if (changed.includes('parentId') && parentId) {
      if (!all.some((x) => x.id === parentId)) throw noParent();
      // Up from the new parent: reaching this category would make a loop.
      for (let p: string | null | undefined = parentId, n = 0; p && n <= all.length; p = all.find((x) => x.id === p)?.parentId, n++) {
        if (p === id) throw invalid('/parentId', { zh: '不能移到自身或其下级分类之下', en: 'a category cannot go under itself or one of its own sub-categories' });
      }
    }
    if (changed.includes('name') || changed.includes('parentId')) checkName(all, next.name ?? before.name, parentId, id);
    const [after] = await c.tx.update(documentCategories).set(only(next, changed))
      .where(and(eq(documentCategories.orgId, orgId), eq(documentCategories.id, id))).returning();
    await c.record({ action: 'edit', entity: 'documentCategory', entityId: id, before: only(before, changed), after: only(after!, changed) });
    return categoryOut(after!);
  });
}

/** Staff remove an empty category; one that still holds documents or sub-categories is refused (409), saying how many. */
export async function deleteCategory(ctx: Ctx, id: string) {
  await runCommand(ctx, async (c) => {
    c.authorize('library.manage');
    const orgId = ctx.actor.orgId;
    await lockCategories(c, orgId);
    // (locked: an upload into it, which holds it by categoryExists, ends first and is counted)
    const [cat] = await c.tx.select().from(documentCategories).where(and(eq(documentCategories.orgId, orgId), eq(documentCategories.id, id))).for('update');
    if (!cat) throw notFound('Category');
    const [docs] = await c.tx.select({ n: count() }).from(documents).where(and(eq(documents.orgId, orgId), eq(documents.categoryId, id)));
    const [subs] = await c.tx.select({ n: count() }).from(documentCategories).where(and(eq(documentCategories.orgId, orgId), eq(documentCategories.parentId, id)));
    if (docs!.n || subs!.n) {
      const zh = [docs!.n ? `${docs!.n} 份文档` : '', subs!.n ? `${subs!.n} 个下级分类` : ''].filter(Boolean).join('、');
      const en = [docs!.n ? `${docs!.n} document${docs!.n > 1 ? 's' : ''}` : '', subs!.n ? `${subs!.n} sub-categor${subs!.n > 1 ? 'ies' : 'y'}` : ''].filter(Boolean).join(' and ');
      throw conflict(say(`分类下还有 ${zh}，请先移走或删除`, `The category still holds ${en}: move or delete ${docs!.n + subs!.n > 1 ? 'them' : 'it'} first`));
    }
    await c.tx.delete(documentCategories).where(and(eq(documentCategories.orgId, orgId), eq(documentCategories.id, id)));
    await c.record({ action: 'delete', entity: 'documentCategory', entityId: id, before: { name: cat.name, parentId: cat.parentId } });
  });
}

export async function setFavourite(ctx: Ctx, doc: Doc, on: boolean) {
  await runCommand(ctx, async (c) => {
    const key = and(eq(documentFavourites.orgId, doc.orgId), eq(documentFavourites.userId, ctx.actor.id), eq(documentFavourites.documentId, doc.id));
    const changed = on
      ? await c.tx.insert(documentFavourites).values({ orgId: doc.orgId, userId: ctx.actor.id, documentId: doc.id }).onConflictDoNothing().returning()
      : await c.tx.delete(documentFavourites).where(key).returning();
    if (changed.length) await c.record({ action: on ? 'favourite' : 'unfavourite', entity: 'document', entityId: doc.id });
  });
}

export async function reportDocument(ctx: Ctx, doc: Doc, reason: string) {
  return runCommand(ctx, async (c) => {
    const [row] = await c.tx.insert(documentReports).values({ orgId: doc.orgId, documentId: doc.id, reporterId: ctx.actor.id, reason: reason.trim() }).returning();
    await c.record({ action: 'report', entity: 'document', entityId: doc.id, after: { reportId: row!.id, reason: row!.reason } });
    return { id: row!.id, documentId: doc.id, reason: row!.reason, status: row!.status, createdAt: row!.createdAt.toISOString() };
  });
}

/** Staff resolve a report: dismiss it, or hide the document (every open report on it is then resolved). */
export async function resolveReport(ctx: Ctx, id: string, action: 'dismiss' | 'hide') {
  return runCommand(ctx, async (c) => {
    c.authorize('library.manage');
    const [r] = await c.tx.select().from(documentReports).where(and(eq(documentReports.orgId, ctx.actor.orgId), eq(documentReports.id, id))).for('update');
    if (!r) throw notFound('Report');
    const status = action === 'hide' ? 'hidden' : 'dismissed';
    const resolved = { status, resolvedBy: ctx.actor.id, resolvedAt: new Date() } as const;
    if (action === 'hide') {
      await c.tx.update(documents).set({ hidden: true, updatedAt: sql`now()` }).where(and(eq(documents.orgId, r.orgId), eq(documents.id, r.documentId)));
      await c.tx.update(documentReports).set(resolved).where(and(eq(documentReports.orgId, r.orgId), eq(documentReports.documentId, r.documentId), eq(documentReports.status, 'open')));
    } else {
      await c.tx.update(documentReports).set(resolved).where(and(eq(documentReports.orgId, r.orgId), eq(documentReports.id, r.id)));
    }
    await c.record({ action: `report.${action}`, entity: 'document', entityId: r.documentId, before: { reportId: r.id, status: r.status }, after: { status } });
    return { id: r.id, documentId: r.documentId, reason: r.reason, status, createdAt: r.createdAt.toISOString() };
  });
}

/** Counts a download (not audited: a read, however counted). */
export async function countDownload(db: Ctx['db'], doc: Doc) {
  await db.update(documents).set({ downloads: sql`${documents.downloads} + 1` }).where(and(eq(documents.orgId, doc.orgId), eq(documents.id, doc.id)));
}
