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
  const out = createRgbImage(width, height);
  const sx = image.width / width;
  const sy = image.height / height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      sampleBilinear(image, (x + 0.5) * sx - 0.5, (y + 0.5) * sy - 0.5, out.data, (y * width + x) * 3);
    }
  }
  return out;
}

/** Writes the bilinear sample of `image` at (x, y) into out[o..o+2]; outside pixels are clamped. */
export function sampleBilinear(image: RgbImage, x: number, y: number, out: Uint8Array, o: number): void {
  const { data, width, height } = image;
  const cx = Math.min(Math.max(x, 0), width - 1);
  const cy = Math.min(Math.max(y, 0), height - 1);
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(x0 + 1, width - 1);
  const y1 = Math.min(y0 + 1, height - 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const a = (y0 * width + x0) * 3;
  const b = (y0 * width + x1) * 3;
  const c = (y1 * width + x0) * 3;
  const d = (y1 * width + x1) * 3;
  for (let k = 0; k < 3; k++) {
    const top = (data[a + k] ?? 0) * (1 - fx) + (data[b + k] ?? 0) * fx;
    const bottom = (data[c + k] ?? 0) * (1 - fx) + (data[d + k] ?? 0) * fx;
    out[o + k] = top * (1 - fy) + bottom * fy;
  }
}
