/** A packed 8-bit RGB raster (3 bytes per pixel, row-major). */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export function createRgbImage(width: number, height: number): RgbImage {
  return { data: new Uint8Array(width * height * 3), width, height };
}

/** The image turned by 180 degrees. */
export function rotate180(image: RgbImage): RgbImage {
  const out = createRgbImage(image.width, image.height);
  const n = image.width * image.height;
  for (let i = 0; i < n; i++) {
    const j = (n - 1 - i) * 3;
    out.data[i * 3] = image.data[j] ?? 0;
    out.data[i * 3 + 1] = image.data[j + 1] ?? 0;
    out.data[i * 3 + 2] = image.data[j + 2] ?? 0;
  }
  return out;
}

/** The image turned by 90 degrees clockwise. */
export function rotate90(image: RgbImage): RgbImage {
  const { width: w, height: h } = image;
  const out = createRgbImage(h, w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const s = (y * w + x) * 3;
      const d = (x * h + (h - 1 - y)) * 3;
      out.data[d] = image.data[s] ?? 0;
      out.data[d + 1] = image.data[s + 1] ?? 0;
      out.data[d + 2] = image.data[s + 2] ?? 0;
    }
  }
  return out;
}

/** Bilinear resample of the whole image to `width` x `height`. */
export function resizeRgb(image: RgbImage, width: number, height: number): RgbImage {
  const sx = image.width / width;
  const sy = image.height / height;
  return sampleGrid(
    image,
    Float64Array.from({ length: width }, (_, x) => (x + 0.5) * sx - 0.5),
    Float64Array.from({ length: height }, (_, y) => (y + 0.5) * sy - 0.5),
  );
}

/**
 * The image sampled (bilinear; outside points clamped to the edge) at every (xs[i], ys[j]): a grid's
 * columns and rows share their weights, so each is worked out once rather than per pixel.
 */
export function sampleGrid(image: RgbImage, xs: ArrayLike<number>, ys: ArrayLike<number>): RgbImage {
  const { data, width, height } = image;
  const out = createRgbImage(xs.length, ys.length);
  const left = new Int32Array(xs.length);
  const right = new Int32Array(xs.length);
  const fxs = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const cx = Math.min(Math.max(xs[i] as number, 0), width - 1);
    const x0 = Math.floor(cx);
    left[i] = x0 * 3;
    right[i] = Math.min(x0 + 1, width - 1) * 3;
    fxs[i] = cx - x0;
  }
  let o = 0;
  for (let j = 0; j < ys.length; j++) {
    const cy = Math.min(Math.max(ys[j] as number, 0), height - 1);
    const y0 = Math.floor(cy);
    const upper = y0 * width * 3;
    const lower = Math.min(y0 + 1, height - 1) * width * 3;
    const fy = cy - y0;
    for (let i = 0; i < xs.length; i++, o += 3) {
      const fx = fxs[i] as number;
      const a = upper + (left[i] as number);
      const b = upper + (right[i] as number);
      const c = lower + (left[i] as number);
      const d = lower + (right[i] as number);
      for (let k = 0; k < 3; k++) {
        const top = (data[a + k] as number) * (1 - fx) + (data[b + k] as number) * fx;
        const bottom = (data[c + k] as number) * (1 - fx) + (data[d + k] as number) * fx;
        out.data[o + k] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return out;
}
