import { removeSpaces, toHalfWidth } from './normalizeText';

/** 准驾车型 codes as listed in 机动车驾驶证申领和使用规定 (公安部令第162号), C6 included. */
export const CAR_CLASSES = [
  'A1',
  'A2',
  'A3',
  'B1',
  'B2',
  'C1',
  'C2',
  'C3',
  'C4',
  'C5',
  'C6',
  'D',
  'E',
  'F',
  'M',
  'N',
  'P',
] as const;
export type CarClassCode = (typeof CAR_CLASSES)[number];

const KNOWN = new Set<string>(CAR_CLASSES);

/**
 * Splits a compact class string into known codes, or null when it is not a combination of them
 * (empty, an unknown code, or a repeated one). Greedy, longest token first; unambiguous because
 * every two-character code starts with A, B or C and no one-character code does.
 */
export function parseCarClass(text: string): CarClassCode[] | null {
  const tokens: CarClassCode[] = [];
  let i = 0;
  while (i < text.length) {
    const two = text.slice(i, i + 2);
    const one = text.slice(i, i + 1);
    const token = KNOWN.has(two) ? two : KNOWN.has(one) ? one : null;
    if (token === null || tokens.includes(token as CarClassCode)) return null;
    tokens.push(token as CarClassCode);
    i += token.length;
  }
  return tokens.length > 0 ? tokens : null;
}

/** True when the text is one known class or a combination of distinct ones (C1, A2D, C1E, A1A2). */
export function isValidCarClass(text: string): boolean {
  return parseCarClass(text) !== null;
}

// What OCR and people put between combined classes: 'C1/E', 'C1、E', 'C1,E', 'C1+E', 'C1 E'.
const SEPARATORS = /[/、,，;；+&.·|\\-]/gu;

/**
 * Normalizes a printed class: full-width -> half-width, upper case, spaces dropped. Separators
 * are removed and I/L read for 1 ('CI' -> 'C1') only when that yields a valid class; otherwise the
 * cleaned text is returned as is (and the caller warns UNKNOWN_CAR_CLASS).
 */
export function normalizeCarClass(raw: string): string {
  const text = removeSpaces(toHalfWidth(raw)).toUpperCase();
  const candidates = [text, text.replace(SEPARATORS, '')];
  candidates.push(...candidates.map((candidate) => candidate.replace(/(?<=[ABC])[IL]/g, '1')));
  return candidates.find(isValidCarClass) ?? text;
}
