import { boxBlur } from './boxBlur';
import { createRgbImage, type RgbImage } from './RgbImage';

/**
 * The card as grey from its red channel: black print stays dark while red seal ink fades into the
 * (green) paper, so the seal does not garble the fields it touches.
 */
export function printInk(image: RgbImage): RgbImage {
  const out = createRgbImage(image.width, image.height);
  const src = image.data;
  const dst = out.data;
  for (let i = 0; i < src.length; i += 3) {
    const r = src[i]!;
    dst[i] = r;
    dst[i + 1] = r;
    dst[i + 2] = r;
  }
  return out;
}

/** One channel (0 red, 1 green, 2 blue) as a plane of 0..255 values. */
export function channel(image: RgbImage, c: 0 | 1 | 2): Float32Array {
  const n = image.width * image.height;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = image.data[i * 3 + c]!;
  return out;
}

/**
 * Print against the local paper level, stretched to full range: each pixel of the red channel
 * divided by the paper around it (a blurred upper envelope), so glare and shadow over part of a
 * value no longer set the contrast for all of it. For re-reading one region.
 */
export function evenedInk(image: RgbImage): RgbImage {
  const { width, height } = image;
  const red = channel(image, 0);
  const radius = Math.max(2, Math.round(height / 2));
  // Upper envelope: the blurred image lifted towards its brightest neighbourhood (paper).
  const paper = boxBlur(
    maxFilter(red, width, height, Math.max(1, Math.round(height / 4))),
    width,
    height,
    radius,
  );
  const ratio = red.map((v, i) => Math.min(1.2, v / Math.max(8, paper[i] ?? 255)));
  // Ratios run 0..1.2: quantiles on a 0..255 scale of them.
  const scaled = ratio.map((v) => v * 200);
  const dark = quantile(scaled, 0.02) / 200;
  const light = quantile(scaled, 0.9) / 200;
  const span = Math.max(0.05, light - dark);
  return fromPlane(
    ratio.map((v) => Math.max(0, Math.min(255, ((v - dark) / span) * 255))),
    width,
    height,
  );
}

/** Paper and darkest print this far apart (0..255) before an image is said to hold print at all. */
const MIN_INK_CONTRAST = 50;

/**
 * Column runs holding print, left to right, as [first, one past the last] pixel: columns with a
 * stroke (three pixels in a row) far darker than the paper around them (red channel), runs parted
 * by up to `join` blank columns merged. None when the image holds no clear print.
 *
 * The paper is measured over `window` columns either side, and a pixel's darkness taken against
 * what is left to white there: glare adds white light, lifting paper and print alike and shrinking
 * their difference in proportion, so print under glare stands out from its paper as much as print
 * beside it. Under even light this is the whole band's threshold.
 */
export function inkRuns(image: RgbImage, join: number, window = image.width): Array<[number, number]> {
  const { width, height } = image;
  const red = channel(image, 0);
  if (quantile(red, 0.7) - quantile(red, 0.01) < MIN_INK_CONTRAST) return [];
  const paper = localPaper(red, width, height, window);
  // Darkness against the paper, over its headroom to white (x 64, as 0..255 for quantiles).
  const darkness = red.map((v, i) => (64 * (paper[i % width]! - v)) / Math.max(16, 255 - paper[i % width]!));
  const dark = 0.6 * quantile(darkness, 0.99);
  const runs: Array<[number, number]> = [];
  for (let x = 0; x < width; x++) {
    // A stroke darkens a few pixels in a row; noise one here and there.
    let count = 0;
    for (let y = 0; y < height && count < 3; y++) count = darkness[y * width + x]! > dark ? count + 1 : 0;
    if (count < 3) continue;
    const last = runs.at(-1);
    if (last && x - last[1] <= join) last[1] = x + 1;
    else runs.push([x, x + 1]);
  }
  return runs;
}

/** Each column's paper level: the 70 % quantile of the red channel within `window` columns either side. */
function localPaper(red: Float32Array, width: number, height: number, window: number): Uint8Array {
  const histogram = new Uint32Array(256);
  const out = new Uint8Array(width);
  const add = (x: number, d: 1 | -1) => {
    for (let y = 0; y < height; y++)
      histogram[Math.max(0, Math.min(255, Math.round(red[y * width + x]!)))]! += d;
  };
  for (let x = 0; x < Math.min(width, window + 1); x++) add(x, 1);
  for (let x = 0; x < width; x++) {
    out[x] = levelAt(histogram, 0.7);
    if (x + window + 1 < width) add(x + window + 1, 1);
    if (x - window >= 0) add(x - window, -1);
  }
  return out;
}

/**
 * The photo's paper colour: the median of each channel over the brighter part of the image (the
 * print, the photo and shadows are darker). Histograms over every 5th pixel: no sorting.
 */
export function paperColour(image: RgbImage): [number, number, number] {
  const { data } = image;
  const light = new Uint32Array(766);
  for (let i = 0; i < data.length; i += 15) light[data[i]! + data[i + 1]! + data[i + 2]!]!++;
  const cut = levelAt(light, 0.6);
  const channels = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)];
  for (let i = 0; i < data.length; i += 15) {
    if (data[i]! + data[i + 1]! + data[i + 2]! < cut) continue;
    for (let c = 0; c < 3; c++) channels[c]![data[i + c]!]!++;
  }
  return [levelAt(channels[0]!, 0.5), levelAt(channels[1]!, 0.5), levelAt(channels[2]!, 0.5)];
}

/** The value at quantile `q` of a histogram (bin index = value). */
export function levelAt(histogram: ArrayLike<number>, q: number): number {
  let total = 0;
  for (let i = 0; i < histogram.length; i++) total += histogram[i]!;
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i]!;
    if (seen > total * q) return i;
  }
  return histogram.length - 1;
}

/** The value at quantile `q` of 0..255 values (histogram, no sorting). */
export function quantile(values: ArrayLike<number>, q: number): number {
  const histogram = new Uint32Array(256);
  for (let i = 0; i < values.length; i++) histogram[Math.max(0, Math.min(255, Math.round(values[i]!)))]!++;
  return levelAt(histogram, q);
}

/**
 * Redness of each pixel against the paper, 0..255: how much redder than the paper its hue is, as
 * the log ratio of red to the larger of green and blue, less the paper's own. A ratio, not a
 * difference, so dark or washed-out red ink (a dim photo, a faded stamp) still stands out, while
 * black print (about as red as grey) does not.
 */
export function redness(image: RgbImage, paper: readonly [number, number, number]): Float32Array {
  const n = image.width * image.height;
  const out = new Float32Array(n);
  const base = Math.log((paper[0] + 8) / (Math.max(paper[1], paper[2]) + 8));
  for (let i = 0; i < n; i++) {
    const r = image.data[i * 3]!;
    const other = Math.max(image.data[i * 3 + 1]!, image.data[i * 3 + 2]!);
    out[i] = Math.min(255, Math.max(0, (Math.log((r + 8) / (other + 8)) - base) * 200));
  }
  return out;
}

/**
 * Red ink as black print on white paper, everything else white: what the recognizer needs to read
 * the seal's lines without the black labels and values beside them. Strokes come from the green
 * channel (red ink is dark there, at full resolution); which strokes are red comes from the
 * redness, blurred, because cameras and JPEG keep colour at half resolution or less. `strength`
 * is the redness that counts as full ink (the seal's own, measured by the caller).
 */
export function redInkAsPrint(
  image: RgbImage,
  strength: number,
  paper: readonly [number, number, number],
): RgbImage {
  const { width, height } = image;
  const n = width * height;
  const mask = boxBlur(
    redness(image, paper),
    width,
    height,
    Math.max(1, Math.round(Math.min(width, height) / 150)),
  );
  const green = channel(image, 1);
  const light = quantile(green, 0.9);
  const inked = green.filter((_, i) => (mask[i] ?? 0) > strength * 0.5);
  const ink = inked.length > 0 ? quantile(inked, 0.1) : 0;
  const span = Math.max(20, light - ink);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const red = Math.min(1, Math.max(0, ((mask[i] ?? 0) - strength * 0.15) / (strength * 0.35)));
    const dark = Math.min(1, Math.max(0, (light - (green[i] ?? 0)) / span));
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

/** Separable running maximum of radius `r` (monotonic queue: constant cost per pixel). */
function maxFilter(plane: Float32Array, width: number, height: number, r: number): Float32Array {
  const tmp = new Float32Array(plane.length);
  const out = new Float32Array(plane.length);
  runningMax(plane, tmp, width, height, 1, width, r);
  runningMax(tmp, out, height, width, width, 1, r);
  return out;
}

/** For each of `lines` lines of `length` samples (`step` apart; lines `stride` apart): the max within r. */
function runningMax(
  src: Float32Array,
  dst: Float32Array,
  length: number,
  lines: number,
  step: number,
  stride: number,
  r: number,
): void {
  const queue = new Int32Array(length);
  for (let line = 0; line < lines; line++) {
    const base = line * stride;
    let head = 0;
    let tail = 0;
    let next = 0;
    for (let i = 0; i < length; i++) {
      // Admit everything up to i + r, dropping smaller values behind it.
      for (; next <= Math.min(length - 1, i + r); next++) {
        const v = src[base + next * step]!;
        while (tail > head && src[base + queue[tail - 1]! * step]! <= v) tail--;
        queue[tail++] = next;
      }
      while (queue[head]! < i - r) head++;
      dst[base + i * step] = src[base + queue[head]! * step]!;
    }
  }
}
