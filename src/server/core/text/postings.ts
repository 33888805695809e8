/** A typed array of the same kind with room for `size` items, the old items copied. */
export function grow<T extends Int32Array | Float32Array | Float64Array | Uint8Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(size, 16));
  b.set(a.subarray(0, Math.min(a.length, b.length)));
  return b;
}

/** The documents (slots, ascending) that contain one word, with the word's weight in each. */
export class Postings {
  slots: Int32Array;
  weights: Float32Array;
  length = 0;
  /** The largest weight: an upper bound, also after documents are removed. */
  max = 0;

  constructor(capacity = 4) {
    this.slots = new Int32Array(capacity);
    this.weights = new Float32Array(capacity);
  }

  push(slot: number, weight: number) {
    if (this.length === this.slots.length) {
      this.slots = grow(this.slots, this.length * 2);
      this.weights = grow(this.weights, this.length * 2);
    }
    this.slots[this.length] = slot;
    this.weights[this.length++] = weight;
    if (weight > this.max) this.max = weight;
  }

  /** A removed document keeps its place with weight 0 until the lists are rebuilt. */
  zero(slot: number) {
    let lo = 0, hi = this.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1, s = this.slots[mid]!;
      if (s === slot) { this.weights[mid] = 0; return; }
      if (s < slot) lo = mid + 1; else hi = mid - 1;
    }
  }
}
