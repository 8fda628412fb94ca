import type { RgbImage } from './RgbImage';
import type { Point, Quad } from './warpPerspective';

/** Long side of the mask the card is searched in; enough for a few-pixel corner error at 1280. */
const MASK_SIZE = 400;

/**
 * Finds the card (the bright rounded rectangle) in a photo: Otsu threshold of a small grey copy,
 * the largest bright component, then a straight line fitted to each of its four sides (so rounded
 * corners and perspective do not bias the corners). Returns the corners clockwise, the first
 * side being a long one, or null when nothing card-like is found.
 */
export function findCard(image: RgbImage): Quad | null {
  const scale = Math.min(1, MASK_SIZE / Math.max(image.width, image.height));
  const w = Math.max(1, Math.round(image.width * scale));
  const h = Math.max(1, Math.round(image.height * scale));
  const gray = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(image.height - 1, Math.floor((y + 0.5) / scale));
    for (let x = 0; x < w; x++) {
      const sx = Math.min(image.width - 1, Math.floor((x + 0.5) / scale));
      const o = (sy * image.width + sx) * 3;
      const r = image.data[o] ?? 0;
      const g = image.data[o + 1] ?? 0;
      const b = image.data[o + 2] ?? 0;
      // Brightness minus saturation: the card is light and nearly grey, skin and wood are not.
      const max = Math.max(r, g, b);
      const min = Math.min(r, g, b);
      gray[y * w + x] = Math.max(0, Math.min(255, (r + g + b) / 3 - (max - min) * 0.9));
    }
  }
  const mask = closeMask(thresholdMask(gray, otsu(gray)), w, h);
  const component = largestComponent(mask, w, h);
  if (!component || component.area < w * h * 0.12) return null;
  const quad = fitQuad(component.boundary, component.pixels);
  if (!quad) return null;
  const scaled = quad.map(
    ([x, y]) => [(x + 0.5) / scale - 0.5, (y + 0.5) / scale - 0.5] as const,
  ) as unknown as Quad;
  return plausibleCard(scaled, component.area / (scale * scale)) ? scaled : null;
}

function otsu(gray: Uint8Array): number {
  const hist = new Array<number>(256).fill(0);
  for (const v of gray) hist[v] = (hist[v] ?? 0) + 1;
  const total = gray.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * (hist[i] ?? 0);
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t] ?? 0;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * (hist[t] ?? 0);
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

function thresholdMask(gray: Uint8Array, threshold: number): Uint8Array {
  const mask = new Uint8Array(gray.length);
  for (let i = 0; i < gray.length; i++) mask[i] = (gray[i] ?? 0) > threshold ? 1 : 0;
  return mask;
}

/** Fills dark specks inside the card (printed text) with a 3x3 closing: dilate then erode. */
function closeMask(mask: Uint8Array, w: number, h: number): Uint8Array {
  const pass = (src: Uint8Array, keep: 0 | 1): Uint8Array => {
    const out = new Uint8Array(src.length);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let v = src[y * w + x] ?? 0;
        for (let dy = -1; dy <= 1 && v !== keep; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const yy = y + dy;
            const xx = x + dx;
            if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
            if ((src[yy * w + xx] ?? 0) === keep) {
              v = keep;
              break;
            }
          }
        }
        out[y * w + x] = v;
      }
    }
    return out;
  };
  return pass(pass(mask, 1), 0);
}

interface Component {
  area: number;
  pixels: Point[];
  boundary: Point[];
}

function largestComponent(mask: Uint8Array, w: number, h: number): Component | null {
  const label = new Int32Array(mask.length);
  let best: { id: number; area: number } | null = null;
  let id = 0;
  const stack: number[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (mask[start] !== 1 || label[start] !== 0) continue;
    id++;
    let area = 0;
    label[start] = id;
    stack.push(start);
    while (stack.length > 0) {
      const p = stack.pop() as number;
      area++;
      const x = p % w;
      const y = (p - x) / w;
      const next = [x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1];
      for (const q of next) {
        if (q >= 0 && mask[q] === 1 && label[q] === 0) {
          label[q] = id;
          stack.push(q);
        }
      }
    }
    if (!best || area > best.area) best = { id, area };
  }
  if (!best) return null;
  const pixels: Point[] = [];
  const boundary: Point[] = [];
  for (let p = 0; p < label.length; p++) {
    if (label[p] !== best.id) continue;
    const x = p % w;
    const y = (p - x) / w;
    pixels.push([x, y]);
    const edge =
      x === 0 ||
      y === 0 ||
      x === w - 1 ||
      y === h - 1 ||
      label[p - 1] !== best.id ||
      label[p + 1] !== best.id ||
      label[p - w] !== best.id ||
      label[p + w] !== best.id;
    if (edge) boundary.push([x, y]);
  }
  return { area: best.area, pixels, boundary };
}

/** Initial corners: the component's extreme points along the four diagonal directions. */
function extremeCorners(points: Point[]): Quad | null {
  let tl: Point | undefined;
  let tr: Point | undefined;
  let br: Point | undefined;
  let bl: Point | undefined;
  for (const p of points) {
    const [x, y] = p;
    if (!tl || x + y < tl[0] + tl[1]) tl = p;
    if (!br || x + y > br[0] + br[1]) br = p;
    if (!tr || x - y > tr[0] - tr[1]) tr = p;
    if (!bl || x - y < bl[0] - bl[1]) bl = p;
  }
  return tl && tr && br && bl ? [tl, tr, br, bl] : null;
}

/** Corners from the min-area rectangle of the pixels when the card is turned about 45 degrees. */
function minAreaRectCorners(points: Point[]): Quad | null {
  let best: { area: number; quad: Quad } | null = null;
  for (let deg = 0; deg < 90; deg += 2) {
    const a = (deg * Math.PI) / 180;
    const c = Math.cos(a);
    const s = Math.sin(a);
    let minU = Infinity;
    let maxU = -Infinity;
    let minV = Infinity;
    let maxV = -Infinity;
    for (const [x, y] of points) {
      const u = x * c + y * s;
      const v = -x * s + y * c;
      if (u < minU) minU = u;
      if (u > maxU) maxU = u;
      if (v < minV) minV = v;
      if (v > maxV) maxV = v;
    }
    const area = (maxU - minU) * (maxV - minV);
    if (!best || area < best.area) {
      const back = (u: number, v: number): Point => [u * c - v * s, u * s + v * c];
      best = { area, quad: [back(minU, minV), back(maxU, minV), back(maxU, maxV), back(minU, maxV)] };
    }
  }
  return best?.quad ?? null;
}

function fitQuad(boundary: Point[], pixels: Point[]): Quad | null {
  const initial = minAreaRectCorners(pixels) ?? extremeCorners(pixels);
  if (!initial) return null;
  // Assign boundary pixels to the nearest side (middle 70% only: the corners are rounded) and fit.
  const lines: Array<[number, number, number]> = [];
  for (let i = 0; i < 4; i++) {
    const a = initial[i] as Point;
    const b = initial[(i + 1) % 4] as Point;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len = Math.hypot(dx, dy);
    if (len < 4) return null;
    const nx = -dy / len;
    const ny = dx / len;
    const tol = Math.max(3, len * 0.06);
    const near: Point[] = [];
    for (const p of boundary) {
      const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (len * len);
      if (t < 0.15 || t > 0.85) continue;
      if (Math.abs((p[0] - a[0]) * nx + (p[1] - a[1]) * ny) <= tol) near.push(p);
    }
    lines.push(near.length >= 8 ? fitLineRobust(near) : lineThrough(a, b));
  }
  const corners: Point[] = [];
  for (let i = 0; i < 4; i++) {
    const p = intersect(lines[(i + 3) % 4] as [number, number, number], lines[i] as [number, number, number]);
    if (!p) return null;
    corners.push(p);
  }
  return orderCorners(corners as unknown as Quad);
}

/**
 * A line fitted, then refitted twice to the points near it: a finger or a shadow over one side
 * pulls the first fit, the trimmed ones follow the straight majority of the edge.
 */
function fitLineRobust(points: Point[]): [number, number, number] {
  let line = fitLine(points);
  let inliers = points;
  for (let i = 0; i < 3; i++) {
    const residuals = inliers.map(([x, y]) => Math.abs(line[0] * x + line[1] * y - line[2]));
    const sorted = [...residuals].sort((p, q) => p - q);
    const cut = Math.max(1.2, 2.5 * (sorted[Math.floor(sorted.length / 2)] ?? 0));
    const next = inliers.filter((_, k) => (residuals[k] ?? 0) <= cut);
    if (next.length < 8 || next.length === inliers.length) break;
    inliers = next;
    line = fitLine(inliers);
  }
  return line;
}

/** Line ax + by = c (unit normal) through points by total least squares. */
function fitLine(points: Point[]): [number, number, number] {
  let mx = 0;
  let my = 0;
  for (const [x, y] of points) {
    mx += x;
    my += y;
  }
  mx /= points.length;
  my /= points.length;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const [x, y] of points) {
    sxx += (x - mx) ** 2;
    sxy += (x - mx) * (y - my);
    syy += (y - my) ** 2;
  }
  // Direction = principal eigenvector; the normal is perpendicular to it.
  const theta = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  const a = -Math.sin(theta);
  const b = Math.cos(theta);
  return [a, b, a * mx + b * my];
}

function lineThrough(p: Point, q: Point): [number, number, number] {
  const dx = q[0] - p[0];
  const dy = q[1] - p[1];
  const len = Math.hypot(dx, dy);
  const a = -dy / len;
  const b = dx / len;
  return [a, b, a * p[0] + b * p[1]];
}

function intersect(l1: [number, number, number], l2: [number, number, number]): Point | null {
  const det = l1[0] * l2[1] - l1[1] * l2[0];
  if (Math.abs(det) < 1e-9) return null;
  return [(l1[2] * l2[1] - l1[1] * l2[2]) / det, (l1[0] * l2[2] - l1[2] * l2[0]) / det];
}

/** Clockwise (in image coordinates, y down) from the top-left, the first side a long one. */
function orderCorners(quad: Quad): Quad {
  const cx = quad.reduce((s, p) => s + p[0], 0) / 4;
  const cy = quad.reduce((s, p) => s + p[1], 0) / 4;
  const sorted = [...quad].sort(
    (p, q) => Math.atan2(p[1] - cy, p[0] - cx) - Math.atan2(q[1] - cy, q[0] - cx),
  );
  // Start at the corner nearest the top-left.
  let start = 0;
  sorted.forEach((p, i) => {
    const s = sorted[start] as Point;
    if (p[0] + p[1] < s[0] + s[1]) start = i;
  });
  let ordered = [0, 1, 2, 3].map((k) => sorted[(start + k) % 4] as Point);
  const side = (i: number) => {
    const a = ordered[i] as Point;
    const b = ordered[(i + 1) % 4] as Point;
    return Math.hypot(b[0] - a[0], b[1] - a[1]);
  };
  if (side(0) + side(2) < side(1) + side(3))
    ordered = [ordered[3], ordered[0], ordered[1], ordered[2]] as Point[];
  return ordered as unknown as Quad;
}

function plausibleCard(quad: Quad, area: number): boolean {
  const len = (i: number) => {
    const a = quad[i] as Point;
    const b = quad[(i + 1) % 4] as Point;
    return Math.hypot(b[0] - a[0], b[1] - a[1]);
  };
  const long = (len(0) + len(2)) / 2;
  const short = (len(1) + len(3)) / 2;
  const ratio = long / short;
  // 88 x 60 mm is 1.47; allow for perspective foreshortening.
  return ratio > 1.1 && ratio < 2.2 && long * short > area * 0.7 && long * short < area * 1.4;
}
