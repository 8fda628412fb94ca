import type { RgbImage } from './RgbImage';

/** Angles tried, up to this many degrees either way, one degree apart. */
const MAX_DEGREES = 20;
/** Dark thumbnail pixels needed to measure an angle at all. */
const MIN_INK = 50;
/** Side (px) of the grey thumbnail the angle is measured on. */
const THUMB = 300;

/**
 * The angle (radians, clockwise positive in image coordinates) at which the print of `image` runs:
 * rows of text make the ink's projection across them peaky when projected along their direction,
 * so the angle whose projection has the largest sum of squared bin counts wins (projection-profile
 * deskew). Dark pixels are those well below the thumbnail's median level.
 */
export function textSkew(image: RgbImage): number {
  const step = Math.max(1, Math.round(Math.max(image.width, image.height) / THUMB));
  const w = Math.floor(image.width / step);
  const h = Math.floor(image.height / step);
  const grey = new Float32Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) grey[y * w + x] = image.data[(y * step * image.width + x * step) * 3] ?? 0;
  const sorted = Float32Array.from(grey).sort();
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const dark = Math.max(0, median - 0.3 * (median - (sorted[Math.floor(sorted.length * 0.02)] ?? 0)) - 8);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let p = 0; p < grey.length; p++) {
    if ((grey[p] ?? 255) >= dark) continue;
    xs.push(p % w);
    ys.push(Math.floor(p / w));
  }
  // Too little print to measure: no angle.
  if (xs.length < MIN_INK) return 0;
  let best = { angle: 0, score: -1 };
  const bins = new Float64Array(2 * (w + h));
  for (let degrees = -MAX_DEGREES; degrees <= MAX_DEGREES; degrees++) {
    const tan = Math.tan((degrees * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < xs.length; i++) {
      const bin = Math.round((ys[i] ?? 0) - (xs[i] ?? 0) * tan) + w;
      bins[bin] = (bins[bin] ?? 0) + 1;
    }
    let score = 0;
    for (const count of bins) score += count * count;
    if (score > best.score) best = { angle: (degrees * Math.PI) / 180, score };
  }
  return best.angle;
}
