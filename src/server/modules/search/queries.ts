import { and, eq, gt, inArray, max, ne, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../core/db/client.ts';
import { hasRole, isPublicAccount, ROLES, type Actor } from '../../core/policies.ts';
import { highlight, queryWords } from '../../core/text/highlight.ts';
import { redactContacts } from '../../core/text/redact.ts';
import { searchTokens } from '../../core/text/segment.ts';
import { consultationComments, consultationRecommendations, consultations } from '../consultations/schema.ts';
import { recHref, recReadableBy, REC_KIND } from '../consultations/recommendation-access.ts';
import { replies } from '../handling/schema.ts';
import { visibleLinks } from '../liaison/access.ts';
import { liaisonContacts, liaisonLinks } from '../liaison/schema.ts';
import { visibleDocuments } from '../library/access.ts';
import { documentCategories, documentPages, documents } from '../library/schema.ts';
import { readableBy as opinionReadableBy } from '../opinions/access.ts';
import { opinions } from '../opinions/schema.ts';
import { fullAccess, KIND as PROPOSAL, readableBy as proposalReadableBy } from '../proposals/access.ts';
import { proposals } from '../proposals/schema.ts';
import { searchDocs, searchQueries } from './schema.ts';

// One search over every kind of text the caller may read. Each kind is an arm of one UNION: its
// search documents joined to its rows under the kind's own read rule (the rule its GET …/:id and
// lists use), so nothing found is a 404 to open. Ranking: a hit in the title above a hit in the
// text only, then ts_rank (title words weigh more), then the newer first.

export const SEARCH_KINDS = ['proposal', 'reply', 'opinion', 'consultation', 'comment', 'document', 'contact'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** Visitors and public accounts (网民) see what the public sees. */
export const isOutsider = (a: Actor | null) => !a || isPublicAccount(a);

interface Ctx { actor: Actor | null; orgId: string; q: SQL; qTitle: SQL }

/**
 * How many matches of one kind are counted, ranked and paged: a common word (in tens of thousands of
 * texts) is not counted to the end. Each arm takes its first CAP + 1 readable matches (the +1 tells
 * that there are more: the count shows as "100+", with an estimate beyond), and the ranking and the page are drawn
 * from those. 100: the work of a common word is about proportional to it (docs/benchmarks.md).
 */
export const SEARCH_CAP = 100;

/**
 * One arm: the kind's search documents joined to its rows, where the caller may read them (at most SEARCH_CAP + 1).
 * `few`: the caller may read few of the kind's matches (a member's own 社情民意, the contact logs of their
 * links, the replies to recommendations among all replies); else most of them. `any`: no order (the replies
 * to recommendations: sorting all of them costs more than the estimate they would give).
 */
function arm(c: Ctx, kind: SearchKind, docKind: string, join: SQL, updated: SQL, access: SQL | undefined, category: SQL = sql`null::text`, few: false | 'ordered' | 'any' = false): Arm {
  const where = sql`s.org_id = ${c.orgId} and s.doc_kind = ${docKind} and s.tsv @@ ${c.q}`;
  // Few readable: a plain join in the same order, the planner chooses: from the rows the caller may read
  // (an index on the author, the links, the recommendations) probing their search documents and sorting
  // the few found, or (a member of many 社情民意) merging them with the kind's matches in id order.
  if (few) {
    return { kind, ordered: few === 'ordered', sql: sql`select ${kind}::text as kind, s.doc_id as id, s.tsv, ${updated} as updated, ${category} as category
      from ${searchDocs} s ${join} where ${where}${access ? sql` and ${access}` : sql``}${few === 'ordered' ? sql` order by s.doc_id` : sql``} limit ${SEARCH_CAP + 1}` };
  }
  // Most readable: the kind's matches in the order of the primary key (org, kind, id) — for a common word
  // an index scan that stops at the cap, for a rare one the GIN index and a sort of its few matches —,
  // each checked against its row by a nested lookup (the lateral subquery, kept apart by \`offset 0\`,
  // so the planner cannot turn it into a hash join over the whole table).
  return { kind, ordered: true, sql: sql`select ${kind}::text as kind, s.doc_id as id, s.tsv, r.updated, r.category
    from ${searchDocs} s, lateral (select ${updated} as updated, ${category} as category from (values (1)) one (x) ${join}${access ? sql` where ${access}` : sql``} offset 0) r
    where ${where} order by s.doc_id limit ${SEARCH_CAP + 1}` };
}

/** An arm's statement; `ordered`: its matches are taken in the order of their ids (random uuids), so the last one taken tells the share of the id space read. */
interface Arm { kind: SearchKind; sql: SQL; ordered: boolean }

const on = (table: SQL, cond: SQL) => sql` join ${table} on ${cond}`;

/** The arms of the kinds asked for, each under its read rule (an arm the caller may read nothing of is left out). */
function arms(c: Ctx, kinds: readonly SearchKind[]): Arm[] {
  const { actor } = c;
  const outsider = isOutsider(actor);
  const office = !!actor && hasRole(actor, 'staff', 'admin', 'leader');
  const out: Arm[] = [];
  const want = (k: SearchKind) => kinds.includes(k);
  if (want('proposal')) {
    out.push(arm(c, 'proposal', PROPOSAL, on(sql`${proposals}`, sql`${proposals.orgId} = s.org_id and ${proposals.id} = s.doc_id`), sql`${proposals.updatedAt}`, proposalReadableBy(actor),
      sql`${proposals.domain}`));
  }
  if (want('reply')) {
    const reply = on(sql`${replies}`, sql`${replies.orgId} = s.org_id and ${replies.id} = s.doc_id`);
    out.push(arm(c, 'reply', 'reply', sql`${reply}${on(sql`${proposals}`, sql`${proposals.orgId} = ${replies.orgId} and ${proposals.id} = ${replies.itemId} and ${replies.itemKind} = ${PROPOSAL}`)}`,
      sql`${replies.createdAt}`, proposalReadableBy(actor), sql`${proposals.domain}`));
    if (actor && !outsider) {
      out.push(arm(c, 'reply', 'reply', sql`${reply}${on(sql`${consultationRecommendations}`, sql`${consultationRecommendations.orgId} = ${replies.orgId}
        and ${consultationRecommendations.id} = ${replies.itemId} and ${replies.itemKind} = ${REC_KIND}`)}`, sql`${replies.createdAt}`, recReadableBy(actor), undefined, 'any'));
    }
  }
  if (want('opinion') && actor && !outsider) {
    out.push(arm(c, 'opinion', 'opinion', on(sql`${opinions}`, sql`${opinions.orgId} = s.org_id and ${opinions.id} = s.doc_id`), sql`${opinions.updatedAt}`, opinionReadableBy(actor), undefined, office ? false : 'ordered'));
  }
  // The committee's people read every consultation; the public those past the topic step or with comments open (the public list).
  const publicConsultation = or(ne(consultations.state, 'topic'), eq(consultations.commentsOpen, true));
  if (want('consultation')) {
    out.push(arm(c, 'consultation', 'consultation', on(sql`${consultations}`, sql`${consultations.orgId} = s.org_id and ${consultations.id} = s.doc_id`),
      sql`${consultations.updatedAt}`, outsider ? publicConsultation : undefined));
  }
  // Visible comments; the public reads them while they are open (as GET …/comments answers them).
  if (want('comment')) {
    out.push(arm(c, 'comment', 'comment', sql`${on(sql`${consultationComments}`, sql`${consultationComments.orgId} = s.org_id and ${consultationComments.id} = s.doc_id`)}${on(sql`${consultations}`,
      sql`${consultations.orgId} = ${consultationComments.orgId} and ${consultations.id} = ${consultationComments.consultationId}`)}`,
    sql`${consultationComments.createdAt}`, and(eq(consultationComments.status, 'visible'), outsider ? eq(consultations.commentsOpen, true) : undefined)));
  }
  if (want('document')) {
    out.push(arm(c, 'document', 'document', on(sql`${documents}`, sql`${documents.orgId} = s.org_id and ${documents.id} = s.doc_id`), sql`${documents.uploadedAt}`, visibleDocuments(actor),
      sql`(select ${documentCategories.name} from ${documentCategories} where ${documentCategories.orgId} = ${documents.orgId} and ${documentCategories.id} = ${documents.categoryId})`));
  }
  // 双联 contact logs: as GET /liaison/contacts/:id reads them (the office and leaders all, a member those of their links; units and the public none).
  if (want('contact') && actor && !outsider) {
    out.push(arm(c, 'contact', 'contact', sql`${on(sql`${liaisonContacts}`, sql`${liaisonContacts.orgId} = s.org_id and ${liaisonContacts.id} = s.doc_id`)}${on(sql`${liaisonLinks}`,
      sql`${liaisonLinks.orgId} = ${liaisonContacts.orgId} and ${liaisonLinks.id} = ${liaisonContacts.linkId}`)}`, sql`${liaisonContacts.createdAt}`, visibleLinks(actor), undefined, office ? false : 'ordered'));
  }
  return out;
}

export interface SearchItem { kind: SearchKind; id: string; title: string; titleHtml: string; snippet: string; href: string; date: string }
/**
 * `counts`: by kind, in the year and category asked for (or all), each at most SEARCH_CAP (`capped`: the
 * kinds that have more, `estimates` about how many they have; `totalCapped`: `total` is a floor, "100+", `totalEstimate` about how many in all); `years`: how many of the kind and category
 * asked for fall in each year, newest first; `categories`: how many of the kind and year asked for in each
 * category (a proposal's domain, a document's library category; the other kinds have none). Years and
 * categories count the capped matches.
 */
export interface SearchAnswer {
  items: SearchItem[]; total: number; totalCapped: boolean; capped: SearchKind[]; counts: Record<SearchKind, number>;
  estimates: Partial<Record<SearchKind, number>>; totalEstimate: number;
  years: { year: number; count: number }[]; categories: { category: string; count: number }[]; words: string[];
}
export interface SearchFilter { kind?: SearchKind; year?: number; category?: string }

/** The share of the uuid space below this id (its first 48 bits: random in a v4 uuid). */
const shareBelow = (id: string) => (parseInt(id.replace(/-/g, '').slice(0, 12), 16) + 1) / 2 ** 48;

/** Two significant digits (an estimate shows no more than it knows): 12,345 → 12,000. */
const roughly = (n: number) => { const unit = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(n, 1))) - 1); return Math.round(n / unit) * unit; };

/**
 * Counts by kind from the arms' tallies. An arm that took its SEARCH_CAP + 1 matches has more: its kind is
 * `capped` and counts at most SEARCH_CAP. An arm's matches are the readable matches with the lowest ids,
 * and ids are random uuids (gen_random_uuid, randomUUID), so the last one taken marks the share of the id
 * space read: n / share estimates the arm's matches (the kth smallest of N uniform values is about k / N;
 * with 101 taken the error is about ±10 %). An arm taken in no order adds what it took (a floor).
 */
function tally(parts: Arm[], armRows: { arm: number; n: number; pool: number; last: string }[]) {
  const counts = noCounts();
  const guess = noCounts();
  const capped = new Set<SearchKind>();
  for (const r of armRows) {
    const k = parts[r.arm]!.kind;
    counts[k] += r.n;
    const full = r.pool > SEARCH_CAP;
    if (full) capped.add(k);
    guess[k] += full && parts[r.arm]!.ordered ? r.n / shareBelow(r.last) : r.n;
  }
  const estimates: Partial<Record<SearchKind, number>> = {};
  for (const k of SEARCH_KINDS) {
    if (counts[k] > SEARCH_CAP) capped.add(k); // (a kind of two arms — replies to proposals and to recommendations — adds up its two)
    if (!capped.has(k)) continue;
    counts[k] = Math.min(counts[k], SEARCH_CAP);
    estimates[k] = Math.max(counts[k], roughly(guess[k]));
  }
  return { counts, capped: SEARCH_KINDS.filter((k) => capped.has(k)), estimates };
}

const noCounts = () => Object.fromEntries(SEARCH_KINDS.map((k) => [k, 0])) as Record<SearchKind, number>;

export async function search(db: Queryable, actor: Actor | null, orgId: string, q: string, filter: SearchFilter, page: { limit: number; offset: number }): Promise<SearchAnswer> {
  const { kind, year, category } = filter;
  const words = queryWords(q);
  if (!words.length) return { items: [], total: 0, totalCapped: false, capped: [], counts: noCounts(), estimates: {}, totalEstimate: 0, years: [], categories: [], words };
  const c: Ctx = {
    actor, orgId,
    q: sql`to_tsquery('simple', ${words.join(' & ')})`,
    // Every word in the title: the words weighted A.
    qTitle: sql`to_tsquery('simple', ${words.map((w) => `${w}:A`).join(' & ')})`,
  };
  // One statement: the (capped) matches of every kind once (a CTE read several times is computed once),
  // counted by kind and arm (in the year and category asked for; `pool`: how many the arm took, `last`: its
  // last id) for the tabs, by year and by category (of the kind asked for, in the other filter) for the
  // filters, and the page of those asked for, ranked. A year is the year of the date shown. Ranking runs
  // over the capped matches only.
  const order = sql`order by title_hit desc, rank desc, updated desc, id`;
  const inYear = year ? sql` and year = ${year}` : sql``;
  const inCategory = category ? sql` and category = ${category}` : sql``;
  const ofKind = kind ? sql` and kind = ${kind}` : sql``;
  const parts = arms(c, SEARCH_KINDS);
  const none = sql`null::int as pool, null::text as last`;
  const rows = await queryRows<{ kind: string; id: string | null; n: number; pool: number | null; last: string | null }>(db, sql`with m as (${sql.join(parts.map((p, i) => sql`(select ${i}::int as arm, a.* from (${p.sql}) a)`), sql` union all `)}),
    u as (select arm, kind, id, updated, category, extract(year from updated)::int as year, tsv from m)
    select kind || ':' || arm::text as kind, null::uuid as id, (count(*) filter (where true${inYear}${inCategory}))::int as n, count(*)::int as pool, max(id::text) as last from u group by kind, arm
    union all
    select 'year:' || year::text, null::uuid, count(*)::int, ${none} from u where true${ofKind}${inCategory} group by year
    union all
    select 'category:' || category, null::uuid, count(*)::int, ${none} from u where category is not null${ofKind}${inYear} group by category
    union all
    (select kind, id, (row_number() over (${order}))::int, ${none} from (select kind, id, updated, (tsv @@ ${c.qTitle}) as title_hit, ts_rank(tsv, ${c.q}) as rank
      from u where true${ofKind}${inYear}${inCategory}) r ${order} limit ${page.limit} offset ${page.offset})`);
  const facet = (prefix: string) => rows.filter((r) => r.id === null && r.kind.startsWith(prefix)).map((r) => ({ key: r.kind.slice(prefix.length), count: r.n }));
  const years = facet('year:').map((r) => ({ year: Number(r.key), count: r.count })).sort((a, b) => b.year - a.year);
  const categories = facet('category:').map((r) => ({ category: r.key, count: r.count })).sort((a, b) => b.count - a.count || (a.category < b.category ? -1 : 1)); // (ties by code point: the same wherever it runs)
  // (n: the place on the page, for the union does not promise to keep the order)
  const pageRows = rows.filter((r): r is { kind: SearchKind; id: string; n: number; pool: null; last: null } => r.id !== null).sort((a, b) => a.n - b.n);
  const { counts, capped, estimates } = tally(parts, rows.filter((r) => r.pool !== null).map((r) => ({ arm: Number(r.kind.split(':')[1]), n: r.n, pool: r.pool!, last: r.last! })));
  const inScope: readonly SearchKind[] = kind ? [kind] : SEARCH_KINDS;
  const total = inScope.reduce((a: number, k) => a + counts[k], 0);
  const totalCapped = inScope.some((k) => capped.includes(k));
  const shown = await present(db, actor, orgId, pageRows, words);
  return {
    items: pageRows.map((r) => shown.get(`${r.kind}:${r.id}`)).filter((x): x is SearchItem => !!x),
    total, totalCapped, capped, counts, estimates, totalEstimate: inScope.reduce((a: number, k) => a + (estimates[k] ?? counts[k]), 0),
    years, categories, words,
  };
}

interface Found { title: string; text: string; href: string; date: Date | string }

/** Title, text and link of each row found, read after the page is cut (bodies of the page only). */
async function present(db: Queryable, actor: Actor | null, orgId: string, rows: { kind: SearchKind; id: string }[], words: string[]): Promise<Map<string, SearchItem>> {
  const ids = (k: SearchKind) => rows.filter((r) => r.kind === k).map((r) => r.id);
  const outsider = isOutsider(actor);
  const found = new Map<string, Found>();
  const put = (k: SearchKind, id: string, f: Found) => found.set(`${k}:${id}`, f);
  const proposalHref = (id: string) => (outsider ? `/public/proposals/${id}` : `/proposals/${id}`);
  const consultationHref = (id: string) => (outsider ? `/public/consultations/${id}` : `/consultations/${id}`);
  const full = sql<boolean>`${fullAccess(actor)}`;
  // Contact details are masked for whoever reads a proposal as the public does.
  const clean = (s: string, whole: boolean) => (whole ? s : redactContacts(s));
  const tasks: Promise<void>[] = [];
  const of = <T>(k: SearchKind, load: (ids: string[]) => Promise<T[]>, each: (row: T) => void) => {
    const list = ids(k);
    if (list.length) tasks.push(load(list).then((rs) => rs.forEach(each)));
  };
  of('proposal', (list) => db.select({ id: proposals.id, title: proposals.title, body: proposals.body, updatedAt: proposals.updatedAt, full }).from(proposals)
    .where(and(eq(proposals.orgId, orgId), inArray(proposals.id, list))), (p) => put('proposal', p.id, { title: clean(p.title, p.full), text: clean(p.body, p.full), href: proposalHref(p.id), date: p.updatedAt }));
  of('reply', async (list) => {
    const [toProposals, toRecs] = await Promise.all([
      db.select({ id: replies.id, content: replies.content, at: replies.createdAt, itemId: replies.itemId, title: proposals.title, full }).from(replies)
        .innerJoin(proposals, and(eq(proposals.orgId, replies.orgId), eq(proposals.id, replies.itemId), eq(replies.itemKind, PROPOSAL)))
        .where(and(eq(replies.orgId, orgId), inArray(replies.id, list))),
      db.select({ id: replies.id, content: replies.content, at: replies.createdAt, itemId: replies.itemId, title: consultationRecommendations.title, consultationId: consultationRecommendations.consultationId })
        .from(replies).innerJoin(consultationRecommendations, and(eq(consultationRecommendations.orgId, replies.orgId), eq(consultationRecommendations.id, replies.itemId), eq(replies.itemKind, REC_KIND)))
        .where(and(eq(replies.orgId, orgId), inArray(replies.id, list))),
    ]);
    return [
      ...toProposals.map((r) => ({ id: r.id, f: { title: clean(r.title, r.full), text: clean(r.content, r.full), href: proposalHref(r.itemId), date: r.at } })),
      ...toRecs.map((r) => ({ id: r.id, f: { title: r.title, text: r.content, href: recHref({ consultationId: r.consultationId, id: r.itemId }), date: r.at } })),
    ];
  }, (r) => put('reply', r.id, r.f));
  of('opinion', (list) => db.select({ id: opinions.id, title: opinions.title, body: opinions.body, at: opinions.updatedAt }).from(opinions)
    .where(and(eq(opinions.orgId, orgId), inArray(opinions.id, list))), (o) => put('opinion', o.id, { title: o.title, text: o.body, href: `/opinions/${o.id}`, date: o.at }));
  of('consultation', (list) => db.select({ id: consultations.id, title: consultations.title, summary: consultations.summary, at: consultations.updatedAt }).from(consultations)
    .where(and(eq(consultations.orgId, orgId), inArray(consultations.id, list))), (x) => put('consultation', x.id, { title: x.title, text: x.summary ?? '', href: consultationHref(x.id), date: x.at }));
  of('comment', (list) => db.select({ id: consultationComments.id, content: consultationComments.content, at: consultationComments.createdAt, cid: consultations.id, title: consultations.title })
    .from(consultationComments).innerJoin(consultations, and(eq(consultations.orgId, consultationComments.orgId), eq(consultations.id, consultationComments.consultationId)))
    .where(and(eq(consultationComments.orgId, orgId), inArray(consultationComments.id, list))), (x) => put('comment', x.id, { title: x.title, text: x.content, href: consultationHref(x.cid), date: x.at }));
  of('document', async (list) => {
    // The first page with a query word (else the first page) gives the snippet.
    const hit = sql.join(words.map((w) => sql`strpos(lower(${documentPages.text}), ${w}) > 0`), sql` or `);
    const [docs, pages] = await Promise.all([
      db.select({ id: documents.id, title: documents.title, at: documents.uploadedAt }).from(documents).where(and(eq(documents.orgId, orgId), inArray(documents.id, list))),
      queryRows<{ id: string; text: string }>(db, sql`select distinct on (${documentPages.documentId}) ${documentPages.documentId} as id, ${documentPages.text} as text from ${documentPages}
        where ${documentPages.orgId} = ${orgId} and ${inArray(documentPages.documentId, list)} order by ${documentPages.documentId}, (${hit}) desc, ${documentPages.n}`),
    ]);
    return docs.map((d) => ({ ...d, text: pages.find((p) => p.id === d.id)?.text ?? '' }));
  }, (d) => put('document', d.id, { title: d.title, text: d.text, href: `/library/${d.id}`, date: d.at }));
  of('contact', (list) => db.select({ id: liaisonContacts.id, participants: liaisonContacts.participants, topics: liaisonContacts.topics, problems: liaisonContacts.problemsSolved, date: liaisonContacts.date })
    .from(liaisonContacts).where(and(eq(liaisonContacts.orgId, orgId), inArray(liaisonContacts.id, list))),
  (x) => put('contact', x.id, { title: x.participants, text: [x.topics, ...x.problems].join(' '), href: `/liaison/contacts/${x.id}`, date: x.date }));
  await Promise.all(tasks);
  const out = new Map<string, SearchItem>();
  for (const r of rows) {
    const f = found.get(`${r.kind}:${r.id}`);
    if (!f) continue;
    const text = f.text.trim() ? f.text : f.title;
    out.set(`${r.kind}:${r.id}`, {
      kind: r.kind, id: r.id, title: f.title, titleHtml: highlight(f.title, words, 200), snippet: highlight(text.replace(/\s+/g, ' '), words, 100),
      href: f.href, date: new Date(f.date).toISOString(),
    });
  }
  return out;
}

// ---- the query log and related searches ------------------------------------------------------

/** What kind of caller searched: `visitor`, or the first of their roles (admin, staff, leader, member, unit, public). */
export const callerKind = (a: Actor | null) => (a ? ROLES.find((r) => a.roles.includes(r)) ?? 'public' : 'visitor');
const OUTSIDE_KINDS = ['visitor', 'public'];

/** The key two queries share when they are the same query: spaces collapsed, lower case. */
export const queryKey = (q: string) => q.trim().replace(/\s+/g, ' ').toLowerCase();

export async function logQuery(db: Queryable, entry: { orgId: string; q: string; kind?: string; actor: Actor | null; searcher: string; resultCount: number }) {
  await db.insert(searchQueries).values({
    orgId: entry.orgId, q: entry.q.trim(), qKey: queryKey(entry.q), terms: searchTokens(entry.q), kind: entry.kind ?? null,
    callerKind: callerKind(entry.actor), searcher: entry.searcher, resultCount: entry.resultCount,
  });
}

export interface Related { q: string; count: number; reason: 'alsoSearched' | 'sharedWords' }

/**
 * Related searches of the committee over the last 90 days that found something (for someone): first the other
 * queries of the people (searchers) who made this one, by how many of them made each; then
 * queries sharing a segmented word with it, by how many people made each. Visitors and public
 * accounts are offered only what visitors and public accounts searched (staff searches stay inside).
 */
export async function relatedQueries(db: Queryable, actor: Actor | null, orgId: string, q: string, limit = 8): Promise<Related[]> {
  const key = queryKey(q);
  const words = searchTokens(q);
  const o = searchQueries;
  const base = and(eq(o.orgId, orgId), ne(o.qKey, key), sql`${o.createdAt} > now() - interval '90 days'`,
    isOutsider(actor) ? inArray(o.callerKind, OUTSIDE_KINDS) : undefined);
  const searchers = sql`select m.searcher from ${o} m where m.org_id = ${orgId} and m.q_key = ${key}`;
  const people = sql<number>`count(distinct ${o.searcher})::int`;
  const [together, sharing] = await Promise.all([
    db.select({ q: o.qKey, n: people }).from(o).where(and(base, sql`${o.searcher} in (${searchers})`)).groupBy(o.qKey).having(gt(max(o.resultCount), 0)).orderBy(sql`2 desc`, o.qKey).limit(limit),
    words.length
      ? db.select({ q: o.qKey, n: people }).from(o).where(and(base, sql`${o.terms} && array[${sql.join(words.map((w) => sql`${w}`), sql`, `)}]::text[]`)).groupBy(o.qKey).having(gt(max(o.resultCount), 0)).orderBy(sql`2 desc`, o.qKey).limit(limit)
      : Promise.resolve([]),
  ]);
  const out: Related[] = together.map((r) => ({ q: r.q, count: r.n, reason: 'alsoSearched' as const }));
  for (const r of sharing) if (!out.some((x) => x.q === r.q)) out.push({ q: r.q, count: r.n, reason: 'sharedWords' });
  return out.slice(0, limit);
}
