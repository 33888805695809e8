// Search across everything at 100,000 mixed items: the demo committee's rows of every kind (proposals,
// replies, 社情民意, consultations, comments, documents, 双联 contact logs) copied in bulk by SQL (new ids,
// the same read-rule columns) up to 100,000, each with a search document whose words make rare words
// (about 10 items each) and very common ones (a third and a half of all items); `analyze`; then
// `search()` of GET /api/v1/search (every kind under its read rule, counts capped at SEARCH_CAP per kind
// with an estimate beyond, year and category facets, the page's snippets) as a visitor, a member and staff, against a baseline in
// the same run: the bare index lookup `select doc_id from search_docs where tsv @@ query limit 20` (no
// read rule, no count, no ranking). Each query is timed ROUNDS times interleaved with the baseline.
// Run alone: `tsx bench/search-mixed.ts` (BENCH_MIXED_ITEMS, default 100000).
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../src/server/core/db/client.ts';
import type { Actor } from '../src/server/core/policies.ts';
import { users } from '../src/server/core/schema.ts';
import { backfillSearch } from '../src/server/modules/proposals/search.ts';
import { backfillIndex } from '../src/server/modules/search/indexing.ts';
import { search, SEARCH_CAP } from '../src/server/modules/search/queries.ts';
import { seedDemo } from '../src/server/seed/demo.ts';
import { embeddedDatabase } from './pg.ts';

const ROUNDS = 5;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
interface Spread { p50: number; p95: number }
const spread = (xs: number[]): Spread => ({ p50: round(pct(xs, 0.5)), p95: round(pct(xs, 0.95)) });

export interface SearchMixedRow { caller: string; words: 'rare' | 'common'; search: Spread; bare: Spread; ratio: number; medianTotal: number; capped: boolean; medianEstimate: number }
export interface SearchMixedResult { items: number; docs: Record<string, number>; loadSeconds: number; queries: number; rounds: number; cap: number; rows: SearchMixedRow[] }

/** The share of the items of each kind (the demo committee's rows of the kind are copied to reach it). */
const SHARE: [kind: string, table: string, share: number, overrides: string][] = [
  ['proposal', 'proposals', 0.3, `'number', null`],
  ['reply', 'replies', 0.2, ''],
  ['opinion', 'opinions', 0.15, `'source_proposal_id', null, 'number', null`],
  ['consultation', 'consultations', 0.05, `'plan_item_id', null`],
  ['comment', 'consultation_comments', 0.15, ''],
  ['document', 'documents', 0.1, `'seq', 1000000 + g`],
  ['contact', 'liaison_contacts', 0.05, ''],
];

/** Copies the committee's rows of a kind (round robin, new ids) with their search documents; i0: the first item number. */
async function copyKind(db: Db, orgId: string, kind: string, table: string, n: number, overrides: string, i0: number) {
  // Each copy's search words: 'zr<i % (items/10)>' (about 10 items each), '服务' (every second item), '发展' (every third).
  await db.execute(sql.raw(`with src as (select row_number() over (order by id) as r, t.* from ${table} t where org_id = '${orgId}' and id in (select doc_id from search_docs where org_id = '${orgId}' and doc_kind = '${kind}')),
    k as (select count(*) as n from src),
    made as (
      insert into ${table} select (jsonb_populate_record(null::${table}, to_jsonb(src) - 'r' || jsonb_build_object('id', gen_random_uuid()${overrides ? `, ${overrides}` : ''}))).*
      from generate_series(0, ${n - 1}) g, k, src where src.r = g % k.n + 1
      returning id)
    insert into search_docs (org_id, doc_kind, doc_id, tsv)
    select '${orgId}', '${kind}', id, setweight(to_tsvector('simple', concat_ws(' ', 'zr' || ((${i0} + x) % 10000),
      case when (${i0} + x) % 2 = 0 then '服务' end, case when (${i0} + x) % 3 = 0 then '发展' end)), case when x % 4 = 0 then 'A' else 'B' end::"char")
    from (select id, row_number() over () as x from made) m`));
}

/**
 * The library's documents to copy: the demo seed leaves the library out (its documents need the processing
 * jobs), so 24 processed documents are written here as processing leaves them — ready (a few hidden, for
 * staff only), public, members' or staff's, in three categories, their year spread over five years, a page
 * of text and a search document each (title weight A, text B).
 */
async function seedDocuments(db: Db, orgId: string) {
  await db.execute(sql.raw(`with staff as (select id, display_name from users where org_id = '${orgId}' and username = 'staff'),
    cats as (insert into document_categories (org_id, name) values ('${orgId}', '交流发言'), ('${orgId}', '制度文件'), ('${orgId}', '协商议政') returning id, name),
    made as (
      insert into documents (org_id, year, seq, number, title, filename, format, mime, size, sha256, storage_key, access, category_id, uploaded_by, uploader_name,
        uploaded_at, state, pages, preview_kind, hidden, processed_at)
      select '${orgId}', 2021 + g % 5, g, 'TX-' || (2021 + g % 5) || '-' || lpad(g::text, 5, '0'), '政协文库资料第' || g || '号 协商议政参考', 'doc' || g || '.txt', 'txt', 'text/plain',
        1000 + g, md5(g::text), '${orgId}/bench/' || g, (array['public', 'public', 'members', 'staff'])[g % 4 + 1], (select id from cats where name = (array['交流发言', '制度文件', '协商议政'])[g % 3 + 1]),
        staff.id, staff.display_name, make_timestamptz(2021 + g % 5, 1 + g % 12, 1 + g % 28, 9, 0, 0), 'ready', 1, 'text', g % 12 = 0, now()
      from generate_series(1, 24) g, staff
      returning id, title),
    paged as (insert into document_pages (org_id, document_id, n, text) select '${orgId}', id, 1, title || '：围绕重点工作开展调研，提出意见建议。' from made returning document_id)
    insert into search_docs (org_id, doc_kind, doc_id, tsv) select '${orgId}', 'document', id, setweight(to_tsvector('simple', '政协 文库 资料 协商 议政 参考'), 'A') from made`));
}

/** The demo committee, indexed, grown to `items` search documents of every kind; returns it and the seconds the copying took. */
export async function loadMixed(db: Db, items: number) {
  const { orgId } = await seedDemo(db);
  await backfillSearch(db);
  await backfillIndex(db);
  const t0 = performance.now();
  await seedDocuments(db, orgId);
  let i0 = 0;
  for (const [kind, table, share, overrides] of SHARE) {
    const n = Math.round(items * share);
    await copyKind(db, orgId, kind, table, n, overrides, i0);
    i0 += n;
  }
  // The copied documents' page of text (a page item's snippet is read from it).
  await db.execute(sql`insert into document_pages (org_id, document_id, n, text) select d.org_id, d.id, 1, d.title || '：围绕重点工作开展调研，提出意见建议。'
    from documents d where d.org_id = ${orgId} and not exists (select 1 from document_pages p where p.org_id = d.org_id and p.document_id = d.id)`);
  await db.execute(sql`analyze`);
  return { orgId, loadSeconds: (performance.now() - t0) / 1000 };
}

export async function searchMixedBench(items = 100_000, queryCount = 20): Promise<SearchMixedResult> {
  const database = await embeddedDatabase();
  try {
    const { db } = database;
    const { orgId, loadSeconds } = await loadMixed(db, items);
    const counted = await queryRows<{ kind: string; n: number }>(db, sql`select doc_kind as kind, count(*)::int as n from search_docs where org_id = ${orgId} group by doc_kind`);
    const actorOf = async (username: string): Promise<Actor> => {
      const [u] = await db.select().from(users).where(eq(users.username, username));
      return { id: u!.id, orgId, username, displayName: u!.displayName, roles: u!.roles as Actor['roles'], memberId: u!.memberId, unitId: u!.unitId };
    };
    const callers: [string, Actor | null][] = [['visitor', null], ['member', await actorOf('member')], ['staff', await actorOf('staff')]];
    const sets = {
      rare: Array.from({ length: queryCount }, (_, i) => `zr${(i * 499) % 10000}`),
      common: Array.from({ length: queryCount }, (_, i) => ['服务', '发展', '服务 发展'][i % 3]!),
    };
    const page = { limit: 20, offset: 0 };
    const bare = (q: string) => queryRows(db, sql`select doc_id from search_docs where org_id = ${orgId} and tsv @@ to_tsquery('simple', ${q.split(' ').join(' & ')}) limit 20`);
    const time = async (f: () => Promise<unknown>) => { const t1 = performance.now(); await f(); return performance.now() - t1; };
    const rows: SearchMixedRow[] = [];
    for (const [caller, actor] of callers) {
      for (const [words, queries] of Object.entries(sets) as ['rare' | 'common', string[]][]) {
        for (const q of queries.slice(0, 3)) { await search(db, actor, orgId, q, {}, page); await bare(q); } // warm-up
        const a: number[] = [], b: number[] = [], totals: number[] = [], estimates: number[] = [];
        let capped = false;
        for (const q of queries) {
          for (let r = 0; r < ROUNDS; r++) {
            a.push(await time(() => search(db, actor, orgId, q, {}, page)));
            b.push(await time(() => bare(q)));
          }
          const found = await search(db, actor, orgId, q, {}, page);
          totals.push(found.total);
          estimates.push(found.totalEstimate);
          capped ||= found.totalCapped;
        }
        rows.push({ caller, words, search: spread(a), bare: spread(b), ratio: round(pct(a, 0.95) / pct(b, 0.95)), medianTotal: pct(totals, 0.5), capped, medianEstimate: pct(estimates, 0.5) });
      }
    }
    return { items, docs: Object.fromEntries(counted.map((c) => [c.kind, c.n])), loadSeconds: round(loadSeconds), queries: queryCount, rounds: ROUNDS, cap: SEARCH_CAP, rows };
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await searchMixedBench(Number(process.env.BENCH_MIXED_ITEMS) || 100_000), null, 2));
}
