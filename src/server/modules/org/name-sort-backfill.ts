import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { nameSortKey } from '../../core/text/pinyin.ts';
import { members } from './schema.ts';

/** Fills the pinyin sort key of members written before it existed (one pass; new rows get it on insert). */
export async function backfillNameSort(db: Db) {
  const missing = await db.select({ orgId: members.orgId, id: members.id, name: members.name }).from(members).where(eq(members.nameSort, ''));
  for (let i = 0; i < missing.length; i += 200) {
    await db.transaction(async (tx) => {
      for (const m of missing.slice(i, i + 200)) await tx.update(members).set({ nameSort: nameSortKey(m.name) }).where(and(eq(members.orgId, m.orgId), eq(members.id, m.id)));
    });
  }
}
