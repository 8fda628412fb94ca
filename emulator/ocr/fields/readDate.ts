import { formatDate, isValidCalendarDate } from '../../../src/domain/rules/calendarDate';
import { toHalfWidth } from '../../../src/domain/rules/normalizeText';

/** Characters the recognizer confuses with digits in the card's number faces, as the digit. */
const DIGIT_LOOK_ALIKES: Readonly<Record<string, string>> = {
  O: '0',
  o: '0',
  D: '0',
  Q: '0',
  I: '1',
  l: '1',
  i: '1',
  '|': '1',
  Z: '2',
  z: '2',
  S: '5',
  s: '5',
  B: '8',
  g: '9',
  q: '9',
};

/** The text with look-alike letters read as the digits they stand for (only between digits). */
export function foldDigits(text: string): string {
  const chars = [...toHalfWidth(text)];
  return chars
    .map((c, i) => {
      const digit = DIGIT_LOOK_ALIKES[c];
      if (!digit) return c;
      const near = (j: number) => /[0-9]/.test(chars[j] ?? '') || DIGIT_LOOK_ALIKES[chars[j] ?? ''] !== undefined;
      return near(i - 1) || near(i + 1) ? digit : c;
    })
    .join('');
}

const DATE = /(\d{4})\s*[-.\/年]?\s*(\d{1,2})\s*[-.\/月]?\s*(\d{1,2})/;

/**
 * The first calendar date in OCR text as 'YYYY-MM-DD' ('2015-06-18', '2015.6.18', '20150618',
 * '2015年06月18日'), or '' when there is none. Separators may be lost or misread.
 */
export function readDate(text: string): string {
  const folded = foldDigits(text).replace(/[^0-9年月日.\-\/]/g, (c) => (c === '至' ? c : '-'));
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
