import type { Point } from '../image/geometry';
import {
  applyHomography,
  fitAffine,
  fitHomography,
  fitSimilarity,
  type Homography,
  invertHomography,
} from '../image/homography';
import { CARD_MM } from './cardGrid';
import type { AnchorHit, AnchorKey } from './findAnchors';

/** Where the card's grid lies in a view: mm on the card -> view pixels. */
export interface CardFit {
  mmToView: Homography;
  viewToMm: Homography;
  /** The hits that agree with the fit, one per key (the best placed). */
  anchors: AnchorHit[];
  /** Root mean square distance (mm) of the anchors' centres from their grid places. */
  residualMm: number;
  /** The model that was fitted: more anchors, spread wider, allow more freedom; or the view's outline. */
  model: 'outline' | 'similarity' | 'affine' | 'homography';
}

/**
 * Places the card's grid in the view from the anchors found there. RANSAC over pairs of anchors
 * (each pair fixes a similarity) keeps the placement most anchors agree with, so a stray match,
 * or the 副页 lying beside the main page with its own 证号 and 姓名, is left out; the agreeing
 * anchors' characters then fit an affine transform, and a homography when they span the card
 * (perspective). Null when no two anchors agree.
 */
export function fitCard(hits: readonly AnchorHit[], outline?: Homography): CardFit | null {
  let best: { model: Homography; score: number; outline?: true } | null = null;
  const centroids = hits.map(centroid);
  if (outline) {
    // A view flattened from the card's own outline places the card by its edges, exactly at every
    // corner: taken when the anchors agree with it at least as well as with any pair of them.
    const score = agreement(outline, hits, centroids).score;
    if (score > 0) best = { model: outline, score: score + OUTLINE_BONUS, outline: true };
  }
  for (let i = 0; i < hits.length; i++) {
    for (let j = i; j < hits.length; j++) {
      const a = hits[i]!;
      const b = hits[j]!;
      if (i === j ? a.points.length < 2 : a.key === b.key) continue;
      const pairs = i === j ? ends(a) : [centroids[i]!, centroids[j]!];
      if (pairs.length < 2) continue;
      const model = fitSimilarity(
        pairs.map((p) => p.mm),
        pairs.map((p) => p.view),
      );
      if (!plausibleSimilarity(model)) continue;
      const score = agreement(model, hits, centroids).score;
      if (!best || score > best.score) best = { model, score };
    }
  }
  if (!best) return null;
  let model = best.model;
  let kind: CardFit['model'] = best.outline ? 'outline' : 'similarity';
  let anchors = agreement(model, hits, centroids).anchors;
  // An outline agreed with keeps its edges unless enough anchors span the card to do better.
  for (let round = 0; round < (best.outline && anchors.length < 6 ? 0 : 2); round++) {
    const refined = refine(anchors);
    if (!refined) break;
    const again = agreement(refined.model, hits, centroids).anchors;
    if (again.length < anchors.length) break;
    model = refined.model;
    kind = refined.kind;
    anchors = again;
  }
  const grown = kind === 'outline' ? null : growUnderPerspective(model, anchors, hits, centroids);
  if (grown) {
    model = grown.model;
    kind = grown.kind;
    anchors = grown.anchors;
  }
  if (anchors.length < 2) return null;
  return {
    mmToView: model,
    viewToMm: invertHomography(model),
    anchors,
    residualMm: residual(invertHomography(model), anchors),
    model: kind,
  };
}

/** What the outline's own placement is worth beyond its anchors' agreement (one anchor's weight). */
export const OUTLINE_BONUS = 1;

function centroid(hit: AnchorHit): { mm: Point; view: Point } {
  const n = hit.points.length;
  const sum = (f: (p: AnchorHit['points'][number]) => number) => hit.points.reduce((s, p) => s + f(p), 0) / n;
  return {
    mm: [sum((p) => p.mm[0]), sum((p) => p.mm[1])],
    view: [sum((p) => p.view[0]), sum((p) => p.view[1])],
  };
}

/** First and last matched characters of one long word (the title): enough for a similarity. */
function ends(hit: AnchorHit): Array<{ mm: Point; view: Point }> {
  const first = hit.points[0]!;
  const last = hit.points[hit.points.length - 1]!;
  return Math.abs(last.mm[0] - first.mm[0]) >= 20 ? [first, last] : [];
}

/** A card between ~3 and ~60 px per mm, turned less than 35 degrees (views are roughly upright). */
function plausibleSimilarity(h: Homography): boolean {
  const scale = Math.hypot(h[0], h[3]);
  const angle = Math.atan2(h[3], h[0]);
  return scale > 3 && scale < 60 && Math.abs(angle) < (35 * Math.PI) / 180;
}

/** The best-placed agreeing hit of each key, and their total weight. */
function agreement(
  mmToView: Homography,
  hits: readonly AnchorHit[],
  centroids: ReadonlyArray<{ mm: Point; view: Point }>,
): { score: number; anchors: AnchorHit[] } {
  let viewToMm: Homography;
  try {
    viewToMm = invertHomography(mmToView);
  } catch {
    return { score: 0, anchors: [] };
  }
  const byKey = closestByKey(
    viewToMm,
    hits,
    centroids,
    (hit, error) => error <= hit.tolerance && spanAgrees(mmToView, hit),
  );
  const anchors = [...byKey.values()].map((v) => v.hit);
  // Weight, less a little for misplacement, so the tighter of two equal placements wins.
  const score = [...byKey.values()].reduce(
    (s, v) => s + v.hit.weight * (1 - (0.2 * v.error) / v.hit.tolerance),
    0,
  );
  return { score, anchors };
}

/**
 * Of the hits `accept` takes, given how far (mm) each lies from its place under `viewToMm`, the
 * best-placed of each key.
 */
function closestByKey(
  viewToMm: Homography,
  hits: readonly AnchorHit[],
  centroids: ReadonlyArray<{ mm: Point; view: Point }>,
  accept: (hit: AnchorHit, error: number) => boolean,
): Map<AnchorKey, { hit: AnchorHit; error: number }> {
  const byKey = new Map<AnchorKey, { hit: AnchorHit; error: number }>();
  hits.forEach((hit, i) => {
    const c = centroids[i]!;
    const [x, y] = applyHomography(viewToMm, c.view);
    const error = Math.hypot(x - c.mm[0], y - c.mm[1]);
    if (!accept(hit, error)) return;
    const known = byKey.get(hit.key);
    if (!known || error < known.error) byKey.set(hit.key, { hit, error });
  });
  return byKey;
}

/**
 * A word's own characters tell its size in the view: a placement that stretches or shrinks them
 * by 30 % or more is not theirs (a pair of anchors fits any two exactly: the title and the 副页's
 * 姓名), even where its centre lands on its place. Only words spanning 10 mm and more: a short
 * one's characters are too few and too close to tell.
 */
function spanAgrees(mmToView: Homography, hit: AnchorHit): boolean {
  const first = hit.points[0]!;
  const last = hit.points[hit.points.length - 1]!;
  if (Math.abs(last.mm[0] - first.mm[0]) < MIN_SPAN_MM) return true;
  const placed = Math.abs(applyHomography(mmToView, last.mm)[0] - applyHomography(mmToView, first.mm)[0]);
  const ratio = Math.abs(last.view[0] - first.view[0]) / placed;
  return ratio < SPAN_RATIO && ratio > 1 / SPAN_RATIO;
}

const MIN_SPAN_MM = 10;
const SPAN_RATIO = 1.3;

/**
 * More freedom when the agreeing anchors allow it: affine from three keys off one line; a
 * homography only when they span the card (top and bottom, left and right) and it fits clearly
 * better than the affine one (perspective): a homography fitted to a corner of the card
 * extrapolates wildly to the rest.
 */
function refine(
  anchors: readonly AnchorHit[],
): { model: Homography; kind: Exclude<CardFit['model'], 'outline'> } | null {
  // One point per anchor, its centre: a line's box gives its characters one height, right only
  // in its middle when the text is turned.
  const points = anchors.map(centroid);
  const mm = points.map((p) => p.mm);
  const view = points.map((p) => p.view);
  const centers = mm;
  const xs = centers.map(([x]) => x);
  const ys = centers.map(([, y]) => y);
  const spreadX = Math.max(...xs) - Math.min(...xs);
  const spreadY = Math.max(...ys) - Math.min(...ys);
  try {
    const similarity = fitSimilarity(mm, view);
    // An affine fit from anchors on a few neighbouring rows shears the rest of the card; one that
    // hinges on a lone anchor follows that anchor's misplacement across it.
    if (anchors.length < 3 || spreadY < 20 || spreadX < 20 || maxLeverage(mm) >= MAX_LEVERAGE)
      return { model: similarity, kind: 'similarity' };
    const affine = fitAffine(mm, view);
    if (!plausibleCard(affine)) return { model: similarity, kind: 'similarity' };
    if (anchors.length >= 5 && spreadX >= 40 && Math.min(...ys) < 16 && Math.max(...ys) > 44) {
      const h = fitHomography(mm, view);
      if (plausibleCard(h) && viewResidual(h, points) < 0.7 * viewResidual(affine, points))
        return { model: h, kind: 'homography' };
    }
    return { model: affine, kind: 'affine' };
  } catch {
    return null;
  }
}

/**
 * How far (mm) a label may lie off its place under the affine fit and still be taken in by a
 * homography: under strong perspective a far row ends up most of a row off (a row is 5.7 mm),
 * where the label's own words still say which row it is.
 */
const PERSPECTIVE_REACH_MM = 7;

/**
 * Under a perspective the affine model cannot undo (a card seen at a slant, or cut along a wrong
 * outline), the anchors agreeing with it are those near one another, and the labels of the far
 * rows lie a row off. Their own words name them: they are taken in where an affine fit, or a
 * homography fitting clearly better (as in refine), places every one of them and every anchor
 * already agreeing within its tolerance. Only labels are taken in and fitted: a lone date fits
 * either date row, and values are misregistered, which a homography's extra freedom followed
 * into the card's far side (10910: the class read from the validity's row). The values that
 * placed the card must still agree.
 */
function growUnderPerspective(
  model: Homography,
  anchors: readonly AnchorHit[],
  hits: readonly AnchorHit[],
  centroids: ReadonlyArray<{ mm: Point; view: Point }>,
): { model: Homography; anchors: AnchorHit[]; kind: 'affine' | 'homography' } | null {
  const viewToMm = invertHomography(model);
  const have = new Set(anchors.map((a) => a.key));
  const near = closestByKey(
    viewToMm,
    hits,
    centroids,
    (hit, error) => !have.has(hit.key) && isPrintedLabel(hit) && error <= PERSPECTIVE_REACH_MM,
  );
  if (near.size === 0) return null;
  const all = [...anchors, ...[...near.values()].map((n) => n.hit)];
  const points = all.filter(isPrintedLabel).map(centroid);
  const xs = points.map((p) => p.mm[0]);
  const ys = points.map((p) => p.mm[1]);
  // Labels bunched in a corner of the card leave the rest to extrapolation; labels along one line
  // (the title, a column of labels, a far corner's gloss: 11165) leave the tilt across it free.
  if (
    points.length < 5 ||
    Math.max(...xs) - Math.min(...xs) < 30 ||
    Math.max(...ys) - Math.min(...ys) < 30 ||
    spreadAcross(points.map((p) => p.mm)) < MIN_SPREAD_ACROSS_MM ||
    maxLeverage(points.map((p) => p.mm)) >= MAX_LEVERAGE
  )
    return null;
  const mm = points.map((p) => p.mm);
  const view = points.map((p) => p.view);
  // A model that places every anchor, old and new, within its tolerance.
  const placing = (fitModel: (mm: Point[], view: Point[]) => Homography) => {
    try {
      const h = fitModel(mm, view);
      const agreed = plausibleCard(h) ? agreement(h, hits, centroids).anchors : [];
      const keys = new Set(agreed.map((a) => a.key));
      return all.every((a) => keys.has(a.key))
        ? { model: h, anchors: agreed, residual: viewResidual(h, points) }
        : null;
    } catch {
      return null;
    }
  };
  const affine = placing(fitAffine);
  const homography = placing(fitHomography);
  // As in refine: the homography only where it fits clearly better than the affine fit.
  if (homography && (!affine || homography.residual < 0.7 * affine.residual))
    return { ...homography, kind: 'homography' };
  return affine && { ...affine, kind: 'affine' };
}

/**
 * How far (mm, a standard deviation) the labels taken in must lie off the line through them: labels
 * spread over the card lie 9 mm and more off it; 3.6 mm (11165: the title, one column of labels
 * and a far gloss) let the fit turn the card's right side by 7 degrees.
 */
const MIN_SPREAD_ACROSS_MM = 6;

/** The points' spread (standard deviation, mm) across the line that fits them best. */
export function spreadAcross(points: readonly Point[]): number {
  const { xx, xy, yy } = scatter(points);
  // The smaller eigenvalue of the covariance: the variance across the principal axis.
  const smaller = (xx + yy) / 2 - Math.sqrt(((xx - yy) / 2) ** 2 + xy ** 2);
  return Math.sqrt(Math.max(0, smaller));
}

/**
 * The leverage at which a fit is said to hinge on one anchor: the anchor sets 90 % of its own
 * fitted place, so the fit passes through it whatever its error (a character's position read a
 * millimetre off), and the card's far side swings with it.
 */
const MAX_LEVERAGE = 0.9;

/**
 * The largest leverage of `points` in a fit linear in x and y (an affine fit's, each coordinate
 * alike): the diagonal of the hat matrix of the design [1, x, y], 1/n plus the point's squared
 * Mahalanobis distance from their mean over n. 1 where three or fewer points, or all on one line,
 * leave the fit no freedom to check them.
 */
export function maxLeverage(points: readonly Point[]): number {
  const n = points.length;
  if (n <= 3) return 1;
  const { mx, my, xx, xy, yy } = scatter(points);
  const det = xx * yy - xy * xy;
  if (det <= 1e-9 * (xx + yy) ** 2) return 1;
  return Math.max(
    ...points.map(([x, y]) => {
      const dx = x - mx;
      const dy = y - my;
      return (1 + (dx * dx * yy - 2 * dx * dy * xy + dy * dy * xx) / det) / n;
    }),
  );
}

/** The points' mean and covariance. */
function scatter(points: readonly Point[]): { mx: number; my: number; xx: number; xy: number; yy: number } {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let xx = 0;
  let xy = 0;
  let yy = 0;
  for (const [x, y] of points) {
    xx += (x - mx) ** 2 / n;
    xy += ((x - mx) * (y - my)) / n;
    yy += (y - my) ** 2 / n;
  }
  return { mx, my, xx, xy, yy };
}

/** The form's own print (title, labels, glosses), which sits on its grid; values are printed apart. */
const isPrintedLabel = (hit: AnchorHit) => !hit.key.endsWith('Value');

function viewResidual(h: Homography, points: ReadonlyArray<{ mm: Point; view: Point }>): number {
  return Math.sqrt(
    points.reduce((s, p) => {
      const [x, y] = applyHomography(h, p.mm);
      return s + (x - p.view[0]) ** 2 + (y - p.view[1]) ** 2;
    }, 0) / Math.max(1, points.length),
  );
}

/** The card's corners map to a convex quadrilateral whose sides keep roughly the card's proportions. */
function plausibleCard(h: Homography): boolean {
  const { width, height } = CARD_MM;
  const q = [
    [0, 0],
    [width, 0],
    [width, height],
    [0, height],
  ].map((p) => applyHomography(h, p as unknown as Point));
  for (let i = 0; i < 4; i++) {
    const [ax, ay] = q[i]!;
    const [bx, by] = q[(i + 1) % 4]!;
    const [cx, cy] = q[(i + 2) % 4]!;
    if ((bx - ax) * (cy - by) - (by - ay) * (cx - bx) <= 0) return false;
  }
  const side = (i: number) => Math.hypot(q[(i + 1) % 4]![0] - q[i]![0], q[(i + 1) % 4]![1] - q[i]![1]);
  const ratio = (side(0) + side(2)) / (side(1) + side(3));
  return ratio > (width / height) * 0.6 && ratio < (width / height) * 1.6;
}

function residual(viewToMm: Homography, anchors: readonly AnchorHit[]): number {
  const points = anchors.map(centroid);
  const sum = points.reduce((s, p) => {
    const [x, y] = applyHomography(viewToMm, p.view);
    return s + (x - p.mm[0]) ** 2 + (y - p.mm[1]) ** 2;
  }, 0);
  return Math.sqrt(sum / Math.max(1, points.length));
}
