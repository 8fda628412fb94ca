import { formatDate, isValidCalendarDate } from './calendarDate';
import { removeSpaces, toHalfWidth } from './normalizeText';

/** GB 11643-1999: weights 2^(17-i) mod 11 for the first 17 digits. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character for (sum mod 11) = 0..10. */
const CHECK_CHARS = '10X98765432';

/** 17 digits then a digit or X: the shape of a citizen number (and so of a licence number). */
export const ID_NUMBER_PATTERN = /^\d{17}[\dX]$/;

/**
 * The GB 11643 check character for the first 17 digits of a citizen number.
 * @throws RangeError when `first17` is not exactly 17 ASCII digits (a caller bug, not bad input).
 */
export function checkDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('checkDigit needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** True when the number has the 18-character shape (upper-case X only). */
export function hasIdNumberShape(idNumber: string): boolean {
  return ID_NUMBER_PATTERN.test(idNumber);
}

/**
 * The birth date encoded in digits 7-14, as 'YYYY-MM-DD', or '' when the number does not have the
 * 18-character shape or those digits are not a calendar date.
 */
export function birthDateFromIdNumber(idNumber: string): string {
  if (!hasIdNumberShape(idNumber)) return '';
  const year = Number(idNumber.slice(6, 10));
  const month = Number(idNumber.slice(10, 12));
  const day = Number(idNumber.slice(12, 14));
  return isValidCalendarDate(year, month, day) ? formatDate(year, month, day) : '';
}

/**
 * True when the number has the 18-character shape, its check character matches (GB 11643 mod 11)
 * and its birth-date digits are a calendar date. Expects a normalized number (upper-case X).
 */
export function isValidIdNumber(idNumber: string): boolean {
  return (
    hasIdNumberShape(idNumber) &&
    checkDigit(idNumber.slice(0, 17)) === idNumber[17] &&
    birthDateFromIdNumber(idNumber) !== ''
  );
}

/** GB/T 2260 province codes (50 重庆, 1997, the last added), and 71 台湾, 81 香港, 82 澳门, 83 (台湾居民居住证). */
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82, 83,
]);

/**
 * Whether the first four digits can be an area code of GB/T 2260, current or abolished: a province,
 * then a prefecture numbered 00-70 or 90 (counties under the province directly). Numbers are never
 * reissued, so an abolished prefecture (4127, 周口地区 until 2000) passes; none was numbered 71-89.
 */
export function hasPossibleAreaCode(idNumber: string): boolean {
  const prefecture = Number(idNumber.slice(2, 4));
  return (
    /^\d{4}/.test(idNumber) &&
    PROVINCE_CODES.has(Number(idNumber.slice(0, 2))) &&
    (prefecture <= 70 || prefecture === 90)
  );
}

/**
 * Cleans an OCR'd number: full-width -> half-width, spaces removed, upper case (x -> X). When the
 * result is not a valid number but reading O as 0 and I/l as 1 in the first 17 characters makes it
 * valid (check character included), that reading is taken; otherwise the cleaned text is kept.
 */
export function normalizeIdNumber(raw: string): string {
  const text = removeSpaces(toHalfWidth(raw)).toUpperCase();
  if (isValidIdNumber(text) || text.length !== 18) return text;
  const fixed = text.slice(0, 17).replace(/O/g, '0').replace(/[IL|]/g, '1') + text.slice(17);
  return isValidIdNumber(fixed) ? fixed : text;
}

/** The holder's sex from digit 17 (odd: 男, even: 女), or '' when the number has no such digit. */
export function sexFromIdNumber(idNumber: string): '男' | '女' | '' {
  if (!hasIdNumberShape(idNumber)) return '';
  return Number(idNumber[16]) % 2 === 1 ? '男' : '女';
}
