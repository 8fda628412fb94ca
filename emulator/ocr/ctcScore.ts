/**
 * Log-likelihood of `labels` (class indices, no blanks) under CTC scores [steps, classes] (softmax
 * outputs, blank = class 0), by the standard forward algorithm in log space.
 */
export function ctcLogLikelihood(
  scores: Float32Array,
  steps: number,
  classes: number,
  labels: readonly number[],
): number {
  const n = labels.length;
  if (n === 0 || steps === 0) return Number.NEGATIVE_INFINITY;
  const size = 2 * n + 1;
  // Extended sequence: blank, l1, blank, l2, ..., blank.
  const ext = new Int32Array(size);
  for (let i = 0; i < n; i++) ext[2 * i + 1] = labels[i] ?? 0;
  const logP = (t: number, c: number) => Math.log(Math.max(scores[t * classes + c] ?? 0, 1e-30));
  let alpha = new Float64Array(size).fill(Number.NEGATIVE_INFINITY);
  alpha[0] = logP(0, 0);
  alpha[1] = logP(0, ext[1] ?? 0);
  for (let t = 1; t < steps; t++) {
    const next = new Float64Array(size).fill(Number.NEGATIVE_INFINITY);
    // Only states that can still reach the end in time matter, but the full band is cheap enough.
    for (let s = 0; s < size; s++) {
      let a = alpha[s] ?? Number.NEGATIVE_INFINITY;
      if (s >= 1) a = logAdd(a, alpha[s - 1] ?? Number.NEGATIVE_INFINITY);
      if (s >= 2 && ext[s] !== 0 && ext[s] !== ext[s - 2])
        a = logAdd(a, alpha[s - 2] ?? Number.NEGATIVE_INFINITY);
      if (a !== Number.NEGATIVE_INFINITY) next[s] = a + logP(t, ext[s] ?? 0);
    }
    alpha = next;
  }
  return logAdd(alpha[size - 1] ?? Number.NEGATIVE_INFINITY, alpha[size - 2] ?? Number.NEGATIVE_INFINITY);
}

function logAdd(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}
