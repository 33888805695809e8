import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Queryable, Tx } from '../../core/db/client.ts';
import type { DomainEvent } from '../../core/outbox.ts';
import type { Actor } from '../../core/policies.ts';
import { highlight, queryWords } from '../../core/text/highlight.ts';
import { redactContacts } from '../../core/text/redact.ts';
import { assignments, replies } from '../handling/schema.ts';
import { members, plenarySessions, terms } from '../org/schema.ts';
import { searchDocs } from '../search/schema.ts';
import { searchWords, upsertSearchDoc } from '../search/store.ts';
import { KIND } from './access.ts';
import { scope, sessionLabel } from './queries.ts';
import { proposals } from './schema.ts';

// Segmentation-aware full-text search over proposals and their replies. Words come from jieba
// (with the search-mode split of long compounds), so the tsvector is plain 'simple' words.

/** A proposal's search document: title and proposer weigh most (A), then the body (B), then the replies (C). */
export function searchVector(p: { title: string; proposerName: string; body: string }, replyTexts: string[]) {
  return sql`setweight(to_tsvector('simple', ${searchWords(`${p.title} ${p.proposerName}`)}), 'A')
    || setweight(to_tsvector('simple', ${searchWords(p.body)}), 'B') || setweight(to_tsvector('simple', ${searchWords(replyTexts.join('\n'))}), 'C')`;
}

/** (Re)indexes one proposal with its replies; runs after commit from the outbox. */
export async function indexProposal(tx: Queryable, orgId: string, id: string) {
  const [p] = await tx.select({ title: proposals.title, body: proposals.body, proposerName: proposals.proposerName }).from(proposals).where(and(eq(proposals.orgId, orgId), eq(proposals.id, id)));
  if (!p) return;
  const reps = await tx.select({ content: replies.content }).from(replies).where(and(eq(replies.orgId, orgId), eq(replies.itemKind, KIND), eq(replies.itemId, id))).orderBy(asc(replies.round));
  const tsv = searchVector(p, reps.map((r) => r.content));
  await upsertSearchDoc(tx, orgId, KIND, id, tsv);
}

/** The events that change a search document's text (title, proposer, body, replies); a state change does not. */
const TEXT_EVENTS = new Set(['proposal.created', 'proposal.edited', 'proposal.reply']);

export async function onProposalEvent(event: DomainEvent, tx: Tx) {
  if (!TEXT_EVENTS.has(event.type)) return;
  const id = (event.payload as { id?: string }).id;
  if (id) await indexProposal(tx, event.orgId, id);
}

/** Indexes proposals that have no search document yet (e.g. imported or seeded rows). */
export async function backfillSearch(db: Db, signal?: AbortSignal) {
  while (!signal?.aborted) {
    const missing = await db.select({ orgId: proposals.orgId, id: proposals.id }).from(proposals)
      .leftJoin(searchDocs, and(eq(searchDocs.orgId, proposals.orgId), eq(searchDocs.docKind, KIND), eq(searchDocs.docId, proposals.id)))
      .where(isNull(searchDocs.docId)).limit(200);
    if (!missing.length) return;
    await db.transaction(async (tx) => { for (const m of missing) await indexProposal(tx, m.orgId, m.id); });
  }
}

export interface SearchFilter { q: string; published?: boolean; state?: string[]; sessionId?: string; unitId?: string; domain?: string; sectorId?: string }

export async function searchProposals(db: Queryable, actor: Actor | null, orgId: string | undefined, f: SearchFilter, page: { limit: number; offset: number }) {
  const qWords = queryWords(f.q);
  if (!qWords.length) return { items: [], total: 0 };
  const query = sql`to_tsquery('simple', ${qWords.join(' & ')})`;
  const where = and(
    orgId ? eq(proposals.orgId, orgId) : undefined,
    scope(actor, { published: f.published }),
    sql`${searchDocs.tsv} @@ ${query}`,
    f.state?.length ? inArray(proposals.state, f.state) : undefined,
    f.sessionId ? eq(proposals.sessionId, f.sessionId) : undefined,
    f.domain ? eq(proposals.domain, f.domain) : undefined,
    f.sectorId ? sql`exists (select 1 from ${members} m where m.org_id = ${proposals.orgId} and m.id = ${proposals.proposerMemberId} and m.sector_id = ${f.sectorId})` : undefined,
    f.unitId ? sql`exists (select 1 from ${assignments} a where a.org_id = ${proposals.orgId} and a.item_kind = ${KIND} and a.item_id = ${proposals.id}
      and a.unit_id = ${f.unitId} and a.state in ('pending', 'signed'))` : undefined,
  );
  // The ranking reads ids only; the page's proposals (bodies and all) are read after the limit.
  const join = and(eq(proposals.orgId, searchDocs.orgId), eq(proposals.id, searchDocs.docId), eq(searchDocs.docKind, KIND));
  const rank = sql<number>`ts_rank(${searchDocs.tsv}, ${query})`;
  const ranked = db.select({ orgId: proposals.orgId, id: proposals.id, rank: rank.as('rank'), updatedAt: sql`${proposals.updatedAt}`.as('updated') })
    .from(searchDocs).innerJoin(proposals, join).where(where).orderBy(desc(rank), desc(proposals.updatedAt)).limit(page.limit).offset(page.offset).as('ranked');
  const [rows, [counted]] = await Promise.all([
    db.select({ p: proposals, termNumber: terms.number, sessionNumber: plenarySessions.number }).from(ranked)
      .innerJoin(proposals, and(eq(proposals.orgId, ranked.orgId), eq(proposals.id, ranked.id)))
      .leftJoin(plenarySessions, and(eq(plenarySessions.orgId, proposals.orgId), eq(plenarySessions.id, proposals.sessionId)))
      .leftJoin(terms, and(eq(terms.orgId, proposals.orgId), eq(terms.id, proposals.termId)))
      .orderBy(desc(ranked.rank), desc(ranked.updatedAt)),
    db.select({ total: count() }).from(searchDocs).innerJoin(proposals, join).where(where),
  ]);
  const publicView = f.published || !actor;
  const reps = rows.length ? await db.select({ itemId: replies.itemId, content: replies.content }).from(replies)
    .where(and(eq(replies.itemKind, KIND), inArray(replies.itemId, rows.map((r) => r.p.id)))) : [];
  return {
    total: counted!.total,
    items: rows.map(({ p, termNumber, sessionNumber }) => {
      const clean = (s: string) => (publicView ? redactContacts(s) : s);
      const replyText = reps.filter((r) => r.itemId === p.id).map((r) => r.content).join('\n');
      const inBody = qWords.some((w) => p.body.includes(w));
      return {
        id: p.id, title: clean(p.title), state: p.state, proposerName: p.proposerName, domain: p.domain, number: p.number,
        termNumber, sessionNumber, sessionLabel: sessionLabel(termNumber, sessionNumber),
        highlight: { title: highlight(clean(p.title), qWords, 200), snippet: highlight(clean(inBody || !replyText ? p.body : replyText), qWords), inReply: !inBody && !!replyText },
      };
    }),
  };
}
