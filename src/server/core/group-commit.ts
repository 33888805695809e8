// Group commit: requests that each write a little (a comment) are written several at a time, in one
// transaction with one commit, while each caller still gets its own answer (its row, or its own
// error). When no batch is under way a request goes at once (alone: no wait added when idle); while
// `concurrency` batches run, the requests that arrive queue and go together in the next one, so under
// load a batch holds what came during one commit. If a batch's transaction fails as a whole (not one
// item's refusal, which the batch answers to that item alone), each of its items is tried again alone,
// so that one bad item cannot fail the others. The same gathering serves reads made by many requests
// at once (the session lookups: core/auth/tokens.ts), `run` then being one query for all.
//
// `rank`: with several batches under way, their callers are answered once none is still running,
// batch by batch in the order of their rank (the first stream number each took), so what the callers
// do next (send a live event) follows the order in which the batches wrote, whichever answer came first.
// `key`: items with the same key never sit in two batches under way at once (the later goes in a
// batch formed after the earlier's has finished), so a check a batch makes against what is committed
// (the same comment again) sees the other.

interface Waiting<I, O> { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }

export interface GroupCommitOptions<I, O> {
  /** Writes the items in one transaction; answers, in their order, each one's result or the error to throw to its caller. */
  run(items: I[]): Promise<(O | Error)[]>;
  /** The most items in one batch. */
  max?: number;
  /** Batches under way at once (the next one reads while the one before commits). */
  concurrency?: number;
  /** Answer the batches under way together, in the order of this rank of their results (lowest first). */
  rank?: (results: O[]) => number;
  /** Items with the same key go in batches one after another, never in two under way at once. */
  key?: (item: I) => string;
}

/** One item's outcome: its result, or what its caller's promise rejects with. */
type Outcome<O> = { ok: true; value: O } | { ok: false; err: unknown };

export class GroupCommit<I, O> {
  private queue: Waiting<I, O>[] = [];
  private running = 0;
  private readonly max: number;
  private readonly concurrency: number;
  /** The keys of the items in batches under way, with how many of each (`key`). */
  private busyKeys = new Map<string, number>();
  /** Batches whose statement has not answered yet, and those answered, waiting for them (`rank`). */
  private unanswered = 0;
  private parked: { rank: number; answer: () => void }[] = [];
  constructor(private opts: GroupCommitOptions<I, O>) {
    this.max = opts.max ?? 200;
    this.concurrency = opts.concurrency ?? 2;
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  /** Batches under way (for tests and shutdown). */
  get busy() { return this.running > 0 || this.queue.length > 0; }

  private pump() {
    while (this.running < this.concurrency && this.queue.length) {
      const batch = this.take();
      if (!batch.length) return;
      this.running++;
      void this.flush(batch).finally(() => {
        this.running--;
        this.release(batch);
        this.pump();
      });
    }
  }

  /** The next batch: the first `max` waiting, but those whose key is in a batch under way. */
  private take(): Waiting<I, O>[] {
    const { key } = this.opts;
    if (!key) return this.queue.splice(0, this.max);
    const batch: Waiting<I, O>[] = [], rest: Waiting<I, O>[] = [];
    for (const w of this.queue) (batch.length < this.max && !this.busyKeys.has(key(w.item)) ? batch : rest).push(w);
    for (const w of batch) { const k = key(w.item); this.busyKeys.set(k, (this.busyKeys.get(k) ?? 0) + 1); }
    this.queue = rest;
    return batch;
  }

  private release(batch: Waiting<I, O>[]) {
    const { key } = this.opts;
    if (!key) return;
    for (const w of batch) {
      const k = key(w.item), n = this.busyKeys.get(k)! - 1;
      if (n) this.busyKeys.set(k, n); else this.busyKeys.delete(k);
    }
  }

  private async flush(batch: Waiting<I, O>[]) {
    this.unanswered++;
    let outcomes: Outcome<O>[];
    try { outcomes = await this.outcomes(batch.map((w) => w.item)); } finally { this.unanswered--; }
    const answer = () => batch.forEach((w, i) => { const o = outcomes[i]!; if (o.ok) w.resolve(o.value); else w.reject(o.err); });
    const { rank } = this.opts;
    if (!rank) { answer(); return; }
    await new Promise<void>((done) => {
      this.parked.push({ rank: rank(outcomes.flatMap((o) => (o.ok ? [o.value] : []))), answer: () => { answer(); done(); } });
      if (this.unanswered) return;
      const all = this.parked.sort((a, b) => a.rank - b.rank);
      this.parked = [];
      for (const p of all) p.answer();
    });
  }

  private async outcomes(items: I[]): Promise<Outcome<O>[]> {
    let results: (O | Error)[];
    try {
      results = await this.opts.run(items);
    } catch (err) {
      if (items.length === 1) return [{ ok: false, err }];
      // The transaction failed as a whole: each item alone, so the failure stays with its own.
      return (await Promise.all(items.map((item) => this.outcomes([item])))).flat();
    }
    return results.map((r) => (r instanceof Error ? { ok: false, err: r } : { ok: true, value: r as O }));
  }
}
