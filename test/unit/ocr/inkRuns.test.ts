import { inkRuns } from '../../../emulator/ocr/image/inkMaps';
import { createRgbImage, type RgbImage } from '../../../emulator/ocr/image/RgbImage';

/** A band 20 px high of green paper with black strokes over the columns [x0, x1), rows 5-15. */
function band(width: number, strokes: Array<[number, number]>, ink = 30, paper = 190): RgbImage {
  const image = createRgbImage(width, 20);
  for (let y = 0; y < 20; y++) {
    for (let x = 0; x < width; x++) {
      const dark = y >= 5 && y < 15 && strokes.some(([a, b]) => x >= a && x < b);
      image.data.set(dark ? [ink, ink, ink] : [paper, 230, paper], (y * width + x) * 3);
    }
  }
  return image;
}

describe('inkRuns', () => {
  it.each<[string, RgbImage, number, Array<[number, number]>]>([
    [
      'finds each run of print',
      band(100, [
        [10, 20],
        [50, 60],
      ]),
      3,
      [
        [10, 20],
        [50, 60],
      ],
    ],
    [
      'merges strokes parted by no more than `join` columns',
      band(100, [
        [10, 20],
        [23, 30],
      ]),
      3,
      [[10, 30]],
    ],
    [
      'keeps strokes apart past `join`',
      band(100, [
        [10, 20],
        [25, 30],
      ]),
      3,
      [
        [10, 20],
        [25, 30],
      ],
    ],
    ['finds nothing on bare paper', band(100, []), 3, []],
    ['finds nothing in faint marks (guilloche, not print)', band(100, [[10, 20]], 160), 3, []],
  ])('%s', (_, image, join, expected) => expect(inkRuns(image, join)).toEqual(expected));
});
