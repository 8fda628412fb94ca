import { parseDate } from './parseDate';
import { addYears } from './rules/calendarDate';
import { collapseSpaces, removeSpaces, toHalfWidth } from './rules/normalizeText';

export interface Validity {
  /** 'YYYY-MM-DD' or ''. */
  validFrom: string;
  /** 'YYYY-MM-DD', null for 长期 (long-term), or '' when unknown. */
  validTo: string | null;
  /** The validity as upstream gave it, trimmed: validTo's text, else a combined range in validFrom. */
  validPeriodRaw: string;
  /** Fields that had text which could not be read (the caller turns these into warnings). */
  problems: ValidityProblem[];
}

export interface ValidityProblem {
  field: 'validFrom' | 'validTo';
  reason: 'unparseable' | 'period-without-start';
}

const LONG_TERM = /^长期(有效)?$/u;
const CHINESE_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** '6' / '六' / '十' / '十二' / '二十' -> number of years, or null. */
function readYearCount(text: string): number | null {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const match = /^([一二两三四五六七八九]?)(十?)([一二三四五六七八九]?)$/u.exec(text);
  if (!match || text === '') return null;
  const [, tens = '', ten = '', units = ''] = match;
  if (ten === '') return tens !== '' && units === '' ? (CHINESE_DIGITS[tens] ?? null) : null;
  return (
    (tens === '' ? 1 : (CHINESE_DIGITS[tens] ?? 0)) * 10 + (units === '' ? 0 : (CHINESE_DIGITS[units] ?? 0))
  );
}

/** '6年', '10年', '六年', '十年' -> years; null when the text is not a period. */
export function parsePeriodYears(text: string): number | null {
  const match = /^(.{1,3})年$/u.exec(removeSpaces(toHalfWidth(text)));
  if (!match) return null;
  const years = readYearCount(match[1] ?? '');
  return years !== null && years >= 1 && years <= 99 ? years : null;
}

// A date as OCR prints it, look-alike letters included (parseDate decides if it is one).
const DATE_TOKEN = '[0-9OoIl|]{4}[-./年][0-9OoIl|]{1,2}[-./月][0-9OoIl|]{1,2}[日号]?|[0-9OoIl|]{8}';
const RANGE = new RegExp(`^(${DATE_TOKEN})(?:至|到|~|-|—|–|－)(.+)$`, 'u');

/** '2016-06-21至2022-06-21', '2016.06.21-长期', '20160621-6年' -> start and end texts. */
function splitRange(text: string): { start: string; end: string } | null {
  const match = RANGE.exec(removeSpaces(toHalfWidth(text)).replace(/[～〜]/gu, '~'));
  if (!match) return null;
  return { start: match[1] ?? '', end: match[2] ?? '' };
}

/**
 * Reads a licence's validity from the two OCR fields. validTo may be a date, a period ('6年',
 * '十年': validFrom plus N years, same month and day), or '长期' (null). Either field may instead
 * hold the whole range ('2016-06-21至2022-06-21', '2016.06.21-长期'); a separate non-range field
 * wins over the matching half of a range in the other field.
 */
export function parseValidity(validFromRaw: string, validToRaw: string): Validity {
  const fromText = collapseSpaces(validFromRaw);
  const toText = collapseSpaces(validToRaw);
  const fromRange = splitRange(fromText);
  const toRange = splitRange(toText);

  const startText = fromRange?.start ?? (fromText !== '' ? fromText : (toRange?.start ?? ''));
  const endText = toRange?.end ?? (toText !== '' ? toText : (fromRange?.end ?? ''));
  const problems: ValidityProblem[] = [];

  const start = parseDate(startText);
  const validFrom = start.kind === 'date' ? start.date : '';
  if (start.kind === 'invalid') problems.push({ field: 'validFrom', reason: 'unparseable' });

  let validTo: string | null = '';
  const compactEnd = removeSpaces(endText);
  const years = parsePeriodYears(compactEnd);
  if (LONG_TERM.test(compactEnd)) validTo = null;
  else if (years !== null) {
    validTo = addYears(validFrom, years);
    if (validTo === '') problems.push({ field: 'validTo', reason: 'period-without-start' });
  } else {
    const end = parseDate(endText);
    if (end.kind === 'date') validTo = end.date;
    else if (end.kind === 'invalid') problems.push({ field: 'validTo', reason: 'unparseable' });
  }

  const validPeriodRaw = toText !== '' ? toText : fromRange ? fromText : '';
  return { validFrom, validTo, validPeriodRaw, problems };
}
