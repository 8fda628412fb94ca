import { isValidCalendarDate } from '../../../src/domain/rules/calendarDate';
import { isValidIdNumber } from '../../../src/domain/rules/idNumber';
import { LONG_TERM, possibleEnds } from '../../../src/domain/rules/validityCycle';
import type { Grammar } from '../text/decodeWithGrammar';

const DIGITS = '0123456789';

/** No licence was first issued, nor a validity period begun, after the day it is read. */
export const LATEST_YEAR = new Date().getFullYear();

/**
 * A printed date YYYY-MM-DD (separators optional, as the recognizer may lose them) between
 * `minYear` and `maxYear`: each digit allowed only if some valid date still starts that way.
 */
export function dateGrammar(minYear: number, maxYear: number): Grammar {
  return {
    next(prefix) {
      const digits = prefix.replace(/-/g, '');
      const n = digits.length;
      if (n >= 8 || !/^\d*-?\d*-?\d*$/.test(prefix)) return [];
      const out = [...DIGITS].filter((d) => dateCanStart(digits + d, minYear, maxYear));
      if ((n === 4 || n === 6) && /\d$/.test(prefix)) out.push('-');
      return out;
    },
    complete(prefix) {
      return asDate(prefix, minYear, maxYear) !== '';
    },
  };
}

/** A complete reading of `dateGrammar` as 'YYYY-MM-DD', '' when it is not one. */
export function asDate(text: string, minYear = 1900, maxYear = 2199): string {
  const digits = text.replace(/-/g, '');
  if (!/^\d{8}$/.test(digits) || !/^\d{4}-?\d{2}-?\d{2}$/.test(text)) return '';
  const [y, m, d] = [Number(digits.slice(0, 4)), Number(digits.slice(4, 6)), Number(digits.slice(6))];
  if (y < minYear || y > maxYear || !isValidCalendarDate(y, m, d)) return '';
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6)}`;
}

function dateCanStart(digits: string, minYear: number, maxYear: number): boolean {
  const n = digits.length;
  if (n <= 4) {
    const lo = Number(digits.padEnd(4, '0'));
    const hi = Number(digits.padEnd(4, '9'));
    return hi >= minYear && lo <= maxYear;
  }
  const month = digits.slice(4, 6);
  if (n === 5) return month === '0' || month === '1';
  const m = Number(month);
  if (m < 1 || m > 12) return false;
  if (n === 6) return true;
  const day = digits.slice(6);
  if (n === 7) return day <= '3';
  return isValidCalendarDate(Number(digits.slice(0, 4)), m, Number(day));
}

/**
 * The new card's 有效期限: 'A至B' or 'A至长期', complete only when B is A plus 6 or 10 years (the
 * licence's cycle), so a misread digit in one end is settled by the other end's ink.
 */
export function periodGrammar(): Grammar {
  const start = dateGrammar(1980, LATEST_YEAR);
  const end = dateGrammar(1980, LATEST_YEAR + 10);
  return {
    next(prefix) {
      const at = prefix.indexOf('至');
      if (at < 0) {
        const out = [...start.next(prefix)];
        if (start.complete(prefix)) out.push('至');
        return out;
      }
      const tail = prefix.slice(at + 1);
      const out = /^\d|-/.test(tail) || tail === '' ? [...end.next(tail)] : [];
      if (LONG_TERM.startsWith(tail) && tail.length < LONG_TERM.length)
        out.push(LONG_TERM[tail.length] ?? '');
      return out;
    },
    complete(prefix) {
      const [from = '', to = ''] = prefix.split('至');
      const begun = asDate(from, 1980, LATEST_YEAR);
      if (!begun) return false;
      return to === LONG_TERM || possibleEnds(begun).includes(asDate(to, 1980, LATEST_YEAR + 10));
    },
  };
}

/**
 * A citizen number: 6 area digits, a birth date, 3 digits and the GB 11643 check character,
 * complete only when the check holds.
 */
export function idGrammar(): Grammar {
  return {
    next(prefix) {
      const n = prefix.length;
      if (n >= 18) return [];
      if (n === 17) return [...DIGITS, 'X'];
      if (n >= 6 && n < 14) return [...DIGITS].filter((d) => dateCanStart(prefix.slice(6) + d, 1900, 2030));
      return n === 0 ? [...DIGITS.slice(1)] : [...DIGITS];
    },
    complete: isValidIdNumber,
  };
}

/** A citizen number's grammar with digits 7-14 those of `birthDate` ('YYYY-MM-DD'). */
export function bornOn(grammar: Grammar, birthDate: string): Grammar {
  const digits = birthDate.replace(/-/g, '');
  return {
    next: (prefix) => {
      const fixed = prefix.length >= 6 && prefix.length < 14 ? digits[prefix.length - 6] : undefined;
      return fixed === undefined ? grammar.next(prefix) : grammar.next(prefix).filter((c) => c === fixed);
    },
    complete: (prefix) => grammar.complete(prefix) && prefix.slice(6, 14) === digits,
  };
}
