import { parsePeriodYears, parseValidity } from '../../../src/domain/parseValidity';

describe('parseValidity', () => {
  it.each([
    ['a date in validTo', '2016-06-21', '2022-06-21', '2016-06-21', '2022-06-21', '2022-06-21'],
    ['dates in mixed formats', '2016.06.21', '20220621', '2016-06-21', '2022-06-21', '20220621'],
    ['6年', '2016-06-21', '6年', '2016-06-21', '2022-06-21', '6年'],
    ['10年', '2016-06-21', '10年', '2016-06-21', '2026-06-21', '10年'],
    ['六年', '2016-06-21', '六年', '2016-06-21', '2022-06-21', '六年'],
    ['十年', '2016-06-21', '十年', '2016-06-21', '2026-06-21', '十年'],
    ['full-width １０年', '2016-06-21', '１０年', '2016-06-21', '2026-06-21', '１０年'],
    ['a period with spaces', '2016-06-21', ' 6 年 ', '2016-06-21', '2022-06-21', '6 年'],
    ['a period from 29 February', '2016-02-29', '6年', '2016-02-29', '2022-02-28', '6年'],
    ['长期', '2016-06-21', '长期', '2016-06-21', null, '长期'],
    ['长期 with a space', '2016-06-21', '长 期', '2016-06-21', null, '长 期'],
    ['长期有效', '2016-06-21', '长期有效', '2016-06-21', null, '长期有效'],
    [
      'a range with 至 in validTo',
      '',
      '2016-06-21至2022-06-21',
      '2016-06-21',
      '2022-06-21',
      '2016-06-21至2022-06-21',
    ],
    [
      'a range with 至 in validFrom',
      '2016-06-21至2022-06-21',
      '',
      '2016-06-21',
      '2022-06-21',
      '2016-06-21至2022-06-21',
    ],
    ['a dotted range to 长期 in validFrom', '2016.06.21-长期', '', '2016-06-21', null, '2016.06.21-长期'],
    [
      'a range with a hyphen between ISO dates',
      '2016-06-21-2022-06-21',
      '',
      '2016-06-21',
      '2022-06-21',
      '2016-06-21-2022-06-21',
    ],
    [
      'a range with spaces and 到',
      '2016.06.21 到 2026.06.21',
      '',
      '2016-06-21',
      '2026-06-21',
      '2016.06.21 到 2026.06.21',
    ],
    ['a range with a tilde', '20160621～20260621', '', '2016-06-21', '2026-06-21', '20160621～20260621'],
    ['a range ending in a period', '2016-06-21至6年', '', '2016-06-21', '2022-06-21', '2016-06-21至6年'],
    [
      'a range in validTo plus validFrom',
      '2016-06-21',
      '2016-06-21至长期',
      '2016-06-21',
      null,
      '2016-06-21至长期',
    ],
    [
      'a separate validTo winning over a range in validFrom',
      '2016-06-21至2022-06-21',
      '2026-06-21',
      '2016-06-21',
      '2026-06-21',
      '2026-06-21',
    ],
    [
      'a separate validFrom winning over a range in validTo',
      '2017-01-01',
      '2016-06-21至2022-06-21',
      '2017-01-01',
      '2022-06-21',
      '2016-06-21至2022-06-21',
    ],
    ['nothing at all', '', '', '', '', ''],
  ])('reads %s', (_label, from, to, validFrom, validTo, raw) => {
    expect(parseValidity(from, to)).toEqual({ validFrom, validTo, validPeriodRaw: raw, problems: [] });
  });

  it.each([
    [
      'an invalid validFrom',
      '2016-02-30',
      '2022-06-21',
      '',
      '2022-06-21',
      [{ field: 'validFrom', reason: 'unparseable' }],
    ],
    [
      'an invalid validTo',
      '2016-06-21',
      '2022-13-01',
      '2016-06-21',
      '',
      [{ field: 'validTo', reason: 'unparseable' }],
    ],
    [
      'garbage in validTo',
      '2016-06-21',
      '至今',
      '2016-06-21',
      '',
      [{ field: 'validTo', reason: 'unparseable' }],
    ],
    ['a period without validFrom', '', '6年', '', '', [{ field: 'validTo', reason: 'period-without-start' }]],
    [
      'a period with an unreadable validFrom',
      'yesterday',
      '10年',
      '',
      '',
      [
        { field: 'validFrom', reason: 'unparseable' },
        { field: 'validTo', reason: 'period-without-start' },
      ],
    ],
  ])('reports %s', (_label, from, to, validFrom, validTo, problems) => {
    const result = parseValidity(from, to);
    expect(result).toMatchObject({ validFrom, validTo, problems });
  });

  it('keeps the validity text trimmed but otherwise as given', () => {
    expect(parseValidity('2016-06-21', '  ６年 ').validPeriodRaw).toBe('６年');
  });
});

describe('parsePeriodYears', () => {
  it.each([
    ['6年', 6],
    ['10年', 10],
    ['六年', 6],
    ['十年', 10],
    ['十二年', 12],
    ['二十年', 20],
    ['两年', 2],
    ['６年', 6],
  ])('reads %s as %i years', (text, years) => {
    expect(parsePeriodYears(text)).toBe(years);
  });

  it.each(['6', '年', '0年', '100年', '六七年', '长期', '2022-06-21', '十十年', ''])(
    'returns null for %j',
    (text) => {
      expect(parsePeriodYears(text)).toBeNull();
    },
  );
});
