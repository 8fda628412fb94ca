import { createRgbImage, type RgbImage, sampleBilinear } from './RgbImage';
import { ellipseRadius, type InkMap, paperBalance, redInk, type SealEllipse } from './sealRing';

// Hot loops use these aliases: under jest's vm context every `Math.x` is a slow global lookup.
const { abs, cos, floor, max, min, round, sin } = Math;

/**
 * Where the seal's text lies, in the ring's own coordinates: radii as fractions of the ring's
 * (outer stroke edge = 1) and image angles in radians (y down, so -PI/2 is straight up).
 */
export interface SealTextBand {
  /** Direction of the middle of the text (the arc's top on an upright card). */
  up: number;
  /** Half the angular extent of the text around `up`. */
  halfSpan: number;
  inner: number;
  outer: number;
}

const BINS = 180;

/**
 * Measures the text band from the ink map: the text's angular extent is everything but the widest
 * ink-free gap of the band (on a seal the gap is at the bottom, so its opposite is "up" and an
 * upside-down card is handled), and its radial extent runs from the clear ring just inside the
 * stroke down to where the ink thins out before the star.
 */
export function measureTextBand(map: InkMap, ring: SealEllipse): SealTextBand {
  const e: SealEllipse = {
    cx: ring.cx / map.step,
    cy: ring.cy / map.step,
    rx: ring.rx / map.step,
    ry: ring.ry / map.step,
    angle: ring.angle,
  };
  const sample = (a: number, rho: number): number => {
    const r = rho * ellipseRadius(e, a);
    const x = round(e.cx + r * cos(a));
    const y = round(e.cy + r * sin(a));
    if (x < 0 || y < 0 || x >= map.width || y >= map.height) return 0;
    return map.data[y * map.width + x] ?? 0;
  };
  // Angular profile of the band where text can be (between star and ring).
  const angular = new Float64Array(BINS);
  for (let i = 0; i < BINS; i++) {
    const a = ((i + 0.5) / BINS) * 2 * Math.PI - Math.PI;
    let s = 0;
    for (let rho = 0.5; rho <= 0.88; rho += 0.04) s += sample(a, rho);
    angular[i] = s;
  }
  const smoothA = circularSmooth(angular, 3);
  let total = 0;
  for (const v of smoothA) total += v;
  const meanInk = total / BINS;
  // The gap: the longest circular run of bins below a fifth of the mean.
  const low = (i: number) => (smoothA[((i % BINS) + BINS) % BINS] ?? 0) < meanInk * 0.2;
  let bestStart = -1;
  let bestLength = 0;
  for (let start = 0; start < BINS; start++) {
    if (!low(start) || low(start - 1)) continue;
    let n = 0;
    while (n < BINS && low(start + n)) n++;
    if (n > bestLength) {
      bestLength = n;
      bestStart = start;
    }
  }
  let up = -Math.PI / 2;
  let halfSpan = Math.PI * 0.8;
  if (bestStart >= 0 && bestLength >= BINS / 12 && bestLength < BINS / 2) {
    const gapMid = ((bestStart + bestLength / 2) / BINS) * 2 * Math.PI - Math.PI;
    up = wrapAngle(gapMid + Math.PI);
    // A seal's text is centred on its top: snap to straight up or down when close.
    if (abs(wrapAngle(up + Math.PI / 2)) < 0.35) up = -Math.PI / 2;
    else if (abs(wrapAngle(up - Math.PI / 2)) < 0.35) up = Math.PI / 2;
    const gap = (bestLength / BINS) * 2 * Math.PI;
    halfSpan = min(Math.PI * 0.88, max(Math.PI * 0.55, (2 * Math.PI - gap) / 2 + 0.12));
  }
  // Radial profile over the text's angles.
  const STEPS = 60;
  const radial = new Float64Array(STEPS);
  for (let k = 0; k < STEPS; k++) {
    const rho = 0.3 + (k / STEPS) * 0.75;
    let s = 0;
    for (let j = 0; j < 48; j++) s += sample(up - halfSpan + (j / 47) * 2 * halfSpan, rho);
    radial[k] = s;
  }
  const rhoOf = (k: number) => 0.3 + (k / STEPS) * 0.75;
  // The clear ring inside the stroke: the least ink between 0.78 and 0.98.
  let outerK = -1;
  for (let k = 0; k < STEPS; k++) {
    const rho = rhoOf(k);
    if (rho < 0.78 || rho > 0.98) continue;
    if (outerK < 0 || (radial[k] ?? 0) < (radial[outerK] ?? 0)) outerK = k;
  }
  const outer = outerK >= 0 ? rhoOf(outerK) : 0.93;
  // The text's strongest ink, then inward until it thins out.
  let peakK = -1;
  for (let k = 0; k < outerK; k++) if (peakK < 0 || (radial[k] ?? 0) > (radial[peakK] ?? 0)) peakK = k;
  let inner = 0.5;
  if (peakK >= 0) {
    const peak = radial[peakK] ?? 0;
    let k = peakK;
    while (k > 0 && rhoOf(k) > 0.42 && (radial[k] ?? 0) > peak * 0.15) k--;
    inner = min(rhoOf(k), outer - 0.25);
  }
  return { up, halfSpan, inner, outer };
}

function wrapAngle(a: number): number {
  let x = a;
  while (x > Math.PI) x -= 2 * Math.PI;
  while (x <= -Math.PI) x += 2 * Math.PI;
  return x;
}

function circularSmooth(v: Float64Array, radius: number): Float64Array {
  const n = v.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let d = -radius; d <= radius; d++) s += v[(((i + d) % n) + n) % n] ?? 0;
    out[i] = s / (2 * radius + 1);
  }
  return out;
}

export const STRIP_HEIGHT = 48;
/** White-balanced red below this is print (or ink on print), not ink alone. */
const DARK = 110;
/** Rows of the strip above and below the band, left blank as the recognizer expects. */
const MARGIN = 4;

export interface UnwrapOptions {
  /** Horizontal stretch of the strip (1 = glyphs keep the aspect they have at mid band). */
  stretch?: number;
  /** Unsharp-mask amount applied to the ink (0 = none); blurred photos read better sharpened. */
  sharpen?: number;
  /** Exponent applied to the normalised ink (<1 darkens faint strokes). */
  gamma?: number;
  /**
   * Keep the white-balanced photo (colour, print included) instead of the ink map: the recognizer
   * reads some blurred or dark seals better this way, others worse, so both are scored together.
   */
  photo?: boolean;
  /**
   * Normalise the ink per neighbourhood (glare, uneven inking), each column's full black at least
   * this fraction of the seal's own (1 = seal-wide normalisation only).
   */
  local?: number;
}

/**
 * Unwraps the text band into a straight strip, left to right clockwise over `up`, outer radius at
 * the top; red ink dark on white (normalised to the seal's own ink strength, so faint and heavy
 * stamps look alike), everything else white, so black print under the seal vanishes.
 */
export function unwrapSeal(
  image: RgbImage,
  ring: SealEllipse,
  band: SealTextBand,
  options: UnwrapOptions = {},
): RgbImage {
  const rows = STRIP_HEIGHT - 2 * MARGIN;
  const rMean = (ring.rx + ring.ry) / 2;
  const mid = (band.inner + band.outer) / 2;
  const pxPerUnit = rows / ((band.outer - band.inner) * rMean);
  const width = min(
    1600,
    max(64, round(2 * band.halfSpan * mid * rMean * pxPerUnit * (options.stretch ?? 1))),
  );
  // White balance from the paper around the seal: the card's lighting varies across the photo.
  const reach = max(ring.rx, ring.ry) * 1.4;
  const [gr, gg, gb] = paperBalance(image, {
    x0: ring.cx - reach,
    y0: ring.cy - reach,
    x1: ring.cx + reach,
    y1: ring.cy + reach,
  });
  const ink = new Float32Array(width * rows);
  const px = new Uint8Array(3);
  for (let x = 0; x < width; x++) {
    const a = band.up - band.halfSpan + ((x + 0.5) / width) * 2 * band.halfSpan;
    const ca = cos(a);
    const sa = sin(a);
    const re = ellipseRadius(ring, a);
    for (let y = 0; y < rows; y++) {
      const rho = band.outer - ((y + 0.5) / rows) * (band.outer - band.inner);
      sampleBilinear(image, ring.cx + rho * re * ca, ring.cy + rho * re * sa, px, 0);
      const r = (px[0] ?? 0) * gr;
      // Too dark to tell: black print, with or without ink on it (stamp ink over print is black).
      ink[y * width + x] = r < DARK ? Number.NaN : redInk(r, (px[1] ?? 0) * gg, (px[2] ?? 0) * gb);
    }
  }
  if (options.photo) {
    const strip = createRgbImage(width, STRIP_HEIGHT);
    strip.data.fill(255);
    for (let x = 0; x < width; x++) {
      const a = band.up - band.halfSpan + ((x + 0.5) / width) * 2 * band.halfSpan;
      const re = ellipseRadius(ring, a);
      for (let y = 0; y < rows; y++) {
        const rho = band.outer - ((y + 0.5) / rows) * (band.outer - band.inner);
        sampleBilinear(image, ring.cx + rho * re * cos(a), ring.cy + rho * re * sin(a), px, 0);
        const o = ((y + MARGIN) * width + x) * 3;
        strip.data[o] = min(255, round((px[0] ?? 0) * gr));
        strip.data[o + 1] = min(255, round((px[1] ?? 0) * gg));
        strip.data[o + 2] = min(255, round((px[2] ?? 0) * gb));
      }
    }
    return strip;
  }
  fillUnknown(ink, width, rows);
  const sharpen = options.sharpen ?? 0;
  if (sharpen > 0) unsharp(ink, width, rows, sharpen);
  const gamma = options.gamma ?? 1;
  // Full black at the strong end of the seal's ink (a high percentile of the inked pixels).
  const inked = ink.filter((v) => v > 8).sort();
  const full = max(30, inked[floor(inked.length * 0.95)] ?? 0);
  const fullAt = localFull(ink, width, rows, full, options.local ?? 1);
  const strip = createRgbImage(width, STRIP_HEIGHT);
  strip.data.fill(255);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < width; x++) {
      const v = min(1, max(0, (ink[y * width + x] ?? 0) - 6) / (fullAt[x] ?? full));
      const grey = round(255 * (1 - (gamma === 1 ? v : v ** gamma)));
      const o = ((y + MARGIN) * width + x) * 3;
      strip.data[o] = grey;
      strip.data[o + 1] = grey;
      strip.data[o + 2] = grey;
    }
  }
  return strip;
}

/** In-place unsharp mask: v + amount * (v - blur(v)), with a 5x5 box blur. */
function unsharp(v: Float32Array, w: number, h: number, amount: number): void {
  const tmp = new Float32Array(w * h);
  const blur = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      let n = 0;
      for (let d = -2; d <= 2; d++) {
        const xx = x + d;
        if (xx < 0 || xx >= w) continue;
        s += v[y * w + xx] ?? 0;
        n++;
      }
      tmp[y * w + x] = s / n;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      let n = 0;
      for (let d = -2; d <= 2; d++) {
        const yy = y + d;
        if (yy < 0 || yy >= h) continue;
        s += tmp[yy * w + x] ?? 0;
        n++;
      }
      blur[y * w + x] = s / n;
    }
  }
  for (let i = 0; i < v.length; i++) v[i] = max(0, (v[i] ?? 0) + amount * ((v[i] ?? 0) - (blur[i] ?? 0)));
}

/**
 * Fills unknown (NaN) pixels, where black print crosses the band, from their known neighbours:
 * a print stroke crossing a seal character takes the character's ink, one crossing blank paper
 * stays blank. Repeated so wide strokes fill from their edges inwards.
 */
function fillUnknown(v: Float32Array, w: number, h: number): void {
  for (let pass = 0; pass < 4; pass++) {
    let left = 0;
    const next = v.slice();
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = y * w + x;
        if (!Number.isNaN(v[i] ?? 0)) continue;
        let s = 0;
        let n = 0;
        for (let dy = -1; dy <= 1; dy++) {
          const yy = y + dy;
          if (yy < 0 || yy >= h) continue;
          for (let dx = -1; dx <= 1; dx++) {
            const xx = x + dx;
            if (xx < 0 || xx >= w) continue;
            const u = v[yy * w + xx] ?? 0;
            if (Number.isNaN(u)) continue;
            s += u;
            n++;
          }
        }
        if (n > 0) next[i] = s / n;
        else left++;
      }
    }
    v.set(next);
    if (left === 0) return;
  }
  for (let i = 0; i < v.length; i++) if (Number.isNaN(v[i] ?? 0)) v[i] = 0;
}

/**
 * The ink strength that maps to full black, per column: the seal's own (`full`) scaled by how
 * strong the ink is around that column relative to the seal's typical column, down to `least`
 * of it, so characters washed out by glare or a light stamp come out as dark as the rest.
 */
function localFull(ink: Float32Array, w: number, h: number, full: number, least: number): Float32Array {
  const out = new Float32Array(w).fill(full);
  if (least >= 1) return out;
  // Column peak: a high percentile of the column (robust to single specks).
  const peak = new Float32Array(w);
  const col = new Float32Array(h);
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; y++) col[y] = ink[y * w + x] ?? 0;
    col.sort();
    peak[x] = col[h - 3] ?? 0;
  }
  // Neighbourhood: about one glyph either side.
  const reach = h;
  const near = new Float32Array(w);
  for (let x = 0; x < w; x++) {
    let m = 0;
    for (let d = max(0, x - reach); d <= min(w - 1, x + reach); d++) m = max(m, peak[d] ?? 0);
    near[x] = m;
  }
  const sorted = Array.from(near).sort((a, b) => a - b);
  const typical = sorted[floor(sorted.length * 0.5)] ?? 0;
  if (typical <= 0) return out;
  for (let x = 0; x < w; x++) out[x] = full * min(1, max(least, (near[x] ?? 0) / typical));
  return out;
}

/** Shortest and longest glyph pitch (px) considered in a STRIP_HEIGHT strip. */
const MIN_PITCH = 14;
const MAX_PITCH = 70;

/**
 * How many characters an ink strip holds, from the period of its column ink profile (glyphs sit
 * at a regular pitch along a seal's arc) over the inked extent; 0 when no period shows. Blurred
 * strips the recognizer cannot read still show their glyphs as regular blobs, and the count tells
 * a province-prefecture 支队 (15 characters) from a municipality's 公安交通管理局 (10).
 */
export function estimateGlyphCount(strip: RgbImage): number {
  const { width: w, height: h, data } = strip;
  const profile = new Float64Array(w);
  let peak = 0;
  for (let x = 0; x < w; x++) {
    let s = 0;
    for (let y = 0; y < h; y++) s += 255 - (data[(y * w + x) * 3] ?? 255);
    profile[x] = s;
    peak = max(peak, s);
  }
  let first = -1;
  let last = -1;
  for (let x = 0; x < w; x++) {
    if ((profile[x] ?? 0) <= peak * 0.15) continue;
    if (first < 0) first = x;
    last = x;
  }
  const n = last - first + 1;
  if (first < 0 || n < 2 * MIN_PITCH) return 0;
  let mean = 0;
  for (let x = first; x <= last; x++) mean += profile[x] ?? 0;
  mean /= n;
  const centred = Float64Array.from(profile.subarray(first, last + 1), (v) => v - mean);
  const lags = MAX_PITCH - MIN_PITCH + 1;
  const ac = new Float64Array(lags);
  for (let k = 0; k < lags; k++) {
    const lag = MIN_PITCH + k;
    if (lag >= n) break;
    let s = 0;
    for (let i = 0; i + lag < n; i++) s += (centred[i] ?? 0) * (centred[i + lag] ?? 0);
    ac[k] = s / (n - lag);
  }
  // The pitch is the first autocorrelation peak at least half as strong as the strongest: its
  // multiples (two glyphs, three) peak too, sometimes higher.
  const peaks: number[] = [];
  let strongest = 0;
  for (let k = 1; k < lags - 1; k++) {
    const v = ac[k] ?? 0;
    if (v > (ac[k - 1] ?? 0) && v >= (ac[k + 1] ?? 0) && v > 0) {
      peaks.push(k);
      strongest = max(strongest, v);
    }
  }
  const pitch = peaks.find((k) => (ac[k] ?? 0) >= strongest * 0.5);
  return pitch === undefined ? 0 : n / (MIN_PITCH + pitch);
}
