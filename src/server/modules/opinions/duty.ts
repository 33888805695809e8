import { and, eq, isNotNull } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { today } from '../handling/deadlines.ts';
import type { DutyFact } from '../records/rules.ts';
import { handedIn } from './queries.ts';
import { opinionAdoptions, opinions } from './schema.ts';

/**
 * What 社情民意 reports count for on their authors' duty records: handed in (its first submission),
 * and each adoption, at its level (county, city, province, national); a report withdrawn counts for
 * nothing, as it no longer counts toward the quota (`handedIn`). One report or all of a committee's.
 */
export async function opinionDutyFacts(db: Queryable, orgId: string, id?: string): Promise<DutyFact[]> {
  const rows = await db.select({ id: opinions.id, title: opinions.title, author: opinions.authorMemberId, submittedAt: opinions.submittedAt })
    .from(opinions).where(and(eq(opinions.orgId, orgId), handedIn, isNotNull(opinions.authorMemberId), id ? eq(opinions.id, id) : undefined));
  if (!rows.length) return [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const adoptions = await db.select({ id: opinionAdoptions.id, opinionId: opinionAdoptions.opinionId, level: opinionAdoptions.level, adoptedOn: opinionAdoptions.adoptedOn, adoptedBy: opinionAdoptions.adoptedBy })
    .from(opinionAdoptions).where(and(eq(opinionAdoptions.orgId, orgId), id ? eq(opinionAdoptions.opinionId, id) : undefined));
  const base = (o: { id: string; title: string }) => ({ sourceType: 'opinion', sourceId: o.id, href: `/opinions/${o.id}`, title: o.title });
  return [
    ...rows.map((o) => ({ ...base(o), memberId: o.author!, kind: 'opinionSubmitted', key: `opinion.submit:${o.id}`, occurredOn: today(o.submittedAt!) })),
    ...adoptions.flatMap((a) => {
      const o = byId.get(a.opinionId);
      return o ? [{ ...base(o), memberId: o.author!, kind: 'opinionAdopted', variant: a.level, key: `opinion.adopt:${a.id}`, occurredOn: a.adoptedOn }] : [];
    }),
  ];
}
