import { hasPossibleAreaCode, isValidIdNumber } from '../../../src/domain/rules/idNumber';
import { foldDigits } from '../text/lookAlikes';
import type { Recognized } from '../text/recognizeText';
import type { Token } from './FieldContext';
import { besideLabel, type FieldResult, type FieldSpec, textOf } from './FieldSpec';
import { idGrammar } from './grammars';
import { allInk, readByGrammar, readSlashedZeros, sourcesOf, stepsOf } from './readByGrammar';

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
    const read = textOf(tokens);
    const fromLine = numberIn(read);
    const seen = [fromLine];
    const normalize = (text: string) => (possible(text) ? text : '');
    const steps = stepsOf(tokens);
    let recs: Recognized[] = [];
    const result = (id_num: string, how: FieldResult['how']): FieldResult => ({
      values: { id_num },
      read,
      how,
      evidence: { sources: allInk(steps, recs), grammar: idGrammar(), normalize },
      slashedZeros: seen.some((r) => zerosReadAsEights(r, id_num)),
    });
    if (possible(fromLine)) return result(fromLine, 'line');
    // The check character holds for one reading in eleven: among readings the ink allows, the
    // likeliest that passes it and whose area code can exist (slashed zeros read as 8 are the
    // commonest miss, and 0x read as 8x names no prefecture).
    const decoded = steps && readByGrammar(ctx.engine, [steps], idGrammar(), normalize);
    if (decoded) return result(decoded, 'line');
    recs = region ? await ctx.reread(region) : [];
    seen.push(...recs.map((r) => numberIn(r.text)));
    const again = seen.slice(1).find(possible);
    if (again) return result(again, 'reread');
    const reread =
      readByGrammar(ctx.engine, sourcesOf(recs), idGrammar(), normalize) ??
      readSlashedZeros(ctx.engine, allInk(steps, recs), idGrammar(), normalize);
    if (reread) return result(reread, 'reread');
    // A clearly printed number whose check character fails is what the card says: keep it.
    const sure = seen.find((t) => SHAPE.test(t) && confident(tokens, recs, t));
    return result(sure ?? '', sure ? 'line' : 'none');
  },
};

/** Whether `value` has a 0 where `read`, a reading of the same 18 characters, has an 8. */
export function zerosReadAsEights(read: string, value: string): boolean {
  return read.length === 18 && value.length === 18 && [...value].some((c, i) => c === '0' && read[i] === '8');
}

/** A number a card can print: its check character holds, its birth date and area code exist. */
function possible(text: string): boolean {
  return isValidIdNumber(text) && hasPossibleAreaCode(text);
}

/** The digits and X of a reading, look-alikes folded (the label's remnants dropped). */
export function numberIn(text: string): string {
  const folded = foldDigits(text.replace(/[xX×]/g, 'X'));
  const run = folded.replace(/[^0-9X]/g, '');
  if (run.length <= 18) return run;
  // Two boxes read the same digits, or a stray mark: the one stretch whose check digit holds.
  for (let i = 0; i + 18 <= run.length; i++)
    if (isValidIdNumber(run.slice(i, i + 18))) return run.slice(i, i + 18);
  return run;
}

function confident(tokens: readonly Token[], recs: readonly Recognized[], text: string): boolean {
  const min = (xs: number[]) => (xs.length ? Math.min(...xs) : 0);
  if (numberIn(textOf(tokens)) === text) return min(tokens.map((t) => t.confidence)) >= 0.9;
  return recs.some((r) => numberIn(r.text) === text && min(r.chars.map((c) => c.confidence)) >= 0.9);
}
