import type { Recognized } from '../text/recognizeText';
import { alternativesAt, lineLikelihood } from './alternatives';
import type { FieldContext, Token, ValueRegion } from './FieldContext';
import { textOf } from './FieldSpec';
import { foldDigits } from '../text/lookAlikes';
import { readDate } from './readDate';

export interface DateValue {
  value: string;
  read: string;
  how: 'line' | 'reread' | 'none';
}

/**
 * A printed date: as the line read it; else one digit changed to another reading its ink allows
 * when exactly that makes a calendar date the ink supports clearly best; else the region read again.
 */
export async function readDateValue(
  ctx: FieldContext,
  tokens: readonly Token[],
  region: ValueRegion | undefined,
): Promise<DateValue> {
  const read = textOf(tokens);
  const fromLine = readDate(read);
  if (fromLine) return { value: fromLine, read, how: 'line' };
  const line = tokens[0]?.line;
  if (line && tokens.every((t) => t.line === line)) {
    const fixed = repairDate(ctx, line, tokens.map((t) => t.index));
    if (fixed) return { value: fixed, read, how: 'line' };
  }
  for (const rec of region ? await ctx.reread(region) : []) {
    const date = readDate(rec.text) || repairDate(ctx, rec, rec.chars.map((_, i) => i));
    if (date) return { value: date, read: rec.text, how: 'reread' };
  }
  return { value: '', read, how: 'none' };
}

/** A date's digits with one changed, when the change the ink allows best is the one that makes it a date. */
export function repairDate(ctx: FieldContext, rec: Recognized, indices: readonly number[]): string {
  const found: Array<{ date: string; score: number }> = [];
  indices.forEach((charIndex) => {
    for (const alt of alternativesAt(ctx.engine, rec, charIndex, foldDigits)) {
      if (!/^[0-9\-.]$/.test(alt.text) || alt.text === rec.chars[charIndex]?.text) continue;
      const chars = rec.chars.map((c, i) => (i === charIndex ? alt.text : c.text));
      const date = readDate(indices.map((i) => chars[i]).join(''));
      if (!date) continue;
      found.push({ date, score: lineLikelihood(ctx.engine, rec, chars.join('')) });
    }
  });
  found.sort((a, b) => b.score - a.score);
  const [best, next] = found;
  if (!best || (next && next.date !== best.date && best.score - next.score < 2)) return '';
  return best.date;
}
