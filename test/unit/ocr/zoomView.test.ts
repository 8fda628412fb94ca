import { textRegion, zoomView } from '../../../emulator/ocr/card/readView';
import type { Box } from '../../../emulator/ocr/image/geometry';
import { applyHomography, type Homography, scaling } from '../../../emulator/ocr/image/homography';
import { createRgbImage } from '../../../emulator/ocr/image/RgbImage';

const WORK = { width: 1280, height: 960 };
const box = (x0: number, y0: number, x1: number, y1: number): Box => ({ x0, y0, x1, y1 });

describe('textRegion (where the whole photo found its text)', () => {
  it('takes the boxes of a card a fifth of the frame, with a margin of 15 % of their extent', () => {
    const boxes = [box(700, 120, 900, 140), box(700, 200, 880, 215), box(720, 240, 860, 260)];
    const region = textRegion(
      { boxes, view: { kind: 'photo', image: createRgbImage(1, 1), toWork: scaling(1) } },
      WORK,
    );
    // 200 x 140 px of text: 30 px each way.
    expect(region).toEqual({ x0: 670, y0: 90, x1: 930, y1: 290 });
  });

  it('maps the boxes of a view turned upside down back onto the work photo', () => {
    // A turned view's pixel (x, y) is the work photo's (w - 1 - x, h - 1 - y).
    const turned: Homography = [-1, 0, WORK.width - 1, 0, -1, WORK.height - 1, 0, 0, 1];
    const boxes = [
      box(WORK.width - 1 - 900, WORK.height - 1 - 260, WORK.width - 1 - 700, WORK.height - 1 - 120),
    ];
    const region = textRegion(
      { boxes, view: { kind: 'photo', image: createRgbImage(1, 1), toWork: turned } },
      WORK,
    );
    expect(region).toEqual({ x0: 670, y0: 90, x1: 930, y1: 290 });
  });

  it.each([
    ['text over most of the photo (nothing to enlarge)', [box(100, 100, 900, 140), box(150, 600, 700, 640)]],
    ['no text at all', []],
  ])('is none for %s', (_, boxes) => {
    expect(
      textRegion({ boxes, view: { kind: 'photo', image: createRgbImage(1, 1), toWork: scaling(1) } }, WORK),
    ).toBeNull();
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
