import { boxBlur } from './boxBlur';
import { createRgbImage, type RgbImage } from './RgbImage';

/**
 * The card as grey from its red channel: black print stays dark while red seal ink fades into the
 * (green) paper, so the seal does not garble the fields it touches.
 */
export function printInk(image: RgbImage): RgbImage {
  return fromPlane(
    Float32Array.from({ length: image.width * image.height }, (_, i) => image.data[i * 3] ?? 0),
    image.width,
    image.height,
  );
}

/**
 * Print against the local paper level, stretched to full range: each pixel of the red channel
 * divided by the paper around it (a blurred upper envelope), so glare and shadow over part of a
 * value no longer set the contrast for all of it. For re-reading one region.
 */
export function evenedInk(image: RgbImage): RgbImage {
  const { width, height } = image;
  const red = Float32Array.from({ length: width * height }, (_, i) => image.data[i * 3] ?? 0);
  const radius = Math.max(2, Math.round(height / 2));
  // Upper envelope: the blurred image lifted towards its brightest neighbourhood (paper).
  const paper = boxBlur(
    maxFilter(red, width, height, Math.max(1, Math.round(height / 4))),
    width,
    height,
    radius,
  );
  const ratio = red.map((v, i) => Math.min(1.2, v / Math.max(8, paper[i] ?? 255)));
  const sorted = Float32Array.from(ratio).sort();
  const dark = sorted[Math.floor(sorted.length * 0.02)] ?? 0;
  const light = sorted[Math.floor(sorted.length * 0.9)] ?? 1;
  const span = Math.max(0.05, light - dark);
  return fromPlane(
    ratio.map((v) => Math.max(0, Math.min(255, ((v - dark) / span) * 255))),
    width,
    height,
  );
}

/**
 * Redness of each pixel against the paper: red minus the larger of green and blue, minus what the
 * paper itself shows (its median), so a pink or cream card is not all "seal". 0..255.
 */
export function redness(image: RgbImage): Float32Array {
  const n = image.width * image.height;
  const raw = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const r = image.data[i * 3] ?? 0;
    const g = image.data[i * 3 + 1] ?? 0;
    const b = image.data[i * 3 + 2] ?? 0;
    raw[i] = r - Math.max(g, b);
  }
  const sorted = Float32Array.from(raw).sort();
  const paper = sorted[Math.floor(n / 2)] ?? 0;
  return raw.map((v) => Math.max(0, v - Math.max(0, paper)));
}

/**
 * Red ink as black print on white paper, everything else white: what the recognizer needs to read
 * the seal's lines without the black labels and values beside them. Strokes come from the green
 * channel (red ink is dark there, at full resolution); which strokes are red comes from the
 * redness, blurred, because cameras and JPEG keep colour at half resolution or less. `strength`
 * is the redness that counts as full ink (the seal's own, measured by the caller).
 */
export function redInkAsPrint(image: RgbImage, strength: number): RgbImage {
  const { width, height } = image;
  const n = width * height;
  const mask = boxBlur(redness(image), width, height, Math.max(1, Math.round(Math.min(width, height) / 150)));
  const green = Float32Array.from({ length: n }, (_, i) => image.data[i * 3 + 1] ?? 0);
  const sorted = Float32Array.from(green).sort();
  const paper = sorted[Math.floor(n * 0.9)] ?? 255;
  const inked = green.filter((_, i) => (mask[i] ?? 0) > strength * 0.5).sort();
  const ink = inked[Math.floor(inked.length * 0.1)] ?? 0;
  const span = Math.max(20, paper - ink);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const red = Math.min(1, Math.max(0, ((mask[i] ?? 0) - strength * 0.15) / (strength * 0.35)));
    const dark = Math.min(1, Math.max(0, (paper - (green[i] ?? 0)) / span));
    out[i] = 255 * (1 - dark * red);
  }
  return fromPlane(out, width, height);
}

/** A grey RgbImage from a single plane of 0..255 values. */
export function fromPlane(plane: Float32Array, width: number, height: number): RgbImage {
  const out = createRgbImage(width, height);
  for (let i = 0; i < plane.length; i++) {
    const v = plane[i] ?? 0;
    out.data[i * 3] = v;
    out.data[i * 3 + 1] = v;
    out.data[i * 3 + 2] = v;
  }
  return out;
}

/** Separable running maximum of radius `r`. */
function maxFilter(plane: Float32Array, width: number, height: number, r: number): Float32Array {
  const tmp = new Float32Array(plane.length);
  const out = new Float32Array(plane.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let m = 0;
      for (let k = Math.max(0, x - r); k <= Math.min(width - 1, x + r); k++)
        m = Math.max(m, plane[y * width + k] ?? 0);
      tmp[y * width + x] = m;
    }
  }
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      let m = 0;
      for (let k = Math.max(0, y - r); k <= Math.min(height - 1, y + r); k++)
        m = Math.max(m, tmp[k * width + x] ?? 0);
      out[y * width + x] = m;
    }
  }
  return out;
}
