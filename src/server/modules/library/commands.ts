import crypto from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { runCommand, type Ctx } from '../../core/command.ts';
import type { Queryable } from '../../core/db/client.ts';
import { invalid, notFound } from '../../core/errors.ts';
import { searchDocs } from '../search/schema.ts';
import type { Doc } from './access.ts';
import { scheduleProcessing } from './processing.ts';
import { DOC_KIND } from './queries.ts';
import { documentCategories, documentFavourites, documentLinks, documentPages, documentReports, documents } from './schema.ts';
import type { LibraryStorage } from './storage.ts';
import type { Upload } from './upload.ts';

// Changes to the library, each through the one command path (audited, with its outbox event).

async function categoryExists(c: { tx: Queryable }, orgId: string, id: string) {
  const [cat] = await c.tx.select({ id: documentCategories.id }).from(documentCategories).where(and(eq(documentCategories.orgId, orgId), eq(documentCategories.id, id)));
  return !!cat;
}

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
      if (up.categoryId && !(await categoryExists(c, orgId, up.categoryId))) throw invalid('/categoryId', { zh: '分类不存在', en: 'no such category' });
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

export async function createCategory(ctx: Ctx, body: { name: string; parentId?: string; sort?: number }) {
  return runCommand(ctx, async (c) => {
    c.authorize('library.manage');
    if (body.parentId && !(await categoryExists(c, ctx.actor.orgId, body.parentId))) throw invalid('/parentId', { zh: '上级分类不存在', en: 'no such category' });
    // One name once under one parent (the unique index takes two top-level ones, whose parent is null): checked under a lock.
    const name = body.name.trim();
    await c.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`document_categories:${ctx.actor.orgId}`}))`);
    const [twin] = await c.tx.select({ id: documentCategories.id }).from(documentCategories).where(and(eq(documentCategories.orgId, ctx.actor.orgId),
      body.parentId ? eq(documentCategories.parentId, body.parentId) : isNull(documentCategories.parentId), eq(documentCategories.name, name)));
    if (twin) throw invalid('/name', { zh: '同级已有同名分类', en: 'a category of that name is there already' });
    const [row] = await c.tx.insert(documentCategories).values({ orgId: ctx.actor.orgId, name, parentId: body.parentId ?? null, sort: body.sort ?? 0 }).returning();
    await c.record({ action: 'create', entity: 'documentCategory', entityId: row!.id, after: { name: row!.name, parentId: row!.parentId } });
    return { id: row!.id, parentId: row!.parentId, name: row!.name, sort: row!.sort };
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
