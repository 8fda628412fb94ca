import { addYears, splitIsoDate } from '../../../src/domain/rules/calendarDate';
import { birthDateFromIdNumber, isValidIdNumber } from '../../../src/domain/rules/idNumber';
import {
  isCycle,
  LONG_TERM,
  type PeriodYears,
  periodEnd,
  startsCycle,
} from '../../../src/domain/rules/validityCycle';
import { foldDigits } from '../text/lookAlikes';
import type { OnnxEngine } from '../text/OnnxEngine';
import type { FieldKey, ValueEvidence } from './FieldSpec';
import { bornOn } from './grammars';
import { numberFromDigits } from './numberFromDigits';
import { inkSupport, likeliestReading, slashedZeroReadings } from './readByGrammar';

/**
 * How much less likely (nats) than what was read a value may be, and be taken to agree: the birth
 * date with the number (its check character holds), the number with the birth date, and between
 * the first issue date and the validity; of two that could give way, the one whose ink gives way
 * more easily by CHOICE_MARGIN does.
 */
const NUMBER_LOSS = 6;
/** The number gives way to the birth date within what any grammar reading may cost (readByGrammar's bound). */
const BIRTH_LOSS = 9;
const TWIN_LOSS = 4;
const CHOICE_MARGIN = 2;

/** A value changed to agree with what the card prints elsewhere, for the trace. */
export interface Agreement {
  field: FieldKey;
  from: string;
  to: string;
  lossNats: number;
  why: string;
}

/** What the fields read, by WeChat's names, and the ink each field's value was read from. */
export interface ReadDates {
  values: Record<FieldKey, string>;
  /** The field's ink and grammar; read again from its region when its line's own steps are not at hand. */
  evidenceOf(field: FieldKey): Promise<ValueEvidence | undefined>;
  /** What the recognizer made of the field's ink: its line and any re-reads, as printed. */
  readAs(field: FieldKey): readonly string[];
  /** Whether the validity is printed as one 'A至B' line (the new card). */
  period: boolean;
  /**
   * Whether the card's digit face slashes its zeros (the number read so): an 8 the birth date
   * reads may be the number's 0. Not between the dates: neither has a check character to decide.
   */
  slashedZeros: boolean;
}

/**
 * The card prints some facts twice: the birth date in its own field and in digits 7-14 of the
 * number (whose check character holds), and the day of the year in the first issue date and in
 * both ends of the validity (each period starts on the anniversary of the first issue, whole
 * periods on, so their years are tied too). Where the two disagree by a digit the ink of one of them hardly tells (a slashed 0 against an 8, 1 against
 * 7), that one is read as the other says when its own ink supports that closely enough; of two
 * that could give way, only one clearly easier to change does. Of an empty field, only what the
 * ink showed is completed by what the card determines: a first issue date's year by the validity's
 * day, a validity start's year by the first issue's; a number's lost digits and slashed zeros by the birth date and the check character (also
 * where the number as read fails its check character).
 */
export async function agreeDates(
  engine: OnnxEngine,
  read: ReadDates,
): Promise<{ values: Record<FieldKey, string>; agreed: Agreement[] }> {
  const values = { ...read.values };
  const agreed: Agreement[] = [];
  const loss = async (field: FieldKey, from: string, to: string, slashedZeros = false) => {
    if (from === to || to.includes('!')) return Number.POSITIVE_INFINITY;
    const evidence = await read.evidenceOf(field);
    if (!evidence) return Number.POSITIVE_INFINITY;
    const support = (v: string) =>
      inkSupport(engine, evidence.sources, evidence.grammar, evidence.normalize, v, slashedZeros);
    const after = support(to);
    return Number.isFinite(after) ? Math.max(0, support(from) - after) : Number.POSITIVE_INFINITY;
  };

  const take = (field: FieldKey, to: string, lossNats: number, why: string) => {
    agreed.push({ field, from: values[field], to, lossNats, why });
    values[field] = to;
  };

  // A number whose check character fails is not the number yet (a slashed face read clearly,
  // its 0s as 8s): the birth date may settle it as it settles one left empty.
  const unsettled = () => !isValidIdNumber(values.id_num) && values.birth_date !== '';
  if (unsettled()) await numberFromSlashedZeros(engine, read, values, take);
  if (unsettled()) {
    const slashed = slashesZeros(read, values.birth_date);
    const number = read
      .readAs('id_num')
      .map((text) => numberFromDigits(text, values.birth_date, slashed))
      .find(Boolean);
    if (number) take('id_num', number, 0, 'the digits its ink showed, with the birth date');
    if (number && birthDateFromIdNumber(number) !== values.birth_date)
      take('birth_date', birthDateFromIdNumber(number), 0, 'the number (its slashed zeros)');
  }
  const number = values.id_num;
  const birth = values.birth_date;
  if (birth && isValidIdNumber(number) && birthDateFromIdNumber(number) !== birth) {
    const printed = birthDateFromIdNumber(number);
    // A birth date whose ink lost digits (glare, blur) holds a grammar's guess where they were:
    // where every digit it did show is the number's, the number's check character settles the rest.
    const shown = read.readAs('birth_date').filter((text) => /\d/.test(foldDigits(text)));
    const lost = shown.length > 0 && shown.every((text) => showsPartOf(text, printed, read.slashedZeros));
    // Where the card slashes its zeros an 8 read may be the number's 0: its check character decides.
    const birthLoss = await loss('birth_date', birth, printed, read.slashedZeros);
    if (lost) take('birth_date', printed, birthLoss, 'the number (digits the birth date lost)');
    else {
      // The number's check character holds for one misreading in eleven, and where the ink of
      // several digits allows two (0s as alike to 8s as not) it only chose among them: the number
      // read with the birth date's digits, when its ink allows that clearly more easily than the
      // birth date's allows the number's. Else the birth date gives way if its ink allows it.
      const evidence = await read.evidenceOf('id_num');
      const other =
        evidence &&
        likeliestReading(
          engine,
          evidence.sources,
          bornOn(evidence.grammar, birth),
          evidence.normalize,
          read.slashedZeros,
        );
      const numberLoss = other
        ? await loss('id_num', number, other, read.slashedZeros)
        : Number.POSITIVE_INFINITY;
      if (other && numberLoss <= BIRTH_LOSS && birthLoss - numberLoss >= CHOICE_MARGIN)
        take('id_num', other, numberLoss, 'the birth date');
      else if (birthLoss <= NUMBER_LOSS) take('birth_date', printed, birthLoss, 'the number');
    }
  }

  const issue = values.issue_date;
  const from = values.valid_from;
  if (issue && from && monthDay(issue) !== monthDay(from)) {
    // The new card prints the validity as one 'A至B' line: both ends move together.
    const period = read.period;
    const asRead = period ? `${from}至${values.valid_to}` : from;
    const moved = (date: string, md: string) => (date === LONG_TERM ? date : onDay(date, md));
    const validity = period
      ? `${moved(from, monthDay(issue))}至${moved(values.valid_to, monthDay(issue))}`
      : moved(from, monthDay(issue));
    const firstIssue = onDay(issue, monthDay(from));
    const validityLoss = await loss('valid_from', asRead, validity);
    const issueLoss = await loss('issue_date', issue, firstIssue);
    const gives = Math.min(validityLoss, issueLoss);
    if (gives <= TWIN_LOSS && Math.max(validityLoss, issueLoss) - gives >= CHOICE_MARGIN) {
      if (validityLoss < issueLoss) {
        const [start = '', end = ''] = validity.split('至');
        take('valid_from', start, validityLoss, 'the first issue date');
        if (period) values.valid_to = end;
      } else take('issue_date', firstIssue, issueLoss, 'the validity');
    }
  }
  await agreeCycle(values, read, loss, take);
  if (!issue && from) {
    const firstIssue = issueOnValidityDay(
      read.readAs('issue_date'),
      from,
      values.valid_to,
      values.birth_date,
      read.slashedZeros,
    );
    if (firstIssue) take('issue_date', firstIssue, 0, "its year as read, on the validity's day");
  }
  if (values.issue_date && !values.valid_from) {
    const start = validityOnIssueDay(
      read.readAs('valid_from'),
      values.issue_date,
      values.valid_to,
      read.slashedZeros,
    );
    if (start) take('valid_from', start, 0, "its year as read, on the first issue's day");
  }
  if (values.issue_date && values.valid_from === values.issue_date && !values.valid_to) {
    const end = firstPeriodEnd(read.readAs('valid_to'), values.valid_from, read.period, read.slashedZeros);
    if (end) take('valid_to', end, 0, 'the first period, 6 years');
  }
  return { values, agreed };
}

/** Years of periods looked back or ahead for a start that fits the cycle. */
const CYCLE_SPAN = 40;

/**
 * On the same day, the first issue's year and the validity's start must lie whole periods apart
 * (startsCycle): where they do not, one of them is misread (a slashed 0 read as 8 in one year and
 * as 0 in the other). Every year of either that would fit is a reading; the one whose ink gives way
 * most easily is taken when it costs little and clearly less than any other, the ink of both
 * weighed alike. The new card's validity moves both its ends.
 */
async function agreeCycle(
  values: Record<FieldKey, string>,
  read: ReadDates,
  loss: (field: FieldKey, from: string, to: string) => Promise<number>,
  take: (field: FieldKey, to: string, lossNats: number, why: string) => void,
): Promise<void> {
  const issue = values.issue_date;
  const from = values.valid_from;
  const to = values.valid_to;
  if (!issue || !from || monthDay(issue) !== monthDay(from)) return;
  const length = periodOf(from, to);
  if (length === null || startsCycle(issue, from, length)) return;
  const asRead = read.period ? `${from}至${to}` : from;
  const options: Array<{ field: 'issue_date' | 'valid_from'; value: string; end: string; loss: number }> = [];
  for (let years = 0; years <= CYCLE_SPAN; years++) {
    const earlier = addYears(from, -years);
    if (earlier && startsCycle(earlier, from, length))
      options.push({
        field: 'issue_date',
        value: earlier,
        end: '',
        loss: await loss('issue_date', issue, earlier),
      });
    const later = addYears(issue, years);
    if (!later || !startsCycle(issue, later, length)) continue;
    const shift = Number(later.slice(0, 4)) - Number(from.slice(0, 4));
    const end = !read.period || to === LONG_TERM ? to : addYears(to, shift);
    if (!end) continue;
    const validity = read.period ? `${later}至${end}` : later;
    options.push({
      field: 'valid_from',
      value: later,
      end,
      loss: await loss('valid_from', asRead, validity),
    });
  }
  options.sort((a, b) => a.loss - b.loss);
  const [best, next] = options;
  if (!best || best.loss > TWIN_LOSS || (next && next.loss - best.loss < CHOICE_MARGIN)) return;
  if (best.field === 'issue_date') take('issue_date', best.value, best.loss, 'the validity (its cycle)');
  else {
    take('valid_from', best.value, best.loss, 'the first issue date (its cycle)');
    values.valid_to = best.end;
  }
}

/** Years between birth and a first licence at the least (16 for a moped or a tractor). */
const FIRST_LICENCE_AGE = 16;

/**
 * A first issue date whose ink showed its year but lost the rest (glare over the month, a blurred
 * day): each validity period starts on the first issue's anniversary, whole periods on
 * (startsCycle), so the validity's start gives the month and day. The year must lie between the
 * holder's 16th year and a cycle's length before the validity's start.
 */
export function issueOnValidityDay(
  readings: readonly string[],
  validFrom: string,
  validTo: string,
  birthDate: string,
  slashedZeros: boolean,
): string {
  if (!splitIsoDate(validFrom)) return '';
  const earliest = birthDate ? Number(birthDate.slice(0, 4)) + FIRST_LICENCE_AGE : 1950;
  const length = periodOf(validFrom, validTo);
  if (length === null) return '';
  return onTheOthersDay(
    readings,
    monthDay(validFrom),
    slashedZeros,
    (date) => Number(date.slice(0, 4)) >= earliest && startsCycle(date, validFrom, length),
  );
}

/**
 * A validity start whose ink showed its year but lost the rest: it lies on the first issue's
 * anniversary, whole periods on, and where the card prints its end, one period before it.
 */
export function validityOnIssueDay(
  readings: readonly string[],
  issueDate: string,
  validTo: string,
  slashedZeros: boolean,
): string {
  if (!splitIsoDate(issueDate)) return '';
  const starts = readings.map((text) => partOfValidity(text, 'start'));
  return onTheOthersDay(starts, monthDay(issueDate), slashedZeros, (date) => {
    const length = periodOf(date, validTo);
    return length !== null && startsCycle(issueDate, date, length);
  });
}

/**
 * The end of a validity that starts on the first issue: a first licence is valid 6 years, so the
 * card determines it (the new card's end date, the old card's 6年), where nothing its ink showed
 * says otherwise (another number of years, 长期, digits not the date's).
 */
function firstPeriodEnd(
  readings: readonly string[],
  from: string,
  period: boolean,
  slashedZeros: boolean,
): string {
  const end = period ? periodEnd(from, 6) : '6年';
  const shown = readings.map((text) => (period ? partOfValidity(text, 'end') : text));
  const agrees = (text: string) => !/[长期]/.test(text) && digitsInOrder(text, end, slashedZeros);
  return end && shown.every(agrees) ? end : '';
}

/**
 * What a reading of the new card's validity line (A至B) shows of its start or its end: the line
 * holds both, and only the digits on one side of 至 are that end's. Without 至, all is the start's.
 */
function partOfValidity(text: string, part: 'start' | 'end'): string {
  const [start = '', end = ''] = text.split('至');
  return part === 'start' ? start : end;
}

/**
 * A date on the day `md` ('MM-DD') whose year the readings show whole (four digits before a
 * separator or the month's; where the face slashes its zeros, each 8 of it may be a 0): the one
 * such date that `fits`, where every digit the readings did show is the date's, in order. Nothing
 * is filled from a day or month alone.
 */
function onTheOthersDay(
  readings: readonly string[],
  md: string,
  slashedZeros: boolean,
  fits: (date: string) => boolean,
): string {
  const shown = readings.filter((text) => /\d/.test(foldDigits(text)));
  const year = shown.map((text) => /^\D*(\d{4})/.exec(foldDigits(text))?.[1]).find(Boolean);
  if (!year) return '';
  const years = [...year].reduce<string[]>(
    (out, d) => out.flatMap((y) => (slashedZeros && d === '8' ? [`${y}8`, `${y}0`] : [`${y}${d}`])),
    [''],
  );
  const dates = years
    .map((y) => onDay(`${y}-01-01`, md))
    .filter(
      (date) => date !== '!' && fits(date) && shown.every((text) => digitsInOrder(text, date, slashedZeros)),
    );
  return dates.length === 1 ? dates[0]! : '';
}

/**
 * The length of the period from `from` that `validTo` prints: 6 or 10 years, or 长期; undefined
 * when the end was not read, null when it ends no period from `from`.
 */
function periodOf(from: string, validTo: string): PeriodYears | typeof LONG_TERM | undefined | null {
  if (validTo === LONG_TERM) return LONG_TERM;
  const years = /^(6|10)年$/.exec(validTo)?.[1];
  if (years) return Number(years) as PeriodYears;
  if (!splitIsoDate(validTo)) return undefined;
  return isCycle(from, validTo)
    ? ((Number(validTo.slice(0, 4)) - Number(from.slice(0, 4))) as PeriodYears)
    : null;
}

/**
 * Whether every digit `text` shows is the date's, in order (separators lost between them are no
 * matter; where the face slashes its zeros, an 8 may be a 0).
 */
function digitsInOrder(text: string, date: string, slashedZeros: boolean): boolean {
  const digits = date.replace(/\D/g, '');
  let at = 0;
  for (const d of foldDigits(text).replace(/\D/g, '')) {
    while (at < digits.length && !(d === digits[at] || (slashedZeros && d === '8' && digits[at] === '0')))
      at++;
    if (at === digits.length) return false;
    at++;
  }
  return true;
}

/**
 * A number left unread because its face slashes its zeros (each 8 read may be a 0, and the check
 * character allows several): the birth date, read from its own ink, chooses among those the
 * number's ink supports equally, when exactly one of them agrees with every digit it showed. Only
 * where the card's face is seen to slash its zeros: the number's reading says so, or the birth
 * date's (an 8 read where the calendar wants a 0).
 */
async function numberFromSlashedZeros(
  engine: OnnxEngine,
  read: ReadDates,
  values: Record<FieldKey, string>,
  take: (field: FieldKey, to: string, lossNats: number, why: string) => void,
): Promise<void> {
  const shown = read.readAs('birth_date').filter((text) => /\d/.test(foldDigits(text)));
  const evidence = slashesZeros(read, values.birth_date) ? await read.evidenceOf('id_num') : undefined;
  if (!evidence || shown.length === 0) return;
  const fitting = slashedZeroReadings(engine, evidence.sources, evidence.grammar, evidence.normalize).filter(
    (number) => shown.every((text) => showsDigitsOf(text, birthDateFromIdNumber(number), true)),
  );
  if (fitting.length !== 1) return;
  const number = fitting[0]!;
  take('id_num', number, 0, 'its slashed zeros, by the birth date');
  if (birthDateFromIdNumber(number) !== values.birth_date)
    take('birth_date', birthDateFromIdNumber(number), 0, 'the number (its slashed zeros)');
}

/** Whether the card's face is seen to slash its zeros: the number read so, or the birth date. */
function slashesZeros(read: ReadDates, birthDate: string): boolean {
  return read.slashedZeros || read.readAs('birth_date').some((text) => eightsForZeros(text, birthDate));
}

/** Whether a reading of all eight digits of `date` has an 8 where the date has a 0. */
function eightsForZeros(text: string, date: string): boolean {
  const runs = (foldDigits(text).match(/\d+/g) ?? []).join('');
  const digits = date.replace(/\D/g, '');
  return runs.length === digits.length && [...digits].some((d, i) => d === '0' && runs[i] === '8');
}

/**
 * Whether `text` shows fewer than all the date's eight digits and each run of digits it shows is
 * the date's, in order (where the face slashes its zeros, an 8 may be a 0).
 */
export function showsPartOf(text: string, date: string, slashedZeros: boolean): boolean {
  const shown = (foldDigits(text).match(/\d+/g) ?? []).join('').length;
  return shown < 8 && showsDigitsOf(text, date, slashedZeros);
}

/** Whether each run of digits `text` shows is the date's, in order (a slashed 0 may read as 8). */
function showsDigitsOf(text: string, date: string, slashedZeros: boolean): boolean {
  const digits = date.replace(/\D/g, '');
  const runs = foldDigits(text).match(/\d+/g) ?? [];
  if (runs.join('').length > digits.length) return false;
  const same = (run: string, at: number) =>
    [...run].every((d, i) => d === digits[at + i] || (slashedZeros && d === '8' && digits[at + i] === '0'));
  let from = 0;
  for (const run of runs) {
    let at = from;
    while (at + run.length <= digits.length && !same(run, at)) at++;
    if (at + run.length > digits.length) return false;
    from = at + run.length;
  }
  return true;
}

/** 'MM-DD' of an ISO date. */
function monthDay(date: string): string {
  return date.slice(5);
}

/** `date`'s year on the day `md` ('!' when that day does not exist in that year). */
function onDay(date: string, md: string): string {
  const moved = `${date.slice(0, 4)}-${md}`;
  return splitIsoDate(moved) ? moved : '!';
}
