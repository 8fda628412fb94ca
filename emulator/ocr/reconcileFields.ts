import { birthDateFromIdNumber, hasIdNumberShape, isValidIdNumber } from '../../src/domain/idNumber';
import type { FieldKey } from './extractFields';

export type LicenseFields = Record<FieldKey, string>;

/** Province-level codes of GB/T 2260 (71 Taiwan, 81 Hong Kong, 82 Macao): a citizen's number. */
const CITIZEN_REGION = /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])/;

/** Years from one validity period's start to the next: 6, then 10, then 长期 (GA 1069 / 公安部令 162). */
const CYCLE_STARTS = [0, 6, 16] as const;
const CYCLE_LENGTHS = [6, 10, null] as const;

/**
 * Fields that other fields of the same licence determine, filled in when the reading left them
 * empty and repaired when one misread character breaks the rule:
 * - the licence number is the holder's citizen number (GB 11643): a valid one gives the birth
 *   date (digits 7-14), the sex (digit 17, odd = 男) and the nationality (中国); an invalid one
 *   whose birth digits are misread is repaired from the birth date read;
 * - the validity runs in cycles from the first issue: 6 years, then 10, then 长期, each starting
 *   where the previous ended, so 初次领证日期, the period's start and its end fix one another.
 * Values read from the card win whenever the rules cannot tell a misread from an exception
 * (a period restarted by an upgrade of class, say): then nothing is changed.
 */
export function reconcileFields(fields: LicenseFields, oldStyle: boolean): LicenseFields {
  const out = { ...fields };
  out.id_num = repairIdFromBirth(out.id_num, out.birth_date);
  const id = out.id_num;
  if (isValidIdNumber(id) && CITIZEN_REGION.test(id)) {
    const birth = birthDateFromIdNumber(id);
    if (out.birth_date === '' || differsByOne(out.birth_date, birth)) out.birth_date = birth;
    if (out.sex === '') out.sex = Number(id[16]) % 2 === 1 ? '男' : '女';
    // 国 alone is 中国 with its first character lost; a citizen's nationality is 中国.
    if (out.nationality === '' || out.nationality === '国') out.nationality = '中国';
  }
  reconcileValidity(out, oldStyle);
  return out;
}

/**
 * A number whose check digit fails, with its birth-date digits (7-14) one or two characters off
 * the birth date read on the card, or one or two of them lost (glare: 16 or 17 characters read,
 * the rest in order): those digits taken from the date when that makes the check digit right.
 */
function repairIdFromBirth(id: string, birth: string): string {
  if (isValidIdNumber(id) || !/^\d{15,18}[\dX]?$/.test(id) || !/^\d{4}-\d{2}-\d{2}$/.test(birth)) return id;
  const digits = birth.replaceAll('-', '');
  const middle = id.slice(6, -4);
  const close = hasIdNumberShape(id)
    ? [...digits].filter((d, i) => d !== middle[i]).length <= 2
    : id.length >= 16 && isSubsequence(middle, digits);
  const candidate = id.slice(0, 6) + digits + id.slice(-4);
  if (close && isValidIdNumber(candidate)) return candidate;
  // A stray character read before the number pushes the birth digits right: realigned on them
  // when the province code is a real one and the check character, read, holds. (Recomputing a
  // check character pushed off the end would turn any misread digit into a valid-looking number.)
  const at = id.indexOf(digits);
  const shifted = at > 6 ? id.slice(at - 6, at + 12) : '';
  return CITIZEN_REGION.test(shifted) && isValidIdNumber(shifted) ? shifted : id;
}

function isSubsequence(part: string, whole: string): boolean {
  let i = 0;
  for (const c of whole) if (c === part[i]) i++;
  return i === part.length;
}

function reconcileValidity(out: LicenseFields, oldStyle: boolean): void {
  const issue = out.issue_date;
  const from = out.valid_from;
  const to = out.valid_to;
  const endOf = (start: string, cycle: number): string => {
    const years = CYCLE_LENGTHS[cycle];
    if (years === undefined) return '';
    if (years === null) return '长期';
    return oldStyle ? `${years}年` : addYears(start, years);
  };
  /** Which cycle (0, 1, 2) a period starting at `start` is, counted from `first`. */
  const cycleOf = (first: string, start: string): number =>
    CYCLE_STARTS.findIndex((years) => addYears(first, years) === start);
  const consistent = (i: string, f: string, t: string): boolean => {
    const cycle = cycleOf(i, f);
    return cycle >= 0 && endOf(f, cycle) === t;
  };
  if (issue && from && to) {
    if (consistent(issue, from, to)) return;
    // One of the three misread by one character: repaired only when exactly one repair fits.
    const repairs: Array<Partial<LicenseFields>> = [];
    const cycle = cycleOf(issue, from);
    if (cycle >= 0 && differsByOne(to, endOf(from, cycle))) repairs.push({ valid_to: endOf(from, cycle) });
    for (const f of startsFrom(issue)) {
      if (f !== from && differsByOne(from, f) && consistent(issue, f, to)) repairs.push({ valid_from: f });
    }
    for (const i of issuesFor(from)) {
      if (i !== issue && differsByOne(issue, i) && consistent(i, from, to)) repairs.push({ issue_date: i });
    }
    if (repairs.length === 1) Object.assign(out, repairs[0]);
    return;
  }
  if (issue && !from && to) {
    const fits = startsFrom(issue).filter((f) => consistent(issue, f, to));
    if (fits.length === 1) out.valid_from = fits[0] as string;
  } else if (!issue && from && to) {
    const fits = issuesFor(from).filter((i) => consistent(i, from, to));
    if (fits.length === 1) out.issue_date = fits[0] as string;
  } else if (issue && from && !to) {
    const cycle = cycleOf(issue, from);
    if (cycle >= 0) out.valid_to = endOf(from, cycle);
  }
}

/** Possible starts of the current period for a first issue date. */
function startsFrom(issue: string): string[] {
  return CYCLE_STARTS.map((years) => addYears(issue, years)).filter((d) => d !== '');
}

/** Possible first issue dates for a period starting at `from`. */
function issuesFor(from: string): string[] {
  return CYCLE_STARTS.map((years) => addYears(from, -years)).filter((d) => d !== '');
}

/** YYYY-MM-DD plus whole years ('' for a malformed date); 29 February lands on the 28th in a common year. */
export function addYears(date: string, years: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return '';
  const year = Number(m[1]) + years;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return `${year}-${m[2]}-${m[2] === '02' && m[3] === '29' && !leap ? '28' : m[3]}`;
}

/** Same length and exactly one character different: a single misread. */
function differsByOne(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff++;
  return diff === 1;
}
