import { and, desc, eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Queryable } from '../../core/db/client.ts';
import { inWorker } from '../../core/workers/pool.ts';
import { consultationComments as comments } from './schema.ts';
import type { ThemeResult } from './themes.ts';

// The themes of a consultation's visible comments, as GET …/themes answers them. Grouping 10,000
// comments takes about 1.6 s of CPU (docs/benchmarks.md), so it never runs on a request nor on the
// server's thread: a request answers what was grouped last (and says whether newer comments wait),
// and the grouping runs on the worker pool (core/workers) when
//   - nothing has been grouped yet for that consultation (the first request starts it), or
//   - THEMES_REFRESH_COMMENTS comments have arrived since (counted as they are posted here, or seen
//     by a request comparing the visible count), or
//   - at least one has, and THEMES_REFRESH_SECONDS have passed (a timer after the first arrival).
// One grouping at a time per consultation. The cache is per process (each instance groups for itself
// and notices comments posted on others through the count a request reads); it holds only the
// result (themes with their representative comments), a few kB per consultation.

/** The most recent visible comments grouped (older ones are left out beyond it). */
export const THEME_MAX_COMMENTS = 10_000;
const REPRESENTATIVES = 3;
/** themes.ts beside this file (.ts under tsx, .js once compiled), for the worker to import. */
const THEMES_MODULE = new URL(`./themes.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url).href;

const caches = new WeakMap<object, ThemeCache>();
/** The cache of the app on this database (tests wait on it with settled()). */
export const themeCacheOf = (db: Queryable) => caches.get(db);

interface Cons { orgId: string; id: string }
interface Basis { count: number; lastSeq: number }
export interface ThemesView {
  /** Visible comments now, and how many the themes were grouped from. */
  total: number;
  grouped: number;
  computedAt: string | null;
  /** Newer comments than the grouping shows, or a grouping under way. */
  stale: boolean;
  refreshing: boolean;
  themes: { key: string; size: number; words: string[]; representatives: { id: string; content: string; authorName: string; supports: number; opposes: number }[] }[];
}
interface Entry {
  view?: Omit<ThemesView, 'total' | 'stale' | 'refreshing'>;
  basis?: Basis;
  at: number;
  /** Comments posted here since the grouping. */
  arrivals: number;
  running?: Promise<void>;
  timer?: NodeJS.Timeout;
  failedAt?: number;
}

const visible = (cons: Cons) => and(eq(comments.orgId, cons.orgId), eq(comments.consultationId, cons.id), eq(comments.status, 'visible'));

async function basisOf(db: Queryable, cons: Cons): Promise<Basis> {
  const [b] = await db.select({ count: sql<number>`count(*)::int`, lastSeq: sql<number>`coalesce(max(${comments.seq}), 0)::bigint` })
    .from(comments).where(visible(cons));
  return { count: Number(b!.count), lastSeq: Number(b!.lastSeq) };
}

export class ThemeCache {
  private entries = new Map<string, Entry>();
  private closed = false;
  constructor(private db: Queryable, private opts: { refreshComments: number; refreshSeconds: number; log?: FastifyBaseLogger }) { caches.set(db, this); }

  /** What the themes are now (never waits for a grouping; starts one when due). */
  async themes(cons: Cons): Promise<ThemesView> {
    const key = `${cons.orgId}:${cons.id}`;
    const entry = this.entries.get(key) ?? this.entries.set(key, { at: 0, arrivals: 0 }).get(key)!;
    const now = await basisOf(this.db, cons);
    const changed = !entry.basis || entry.basis.count !== now.count || entry.basis.lastSeq !== now.lastSeq;
    // (after a failed grouping, the next waits THEMES_REFRESH_SECONDS whatever arrives)
    const failedLately = entry.failedAt !== undefined && Date.now() - entry.failedAt < this.opts.refreshSeconds * 1000;
    if (changed && !entry.running && !failedLately) {
      const newer = entry.basis ? Math.max(Math.abs(now.count - entry.basis.count), entry.arrivals, 1) : Infinity;
      if (newer >= this.opts.refreshComments || Date.now() - entry.at >= this.opts.refreshSeconds * 1000) this.refresh(cons, entry);
      else this.later(cons, entry);
    }
    const view = entry.view ?? { grouped: 0, computedAt: null, themes: [] };
    return { ...view, total: now.count, stale: changed, refreshing: !!entry.running };
  }

  /** A comment became visible (posted here): the themes are grouped again when enough have, or after a while. */
  arrived(cons: Cons) {
    const entry = this.entries.get(`${cons.orgId}:${cons.id}`);
    if (!entry?.basis) return; // nobody has asked for these themes yet
    entry.arrivals++;
    if (entry.running) return;
    if (entry.arrivals >= this.opts.refreshComments && entry.failedAt === undefined) this.refresh(cons, entry);
    else this.later(cons, entry);
  }

  /** Every grouping under way has ended (for tests and shutdown). */
  async settled() {
    while ([...this.entries.values()].some((e) => e.running)) await Promise.all([...this.entries.values()].map((e) => e.running));
  }

  close() {
    this.closed = true;
    for (const e of this.entries.values()) clearTimeout(e.timer);
  }

  private later(cons: Cons, entry: Entry) {
    if (entry.timer || this.closed) return;
    const wait = Math.max(0, Math.max(entry.at, entry.failedAt ?? 0) + this.opts.refreshSeconds * 1000 - Date.now());
    entry.timer = setTimeout(() => { entry.timer = undefined; if (!entry.running) this.refresh(cons, entry); }, wait);
    entry.timer.unref();
  }

  private refresh(cons: Cons, entry: Entry) {
    if (this.closed) return;
    clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.running = this.group(cons, entry)
      .catch((err: unknown) => { entry.failedAt = Date.now(); this.opts.log?.warn({ err, consultationId: cons.id }, 'themes not grouped'); })
      .finally(() => { entry.running = undefined; });
  }

  private async group(cons: Cons, entry: Entry) {
    const basis = await basisOf(this.db, cons);
    const arrivals = entry.arrivals;
    const rows = await this.db.select({ id: comments.id, content: comments.content, authorName: comments.authorName, supports: comments.supports, opposes: comments.opposes })
      .from(comments).where(visible(cons)).orderBy(desc(comments.seq)).limit(THEME_MAX_COMMENTS);
    const result = await inWorker<ThemeResult>(THEMES_MODULE, 'findThemesTask', { comments: rows.map((r) => ({ id: r.id, content: r.content })), options: { representatives: REPRESENTATIVES } }, { timeoutMs: 120_000 });
    const byId = new Map(rows.map((r) => [r.id, r]));
    entry.view = {
      grouped: rows.length, computedAt: new Date().toISOString(),
      themes: result.themes.map((t) => ({ key: t.key, size: t.size, words: t.words, representatives: t.representativeIds.map((id) => byId.get(id)!) })),
    };
    entry.basis = basis;
    entry.at = Date.now();
    entry.failedAt = undefined;
    entry.arrivals -= arrivals;
  }
}
