import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { searchTokens } from '../../core/text/segment.ts';
import { searchDocs } from './schema.ts';

// Writing search documents: segmented words (jieba, with the parts of long compounds) in a 'simple' tsvector.

/** A text's search words, space-separated. */
export const searchWords = (text: string) => searchTokens(text).join(' ');

/** The common search document: the title's words weigh A, the text's B. */
export const titledVector = (title: string, text: string): SQL =>
  sql`setweight(to_tsvector('simple', ${searchWords(title)}), 'A') || setweight(to_tsvector('simple', ${searchWords(text)}), 'B')`;

/** Writes (or rewrites) one search document. */
export async function upsertSearchDoc(tx: Queryable, orgId: string, docKind: string, docId: string, tsv: SQL) {
  await upsertSearchDocs(tx, orgId, docKind, [{ id: docId, tsv }]);
}

/** Writes (or rewrites) search documents of one kind, in one statement. */
export async function upsertSearchDocs(tx: Queryable, orgId: string, docKind: string, docs: { id: string; tsv: SQL }[]) {
  if (!docs.length) return;
  await tx.insert(searchDocs).values(docs.map((d) => ({ orgId, docKind, docId: d.id, tsv: d.tsv as never })))
    .onConflictDoUpdate({ target: [searchDocs.orgId, searchDocs.docKind, searchDocs.docId], set: { tsv: sql`excluded.tsv`, updatedAt: sql`now()` } });
}
