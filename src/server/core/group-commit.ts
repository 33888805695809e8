// Group commit: requests that each write a little (a comment) are written several at a time, in one
// transaction with one commit, while each caller still gets its own answer (its row, or its own
// error). A batch goes at the end of the event loop's turn in which its first request came (so the
// requests read from the network together go together: a hundred connections' requests often arrive
// in one turn; idle, that adds no more than the turn); while `concurrency` batches run, the requests
// that arrive queue and go together in the next one, so under load a batch holds what came during
// one commit. If a batch's transaction fails as a whole (not one
// item's refusal, which the batch answers to that item alone), each of its items is tried again alone,
// so that one bad item cannot fail the others. The same gathering serves reads made by many requests
// at once (the session lookups: core/auth/tokens.ts), `run` then being one query for all.

interface Waiting<I, O> { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }

export interface GroupCommitOptions<I, O> {
  /** Writes the items in one transaction; answers, in their order, each one's result or the error to throw to its caller. */
  run(items: I[]): Promise<(O | Error)[]>;
  /** The most items in one batch. */
  max?: number;
  /** Batches under way at once (the next one reads while the one before commits). */
  concurrency?: number;
}

export class GroupCommit<I, O> {
  private queue: Waiting<I, O>[] = [];
  private running = 0;
  private gathering = false;
  private readonly max: number;
  private readonly concurrency: number;
  constructor(private opts: GroupCommitOptions<I, O>) {
    this.max = opts.max ?? 200;
    this.concurrency = opts.concurrency ?? 2;
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.gathering) { this.gathering = true; setImmediate(() => { this.gathering = false; this.pump(); }); }
    });
  }

  /** Batches under way (for tests and shutdown). */
  get busy() { return this.running > 0 || this.queue.length > 0; }

  private pump() {
    while (this.running < this.concurrency && this.queue.length) {
      const batch = this.queue.splice(0, this.max);
      this.running++;
      void this.flush(batch).finally(() => { this.running--; this.pump(); });
    }
  }

  private async flush(batch: Waiting<I, O>[]) {
    let results: (O | Error)[];
    try {
      results = await this.opts.run(batch.map((w) => w.item));
    } catch (err) {
      if (batch.length === 1) { batch[0]!.reject(err); return; }
      // The transaction failed as a whole: each item alone, so the failure stays with its own.
      await Promise.all(batch.map((w) => this.flush([w])));
      return;
    }
    batch.forEach((w, i) => {
      const r = results[i];
      if (r instanceof Error) w.reject(r); else w.resolve(r as O);
    });
  }
}
