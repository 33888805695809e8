import { and, desc, eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Queryable } from '../../core/db/client.ts';
import { redactContacts } from '../../core/text/redact.ts';
import { inWorker } from '../../core/workers/pool.ts';
import { consultationComments as comments, consultationThemes as themesTable } from './schema.ts';
import type { ThemeResult } from './themes.ts';

// The themes of a consultation's visible comments, as GET …/themes answers them. Grouping 10,000
// comments takes about 1.6 s of CPU (docs/benchmarks.md), so it never runs on a request nor on the
// server's thread: a request answers what was grouped last (and says whether newer comments wait),
// and the grouping runs on the worker pool (core/workers) when
//   - nothing has been grouped yet for that consultation (the first request starts it), or
//   - THEMES_REFRESH_COMMENTS comments have arrived since (counted as they are posted here, or seen
//     by a request comparing the visible count), or
//   - at least one has, and THEMES_REFRESH_SECONDS have passed (a timer after the first arrival).
// The grouping is kept in the database (consultation_themes), shared by every app instance: the
// instance that takes the row's lease groups and writes the result; the others read it. One grouping
// at a time per consultation across instances, and at most one per refresh window: an instance that
// gets the lease checks again, against what is stored, that a grouping is still due. A lease whose
// instance died runs out (LEASE_SECONDS). What this process keeps is only its timers and the count of
// comments posted here since.

/** The most recent visible comments grouped (older ones are left out beyond it). */
export const THEME_MAX_COMMENTS = 10_000;
const REPRESENTATIVES = 3;
/** Fewer comments than this are not grouped: a theme of one or two comments is named by their every word, filler included. */
export const THEME_MIN_COMMENTS = 5;
/** themes.ts beside this file (.ts under tsx, .js once compiled), for the worker to import. */
const THEMES_MODULE = new URL(`./themes.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url).href;

const caches = new WeakMap<object, ThemeCache>();
/** The cache of the app on this database (tests wait on it with settled()). */
export const themeCacheOf = (db: Queryable) => caches.get(db);
/** How long a grouping may hold the lease (the worker's own time-out is 120 s). */
const LEASE_SECONDS = 150;

interface Cons { orgId: string; id: string }
interface Basis { count: number; lastSeq: number }
type View = Omit<ThemesView, 'total' | 'stale' | 'refreshing'>;
export interface ThemesView {
  /** Visible comments now, and how many the themes were grouped from. */
  total: number;
  grouped: number;
  computedAt: string | null;
  /** Newer comments than the grouping shows, or a grouping under way (here or on another instance). */
  stale: boolean;
  refreshing: boolean;
  themes: { key: string; size: number; words: string[]; representatives: { id: string; content: string; authorName: string; supports: number; opposes: number }[] }[];
}
/** What this process keeps per consultation: its timer, its grouping under way, the comments posted here since it asked. */
interface Entry {
  arrivals: number;
  running?: Promise<void>;
  timer?: NodeJS.Timeout;
}
/** The shared row, as read. */
type Stored = typeof themesTable.$inferSelect;

const visible = (cons: Cons) => and(eq(comments.orgId, cons.orgId), eq(comments.consultationId, cons.id), eq(comments.status, 'visible'));
const ofCons = (cons: Cons) => and(eq(themesTable.orgId, cons.orgId), eq(themesTable.consultationId, cons.id));

async function basisOf(db: Queryable, cons: Cons): Promise<Basis> {
  const [b] = await db.select({ count: sql<number>`count(*)::int`, lastSeq: sql<number>`coalesce(max(${comments.seq}), 0)::bigint` })
    .from(comments).where(visible(cons));
  return { count: Number(b!.count), lastSeq: Number(b!.lastSeq) };
}

const storedBasis = (row: Stored | undefined): Basis | undefined => (row?.basisCount == null ? undefined : { count: row.basisCount, lastSeq: Number(row.basisSeq ?? 0) });
const leased = (row: Stored | undefined) => !!row?.leaseUntil && row.leaseUntil.getTime() > Date.now();

export class ThemeCache {
  private entries = new Map<string, Entry>();
  private closed = false;
  /** Groupings this process ran (for tests: two instances group once between them). */
  groupings = 0;
  constructor(private db: Queryable, private opts: { refreshComments: number; refreshSeconds: number; log?: FastifyBaseLogger }) { caches.set(db, this); }

  private entry(cons: Cons) {
    const key = `${cons.orgId}:${cons.id}`;
    return this.entries.get(key) ?? this.entries.set(key, { arrivals: 0 }).get(key)!;
  }

  /**
   * Whether a grouping is due now, against the stored one: none yet; or THEMES_REFRESH_COMMENTS more
   * comments (the count's change, or those posted here); or any change and the window has passed.
   * Else the milliseconds to wait (0: nothing changed, nothing to wait for).
   */
  private due(row: Stored | undefined, now: Basis, arrivals: number): true | number {
    const basis = storedBasis(row);
    if (!basis) return true;
    if (basis.count === now.count && basis.lastSeq === now.lastSeq) return 0;
    const since = Math.max(row!.computedAt?.getTime() ?? 0, row!.failedAt?.getTime() ?? 0);
    const wait = since + this.opts.refreshSeconds * 1000 - Date.now();
    const failedLately = !!row!.failedAt && wait > 0;
    if (!failedLately && Math.max(Math.abs(now.count - basis.count), arrivals, 1) >= this.opts.refreshComments) return true;
    return wait <= 0 ? true : wait;
  }

  /** What the themes are now (never waits for a grouping; starts one when due). */
  async themes(cons: Cons): Promise<ThemesView> {
    const entry = this.entry(cons);
    const [now, [row]] = await Promise.all([basisOf(this.db, cons), this.db.select().from(themesTable).where(ofCons(cons))]);
    const basis = storedBasis(row);
    const changed = !basis || basis.count !== now.count || basis.lastSeq !== now.lastSeq;
    if (changed && !entry.running && !leased(row)) {
      const due = this.due(row, now, entry.arrivals);
      if (due === true) this.refresh(cons, entry);
      else if (due > 0) this.later(cons, entry, due);
    }
    const view = (row?.view as View | null) ?? { grouped: 0, computedAt: null, themes: [] };
    return { ...view, total: now.count, stale: changed, refreshing: !!entry.running || leased(row) };
  }

  /** A comment became visible (posted here): the themes are grouped again when enough have, or after a while. */
  arrived(cons: Cons) {
    const entry = this.entries.get(`${cons.orgId}:${cons.id}`);
    if (!entry) return; // nobody has asked for these themes here yet
    entry.arrivals++;
    if (entry.running) return;
    if (entry.arrivals >= this.opts.refreshComments) this.refresh(cons, entry);
    else this.later(cons, entry, this.opts.refreshSeconds * 1000);
  }

  /** Every grouping under way here has ended (for tests and shutdown). */
  async settled() {
    while ([...this.entries.values()].some((e) => e.running)) await Promise.all([...this.entries.values()].map((e) => e.running));
  }

  close() {
    this.closed = true;
    for (const e of this.entries.values()) clearTimeout(e.timer);
  }

  private later(cons: Cons, entry: Entry, waitMs: number) {
    if (entry.timer || this.closed) return;
    entry.timer = setTimeout(() => { entry.timer = undefined; if (!entry.running) this.refresh(cons, entry); }, waitMs);
    entry.timer.unref();
  }

  private refresh(cons: Cons, entry: Entry) {
    if (this.closed) return;
    clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.running = this.group(cons, entry)
      .catch(async (err: unknown) => {
        this.opts.log?.warn({ err, consultationId: cons.id }, 'themes not grouped');
        await this.db.update(themesTable).set({ failedAt: sql`now()`, leaseUntil: null }).where(ofCons(cons)).catch(() => undefined);
      })
      .finally(() => { entry.running = undefined; });
  }

  /** Takes the lease (none if another instance holds it), checks the grouping is still due, groups on a worker, stores it for every instance. */
  private async group(cons: Cons, entry: Entry) {
    const [claimed] = await this.db.insert(themesTable).values({ orgId: cons.orgId, consultationId: cons.id, leaseUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})` })
      .onConflictDoUpdate({
        target: [themesTable.orgId, themesTable.consultationId], set: { leaseUntil: sql`excluded.lease_until` },
        setWhere: sql`${themesTable.leaseUntil} is null or ${themesTable.leaseUntil} < now()`,
      }).returning();
    if (!claimed) return; // another instance is grouping
    const arrivals = entry.arrivals;
    const basis = await basisOf(this.db, cons);
    const due = this.due(claimed, basis, arrivals);
    if (due !== true) {
      // Grouped by another instance meanwhile (or nothing new): give the lease back, wait for the window.
      await this.db.update(themesTable).set({ leaseUntil: null }).where(ofCons(cons));
      entry.arrivals = 0;
      if (due > 0) this.later(cons, entry, due);
      return;
    }
    const rows = await this.db.select({ id: comments.id, content: comments.content, authorName: comments.authorName, supports: comments.supports, opposes: comments.opposes })
      .from(comments).where(visible(cons)).orderBy(desc(comments.seq)).limit(THEME_MAX_COMMENTS);
    const result: ThemeResult = rows.length < THEME_MIN_COMMENTS ? { themes: [], assignment: {} }
      : await inWorker<ThemeResult>(THEMES_MODULE, 'findThemesTask', { comments: rows.map((r) => ({ id: r.id, content: r.content })), options: { representatives: REPRESENTATIVES } }, { timeoutMs: 120_000 });
    this.groupings++;
    const byId = new Map(rows.map((r) => [r.id, r]));
    const view: View = {
      grouped: rows.length, computedAt: new Date().toISOString(),
      // (the representatives shown as published comments are: contact details masked)
      themes: result.themes.map((t) => ({ key: t.key, size: t.size, words: t.words, representatives: t.representativeIds.map((id) => byId.get(id)!).map((r) => ({ ...r, content: redactContacts(r.content) })) })),
    };
    await this.db.update(themesTable).set({ view, basisCount: basis.count, basisSeq: basis.lastSeq, computedAt: new Date(view.computedAt!), leaseUntil: null, failedAt: null })
      .where(ofCons(cons));
    entry.arrivals -= arrivals;
  }
}
