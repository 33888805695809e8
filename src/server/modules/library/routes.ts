import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TProperties } from 'typebox';
import { and, asc, count, eq } from 'drizzle-orm';
import { actorOf, ctxOf, IdParams, Name, pageOf, Paging, publicWrites, Text, Uuid } from '../../core/http.ts';
import { langOf, notFound, Problem, say } from '../../core/errors.ts';
import { authorize } from '../../core/policies.ts';
import { isInsider, loadDocument, loginToReadOn, mayDownload, previewPagesFor, shareToken, type Reader } from './access.ts';
import { countDownload, createCategory, createDocument, deleteCategory, deleteDocument, reportDocument, resolveReport, setFavourite, updateCategory, updateDocument } from './commands.ts';
import { figureScope, SCOPES } from '../org/oversight.ts';
import { categoriesWithCounts, favourites, listCategories, listDocuments, listItem, pageTexts, presentDocument, related } from './queries.ts';
import { readerOrg } from '../org/visitor.ts';
import { DOCUMENT_ACCESS, documentPages, documentReports, documents } from './schema.ts';
import type { LibraryStorage } from './storage.ts';
import { readDocumentUpload } from './upload.ts';
import { alsoLike } from './also.ts';
import { documentColumns } from './export.ts';
import { exportRoutes, FIRST_PAGE, filtersOf, listSheet } from '../../core/list-export.ts';
import { isOffice } from './access.ts';
import { link, LINK_KINDS, linkedDocuments, linksOf, readableTargets, unlink } from './links.ts';

const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const obj = <T extends TProperties>(props: T) => Type.Object(props, { additionalProperties: false });
const tags = ['library'];
const FORMAT = lit(['doc', 'docx', 'pdf', 'pptx', 'xlsx', 'txt'] as const);
const ACCESS = lit(DOCUMENT_ACCESS);
const Sort = Type.Integer({ minimum: 0, maximum: 10000 });
/** A share link's token, accepted on the reading routes of its document. */
const Share = Type.Optional(Type.String({ minLength: 45, maxLength: 56, pattern: '^\\d{1,12}\\.[\\w-]{43}$' }));
const ShareQuery = obj({ share: Share });
const PageParams = obj({ id: Uuid, n: Type.Integer({ minimum: 1, maximum: 100000 }) });
const SHARE_DAYS = 7;
const LINK_KIND = lit(LINK_KINDS);
/** A checklist item's key (八个一) for a consultation's deliverable. */
const Part = Type.Optional(Type.String({ maxLength: 40, pattern: '^[A-Za-z]*$' }));

export interface LibraryOptions { storage: LibraryStorage }

export async function libraryRoutes(fastify: FastifyInstance, { storage }: LibraryOptions) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const cfg = app.config;
  const lang = (req: FastifyRequest) => langOf(req.headers['accept-language']);
  const reader = (req: FastifyRequest, share?: string): Reader => ({ actor: req.actor, share });
  /** A document of the caller's committee (the routes that change one). */
  const load = (req: FastifyRequest, id: string, share?: string) => loadDocument(app.db, reader(req, share), id, app.keys);
  /** …or another committee's public one, read as a visitor there reads it (`as`): the reading routes, favourites and reports. */
  const visit = (req: FastifyRequest, id: string, share?: string) => loadDocument(app.db, reader(req, share), id, app.keys, true);

  app.post('/documents', {
    schema: { tags, summary: 'Upload a document (staff): multipart field "file" (.doc .docx .pdf .pptx .xlsx .txt), optional title, access, categoryId', consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    authorize(actorOf(req), 'library.manage');
    const up = await readDocumentUpload(req, storage, cfg.LIBRARY_MAX_UPLOAD_MB);
    const doc = await createDocument(ctxOf(req), storage, up);
    app.library.kick();
    return reply.status(201).send({ ...listItem(doc, req.actor, lang(req)), pages: doc.pages ?? undefined });
  });

  const ListFilters = { ...Paging, categoryId: Type.Optional(Uuid), format: Type.Optional(FORMAT), orgId: Type.Optional(Uuid), scope: Type.Optional(Type.Union(SCOPES.map((s) => Type.Literal(s)))) };
  app.get('/documents', {
    config: { public: true },
    schema: {
      tags, summary: 'The documents the caller may read (a visitor: public ones; orgId names the committee); scope=tree: the public ones of my committee and those below it (office, leaders), with orgName',
      querystring: obj(ListFilters),
    },
  }, async (req) => {
    const q = req.query;
    const tree = req.actor && q.scope === 'tree' ? await figureScope(app.db, req.actor, 'tree') : undefined;
    return { ...(await listDocuments(app.db, req.actor, q, lang(req), tree)), page: q.page, pageSize: q.pageSize };
  });

  exportRoutes(app, '/documents', {
    tags, summary: 'The same documents (the same filters; what the caller may read)', querystring: filtersOf(ListFilters), config: { public: true },
  }, async (req, q) => {
    const [categories, list] = await Promise.all([
      listCategories(app.db, await readerOrg(app.db, req.actor, q.orgId)),
      listDocuments(app.db, req.actor, { ...q, ...FIRST_PAGE }, lang(req), req.actor && q.scope === 'tree' ? await figureScope(app.db, req.actor, 'tree') : undefined),
    ]);
    const names = new Map(categories.map((c) => [c.id, c.name]));
    return { file: 'documents', name: '文库文档', tables: listSheet('文库文档', documentColumns(names, isOffice(req.actor)), list) };
  });

  app.get('/documents/categories', {
    config: { public: true },
    schema: {
      tags, querystring: obj({ orgId: Type.Optional(Uuid) }),
      summary: 'The categories, a flat list with parentId (the tree for breadcrumbs) in order (sort, then name); each with documentCount (its own documents the caller may read; staff: all) and subcategoryCount',
    },
  }, async (req) => ({ items: await categoriesWithCounts(app.db, await readerOrg(app.db, req.actor, req.query.orgId), req.actor) }));

  app.post('/documents/categories', {
    schema: { tags, summary: 'Add a category (staff)', body: obj({ name: Name(50), parentId: Type.Optional(Uuid), sort: Type.Optional(Sort) }) },
  }, async (req, reply) => reply.status(201).send(await createCategory(ctxOf(req), req.body)));

  app.patch('/documents/categories/:id', {
    schema: {
      tags, summary: 'Rename, move (parentId null: to the top) or re-sort a category (staff); not under itself or its own sub-categories', params: IdParams,
      body: Type.Partial(obj({ name: Name(50), parentId: Type.Union([Uuid, Type.Null()]), sort: Sort }), { additionalProperties: false, minProperties: 1 }),
    },
  }, async (req) => updateCategory(ctxOf(req), req.params.id, req.body));

  app.delete('/documents/categories/:id', {
    schema: { tags, summary: 'Remove a category (staff); 409 while it holds documents or sub-categories', params: IdParams },
  }, async (req, reply) => {
    await deleteCategory(ctxOf(req), req.params.id);
    return reply.status(204).send();
  });

  app.get('/documents/favourites', { config: { publicAccounts: true }, schema: { tags, summary: 'My favourite documents', querystring: obj(Paging) } }, async (req) =>
    ({ ...(await favourites(app.db, actorOf(req), lang(req), pageOf(req.query))), page: req.query.page, pageSize: req.query.pageSize }));

  app.get('/documents/linked', {
    config: { public: true },
    schema: { tags, summary: 'The documents linked to a proposal, a consultation (part: its checklist item) or a member\'s record, for a caller who may read that item; those the caller may open', querystring: obj({ kind: LINK_KIND, targetId: Uuid }) },
  }, async (req) => ({ items: await linkedDocuments(app.db, req.actor, req.query.kind, req.query.targetId, lang(req)) }));

  app.get('/documents/reports', {
    schema: { tags, summary: 'Reports of bad content (staff): the moderation queue, open ones by default', querystring: obj({ ...Paging, status: Type.Optional(lit(['open', 'dismissed', 'hidden'] as const)) }) },
  }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'library.manage');
    const where = and(eq(documentReports.orgId, actor.orgId), eq(documentReports.status, req.query.status ?? 'open'));
    const join = and(eq(documents.orgId, documentReports.orgId), eq(documents.id, documentReports.documentId));
    const { limit, offset } = pageOf(req.query);
    const [rows, [total]] = await Promise.all([
      app.db.select({ r: documentReports, title: documents.title, number: documents.number, hidden: documents.hidden }).from(documentReports).innerJoin(documents, join)
        .where(where).orderBy(asc(documentReports.createdAt)).limit(limit).offset(offset),
      app.db.select({ n: count() }).from(documentReports).where(where),
    ]);
    return {
      items: rows.map(({ r, title, number, hidden }) => ({ id: r.id, documentId: r.documentId, title, number, hidden, reason: r.reason, status: r.status, createdAt: r.createdAt.toISOString() })),
      total: total!.n, page: req.query.page, pageSize: req.query.pageSize,
    };
  });

  app.post('/documents/reports/:id/resolve', {
    schema: { tags, summary: 'Resolve a report (staff): dismiss it, or hide the document', params: IdParams, body: obj({ action: lit(['dismiss', 'hide'] as const) }) },
  }, async (req) => resolveReport(ctxOf(req), req.params.id, req.body.action));

  app.get('/documents/:id', {
    // A public account reads as a visitor does, and sees whether it favourited the document.
    config: { public: true, publicAccounts: true },
    schema: { tags, summary: 'A document\'s metadata, with previewPages: how many pages this caller may preview', params: IdParams, querystring: ShareQuery },
  }, async (req) => {
    const { doc, shared, as } = await visit(req, req.params.id, req.query.share);
    return presentDocument(app.db, doc, { as, user: req.actor }, shared, cfg.LIBRARY_PREVIEW_PAGES, lang(req));
  });

  app.patch('/documents/:id', {
    schema: {
      tags, summary: 'Change a document\'s title, access or category (staff; categoryId null: none); answers it as GET /documents/:id does', params: IdParams,
      body: Type.Partial(obj({ title: Name(200), access: ACCESS, categoryId: Type.Union([Uuid, Type.Null()]) }), { additionalProperties: false, minProperties: 1 }),
    },
  }, async (req) => {
    const { doc, as } = await load(req, req.params.id);
    const after = await updateDocument(ctxOf(req), doc, req.body);
    return presentDocument(app.db, after, { as, user: req.actor }, false, cfg.LIBRARY_PREVIEW_PAGES, lang(req));
  });

  app.delete('/documents/:id', { schema: { tags, summary: 'Delete a document and its files (staff)', params: IdParams } }, async (req, reply) => {
    const { doc } = await load(req, req.params.id);
    await deleteDocument(ctxOf(req), storage, doc);
    return reply.status(204).send();
  });

  /** The page's row, for a reader allowed this far. */
  async function readablePage(req: FastifyRequest, id: string, n: number, share?: string) {
    const { doc, shared, as } = await visit(req, id, share);
    if (doc.state !== 'ready' || n > (doc.pages ?? 0)) throw notFound('Page');
    if (n > previewPagesFor(doc, as, shared, cfg.LIBRARY_PREVIEW_PAGES)) throw loginToReadOn();
    const [page] = await app.db.select().from(documentPages).where(and(eq(documentPages.orgId, doc.orgId), eq(documentPages.documentId, doc.id), eq(documentPages.n, n)));
    if (!page) throw notFound('Page');
    return { doc, page };
  }

  app.get('/documents/:id/pages/:n', {
    config: { public: true },
    schema: { tags, summary: 'Page n (1-based) as a PNG image; past previewPages a 403 that says to log in', params: PageParams, querystring: ShareQuery },
  }, async (req, reply) => {
    const { doc, page } = await readablePage(req, req.params.id, req.params.n, req.query.share);
    if (!page.imageKey) {
      throw new Problem(404, 'Not Found', say('此服务器未安装页面渲染工具（LibreOffice、poppler），本文档以文字预览', 'This server has no page renderer (LibreOffice, poppler): the document previews as text'),
        [{ path: '/n', message: say('没有页面图像', 'no page image') }], { previewKind: doc.previewKind });
    }
    return reply.type('image/png').header('cache-control', 'private, max-age=3600').send(storage.read(page.imageKey));
  });

  app.get('/documents/:id/text', {
    config: { public: true },
    schema: { tags, summary: 'The extracted text, page by page, up to previewPages', params: IdParams, querystring: ShareQuery },
  }, async (req) => {
    const { doc, shared, as } = await visit(req, req.params.id, req.query.share);
    const upTo = doc.state !== 'ready' ? 0 : previewPagesFor(doc, as, shared, cfg.LIBRARY_PREVIEW_PAGES);
    return { pages: await pageTexts(app.db, doc, upTo) };
  });

  app.get('/documents/:id/file', {
    config: { public: true },
    schema: { tags, summary: 'The original file (counts a download): members, leaders and staff', params: IdParams },
  }, async (req, reply) => {
    const { doc, as } = await visit(req, req.params.id);
    if (!mayDownload(as)) throw req.actor ? new Problem(403, 'Forbidden', say('仅委员和机关工作人员可下载原文件', 'Only members and staff may download the file')) : loginToReadOn();
    await countDownload(app.db, doc);
    return reply.type(doc.mime).header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="document.${doc.format}"; filename*=UTF-8''${encodeURIComponent(doc.filename)}`)
      .send(storage.read(doc.storageKey));
  });

  app.get('/documents/:id/related', {
    config: { public: true },
    schema: { tags, summary: 'Documents like this one (by their text; else of its category) that the caller may read', params: IdParams, querystring: ShareQuery },
  }, async (req) => {
    const { doc, as } = await visit(req, req.params.id, req.query.share);
    return { items: await related(app.db, doc, as, lang(req)) };
  });

  app.get('/documents/:id/also', {
    config: { public: true },
    schema: { tags, summary: '猜你喜欢: other documents the caller may open (favourited by the same readers, linked to the same item, found by its title words, popular), none of the related ones', params: IdParams, querystring: ShareQuery },
  }, async (req) => {
    const { doc, as } = await visit(req, req.params.id, req.query.share);
    return { items: await alsoLike(app.db, doc, as, lang(req)) };
  });

  app.get('/documents/:id/links', {
    config: { public: true },
    schema: { tags, summary: 'Where the document is used: the proposals, consultations (part: the checklist item) and members\' records it is linked to that the caller may read', params: IdParams, querystring: ShareQuery },
  }, async (req) => {
    const { doc, as } = await visit(req, req.params.id, req.query.share);
    return { items: await linksOf(app.db, as, doc) };
  });

  app.post('/documents/:id/links', {
    schema: { tags, summary: 'Link the document to a proposal, a consultation (part: one of its 八个一, as its deliverable) or a member\'s record (staff)', params: IdParams, body: obj({ kind: LINK_KIND, targetId: Uuid, part: Part }) },
  }, async (req, reply) => {
    const { doc } = await load(req, req.params.id);
    const ref = { kind: req.body.kind, targetId: req.body.targetId, part: req.body.part ?? '' };
    const created = await link(ctxOf(req), doc, ref);
    const [target] = await readableTargets(app.db, req.actor, doc.orgId, [ref]);
    return reply.status(created ? 201 : 200).send(target);
  });

  app.delete('/documents/:id/links/:targetId', {
    schema: { tags, summary: 'Unlink the document from an item (staff): every link to it, or the one of that kind and part', params: obj({ id: Uuid, targetId: Uuid }), querystring: obj({ kind: Type.Optional(LINK_KIND), part: Part }) },
  }, async (req, reply) => {
    const { doc } = await load(req, req.params.id);
    await unlink(ctxOf(req), doc, req.params.targetId, req.query);
    return reply.status(204).send();
  });

  // Any logged-in reader, a public account too (a document-sharing page's registered readers), keeps favourites and reports.
  app.put('/documents/:id/favourite', { config: publicWrites, schema: { tags, summary: 'Add to my favourites', params: IdParams } }, async (req, reply) => {
    const { doc } = await visit(req, req.params.id);
    await setFavourite(ctxOf(req), doc, true);
    return reply.status(204).send();
  });
  app.delete('/documents/:id/favourite', { config: publicWrites, schema: { tags, summary: 'Remove from my favourites', params: IdParams } }, async (req, reply) => {
    const { doc } = await visit(req, req.params.id);
    await setFavourite(ctxOf(req), doc, false);
    return reply.status(204).send();
  });

  app.post('/documents/:id/reports', {
    config: publicWrites,
    schema: { tags, summary: 'Report bad content (any logged-in reader)', params: IdParams, body: obj({ reason: Text(500) }) },
  }, async (req, reply) => {
    const { doc } = await visit(req, req.params.id);
    return reply.status(201).send(await reportDocument(ctxOf(req), doc, req.body.reason));
  });

  app.post('/documents/:id/share', {
    schema: { tags, summary: `A signed link that lets whoever holds it read this document's pages for ${SHARE_DAYS} days (members, leaders, staff)`, params: IdParams },
  }, async (req, reply) => {
    const { doc } = await load(req, req.params.id);
    if (!isInsider(req.actor)) throw new Problem(403, 'Forbidden', say('仅委员和机关工作人员可分享文档', 'Only members and staff may share documents'));
    if (doc.state !== 'ready') throw new Problem(409, 'Conflict', say('文档尚未处理完成', 'The document is not ready yet'));
    const exp = Math.floor(Date.now() / 1000) + SHARE_DAYS * 86400;
    const token = shareToken(app.keys, doc.id, exp);
    return reply.status(201).send({ token, url: `/library/${doc.id}?share=${token}`, expiresAt: new Date(exp * 1000).toISOString() });
  });
}
