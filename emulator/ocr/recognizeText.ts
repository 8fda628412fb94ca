import type { OnnxEngine } from './OnnxEngine';
import type { RgbImage } from './RgbImage';
import { sampleBilinear } from './RgbImage';

/** One recognized line: the text, its mean character confidence and the raw CTC scores. */
export interface Recognized {
  text: string;
  confidence: number;
  /** [T, classes] softmax scores, kept for re-scoring candidate readings (the seal). */
  scores: Float32Array;
  steps: number;
  classes: number;
}

const HEIGHT = 48;
const MAX_WIDTH = 1600;

/** Recognizes the region (x0, y0)-(x1, y1) of `image` as one line of text (CRNN + greedy CTC). */
export async function recognizeText(
  engine: OnnxEngine,
  image: RgbImage,
  region: { x0: number; y0: number; x1: number; y1: number },
): Promise<Recognized> {
  const rw = Math.max(1, region.x1 - region.x0);
  const rh = Math.max(1, region.y1 - region.y0);
  const width = Math.min(MAX_WIDTH, Math.max(16, Math.ceil((rw * HEIGHT) / rh / 8) * 8));
  const plane = HEIGHT * width;
  const input = new Float32Array(3 * plane);
  const px = new Uint8Array(3);
  const sx = rw / width;
  const sy = rh / HEIGHT;
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < width; x++) {
      sampleBilinear(image, region.x0 + (x + 0.5) * sx - 0.5, region.y0 + (y + 0.5) * sy - 0.5, px, 0);
      const d = y * width + x;
      // PaddleOCR rec normalization: (v / 255 - 0.5) / 0.5, channels in BGR order.
      input[d] = (px[2] ?? 0) / 127.5 - 1;
      input[plane + d] = (px[1] ?? 0) / 127.5 - 1;
      input[2 * plane + d] = (px[0] ?? 0) / 127.5 - 1;
    }
  }
  const out = await engine.recognize(input, 1, width);
  const steps = out.dims[1] ?? 0;
  const classes = out.dims[2] ?? 0;
  const { text, confidence } = greedyDecode(out.data, steps, classes, engine.dictionary);
  return { text, confidence, scores: out.data, steps, classes };
}

/** Greedy CTC decoding: best class per step, repeats merged, blanks (class 0) dropped. */
export function greedyDecode(
  scores: Float32Array,
  steps: number,
  classes: number,
  dictionary: readonly string[],
): { text: string; confidence: number } {
  let text = '';
  let sum = 0;
  let count = 0;
  let previous = 0;
  for (let t = 0; t < steps; t++) {
    let best = 0;
    let bestScore = -1;
    const base = t * classes;
    for (let c = 0; c < classes; c++) {
      const v = scores[base + c] ?? 0;
      if (v > bestScore) {
        bestScore = v;
        best = c;
      }
    }
    if (best !== 0 && best !== previous) {
      text += dictionary[best - 1] ?? '';
      sum += bestScore;
      count++;
    }
    previous = best;
  }
  return { text, confidence: count > 0 ? sum / count : 0 };
}
