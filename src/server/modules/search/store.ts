import { sql, type SQL } from 'drizzle-orm';
import { arrayParam, type Queryable } from '../../core/db/client.ts';
import { searchTokens } from '../../core/text/segment.ts';
import { searchDocs } from './schema.ts';

// Writing search documents: segmented words (jieba, with the parts of long compounds) in a 'simple' tsvector.

/** A text's search words, space-separated. */
export const searchWords = (text: string) => searchTokens(text).join(' ');

/** Writes (or rewrites) one search document. */
export async function upsertSearchDoc(tx: Queryable, orgId: string, docKind: string, docId: string, tsv: SQL) {
  await tx.insert(searchDocs).values({ orgId, docKind, docId, tsv: tsv as never })
    .onConflictDoUpdate({ target: [searchDocs.orgId, searchDocs.docKind, searchDocs.docId], set: { tsv: sql`excluded.tsv`, updatedAt: sql`now()` } });
}

/**
 * Writes (or rewrites) search documents of one kind in the common shape — the title's words weigh A,
 * the text's B — in one statement of three array parameters however many there are (comments come
 * by the hundred: building a row of parameters for each took longer than segmenting their words).
 */
export async function upsertTitledDocs(tx: Queryable, orgId: string, docKind: string, docs: { id: string; title: string; text: string }[]) {
  if (!docs.length) return;
  await tx.execute(sql`insert into ${searchDocs} (org_id, doc_kind, doc_id, tsv, updated_at)
    select ${orgId}::uuid, ${docKind}, d.id, setweight(to_tsvector('simple', d.title), 'A') || setweight(to_tsvector('simple', d.body), 'B'), now()
    from unnest(${arrayParam(docs.map((d) => d.id), 'uuid')}, ${arrayParam(docs.map((d) => searchWords(d.title)), 'text')}, ${arrayParam(docs.map((d) => searchWords(d.text)), 'text')}) as d(id, title, body)
    on conflict (org_id, doc_kind, doc_id) do update set tsv = excluded.tsv, updated_at = now()`);
}
