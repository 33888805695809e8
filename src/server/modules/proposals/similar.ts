import { and, desc, eq, gt, inArray } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { SimilarityIndex } from '../../core/text/similarity.ts';
import { assignments, replies } from '../handling/schema.ts';
import { units } from '../org/schema.ts';
import { KIND, readableAmong } from './access.ts';
import { redactContacts } from '../../core/text/redact.ts';
import type { Actor } from '../../core/policies.ts';
import { proposals } from './schema.ts';

// One similarity index per committee, kept in memory and brought up to date from the table
// (rows changed since the last sync) before each query, so every app instance stays current.

interface OrgIndex { index: SimilarityIndex; states: Map<string, string>; titles: Map<string, string>; syncedAt: Date; lastSync: number }
const byOrg = new Map<string, OrgIndex>();
const SYNC_EVERY_MS = 1000;

async function indexFor(db: Queryable, orgId: string): Promise<OrgIndex> {
  let o = byOrg.get(orgId);
  if (!o) byOrg.set(orgId, (o = { index: new SimilarityIndex(), states: new Map(), titles: new Map(), syncedAt: new Date(0), lastSync: 0 }));
  if (Date.now() - o.lastSync < SYNC_EVERY_MS) return o;
  o.lastSync = Date.now();
  const rows = await db.select({ id: proposals.id, title: proposals.title, body: proposals.body, state: proposals.state, updatedAt: proposals.updatedAt })
    .from(proposals).where(and(eq(proposals.orgId, orgId), gt(proposals.updatedAt, o.syncedAt)));
  for (const r of rows) {
    if (r.state === 'draft' || r.state === 'withdrawn') o.index.remove(r.id);
    else o.index.set(r.id, r.title, r.body);
    o.states.set(r.id, r.state);
    o.titles.set(r.id, r.title);
    if (r.updatedAt > o.syncedAt) o.syncedAt = r.updatedAt;
  }
  return o;
}

/** States a caller may be shown: filed proposals and later; staff also see submitted ones (to merge them). */
const SHOWN = ['filed', 'assigned', 'handling', 'replied', 'rehandling', 'closed'];
/** How many candidates the duplicate check scores at most while looking for ones the caller may open. */
const MAX_CANDIDATES = 1280;

/** Past proposals like this text that the caller may open (GET /proposals/:id), masked where they read it as the public does. */
export async function similarProposals(db: Queryable, actor: Actor, q: { title?: string; text: string; limit: number; excludeId?: string; includeSubmitted: boolean; minScore: number }) {
  const o = await indexFor(db, actor.orgId);
  const shown = q.includeSubmitted ? [...SHOWN, 'submitted'] : SHOWN;
  const candidate = (id: string) => id !== q.excludeId && shown.includes(o.states.get(id)!);
  // The index knows no callers: ask for more until enough of the best are readable, or none are left.
  let hits: { id: string; score: number }[] = [];
  let readable = new Map<string, boolean>();
  for (let k = q.limit; ; k *= 4) {
    const found = o.index.query(q.title ?? '', q.text, k, candidate).filter((h) => h.score >= q.minScore);
    readable = await readableAmong(db, actor, found.map((h) => h.id));
    hits = found.filter((h) => readable.has(h.id)).slice(0, q.limit);
    if (hits.length >= q.limit || found.length < k || k >= MAX_CANDIDATES) break;
  }
  if (!hits.length) return [];
  const reps = await db.select({ itemId: replies.itemId, category: replies.category, content: replies.content, round: replies.round }).from(replies)
    .where(and(eq(replies.orgId, actor.orgId), eq(replies.itemKind, KIND), inArray(replies.itemId, hits.map((h) => h.id)))).orderBy(desc(replies.round));
  return hits.map((h) => {
    const r = reps.find((x) => x.itemId === h.id);
    const shownAs = readable.get(h.id) ? (s: string) => s : redactContacts;
    return {
      id: h.id, title: shownAs(o.titles.get(h.id)!), score: Math.round(h.score * 1000) / 1000, state: o.states.get(h.id)!,
      reply: r ? { category: r.category, excerpt: shownAs(r.content).slice(0, 200) } : null,
    };
  });
}

/**
 * Handling-unit suggestion: the lead units of the most similar past proposals, each vote weighted
 * by similarity. Learned from past assignments, so it follows the committee's own practice.
 */
export async function suggestUnits(db: Queryable, orgId: string, title: string, body: string, excludeId?: string, k = 3) {
  const o = await indexFor(db, orgId);
  const hits = o.index.query(title, body, 25, (id) => id !== excludeId && SHOWN.includes(o.states.get(id)!) && o.states.get(id) !== 'filed');
  if (!hits.length) return [];
  const leads = await db.selectDistinct({ itemId: assignments.itemId, unitId: assignments.unitId, name: units.name }).from(assignments)
    .innerJoin(units, and(eq(units.orgId, assignments.orgId), eq(units.id, assignments.unitId)))
    .where(and(eq(assignments.orgId, orgId), eq(assignments.itemKind, KIND), eq(assignments.role, 'lead'), eq(assignments.state, 'signed'),
      eq(units.active, true), inArray(assignments.itemId, hits.map((h) => h.id))));
  const names = new Map(leads.map((l) => [l.unitId, l.name]));
  return rankUnits(hits, leads.map((l) => ({ itemId: l.itemId, unitId: l.unitId })), k).map((v) => ({ ...v, name: names.get(v.unitId)! }));
}

/** The vote: each similar proposal backs its lead unit(s) with its similarity; shares of the total, best first. */
export function rankUnits(hits: { id: string; score: number }[], leads: { itemId: string; unitId: string }[], k: number) {
  const votes = new Map<string, number>();
  for (const h of hits) for (const l of leads) if (l.itemId === h.id) votes.set(l.unitId, (votes.get(l.unitId) ?? 0) + h.score);
  const total = [...votes.values()].reduce((s, v) => s + v, 0) || 1;
  return [...votes].sort((a, b) => b[1] - a[1]).slice(0, k).map(([unitId, v]) => ({ unitId, score: Math.round((v / total) * 1000) / 1000 }));
}
