import type { Box } from '../image/geometry';
import type { RgbImage } from '../image/RgbImage';
import type { OnnxEngine } from './OnnxEngine';

const MEAN = [0.485, 0.456, 0.406] as const;
const STD = [0.229, 0.224, 0.225] as const;
/** Each channel's byte values normalized, looked up rather than worked out per pixel. */
const NORMALIZED = Float32Array.from({ length: 3 * 256 }, (_, i) => {
  const c = Math.floor(i / 256);
  return ((i % 256) / 255 - (MEAN[c] ?? 0)) / (STD[c] ?? 1);
});
/** DB post-processing constants as PaddleOCR ships them. */
const BIN_THRESHOLD = 0.3;
const BOX_THRESHOLD = 0.5;
const UNCLIP_RATIO = 1.6;

/**
 * Runs the DB detector on `image` (dimensions padded to multiples of 32) and returns axis-aligned
 * boxes in its pixels. Text is expected to run roughly horizontally (a flattened card, or a photo
 * whose card lies within a few degrees of level).
 */
export async function detectText(engine: OnnxEngine, image: RgbImage): Promise<Box[]> {
  const width = Math.ceil(image.width / 32) * 32;
  const height = Math.ceil(image.height / 32) * 32;
  const plane = width * height;
  const input = new Float32Array(3 * plane);
  // Pad with the normalized value of white paper, not zero (black), to avoid edge responses.
  for (let c = 0; c < 3; c++) input.fill((1 - (MEAN[c] ?? 0)) / (STD[c] ?? 1), c * plane, (c + 1) * plane);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const s = (y * image.width + x) * 3;
      const d = y * width + x;
      for (let c = 0; c < 3; c++)
        input[c * plane + d] = NORMALIZED[c * 256 + (image.data[s + c] as number)] as number;
    }
  }
  const out = await engine.detect(input, height, width);
  return boxesFromProbability(out.data, width, height, image.width, image.height);
}

/** DB post-processing: connected regions above the threshold, scored, then grown (unclipped). */
export function boxesFromProbability(
  prob: Float32Array,
  w: number,
  h: number,
  maxX: number,
  maxY: number,
): Box[] {
  const label = new Int32Array(w * h);
  const boxes: Box[] = [];
  const stack: number[] = [];
  let id = 0;
  for (let start = 0; start < prob.length; start++) {
    if ((prob[start] ?? 0) <= BIN_THRESHOLD || label[start] !== 0) continue;
    id++;
    label[start] = id;
    stack.push(start);
    let x0 = w;
    let y0 = h;
    let x1 = 0;
    let y1 = 0;
    let sum = 0;
    let count = 0;
    while (stack.length > 0) {
      const p = stack.pop() as number;
      const x = p % w;
      const y = (p - x) / w;
      sum += prob[p] ?? 0;
      count++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (let k = 0; k < 4; k++) {
        const q =
          k === 0 ? (x > 0 ? p - 1 : -1) : k === 1 ? (x < w - 1 ? p + 1 : -1) : k === 2 ? p - w : p + w;
        if (q >= 0 && q < prob.length && label[q] === 0 && prob[q]! > BIN_THRESHOLD) {
          label[q] = id;
          stack.push(q);
        }
      }
    }
    const bw = x1 - x0 + 1;
    const bh = y1 - y0 + 1;
    if (Math.min(bw, bh) < 3 || sum / count < BOX_THRESHOLD) continue;
    const d = (bw * bh * UNCLIP_RATIO) / (2 * (bw + bh));
    boxes.push({
      x0: Math.max(0, x0 - d),
      y0: Math.max(0, y0 - d),
      x1: Math.min(maxX, x1 + 1 + d),
      y1: Math.min(maxY, y1 + 1 + d),
    });
  }
  return boxes;
}
