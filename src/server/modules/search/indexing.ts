import { and, eq, inArray, sql } from 'drizzle-orm';
import { arrayParam, queryRows, type Db, type Queryable, type Tx } from '../../core/db/client.ts';
import type { DomainEvent } from '../../core/outbox.ts';
import { consultationComments, consultations } from '../consultations/schema.ts';
import { replies } from '../handling/schema.ts';
import { liaisonContacts, liaisonOpinions } from '../liaison/schema.ts';
import { opinions } from '../opinions/schema.ts';
import { searchDocs } from './schema.ts';
import { upsertTitledDocs } from './store.ts';

// Search documents of the kinds that have no indexer of their own (proposals and documents index
// themselves: proposals/search.ts, library/processing.ts): written from the modules' outbox events
// after commit, and by a backfill for rows that came without events (demo seed, restore, import).

type Indexer = (tx: Queryable, orgId: string, ids: string[]) => Promise<void>;

const reply: Indexer = async (tx, orgId, ids) => {
  const rows = await tx.select({ id: replies.id, content: replies.content }).from(replies).where(and(eq(replies.orgId, orgId), inArray(replies.id, ids)));
  await upsertTitledDocs(tx, orgId, 'reply', rows.map((r) => ({ id: r.id, title: '', text: r.content })));
};
const opinion: Indexer = async (tx, orgId, ids) => {
  const rows = await tx.select({ id: opinions.id, title: opinions.title, body: opinions.body }).from(opinions).where(and(eq(opinions.orgId, orgId), inArray(opinions.id, ids)));
  await upsertTitledDocs(tx, orgId, 'opinion', rows.map((o) => ({ id: o.id, title: o.title, text: o.body })));
};
const consultation: Indexer = async (tx, orgId, ids) => {
  const rows = await tx.select({ id: consultations.id, title: consultations.title, summary: consultations.summary }).from(consultations)
    .where(and(eq(consultations.orgId, orgId), inArray(consultations.id, ids)));
  await upsertTitledDocs(tx, orgId, 'consultation', rows.map((c) => ({ id: c.id, title: c.title, text: c.summary ?? '' })));
};
// Comments arrive by the thousand into a table that may have no statistics yet (a first online
// consultation): `id in (…)` or a join is then planned as a scan of all the committee's comments for
// every batch. A lateral probe per id (limit 1: not flattened into a join) takes the key each time.
const comment: Indexer = async (tx, orgId, ids) => {
  const rows = await queryRows<{ id: string; content: string }>(tx, sql`select c.id, c.content from unnest(${arrayParam(ids, 'uuid')}) as wanted(id)
    cross join lateral (select id, content from ${consultationComments} where org_id = ${orgId} and id = wanted.id limit 1) c`);
  await upsertTitledDocs(tx, orgId, 'comment', rows.map((c) => ({ id: c.id, title: '', text: c.content })));
};

// A liaison's contact log (双联联系记录): who took part (the title's words), the topics, the problems
// solved and the opinions collected there.
const contact: Indexer = async (tx, orgId, ids) => {
  const rows = await tx.select({ id: liaisonContacts.id, participants: liaisonContacts.participants, topics: liaisonContacts.topics, problems: liaisonContacts.problemsSolved })
    .from(liaisonContacts).where(and(eq(liaisonContacts.orgId, orgId), inArray(liaisonContacts.id, ids)));
  const said = await tx.select({ contactId: liaisonOpinions.contactId, content: liaisonOpinions.content }).from(liaisonOpinions)
    .where(and(eq(liaisonOpinions.orgId, orgId), inArray(liaisonOpinions.contactId, ids)));
  await upsertTitledDocs(tx, orgId, 'contact', rows.map((c) => ({
    id: c.id, title: c.participants, text: [c.topics, ...c.problems, ...said.filter((o) => o.contactId === c.id).map((o) => o.content)].join('\n'),
  })));
};

/** Each kind indexed here: its table (for the backfill) and its indexer. */
const KINDS = {
  reply: { table: replies, index: reply },
  opinion: { table: opinions, index: opinion },
  consultation: { table: consultations, index: consultation },
  comment: { table: consultationComments, index: comment },
  contact: { table: liaisonContacts, index: contact },
} as const;

/** The events that change a text, and the kind of search document each rewrites. */
const EVENTS: Record<string, keyof typeof KINDS> = {
  'opinion.created': 'opinion', 'opinion.edited': 'opinion',
  'consultation.created': 'consultation', 'consultation.edited': 'consultation',
  // A comment is indexed when posted (visible) or held; the search shows visible ones only.
  'consultationComment.posted': 'comment', 'consultationComment.held': 'comment',
  'liaisonContact.logged': 'contact', 'liaisonContact.edited': 'contact',
};

/** A reply is written with its item's `reply` action (proposals, recommendations): index that item's replies. */
async function onReply(tx: Tx, orgId: string, itemKind: string, itemId: string) {
  const rows = await tx.select({ id: replies.id }).from(replies).where(and(eq(replies.orgId, orgId), eq(replies.itemKind, itemKind), eq(replies.itemId, itemId)));
  if (rows.length) await reply(tx, orgId, rows.map((r) => r.id));
}

export async function onSearchEvent(event: DomainEvent, tx: Tx) {
  const id = (event.payload as { id?: string } | null)?.id;
  if (!id) return;
  const [entity, action] = event.type.split('.');
  if (action === 'reply' && (entity === 'proposal' || entity === 'recommendation')) return onReply(tx, event.orgId, entity, id);
  // A converted proposal's report is written by the opinions' subscriber of this event (type subscribers run before '*' ones).
  if (event.type === 'proposal.convert') {
    const made = await tx.select({ id: opinions.id }).from(opinions).where(and(eq(opinions.orgId, event.orgId), eq(opinions.sourceProposalId, id)));
    if (made.length) await opinion(tx, event.orgId, made.map((o) => o.id));
    return;
  }
  const kind = EVENTS[event.type];
  if (kind) await KINDS[kind].index(tx, event.orgId, [id]);
}

/**
 * A run of events of one type (the outbox's batch form): the documents of a text event's kind in one
 * read and one write per committee; any other event as onSearchEvent.
 */
export async function onSearchEvents(events: DomainEvent[], tx: Tx) {
  const kind = EVENTS[events[0]?.type ?? ''];
  if (!kind) { for (const e of events) await onSearchEvent(e, tx); return; }
  const ids = new Map<string, string[]>();
  for (const e of events) {
    const id = (e.payload as { id?: string } | null)?.id;
    if (id) ids.set(e.orgId, [...(ids.get(e.orgId) ?? []), id]);
  }
  for (const [orgId, list] of ids) await KINDS[kind].index(tx, orgId, [...new Set(list)]);
}

/** Indexes the rows of these kinds that have no search document yet, in batches (a closing app stops it between them). */
export async function backfillIndex(db: Db, signal?: AbortSignal) {
  for (const [kind, { table, index }] of Object.entries(KINDS)) {
    while (!signal?.aborted) {
      const missing = await db.select({ orgId: table.orgId, id: table.id }).from(table)
        .where(sql`not exists (select 1 from ${searchDocs} s where s.org_id = ${table.orgId} and s.doc_kind = ${kind} and s.doc_id = ${table.id})`).limit(200);
      if (!missing.length) break;
      await db.transaction(async (tx) => {
        for (const orgId of new Set(missing.map((m) => m.orgId))) await index(tx, orgId, missing.filter((m) => m.orgId === orgId).map((m) => m.id));
      });
    }
  }
}
