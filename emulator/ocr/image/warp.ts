import type { Quad } from './geometry';
import { type Homography, rectToQuad } from './homography';
import { createRgbImage, type RgbImage } from './RgbImage';

/**
 * A `width` x `height` image whose pixel (x, y) is `source` sampled (bilinear) where `outToSource`
 * maps it. Inverse mapping, so every output pixel is filled exactly once.
 */
export function warpHomography(
  source: RgbImage,
  outToSource: Homography,
  width: number,
  height: number,
): RgbImage {
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = outToSource;
  const out = createRgbImage(width, height);
  const { data: src, width: sw, height: sh } = source;
  const dst = out.data;
  // Bilinear sampling inlined: this loop runs over a million pixels per card.
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const w = h6 * x + h7 * y + h8;
      const fx = Math.min(Math.max((h0 * x + h1 * y + h2) / w, 0), sw - 1);
      const fy = Math.min(Math.max((h3 * x + h4 * y + h5) / w, 0), sh - 1);
      const x0 = fx | 0;
      const y0 = fy | 0;
      const x1 = x0 + 1 < sw ? x0 + 1 : x0;
      const y1 = y0 + 1 < sh ? y0 + 1 : y0;
      const ax = fx - x0;
      const ay = fy - y0;
      const a = (y0 * sw + x0) * 3;
      const b = (y0 * sw + x1) * 3;
      const c = (y1 * sw + x0) * 3;
      const d = (y1 * sw + x1) * 3;
      const o = (y * width + x) * 3;
      for (let k = 0; k < 3; k++) {
        const top = src[a + k]! + (src[b + k]! - src[a + k]!) * ax;
        const bottom = src[c + k]! + (src[d + k]! - src[c + k]!) * ax;
        dst[o + k] = top + (bottom - top) * ay + 0.5;
      }
    }
  }
  return out;
}

/** Warps the quadrilateral `quad` of `image` to a flat `width` x `height` image. */
export function warpQuad(image: RgbImage, quad: Quad, width: number, height: number): RgbImage {
  return warpHomography(image, rectToQuad(quad, width, height), width, height);
}
