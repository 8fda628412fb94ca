import { type CtcMatrix, concatCtc, ctcLogLikelihood } from '../text/CtcMatrix';
import type { OnnxEngine } from '../text/OnnxEngine';
import { correctSeal, isKnownAuthority } from './sealGrammar';

/** One of the stamp's lines as the recognizer read it. */
export interface Line {
  text: string;
  ctc: CtcMatrix;
}

/** The lines' Han characters, joined. */
export function joined(reads: readonly Line[]): string {
  return reads
    .map((r) => r.text)
    .join('')
    .replace(/[^\u4e00-\u9fff]/g, '');
}

/**
 * The authority the lines name, as the grammar spells it where their ink supports that. A band
 * found at either end may be print beside the stamp (the address's last line above it, the 有效期限
 * label below): where all the lines name no authority of the list, the longest run of them that
 * does is taken, each run judged on its own ink.
 */
export function nameOfLines(engine: OnnxEngine, reads: readonly Line[]): string {
  const correct = (run: readonly Line[]) => {
    const ctc = concatCtc(run.map((r) => r.ctc));
    return correctSeal(joined(run), (text) => {
      const classes = engine.classesOf(text);
      return classes ? ctcLogLikelihood(ctc, classes) : Number.NEGATIVE_INFINITY;
    });
  };
  const whole = correct(reads);
  if (isKnownAuthority(whole)) return whole;
  for (let dropped = 1; dropped < reads.length; dropped++) {
    const named = new Set<string>();
    for (let from = 0; from <= dropped; from++) {
      const name = correct(reads.slice(from, reads.length - dropped + from));
      if (isKnownAuthority(name)) named.add(name);
    }
    // Two runs of the same length naming different authorities: neither is what the stamp says.
    if (named.size === 1) return [...named][0]!;
    if (named.size > 1) break;
  }
  return whole;
}
