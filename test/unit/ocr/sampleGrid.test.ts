import { createRgbImage, resizeRgb, sampleGrid } from '../../../emulator/ocr/image/RgbImage';

/** Bilinear sampling worked out per pixel, the way the grid's weights must reproduce. */
function sampleOne(image: ReturnType<typeof createRgbImage>, x: number, y: number): number[] {
  const cx = Math.min(Math.max(x, 0), image.width - 1);
  const cy = Math.min(Math.max(y, 0), image.height - 1);
  const [x0, y0] = [Math.floor(cx), Math.floor(cy)];
  const [x1, y1] = [Math.min(x0 + 1, image.width - 1), Math.min(y0 + 1, image.height - 1)];
  const at = (px: number, py: number, k: number) => image.data[(py * image.width + px) * 3 + k] as number;
  return [0, 1, 2].map((k) => {
    const top = at(x0, y0, k) * (1 - (cx - x0)) + at(x1, y0, k) * (cx - x0);
    const bottom = at(x0, y1, k) * (1 - (cx - x0)) + at(x1, y1, k) * (cx - x0);
    return Math.trunc(top * (1 - (cy - y0)) + bottom * (cy - y0));
  });
}

/** A 7 x 5 image whose bytes vary in every channel and direction. */
function ramp() {
  const image = createRgbImage(7, 5);
  image.data.forEach((_, i) => {
    image.data[i] = (i * 37 + (i % 3) * 90) % 256;
  });
  return image;
}

describe('sampleGrid', () => {
  it.each([
    ['between pixels', [0.25, 1.5, 3.75, 5.9], [0.1, 2.5, 3.99]],
    ['outside the image, clamped to its edge', [-3, -0.4, 6.2, 40], [-1, 4.5, 9]],
    ['on pixel centres, their own values', [0, 3, 6], [0, 4]],
  ])('samples each grid point as bilinear sampling of that point would: %s', (_, xs, ys) => {
    const image = ramp();
    const grid = sampleGrid(image, xs, ys);
    expect([grid.width, grid.height]).toEqual([xs.length, ys.length]);
    ys.forEach((y, j) => {
      xs.forEach((x, i) => {
        const o = (j * xs.length + i) * 3;
        expect([...grid.data.subarray(o, o + 3)]).toEqual(sampleOne(image, x, y));
      });
    });
  });

  it('resizes to a pixel grid whose samples sit at the new pixels centres', () => {
    const image = ramp();
    const half = resizeRgb(image, 3, 2);
    expect([half.width, half.height]).toEqual([3, 2]);
    // Column 1 of 3 over 7 px is centred at x = (1.5 * 7/3) - 0.5 = 3; row 0 of 2 over 5 px at y = 0.75.
    expect([...half.data.subarray(3, 6)]).toEqual(sampleOne(image, 3, 0.75));
  });
});
