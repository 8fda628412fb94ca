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

  /** White light added from column x0 on, rising to `strength` of what is left to white at x1 (glare falls off smoothly). */
  function glare(image: RgbImage, x0: number, x1: number, strength: number): RgbImage {
    const out = { ...image, data: image.data.slice() };
    for (let y = 0; y < image.height; y++)
      for (let x = x0; x < image.width; x++) {
        const s = strength * Math.min(1, (x - x0) / (x1 - x0));
        for (let c = 0; c < 3; c++) {
          const i = (y * image.width + x) * 3 + c;
          out.data[i] = Math.round(out.data[i]! + (255 - out.data[i]!) * s);
        }
      }
    return out;
  }

  it('finds print under glare as well as beside it, measuring the paper around each column', () => {
    // Glare that leaves the print under it lighter than the plain paper beside it.
    const lit = glare(
      band(
        140,
        [
          [10, 20],
          [100, 110],
        ],
        30,
        150,
      ),
      40,
      90,
      0.8,
    );
    expect(inkRuns(lit, 3, 20)).toEqual([
      [10, 20],
      [100, 110],
    ]);
  });

  it('takes no single dark pixels for print (noise), only strokes a few pixels tall', () => {
    const noisy = band(60, [[30, 40]]);
    for (const [x, y] of [
      [5, 3],
      [5, 12],
      [12, 17],
      [50, 8],
    ] as const)
      noisy.data.set([30, 30, 30], (y * 60 + x) * 3);
    expect(inkRuns(noisy, 2)).toEqual([[30, 40]]);
  });
});
