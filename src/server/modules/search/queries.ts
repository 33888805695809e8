import { and, eq, gt, inArray, max, ne, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../core/db/client.ts';
import { shaped, type Built } from '../../core/db/shaped.ts';
import { hasRole, isPublicAccount, ROLES, type Actor } from '../../core/policies.ts';
import { highlight, queryWords } from '../../core/text/highlight.ts';
import { redactContacts } from '../../core/text/redact.ts';
import { searchTokens } from '../../core/text/segment.ts';
import { consultationComments, consultationRecommendations, consultations } from '../consultations/schema.ts';
import { recHref, recReadableBy, REC_KIND } from '../consultations/recommendation-access.ts';
import { inPublicList } from '../consultations/queries.ts';
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
  const publicConsultation = inPublicList();
  if (want('consultation')) {
    out.push(arm(c, 'consultation', 'consultation', on(sql`${consultations}`, sql`${consultations.orgId} = s.org_id and ${consultations.id} = s.doc_id`),
      sql`${consultations.updatedAt}`, outsider ? publicConsultation : undefined));
  }
  // Visible comments; the public reads those of the public list's consultations, open or closed (as GET …/comments answers them).
  if (want('comment')) {
    out.push(arm(c, 'comment', 'comment', sql`${on(sql`${consultationComments}`, sql`${consultationComments.orgId} = s.org_id and ${consultationComments.id} = s.doc_id`)}${on(sql`${consultations}`,
      sql`${consultations.orgId} = ${consultationComments.orgId} and ${consultations.id} = ${consultationComments.consultationId}`)}`,
    sql`${consultationComments.createdAt}`, and(eq(consultationComments.status, 'visible'), outsider ? publicConsultation : undefined)));
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
function tally(parts: readonly Pick<Arm, 'kind' | 'ordered'>[], armRows: { arm: number; n: number; pool: number; last: string }[]) {
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

/**
 * One statement: the (capped) matches of every kind once (a CTE read several times is computed once), counted
 * by kind and arm (in the year and category asked for; `pool`: how many the arm took, `last`: its last id) for
 * the tabs, by year and by category (of the kind asked for, in the other filter) for the filters, and the page
 * of those asked for, ranked, with each row's title, text and date (read for the page only). A year is the
 * year of the date shown. Ranking runs over the capped matches only. `meta`: the arms (their kinds and order).
 */
function statementOf(actor: Actor | null, v: Record<string, string | number>, words: string[], filter: SearchFilter): Built<{ kind: SearchKind; ordered: boolean }[]> {
  const { kind, year, category } = filter;
  const orgId = `${v.orgId}`;
  const c: Ctx = {
    actor, orgId,
    q: sql`to_tsquery('simple', ${v.q})`,
    // Every word in the title: the words weighted A.
    qTitle: sql`to_tsquery('simple', ${v.qTitle})`,
  };
  const order = sql`order by title_hit desc, rank desc, updated desc, id`;
  const inYear = year ? sql` and year = ${year}` : sql``;
  const inCategory = category ? sql` and category = ${category}` : sql``;
  const ofKind = kind ? sql` and kind = ${kind}` : sql``;
  const parts = arms(c, SEARCH_KINDS);
  const noContent = sql`null::text as title, null::text as body, null::text as dated, null::boolean as whole, null::uuid as ref, null::uuid as ref2, null::jsonb as more`;
  const none = sql`null::int as pool, null::text as last, ${noContent}`;
  const statement = sql`with m as (${sql.join(parts.map((p, i) => sql`(select ${i}::int as arm, a.* from (${p.sql}) a)`), sql` union all `)}),
    u as (select arm, kind, id, updated, category, extract(year from updated)::int as year, tsv from m)
    select kind || ':' || arm::text as kind, null::uuid as id, (count(*) filter (where true${inYear}${inCategory}))::int as n, count(*)::int as pool, max(id::text) as last, ${noContent} from u group by kind, arm
    union all
    select 'year:' || year::text, null::uuid, count(*)::int, ${none} from u where true${ofKind}${inCategory} group by year
    union all
    select 'category:' || category, null::uuid, count(*)::int, ${none} from u where category is not null${ofKind}${inYear} group by category
    union all
    select pg.kind, pg.id, pg.n, null::int, null::text, x.* from (select kind, id, (row_number() over (${order}))::int as n from (select kind, id, updated, (tsv @@ ${c.qTitle}) as title_hit, ts_rank(tsv, ${c.q}) as rank
      from u where true${ofKind}${inYear}${inCategory}) r ${order} limit ${v.limit} offset ${v.offset}) pg, lateral (${pageContent(actor, orgId, words)}) x`;
  return { statement, meta: parts.map((p) => ({ kind: p.kind, ordered: p.ordered })) };
}

export async function search(db: Queryable, actor: Actor | null, orgId: string, q: string, filter: SearchFilter, page: { limit: number; offset: number }): Promise<SearchAnswer> {
  const { kind, year, category } = filter;
  const words = queryWords(q);
  if (!words.length) return { items: [], total: 0, totalCapped: false, capped: [], counts: noCounts(), estimates: {}, totalEstimate: 0, years: [], categories: [], words };
  // The statement is compiled once per shape (core/db/shaped.ts): the caller's roles and which of their ids
  // they have, the filters set, the number of words; the values are its parameters.
  const vars: Record<string, string | number> = { orgId, q: words.join(' & '), qTitle: words.map((w) => `${w}:A`).join(' & '), limit: page.limit, offset: page.offset };
  words.forEach((w, i) => { vars[`w${i}`] = w; });
  if (kind) vars.kind = kind;
  if (year) vars.year = year;
  if (category) vars.category = category;
  // (every value of the caller a variable: whatever a read rule takes of them is a parameter of its own)
  if (actor) {
    Object.assign(vars, { actorId: actor.id, actorOrg: actor.orgId, username: actor.username, displayName: actor.displayName });
    if (actor.memberId) vars.memberId = actor.memberId;
    if (actor.unitId) vars.unitId = actor.unitId;
  }
  const shape = JSON.stringify(['search', actor ? [actor.roles, !!actor.mustChangePassword] : null, Object.keys(vars)]);
  const caller = (v: typeof vars): Actor | null => actor && {
    ...actor, id: `${v.actorId}`, orgId: `${v.actorOrg}`, username: `${v.username}`, displayName: `${v.displayName}`,
    memberId: v.memberId ? `${v.memberId}` : null, unitId: v.unitId ? `${v.unitId}` : null,
  };
  const { statement, meta: parts } = shaped(shape, vars, (v) => statementOf(caller(v), v, words.map((_, i) => `${v[`w${i}`]}`),
    { kind: v.kind as SearchKind | undefined, year: v.year as number | undefined, category: v.category as string | undefined }));
  const rows = await queryRows<Row>(db, statement);
  const facet = (prefix: string) => rows.filter((r) => r.id === null && r.kind.startsWith(prefix)).map((r) => ({ key: r.kind.slice(prefix.length), count: r.n }));
  const years = facet('year:').map((r) => ({ year: Number(r.key), count: r.count })).sort((a, b) => b.year - a.year);
  const categories = facet('category:').map((r) => ({ category: r.key, count: r.count })).sort((a, b) => b.count - a.count || (a.category < b.category ? -1 : 1)); // (ties by code point: the same wherever it runs)
  // (n: the place on the page, for the union does not promise to keep the order)
  const pageRows = rows.filter((r): r is PageRow => r.id !== null).sort((a, b) => a.n - b.n);
  const { counts, capped, estimates } = tally(parts, rows.filter((r) => r.pool !== null).map((r) => ({ arm: Number(r.kind.split(':')[1]), n: r.n, pool: r.pool!, last: r.last! })));
  const inScope: readonly SearchKind[] = kind ? [kind] : SEARCH_KINDS;
  const total = inScope.reduce((a: number, k) => a + counts[k], 0);
  const totalCapped = inScope.some((k) => capped.includes(k));
  return {
    items: pageRows.map((r) => present(r, isOutsider(actor), words)),
    total, totalCapped, capped, counts, estimates, totalEstimate: inScope.reduce((a: number, k) => a + (estimates[k] ?? counts[k]), 0),
    years, categories, words,
  };
}

/**
 * A row of the statement: a count (`id` null: by kind and arm, by year, by category) or a row of the page with
 * what it shows: title, text (`body`), date (`dated`, as the driver gives it), `whole`: read in full (else
 * contact details masked), `ref`/`ref2`: the item it belongs to (a reply's proposal or recommendation and that
 * one's consultation, a comment's consultation), `more`: a contact log's problems solved.
 */
interface Row {
  kind: string; id: string | null; n: number; pool: number | null; last: string | null;
  title: string | null; body: string | null; dated: string | null; whole: boolean | null; ref: string | null; ref2: string | null; more: string[] | null;
}
type PageRow = Row & { kind: SearchKind; id: string; title: string; body: string; dated: string };

/**
 * What a row of the page shows, as a lateral subquery of the page row `pg` (kind, id): its kind's arm alone
 * answers (the others' `pg.kind = …` is false), with the same columns as the page rows read before
 * (the bodies of the page only).
 */
function pageContent(actor: Actor | null, orgId: string, words: string[]): SQL {
  const full = sql`${fullAccess(actor)}`;
  const of = (k: SearchKind, cols: SQL, from: SQL, idCol: SQL, orgCol: SQL) => sql`select ${cols} from ${from} where pg.kind = ${k} and ${orgCol} = ${orgId} and ${idCol} = pg.id`;
  // The first page with a query word (else the first page) gives a document's text.
  const hit = sql.join(words.map((w) => sql`strpos(lower(dp.text), ${w}) > 0`), sql` or `);
  const cols = (title: SQL, body: SQL, dated: SQL, whole: SQL = sql`true`, ref: SQL = sql`null::uuid`, ref2: SQL = sql`null::uuid`, more: SQL = sql`null::jsonb`) =>
    sql`${title} as title, ${body} as body, ${dated}::text as dated, ${whole} as whole, ${ref} as ref, ${ref2} as ref2, ${more} as more`;
  return sql.join([
    of('proposal', cols(sql`${proposals.title}`, sql`${proposals.body}`, sql`${proposals.updatedAt}`, full), sql`${proposals}`, sql`${proposals.id}`, sql`${proposals.orgId}`),
    of('reply', cols(sql`${proposals.title}`, sql`${replies.content}`, sql`${replies.createdAt}`, full, sql`${replies.itemId}`),
      sql`${replies}${on(sql`${proposals}`, sql`${proposals.orgId} = ${replies.orgId} and ${proposals.id} = ${replies.itemId} and ${replies.itemKind} = ${PROPOSAL}`)}`, sql`${replies.id}`, sql`${replies.orgId}`),
    of('reply', cols(sql`${consultationRecommendations.title}`, sql`${replies.content}`, sql`${replies.createdAt}`, sql`true`, sql`${replies.itemId}`, sql`${consultationRecommendations.consultationId}`),
      sql`${replies}${on(sql`${consultationRecommendations}`, sql`${consultationRecommendations.orgId} = ${replies.orgId} and ${consultationRecommendations.id} = ${replies.itemId} and ${replies.itemKind} = ${REC_KIND}`)}`,
      sql`${replies.id}`, sql`${replies.orgId}`),
    of('opinion', cols(sql`${opinions.title}`, sql`${opinions.body}`, sql`${opinions.updatedAt}`), sql`${opinions}`, sql`${opinions.id}`, sql`${opinions.orgId}`),
    of('consultation', cols(sql`${consultations.title}`, sql`coalesce(${consultations.summary}, '')`, sql`${consultations.updatedAt}`), sql`${consultations}`, sql`${consultations.id}`, sql`${consultations.orgId}`),
    of('comment', cols(sql`${consultations.title}`, sql`${consultationComments.content}`, sql`${consultationComments.createdAt}`, sql`true`, sql`${consultations.id}`),
      sql`${consultationComments}${on(sql`${consultations}`, sql`${consultations.orgId} = ${consultationComments.orgId} and ${consultations.id} = ${consultationComments.consultationId}`)}`,
      sql`${consultationComments.id}`, sql`${consultationComments.orgId}`),
    of('document', cols(sql`${documents.title}`, sql`coalesce((select dp.text from ${documentPages} dp where dp.org_id = ${documents.orgId} and dp.document_id = ${documents.id}
      order by (${hit}) desc, dp.n limit 1), '')`, sql`${documents.uploadedAt}`), sql`${documents}`, sql`${documents.id}`, sql`${documents.orgId}`),
    of('contact', cols(sql`${liaisonContacts.participants}`, sql`${liaisonContacts.topics}`, sql`${liaisonContacts.date}`, sql`true`, sql`null::uuid`, sql`null::uuid`, sql`${liaisonContacts.problemsSolved}`),
      sql`${liaisonContacts}`, sql`${liaisonContacts.id}`, sql`${liaisonContacts.orgId}`),
  ], sql` union all `);
}

/** A row of the page as the caller sees it: its link, its title and snippet marked (contact details masked unless read in full). */
function present(r: PageRow, outsider: boolean, words: string[]): SearchItem {
  const proposalHref = (id: string) => (outsider ? `/public/proposals/${id}` : `/proposals/${id}`);
  const consultationHref = (id: string) => (outsider ? `/public/consultations/${id}` : `/consultations/${id}`);
  const href = {
    proposal: () => proposalHref(r.id),
    reply: () => (r.ref2 ? recHref({ consultationId: r.ref2, id: r.ref! }) : proposalHref(r.ref!)),
    opinion: () => `/opinions/${r.id}`,
    consultation: () => consultationHref(r.id),
    comment: () => consultationHref(r.ref!),
    document: () => `/library/${r.id}`,
    contact: () => `/liaison/contacts/${r.id}`,
  }[r.kind]();
  const clean = (s: string) => (r.whole ? s : redactContacts(s));
  const title = clean(r.title);
  const body = clean(r.more ? [r.body, ...r.more].join(' ') : r.body);
  const text = body.trim() ? body : title;
  return {
    kind: r.kind, id: r.id, title, titleHtml: highlight(title, words, 200), snippet: highlight(text.replace(/\s+/g, ' '), words, 100),
    href, date: new Date(r.dated).toISOString(),
  };
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
