import type { Quad } from './geometry';
import { type Homography, rectToQuad } from './homography';
import { createRgbImage, type RgbImage, sampleBilinear } from './RgbImage';

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
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const w = h6 * x + h7 * y + h8;
      sampleBilinear(
        source,
        (h0 * x + h1 * y + h2) / w,
        (h3 * x + h4 * y + h5) / w,
        out.data,
        (y * width + x) * 3,
      );
    }
  }
  return out;
}

/** Warps the quadrilateral `quad` of `image` to a flat `width` x `height` image. */
export function warpQuad(image: RgbImage, quad: Quad, width: number, height: number): RgbImage {
  return warpHomography(image, rectToQuad(quad, width, height), width, height);
}
