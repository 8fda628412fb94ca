import { bestSupported } from '../../../emulator/ocr/fields/bestSupported';
import { nameCandidates } from '../../../emulator/ocr/fields/name';
import { beginsWithSurname } from '../../../emulator/ocr/fields/surnames';
import type { OnnxEngine } from '../../../emulator/ocr/text/OnnxEngine';
import { ctcMatrixOf } from './support/ctcMatrixOf';

describe('beginsWithSurname', () => {
  it.each([
    ['白秀佳', true],
    ['宋梓', true],
    ['欧阳娜', true],
    ['自秀佳', false],
    ['市梓', false],
    ['', false],
  ])('%s -> %s', (name, expected) => expect(beginsWithSurname(name)).toBe(expected));
});

describe('nameCandidates', () => {
  const texts = (readings: string[]) => nameCandidates(readings).map((c) => c.text);

  it('offers every surname in place of a first character that is none', () => {
    expect(texts(['自秀佳'])).toEqual(expect.arrayContaining(['自秀佳', '白秀佳', '王秀佳']));
  });

  it.each([
    ['a name that begins with a surname', '白秀佳'],
    ['a minority name', '迪丽·依明'],
    ['a four-character name', '自秀佳丽'],
  ])('offers no respelling of %s', (_, name) => expect(texts([name])).toEqual([name]));

  it('drops readings that spell no name', () => {
    expect(texts(['白', '白秀佳'])).toEqual(['白秀佳']);
  });

  it.each([
    ['a province and a misread prefecture', '河北省秦皇乌', []],
    ['a municipality', '北京市朝阳', []],
    ['an autonomous region', '广西壮族自治区', []],
    ['beside the name read in its own row', '河北省秦皇|石建帅', ['石建帅']],
  ])('drops a reading of the address row: %s', (_, readings, expected) =>
    expect(texts(readings.split('|'))).toEqual(expected),
  );

  it.each(['江西', '江苏', '河北'])('keeps %s, a name that is also a province without its suffix', (name) =>
    expect(texts([name])).toContain(name),
  );
});

describe('a name read with the surname prior', () => {
  // Classes: 0 blank, then 白 自 秀 佳; the stand-in engine knows no other character.
  const alphabet = ['', '白', '自', '秀', '佳'];
  const engine = {
    classesOf: (text: string) => {
      const classes = [...text].map((c) => alphabet.indexOf(c));
      return classes.every((c) => c > 0) ? classes : null;
    },
  } as unknown as OnnxEngine;
  const read = (first: { 白: number; 自: number }) => {
    const ink = ctcMatrixOf(
      Float32Array.from(
        [
          [0.02, first.白, first.自, 0.01, 0.01],
          [0.96, 0.01, 0.01, 0.01, 0.01],
          [0.02, 0.01, 0.01, 0.95, 0.01],
          [0.96, 0.01, 0.01, 0.01, 0.01],
          [0.02, 0.01, 0.01, 0.01, 0.95],
        ].flat(),
      ),
      5,
      5,
      5,
    );
    return bestSupported(engine, [{ ctc: ink }], nameCandidates(['自秀佳']), 0)?.text;
  };

  it('takes the surname where the ink reads it about as well as its look-alike', () => {
    expect(read({ 白: 0.4, 自: 0.56 })).toBe('白秀佳');
  });

  it('keeps a first character the ink clearly shows, surname or not', () => {
    expect(read({ 白: 0.005, 自: 0.955 })).toBe('自秀佳');
  });
});
