import { type CtcMatrix, sliceCtc } from '../text/CtcMatrix';
import { decodeWithGrammar, type Grammar } from '../text/decodeWithGrammar';
import { asDigit } from '../text/lookAlikes';
import type { OnnxEngine } from '../text/OnnxEngine';
import type { Recognized } from '../text/recognizeText';
import type { Token } from './FieldContext';

/** How much less likely (nats) than the plain reading a reading of the grammar may be. */
const MAX_LOSS = 9;
/** How much likelier (nats) the best reading must be than the best with another value. */
const MARGIN = 1;

/**
 * The value the grammar allows that the ink supports best, read from the steps of a line where
 * `tokens` were read (or from whole re-read regions): a digit lost or read as a look-alike is
 * recovered when its ink is there. Null when no reading of the grammar is close to what the ink
 * shows, or two of them are about as likely: the grammar chooses, it does not invent.
 */
export function readByGrammar(
  engine: OnnxEngine,
  sources: ReadonlyArray<{ ctc: CtcMatrix }>,
  grammar: Grammar,
  normalize: (text: string) => string,
): string | null {
  return bestReading(engine, sources, grammar, normalize, NO_OTHERS);
}

/**
 * Digit faces that slash their zeros (Ø) are read as 8s throughout. The last resort of a field
 * nothing else read: each 8 may be a 0, as likely as the 8 itself, and only the grammar (a check
 * character, the calendar) tells them apart; two readings it allows alike leave the value unread.
 */
export function readSlashedZeros(
  engine: OnnxEngine,
  sources: ReadonlyArray<{ ctc: CtcMatrix }>,
  grammar: Grammar,
  normalize: (text: string) => string,
): string | null {
  return bestReading(engine, sources, grammar, normalize, SLASHED_ZERO);
}

/**
 * How well the ink supports `value` (log-probability, the best of the sources; -Infinity when no
 * spelling of it the grammar allows fits): the grammar narrowed to readings whose digits are the
 * value's, so any separators it allows count. With `slashedZeros`, an 8 of the ink may be a 0.
 */
export function inkSupport(
  engine: OnnxEngine,
  sources: ReadonlyArray<{ ctc: CtcMatrix }>,
  grammar: Grammar,
  normalize: (text: string) => string,
  value: string,
  slashedZeros = false,
): number {
  const digits = value.replace(/[^0-9X长期]/g, '');
  const only: Grammar = {
    next: (prefix) =>
      grammar.next(prefix).filter((c) => digits.startsWith((prefix + c).replace(/[^0-9X长期]/g, ''))),
    complete: (prefix) => grammar.complete(prefix) && normalize(prefix) === value,
  };
  let best = Number.NEGATIVE_INFINITY;
  for (const { ctc } of sources) {
    if (ctc.steps === 0) continue;
    const [first] = decodeWithGrammar(ctc, engine.dictionary, only, {
      fold: asDigit,
      width: 8,
      ...(slashedZeros ? { also: SLASHED_ZERO } : {}),
    });
    if (first && first.logp > best) best = first.logp;
  }
  return best;
}

/**
 * The value of `grammar` the ink supports best, however much less than its plain reading (the
 * caller weighs it against another value with `inkSupport`); null when two are about as likely.
 */
export function likeliestReading(
  engine: OnnxEngine,
  sources: ReadonlyArray<{ ctc: CtcMatrix }>,
  grammar: Grammar,
  normalize: (text: string) => string,
  slashedZeros: boolean,
): string | null {
  return bestReading(engine, sources, grammar, normalize, slashedZeros ? SLASHED_ZERO : NO_OTHERS, Infinity);
}

/**
 * Every value of `grammar` whose ink, an 8 read as possibly a 0 (a face that slashes its zeros),
 * supports it about as well as the best (within MARGIN): those the ink cannot tell apart, best first.
 */
export function slashedZeroReadings(
  engine: OnnxEngine,
  sources: ReadonlyArray<{ ctc: CtcMatrix }>,
  grammar: Grammar,
  normalize: (text: string) => string,
): string[] {
  const ranked = readingsOf(engine, sources, grammar, normalize, SLASHED_ZERO);
  const top = ranked[0]?.[1] ?? Number.NEGATIVE_INFINITY;
  return ranked.filter(([, logp]) => logp >= top - MARGIN).map(([value]) => value);
}

const NO_OTHERS = (): readonly string[] => [];
const SLASHED_ZERO = (char: string): readonly string[] => (char === '8' ? ['0'] : []);

function bestReading(
  engine: OnnxEngine,
  sources: ReadonlyArray<{ ctc: CtcMatrix }>,
  grammar: Grammar,
  normalize: (text: string) => string,
  also: (char: string) => readonly string[],
  maxLoss = MAX_LOSS,
): string | null {
  const plain = Math.max(...sources.filter(({ ctc }) => ctc.steps > 0).map(({ ctc }) => greedyLogp(ctc)));
  const [first, second] = readingsOf(engine, sources, grammar, normalize, also);
  if (!first || first[1] < plain - maxLoss) return null;
  if (second && first[1] - second[1] < MARGIN) return null;
  return first[0];
}

/** The grammar's values the sources' ink supports, each with its best log-probability, best first. */
function readingsOf(
  engine: OnnxEngine,
  sources: ReadonlyArray<{ ctc: CtcMatrix }>,
  grammar: Grammar,
  normalize: (text: string) => string,
  also: (char: string) => readonly string[],
): Array<[string, number]> {
  const best = new Map<string, number>();
  for (const { ctc } of sources) {
    if (ctc.steps === 0) continue;
    // Every 8 doubles the prefixes that tie: a wider beam keeps the right one.
    const width = also === NO_OTHERS ? 24 : 96;
    for (const r of decodeWithGrammar(ctc, engine.dictionary, grammar, { fold: asDigit, also, width })) {
      const value = normalize(r.text);
      if (value && r.logp > (best.get(value) ?? Number.NEGATIVE_INFINITY)) best.set(value, r.logp);
    }
  }
  return [...best.entries()].sort((a, b) => b[1] - a[1]);
}

/** The CTC steps of a line covering `tokens` (and a step or two either side). */
export function stepsOf(tokens: readonly Token[]): { ctc: CtcMatrix } | null {
  const line = tokens[0]?.line;
  if (!line || tokens.some((t) => t.line !== line)) return null;
  const steps = tokens.map((t) => line.chars[t.index]?.steps ?? [0, 0]);
  const from = Math.min(...steps.map((s) => s[0])) - 2;
  const to = Math.max(...steps.map((s) => s[1])) + 3;
  return { ctc: sliceCtc(line.ctc, from, to) };
}

/** Re-read regions as sources for readByGrammar. */
export function sourcesOf(recs: readonly Recognized[]): Array<{ ctc: CtcMatrix }> {
  return recs.map((r) => ({ ctc: r.ctc }));
}

/** All the ink a value was read from: its line's own steps (when at hand) and its region read again. */
export function allInk(
  steps: { ctc: CtcMatrix } | null,
  recs: readonly Recognized[],
): Array<{ ctc: CtcMatrix }> {
  return [...(steps ? [steps] : []), ...sourcesOf(recs)];
}

function greedyLogp(ctc: CtcMatrix): number {
  let sum = 0;
  for (let t = 0; t < ctc.steps; t++) sum += Math.log(Math.max(1e-12, ctc.probs[t * ctc.k] ?? 0));
  return sum;
}
