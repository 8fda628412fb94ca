import {
  asDate,
  dateGrammar,
  idGrammar,
  LATEST_YEAR,
  periodGrammar,
} from '../../../emulator/ocr/fields/grammars';
import { decodeWithGrammar } from '../../../emulator/ocr/text/decodeWithGrammar';
import { DICT, line, sure } from './support/ctcLine';

describe('decodeWithGrammar', () => {
  it('reads a slashed zero taken for an 8 as the 0 a date needs', () => {
    // 2018-08-05 read as 2818-08-85: the 8s where a 0 must be have a 0 as their runner-up.
    const m = line([
      { 2: 0.97 },
      { 8: 0.6, 0: 0.35 },
      { 1: 0.97 },
      { 8: 0.97 },
      { '-': 0.97 },
      { 0: 0.97 },
      { 8: 0.97 },
      { '-': 0.97 },
      { 8: 0.6, 0: 0.35 },
      { 5: 0.97 },
    ]);
    expect(decodeWithGrammar(m, DICT, dateGrammar(1950, 2050)).map((r) => asDate(r.text))[0]).toBe(
      '2018-08-05',
    );
  });

  it('finds nothing when no reading the ink allows is a date', () => {
    expect(decodeWithGrammar(line(sure('99-99')), DICT, dateGrammar(1950, 2050))).toEqual([]);
  });

  it('settles a misread end of the validity by the cycle (B = A + 6 or 10 years)', () => {
    const m = line([...sure('2015-06-18至202'), { 7: 0.55, 1: 0.4 }, ...sure('-06-18')]);
    expect(decodeWithGrammar(m, DICT, periodGrammar())[0]?.text).toBe('2015-06-18至2021-06-18');
  });

  it('reads a licence number only with a check character that holds', () => {
    const m = line([...sure('15040219990222312'), { 3: 0.6, 2: 0.35 }]);
    expect(decodeWithGrammar(m, DICT, idGrammar())[0]?.text).toBe('150402199902223122');
  });

  describe('a face that slashes its zeros (8 may stand for 0)', () => {
    const slashed = { also: (c: string) => (c === '8' ? ['0'] : []), width: 96 };
    // 150402199902223122 printed with slashed zeros: every 0 read as a sure 8, 0 not even a runner-up.
    const number = line(sure('158482199982223122'));

    it('finds no number in such a reading without the 8s as 0s', () => {
      expect(decodeWithGrammar(number, DICT, idGrammar())).toEqual([]);
    });

    it('reads the one number the check character allows once each 8 may be a 0', () => {
      const readings = decodeWithGrammar(number, DICT, idGrammar(), slashed);
      expect(readings[0]?.text).toBe('150402199902223122');
    });

    it('ties the readings that differ only in which 8 is a 0: the grammar cannot choose', () => {
      const readings = decodeWithGrammar(line(sure('2888-88-18')), DICT, dateGrammar(1950, 2050), slashed);
      const logp = (date: string) => readings.find((r) => asDate(r.text) === date)?.logp;
      expect(logp('2008-08-18')).toBeDefined();
      // Far inside readByGrammar's 1-nat margin: such a date is left unread.
      expect(logp('2000-08-10')).toBeCloseTo(logp('2008-08-18') ?? 0, 1);
    });
  });
});

describe('periodGrammar (有效期限 A至B)', () => {
  const period = (from: number, to: number) => `${from}-10-31至${to}-10-31`;
  it.each([
    ['a validity begun this year', period(LATEST_YEAR, LATEST_YEAR + 6), true],
    ['a validity of ten years', period(2019, 2029), true],
    [
      'a validity that begins after this year (2019 read as 2029)',
      period(LATEST_YEAR + 3, LATEST_YEAR + 13),
      false,
    ],
    ['a validity of five years', period(2019, 2024), false],
  ])('%s (%s) is a period: %s', (_, text, expected) => expect(periodGrammar().complete(text)).toBe(expected));
});
