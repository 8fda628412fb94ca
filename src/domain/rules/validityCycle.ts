/**
 * The licence's validity cycle (机动车驾驶证申领和使用规定): a first licence is valid 6 years,
 * renewed for 10, then long-term (长期). Each period starts on the day the last one ended, so the
 * printed end is the start plus 6 or 10 years, same month and day.
 */
import { addYears } from './calendarDate';

/** Years a licence period can last, in cycle order. */
export const PERIOD_YEARS = [6, 10] as const;
export type PeriodYears = (typeof PERIOD_YEARS)[number];

/** What the card prints for a long-term licence. */
export const LONG_TERM = '长期';

/** Start of the cycle `index` (0: first licence) for a licence first issued on `issueDate`. */
export function cycleStart(issueDate: string, index: 0 | 1 | 2): string {
  return index === 0 ? issueDate : addYears(issueDate, index === 1 ? 6 : 16);
}

/**
 * Whether a period starting on `from`, of `length` where it is known, can follow a first issue on
 * `issueDate`: on its anniversary, after whole periods. The first is 6 years; a holder who reached
 * 12 points in a period is renewed for as long again, else for the next: 6, then 10, then 长期. So
 * the start lies 6a + 10b years on, with a >= 1 where b >= 1; a 10-year period never comes first,
 * and 长期 only after a 10-year one. real-03 (../shared/real-samples) starts a period 12 years
 * after 2002-11-05: two 6-year periods.
 */
export function startsCycle(
  issueDate: string,
  from: string,
  length?: PeriodYears | typeof LONG_TERM,
): boolean {
  const years = Number(from.slice(0, 4)) - Number(issueDate.slice(0, 4));
  if (!Number.isInteger(years) || years < 0 || addYears(issueDate, years) !== from) return false;
  if (length === 10 && years === 0) return false;
  for (let tens = length === LONG_TERM ? 1 : 0; tens * 10 <= years; tens++) {
    const sixes = years - tens * 10;
    if (sixes % 6 === 0 && (tens === 0 || sixes >= 6)) return true;
  }
  return false;
}

/** The printed end of a period of `years` starting on `from` ('' when `from` is not a date). */
export function periodEnd(from: string, years: PeriodYears): string {
  return addYears(from, years);
}

/** The ends a period starting on `from` can have: 6 or 10 years later. */
export function possibleEnds(from: string): string[] {
  return PERIOD_YEARS.map((years) => periodEnd(from, years)).filter((end) => end !== '');
}

/** The starts a period ending on `to` can have: 6 or 10 years earlier. */
export function possibleStarts(to: string): string[] {
  const starts = PERIOD_YEARS.map((years) => addYears(to, -years));
  // A period from 29 February ends on the 28th in a common year.
  if (to.endsWith('-02-28')) starts.push(...starts.map((start) => start.replace(/-02-28$/, '-02-29')));
  return [...new Set(starts)].filter((start) => start !== '' && isCycle(start, to));
}

/** True when `to` ends a 6- or 10-year period starting on `from`. */
export function isCycle(from: string, to: string): boolean {
  return possibleEnds(from).includes(to);
}
