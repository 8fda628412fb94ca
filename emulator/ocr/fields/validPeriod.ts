import { LONG_TERM, possibleEnds } from '../../../src/domain/rules/validityCycle';
import type { Recognized } from '../text/recognizeText';
import { besideLabel, type FieldSpec, textOf, type ValueEvidence } from './FieldSpec';
import { asDate, LATEST_YEAR, periodGrammar } from './grammars';
import { allInk, readByGrammar, readSlashedZeros, sourcesOf, stepsOf } from './readByGrammar';
import { readDate } from './readDate';

/**
 * 有效期限 on the new card: 'A 至 B' (or 'A 至 长期'). B is A plus 6 or 10 years, so when one end is
 * lost or misread, the readings the ink allows are narrowed to the pairs the cycle allows.
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
    const period = splitText(read);
    const steps = stepsOf(tokens);
    const evidence = (recs: Recognized[] = []): ValueEvidence => ({
      sources: allInk(steps, recs),
      grammar: periodGrammar(),
      normalize: normalizePeriod,
    });
    if (consistent(period))
      return {
        values: { valid_from: period.from, valid_to: period.to },
        read,
        how: 'line',
        evidence: evidence(),
      };
    const decoded = steps && readByGrammar(ctx.engine, [steps], periodGrammar(), normalizePeriod);
    if (decoded) return { values: split(decoded), read, how: 'line', evidence: evidence() };
    const recs = region ? await ctx.reread(region) : [];
    const again = recs.map((r) => splitText(r.text)).find(consistent);
    if (again)
      return {
        values: { valid_from: again.from, valid_to: again.to },
        read,
        how: 'reread',
        evidence: evidence(recs),
      };
    const reread =
      readByGrammar(ctx.engine, sourcesOf(recs), periodGrammar(), normalizePeriod) ??
      readSlashedZeros(ctx.engine, allInk(steps, recs), periodGrammar(), normalizePeriod);
    if (reread) return { values: split(reread), read, how: 'reread', evidence: evidence(recs) };
    const standing = endsThatStand(period);
    return {
      values: { valid_from: standing.from, valid_to: standing.to },
      read,
      how: standing.from || standing.to ? 'line' : 'none',
    };
  },
};

/**
 * What stands of a period no reading fits to the cycle: one end read alone, as its ink shows it.
 * Two ends that break the cycle hold a misread, and the ink does not say which: both stay empty.
 */
export function endsThatStand(p: { from: string; to: string }): { from: string; to: string } {
  return p.from === '' || p.to === '' ? p : { from: '', to: '' };
}

function consistent(p: { from: string; to: string }): boolean {
  return (
    asDate(p.from, 1980, LATEST_YEAR) !== '' && (p.to === LONG_TERM || possibleEnds(p.from).includes(p.to))
  );
}

function normalizePeriod(text: string): string {
  const { from, to } = splitText(text);
  return consistent({ from, to }) ? `${from}至${to}` : '';
}

function split(period: string): { valid_from: string; valid_to: string } {
  const [from = '', to = ''] = period.split('至');
  return { valid_from: from, valid_to: to };
}

/** 'A至B' as two dates ('长期' kept); the 至 may be lost, then the digits split in the middle. */
export function splitText(text: string): { from: string; to: string } {
  const [a = '', b = ''] = text.includes('至') ? text.split('至') : splitDigits(text);
  const to = /长期/.test(b) ? LONG_TERM : readDate(b);
  return { from: readDate(a), to: to && to !== LONG_TERM && !asDate(to) ? '' : to };
}

function splitDigits(text: string): [string, string] {
  if (/长期/.test(text)) return [text.replace(/长期.*$/, ''), LONG_TERM];
  const digits = text.replace(/[^0-9]/g, '');
  if (digits.length === 16) return [digits.slice(0, 8), digits.slice(8)];
  const dates = text.match(/\d{4}\D?\d{1,2}\D?\d{1,2}/g) ?? [];
  return [dates[0] ?? '', dates[1] ?? ''];
}
