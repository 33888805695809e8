/**
 * The k best (slot, score) pairs seen so far, best first; equal scores go by id, ascending, so that
 * every way of finding the same documents returns them in the same order.
 */
export class TopK {
  readonly slots: Int32Array;
  readonly scores: Float64Array;
  length = 0;

  constructor(readonly k: number, private readonly idOf: (slot: number) => string) {
    this.slots = new Int32Array(k);
    this.scores = new Float64Array(k);
  }

  /** The score a document must reach to enter: the k-th best, or 0 while there are fewer than k. */
  get threshold() { return this.length < this.k ? 0 : this.scores[this.k - 1]!; }

  private before(slot: number, score: number, i: number) {
    const s = this.scores[i]!;
    return score > s || (score === s && this.idOf(slot) < this.idOf(this.slots[i]!));
  }

  offer(slot: number, score: number) {
    if (this.k === 0 || (this.length === this.k && !this.before(slot, score, this.k - 1))) return;
    let i = Math.min(this.length, this.k - 1);
    while (i > 0 && this.before(slot, score, i - 1)) {
      this.slots[i] = this.slots[i - 1]!;
      this.scores[i] = this.scores[i - 1]!;
      i--;
    }
    this.slots[i] = slot;
    this.scores[i] = score;
    if (this.length < this.k) this.length++;
  }

  hits() {
    return Array.from({ length: this.length }, (_, i) => ({ id: this.idOf(this.slots[i]!), score: this.scores[i]! }));
  }
}
