/** Calendar arithmetic on plain 'YYYY-MM-DD' strings (no Date objects, no time zones). */

/** Years a licence date can plausibly carry; anything else is an OCR misread. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= MIN_YEAR &&
    year <= MAX_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Splits a valid 'YYYY-MM-DD' into numbers, or null when it is not one. */
export function splitIsoDate(date: string): { year: number; month: number; day: number } | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isValidCalendarDate(year, month, day) ? { year, month, day } : null;
}

/**
 * Same month and day N years later, as a licence's '6年' validity is printed. A 29 February start
 * ends on 28 February in a common year (the last day that month has), never in March.
 * Returns '' when the start is not a valid date or the result leaves the plausible range.
 */
export function addYears(date: string, years: number): string {
  const parts = splitIsoDate(date);
  if (!parts || !Number.isInteger(years)) return '';
  const year = parts.year + years;
  const day = Math.min(parts.day, daysInMonth(year, parts.month));
  return isValidCalendarDate(year, parts.month, day) ? formatDate(year, parts.month, day) : '';
}
