import type { EdgeMap } from './edgeMap';

/** A line x cos(theta) + y sin(theta) = rho, theta in [0, pi). */
export interface Line {
  theta: number;
  rho: number;
  votes: number;
}

const THETA_BINS = 180;
/** Each edge pixel votes only near its own gradient direction: fewer spurious peaks, less work. */
const VOTE_SPREAD = 3;

/**
 * The strongest straight lines of an edge map (Hough transform, 1 degree x 1 pixel bins), with
 * non-maximum suppression so one physical edge yields one line.
 */
export function houghLines(edges: EdgeMap, maxLines: number, minVotes: number): Line[] {
  const { width: w, height: h } = edges;
  const diag = Math.ceil(Math.hypot(w, h));
  const rhoBins = 2 * diag + 1;
  const acc = new Float32Array(THETA_BINS * rhoBins);
  const cos = new Float64Array(THETA_BINS);
  const sin = new Float64Array(THETA_BINS);
  for (let t = 0; t < THETA_BINS; t++) {
    cos[t] = Math.cos((t * Math.PI) / THETA_BINS);
    sin[t] = Math.sin((t * Math.PI) / THETA_BINS);
  }
  for (const p of edges.points) {
    const x = p % w;
    const y = (p - x) / w;
    let a = edges.angle[p] ?? 0;
    if (a < 0) a += Math.PI;
    const center = Math.round((a * THETA_BINS) / Math.PI);
    for (let k = -VOTE_SPREAD; k <= VOTE_SPREAD; k++) {
      const t = (((center + k) % THETA_BINS) + THETA_BINS) % THETA_BINS;
      const rho = Math.round(x * (cos[t] ?? 0) + y * (sin[t] ?? 0));
      const i = t * rhoBins + rho + diag;
      acc[i] = (acc[i] ?? 0) + 1;
    }
  }
  // Light smoothing along rho so an edge straddling two bins keeps its full vote count.
  const peaks: Line[] = [];
  for (let t = 0; t < THETA_BINS; t++) {
    for (let r = 1; r < rhoBins - 1; r++) {
      const i = t * rhoBins + r;
      const v = (acc[i] ?? 0) + 0.5 * ((acc[i - 1] ?? 0) + (acc[i + 1] ?? 0));
      if (v < minVotes) continue;
      peaks.push({ theta: (t * Math.PI) / THETA_BINS, rho: r - diag, votes: v });
    }
  }
  peaks.sort((a, b) => b.votes - a.votes);
  const kept: Line[] = [];
  for (const line of peaks) {
    if (kept.some((k) => sameLine(k, line))) continue;
    // Wood grain, floor boards or ruled paper give dozens of strong parallel lines: a cap per
    // direction leaves room for the card's sides running the other way.
    if (kept.filter((k) => angleApart(k, line) < PARALLEL).length >= MAX_PARALLEL) continue;
    kept.push(line);
    if (kept.length >= maxLines) break;
  }
  return kept;
}

/** Lines kept at most per direction (within PARALLEL of each other). */
const MAX_PARALLEL = 20;
const PARALLEL = (8 * Math.PI) / 180;

/** Angle between two lines' directions, 0..pi/2. */
function angleApart(a: Line, b: Line): number {
  const d = Math.abs(a.theta - b.theta) % Math.PI;
  return Math.min(d, Math.PI - d);
}

/** Near-identical lines (theta wraps at pi with rho negated). */
function sameLine(a: Line, b: Line): boolean {
  const d = Math.abs(a.theta - b.theta);
  if (d < (5 * Math.PI) / 180) return Math.abs(a.rho - b.rho) < 8;
  if (Math.PI - d < (5 * Math.PI) / 180) return Math.abs(a.rho + b.rho) < 8;
  return false;
}
