import { and, desc, eq, notInArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import type { Lang } from '../../core/errors.ts';
import type { Actor } from '../../core/policies.ts';
import { queryWords } from '../../core/text/highlight.ts';
import { searchDocs } from '../search/schema.ts';
import { visibleDocuments, type Doc } from './access.ts';
import { DOC_KIND, listItem, related } from './queries.ts';
import { documentFavourites, documentLinks, documents } from './schema.ts';

// 猜你喜欢 ("you may also like") on a document's page, beside its related documents (which are
// by text similarity, related()): other documents readers may want next, none of the related ones,
// only what the caller may open, best reason first —
//   favouritedToo: kept as favourites by readers who keep this one,
//   sameItem:      linked to the same proposal, consultation or member record,
//   titleWords:    found by the search index for this document's title words,
//   popular:       the committee's most downloaded documents, to fill up.

export type AlsoReason = 'favouritedToo' | 'sameItem' | 'titleWords' | 'popular';

export async function alsoLike(db: Queryable, doc: Doc, actor: Actor | null, lang: Lang, k = 6) {
  const taken = new Set([doc.id, ...(await related(db, doc, actor, lang)).map((r) => r.id)]);
  const out: { d: Doc; reason: AlsoReason }[] = [];
  const mine = and(eq(documents.orgId, doc.orgId), visibleDocuments(actor));
  const add = (rows: { d: Doc }[], reason: AlsoReason) => {
    for (const { d } of rows) if (out.length < k && !taken.has(d.id)) { taken.add(d.id); out.push({ d, reason }); }
  };
  const left = () => k - out.length;
  const notTaken = () => notInArray(documents.id, [...taken]);

  const fans = sql`select f.user_id from ${documentFavourites} f where f.org_id = ${doc.orgId} and f.document_id = ${doc.id}`;
  add(await db.select({ d: documents }).from(documentFavourites)
    .innerJoin(documents, and(eq(documents.orgId, documentFavourites.orgId), eq(documents.id, documentFavourites.documentId)))
    .where(and(mine, notTaken(), eq(documentFavourites.orgId, doc.orgId), sql`${documentFavourites.userId} in (${fans})`))
    .groupBy(documents.orgId, documents.id).orderBy(desc(sql`count(*)`), desc(documents.uploadedAt)).limit(left()), 'favouritedToo');

  if (left() > 0) {
    const items = sql`select l.target_kind || ':' || l.target_id from ${documentLinks} l where l.org_id = ${doc.orgId} and l.document_id = ${doc.id}`;
    add(await db.selectDistinctOn([documents.id], { d: documents }).from(documentLinks)
      .innerJoin(documents, and(eq(documents.orgId, documentLinks.orgId), eq(documents.id, documentLinks.documentId)))
      .where(and(mine, notTaken(), eq(documentLinks.orgId, doc.orgId), sql`${documentLinks.targetKind} || ':' || ${documentLinks.targetId} in (${items})`))
      .orderBy(documents.id).limit(left()), 'sameItem');
  }

  const words = queryWords(doc.title);
  if (left() > 0 && words.length) {
    const q = sql`to_tsquery('simple', ${words.join(' | ')})`;
    add(await db.select({ d: documents }).from(searchDocs)
      .innerJoin(documents, and(eq(documents.orgId, searchDocs.orgId), eq(documents.id, searchDocs.docId)))
      .where(and(mine, notTaken(), eq(searchDocs.orgId, doc.orgId), eq(searchDocs.docKind, DOC_KIND), sql`${searchDocs.tsv} @@ ${q}`))
      .orderBy(desc(sql`ts_rank(${searchDocs.tsv}, ${q})`), desc(documents.uploadedAt)).limit(left()), 'titleWords');
  }

  if (left() > 0) {
    add(await db.select({ d: documents }).from(documents).where(and(mine, notTaken(), eq(documents.state, 'ready')))
      .orderBy(desc(documents.downloads), desc(documents.uploadedAt)).limit(left()), 'popular');
  }
  return out.map(({ d, reason }) => ({ ...listItem(d, actor, lang), reason }));
}

