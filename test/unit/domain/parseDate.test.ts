import { parseDate } from '../../../src/domain/parseDate';
import { addYears, isValidCalendarDate } from '../../../src/domain/rules/calendarDate';

describe('parseDate', () => {
  it.each([
    ['ISO', '1990-12-21', '1990-12-21'],
    ['dots', '1990.12.21', '1990-12-21'],
    ['slashes', '1990/12/21', '1990-12-21'],
    ['年月日', '1990年12月21日', '1990-12-21'],
    ['年月日 without 日', '1990年12月21', '1990-12-21'],
    ['compact digits', '19901221', '1990-12-21'],
    ['unpadded month and day', '1990-1-2', '1990-01-02'],
    ['unpadded with dots', '2016.6.1', '2016-06-01'],
    ['unpadded 年月日', '2016年6月1日', '2016-06-01'],
    ['full-width digits', '１９９０－１２－２１', '1990-12-21'],
    ['full-width dots', '１９９０．１２．２１', '1990-12-21'],
    ['surrounding and inner spaces', '  1990 - 12 - 21 ', '1990-12-21'],
    ['ideographic spaces', '\u30001990-12-21\u3000', '1990-12-21'],
    ['an en dash', '1990–12–21', '1990-12-21'],
    ['O read for 0', '2O16-O6-21', '2016-06-21'],
    ['o read for 0', '2o16-o6-21', '2016-06-21'],
    ['l read for 1', '20l6-06-2l', '2016-06-21'],
    ['I read for 1', '2016-I2-0I', '2016-12-01'],
    ['29 February of a leap year', '2020-02-29', '2020-02-29'],
    ['29 February of 2000 (divisible by 400)', '2000-02-29', '2000-02-29'],
  ])('reads %s: %j -> %s', (_label, input, expected) => {
    expect(parseDate(input)).toEqual({ kind: 'date', date: expected });
  });

  it.each([
    ['empty', ''],
    ['spaces only', '   '],
    ['ideographic spaces only', '\u3000\u3000'],
  ])('says %s text is empty', (_label, input) => {
    expect(parseDate(input)).toEqual({ kind: 'empty' });
  });

  it.each([
    ['30 February', '2019-02-30'],
    ['29 February of a common year', '2019-02-29'],
    ['29 February of 1900 (not a leap year)', '1900-02-29'],
    ['31 April', '2020-04-31'],
    ['month 13', '2020-13-01'],
    ['month 0', '2020-00-10'],
    ['day 0', '2020-01-00'],
    ['a year before 1900', '1899-12-31'],
    ['a year after 2199', '2200-01-01'],
    ['compact digits of an invalid date', '20190230'],
    ['a two-digit year', '90-12-21'],
    ['words', '长期'],
    ['a period', '6年'],
    ['letters that do not make a date', 'abcd-ef-gh'],
    ['a seven-digit number', '1990122'],
    ['a date with a time', '1990-12-21 10:00'],
    ['O that still leaves an invalid date', '2019-O2-30'],
  ])('says %s is invalid', (_label, input) => {
    expect(parseDate(input)).toEqual({ kind: 'invalid' });
  });
});

describe('addYears', () => {
  it.each([
    ['2016-06-21', 6, '2022-06-21'],
    ['2016-06-21', 10, '2026-06-21'],
    ['2016-02-29', 6, '2022-02-28'],
    ['2016-02-29', 4, '2020-02-29'],
    ['2016-12-31', 1, '2017-12-31'],
  ])('adds to %s %i years -> %s (same month and day)', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });

  it.each([
    ['an empty start', '', 6],
    ['an invalid start', '2019-02-30', 6],
    ['a non-ISO start', '2016.06.21', 6],
    ['a fractional count', '2016-06-21', 1.5],
    ['a result beyond 2199', '2190-01-01', 10],
  ])('returns an empty string for %s', (_label, date, years) => {
    expect(addYears(date, years)).toBe('');
  });
});

describe('isValidCalendarDate', () => {
  it.each([
    [2024, 2, 29, true],
    [2023, 2, 29, false],
    [2023, 11, 31, false],
    [2023, 12, 31, true],
    [2023.5, 1, 1, false],
  ])('says %i-%i-%i is valid: %s', (year, month, day, expected) => {
    expect(isValidCalendarDate(year, month, day)).toBe(expected);
  });
});
