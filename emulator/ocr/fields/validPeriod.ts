import { LONG_TERM, possibleEnds, possibleStarts } from '../../../src/domain/rules/validityCycle';
import { bestSupported } from './alternatives';
import type { Token } from './FieldContext';
import { besideLabel, type FieldSpec, textOf } from './FieldSpec';
import { readDate } from './readDate';

/**
 * 有效期限 on the new card: 'A 至 B' (or 'A 至 长期'). B is A plus 6 or 10 years, so when one end is
 * lost or misread the other, with the cycle, chooses among the readings the ink allows.
 */
export const validPeriod: FieldSpec = {
  name: 'valid_period',
  fields: ['valid_from', 'valid_to'],
  label: 'validPeriod',
  formats: ['new'],
  regions(ctx) {
    const label = ctx.label('validPeriod');
    return [besideLabel(label, label.x1 + 0.2, 65, 0.3)];
  },
  async read(ctx, [tokens = []], [region]) {
    const read = textOf(tokens);
    const period = splitPeriod(tokens);
    if (period.from && period.to && (period.to === LONG_TERM || possibleEnds(period.from).includes(period.to)))
      return { values: { valid_from: period.from, valid_to: period.to }, read, how: 'line' };
    if (!region) return { values: { valid_from: period.from, valid_to: period.to }, read, how: 'none' };
    const recs = await ctx.reread(region);
    const again = recs.map((r) => splitText(r.text));
    const from = period.from || again.find((p) => p.from)?.from || '';
    const to = period.to || again.find((p) => p.to)?.to || '';
    if (from && to && (to === LONG_TERM || possibleEnds(from).includes(to)))
      return { values: { valid_from: from, valid_to: to }, read, how: 'reread' };
    // One end read, or two that disagree: the pairs the cycle allows from either end, scored on the ink.
    const pairs = new Set<string>();
    for (const f of [from, ...again.map((p) => p.from)].filter(Boolean))
      for (const end of [...possibleEnds(f), LONG_TERM]) pairs.add(`${f}至${end}`);
    for (const t of [to, ...again.map((p) => p.to)].filter((x) => x && x !== LONG_TERM))
      for (const start of possibleStarts(t)) pairs.add(`${start}至${t}`);
    const best = bestSupported(
      ctx.engine,
      recs,
      [...pairs].map((text) => ({ text })),
      3,
    );
    if (best) {
      const [f = '', t = ''] = best.text.split('至');
      return { values: { valid_from: f, valid_to: t }, read, how: 'reread' };
    }
    // Nothing consistent: what was read clearly stands, a lost end stays empty.
    return { values: { valid_from: from, valid_to: to }, read, how: from || to ? 'line' : 'none' };
  },
};

function splitPeriod(tokens: readonly Token[]): { from: string; to: string } {
  return splitText(textOf(tokens));
}

/** 'A至B' as two dates ('长期' kept); the 至 may be lost, then the digits split in the middle. */
export function splitText(text: string): { from: string; to: string } {
  const [a = '', b = ''] = text.includes('至') ? text.split('至') : splitDigits(text);
  const to = /长期/.test(b) ? LONG_TERM : readDate(b);
  return { from: readDate(a), to };
}

function splitDigits(text: string): [string, string] {
  if (/长期/.test(text)) return [text.replace(/长期.*$/, ''), LONG_TERM];
  const digits = text.replace(/[^0-9]/g, '');
  if (digits.length === 16) return [digits.slice(0, 8), digits.slice(8)];
  const dates = text.match(/\d{4}\D?\d{1,2}\D?\d{1,2}/g) ?? [];
  return [dates[0] ?? '', dates[1] ?? ''];
}
