// Search across everything over the demo committee: the seeded committee (proposals with replies,
// 社情民意, consultations, online comments) indexed by the backfill the demo start runs, then
// `search()` — every kind under each kind's read rule, the page's snippets — as a visitor, a member
// and staff, against a baseline in the same run: the proposals' own search (`searchProposals`, one
// kind, the same index) for the same queries and callers. Figures are medians over the queries,
// each query timed as the median of ROUNDS runs; the ratio is all-kinds ÷ proposals-only.
// Run alone: `tsx bench/search-all.ts`.
import type { Actor } from '../src/server/core/policies.ts';
import { queryRows } from '../src/server/core/db/client.ts';
import { eq, sql } from 'drizzle-orm';
import { tokens } from '../src/server/core/text/segment.ts';
import { backfillSearch, searchProposals } from '../src/server/modules/proposals/search.ts';
import { backfillIndex } from '../src/server/modules/search/indexing.ts';
import { search } from '../src/server/modules/search/queries.ts';
import { seedDemo } from '../src/server/seed/demo.ts';
import { createRandom } from '../src/server/seed/random.ts';
import { embeddedDatabase } from './pg.ts';
import { users } from '../src/server/core/schema.ts';

const ROUNDS = 5;
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2; };
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export interface SearchAllRow { caller: string; allMs: number; proposalsMs: number; ratio: number; medianFound: number; medianProposals: number }
export interface SearchAllResult { docs: Record<string, number>; queries: number; rounds: number; rows: SearchAllRow[] }

export async function searchAllBench(queryCount = 30): Promise<SearchAllResult> {
  const database = await embeddedDatabase();
  try {
    const { db } = database;
    const { orgId } = await seedDemo(db);
    await backfillSearch(db);
    await backfillIndex(db);
    await db.execute(sql`analyze`);
    const counted = await queryRows<{ kind: string; n: number }>(db, sql`select doc_kind as kind, count(*)::int as n from search_docs where org_id = ${orgId} group by doc_kind`);
    // Queries as people type them: one or two content words of the indexed titles.
    const titles = await queryRows<{ title: string }>(db, sql`select title from proposals where org_id = ${orgId} union all select title from consultations where org_id = ${orgId} union all select title from opinions where org_id = ${orgId}`);
    const rnd = createRandom(7);
    const queries = Array.from({ length: queryCount }, (_, i) => rnd.sample(tokens(rnd.pick(titles).title), i % 3 === 2 ? 2 : 1).join(' ')).filter(Boolean);
    const actorOf = async (username: string): Promise<Actor> => {
      const [u] = await db.select().from(users).where(eq(users.username, username));
      return { id: u!.id, orgId, username, displayName: u!.displayName, roles: u!.roles as Actor['roles'], memberId: u!.memberId, unitId: u!.unitId };
    };
    const callers: [string, Actor | null][] = [['visitor', null], ['member', await actorOf('member')], ['staff', await actorOf('staff')]];
    const page = { limit: 20, offset: 0 };
    const time = async (f: () => Promise<unknown>) => { const t0 = performance.now(); await f(); return performance.now() - t0; };
    const rows: SearchAllRow[] = [];
    for (const [caller, actor] of callers) {
      for (const q of queries.slice(0, 3)) { await search(db, actor, orgId, q, {}, page); await searchProposals(db, actor, orgId, { q, published: !actor }, page); } // warm-up
      const all: number[] = [], one: number[] = [], found: number[] = [], foundP: number[] = [];
      for (const q of queries) {
        // Interleaved, so drift (GC, other load) touches both alike.
        const a: number[] = [], b: number[] = [];
        for (let r = 0; r < ROUNDS; r++) {
          a.push(await time(() => search(db, actor, orgId, q, {}, page)));
          b.push(await time(() => searchProposals(db, actor, orgId, { q, published: !actor }, page)));
        }
        all.push(median(a)); one.push(median(b));
        found.push((await search(db, actor, orgId, q, {}, page)).total);
        foundP.push((await searchProposals(db, actor, orgId, { q, published: !actor }, page)).total);
      }
      rows.push({ caller, allMs: round(median(all)), proposalsMs: round(median(one)), ratio: round(median(all) / median(one)), medianFound: median(found), medianProposals: median(foundP) });
    }
    return { docs: Object.fromEntries(counted.map((c) => [c.kind, c.n])), queries: queries.length, rounds: ROUNDS, rows };
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await searchAllBench(), null, 2));
}
