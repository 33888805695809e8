// Handling-unit suggestion accuracy on the demo committee: every fifth assigned proposal is held
// out; its units are suggested from the others (as staff would see when assigning) and compared
// with the lead unit it really went to. Run alone: `tsx bench/suggest.ts`.
import { and, eq, inArray } from 'drizzle-orm';
import { embeddedDatabase } from './pg.ts';
import { SimilarityIndex } from '../src/server/core/text/similarity.ts';
import { assignments } from '../src/server/modules/handling/schema.ts';
import { proposals } from '../src/server/modules/proposals/schema.ts';
import { seedDemo } from '../src/server/seed/demo.ts';
import { rankUnits } from '../src/server/modules/proposals/similar.ts';

export interface SuggestResult { heldOut: number; trained: number; top1: number; top3: number }

export async function suggestBench(): Promise<SuggestResult> {
  const database = await embeddedDatabase();
  try {
    await seedDemo(database.db);
    const db = database.db;
    const handled = await db.select({ itemId: assignments.itemId, unitId: assignments.unitId, role: assignments.role }).from(assignments)
      .where(and(eq(assignments.itemKind, 'proposal'), eq(assignments.state, 'signed')));
    const leadOf = new Map(handled.filter((a) => a.role === 'lead').map((l) => [l.itemId, l.unitId]));
    const rows = await db.select({ id: proposals.id, title: proposals.title, body: proposals.body }).from(proposals)
      .where(inArray(proposals.id, [...leadOf.keys()])).orderBy(proposals.createdAt, proposals.id);
    const heldOut = rows.filter((_, i) => i % 5 === 0);
    const held = new Set(heldOut.map((r) => r.id));
    const index = new SimilarityIndex();
    for (const r of rows) if (!held.has(r.id)) index.set(r.id, r.title, r.body);
    let top1 = 0, top3 = 0;
    for (const r of heldOut) {
      // The same vote as suggestUnits(): the units of the 25 nearest past proposals, weighted by similarity (co-handling ones less).
      const ranked = rankUnits(index.query(r.title, r.body, 25), handled, 3).map((v) => v.unitId);
      if (ranked[0] === leadOf.get(r.id)) top1++;
      if (ranked.slice(0, 3).includes(leadOf.get(r.id)!)) top3++;
    }
    const rate = (n: number) => Math.round((n / heldOut.length) * 1000) / 1000;
    return { heldOut: heldOut.length, trained: rows.length - heldOut.length, top1: rate(top1), top3: rate(top3) };
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await suggestBench());
