import type { Recognized } from '../text/recognizeText';
import type { FieldContext, Token, ValueRegion } from './FieldContext';
import { textOf, type ValueEvidence } from './FieldSpec';
import { asDate, dateGrammar, LATEST_YEAR } from './grammars';
import { allInk, readByGrammar, readSlashedZeros, sourcesOf, stepsOf } from './readByGrammar';
import { readDate } from './readDate';

export interface DateValue {
  value: string;
  read: string;
  how: 'line' | 'reread' | 'none';
  evidence: ValueEvidence;
}

/** Years a licence's dates fall in: birth from 1920, a licence's first issue and validity from 1950, none later than this year. */
export const DATE_YEARS = { birth: [1920, 2015], licence: [1950, LATEST_YEAR] } as const;

/**
 * A printed date: as the line read it; else the date the line's ink supports best among valid
 * dates (a slashed zero read as 8, a lost digit); else the region read again, the same way.
 */
export async function readDateValue(
  ctx: FieldContext,
  tokens: readonly Token[],
  region: ValueRegion | undefined,
  [minYear, maxYear]: readonly [number, number],
): Promise<DateValue> {
  const inRange = (date: string) => (date && asDate(date, minYear, maxYear) ? date : '');
  const grammar = dateGrammar(minYear, maxYear);
  const normalize = (text: string) => asDate(text, minYear, maxYear);
  const steps = stepsOf(tokens);
  const evidence = (recs: Recognized[] = []): ValueEvidence => ({
    sources: allInk(steps, recs),
    grammar,
    normalize,
  });
  const read = textOf(tokens);
  const fromLine = inRange(readDate(read));
  if (fromLine) return { value: fromLine, read, how: 'line', evidence: evidence() };
  const decoded = steps && readByGrammar(ctx.engine, [steps], grammar, normalize);
  if (decoded) return { value: decoded, read, how: 'line', evidence: evidence() };
  if (!region) return { value: '', read, how: 'none', evidence: evidence() };
  const recs = await ctx.reread(region);
  const again = recs.map((r) => inRange(readDate(r.text))).find(Boolean);
  if (again)
    return { value: again, read: recs.map((r) => r.text).join('|'), how: 'reread', evidence: evidence(recs) };
  const reread =
    readByGrammar(ctx.engine, sourcesOf(recs), grammar, normalize) ??
    readSlashedZeros(ctx.engine, allInk(steps, recs), grammar, normalize);
  return {
    value: reread ?? '',
    read: read || recs.map((r) => r.text).join('|'),
    how: reread ? 'reread' : 'none',
    evidence: evidence(recs),
  };
}
