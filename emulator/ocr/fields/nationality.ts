import { isCountry } from './countries';
import { besideLabel, type FieldSpec, textOf } from './FieldSpec';

/** Mean confidence at which a re-read stands on its own, and with the other re-read agreeing. */
const SURE = 0.8;
const AGREED = 0.6;

/** 国籍: the holder's nationality (中国 for citizens), right of the 国籍 label. */
export const nationality: FieldSpec = {
  name: 'nationality',
  fields: ['nationality'],
  label: 'nationality',
  formats: ['new', 'old'],
  regions(ctx) {
    const label = ctx.label('nationality');
    // The English gloss under the label runs further right than the label: start past it.
    return [besideLabel(label, label.x1 + 0.6, 86, 0.8)];
  },
  async read(ctx, [tokens = []], [region]) {
    const fromLine = countryIn(textOf(tokens));
    if (fromLine.length >= 2) return { values: { nationality: fromLine }, read: fromLine, how: 'line' };
    const rec = trustedCountry(region ? await ctx.reread(region) : []);
    if (rec) return { values: { nationality: countryIn(rec.text) }, read: rec.text, how: 'reread' };
    return { values: { nationality: '' }, read: fromLine, how: 'none' };
  },
};

/**
 * The first re-read naming a country that was read confidently, or fairly and alike from the ink
 * as it is and evened (the gloss's letters read into the line lower its confidence).
 */
export function trustedCountry<R extends { text: string; confidence: number }>(
  recs: readonly R[],
): R | undefined {
  return recs.find((rec) => {
    const text = countryIn(rec.text);
    if (text.length < 2) return false;
    return (
      rec.confidence >= SURE ||
      (rec.confidence >= AGREED && recs.some((r) => r !== rec && countryIn(r.text) === text))
    );
  });
}

/** What of the 国籍 label a reading may hold before the value: its two characters, misread or not. */
const LABEL_CHARS = 2;

/**
 * The Han characters of a reading, without what is left of the 国籍 label before them: where the
 * reading ends in a country's name after at most the label's two characters (籍 misread as 箱,
 * 路 or 精 where the label was found only in part), that name; else without a leading 国 or 籍
 * (no country's name begins with either). A name off the list stays as read.
 */
export function countryIn(text: string): string {
  const han = text.replace(/[^\u4e00-\u9fff]/g, '');
  const chars = [...han];
  for (let cut = 0; cut <= Math.min(LABEL_CHARS, chars.length - 2); cut++) {
    const rest = chars.slice(cut).join('');
    if (isCountry(rest)) return rest;
  }
  const rest = han.replace(/^[国籍]+/, '');
  return rest.length >= 2 ? rest : han;
}
