import type { CtcMatrix } from './CtcMatrix';

/**
 * What a field's text may be, told character by character: which characters may follow a prefix,
 * and whether a prefix is a whole, valid value. Used to read a line only as the field allows.
 */
export interface Grammar {
  next(prefix: string): readonly string[];
  complete(prefix: string): boolean;
}

export interface Reading {
  text: string;
  /** Log-probability of the reading over all its alignments to the line's CTC steps. */
  logp: number;
}

interface Beam {
  /** Log-probability of the prefix with the last step a blank / a character. */
  blank: number;
  char: number;
}

const NONE = Number.NEGATIVE_INFINITY;

/**
 * CTC prefix beam search restricted to `grammar`: at each step the prefixes are extended only by
 * characters the grammar allows next and the recognizer found likely there (its top classes), so a
 * digit dropped by the greedy reading, or read as a look-alike, is recovered when the ink supports
 * it. Returns the complete readings, likeliest first.
 */
export function decodeWithGrammar(
  m: CtcMatrix,
  dictionary: readonly string[],
  grammar: Grammar,
  options: {
    width?: number;
    fold?: (char: string) => string;
    /** Other characters a (folded) class may stand for, as likely as itself. */
    also?: (char: string) => readonly string[];
  } = {},
): Reading[] {
  const width = options.width ?? 24;
  const fold = options.fold ?? ((c: string) => c);
  const also = options.also ?? (() => []);
  let beams = new Map<string, Beam>([['', { blank: 0, char: NONE }]]);
  for (let t = 0; t < m.steps; t++) {
    const next = new Map<string, Beam>();
    const add = (prefix: string, key: 'blank' | 'char', logp: number) => {
      const beam = next.get(prefix) ?? { blank: NONE, char: NONE };
      beam[key] = logAdd(beam[key], logp);
      next.set(prefix, beam);
    };
    const top: Array<[string, number]> = [];
    let blank = Math.log(m.floor[t] ?? 1e-8);
    for (let j = 0; j < m.k; j++) {
      const c = m.classes[t * m.k + j] ?? -1;
      const p = Math.log(Math.max(1e-12, m.probs[t * m.k + j] ?? 0));
      if (c === 0) blank = p;
      else if (c > 0) {
        const char = fold(dictionary[c - 1] ?? '');
        top.push([char, p]);
        for (const other of also(char)) {
          const known = top.find(([t]) => t === other);
          if (known) known[1] = Math.max(known[1], p);
          else top.push([other, p]);
        }
      }
    }
    for (const [prefix, beam] of beams) {
      const total = logAdd(beam.blank, beam.char);
      add(prefix, 'blank', total + blank);
      const last = prefix.slice(-1);
      const allowed = new Set(grammar.next(prefix));
      for (const [char, p] of top) {
        if (char === last && prefix !== '') {
          // The same character again: continuing it, or (after a blank) a second one.
          add(prefix, 'char', beam.char + p);
          if (allowed.has(char)) add(prefix + char, 'char', beam.blank + p);
        } else if (allowed.has(char)) add(prefix + char, 'char', total + p);
      }
    }
    beams = new Map(
      [...next.entries()]
        .sort((a, b) => logAdd(b[1].blank, b[1].char) - logAdd(a[1].blank, a[1].char))
        .slice(0, width),
    );
  }
  return [...beams.entries()]
    .filter(([prefix]) => grammar.complete(prefix))
    .map(([text, b]) => ({ text, logp: logAdd(b.blank, b.char) }))
    .sort((a, b) => b.logp - a.logp);
}

function logAdd(a: number, b: number): number {
  if (a === NONE) return b;
  if (b === NONE) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}
