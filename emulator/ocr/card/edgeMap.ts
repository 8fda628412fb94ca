import type { RgbImage } from '../image/RgbImage';

/** Thin edges of a small copy of a photo, in that copy's pixel coordinates. */
export interface EdgeMap {
  width: number;
  height: number;
  /** Photo pixels per edge-map pixel. */
  scale: number;
  /** Gradient magnitude at edge pixels (after non-maximum suppression), 0 elsewhere. */
  strength: Float32Array;
  /** Gradient direction (radians, -pi..pi) at every pixel. */
  angle: Float32Array;
  /** Indices of edge pixels, strongest first is not guaranteed. */
  points: Int32Array;
}

/**
 * Colour edges of `image` shrunk to `size` on the long side: box-averaged downscale (which also
 * smooths paper texture and print), Sobel per channel keeping the channel with the largest
 * response (a light card on a light but differently tinted desk still has an edge), thinned by
 * non-maximum suppression along the gradient, and thresholded relative to the photo's strongest
 * edges so exposure does not matter.
 */
export function edgeMap(image: RgbImage, size: number): EdgeMap {
  const scale = Math.max(1, Math.max(image.width, image.height) / size);
  const w = Math.max(3, Math.floor(image.width / scale));
  const h = Math.max(3, Math.floor(image.height / scale));
  const small = new Float32Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    const sy0 = Math.floor(y * scale);
    const sy1 = Math.max(sy0 + 1, Math.min(image.height, Math.floor((y + 1) * scale)));
    for (let x = 0; x < w; x++) {
      const sx0 = Math.floor(x * scale);
      const sx1 = Math.max(sx0 + 1, Math.min(image.width, Math.floor((x + 1) * scale)));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let yy = sy0; yy < sy1; yy++) {
        let o = (yy * image.width + sx0) * 3;
        for (let xx = sx0; xx < sx1; xx++, o += 3) {
          r += image.data[o] ?? 0;
          g += image.data[o + 1] ?? 0;
          b += image.data[o + 2] ?? 0;
        }
      }
      const n = (sy1 - sy0) * (sx1 - sx0);
      const d = (y * w + x) * 3;
      small[d] = r / n;
      small[d + 1] = g / n;
      small[d + 2] = b / n;
    }
  }
  smoothNoise(small, w, h);
  const mag = new Float32Array(w * h);
  const angle = new Float32Array(w * h);
  const row = w * 3;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      let best = 0;
      let bgx = 0;
      let bgy = 0;
      const o = (y * w + x) * 3;
      for (let c = o; c < o + 3; c++) {
        const tl = small[c - row - 3] ?? 0;
        const tc = small[c - row] ?? 0;
        const tr = small[c - row + 3] ?? 0;
        const ml = small[c - 3] ?? 0;
        const mr = small[c + 3] ?? 0;
        const bl = small[c + row - 3] ?? 0;
        const bc = small[c + row] ?? 0;
        const br = small[c + row + 3] ?? 0;
        const gx = tr + 2 * mr + br - tl - 2 * ml - bl;
        const gy = bl + 2 * bc + br - tl - 2 * tc - tr;
        const m = gx * gx + gy * gy;
        if (m > best) {
          best = m;
          bgx = gx;
          bgy = gy;
        }
      }
      mag[y * w + x] = Math.sqrt(best);
      angle[y * w + x] = Math.atan2(bgy, bgx);
    }
  }
  // Threshold: a fraction of a high percentile, so a dim photo keeps its card edges.
  const sample: number[] = [];
  for (let i = 0; i < mag.length; i += 7) sample.push(mag[i] ?? 0);
  sample.sort((a, b) => a - b);
  const high = sample[Math.floor(sample.length * 0.98)] ?? 0;
  const threshold = Math.max(10, high * 0.12);
  const strength = new Float32Array(w * h);
  const points: number[] = [];
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const m = mag[i] ?? 0;
      if (m < threshold) continue;
      const a = angle[i] ?? 0;
      const dx = Math.round(Math.cos(a));
      const dy = Math.round(Math.sin(a));
      if (m < (mag[i + dy * w + dx] ?? 0) || m < (mag[i - dy * w - dx] ?? 0)) continue;
      strength[i] = m;
      points.push(i);
    }
  }
  return { width: w, height: h, scale, strength, angle, points: Int32Array.from(points) };
}

/**
 * Sensor noise of a dim photo (low light, high ISO) survives the box-averaged downscale: its
 * gradients then outnumber the card's edge pixels and break them up under non-maximum
 * suppression. The noise is estimated from neighbour differences (median absolute difference,
 * dominated by flat areas) and, when high, the copy is box-blurred until it is back to the level
 * of a well-lit photo.
 */
function smoothNoise(small: Float32Array, w: number, h: number): void {
  for (let pass = 0; pass < 3 && noiseLevel(small, w, h) > NOISY; pass++) boxBlur3(small, w, h);
}

/** Median absolute difference between horizontal neighbours (green channel), sampled. */
function noiseLevel(small: Float32Array, w: number, h: number): number {
  const diffs: number[] = [];
  for (let y = 1; y < h - 1; y += 3) {
    for (let x = 1; x < w - 1; x += 3) {
      const o = (y * w + x) * 3 + 1;
      diffs.push(Math.abs((small[o] ?? 0) - (small[o + 3] ?? 0)));
    }
  }
  diffs.sort((a, b) => a - b);
  return diffs[Math.floor(diffs.length / 2)] ?? 0;
}

/** Median neighbour difference above which the edge copy is smoothed. */
const NOISY = 2.5;

function boxBlur3(small: Float32Array, w: number, h: number): void {
  const copy = Float32Array.from(small);
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++) sum += copy[((y + dy) * w + x + dx) * 3 + c] ?? 0;
        small[(y * w + x) * 3 + c] = sum / 9;
      }
    }
  }
}
