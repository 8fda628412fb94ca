import { formatDate, isValidCalendarDate } from '../../../src/domain/rules/calendarDate';
import { foldDigits } from '../text/lookAlikes';

/**
 * Year, month and day; the card prints them zero-padded, so a one-digit month counts only with a
 * separator after it, and a day needs its two digits ('2011-12' lost its day, not 2011-01-02).
 */
const DATE = /(\d{4})\s*[-./年]?\s*(\d{2}|\d(?=\s*[-./月]))\s*[-./月]?\s*(\d{2})/;

/**
 * The first calendar date in OCR text as 'YYYY-MM-DD' ('2015-06-18', '2015.6.18', '20150618',
 * '2015年06月18日'), or '' when there is none. Separators may be lost or misread; digits may not.
 */
export function readDate(text: string): string {
  const folded = foldDigits(text).replace(/[^0-9年月日.\-/]/g, (c) => (c === '至' ? c : '-'));
  for (const candidate of dateStrings(folded)) {
    const match = DATE.exec(candidate);
    if (!match) continue;
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (isValidCalendarDate(y, m, d)) return formatDate(y, m, d);
  }
  return '';
}

/** Every stretch of the text that could hold one date (digits with at most two separators). */
function dateStrings(text: string): string[] {
  const out: string[] = [];
  const digits = text.replace(/[^0-9]/g, '');
  if (digits.length === 8) out.push(`${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6)}`);
  out.unshift(text);
  return out;
}
