import { splitIsoDate } from '../../../src/domain/rules/calendarDate';
import { birthDateFromIdNumber, isValidIdNumber } from '../../../src/domain/rules/idNumber';
import { LONG_TERM } from '../../../src/domain/rules/validityCycle';
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
 * both ends of the validity (each period starts on the anniversary of the first issue). Where the
 * two disagree by a digit the ink of one of them hardly tells (a slashed 0 against an 8, 1 against
 * 7), that one is read as the other says when its own ink supports that closely enough; of two
 * that could give way, only one clearly easier to change does. Of an empty field, only what the
 * ink showed is completed by what the card determines: a first issue date's year by the validity's
 * day; a number's lost digits and slashed zeros by the birth date and the check character (also
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
  if (!issue && from) {
    const firstIssue = issueOnValidityDay(
      read.readAs('issue_date'),
      from,
      values.birth_date,
      read.slashedZeros,
    );
    if (firstIssue) take('issue_date', firstIssue, 0, "its year as read, on the validity's day");
  }
  return { values, agreed };
}

/** Years between birth and a first licence at the least (16 for a moped or a tractor). */
const FIRST_LICENCE_AGE = 16;

/**
 * A first issue date whose ink showed its year but lost the rest (glare over the month, a blurred
 * day): each validity period starts on the first issue's anniversary, so the validity's start
 * gives the month and day, where every digit the readings did show agrees with that date. The
 * year must be read whole (four digits before a separator or the month's) and fall between the
 * holder's 16th year and the validity's start; nothing is filled from a day or month alone.
 */
export function issueOnValidityDay(
  readings: readonly string[],
  validFrom: string,
  birthDate: string,
  slashedZeros: boolean,
): string {
  const shown = readings.filter((text) => /\d/.test(foldDigits(text)));
  const year = shown.map((text) => /^\D*(\d{4})/.exec(foldDigits(text))?.[1]).find(Boolean);
  if (!year || !splitIsoDate(validFrom)) return '';
  const earliest = birthDate ? Number(birthDate.slice(0, 4)) + FIRST_LICENCE_AGE : 1950;
  if (Number(year) < earliest || Number(year) > Number(validFrom.slice(0, 4))) return '';
  const date = onDay(`${year}-01-01`, monthDay(validFrom));
  if (date === '!') return '';
  return shown.every((text) => showsPartOf(text, date, slashedZeros)) ? date : '';
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
