import { textRegion, zoomView } from '../../../emulator/ocr/card/readView';
import type { Box } from '../../../emulator/ocr/image/geometry';
import { applyHomography, type Homography, scaling } from '../../../emulator/ocr/image/homography';
import { createRgbImage } from '../../../emulator/ocr/image/RgbImage';

const WORK = { width: 1280, height: 960 };
const box = (x0: number, y0: number, x1: number, y1: number): Box => ({ x0, y0, x1, y1 });

const inPhoto = (boxes: Box[], toWork: Homography = scaling(1)) => ({
  boxes,
  view: { kind: 'photo' as const, image: createRgbImage(1, 1), toWork },
});

/** A card's rows, a line's height or so apart. */
const CARD = [
  box(700, 120, 900, 140),
  box(700, 170, 880, 190),
  box(700, 205, 860, 225),
  box(720, 240, 860, 260),
];

describe('textRegion (where the whole photo found its text)', () => {
  it('takes the boxes of a card a fifth of the frame, with a margin of 15 % of their extent', () => {
    const boxes = CARD;
    // 200 x 140 px of text: 30 px each way.
    expect(textRegion(inPhoto(boxes), WORK)).toEqual({ x0: 670, y0: 90, x1: 930, y1: 290 });
  });

  it('maps the boxes of a view turned upside down back onto the work photo', () => {
    // A turned view's pixel (x, y) is the work photo's (w - 1 - x, h - 1 - y).
    const turned: Homography = [-1, 0, WORK.width - 1, 0, -1, WORK.height - 1, 0, 0, 1];
    const flip = (b: Box) =>
      box(WORK.width - 1 - b.x1, WORK.height - 1 - b.y1, WORK.width - 1 - b.x0, WORK.height - 1 - b.y0);
    const boxes = CARD.map(flip);
    expect(textRegion(inPhoto(boxes, turned), WORK)).toEqual({ x0: 670, y0: 90, x1: 930, y1: 290 });
  });

  it('enlarges the card alone, not its 副页 beside it: the cluster with more text', () => {
    // Together they span 700 of 1280 px (under 1.5 times enlarged); the card alone can be.
    const card = [
      box(100, 400, 380, 430),
      box(100, 440, 300, 460),
      box(100, 470, 360, 490),
      box(100, 500, 340, 520),
    ];
    const backPage = [box(500, 400, 800, 425), box(520, 440, 700, 455), box(520, 470, 640, 485)];
    expect(textRegion(inPhoto([...backPage, ...card]), WORK)).toEqual({ x0: 58, y0: 358, x1: 422, y1: 562 });
  });

  it('leaves out a stray box far from the card (fewer than three boxes are no card)', () => {
    expect(textRegion(inPhoto([...CARD, box(40, 900, 90, 915)]), WORK)).toEqual({
      x0: 670,
      y0: 90,
      x1: 930,
      y1: 290,
    });
  });

  it.each([
    [
      'text over most of the photo (nothing to enlarge)',
      [box(100, 100, 900, 140), box(100, 160, 900, 200), box(150, 600, 700, 640), box(150, 220, 700, 580)],
    ],
    ['two lone boxes', [box(100, 100, 900, 140), box(150, 600, 700, 640)]],
    ['no text at all', []],
  ])('is none for %s', (_, boxes) => {
    expect(textRegion(inPhoto(boxes), WORK)).toBeNull();
  });
});

describe('zoomView', () => {
  it('enlarges the region to the long side asked, and maps its pixels back onto the work photo', () => {
    const work = createRgbImage(320, 240);
    const source = createRgbImage(512, 384);
    const view = zoomView({ work, source }, { x0: 160, y0: 20, x1: 230, y1: 70 }, 320);
    expect([view.image.width, view.image.height]).toEqual([320, 229]);
    const [x, y] = applyHomography(view.toWork, [319, 228]);
    expect(x).toBeCloseTo(230, 0);
    expect(y).toBeCloseTo(70, 0);
  });
});
