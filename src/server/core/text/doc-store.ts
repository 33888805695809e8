interface Loose { terms: Int32Array; tfs: Uint16Array; weights: Float32Array }

const NO_WEIGHTS = new Float32Array(0);

/**
 * The documents of a similarity index by slot: word ids (ascending), word counts and normalised
 * weights. Those of the last snapshot sit in one block in slot order, so a scan over all of them
 * reads memory in order; those added since have an array each until the next snapshot. A removed
 * document keeps its slot, with weight 0, until then.
 */
export class DocStore {
  private ids: (string | undefined)[] = [];
  private slotOf = new Map<string, number>();
  private blockN = 0;
  private start = new Int32Array(1);
  private blockTerms = new Int32Array(0);
  private blockTfs = new Uint16Array(0);
  private blockWeights = new Float32Array(0);
  private loose: Loose[] = [];

  /** Live documents. */
  get size() { return this.slotOf.size; }
  /** Slots, live or not: every slot is below this. */
  get slots() { return this.ids.length; }
  id(slot: number) { return this.ids[slot]; }
  slot(id: string) { return this.slotOf.get(id); }
  liveSlots() { return [...this.slotOf.values()].sort((a, b) => a - b); }

  add(id: string, terms: Int32Array, tfs: Uint16Array) {
    const slot = this.ids.length;
    this.ids.push(id);
    this.slotOf.set(id, slot);
    this.loose.push({ terms, tfs, weights: NO_WEIGHTS });
    return slot;
  }

  remove(slot: number) {
    this.slotOf.delete(this.ids[slot]!);
    this.ids[slot] = undefined;
    this.weights(slot).fill(0);
  }

  terms(slot: number) {
    return slot < this.blockN ? this.blockTerms.subarray(this.start[slot]!, this.start[slot + 1]!) : this.loose[slot - this.blockN]!.terms;
  }

  tfs(slot: number) {
    return slot < this.blockN ? this.blockTfs.subarray(this.start[slot]!, this.start[slot + 1]!) : this.loose[slot - this.blockN]!.tfs;
  }

  /** The weights, to read or to write (a document added since the snapshot gets its array on first use). */
  weights(slot: number) {
    if (slot < this.blockN) return this.blockWeights.subarray(this.start[slot]!, this.start[slot + 1]!);
    const d = this.loose[slot - this.blockN]!;
    if (d.weights.length !== d.terms.length && this.ids[slot] !== undefined) d.weights = new Float32Array(d.terms.length);
    return d.weights;
  }

  /** Σ weight × dense[word] over the document's words. */
  dot(slot: number, dense: Float64Array) {
    let terms: Int32Array, weights: Float32Array, from: number, to: number;
    if (slot < this.blockN) {
      terms = this.blockTerms; weights = this.blockWeights; from = this.start[slot]!; to = this.start[slot + 1]!;
    } else {
      const d = this.loose[slot - this.blockN]!;
      terms = d.terms; weights = d.weights; from = 0; to = weights.length;
    }
    let s = 0;
    for (let j = from; j < to; j++) s += weights[j]! * dense[terms[j]!]!;
    return s;
  }

  /** One block of the given live slots, renumbered 0…n-1 in that order; the weights are left 0. */
  compact(order: number[]) {
    let nnz = 0;
    for (const s of order) nnz += this.terms(s).length;
    const start = new Int32Array(order.length + 1), terms = new Int32Array(nnz), tfs = new Uint16Array(nnz);
    order.forEach((s, i) => {
      terms.set(this.terms(s), start[i]!);
      tfs.set(this.tfs(s), start[i]!);
      start[i + 1] = start[i]! + this.terms(s).length;
    });
    this.ids = order.map((s) => this.ids[s]);
    this.slotOf = new Map(this.ids.map((id, s) => [id!, s]));
    this.blockN = order.length;
    this.start = start;
    this.blockTerms = terms;
    this.blockTfs = tfs;
    this.blockWeights = new Float32Array(nnz);
    this.loose = [];
  }
}
