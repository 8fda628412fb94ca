import { hasPossibleAreaCode, isValidIdNumber } from '../../../src/domain/rules/idNumber';
import { foldDigits } from '../text/lookAlikes';
import { isCountyCode } from './divisions';

/** Characters of the area code and the last four the recognizer could not name ('#'): at most this many. */
const MAX_UNNAMED = 2;
/** Numbers tried at most (each unnamed digit ten, each 8 that may be a 0 two). */
const MAX_NUMBERS = 4096;

/**
 * The licence number a reading that lost or blurred some of its characters can be, with the birth
 * date read from its own field: digits 7-14 of the number are the birth date, so the reading's
 * first six characters are the area code, its last four the order and check characters, and what
 * lies between must be the birth date's digits, some perhaps lost. A character read as '#' may be
 * any digit; where the card's face slashes its zeros, an 8 may be a 0, the birth date's own
 * included (1978 read for 1970). The check character must hold; of several such numbers, one
 * whose area code is a county's today is preferred (and required where characters were lost:
 * where they were is a guess), and two left alike give none: the check character settles one
 * lost digit, not a choice. Since the printed number is always among those tried when only 8s,
 * '#'s and lost digits stand between it and the reading, a single survivor is the number.
 */
export function numberFromDigits(read: string, birthDate: string, slashedZeros: boolean): string {
  const shown = [...foldDigits(read).toUpperCase()].filter((c) => /[0-9X#]/.test(c));
  const birth = birthDate.replace(/-/g, '');
  if (shown.length < 10 || shown.length > 18 || !/^\d{8}$/.test(birth)) return '';
  const middle = shown.slice(6, shown.length - 4);
  const ends = [...shown.slice(0, 6), ...shown.slice(-4)];
  if (ends.filter((c) => c === '#').length > MAX_UNNAMED || !inOrder(middle, birth)) return '';
  // The face shows it slashes its zeros where a whole reading has an 8 for the birth date's 0, or
  // where the area code as read names no prefecture (its 0 read as 8: 3381 for 3301).
  const slashed =
    slashedZeros ||
    (shown.length === 18 && middle.some((c, i) => c === '8' && birth[i] === '0')) ||
    !hasPossibleAreaCode(shown.slice(0, 4).join(''));
  const options = [...shown.slice(0, 6), ...birth, ...shown.slice(-4)].map((c, i): string[] => {
    // The birth date read in a slashed face may have taken a 0 for an 8 too (1978 for 1970).
    if (i >= 6 && i < 14) return slashed && c === '8' ? ['8', '0'] : [c];
    if (c === '#') return i === 17 ? [...'0123456789X'] : [...'0123456789'];
    return slashed && c === '8' ? ['8', '0'] : [c];
  });
  if (options.reduce((n, o) => n * o.length, 1) > MAX_NUMBERS) return '';
  const numbers = expand(options).filter((n) => isValidIdNumber(n) && hasPossibleAreaCode(n));
  const current = numbers.filter((n) => isCountyCode(n.slice(0, 6)));
  // Where characters were lost, where they were is a guess: only a real county's code confirms it.
  const pick = current.length > 0 || shown.length < 18 ? current : numbers;
  return pick.length === 1 ? pick[0]! : '';
}

/** Whether the characters shown are the birth date's digits in order ('#' any, an 8 perhaps a slashed 0). */
function inOrder(shown: readonly string[], birth: string): boolean {
  let at = 0;
  for (const c of shown) {
    while (at < birth.length && !(c === '#' || c === birth[at] || (c === '8' && birth[at] === '0'))) at++;
    if (at === birth.length) return false;
    at++;
  }
  return true;
}

/** Every string with one of each position's options. */
function expand(options: readonly string[][]): string[] {
  return options.reduce<string[]>((out, choices) => out.flatMap((s) => choices.map((c) => s + c)), ['']);
}
