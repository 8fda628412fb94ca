import { createRgbImage, type RgbImage, sampleBilinear } from './RgbImage';

export type Point = readonly [number, number];
/** Corners clockwise from the card's top-left: tl, tr, br, bl. */
export type Quad = readonly [Point, Point, Point, Point];

/**
 * The 3x3 homography (row-major, h33 = 1) mapping each `from` corner onto the matching `to`
 * corner, from the standard 8x8 linear system solved by Gaussian elimination.
 */
export function homography(from: Quad, to: Quad): number[] {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i] as Point;
    const [u, v] = to[i] as Point;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let r = col + 1; r < 8; r++)
      if (Math.abs(row(a, r)[col] ?? 0) > Math.abs(row(a, pivot)[col] ?? 0)) pivot = r;
    [a[col], a[pivot]] = [row(a, pivot), row(a, col)];
    const p = row(a, col);
    const pv = p[col] ?? 0;
    if (Math.abs(pv) < 1e-12) throw new Error('degenerate quadrilateral');
    for (let r = 0; r < 8; r++) {
      if (r === col) continue;
      const q = row(a, r);
      const f = (q[col] ?? 0) / pv;
      if (f === 0) continue;
      for (let k = col; k < 9; k++) q[k] = (q[k] ?? 0) - f * (p[k] ?? 0);
    }
  }
  const h = a.map((r, i) => (r[8] ?? 0) / (r[i] ?? 1));
  h.push(1);
  return h;
}

function row(a: number[][], r: number): number[] {
  const found = a[r];
  if (!found) throw new Error(`row ${r} missing`);
  return found;
}

type Homography = [number, number, number, number, number, number, number, number, number];

/** The homography taking the flat `width` x `height` rectangle's pixels to where they lie in `quad`. */
export function rectToQuad(quad: Quad, width: number, height: number): Homography {
  const rect: Quad = [
    [0, 0],
    [width - 1, 0],
    [width - 1, height - 1],
    [0, height - 1],
  ];
  return homography(rect, quad) as Homography;
}

/** Warps the quadrilateral `quad` of `image` to a flat `width` x `height` image. */
export function warpPerspective(image: RgbImage, quad: Quad, width: number, height: number): RgbImage {
  // Inverse mapping: for every output pixel, where it comes from in the source.
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = rectToQuad(quad, width, height);
  const out = createRgbImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const w = h6 * x + h7 * y + h8;
      sampleBilinear(
        image,
        (h0 * x + h1 * y + h2) / w,
        (h3 * x + h4 * y + h5) / w,
        out.data,
        (y * width + x) * 3,
      );
    }
  }
  return out;
}
