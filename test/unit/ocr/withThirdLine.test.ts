import type { Box } from '../../../emulator/ocr/image/geometry';
import { withThirdLine } from '../../../emulator/ocr/seal/readSeal';

/** A stamp's inside `height` units tall; its lines 4 high at a pitch of 7 (rows at 1, 8 and 15 of 20). */
const inside = (height: number): Box => ({ x0: 0, y0: 0, x1: 20, y1: height });
const row = (y0: number): Box => ({ x0: 0, y0, x1: 20, y1: y0 + 4 });
const tops = (boxes: Box[]) => boxes.map((b) => b.y0);

describe('withThirdLine (two of the stamp’s three lines found)', () => {
  it.each<[string, number, number, number, number[]]>([
    ['adds the middle line between the first and the last', 1, 15, 20, [1, 8, 15]],
    ['adds the last line below two adjacent lines at their pitch', 1, 8, 20, [1, 8, 15]],
    ['adds the first line above two adjacent lines at their pitch', 8, 15, 20, [1, 8, 15]],
    ['adds nothing where the two lines leave no line’s height free', 2, 9, 16, [2, 9]],
  ])('%s', (_, a, b, height, expected) =>
    expect(tops(withThirdLine(row(a), row(b), inside(height)))).toEqual(expected),
  );
});
