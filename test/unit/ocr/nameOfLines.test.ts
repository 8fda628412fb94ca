import { nameOfLines } from '../../../emulator/ocr/seal/nameOfLines';
import type { OnnxEngine } from '../../../emulator/ocr/text/OnnxEngine';
import { ctcMatrixOf } from './support/ctcMatrixOf';

// A stand-in engine whose dictionary holds the characters these stamps and their neighbours print.
const ALPHABET = [...new Set('湖南省长沙市公安局交通警察支队有效期限单元栋出超河北石家庄承德0123456789')];
const engine = {
  classesOf: (text: string) => {
    const classes = [...text].map((c) => ALPHABET.indexOf(c) + 1);
    return classes.every((c) => c > 0) ? classes : null;
  },
} as unknown as OnnxEngine;

/** A line read confidently as `text`: each character's step, then a blank. */
function read(text: string) {
  const classes = ALPHABET.length + 1;
  const rows: number[][] = [];
  for (const c of text) {
    const row = new Array<number>(classes).fill(0.001);
    row[ALPHABET.indexOf(c) + 1] = 0.95;
    const blank = new Array<number>(classes).fill(0.001);
    blank[0] = 0.95;
    rows.push(row, blank);
  }
  return { text, ctc: ctcMatrixOf(Float32Array.from(rows.flat()), rows.length, classes) };
}

describe('nameOfLines (the authority a stamp’s lines name)', () => {
  it.each([
    [
      'three lines read as printed',
      ['湖南省长沙市', '公安局交通', '警察支队'],
      '湖南省长沙市公安局交通警察支队',
    ],
    [
      'the 有效期限 label read as a fourth line below the stamp',
      ['湖南省长沙市', '公安局交通', '警察支队', '有效期限2023'],
      '湖南省长沙市公安局交通警察支队',
    ],
    [
      'the address’s last line read above the stamp',
      ['1单元702', '河北省石家庄', '市公安局交通', '警察支队'],
      '河北省石家庄市公安局交通警察支队',
    ],
  ])('names the authority from %s', (_, lines, expected) =>
    expect(nameOfLines(engine, lines.map(read))).toBe(expected),
  );

  it('names no listed authority where a line of the name was lost', () => {
    expect(nameOfLines(engine, ['河北省承德', '市', '通警察支队'].map(read))).not.toBe(
      '河北省承德市公安局交通警察支队',
    );
  });
});
