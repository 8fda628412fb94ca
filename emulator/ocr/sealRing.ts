import type { RgbImage } from './RgbImage';

// Hot loops use these aliases: under jest's vm context every `Math.x` is a slow global lookup.
const { abs, atan2, ceil, cos, floor, hypot, max, min, round, sin, sqrt } = Math;

/** The seal's ring as an ellipse (a circle seen in perspective); axes in pixels, angle in radians. */
export interface SealEllipse {
  cx: number;
  cy: number;
  /** Semi-axis along `angle` (outer edge of the ring's stroke). */
  rx: number;
  /** Semi-axis perpendicular to `angle`. */
  ry: number;
  angle: number;
}

/**
 * Red ink strength 0..255 of a white-balanced pixel (paper ~ 250 grey): how far red stands above
 * green and blue, for hues near pure red only, so skin, wood and warm paper (orange: green well
 * above blue) do not count. Ink absorbs green and blue but little red, so a pixel whose red is
 * far below the paper's is print, not ink: JPEG's half-resolution chroma tints black strokes
 * under the seal red, and these must not read as ink.
 */
const R_LO = 60;
const R_HI = 100;
export function redInk(r: number, g: number, b: number): number {
  const hi = max(g, b);
  const lo = min(g, b);
  const d = r - hi;
  if (d <= 6 || r < R_LO) return 0;
  // Hue within about 18 degrees of red on the orange side (skin, wood), 30 on the magenta side
  // (ink thinned on bluish paper).
  if (g > b ? g - b > 0.3 * (r - lo) : b - g > 0.5 * (r - lo)) return 0;
  return r >= R_HI ? d : (d * (r - R_LO)) / (R_HI - R_LO);
}

/**
 * Per-channel gains that make the paper (the brightest third of the pixels) neutral grey at 250:
 * white balance and exposure at once.
 */
export type WhiteBalance = readonly [number, number, number];

export function paperBalance(
  image: RgbImage,
  region?: { x0: number; y0: number; x1: number; y1: number },
): WhiteBalance {
  const x0 = max(0, floor(region?.x0 ?? 0));
  const y0 = max(0, floor(region?.y0 ?? 0));
  const x1 = min(image.width, ceil(region?.x1 ?? image.width));
  const y1 = min(image.height, ceil(region?.y1 ?? image.height));
  const stride = max(1, round(sqrt(((x1 - x0) * (y1 - y0)) / 20000)));
  const hist = new Uint32Array(766);
  for (let y = y0; y < y1; y += stride) {
    for (let x = x0; x < x1; x += stride) {
      const o = (y * image.width + x) * 3;
      const k = (image.data[o] ?? 0) + (image.data[o + 1] ?? 0) + (image.data[o + 2] ?? 0);
      hist[k] = (hist[k] ?? 0) + 1;
    }
  }
  let total = 0;
  for (const v of hist) total += v;
  let cut = 765;
  for (let seen = 0; cut > 0 && seen < total / 3; cut--) seen += hist[cut] ?? 0;
  let r = 0;
  let g = 0;
  let b = 0;
  let n = 0;
  for (let y = y0; y < y1; y += stride) {
    for (let x = x0; x < x1; x += stride) {
      const o = (y * image.width + x) * 3;
      const pr = image.data[o] ?? 0;
      const pg = image.data[o + 1] ?? 0;
      const pb = image.data[o + 2] ?? 0;
      if (pr + pg + pb <= cut) continue;
      n++;
      r += pr;
      g += pg;
      b += pb;
    }
  }
  if (r <= 0 || g <= 0 || b <= 0) return [1, 1, 1];
  const m = max(r, g, b);
  // Clamp: a strongly coloured scene (no paper in view) must not be "corrected" into red.
  const gain = (c: number) => min(1.35, m / c) * min(2.5, (250 * n) / m);
  return [gain(r), gain(g), gain(b)];
}

/** A red-ink map of the image at 1/step scale (step x step box average). */
export interface InkMap {
  data: Float32Array;
  width: number;
  height: number;
  step: number;
}

export function inkMap(image: RgbImage, step: number, balance: WhiteBalance = [1, 1, 1]): InkMap {
  const width = floor(image.width / step);
  const height = floor(image.height / step);
  const data = new Float32Array(width * height);
  const src = image.data;
  const area = step * step;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let dy = 0; dy < step; dy++) {
        let o = ((y * step + dy) * image.width + x * step) * 3;
        for (let dx = 0; dx < step; dx++, o += 3) {
          r += src[o] ?? 0;
          g += src[o + 1] ?? 0;
          b += src[o + 2] ?? 0;
        }
      }
      data[y * width + x] = redInk((r * balance[0]) / area, (g * balance[1]) / area, (b * balance[2]) / area);
    }
  }
  return { data, width, height, step };
}

/** Radius of the ring in the ink map relative to its longer side: a seal is 4 %-20 % of it. */
const MIN_RADIUS = 0.03;
const MAX_RADIUS = 0.2;

/**
 * Finds the seal's ring in an ink map: centre by Hough voting (every red edge votes along its
 * gradient, both ways, at every plausible radius; the ring's edges all agree on its centre, text
 * and clutter do not), radius from the radial edges around that centre, then an ellipse fitted to
 * the outer edge of the stroke along rays, with outliers trimmed. Tolerant of a ring cut by the
 * card edge or a finger, and of perspective. Coordinates are in the map's pixels.
 */
export function findRingInMap(map: InkMap): SealEllipse | null {
  const { data, width: w, height: h } = map;
  const long = max(w, h);
  const rMin = max(8, round(long * MIN_RADIUS));
  const rMax = round(long * MAX_RADIUS);
  const smooth = blur3(data, w, h);
  const edges: Array<[number, number, number, number, number]> = [];
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const gx =
        (smooth[i - w + 1] ?? 0) +
        2 * (smooth[i + 1] ?? 0) +
        (smooth[i + w + 1] ?? 0) -
        (smooth[i - w - 1] ?? 0) -
        2 * (smooth[i - 1] ?? 0) -
        (smooth[i + w - 1] ?? 0);
      const gy =
        (smooth[i + w - 1] ?? 0) +
        2 * (smooth[i + w] ?? 0) +
        (smooth[i + w + 1] ?? 0) -
        (smooth[i - w - 1] ?? 0) -
        2 * (smooth[i - w] ?? 0) -
        (smooth[i - w + 1] ?? 0);
      const m = hypot(gx, gy);
      if (m < 40) continue;
      edges.push([x, y, gx / m, gy / m, m]);
    }
  }
  if (edges.length < 30) return null;
  // Votes at half resolution from a quarter of the edges, every other radius: the centre only
  // needs to be close, the ellipse fit refines it.
  const hw = ceil(w / 2);
  const hh = ceil(h / 2);
  const votes = new Float32Array(hw * hh);
  for (const [x, y, ux, uy, m] of edges) {
    if ((x | y) & 1) continue;
    // Saturating weight: a few very sharp edges must not outvote a long faint ring.
    const wgt = min(m, 200);
    for (let r = rMin; r <= rMax; r += 2) {
      // Ink rises towards the stroke: the outer edge's gradient points at the centre, the inner
      // edge's away from it; vote both ways.
      for (let s = -1; s <= 1; s += 2) {
        const vx = round((x + s * ux * r) / 2);
        const vy = round((y + s * uy * r) / 2);
        if (vx < 0 || vy < 0 || vx >= hw || vy >= hh) continue;
        const k = vy * hw + vx;
        votes[k] = (votes[k] ?? 0) + wgt;
      }
    }
  }
  const acc = blur3(votes, hw, hh);
  let best = -1;
  let bestVotes = 0;
  for (let i = 0; i < acc.length; i++) {
    if ((acc[i] ?? 0) > bestVotes) {
      bestVotes = acc[i] ?? 0;
      best = i;
    }
  }
  if (best < 0) return null;
  const cx = (best % hw) * 2;
  const cy = floor(best / hw) * 2;
  const radius = ringRadius(edges, cx, cy, rMin, rMax);
  if (radius === null) return null;
  return fitRing(smooth, w, h, cx, cy, radius);
}

/**
 * The ring's radius around a centre: the outermost strong peak of the histogram of radial edges
 * (edges whose gradient points at or away from the centre), weighted by strength.
 */
function ringRadius(
  edges: ReadonlyArray<[number, number, number, number, number]>,
  cx: number,
  cy: number,
  rMin: number,
  rMax: number,
): number | null {
  const hist = new Float64Array(rMax + 3);
  for (const [x, y, ux, uy, m] of edges) {
    const dx = x - cx;
    const dy = y - cy;
    const d = hypot(dx, dy);
    if (d < rMin * 0.8 || d > rMax + 1) continue;
    const radial = abs((dx * ux + dy * uy) / d);
    if (radial < 0.85) continue;
    hist[round(d)] = (hist[round(d)] ?? 0) + min(m, 200) / d;
  }
  const sm = new Float64Array(hist.length);
  for (let r = 1; r < hist.length - 1; r++) sm[r] = (hist[r - 1] ?? 0) + (hist[r] ?? 0) + (hist[r + 1] ?? 0);
  let peak = 0;
  for (const v of sm) peak = max(peak, v);
  if (peak <= 0) return null;
  for (let r = sm.length - 2; r >= rMin; r--) {
    const v = sm[r] ?? 0;
    if (v >= 0.4 * peak && v >= (sm[r + 1] ?? 0) && v >= (sm[r - 1] ?? 0)) return r;
  }
  return null;
}

const RAYS = 144;

/**
 * Points on the outer edge of the ring's stroke, one per ray where the ring is visible: searching
 * inward from 1.3 r, the first ink above half the ring's typical strength.
 */
function fitRing(
  ink: Float32Array,
  w: number,
  h: number,
  cx: number,
  cy: number,
  r0: number,
): SealEllipse | null {
  const at = (x: number, y: number): number => {
    const xi = round(x);
    const yi = round(y);
    if (xi < 0 || yi < 0 || xi >= w || yi >= h) return -1;
    return ink[yi * w + xi] ?? 0;
  };
  // The ring's typical ink: median over rays of the strongest ink near r0.
  const peaks: number[] = [];
  for (let i = 0; i < RAYS; i++) {
    const a = (i / RAYS) * Math.PI * 2;
    let m = 0;
    for (let r = r0 * 0.85; r <= r0 * 1.15; r += 0.5) m = max(m, at(cx + r * cos(a), cy + r * sin(a)));
    peaks.push(m);
  }
  const level = [...peaks].sort((a, b) => a - b)[floor(RAYS * 0.6)] ?? 0;
  if (level <= 0) return null;
  let ring: SealEllipse = { cx, cy, rx: r0, ry: r0, angle: 0 };
  for (let pass = 0; pass < 3; pass++) {
    const points: Array<[number, number]> = [];
    for (let i = 0; i < RAYS; i++) {
      const a = (i / RAYS) * Math.PI * 2;
      const ca = cos(a);
      const sa = sin(a);
      const re = ellipseRadius(ring, a);
      // The first pass starts from a circle, which may be well off a flattened ring's minor axis.
      for (let r = re * (pass === 0 ? 1.5 : 1.25); r >= re * (pass === 0 ? 0.6 : 0.8); r -= 0.5) {
        const v = at(ring.cx + r * ca, ring.cy + r * sa);
        if (v >= level * 0.5) {
          points.push([ring.cx + r * ca, ring.cy + r * sa]);
          break;
        }
      }
    }
    const next = fitRobust(points, ring);
    if (!next) break;
    ring = next;
  }
  const rMean = (ring.rx + ring.ry) / 2;
  if (rMean < r0 * 0.7 || rMean > r0 * 1.5) return null;
  return ring;
}

/** Distance from the ellipse's centre to its outline along image direction `a`. */
export function ellipseRadius(e: SealEllipse, a: number): number {
  const c = cos(a - e.angle);
  const s = sin(a - e.angle);
  return 1 / sqrt((c / e.rx) ** 2 + (s / e.ry) ** 2);
}

/**
 * Ellipse through the points with the worst fifth dropped and refitted; a circle instead when the
 * visible arc is too short to pin an ellipse down, or the ellipse is implausibly flat.
 */
function fitRobust(points: ReadonlyArray<[number, number]>, guess: SealEllipse): SealEllipse | null {
  if (points.length < 16) return null;
  let use = points;
  let fit: SealEllipse | null = null;
  for (let round = 0; round < 2; round++) {
    const coverage = angularCoverage(use, guess.cx, guess.cy);
    fit = coverage >= 0.7 ? fitEllipse(use) : null;
    if (!fit || max(fit.rx, fit.ry) / min(fit.rx, fit.ry) > 1.6) fit = fitCircle(use);
    if (!fit) return null;
    const f = fit;
    const residual = use.map(([x, y]) =>
      abs(hypot(x - f.cx, y - f.cy) - ellipseRadius(f, atan2(y - f.cy, x - f.cx))),
    );
    const cut = [...residual].sort((a, b) => a - b)[floor(residual.length * 0.8)] ?? 0;
    use = use.filter((_, i) => (residual[i] ?? 0) <= max(cut, 1));
  }
  return fit;
}

/** Fraction of 36 angular sectors around (cx, cy) that hold at least one point. */
function angularCoverage(points: ReadonlyArray<[number, number]>, cx: number, cy: number): number {
  const seen = new Set<number>();
  for (const [x, y] of points) seen.add(floor(((atan2(y - cy, x - cx) + Math.PI) / (2 * Math.PI)) * 36) % 36);
  return seen.size / 36;
}

/** Kasa circle fit: x^2 + y^2 + Dx + Ey + F = 0 by least squares. */
export function fitCircle(points: ReadonlyArray<[number, number]>): SealEllipse | null {
  if (points.length < 3) return null;
  const [mx, my] = mean(points);
  const rows = points.map(([x, y]) => [x - mx, y - my, 1, -((x - mx) ** 2 + (y - my) ** 2)]);
  const sol = leastSquares(rows, 3);
  if (!sol) return null;
  const [d, e, f] = sol as [number, number, number];
  const cx = -d / 2;
  const cy = -e / 2;
  const r2 = cx * cx + cy * cy - f;
  if (!(r2 > 0)) return null;
  const r = sqrt(r2);
  return { cx: cx + mx, cy: cy + my, rx: r, ry: r, angle: 0 };
}

/** Conic A x^2 + B xy + C y^2 + D x + E y = 1 (points centred) by least squares, as an ellipse. */
export function fitEllipse(points: ReadonlyArray<[number, number]>): SealEllipse | null {
  if (points.length < 6) return null;
  const [mx, my] = mean(points);
  const rows = points.map(([px, py]) => {
    const x = px - mx;
    const y = py - my;
    return [x * x, x * y, y * y, x, y, 1];
  });
  const sol = leastSquares(rows, 5);
  if (!sol) return null;
  const [A, B, C, D, E] = sol as [number, number, number, number, number];
  const det = 4 * A * C - B * B;
  if (!(det > 0)) return null;
  // Centre: gradient of the conic is zero.
  const x0 = (B * E - 2 * C * D) / det;
  const y0 = (B * D - 2 * A * E) / det;
  // Value at the centre gives the scale: A x'^2 + B x'y' + C y'^2 = 1 - (D x0 + E y0)/2... in
  // centred form the constant becomes k = 1 - (A x0^2 + B x0 y0 + C y0^2 + D x0 + E y0).
  const k = 1 - (A * x0 * x0 + B * x0 * y0 + C * y0 * y0 + D * x0 + E * y0);
  const angle = 0.5 * atan2(B, A - C);
  const ca = cos(angle);
  const sa = sin(angle);
  const a1 = A * ca * ca + B * ca * sa + C * sa * sa;
  const c1 = A * sa * sa - B * ca * sa + C * ca * ca;
  if (!(k / a1 > 0) || !(k / c1 > 0)) return null;
  return { cx: x0 + mx, cy: y0 + my, rx: sqrt(k / a1), ry: sqrt(k / c1), angle };
}

function mean(points: ReadonlyArray<[number, number]>): [number, number] {
  let sx = 0;
  let sy = 0;
  for (const [x, y] of points) {
    sx += x;
    sy += y;
  }
  return [sx / points.length, sy / points.length];
}

/**
 * Least squares for rows [a_1..a_n, b]: minimises |A s - b| by the normal equations and Gaussian
 * elimination with partial pivoting; null when singular.
 */
function leastSquares(rows: ReadonlyArray<readonly number[]>, n: number): number[] | null {
  const m: number[][] = Array.from({ length: n }, () => new Array<number>(n + 1).fill(0));
  for (const row of rows) {
    for (let i = 0; i < n; i++) {
      const ri = row[i] ?? 0;
      const mi = m[i] as number[];
      for (let j = 0; j < n; j++) mi[j] = (mi[j] ?? 0) + ri * (row[j] ?? 0);
      mi[n] = (mi[n] ?? 0) + ri * (row[n] ?? 0);
    }
  }
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (abs(m[r]?.[c] ?? 0) > abs(m[p]?.[c] ?? 0)) p = r;
    [m[c], m[p]] = [m[p] as number[], m[c] as number[]];
    const pivotRow = m[c] as number[];
    const pivot = pivotRow[c] ?? 0;
    if (abs(pivot) < 1e-12) return null;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const row = m[r] as number[];
      const f = (row[c] ?? 0) / pivot;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) row[k] = (row[k] ?? 0) - f * (pivotRow[k] ?? 0);
    }
  }
  return m.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}

/** 3x3 box blur with clamped borders. */
function blur3(src: Float32Array, w: number, h: number): Float32Array {
  const tmp = new Float32Array(w * h);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      tmp[i] = ((src[x > 0 ? i - 1 : i] ?? 0) + (src[i] ?? 0) + (src[x < w - 1 ? i + 1 : i] ?? 0)) / 3;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      out[i] = ((tmp[y > 0 ? i - w : i] ?? 0) + (tmp[i] ?? 0) + (tmp[y < h - 1 ? i + w : i] ?? 0)) / 3;
    }
  }
  return out;
}
