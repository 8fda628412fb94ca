/**
 * The recognizer's per-step class probabilities, kept sparse: the `k` likeliest classes of each
 * step (blank, class 0, included when it is among them). A full [steps, 6625] matrix per line
 * would cost megabytes; candidates are only ever scored on characters the ink made likely, and
 * any other class gets the step's leftover mass spread evenly (`floor`).
 */
export interface CtcMatrix {
  readonly steps: number;
  readonly k: number;
  /** [steps * k] class indices, likeliest first per step. */
  readonly classes: Int32Array;
  /** [steps * k] their probabilities. */
  readonly probs: Float32Array;
  /** [steps] probability of a class outside the top k. */
  readonly floor: Float32Array;
}

/** How many classes per step the worker keeps (onnxWorker.mjs picks them). */
export const TOP_K = 8;

/** Probability of class `c` at step `t`. */
export function ctcProb(m: CtcMatrix, t: number, c: number): number {
  const base = t * m.k;
  for (let i = 0; i < m.k; i++) if (m.classes[base + i] === c) return m.probs[base + i]!;
  return m.floor[t]!;
}

/**
 * Log-likelihood of `labels` (class indices, no blanks) under the matrix, by the CTC forward
 * algorithm in log space: how well the ink supports exactly this reading, over every alignment.
 */
export function ctcLogLikelihood(m: CtcMatrix, labels: readonly number[]): number {
  const n = labels.length;
  const steps = m.steps;
  if (n === 0) {
    let sum = 0;
    for (let t = 0; t < steps; t++) sum += Math.log(ctcProb(m, t, 0));
    return sum;
  }
  if (steps === 0) return Number.NEGATIVE_INFINITY;
  const size = 2 * n + 1;
  const ext = new Int32Array(size);
  for (let i = 0; i < n; i++) ext[2 * i + 1] = labels[i] ?? 0;
  const logP = (t: number, c: number) => Math.log(ctcProb(m, t, c));
  let alpha = new Float64Array(size).fill(Number.NEGATIVE_INFINITY);
  alpha[0] = logP(0, 0);
  alpha[1] = logP(0, ext[1]!);
  for (let t = 1; t < steps; t++) {
    const next = new Float64Array(size).fill(Number.NEGATIVE_INFINITY);
    // States that can no longer reach the end in the remaining steps are skipped.
    const first = Math.max(0, size - 2 * (steps - t) - 1);
    for (let s = first; s < size; s++) {
      let a = alpha[s]!;
      if (s >= 1) a = logAdd(a, alpha[s - 1]!);
      if (s >= 2 && ext[s] !== 0 && ext[s] !== ext[s - 2]) a = logAdd(a, alpha[s - 2]!);
      if (a !== Number.NEGATIVE_INFINITY) next[s] = a + logP(t, ext[s]!);
    }
    alpha = next;
  }
  return logAdd(alpha[size - 1]!, alpha[size - 2]!);
}

/** Concatenation of matrices (lines read one after another, as one sequence). */
export function concatCtc(parts: readonly CtcMatrix[]): CtcMatrix {
  const k = parts[0]?.k ?? TOP_K;
  const steps = parts.reduce((s, m) => s + m.steps, 0);
  const classes = new Int32Array(steps * k);
  const probs = new Float32Array(steps * k);
  const floor = new Float32Array(steps);
  let t = 0;
  for (const m of parts) {
    classes.set(m.classes, t * k);
    probs.set(m.probs, t * k);
    floor.set(m.floor, t);
    t += m.steps;
  }
  return { steps, k, classes, probs, floor };
}

/** The steps [from, to) of a matrix. */
export function sliceCtc(m: CtcMatrix, from: number, to: number): CtcMatrix {
  const a = Math.max(0, Math.min(m.steps, from));
  const b = Math.max(a, Math.min(m.steps, to));
  return {
    steps: b - a,
    k: m.k,
    classes: m.classes.slice(a * m.k, b * m.k),
    probs: m.probs.slice(a * m.k, b * m.k),
    floor: m.floor.slice(a, b),
  };
}

function logAdd(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}
