import { type CtcMatrix, TOP_K } from '../../../../emulator/ocr/text/CtcMatrix';

/** The sparse matrix the OCR worker would send for softmax scores [steps, classes] (row-major). */
export function ctcMatrixOf(scores: Float32Array, steps: number, classes: number, k = TOP_K): CtcMatrix {
  const top = new Int32Array(steps * k);
  const probs = new Float32Array(steps * k);
  const floor = new Float32Array(steps);
  for (let t = 0; t < steps; t++) {
    const base = t * classes;
    // Insertion into a small sorted list: k is tiny next to the class count.
    const bestC = new Int32Array(k).fill(-1);
    const bestP = new Float32Array(k).fill(-1);
    for (let c = 0; c < classes; c++) {
      const p = scores[base + c] ?? 0;
      if (p <= bestP[k - 1]!) continue;
      let i = k - 1;
      while (i > 0 && p > bestP[i - 1]!) {
        bestP[i] = bestP[i - 1]!;
        bestC[i] = bestC[i - 1]!;
        i--;
      }
      bestP[i] = p;
      bestC[i] = c;
    }
    let mass = 0;
    for (let i = 0; i < k; i++) {
      top[t * k + i] = bestC[i]!;
      probs[t * k + i] = Math.max(0, bestP[i]!);
      mass += Math.max(0, bestP[i]!);
    }
    floor[t] = Math.max(1e-8, (1 - mass) / Math.max(1, classes - k));
  }
  return { steps, k, classes: top, probs, floor };
}
