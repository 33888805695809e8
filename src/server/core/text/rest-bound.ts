/** The document lengths the table has a row for: v / STEPS, v = 0…STEPS. */
export const STEPS = 255;

/**
 * What query words can add at most to a document's score, as a table by the document's length over
 * those words: for length r = v / steps, the largest Σ qₜ·xₜ with 0 ≤ xₜ ≤ maxₜ (the word's largest
 * weight in any document) and Σ xₜ² ≤ r². Water-filling: xₜ = min(maxₜ, λ·qₜ), with λ growing with
 * r; words saturate in order of maxₜ / qₜ (`byRatio`: the query's words in that order; those from
 * `from` on count). Never more than Σ qₜ·maxₜ nor than r·‖q‖.
 */
export function restBound(q: Float64Array, max: Float64Array, byRatio: Int32Array, from: number, steps = STEPS): Float64Array {
  const order = new Int32Array(byRatio.length - from);
  for (let j = 0, n = 0; j < byRatio.length; j++) if (byRatio[j]! >= from) order[n++] = byRatio[j]!;
  const n = order.length;
  // With the first k words (in that order) saturated: Σ max², Σ q·max of those, Σ q² of the others.
  const satMax2 = new Float64Array(n + 1), satQMax = new Float64Array(n + 1), freeQ2 = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) {
    const t = order[k]!;
    satMax2[k + 1] = satMax2[k]! + max[t]! ** 2;
    satQMax[k + 1] = satQMax[k]! + q[t]! * max[t]!;
  }
  for (let k = n - 1; k >= 0; k--) freeQ2[k] = freeQ2[k + 1]! + q[order[k]!]! ** 2;
  const table = new Float64Array(steps + 1);
  let k = 0;
  for (let v = 0; v <= steps; v++) {
    const r2 = (v / steps) ** 2;
    // Saturate word k while the length reached when λ = max/q for it still fits in r.
    while (k < n && satMax2[k]! + (max[order[k]!]! / q[order[k]!]!) ** 2 * freeQ2[k]! <= r2) k++;
    table[v] = k === n ? satQMax[n]! : satQMax[k]! + Math.sqrt(Math.max(0, r2 - satMax2[k]!) * freeQ2[k]!);
  }
  return table;
}
