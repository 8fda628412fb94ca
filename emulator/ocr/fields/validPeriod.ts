import { LONG_TERM, possibleEnds } from '../../../src/domain/rules/validityCycle';
import { foldDigits } from '../text/lookAlikes';
import type { Recognized } from '../text/recognizeText';
import type { FieldContext, Token } from './FieldContext';
import { besideLabel, type FieldSpec, textOf, type ValueEvidence } from './FieldSpec';
import { asDate, dateGrammar, LATEST_YEAR, periodGrammar } from './grammars';
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
    const apart = await endsApart(ctx, tokens, period, read);
    const standing = consistent(apart) ? apart : endsThatStand(apart);
    return {
      values: { valid_from: standing.from, valid_to: standing.to },
      read,
      how: standing.from || standing.to ? 'line' : 'none',
    };
  },
};

/**
 * Each end of a period read apart, where glare or blur took part of one end: a start the calendar
 * does not allow is read by the date grammar from its own ink (a slashed 0 read as 8), and an end
 * whose date was lost but whose year shows is the one end of the cycle in that year.
 */
async function endsApart(
  ctx: FieldContext,
  tokens: readonly Token[],
  period: { from: string; to: string },
  read: string,
): Promise<{ from: string; to: string }> {
  const cut = tokens.findIndex((t) => t.text === '至');
  if (cut < 0) return period;
  // The start's own line: the detector may part the two ends into lines of their own.
  const first = tokens[0]?.line;
  const start = period.from !== '' ? null : stepsOf(tokens.slice(0, cut).filter((t) => t.line === first));
  const grammar = dateGrammar(1980, LATEST_YEAR);
  const normalize = (text: string) => asDate(text, 1980, LATEST_YEAR);
  const from =
    period.from ||
    (start &&
      (readByGrammar(ctx.engine, [start], grammar, normalize) ??
        readSlashedZeros(ctx.engine, [start], grammar, normalize))) ||
    '';
  return { from, to: period.to || endInYear(from, read.slice(read.indexOf('至') + 1)) };
}

/**
 * The end of a period from `from` whose year `after` (what was read after 至) shows whole, with
 * the rest of its date lost: the 6- or 10-year cycle gives the one end in that year. Nothing from
 * a year the cycle does not allow, nor from fewer than four digits.
 */
export function endInYear(from: string, after: string): string {
  const year = /^\D*(\d{4})(?!\d)/.exec(foldDigits(after))?.[1];
  const ends = year && from ? possibleEnds(from).filter((end) => end.startsWith(`${year}-`)) : [];
  return ends.length === 1 ? ends[0]! : '';
}

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

/** A whole start date, then 长期 with its 至 lost and one of its two characters misread (大期, 长朗). */
const BLURRED_LONG_TERM = /^(.*\d)\D?(?:长[^\d至]|[^\d至]期)$/;

function splitDigits(text: string): [string, string] {
  if (/长期/.test(text)) return [text.replace(/长期.*$/, ''), LONG_TERM];
  const blurred = BLURRED_LONG_TERM.exec(text);
  if (blurred && readDate(blurred[1]!) && blurred[1]!.replace(/\D/g, '').length === 8)
    return [blurred[1]!, LONG_TERM];
  const digits = text.replace(/[^0-9]/g, '');
  if (digits.length === 16) return [digits.slice(0, 8), digits.slice(8)];
  // Two dates that show both their separators are the two ends, whatever stray marks lie around
  // them: 至 misread as a digit, a speck before the first (22018-01-3012028-01-30).
  const whole = text.match(/\d{4}[-.]\d\d[-.]\d\d/g) ?? [];
  if (whole.length === 2) return [whole[0]!, whole[1]!];
  const dates = text.match(/\d{4}\D?\d{1,2}\D?\d{1,2}/g) ?? [];
  return [dates[0] ?? '', dates[1] ?? ''];
}
