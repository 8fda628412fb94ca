import { LONG_TERM, PERIOD_YEARS } from '../../../src/domain/rules/validityCycle';
import { foldDigits } from '../text/lookAlikes';
import { bestSupported } from './bestSupported';
import { besideLabel, type FieldSpec, textOf } from './FieldSpec';

/** 有效期限 on the old card: the period's length as printed, 6年 or 10年, or 长期. */
export const validFor: FieldSpec = {
  name: 'valid_for',
  fields: ['valid_to'],
  label: 'validPeriod',
  formats: ['old'],
  regions(ctx) {
    const label = ctx.label('validPeriod');
    return [besideLabel(label, label.x1 + 0.2, 45, 0.3)];
  },
  async read(ctx, [tokens = []], [region]) {
    const read = textOf(tokens);
    // The label's line read whole: a placement a few mm off at the card's edge puts the period's
    // digit on the label's side of the region (复期限6年 read, only 年 beside the label).
    const fromLine = asPeriod(read) || asPeriod(tokens[0]?.line.text ?? '');
    if (fromLine) return { values: { valid_to: fromLine }, read, how: 'line' };
    if (!region) return { values: { valid_to: '' }, read, how: 'none' };
    const recs = await ctx.reread(region);
    const again = recs.map((r) => asPeriod(r.text)).find(Boolean);
    if (again) return { values: { valid_to: again }, read, how: 'reread' };
    const best = bestSupported(ctx.engine, recs, PERIODS, 3);
    return { values: { valid_to: best?.text ?? '' }, read, how: best ? 'reread' : 'none' };
  },
};

const PERIODS = [...PERIOD_YEARS.map((y) => ({ text: `${y}年` })), { text: LONG_TERM }];

export function asPeriod(text: string): string {
  if (/长期/.test(text)) return LONG_TERM;
  // Not the end of a year (2010年): a period stands apart from other digits.
  const match = /(?<!\d)(\d{1,2})\s*年/.exec(foldDigits(text));
  return match && PERIOD_YEARS.some((y) => String(y) === match[1]) ? `${match[1]}年` : '';
}
