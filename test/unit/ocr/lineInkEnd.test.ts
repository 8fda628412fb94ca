import { lineInkEnd } from '../../../emulator/ocr/fields/address';
import { FieldContext } from '../../../emulator/ocr/fields/FieldContext';
import { scaling } from '../../../emulator/ocr/image/homography';
import { createRgbImage } from '../../../emulator/ocr/image/RgbImage';
import { flattenCard } from '../../../emulator/ocr/layout/flattenCard';
import type { OnnxEngine } from '../../../emulator/ocr/text/OnnxEngine';

const PX = 10;
const REGION = { x0: 10, x1: 86, y0: 20.4, y1: 25.6, cy: 23 };

/** A flat card at 10 px/mm: green paper, and black print over [x0, x1) mm on the address row. */
function cardWith(print: Array<[number, number]>): FieldContext {
  const image = createRgbImage(88 * PX, 60 * PX);
  for (let y = 0; y < image.height; y++)
    for (let x = 0; x < image.width; x++) {
      const mm = x / PX;
      const inRow = y >= 21.8 * PX && y < 24.2 * PX;
      const dark = inRow && print.some(([a, b]) => mm >= a && mm < b);
      image.data.set(dark ? [30, 30, 30] : [190, 225, 195], (y * image.width + x) * 3);
    }
  const card = flattenCard(image, scaling(PX), PX);
  return new FieldContext(null as unknown as OnnxEngine, card, [], scaling(PX), [], 'new');
}

/** Characters 3 mm wide, 0.5 mm apart, from `from` to `to` mm: each three strokes 0.6 mm wide. */
const chars = (from: number, to: number): Array<[number, number]> =>
  Array.from({ length: Math.floor((to - from) / 3.5) }, (_, i) => from + i * 3.5).flatMap(
    (x): Array<[number, number]> => [
      [x, x + 0.6],
      [x + 1.2, x + 1.8],
      [x + 2.4, x + 3],
    ],
  );

describe('lineInkEnd (where an address line’s print ends)', () => {
  it.each<[string, Array<[number, number]>, number]>([
    ['follows the print past the last character the detector found', chars(10, 52), 51.5],
    ['stops at a gap wider than a character and a half', [...chars(10, 45), [60, 63]], 44.5],
    ['takes no speck for a character', [...chars(10, 45), [46, 46.3], [48, 48.3]], 44.5],
    ['is the last character found when no print follows', chars(10, 21), 20.5],
  ])('%s', (_, print, expected) =>
    expect(lineInkEnd(cardWith(print), REGION, 23, 20.5)).toBeCloseTo(expected, 0),
  );
});
