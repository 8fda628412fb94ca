import { createRgbImage } from '../../../emulator/ocr/RgbImage';
import { CARD_HEIGHT, CARD_WIDTH, type CardReading, textQuad } from '../../../emulator/ocr/readCard';
import type { Quad } from '../../../emulator/ocr/warpPerspective';

/** An outline twice the card's size in the photo, so card pixels map to photo pixels x2. */
const QUAD: Quad = [
  [0, 0],
  [2 * (CARD_WIDTH - 1), 0],
  [2 * (CARD_WIDTH - 1), 2 * (CARD_HEIGHT - 1)],
  [0, 2 * (CARD_HEIGHT - 1)],
];

function reading(xs: Array<[number, number]>, turned = false): CardReading {
  return {
    card: createRgbImage(1, 1),
    found: true,
    turned,
    lines: xs.map(([x0, x1], i) => ({
      text: '值',
      confidence: 0.9,
      box: { x0, y0: 200 + 80 * i, x1, y1: 240 + 80 * i },
    })),
  };
}

describe('textQuad', () => {
  it('returns null when the lines span the card as a licence does', () => {
    expect(
      textQuad(
        QUAD,
        reading([
          [45, 120],
          [300, 1020],
          [50, 130],
          [300, 700],
        ]),
      ),
    ).toBeNull();
  });

  it('cuts off paper right of the text (a sheet beside the card inside the outline)', () => {
    const quad = textQuad(
      QUAD,
      reading([
        [45, 120],
        [200, 700],
        [50, 130],
        [200, 600],
      ]),
    );
    expect(quad).not.toBeNull();
    const [tl, tr] = quad as Quad;
    expect(tl[0]).toBeCloseTo(0, 0);
    expect(tr[0]).toBeCloseTo(2 * (700 + CARD_WIDTH * 0.08), 0);
  });

  it('maps the cut to the warped side when the card was read turned over', () => {
    const [tl, tr] = textQuad(
      QUAD,
      reading(
        [
          [45, 120],
          [200, 700],
          [50, 130],
          [200, 600],
        ],
        true,
      ),
    ) as Quad;
    expect(tl[0]).toBeCloseTo(2 * (CARD_WIDTH - 700 - CARD_WIDTH * 0.08), 0);
    expect(tr[0]).toBeCloseTo(2 * CARD_WIDTH, 0);
  });
});
