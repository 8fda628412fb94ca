import { ctcLogLikelihood } from './ctcScore';
import type { OnnxEngine } from './OnnxEngine';
import { createRgbImage, type RgbImage, sampleBilinear } from './RgbImage';
import { recognizeText } from './recognizeText';
import { correctSeal } from './sealGrammar';

export interface SealRing {
  cx: number;
  cy: number;
  /** Radius of the ring (outer edge of the stroke), pixels. */
  radius: number;
}

/**
 * Red ink: clearly more red than green and blue, in ratio as well as difference, so warm paper,
 * skin and wood do not count. Returns 0 for anything else.
 */
function redness(r: number, g: number, b: number): number {
  const d = r - Math.max(g, b);
  // Relative to the red level so dim photos count too.
  if (r < 60 || d < r * 0.3) return 0;
  return d;
}

const CELL = 6;

/**
 * Finds the seal on a rectified card: red cells (CELL x CELL blocks with red ink) grouped
 * 8-connected; the largest roughly square group is the ring with its text and star.
 */
export function findSealRing(card: RgbImage): SealRing | null {
  const gw = Math.ceil(card.width / CELL);
  const gh = Math.ceil(card.height / CELL);
  const cells = new Uint8Array(gw * gh);
  for (let y = 0; y < card.height; y += 2) {
    for (let x = 0; x < card.width; x += 2) {
      const o = (y * card.width + x) * 3;
      if (redness(card.data[o] ?? 0, card.data[o + 1] ?? 0, card.data[o + 2] ?? 0) > 60) {
        const c = Math.floor(y / CELL) * gw + Math.floor(x / CELL);
        cells[c] = Math.min(255, (cells[c] ?? 0) + 1);
      }
    }
  }
  const label = new Int32Array(gw * gh);
  let best: { x0: number; y0: number; x1: number; y1: number; count: number } | null = null;
  let id = 0;
  for (let start = 0; start < cells.length; start++) {
    if ((cells[start] ?? 0) < 1 || label[start] !== 0) continue;
    id++;
    const stack = [start];
    label[start] = id;
    const box = { x0: gw, y0: gh, x1: 0, y1: 0, count: 0 };
    while (stack.length > 0) {
      const p = stack.pop() as number;
      const x = p % gw;
      const y = (p - x) / gw;
      box.count++;
      box.x0 = Math.min(box.x0, x);
      box.y0 = Math.min(box.y0, y);
      box.x1 = Math.max(box.x1, x);
      box.y1 = Math.max(box.y1, y);
      // Reach two cells: uneven stamp ink breaks the ring into dashes.
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= gw || yy >= gh) continue;
          const q = yy * gw + xx;
          if ((cells[q] ?? 0) >= 1 && label[q] === 0) {
            label[q] = id;
            stack.push(q);
          }
        }
      }
    }
    const w = box.x1 - box.x0 + 1;
    const h = box.y1 - box.y0 + 1;
    const square = w / h > 0.6 && w / h < 1.6 && Math.min(w, h) * CELL > card.height * 0.12;
    if (square && (!best || box.count > best.count)) best = box;
  }
  if (!best) return null;
  const cx = ((best.x0 + best.x1 + 1) / 2) * CELL;
  const cy = ((best.y0 + best.y1 + 1) / 2) * CELL;
  const coarse = ((best.x1 - best.x0 + best.y1 - best.y0 + 2) / 4) * CELL;
  return refineRing(card, cx, cy, coarse);
}

/**
 * The ring as a circle fitted (algebraic least squares) to the outermost red pixel along each of
 * 90 rays from the rough centre: robust to a ring cut by the card edge, a finger or faint ink,
 * which make the red bounding box a poor guide. Twice, from the refined centre.
 */
function refineRing(card: RgbImage, cx0: number, cy0: number, r0: number): SealRing {
  let ring = { cx: cx0, cy: cy0, radius: r0 };
  for (let pass = 0; pass < 2; pass++) {
    const points: Array<[number, number]> = [];
    for (let i = 0; i < 90; i++) {
      const a = (i / 90) * Math.PI * 2;
      const cos = Math.cos(a);
      const sin = Math.sin(a);
      for (let r = ring.radius * 1.3; r >= ring.radius * 0.6; r -= 1) {
        const x = Math.round(ring.cx + r * cos);
        const y = Math.round(ring.cy + r * sin);
        if (x < 0 || y < 0 || x >= card.width || y >= card.height) continue;
        const o = (y * card.width + x) * 3;
        if (redness(card.data[o] ?? 0, card.data[o + 1] ?? 0, card.data[o + 2] ?? 0) > 35) {
          points.push([x, y]);
          break;
        }
      }
    }
    const fitted = fitCircle(points);
    if (!fitted || fitted.radius < r0 * 0.6 || fitted.radius > r0 * 1.6) break;
    ring = fitted;
  }
  return ring;
}

/** Kasa fit: x^2 + y^2 + Dx + Ey + F = 0 by least squares; null if degenerate. */
function fitCircle(points: ReadonlyArray<[number, number]>): SealRing | null {
  if (points.length < 12) return null;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  let sxz = 0;
  let syz = 0;
  let sz = 0;
  for (const [x, y] of points) {
    const z = x * x + y * y;
    sx += x;
    sy += y;
    sxx += x * x;
    syy += y * y;
    sxy += x * y;
    sxz += x * z;
    syz += y * z;
    sz += z;
  }
  const n = points.length;
  // Normal equations for [D, E, F].
  const m = [
    [sxx, sxy, sx, -sxz],
    [sxy, syy, sy, -syz],
    [sx, sy, n, -sz],
  ];
  for (let c = 0; c < 3; c++) {
    let p = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs(m[r]?.[c] ?? 0) > Math.abs(m[p]?.[c] ?? 0)) p = r;
    [m[c], m[p]] = [m[p] as number[], m[c] as number[]];
    const pivot = m[c]?.[c] ?? 0;
    if (Math.abs(pivot) < 1e-9) return null;
    for (let r = 0; r < 3; r++) {
      if (r === c) continue;
      const f = (m[r]?.[c] ?? 0) / pivot;
      for (let k = c; k < 4; k++) (m[r] as number[])[k] = (m[r]?.[k] ?? 0) - f * (m[c]?.[k] ?? 0);
    }
  }
  const d = (m[0]?.[3] ?? 0) / (m[0]?.[0] ?? 1);
  const e = (m[1]?.[3] ?? 0) / (m[1]?.[1] ?? 1);
  const f = (m[2]?.[3] ?? 0) / (m[2]?.[2] ?? 1);
  const cx = -d / 2;
  const cy = -e / 2;
  const r2 = cx * cx + cy * cy - f;
  return r2 > 0 ? { cx, cy, radius: Math.sqrt(r2) } : null;
}

/** Radial band of the text, as fractions of the ring radius (outer first). */
const BAND_OUTER = 0.93;
const BAND_INNER = 0.5;
/** Half the unwrapped angle, around the top. */
const HALF_SPAN = Math.PI * 0.85;
const STRIP_HEIGHT = 48;

/**
 * Unwraps the ring's upper arc into a straight strip, left to right clockwise over the top, outer
 * radius at the top row; red ink becomes dark on white so black print under the seal vanishes.
 */
export function unwrapSeal(card: RgbImage, ring: SealRing): RgbImage {
  const mid = ring.radius * ((BAND_OUTER + BAND_INNER) / 2);
  const pxPerUnit = STRIP_HEIGHT / (ring.radius * (BAND_OUTER - BAND_INNER));
  const width = Math.round(2 * HALF_SPAN * mid * pxPerUnit);
  const strip = createRgbImage(width, STRIP_HEIGHT);
  const px = new Uint8Array(3);
  for (let x = 0; x < width; x++) {
    const a = -Math.PI / 2 - HALF_SPAN + (x / (width - 1)) * 2 * HALF_SPAN;
    const cos = Math.cos(a);
    const sin = Math.sin(a);
    for (let y = 0; y < STRIP_HEIGHT; y++) {
      const r = ring.radius * (BAND_OUTER - (y / (STRIP_HEIGHT - 1)) * (BAND_OUTER - BAND_INNER));
      sampleBilinear(card, ring.cx + r * cos, ring.cy + r * sin, px, 0);
      const ink = Math.max(0, Math.min(255, (redness(px[0] ?? 0, px[1] ?? 0, px[2] ?? 0) - 15) * 3));
      const o = (y * width + x) * 3;
      strip.data[o] = 255 - ink;
      strip.data[o + 1] = 255 - ink;
      strip.data[o + 2] = 255 - ink;
    }
  }
  return strip;
}

/** Reads the issuing authority along the seal's arc, corrected by the seal grammar; '' if no seal. */
export async function readSeal(engine: OnnxEngine, card: RgbImage): Promise<string> {
  const ring = findSealRing(card);
  if (!ring) return '';
  const strip = unwrapSeal(card, ring);
  const read = await recognizeText(engine, strip, { x0: 0, y0: 0, x1: strip.width, y1: strip.height });
  const index = new Map(engine.dictionary.map((ch, i) => [ch, i + 1] as const));
  const score = (text: string): number => {
    const labels = [...text].map((ch) => index.get(ch) ?? -1);
    if (labels.includes(-1)) return Number.NEGATIVE_INFINITY;
    return ctcLogLikelihood(read.scores, read.steps, read.classes, labels);
  };
  return correctSeal(read.text, score);
}
