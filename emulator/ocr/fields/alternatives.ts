import type { OnnxEngine } from '../text/OnnxEngine';
import { ctcLogLikelihood, ctcProb } from '../text/CtcMatrix';
import type { Recognized } from '../text/recognizeText';

/**
 * Other readings of character `i` of a line that its ink allows: the likeliest classes at the
 * steps where it was read, best first, as text (`fold` may map a look-alike to what it stands for).
 */
export function alternativesAt(
  engine: OnnxEngine,
  rec: Recognized,
  i: number,
  fold: (char: string) => string = (c) => c,
): Array<{ text: string; p: number }> {
  const char = rec.chars[i];
  if (!char) return [];
  const best = new Map<string, number>();
  const { ctc } = rec;
  for (let t = char.steps[0]; t <= char.steps[1]; t++) {
    for (let j = 0; j < ctc.k; j++) {
      const c = ctc.classes[t * ctc.k + j]!;
      if (c <= 0) continue;
      const text = fold(engine.dictionary[c - 1] ?? '');
      const p = ctc.probs[t * ctc.k + j]!;
      if (text && p > (best.get(text) ?? 0)) best.set(text, p);
    }
  }
  return [...best.entries()].map(([text, p]) => ({ text, p })).sort((a, b) => b.p - a.p);
}

/** Log-likelihood of reading the whole line as `text` (-Infinity when a character is unknown). */
export function lineLikelihood(engine: OnnxEngine, rec: Recognized, text: string): number {
  const classes = engine.classesOf(text);
  return classes ? ctcLogLikelihood(rec.ctc, classes) : Number.NEGATIVE_INFINITY;
}

/** Probability of the blank (no character) at step t: low where there is ink. */
export function blankAt(rec: Recognized, t: number): number {
  return ctcProb(rec.ctc, t, 0);
}

/**
 * Of `candidates` (whole-line texts), the one the ink supports best, summed over several readings
 * of the same ink; null unless it beats the runner-up by `margin` nats.
 */
export function bestSupported(
  engine: OnnxEngine,
  recs: readonly Recognized[],
  candidates: ReadonlyArray<{ text: string; prior?: number }>,
  margin: number,
): { text: string; score: number } | null {
  const scored = candidates
    .map((c) => ({
      text: c.text,
      score: recs.reduce((s, r) => s + lineLikelihood(engine, r, c.text), c.prior ?? 0),
    }))
    .filter((c) => Number.isFinite(c.score))
    .sort((a, b) => b.score - a.score);
  const [first, second] = scored;
  if (!first) return null;
  if (second && first.score - second.score < margin) return null;
  return first;
}
