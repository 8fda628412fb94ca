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
      const near = (j: number) =>
        /[0-9]/.test(chars[j] ?? '') || DIGIT_LOOK_ALIKES[chars[j] ?? ''] !== undefined;
      return near(i - 1) || near(i + 1) ? digit : c;
    })
    .join('');
}

/** One character read as the digit it looks like, if it looks like one. */
export function asDigit(char: string): string {
  return DIGIT_LOOK_ALIKES[char] ?? toHalfWidth(char);
}
