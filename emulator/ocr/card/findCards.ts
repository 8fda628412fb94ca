import type { Point, Quad } from '../image/geometry';
import type { RgbImage } from '../image/RgbImage';
import { type EdgeMap, edgeMap } from './edgeMap';
import { houghLines, type Line } from './houghLines';

/** Long side of the edge map the card is searched in. */
const EDGE_SIZE = 480;
const MAX_LINES = 36;
/** Candidate quadrilaterals scored at most (the finder's worst-case cost). */
const MAX_SCORED = 4000;
const DEG = Math.PI / 180;

/**
 * Finds the card outline in a photo: colour edges, Hough lines, then every quadrilateral made of
 * two roughly parallel pairs of lines is scored by how much of its four sides is backed by edge
 * pixels oriented like the side (so background lines that run past the card score low on the
 * sides they lengthen). Rounded corners are skipped when scoring; the best quadrilateral's sides
 * are refitted to their edge pixels. Returns the corners clockwise, the first side a long one,
 * or null when no card-like quadrilateral is there.
 */
export function findCard(image: RgbImage): Quad | null {
  return findCards(image, 1)[0] ?? null;
}

/**
 * Up to `max` distinct card outlines, best first: the caller reads the first and falls back to
 * the next when the reading does not look like a licence (a sheet of paper under the card can
 * outscore it).
 */
export function findCards(image: RgbImage, max: number): Quad[] {
  const edges = edgeMap(image, EDGE_SIZE);
  const s = edges.scale;
  return bestQuads(edges, max).map((quad) =>
    orderCorners(
      quad.map(([x, y]) => [(x + 0.5) * s - 0.5, (y + 0.5) * s - 0.5] as const) as unknown as Quad,
    ),
  );
}

interface Candidate {
  quad: Quad;
  score: number;
}

function bestQuads(edges: EdgeMap, max: number): Quad[] {
  const { width: w, height: h } = edges;
  const short = Math.min(w, h);
  const lines = houghLines(edges, MAX_LINES, short * 0.1);
  const pairs: Array<[Line, Line]> = [];
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const a = lines[i] as Line;
      const b = lines[j] as Line;
      // Opposite sides of a card under perspective converge but stay within ~35 degrees.
      if (angleBetween(a, b) > 35 * DEG) continue;
      pairs.push([a, b]);
    }
  }
  // Strong pairs first, and a cap on scored candidates: wood grain or stacked paper can yield
  // hundreds of parallel pairs, and the card's sides are among the strongest lines anyway.
  pairs.sort((p, q) => q[0].votes + q[1].votes - (p[0].votes + p[1].votes));
  const area = w * h;
  const density = interiorDensity(edges);
  const ranked: Candidate[] = [];
  let budget = MAX_SCORED;
  for (let i = 0; i < pairs.length && budget > 0; i++) {
    for (let j = i + 1; j < pairs.length && budget > 0; j++) {
      const [a, b] = pairs[i] as [Line, Line];
      const [c, d] = pairs[j] as [Line, Line];
      if (angleBetween(a, c) < 45 * DEG) continue;
      const corners = [intersect(a, c), intersect(c, b), intersect(b, d), intersect(d, a)];
      if (corners.some((p) => p === null)) continue;
      const quad = orderCorners(corners as unknown as Quad);
      if (!plausible(quad, w, h, area)) continue;
      budget--;
      const outline = support(edges, quad);
      if (outline <= 0) continue;
      // A licence is densely printed; sheets of paper and desk edges enclose far less ink.
      const score = outline * (density(quad) + 0.02);
      ranked.push({ quad, score });
    }
  }
  ranked.sort((p, q) => q.score - p.score);
  const distinct: Quad[] = [];
  const tolerance = 0.08 * Math.max(w, h);
  for (const { quad } of ranked) {
    if (distinct.length >= max) break;
    if (
      distinct.some((k) =>
        k.every((p, i) => Math.hypot(p[0] - (quad[i] as Point)[0], p[1] - (quad[i] as Point)[1]) < tolerance),
      )
    )
      continue;
    distinct.push(quad);
  }
  return distinct.map((quad) => {
    const fitted = refine(edges, quad);
    return innerCard(edges, fitted) ?? fitted;
  });
}

/**
 * A laminated card or one in a clear sleeve shows two nested outlines: the sleeve and, a few
 * percent inside, the printed card. When every side has a strong parallel edge just inside it,
 * the inner outline is the card.
 */
function innerCard(edges: EdgeMap, q: Quad): Quad | null {
  const offsets: Array<number | null> = [];
  for (let i = 0; i < 4; i++) {
    const a = q[i] as Point;
    const b = q[(i + 1) % 4] as Point;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    // Inward normal for a clockwise quad (y down).
    const nx = -(b[1] - a[1]) / len;
    const ny = (b[0] - a[0]) / len;
    const across = (side(q, (i + 1) % 4) + side(q, (i + 3) % 4)) / 2;
    let best: { f: number; d: number } | null = null;
    for (let d = 2; d <= Math.max(3, across * 0.07); d += 0.5) {
      const f = sideSupport(edges, [a[0] + nx * d, a[1] + ny * d], [b[0] + nx * d, b[1] + ny * d]);
      if (f >= 0.55 && (!best || f > best.f)) best = { f, d };
    }
    offsets.push(best ? best.d / across : null);
  }
  // A finger or glare may hide one inner edge: the sleeve's margin is even, so borrow the others'.
  const found = offsets.filter((o): o is number => o !== null);
  if (found.length < 3) return null;
  const mean = found.reduce((x, y) => x + y, 0) / found.length;
  const shifted: Point[][] = [];
  for (let i = 0; i < 4; i++) {
    const a = q[i] as Point;
    const b = q[(i + 1) % 4] as Point;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const nx = -(b[1] - a[1]) / len;
    const ny = (b[0] - a[0]) / len;
    const d = (offsets[i] ?? mean) * ((side(q, (i + 1) % 4) + side(q, (i + 3) % 4)) / 2);
    shifted.push([
      [a[0] + nx * d, a[1] + ny * d],
      [b[0] + nx * d, b[1] + ny * d],
    ]);
  }
  const corners: Point[] = [];
  for (let i = 0; i < 4; i++) {
    const p = lineIntersection(shifted[(i + 3) % 4] as Point[], shifted[i] as Point[]);
    if (!p) return null;
    corners.push(p);
  }
  return refine(edges, corners as unknown as Quad);
}

function lineIntersection([p1, p2]: Point[], [p3, p4]: Point[]): Point | null {
  if (!p1 || !p2 || !p3 || !p4) return null;
  const d = (p1[0] - p2[0]) * (p3[1] - p4[1]) - (p1[1] - p2[1]) * (p3[0] - p4[0]);
  if (Math.abs(d) < 1e-9) return null;
  const a = p1[0] * p2[1] - p1[1] * p2[0];
  const b = p3[0] * p4[1] - p3[1] * p4[0];
  return [(a * (p3[0] - p4[0]) - (p1[0] - p2[0]) * b) / d, (a * (p3[1] - p4[1]) - (p1[1] - p2[1]) * b) / d];
}

/**
 * Share of interior sample points (a 16 x 11 grid, the border band skipped) with an edge pixel
 * within 2 px: printed text makes the card's interior dense with edges.
 */
function interiorDensity(edges: EdgeMap): (q: Quad) => number {
  const { width: w, height: h, strength } = edges;
  // Integral image of edge pixels for O(1) window counts.
  const sum = new Int32Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let run = 0;
    for (let x = 0; x < w; x++) {
      run += (strength[y * w + x] ?? 0) > 0 ? 1 : 0;
      sum[(y + 1) * (w + 1) + x + 1] = (sum[y * (w + 1) + x + 1] ?? 0) + run;
    }
  }
  const count = (x0: number, y0: number, x1: number, y1: number): number =>
    (sum[y1 * (w + 1) + x1] ?? 0) -
    (sum[y0 * (w + 1) + x1] ?? 0) -
    (sum[y1 * (w + 1) + x0] ?? 0) +
    (sum[y0 * (w + 1) + x0] ?? 0);
  return (q) => {
    const [tl, tr, br, bl] = q;
    let hits = 0;
    let n = 0;
    for (let j = 0; j < 11; j++) {
      const v = 0.1 + (0.8 * j) / 10;
      for (let i = 0; i < 16; i++) {
        const u = 0.1 + (0.8 * i) / 15;
        const x = Math.round((1 - v) * ((1 - u) * tl[0] + u * tr[0]) + v * ((1 - u) * bl[0] + u * br[0]));
        const y = Math.round((1 - v) * ((1 - u) * tl[1] + u * tr[1]) + v * ((1 - u) * bl[1] + u * br[1]));
        if (x < 2 || y < 2 || x >= w - 3 || y >= h - 3) continue;
        n++;
        if (count(x - 2, y - 2, x + 3, y + 3) > 0) hits++;
      }
    }
    return n > 0 ? hits / n : 0;
  };
}

function angleBetween(a: Line, b: Line): number {
  const d = Math.abs(a.theta - b.theta) % Math.PI;
  return Math.min(d, Math.PI - d);
}

function intersect(l1: Line, l2: Line): Point | null {
  const a1 = Math.cos(l1.theta);
  const b1 = Math.sin(l1.theta);
  const a2 = Math.cos(l2.theta);
  const b2 = Math.sin(l2.theta);
  const det = a1 * b2 - b1 * a2;
  if (Math.abs(det) < 1e-9) return null;
  return [(l1.rho * b2 - b1 * l2.rho) / det, (a1 * l2.rho - l1.rho * a2) / det];
}

const side = (q: Quad, i: number): number => {
  const a = q[i] as Point;
  const b = q[(i + 1) % 4] as Point;
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
};

/** Convex, mostly inside the photo, big enough, and shaped like an 88 x 60 mm card in perspective. */
function plausible(q: Quad, w: number, h: number, area: number): boolean {
  const margin = 0.04 * Math.max(w, h);
  for (const [x, y] of q) if (x < -margin || y < -margin || x > w + margin || y > h + margin) return false;
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const a = q[i] as Point;
    const b = q[(i + 1) % 4] as Point;
    const c = q[(i + 2) % 4] as Point;
    const cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  const long = (side(q, 0) + side(q, 2)) / 2;
  const shortSide = (side(q, 1) + side(q, 3)) / 2;
  const ratio = long / shortSide;
  if (ratio < 1.1 || ratio > 2.3) return false;
  // Opposite sides of a flat card seen from a phone differ by far less than 2x.
  if (Math.max(side(q, 0), side(q, 2)) > 1.8 * Math.min(side(q, 0), side(q, 2))) return false;
  if (Math.max(side(q, 1), side(q, 3)) > 1.8 * Math.min(side(q, 1), side(q, 3))) return false;
  return polygonArea(q) > area * 0.02;
}

function polygonArea(q: Quad): number {
  let s = 0;
  for (let i = 0; i < 4; i++) {
    const a = q[i] as Point;
    const b = q[(i + 1) % 4] as Point;
    s += a[0] * b[1] - b[0] * a[1];
  }
  return Math.abs(s) / 2;
}

/** Fraction of points along the side (corners skipped) with an edge pixel oriented like it. */
function sideSupport(edges: EdgeMap, a: Point, b: Point): number {
  const { width: w, height: h, strength, angle } = edges;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  const nx = -dy / len;
  const ny = dx / len;
  const normal = Math.atan2(ny, nx);
  const steps = Math.max(10, Math.round(len / 1.5));
  let inside = 0;
  let hit = 0;
  for (let k = 0; k <= steps; k++) {
    const t = 0.08 + (0.84 * k) / steps;
    const px = a[0] + dx * t;
    const py = a[1] + dy * t;
    if (px < 1 || py < 1 || px >= w - 1 || py >= h - 1) continue;
    inside++;
    for (let o = -2; o <= 2; o++) {
      const x = Math.round(px + nx * o);
      const y = Math.round(py + ny * o);
      if (x < 0 || y < 0 || x >= w || y >= h) continue;
      const i = y * w + x;
      if ((strength[i] ?? 0) === 0) continue;
      let d = Math.abs((angle[i] ?? 0) - normal) % Math.PI;
      d = Math.min(d, Math.PI - d);
      if (d < 20 * DEG) {
        hit++;
        break;
      }
    }
  }
  // A side running out of the photo is neither evidence for nor against the card.
  return inside < steps * 0.3 ? -1 : hit / inside;
}

/**
 * Supported perimeter times the weakest side's support: a long background line completing the
 * quadrilateral adds length but leaves the sides it stretches poorly supported.
 */
function support(edges: EdgeMap, q: Quad): number {
  let supported = 0;
  let weakest = 1;
  let known = 0;
  for (let i = 0; i < 4; i++) {
    const f = sideSupport(edges, q[i] as Point, q[(i + 1) % 4] as Point);
    if (f < 0) continue;
    // Most candidates fail on their first side: stop early, this loop is the finder's hot path.
    if (f < 0.3) return 0;
    known++;
    supported += f * side(q, i);
    weakest = Math.min(weakest, f);
  }
  if (known < 3 || weakest < 0.3) return 0;
  return supported * weakest;
}

/** Each side refitted (total least squares) to the edge pixels within 2.5 px of it. */
function refine(edges: EdgeMap, q: Quad): Quad {
  const { width: w, strength, angle } = edges;
  const fitted: Array<[number, number, number] | null> = [];
  for (let i = 0; i < 4; i++) {
    const a = q[i] as Point;
    const b = q[(i + 1) % 4] as Point;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len = Math.hypot(dx, dy);
    const nx = -dy / len;
    const ny = dx / len;
    const normal = Math.atan2(ny, nx);
    const pts: Point[] = [];
    const x0 = Math.max(0, Math.floor(Math.min(a[0], b[0]) - 3));
    const x1 = Math.min(w - 1, Math.ceil(Math.max(a[0], b[0]) + 3));
    const y0 = Math.max(0, Math.floor(Math.min(a[1], b[1]) - 3));
    const y1 = Math.min(edges.height - 1, Math.ceil(Math.max(a[1], b[1]) + 3));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const p = y * w + x;
        if ((strength[p] ?? 0) === 0) continue;
        const t = ((x - a[0]) * dx + (y - a[1]) * dy) / (len * len);
        if (t < 0.1 || t > 0.9) continue;
        if (Math.abs((x - a[0]) * nx + (y - a[1]) * ny) > 2.5) continue;
        let d = Math.abs((angle[p] ?? 0) - normal) % Math.PI;
        d = Math.min(d, Math.PI - d);
        if (d < 20 * DEG) pts.push([x, y]);
      }
    }
    fitted.push(pts.length >= 10 ? fitLine(pts) : null);
  }
  const lineOf = (i: number): [number, number, number] => {
    const f = fitted[i];
    if (f) return f;
    const a = q[i] as Point;
    const b = q[(i + 1) % 4] as Point;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const na = -(b[1] - a[1]) / len;
    const nb = (b[0] - a[0]) / len;
    return [na, nb, na * a[0] + nb * a[1]];
  };
  const corners: Point[] = [];
  for (let i = 0; i < 4; i++) {
    const l1 = lineOf((i + 3) % 4);
    const l2 = lineOf(i);
    const det = l1[0] * l2[1] - l1[1] * l2[0];
    if (Math.abs(det) < 1e-9) return q;
    corners.push([(l1[2] * l2[1] - l1[1] * l2[2]) / det, (l1[0] * l2[2] - l1[2] * l2[0]) / det]);
  }
  // A refit that moved a corner far is a refit onto clutter: keep the Hough corners.
  for (let i = 0; i < 4; i++) {
    const c = corners[i] as Point;
    const o = q[i] as Point;
    if (Math.hypot(c[0] - o[0], c[1] - o[1]) > 6) return q;
  }
  return corners as unknown as Quad;
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
  const theta = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  const a = -Math.sin(theta);
  const b = Math.cos(theta);
  return [a, b, a * mx + b * my];
}

/** Clockwise (in image coordinates, y down) from the top-left, the first side a long one. */
export function orderCorners(quad: Quad): Quad {
  const cx = quad.reduce((s, p) => s + p[0], 0) / 4;
  const cy = quad.reduce((s, p) => s + p[1], 0) / 4;
  const sorted = [...quad].sort(
    (p, q) => Math.atan2(p[1] - cy, p[0] - cx) - Math.atan2(q[1] - cy, q[0] - cx),
  );
  let start = 0;
  sorted.forEach((p, i) => {
    const s = sorted[start] as Point;
    if (p[0] + p[1] < s[0] + s[1]) start = i;
  });
  let ordered = [0, 1, 2, 3].map((k) => sorted[(start + k) % 4] as Point);
  const len = (i: number) => {
    const a = ordered[i] as Point;
    const b = ordered[(i + 1) % 4] as Point;
    return Math.hypot(b[0] - a[0], b[1] - a[1]);
  };
  if (len(0) + len(2) < len(1) + len(3))
    ordered = [ordered[3], ordered[0], ordered[1], ordered[2]] as Point[];
  return ordered as unknown as Quad;
}
