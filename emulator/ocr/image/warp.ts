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
  // Bilinear sampling inlined: this loop runs over a million pixels per card. Each row's terms in y
  // are worked out once; the sums keep their order, so every pixel comes out as before.
  for (let y = 0; y < height; y++) {
    const ny = h1 * y;
    const my = h4 * y;
    const wy = h7 * y;
    let o = y * width * 3;
    for (let x = 0; x < width; x++, o += 3) {
      const w = h6 * x + wy + h8;
      const fx = Math.min(Math.max((h0 * x + ny + h2) / w, 0), sw - 1);
      const fy = Math.min(Math.max((h3 * x + my + h5) / w, 0), sh - 1);
      const x0 = fx | 0;
      const y0 = fy | 0;
      const dx = x0 + 1 < sw ? 3 : 0;
      const dy = y0 + 1 < sh ? sw * 3 : 0;
      const ax = fx - x0;
      const ay = fy - y0;
      const a = (y0 * sw + x0) * 3;
      const c = a + dy;
      for (let k = 0; k < 3; k++) {
        const top = src[a + k]! + (src[a + dx + k]! - src[a + k]!) * ax;
        const bottom = src[c + k]! + (src[c + dx + k]! - src[c + k]!) * ax;
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
