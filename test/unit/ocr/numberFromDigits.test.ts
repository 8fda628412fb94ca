import { numberFromDigits } from '../../../emulator/ocr/fields/numberFromDigits';

describe('numberFromDigits (a number that lost digits, with the birth date read)', () => {
  it.each([
    [
      'takes the birth date’s digits where the reading lost them',
      '110105409077543',
      '1974-09-07',
      false,
      '110105197409077543',
    ],
    [
      'reads blurred digits (#) of the birth date from it and one of the area code by the check',
      '11010#1#7#04309257',
      '1976-04-30',
      false,
      '110108197604309257',
    ],
    [
      'reads slashed zeros where the reading has an 8 for the birth date’s 0',
      '338186198489037981',
      '1984-09-03',
      false,
      '330106198409037981',
    ],
    [
      'reads lost digits and slashed zeros together',
      '338106199#525',
      '1992-11-16',
      true,
      '330106199211164525',
    ],
    [
      // 430184197806184246 passes the check too, but 430184 is no county.
      'reads the birth date’s slashed zero too, the area code choosing between two that pass the check',
      '438184197886184246',
      '1978-06-18',
      false,
      '430104197006184246',
    ],
    [
      'reads slashed zeros where the area code as read names no prefecture',
      '338106199#525',
      '1992-11-16',
      false,
      '330106199211164525',
    ],
  ])('%s', (_, read, birth, slashed, expected) =>
    expect(numberFromDigits(read, birth, slashed)).toBe(expected),
  );

  it.each([
    ['too few digits to place', '55', '2000-09-25', false],
    [
      'a lost digit of the area code (its digits shift onto a county that does not exist)',
      '11015197409077543',
      '1974-09-07',
      false,
    ],
    [
      'digits between the area code and the last four that are not the birth date’s',
      '110105197509077543',
      '1974-09-07',
      false,
    ],
    [
      'three blurred digits outside the birth date (the check settles one)',
      '1#0#05197409077#43',
      '1974-09-07',
      false,
    ],
    [
      'an 8 of a possible area code where nothing shows the face slashes its zeros',
      '110185197409077543',
      '1974-09-07',
      false,
    ],
  ])('leaves the number empty for %s', (_, read, birth, slashed) =>
    expect(numberFromDigits(read, birth, slashed)).toBe(''),
  );
});
