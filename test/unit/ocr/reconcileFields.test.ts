import { addYears, type LicenseFields, reconcileFields } from '../../../emulator/ocr/reconcileFields';
import { checkDigit } from '../../../src/domain/idNumber';
import { SAMPLE_FIELDS } from './support/sampleFields';

/** A consistent new-style reading. */
const READ: LicenseFields = SAMPLE_FIELDS;

const withCheckDigit = (first17: string) => first17 + checkDigit(first17);

describe('reconcileFields', () => {
  it('changes nothing on a consistent reading', () => {
    expect(reconcileFields(READ, false)).toEqual(READ);
  });

  it.each<[string, Partial<LicenseFields>, Partial<LicenseFields>]>([
    ['fills a lost birth date from the number', { birth_date: '' }, { birth_date: '1949-12-31' }],
    [
      'repairs a birth date one character off the number',
      { birth_date: '1949-12-81' },
      { birth_date: '1949-12-31' },
    ],
    [
      'keeps a birth date two characters off the number',
      { birth_date: '1948-12-81' },
      { birth_date: '1948-12-81' },
    ],
    ['fills a lost sex from digit 17 (even: 女)', { sex: '' }, { sex: '女' }],
    [
      'fills a lost sex from digit 17 (odd: 男)',
      { sex: '', id_num: withCheckDigit('11010519491231003') },
      { sex: '男' },
    ],
    ['fills a lost nationality of a citizen', { nationality: '' }, { nationality: '中国' }],
    ['completes 国 to 中国 for a citizen', { nationality: '国' }, { nationality: '中国' }],
    [
      'repairs birth digits of the number from the birth date read',
      { id_num: '11010519481231002X' },
      { id_num: '11010519491231002X' },
    ],
    [
      'restores birth digits of the number lost under glare',
      { id_num: '110105191231002X' },
      { id_num: '11010519491231002X' },
    ],
    [
      'realigns a number pushed right by a stray character',
      { id_num: '511010519491231002X' },
      { id_num: '11010519491231002X' },
    ],
    [
      'does not invent the check character of a number pushed right (one digit may be misread)',
      { id_num: '511010519491231002' },
      { id_num: '511010519491231002' },
    ],
    [
      'keeps a shifted number whose province code is not real',
      { id_num: '599010519491231002', birth_date: '1949-12-31' },
      { id_num: '599010519491231002' },
    ],
    [
      'keeps a short number whose digits do not follow the birth date',
      { id_num: '110105197731002X' },
      { id_num: '110105197731002X' },
    ],
    [
      'keeps a number whose repair would not satisfy the check digit',
      { id_num: '11010519481231003X' },
      { id_num: '11010519481231003X' },
    ],
    [
      'leaves everything when the check digit fails',
      { id_num: '110105194912310021', sex: '', birth_date: '', nationality: '' },
      { sex: '', birth_date: '', nationality: '' },
    ],
    [
      'leaves the nationality of a non-citizen number (9: foreign permanent resident)',
      { id_num: withCheckDigit('91010519491231002'), nationality: '' },
      { nationality: '' },
    ],
  ])('%s', (_, change, expected) => {
    expect(reconcileFields({ ...READ, ...change }, false)).toMatchObject(expected);
  });

  it.each<[string, Partial<LicenseFields>, boolean, Partial<LicenseFields>]>([
    ['fills the period start of the second cycle', { valid_from: '' }, false, { valid_from: '2016-03-02' }],
    [
      'fills the period end of the second cycle (10 years)',
      { valid_to: '' },
      false,
      { valid_to: '2026-03-02' },
    ],
    [
      'fills the period end of the first cycle (6 years)',
      { valid_from: '2010-03-02', valid_to: '' },
      false,
      { valid_to: '2016-03-02' },
    ],
    ['fills 长期 after 16 years', { valid_from: '2026-03-02', valid_to: '' }, false, { valid_to: '长期' }],
    [
      'fills an old-style period length',
      { valid_from: '2010-03-02', valid_to: '' },
      true,
      { valid_to: '6年' },
    ],
    ['fills the first issue date', { issue_date: '' }, false, { issue_date: '2010-03-02' }],
    ['repairs a period end one character off', { valid_to: '2026-08-02' }, false, { valid_to: '2026-03-02' }],
    [
      'repairs a period start one character off',
      { valid_from: '2016-08-02' },
      false,
      { valid_from: '2016-03-02' },
    ],
    [
      'repairs a first issue date one character off',
      { issue_date: '2010-08-02' },
      false,
      { issue_date: '2010-03-02' },
    ],
    [
      'leaves a leap-day first issue alone when the start read could be either repair',
      { issue_date: '2024-02-29', valid_from: '2024-02-28', valid_to: '2030-02-28' },
      false,
      { issue_date: '2024-02-29', valid_from: '2024-02-28' },
    ],
    [
      'fills the end of a period starting on 29 February with the 28th',
      { issue_date: '2024-02-29', valid_from: '2024-02-29', valid_to: '' },
      false,
      { valid_to: '2030-02-28' },
    ],
    [
      'keeps a period restarted on another day (class upgraded)',
      { valid_from: '2018-07-15', valid_to: '2024-07-15' },
      false,
      { valid_from: '2018-07-15', valid_to: '2024-07-15' },
    ],
    [
      'leaves the start empty when no cycle of the issue date ends at the end read',
      { valid_from: '', valid_to: '2024-07-15' },
      false,
      { valid_from: '' },
    ],
  ])('%s', (_, change, oldStyle, expected) => {
    expect(reconcileFields({ ...READ, ...change }, oldStyle)).toMatchObject(expected);
  });

  it.each([
    ['2016-03-02', 6, '2022-03-02'],
    ['2016-02-29', 4, '2020-02-29'],
    ['2016-02-29', 6, '2022-02-28'],
    ['2016-3-2', 6, ''],
  ])('adds years: %s + %i = "%s"', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });
});
