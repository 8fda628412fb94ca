import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findCard, findCards } from '../../../emulator/ocr/card/findCards';
import { decodePhoto } from '../../../emulator/ocr/image/decodePhoto';
import type { Point, Quad } from '../../../emulator/ocr/image/geometry';
import { createRgbImage, type RgbImage } from '../../../emulator/ocr/image/RgbImage';

type Rgb = readonly [number, number, number];

/** Whether (x, y) lies inside the convex quadrilateral q (clockwise, y down). */
function inside(q: Quad, x: number, y: number): boolean {
  for (let i = 0; i < 4; i++) {
    const a = q[i] as Point;
    const b = q[(i + 1) % 4] as Point;
    if ((b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]) < 0) return false;
  }
  return true;
}

/**
 * Text-like print inside a card: rows of 14 px "characters" (a box with a bar, like 口 with a
 * stroke), words of 2 to 5 characters, rows 45 px apart, in the card's own frame.
 */
function printed(q: Quad, x: number, y: number): boolean {
  const [tl, tr, , bl] = q;
  const ux = tr[0] - tl[0];
  const uy = tr[1] - tl[1];
  const vx = bl[0] - tl[0];
  const vy = bl[1] - tl[1];
  const det = ux * vy - uy * vx;
  // Card-frame coordinates (affine approximation is enough for a test pattern).
  const u = (((x - tl[0]) * vy - (y - tl[1]) * vx) / det) * 440;
  const v = (((y - tl[1]) * ux - (x - tl[0]) * uy) / det) * 300;
  if (u < 30 || u > 400 || v < 30 || v > 280) return false;
  const row = v % 45;
  if (row > 14) return false;
  const col = u % 17;
  const char = Math.floor(u / 17);
  if (char % 6 === 5 || col > 14) return false; // word gaps and character spacing
  return col < 2 || col > 12 || row < 2 || row > 12 || (row > 6 && row < 8);
}

/** A photo: a background with a stripe pattern, filled quadrilaterals painted in order, and text-like dashes. */
function photo(
  width: number,
  height: number,
  background: Rgb,
  shapes: Array<{ quad: Quad; color: Rgb; print?: boolean }>,
): RgbImage {
  const image = createRgbImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let color: Rgb = background;
      // Wood-grain-like stripes: long straight background lines the finder must not take for the card.
      if (Math.floor(y / 37) % 2 === 0) color = [background[0] - 12, background[1] - 12, background[2] - 12];
      for (const s of shapes) {
        if (!inside(s.quad, x, y)) continue;
        color = s.color;
        if (s.print && printed(s.quad, x, y)) color = [40, 40, 40];
      }
      const o = (y * width + x) * 3;
      image.data[o] = color[0];
      image.data[o + 1] = color[1];
      image.data[o + 2] = color[2];
    }
  }
  return image;
}

function cornerError(found: Quad | null, truth: Quad): number {
  if (!found) return Number.POSITIVE_INFINITY;
  let best = Number.POSITIVE_INFINITY;
  // The card may be found upside down (the reader turns it), so compare both starting corners.
  for (const shift of [0, 2]) {
    let worst = 0;
    for (let i = 0; i < 4; i++) {
      const a = found[(i + shift) % 4] as Point;
      const b = truth[i] as Point;
      worst = Math.max(worst, Math.hypot(a[0] - b[0], a[1] - b[1]));
    }
    best = Math.min(best, worst);
  }
  return best;
}

const CARD: Quad = [
  [210, 150],
  [760, 110],
  [800, 500],
  [180, 470],
];

describe('findCard', () => {
  it.each([
    ['a light card on a dark striped desk', [60, 45, 30] as Rgb],
    ['a light card on a light, differently tinted desk', [200, 215, 190] as Rgb],
  ])('finds the corners of %s under perspective', (_, background) => {
    const image = photo(960, 640, background, [{ quad: CARD, color: [235, 232, 225], print: true }]);
    expect(cornerError(findCard(image), CARD)).toBeLessThan(8);
  });

  it('returns the printed card, not the clear sleeve around it', () => {
    const sleeve: Quad = [
      [190, 128],
      [782, 88],
      [824, 522],
      [158, 492],
    ];
    const image = photo(
      960,
      640,
      [50, 50, 60],
      [
        { quad: sleeve, color: [150, 150, 155] },
        { quad: CARD, color: [235, 232, 225], print: true },
      ],
    );
    expect(cornerError(findCard(image), CARD)).toBeLessThan(8);
  });

  it('prefers the printed card to a blank sheet of paper of the same shape', () => {
    const sheet: Quad = [
      [520, 300],
      [940, 300],
      [940, 620],
      [520, 620],
    ];
    const card: Quad = [
      [40, 40],
      [470, 40],
      [470, 330],
      [40, 330],
    ];
    const image = photo(
      960,
      640,
      [70, 90, 70],
      [
        { quad: sheet, color: [240, 238, 230] },
        { quad: card, color: [235, 232, 225], print: true },
      ],
    );
    expect(cornerError(findCard(image), card)).toBeLessThan(8);
    expect(findCards(image, 3).length).toBeGreaterThanOrEqual(1);
  });

  it('returns null for a photo without any card-like outline', () => {
    expect(findCard(photo(640, 480, [120, 110, 100], []))).toBeNull();
  });
});

/** Generated phone photos (1280 px) with the card's true corners, for the outline finder alone. */
const OUTLINES = path.join(__dirname, '../../fixtures/outlines');

describe('findCard on photos', () => {
  it.each([
    ['low-light-noisy', 'sensor noise of a dim photo outnumbers the card edges'],
    ['small-card-on-wood-grain', 'dozens of strong grain lines outvote a small laminated card'],
  ])('finds the card in %s (%s)', async (name) => {
    const truth = JSON.parse(readFileSync(path.join(OUTLINES, `${name}.json`), 'utf8')) as { cardQuad: Quad };
    const { work: photo } = await decodePhoto(readFileSync(path.join(OUTLINES, `${name}.jpg`)), {
      workSize: 1280,
      sourceSize: 1280,
    });
    // 2 % of the long side: the laminate's edge sits ~1 % outside the printed card.
    expect(cornerError(findCards(photo, 3)[0] ?? null, truth.cardQuad)).toBeLessThan(26);
  });
});
