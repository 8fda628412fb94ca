import type { Point, Quad } from './geometry';

/** A 3x3 projective transform, row-major: (x, y) -> ((h0 x + h1 y + h2) / w, (h3 x + h4 y + h5) / w), w = h6 x + h7 y + h8. */
export type Homography = readonly [number, number, number, number, number, number, number, number, number];

export function applyHomography(h: Homography, [x, y]: Point): Point {
  const w = h[6] * x + h[7] * y + h[8];
  return [(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w];
}

/** `a` after `b`: the transform that applies b first, then a. */
export function composeHomography(a: Homography, b: Homography): Homography {
  const out: number[] = [];
  for (let r = 0; r < 3; r++)
    for (let c = 0; c < 3; c++)
      out.push(a[r * 3]! * b[c]! + a[r * 3 + 1]! * b[3 + c]! + a[r * 3 + 2]! * b[6 + c]!);
  return normalize(out);
}

export function invertHomography(h: Homography): Homography {
  const [a, b, c, d, e, f, g, k, m] = h;
  const inv = [
    e * m - f * k,
    c * k - b * m,
    b * f - c * e,
    f * g - d * m,
    a * m - c * g,
    c * d - a * f,
    d * k - e * g,
    b * g - a * k,
    a * e - b * d,
  ];
  const det = a * inv[0]! + b * inv[3]! + c * inv[6]!;
  if (Math.abs(det) < 1e-12) throw new Error('homography is not invertible');
  return normalize(inv);
}

/** Uniform scale (and nothing else). */
export function scaling(sx: number, sy = sx): Homography {
  return [sx, 0, 0, 0, sy, 0, 0, 0, 1];
}

/**
 * Least-squares homography taking each `from[i]` to `to[i]` (direct linear transform on
 * normalized coordinates, 4+ pairs). Exact for four pairs in general position.
 */
export function fitHomography(from: readonly Point[], to: readonly Point[]): Homography {
  if (from.length < 4 || from.length !== to.length) throw new Error('fitHomography needs 4+ point pairs');
  const nf = normalizer(from);
  const nt = normalizer(to);
  // Normal equations of the 8-unknown linear system (h8 = 1) in normalized coordinates.
  const ata = Array.from({ length: 8 }, () => new Float64Array(9));
  const addRow = (row: number[], rhs: number) => {
    for (let i = 0; i < 8; i++) {
      const ri = row[i] ?? 0;
      if (ri === 0) continue;
      const target = ata[i] as Float64Array;
      for (let j = 0; j < 8; j++) target[j] = (target[j] ?? 0) + ri * (row[j] ?? 0);
      target[8] = (target[8] ?? 0) + ri * rhs;
    }
  };
  for (let i = 0; i < from.length; i++) {
    const [x, y] = applyHomography(nf, from[i] as Point);
    const [u, v] = applyHomography(nt, to[i] as Point);
    addRow([x, y, 1, 0, 0, 0, -u * x, -u * y], u);
    addRow([0, 0, 0, x, y, 1, -v * x, -v * y], v);
  }
  const solution = solve(ata);
  const h = normalize([...solution, 1]);
  return composeHomography(invertHomography(nt), composeHomography(h, nf));
}

/** Least-squares affine transform (6 parameters) taking `from[i]` to `to[i]` (3+ pairs). */
export function fitAffine(from: readonly Point[], to: readonly Point[]): Homography {
  if (from.length < 3 || from.length !== to.length) throw new Error('fitAffine needs 3+ point pairs');
  const rows: number[][] = [];
  const rhs: number[] = [];
  for (let i = 0; i < from.length; i++) {
    const [x, y] = from[i] as Point;
    const [u, v] = to[i] as Point;
    rows.push([x, y, 1, 0, 0, 0], [0, 0, 0, x, y, 1]);
    rhs.push(u, v);
  }
  const [a, b, c, d, e, f] = leastSquares(rows, rhs);
  return [a ?? 1, b ?? 0, c ?? 0, d ?? 0, e ?? 1, f ?? 0, 0, 0, 1];
}

/** Least-squares similarity (rotation, uniform scale, shift) taking `from[i]` to `to[i]` (2+ pairs). */
export function fitSimilarity(from: readonly Point[], to: readonly Point[]): Homography {
  if (from.length < 2 || from.length !== to.length) throw new Error('fitSimilarity needs 2+ point pairs');
  const rows: number[][] = [];
  const rhs: number[] = [];
  for (let i = 0; i < from.length; i++) {
    const [x, y] = from[i] as Point;
    const [u, v] = to[i] as Point;
    rows.push([x, -y, 1, 0], [y, x, 0, 1]);
    rhs.push(u, v);
  }
  const [a = 1, b = 0, tx = 0, ty = 0] = leastSquares(rows, rhs);
  return [a, -b, tx, b, a, ty, 0, 0, 1];
}

/** The homography taking the pixels of a flat `width` x `height` rectangle to where they lie in `quad`. */
export function rectToQuad(quad: Quad, width: number, height: number): Homography {
  return fitHomography(
    [
      [0, 0],
      [width - 1, 0],
      [width - 1, height - 1],
      [0, height - 1],
    ],
    quad,
  );
}

function normalize(h: readonly number[]): Homography {
  const s = h[8] !== undefined && Math.abs(h[8]) > 1e-12 ? h[8] : 1;
  return h.map((v) => v / s) as unknown as Homography;
}

/** Moves points to their centroid and scales them to mean distance sqrt(2) (Hartley). */
function normalizer(points: readonly Point[]): Homography {
  const cx = points.reduce((s, [x]) => s + x, 0) / points.length;
  const cy = points.reduce((s, [, y]) => s + y, 0) / points.length;
  const mean = points.reduce((s, [x, y]) => s + Math.hypot(x - cx, y - cy), 0) / points.length;
  const k = mean > 1e-9 ? Math.SQRT2 / mean : 1;
  return [k, 0, -k * cx, 0, k, -k * cy, 0, 0, 1];
}

function leastSquares(rows: readonly number[][], rhs: readonly number[]): number[] {
  const n = rows[0]?.length ?? 0;
  const ata = Array.from({ length: n }, () => new Float64Array(n + 1));
  rows.forEach((row, k) => {
    for (let i = 0; i < n; i++) {
      const target = ata[i] as Float64Array;
      for (let j = 0; j < n; j++) target[j] = (target[j] ?? 0) + (row[i] ?? 0) * (row[j] ?? 0);
      target[n] = (target[n] ?? 0) + (row[i] ?? 0) * (rhs[k] ?? 0);
    }
  });
  return solve(ata);
}

/** Gaussian elimination with partial pivoting on an augmented n x (n+1) system. */
function solve(a: Float64Array[]): number[] {
  const n = a.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]!;
    if (Math.abs(p[col]!) < 1e-12) throw new Error('degenerate point configuration');
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const q = a[r]!;
      const f = q[col]! / p[col]!;
      if (f === 0) continue;
      for (let k = col; k <= n; k++) q[k] = q[k]! - f * p[k]!;
    }
  }
  return a.map((row, i) => row[n]! / row[i]!);
}
