import { isValidIdNumber } from '../../../src/domain/rules/idNumber';
import { alternativesAt, lineLikelihood } from './alternatives';
import type { FieldContext, Token } from './FieldContext';
import { besideLabel, type FieldSpec, textOf } from './FieldSpec';
import { foldDigits } from '../text/lookAlikes';
import type { Recognized } from '../text/recognizeText';

/** 18 characters: 17 digits then a digit or X (GB 11643). */
const SHAPE = /^\d{17}[\dX]$/;

/** 证号: the holder's citizen number, in a condensed typewriter face right of the shaded 证号 box. */
export const idNum: FieldSpec = {
  name: 'id_num',
  fields: ['id_num'],
  label: 'idNum',
  formats: ['new', 'old'],
  regions(ctx) {
    const label = ctx.label('idNum');
    return [besideLabel(label, label.x1 + 0.2, 84, 0, 2.4)];
  },
  async read(ctx, [tokens = []], [region]) {
    const fromLine = numberIn(textOf(tokens));
    if (isValidIdNumber(fromLine)) return { values: { id_num: fromLine }, read: fromLine, how: 'line' };
    const repaired = repair(ctx, tokens);
    if (repaired) return { values: { id_num: repaired }, read: fromLine, how: 'line' };
    const recs = region ? await ctx.reread(region) : [];
    for (const rec of recs) {
      const text = numberIn(rec.text);
      if (isValidIdNumber(text)) return { values: { id_num: text }, read: rec.text, how: 'reread' };
    }
    for (const rec of recs) {
      const fixed = repairRec(ctx, rec, rec.chars.map((_, i) => i));
      if (fixed) return { values: { id_num: fixed }, read: rec.text, how: 'reread' };
    }
    // A clearly printed number whose check character fails is what the card says: keep it.
    const sure = [fromLine, ...recs.map((r) => numberIn(r.text))].find(
      (t) => SHAPE.test(t) && confident(tokens, recs, t),
    );
    return { values: { id_num: sure ?? '' }, read: fromLine || (recs[0]?.text ?? ''), how: sure ? 'line' : 'none' };
  },
};

/** The digits and X of a reading, look-alikes folded (the label's remnants dropped). */
export function numberIn(text: string): string {
  const folded = foldDigits(text.replace(/[xX×]/g, 'X'));
  const run = folded.replace(/[^0-9X]/g, '');
  if (run.length <= 18) return run;
  // Two boxes read the same digits, or a stray mark: the one stretch whose check digit holds.
  for (let i = 0; i + 18 <= run.length; i++) if (isValidIdNumber(run.slice(i, i + 18))) return run.slice(i, i + 18);
  return run;
}

/** One character changed to another reading its ink allows, when that makes the only valid number. */
function repair(ctx: FieldContext, tokens: readonly Token[]): string | null {
  const line = tokens[0]?.line;
  if (!line || tokens.some((t) => t.line !== line)) return null;
  return repairRec(
    ctx,
    line,
    tokens.map((t) => t.index),
  );
}

function repairRec(ctx: FieldContext, rec: Recognized, indices: readonly number[]): string | null {
  const digits = indices.map((i) => foldDigits(rec.chars[i]?.text ?? '')).join('');
  if (digits.replace(/[^0-9X]/g, '').length !== 18 || !/^[0-9X]{18}$/.test(digits)) return null;
  const found: Array<{ text: string; score: number }> = [];
  indices.forEach((charIndex, position) => {
    for (const alt of alternativesAt(ctx.engine, rec, charIndex, (c) => foldDigits(c))) {
      if (!/^[0-9X]$/.test(alt.text) || alt.text === digits[position]) continue;
      const candidate = digits.slice(0, position) + alt.text + digits.slice(position + 1);
      if (!isValidIdNumber(candidate)) continue;
      const line = rec.chars.map((c, i) => (i === charIndex ? alt.text : c.text)).join('');
      found.push({ text: candidate, score: lineLikelihood(ctx.engine, rec, line) });
    }
  });
  found.sort((a, b) => b.score - a.score);
  const [best, next] = found;
  // The check digit catches any single error; two valid repairs the ink cannot tell apart are no answer.
  if (!best || (next && best.score - next.score < 2)) return null;
  return best.text;
}

function confident(tokens: readonly Token[], recs: readonly Recognized[], text: string): boolean {
  const min = (xs: number[]) => (xs.length ? Math.min(...xs) : 0);
  if (numberIn(textOf(tokens)) === text) return min(tokens.map((t) => t.confidence)) >= 0.9;
  return recs.some((r) => numberIn(r.text) === text && min(r.chars.map((c) => c.confidence)) >= 0.9);
}
