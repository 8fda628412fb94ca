import { createRgbImage } from '../../../emulator/ocr/RgbImage';
import {
  CARD_HEIGHT,
  CARD_WIDTH,
  type CardReading,
  textQuad,
  wholeTextQuad,
} from '../../../emulator/ocr/readCard';
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

describe('wholeTextQuad', () => {
  /** A whole-photo reading: the photo (2400 px wide, as given) read at CARD_WIDTH. */
  const view = createRgbImage(2400, 1800);
  const whole = (xs: Array<[number, number]>, turned = false): CardReading => ({
    ...reading(xs, turned),
    found: false,
    card: createRgbImage(CARD_WIDTH, 900),
  });
  /** Lines spanning x 400-800 of the 1200 px reading: a third of the frame. */
  const SMALL: Array<[number, number]> = [
    [400, 450],
    [500, 800],
    [400, 450],
    [500, 720],
  ];

  it('returns null for a reading of an outline, or of text filling the frame', () => {
    expect(wholeTextQuad(view, { ...whole([[100, 300]]), found: true })).toBeNull();
    expect(
      wholeTextQuad(
        view,
        whole([
          [40, 200],
          [300, 1100],
          [40, 200],
          [300, 900],
        ]),
      ),
    ).toBeNull();
  });

  it('frames a licence around text in a small part of the frame, in the view pixels', () => {
    const quad = wholeTextQuad(view, whole(SMALL)) as Quad;
    const width = (800 - 400) / 0.8;
    expect(quad[0][0]).toBeCloseTo(2 * (400 - width * 0.06), 5);
    expect(quad[1][0]).toBeCloseTo(2 * (400 + width * 0.98), 5);
    // The card's height follows its aspect ratio, centred on the text.
    expect(quad[3][1] - quad[0][1]).toBeCloseTo((2 * 1.1 * width * CARD_HEIGHT) / CARD_WIDTH, 5);
  });

  it('maps the frame back when the view was read turned over', () => {
    const upright = wholeTextQuad(view, whole(SMALL)) as Quad;
    const turned = wholeTextQuad(view, whole(SMALL, true)) as Quad;
    expect(turned[0][0]).toBeCloseTo(2 * (CARD_WIDTH - 1) - upright[1][0], 5);
  });
});
