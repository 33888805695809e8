import { and, desc, eq, gt, inArray, lte } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { tokens } from '../../core/text/segment.ts';
import { SimilarityIndex } from '../../core/text/similarity.ts';
import { assignments, replies } from '../handling/schema.ts';
import { today } from '../handling/deadlines.ts';
import { plenarySessions, units } from '../org/schema.ts';
import { KIND, readableAmong } from './access.ts';
import { redactContacts } from '../../core/text/redact.ts';
import type { Actor } from '../../core/policies.ts';
import { proposals } from './schema.ts';

// One similarity index per committee, kept in memory and brought up to date from the table
// (rows changed since the last sync) before each query, so every app instance stays current.

interface Indexed { state: string; title: string; titleWords: Set<string>; sessionId: string | null; updatedAt: Date }
interface OrgIndex { index: SimilarityIndex; docs: Map<string, Indexed>; currentSession: string | null; syncedAt: Date; lastSync: number; syncing?: Promise<void> }
const byOrg = new Map<string, OrgIndex>();
const SYNC_EVERY_MS = 1000;
/**
 * How far back each sync reads again: a row's updated_at is its transaction's start, so a write
 * that commits after a later-started one would otherwise fall behind syncedAt and never be read.
 */
const SYNC_OVERLAP_MS = 60_000;

async function indexFor(db: Queryable, orgId: string): Promise<OrgIndex> {
  let o = byOrg.get(orgId);
  if (!o) byOrg.set(orgId, (o = { index: new SimilarityIndex(), docs: new Map(), currentSession: null, syncedAt: new Date(0), lastSync: 0 }));
  // Requests at the same time wait for the one sync under way (not an index it has not filled yet).
  if (!o.syncing && Date.now() - o.lastSync >= SYNC_EVERY_MS) {
    o.lastSync = Date.now();
    const sync = (o.syncing = syncIndex(db, orgId, o));
    void sync.finally(() => { if (o.syncing === sync) o.syncing = undefined; }).catch(() => {});
  }
  await o.syncing;
  return o;
}

async function syncIndex(db: Queryable, orgId: string, o: OrgIndex) {
  const [rows, [session]] = await Promise.all([
    db.select({ id: proposals.id, title: proposals.title, body: proposals.body, state: proposals.state, sessionId: proposals.sessionId, updatedAt: proposals.updatedAt })
      .from(proposals).where(and(eq(proposals.orgId, orgId), gt(proposals.updatedAt, new Date(o.syncedAt.getTime() - SYNC_OVERLAP_MS)))),
    // The session proposals are filed in now: the last one begun (see sessionFor in commands.ts).
    db.select({ id: plenarySessions.id }).from(plenarySessions)
      .where(and(eq(plenarySessions.orgId, orgId), lte(plenarySessions.startsOn, today()))).orderBy(desc(plenarySessions.startsOn)).limit(1),
  ]);
  o.currentSession = session?.id ?? null;
  for (const r of rows) {
    if (o.docs.get(r.id)?.updatedAt.getTime() === r.updatedAt.getTime()) continue; // read again by the overlap, unchanged
    if (r.state === 'draft' || r.state === 'withdrawn') o.index.remove(r.id);
    else o.index.set(r.id, r.title, r.body);
    o.docs.set(r.id, { state: r.state, title: r.title, titleWords: new Set(tokens(r.title)), sessionId: r.sessionId, updatedAt: r.updatedAt });
    if (r.updatedAt > o.syncedAt) o.syncedAt = r.updatedAt;
  }
}

/** States a caller may be shown: filed proposals and later; staff also see submitted ones (to merge them). */
const SHOWN = ['filed', 'assigned', 'handling', 'replied', 'rehandling', 'closed'];
/** What a proposal may be merged into: this session's filed ones not yet answered (and, to staff, the submitted ones beside them). */
const OPEN = ['submitted', 'filed', 'assigned', 'handling'];
/** How many candidates the duplicate check scores at most while looking for ones the caller may open. */
const MAX_CANDIDATES = 1280;
/** Candidates read from the index per result, to be ranked again by title and session. */
const POOL_PER_RESULT = 10;
/** The share of the score that the titles' likeness makes when a title is given: a title names the one issue. */
const TITLE_WEIGHT = 0.5;
/** Ranking weight of a proposal of an earlier session: this session's near-duplicates come first. */
const EARLIER_SESSION = 0.8;

/** Dice coefficient of two titles' content words (关于, 加强, 提案 … are not content words). */
function titleLikeness(a: Set<string>, b: Set<string>) {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return (2 * shared) / (a.size + b.size);
}

export interface SimilarQuery {
  title?: string; text?: string; limit: number; excludeId?: string; includeSubmitted: boolean; minScore: number;
  /** "open": only this session's proposals that one could be merged into (并案). */
  scope: 'all' | 'open';
}

/** A submitted proposal has no session yet: it will be filed in the current one. */
const inThisSession = (o: OrgIndex, d: Indexed) => (d.sessionId ? d.sessionId === o.currentSession : d.state === 'submitted');

/**
 * Scores index hits against a title (half of the score the titles' likeness when one is given)
 * and ranks them, this session's before earlier ones; those below minScore are left out.
 */
function ranker(o: OrgIndex, title: string, minScore: number) {
  const titleWords = new Set(tokens(title));
  return (found: { id: string; score: number }[]) => found.map((h) => {
    const d = o.docs.get(h.id)!;
    const score = titleWords.size ? (1 - TITLE_WEIGHT) * h.score + TITLE_WEIGHT * titleLikeness(titleWords, d.titleWords) : h.score;
    return { id: h.id, score, rank: score * (inThisSession(o, d) ? 1 : EARLIER_SESSION) };
  }).filter((h) => h.score >= minScore).sort((a, b) => b.rank - a.rank);
}

/**
 * Proposals like this title and text that the caller may open (GET /proposals/:id), masked where
 * they read it as the public does, best first: this session's before earlier ones.
 */
export async function similarProposals(db: Queryable, actor: Actor, q: SimilarQuery) {
  const o = await indexFor(db, actor.orgId);
  const shown = q.scope === 'open' ? OPEN.filter((s) => q.includeSubmitted || s !== 'submitted') : q.includeSubmitted ? [...SHOWN, 'submitted'] : SHOWN;
  const candidate = (id: string) => {
    const d = o.docs.get(id);
    return id !== q.excludeId && !!d && shown.includes(d.state) && (q.scope !== 'open' || inThisSession(o, d));
  };
  const title = q.title?.trim() ?? '';
  const ranked = ranker(o, title, q.minScore);
  // The index knows no callers: ask for more until enough of the best are readable, or none are left.
  let hits: { id: string; score: number }[] = [];
  let readable = new Map<string, boolean>();
  for (let k = q.limit * POOL_PER_RESULT; ; k *= 4) {
    const found = o.index.query(title, q.text ?? '', k, candidate);
    const best = ranked(found);
    readable = await readableAmong(db, actor, best.map((h) => h.id));
    hits = best.filter((h) => readable.has(h.id)).slice(0, q.limit);
    if (hits.length >= q.limit || found.length < k || k >= MAX_CANDIDATES) break;
  }
  if (!hits.length) return [];
  const reps = await db.select({ itemId: replies.itemId, category: replies.category, content: replies.content, round: replies.round }).from(replies)
    .where(and(eq(replies.orgId, actor.orgId), eq(replies.itemKind, KIND), inArray(replies.itemId, hits.map((h) => h.id)))).orderBy(desc(replies.round));
  return hits.map((h) => {
    const d = o.docs.get(h.id)!;
    const r = reps.find((x) => x.itemId === h.id);
    const shownAs = readable.get(h.id) ? (s: string) => s : redactContacts;
    return {
      id: h.id, title: shownAs(d.title), score: Math.round(h.score * 1000) / 1000, state: d.state, thisSession: inThisSession(o, d),
      reply: r ? { category: r.category, excerpt: shownAs(r.content).slice(0, 200) } : null,
    };
  });
}

/** The score from which a proposal of this session counts as a near-duplicate of the one being written. */
const NEAR_DUPLICATE = 0.5;

/**
 * How many of this session's proposals (submitted or later) are near-duplicates of this title and
 * text that the caller may not open: counted, never listed, so a member learns that the subject is
 * taken this session without reading other members' unpublished proposals.
 */
export async function unseenNearDuplicates(db: Queryable, actor: Actor, q: { title?: string; text?: string; excludeId?: string }) {
  const o = await indexFor(db, actor.orgId);
  const states = [...SHOWN, 'submitted'];
  const candidate = (id: string) => {
    const d = o.docs.get(id);
    return id !== q.excludeId && !!d && states.includes(d.state) && inThisSession(o, d);
  };
  const title = q.title?.trim() ?? '';
  const near = ranker(o, title, NEAR_DUPLICATE)(o.index.query(title, q.text ?? '', 100, candidate));
  const readable = await readableAmong(db, actor, near.map((h) => h.id));
  return { thisSession: near.filter((h) => !readable.has(h.id)).length };
}

/**
 * Handling-unit suggestion: the units that handled the most similar past proposals, each vote
 * weighted by similarity — a lead unit's in full, a co-handling unit's at CO_WEIGHT. Learned from
 * past assignments, so it follows the committee's own practice. The co-handling units count since a
 * subject is usually led by one unit (学生心理健康: 市教育局), so the leads alone offer only that one,
 * while the units that work on it beside the lead (市卫健委, 团市委) are the other likely handlers.
 */
export async function suggestUnits(db: Queryable, orgId: string, title: string, body: string, excludeId?: string, k = 3) {
  const o = await indexFor(db, orgId);
  const hits = o.index.query(title, body, 25, (id) => id !== excludeId && SHOWN.includes(o.docs.get(id)?.state ?? '') && o.docs.get(id)!.state !== 'filed');
  if (!hits.length) return [];
  const handled = await db.selectDistinct({ itemId: assignments.itemId, unitId: assignments.unitId, role: assignments.role, name: units.name }).from(assignments)
    .innerJoin(units, and(eq(units.orgId, assignments.orgId), eq(units.id, assignments.unitId)))
    .where(and(eq(assignments.orgId, orgId), eq(assignments.itemKind, KIND), eq(assignments.state, 'signed'),
      eq(units.active, true), inArray(assignments.itemId, hits.map((h) => h.id))));
  const names = new Map(handled.map((l) => [l.unitId, l.name]));
  return rankUnits(hits, handled, k).map((v) => ({ ...v, name: names.get(v.unitId)! }));
}

/** A co-handling unit's vote beside the lead unit's (1). */
const CO_WEIGHT = 0.5;
/** A unit with less than this share of the votes is not offered (one stray vote among many). */
const MIN_SHARE = 0.05;

/** The vote: each similar proposal backs its units with its similarity (co-handling ones at CO_WEIGHT); shares of the total, best first. */
export function rankUnits(hits: { id: string; score: number }[], handled: { itemId: string; unitId: string; role: string }[], k: number) {
  const votes = new Map<string, number>();
  for (const h of hits) {
    for (const a of handled) if (a.itemId === h.id) votes.set(a.unitId, (votes.get(a.unitId) ?? 0) + h.score * (a.role === 'lead' ? 1 : CO_WEIGHT));
  }
  const total = [...votes.values()].reduce((s, v) => s + v, 0) || 1;
  return [...votes].filter(([, v]) => v / total >= MIN_SHARE).sort((a, b) => b[1] - a[1]).slice(0, k)
    .map(([unitId, v]) => ({ unitId, score: Math.round((v / total) * 1000) / 1000 }));
}
