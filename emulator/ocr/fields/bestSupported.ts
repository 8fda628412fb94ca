import { type CtcMatrix, ctcLogLikelihood } from '../text/CtcMatrix';
import type { OnnxEngine } from '../text/OnnxEngine';

/** Log-likelihood of reading the whole line as `text` (-Infinity when a character is unknown). */
function lineLikelihood(engine: OnnxEngine, source: { ctc: CtcMatrix }, text: string): number {
  const classes = engine.classesOf(text);
  return classes ? ctcLogLikelihood(source.ctc, classes) : Number.NEGATIVE_INFINITY;
}

/**
 * Of `candidates` (whole-line texts), the one the ink supports best, summed over several readings
 * of the same ink, plus the candidate's `prior` (nats, 0 when absent); null unless it beats the
 * runner-up by `margin` nats.
 */
export function bestSupported(
  engine: OnnxEngine,
  recs: ReadonlyArray<{ ctc: CtcMatrix }>,
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
