import {
  CAR_CLASSES,
  isValidCarClass,
  normalizeCarClass,
  parseCarClass,
} from '../../../src/domain/rules/carClass';

describe('isValidCarClass', () => {
  it.each(CAR_CLASSES.map((code) => [code]))('accepts the single class %s', (code) => {
    expect(isValidCarClass(code)).toBe(true);
  });

  it.each(['A2D', 'C1E', 'A1A2', 'B1D', 'A1A2D', 'B2E', 'C1D', 'A2E', 'DE', 'C2M', 'A3C1'])(
    'accepts the combination %s',
    (code) => {
      expect(isValidCarClass(code)).toBe(true);
    },
  );

  it.each([
    ['an empty string', ''],
    ['an unknown letter', 'G'],
    ['an unknown number', 'C7'],
    ['A without a number', 'A'],
    ['B3', 'B3'],
    ['a repeated class', 'C1C1'],
    ['a repeated one-letter class', 'DED'],
    ['lower case (callers normalize first)', 'c1'],
    ['a separator left in', 'C1/E'],
    ['trailing junk', 'C1E?'],
  ])('rejects %s', (_label, code) => {
    expect(isValidCarClass(code)).toBe(false);
  });
});

describe('parseCarClass', () => {
  it.each([
    ['C1', ['C1']],
    ['A2D', ['A2', 'D']],
    ['A1A2D', ['A1', 'A2', 'D']],
    ['DEF', ['D', 'E', 'F']],
  ])('splits %s into %j', (code, tokens) => {
    expect(parseCarClass(code)).toEqual(tokens);
  });

  it('returns null when a token is unknown', () => {
    expect(parseCarClass('C1X')).toBeNull();
  });
});

describe('normalizeCarClass', () => {
  it.each([
    ['keeps a clean class', 'C1', 'C1'],
    ['upper-cases', 'c1', 'C1'],
    ['trims and drops spaces', '  C 1  ', 'C1'],
    ['converts full-width letters and digits', 'Ｃ１', 'C1'],
    ['removes a slash between classes', 'C1/E', 'C1E'],
    ['removes an enumeration comma', 'C1、E', 'C1E'],
    ['removes a space between lower-case classes', 'c1 e', 'C1E'],
    ['removes commas and plus signs', 'A2,D+E', 'A2DE'],
    ['removes a full-width slash', 'C1／E', 'C1E'],
    ['reads I after C as 1', 'CI', 'C1'],
    ['reads l after A as 1 with a separator', 'Al/A2', 'A1A2'],
    ['keeps an unknown class cleaned but unchanged', 'X9', 'X9'],
    ['keeps separators when removing them does not help', 'C1/Z', 'C1/Z'],
    ['keeps a repeated class as is', 'C1/C1', 'C1/C1'],
  ])('%s (%j -> %j)', (_label, raw, expected) => {
    expect(normalizeCarClass(raw)).toBe(expected);
  });
});
