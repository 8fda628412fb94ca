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

/** A box's area (square pixels of its image). */
export function boxArea(b: Box): number {
  return (b.x1 - b.x0) * (b.y1 - b.y0);
}

/** A box's corners clockwise from its top-left. */
export function boxCorners(b: Box): Quad {
  return [
    [b.x0, b.y0],
    [b.x1, b.y0],
    [b.x1, b.y1],
    [b.x0, b.y1],
  ];
}
