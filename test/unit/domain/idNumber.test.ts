import {
  birthDateFromIdNumber,
  checkDigit,
  hasIdNumberShape,
  hasPossibleAreaCode,
  isValidIdNumber,
  normalizeIdNumber,
} from '../../../src/domain/rules/idNumber';
import { breakCheckDigit, makeIdNumber } from './fixtures/makeIdNumber';

describe('checkDigit', () => {
  it.each([
    // The worked example of GB 11643-1999 and other published specimens.
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
    ['11010119900307851', '5'],
    ['00000000000000000', '1'],
  ])('computes the GB 11643 check character of %s as %s', (first17, expected) => {
    expect(checkDigit(first17)).toBe(expected);
  });

  it('yields every one of the 11 possible check characters over sequence numbers', () => {
    const seen = new Set<string>();
    for (let seq = 0; seq < 200; seq += 1)
      seen.add(checkDigit(`11010119900307${String(seq).padStart(3, '0')}`));
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });

  it.each([
    '1101051949123100',
    '110105194912310021',
    '1101051949123100a',
    '',
    '１１０１０５１９４９１２３１００２',
  ])('throws a RangeError for %j, which is not exactly 17 ASCII digits', (input) => {
    expect(() => checkDigit(input)).toThrow(RangeError);
  });
});

describe('isValidIdNumber', () => {
  const valid = makeIdNumber('320102', '19851111', '123');

  it.each([
    ['a published specimen ending in X', '11010519491231002X'],
    ['a generated number', valid],
    ['a number born on 29 February of a leap year', makeIdNumber('310101', '20000229', '001')],
  ])('accepts %s', (_label, idNumber) => {
    expect(isValidIdNumber(idNumber)).toBe(true);
  });

  it.each([
    ['a wrong check character', breakCheckDigit(valid)],
    ['a lower-case x (callers normalize first)', '11010519491231002x'],
    ['17 characters', valid.slice(0, 17)],
    ['19 characters', `${valid}1`],
    ['an old 15-digit number', '110105491231002'],
    ['a letter inside the digits', `${valid.slice(0, 5)}A${valid.slice(6)}`],
    ['a birth date of 30 February', makeIdNumber('320102', '19900230', '123')],
    ['a birth date of month 13', makeIdNumber('320102', '19901301', '123')],
    ['the empty string', ''],
  ])('rejects %s', (_label, idNumber) => {
    expect(isValidIdNumber(idNumber)).toBe(false);
  });
});

describe('hasPossibleAreaCode', () => {
  it.each([
    ['330110196208234140', true, 'a current county (杭州市余杭区)'],
    ['412726198001010012', true, 'an abolished prefecture (周口地区, 4127): numbers are never reissued'],
    ['429004198001010012', true, 'a county under the province directly (90)'],
    ['810000199001010012', true, 'a Hong Kong resident (81)'],
    ['338110196208234148', false, 'a slashed zero read as 8: prefecture 81'],
    ['588185197812217856', false, 'no province 58'],
    ['0X0105197812211856', false, 'not digits'],
  ])('%s -> %s (%s)', (idNumber, expected) => expect(hasPossibleAreaCode(idNumber)).toBe(expected));
});

describe('hasIdNumberShape', () => {
  it.each([
    ['11010519491231002X', true],
    ['110105194912310021', true],
    ['11010519491231002x', false],
    ['1101051949123100XX', false],
    ['110105194912310', false],
  ])('says %s has the 18-character shape: %s', (idNumber, expected) => {
    expect(hasIdNumberShape(idNumber)).toBe(expected);
  });
});

describe('birthDateFromIdNumber', () => {
  it.each([
    ['11010519491231002X', '1949-12-31'],
    [makeIdNumber('440305', '20010101', '456'), '2001-01-01'],
    [breakCheckDigit(makeIdNumber('440305', '19780615', '456')), '1978-06-15'],
  ])('reads the birth date of %s as %s', (idNumber, expected) => {
    expect(birthDateFromIdNumber(idNumber)).toBe(expected);
  });

  it.each([
    ['a calendar-invalid date', makeIdNumber('440305', '19990229', '456')],
    ['a year before 1900', makeIdNumber('440305', '18991231', '456')],
    ['a short number', '110105491231002'],
    ['the empty string', ''],
  ])('returns an empty string for %s', (_label, idNumber) => {
    expect(birthDateFromIdNumber(idNumber)).toBe('');
  });
});

describe('normalizeIdNumber', () => {
  const valid = makeIdNumber('510104', '19920815', '537');
  const endingInX = '11010519491231002X';

  it.each([
    ['keeps a clean number', valid, valid],
    ['upper-cases a trailing x', '11010519491231002x', endingInX],
    ['converts full-width digits and Ｘ', '１１０１０５１９４９１２３１００２Ｘ', endingInX],
    ['removes spaces OCR put inside', ' 110105 19491231 002X ', endingInX],
    ['removes ideographic spaces', '110105\u300019491231002X', endingInX],
    ['reads O as 0 when that makes it valid', endingInX.replace(/0/g, 'O'), endingInX],
    [
      'reads l and I as 1 when that makes it valid',
      `l${endingInX.slice(1, 3)}I${endingInX.slice(4)}`,
      endingInX,
    ],
    [
      'keeps O when reading it as 0 still fails the check',
      breakCheckDigit(valid).replace(/0/, 'O'),
      breakCheckDigit(valid).replace(/0/, 'O'),
    ],
    ['keeps a number of the wrong length as cleaned', ' ab12 ', 'AB12'],
  ])('%s', (_label, input, expected) => {
    expect(normalizeIdNumber(input)).toBe(expected);
  });
});
