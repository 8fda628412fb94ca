/** Plain 2-D geometry shared by every stage: points, quadrilaterals and axis-aligned boxes. */

export type Point = readonly [number, number];
/** Corners clockwise from the card's top-left: tl, tr, br, bl. */
export type Quad = readonly [Point, Point, Point, Point];

/** An axis-aligned box (x0 < x1, y0 < y1) in the pixels of whatever image it belongs to. */
export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export const boxWidth = (b: Box): number => b.x1 - b.x0;
export const boxHeight = (b: Box): number => b.y1 - b.y0;
export const boxCenter = (b: Box): Point => [(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2];

/** The smallest box holding every point. */
export function boundingBox(points: readonly Point[]): Box {
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** The box's corners as a quad (tl, tr, br, bl). */
export function boxQuad(b: Box): Quad {
  return [
    [b.x0, b.y0],
    [b.x1, b.y0],
    [b.x1, b.y1],
    [b.x0, b.y1],
  ];
}

/** Share of `a`'s area that `b` covers. */
export function coverage(a: Box, b: Box): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  if (w <= 0 || h <= 0) return 0;
  return (w * h) / Math.max(1e-9, boxWidth(a) * boxHeight(a));
}
