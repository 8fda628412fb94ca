import { formatDate, isValidCalendarDate } from './rules/calendarDate';
import { removeSpaces, toHalfWidth } from './rules/normalizeText';

/** Outcome of reading one date field: a date, nothing at all, or something that is not a date. */
export type ParsedDate = { kind: 'date'; date: string } | { kind: 'empty' } | { kind: 'invalid' };

// 1990-12-21, 1990.12.21, 1990/12/21, 1990年12月21日 (mixed separators too), one- or two-digit parts.
const SEPARATED = /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})[日号]?$/u;
// 19901221, as the HTTPS API or a number-typed field sometimes gives it.
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
// Dash look-alikes OCR produces between the parts.
const DASHES = /[‐‑‒–—―−]/gu;

function readDigits(text: string): string | null {
  const match = SEPARATED.exec(text) ?? COMPACT.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isValidCalendarDate(year, month, day) ? formatDate(year, month, day) : null;
}

/** Letters OCR confuses with digits: applied only when the result then is a valid date. */
function fixLookAlikes(text: string): string {
  return text.replace(/[Oo]/g, '0').replace(/[lI|]/g, '1');
}

/**
 * Reads a date as printed on a licence or returned by OCR into 'YYYY-MM-DD'. Accepts full-width
 * digits, spaces anywhere, '-', '.', '/', '年月日' separators, unpadded parts and the compact
 * 'YYYYMMDD'. Calendar-invalid dates (2019-02-30) and years outside 1900..2199 are 'invalid'.
 */
export function parseDate(input: string): ParsedDate {
  const text = removeSpaces(toHalfWidth(input)).replace(DASHES, '-');
  if (text === '') return { kind: 'empty' };
  const date = readDigits(text) ?? readDigits(fixLookAlikes(text));
  return date === null ? { kind: 'invalid' } : { kind: 'date', date };
}
