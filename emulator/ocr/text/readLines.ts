import type { Box } from '../image/geometry';
import { type RgbImage, resizeRgb } from '../image/RgbImage';
import { detectText } from './detectText';
import type { OnnxEngine } from './OnnxEngine';
import { recognizeText } from './recognizeText';
import type { TextLine } from './TextLine';

/** Text boxes of `image` (its pixels), the detector given a copy scaled by `detScale`. */
export async function detectBoxes(engine: OnnxEngine, image: RgbImage, detScale: number): Promise<Box[]> {
  if (detScale >= 1) return detectText(engine, image);
  const small = resizeRgb(image, Math.round(image.width * detScale), Math.round(image.height * detScale));
  const boxes = await detectText(engine, small);
  return boxes.map((b) => ({
    x0: b.x0 / detScale,
    y0: b.y0 / detScale,
    x1: b.x1 / detScale,
    y1: b.y1 / detScale,
  }));
}

/** Reads each box of `image` as a line; boxes too small to hold a character are skipped. */
export async function readBoxes(
  engine: OnnxEngine,
  image: RgbImage,
  boxes: readonly Box[],
): Promise<TextLine[]> {
  // All at once: each worker takes its share while this thread prepares the next.
  const legible = boxes.filter((box) => box.y1 - box.y0 >= 5 && box.x1 - box.x0 >= 5);
  const reads = await Promise.all(legible.map((box) => recognizeText(engine, image, padded(box, boxes))));
  const lines: TextLine[] = [];
  for (const [i, read] of reads.entries()) {
    if (read.text.trim() === '') continue;
    lines.push({ ...read, box: legible[i]! });
  }
  return lines;
}

/**
 * The box widened by up to 0.3 of its height on each side, never into a neighbour on its row: the
 * detector's box often clips the first or last character of short values (C2 read as C).
 */
export function padded(box: Box, boxes: readonly Box[]): Box {
  const h = box.y1 - box.y0;
  let left = 0.3 * h;
  let right = 0.3 * h;
  for (const o of boxes) {
    if (o === box || o.y1 <= box.y0 + h * 0.3 || o.y0 >= box.y1 - h * 0.3) continue;
    if (o.x0 < box.x0) left = Math.min(left, Math.max(0, (box.x0 - o.x1) / 2));
    if (o.x1 > box.x1) right = Math.min(right, Math.max(0, (o.x0 - box.x1) / 2));
  }
  return { x0: box.x0 - left, y0: box.y0, x1: box.x1 + right, y1: box.y1 };
}
