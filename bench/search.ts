// Proposal search at scale: the generated corpus of the duplicate-check benchmark loaded into
// `proposals` and `search_docs` (the same search document `indexProposal` writes), then the
// route's own query (`searchProposals`, as staff, first page of 20) against a baseline in the same
// run: ILIKE over title and body of the same rows (what a search without the index would do).
// Run alone: `tsx bench/search.ts` (BENCH_CORPUS, default 100000; PostgreSQL too with
// BENCH_DATABASE_URL or TEST_DATABASE_URL).
import crypto from 'node:crypto';
import { and, count, desc, eq, ilike, ne, or, sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../src/server/core/db/client.ts';
import type { Actor } from '../src/server/core/policies.ts';
import { tokens } from '../src/server/core/text/segment.ts';
import { proposals } from '../src/server/modules/proposals/schema.ts';
import { searchProposals, searchVector } from '../src/server/modules/proposals/search.ts';
import { searchDocs } from '../src/server/modules/search/schema.ts';
import { createRandom } from '../src/server/seed/random.ts';
import { buildCorpus, type CorpusDoc } from './corpus.ts';
import { embeddedDatabase, freshDatabase } from './pg.ts';

interface Spread { p50: number; p95: number }
export interface SearchResult {
  engine: string; corpus: number; queries: number; loadSeconds: number;
  search: Spread; ilike: Spread;
  /** ILIKE ÷ search at p50. */
  speedup: number;
  /** Matches per query (the count the page shows), median. */
  medianMatches: number;
}

const BATCH = 500;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const spread = (xs: number[]): Spread => ({ p50: round(pct(xs, 0.5)), p95: round(pct(xs, 0.95)) });

/** Search words as people type them: one or two content words of a title of the corpus. */
function queriesFrom(docs: CorpusDoc[], n: number) {
  const rnd = createRandom(42);
  return Array.from({ length: n }, (_, i) => {
    const words = tokens(rnd.pick(docs).title);
    return rnd.sample(words, i % 3 === 2 ? 2 : 1).join(' ');
  });
}

/** Loads generated proposals (closed, indexed for search) into a committee; returns the seconds it took. */
export async function loadCorpus(database: Database, orgId: string, docs: CorpusDoc[]) {
  const { db } = database;
  const staffId = crypto.randomUUID();
  const t0 = performance.now();
  for (let i = 0; i < docs.length; i += BATCH) {
    const rows = docs.slice(i, i + BATCH).map((d) => ({
      orgId, id: crypto.randomUUID(), title: d.title, body: d.body, kind: 'member', state: 'closed', proposerName: `委员${i % 97}`, createdBy: staffId,
    }));
    await db.transaction(async (tx) => {
      await tx.insert(proposals).values(rows);
      await tx.insert(searchDocs).values(rows.map((r) => ({ orgId, docKind: 'proposal', docId: r.id, tsv: searchVector(r, []) as never })));
    });
  }
  await db.execute(sql`analyze proposals`);
  await db.execute(sql`analyze search_docs`);
  return (performance.now() - t0) / 1000;
}

/** The baseline: every query word somewhere in the title or body, newest first, with the count. */
async function ilikeSearch(database: Database, orgId: string, q: string) {
  const where = and(eq(proposals.orgId, orgId), ne(proposals.state, 'draft'),
    ...q.split(' ').map((w) => or(ilike(proposals.title, `%${w}%`), ilike(proposals.body, `%${w}%`))));
  const [rows, [n]] = await Promise.all([
    database.db.select({ id: proposals.id, title: proposals.title }).from(proposals).where(where).orderBy(desc(proposals.updatedAt)).limit(20),
    database.db.select({ n: count() }).from(proposals).where(where),
  ]);
  return { rows, total: n!.n };
}

async function measureOn(engine: string, database: Database, docs: CorpusDoc[], queries: string[]): Promise<SearchResult> {
  const orgId = crypto.randomUUID();
  const loadSeconds = await loadCorpus(database, orgId, docs);
  const actor: Actor = { id: crypto.randomUUID(), orgId, username: 'bench', displayName: 'bench', roles: ['staff'], memberId: null, unitId: null };
  const timed = async <T>(f: () => Promise<T>) => { const t0 = performance.now(); const r = await f(); return { ms: performance.now() - t0, r }; };
  const fts: number[] = [], scan: number[] = [], matches: number[] = [];
  for (const q of queries.slice(0, 5)) await searchProposals(database.db, actor, orgId, { q }, { limit: 20, offset: 0 }); // warm-up
  for (const q of queries) {
    const a = await timed(() => searchProposals(database.db, actor, orgId, { q }, { limit: 20, offset: 0 }));
    const b = await timed(() => ilikeSearch(database, orgId, q));
    fts.push(a.ms); scan.push(b.ms); matches.push(a.r.total);
  }
  return {
    engine, corpus: docs.length, queries: queries.length, loadSeconds: round(loadSeconds),
    search: spread(fts), ilike: spread(scan), speedup: round(pct(scan, 0.5) / pct(fts, 0.5)), medianMatches: pct(matches, 0.5),
  };
}

export async function searchBench(size: number, pgBase: string | undefined, queryCount = 40): Promise<SearchResult[]> {
  const { docs } = buildCorpus(size, 0);
  const queries = queriesFrom(docs, queryCount);
  const out: SearchResult[] = [];
  const lite = await embeddedDatabase();
  try { out.push(await measureOn('embedded', lite, docs, queries)); } finally { await lite.close(); }
  if (pgBase) {
    const fresh = await freshDatabase(pgBase);
    const pgdb = await openDatabase({ url: fresh.url });
    try { out.push(await measureOn('postgres', pgdb, docs, queries)); } finally { await pgdb.close(); await fresh.drop(); }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await searchBench(Number(process.env.BENCH_CORPUS) || 100_000, process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL);
  console.log(JSON.stringify(results, null, 2));
}
