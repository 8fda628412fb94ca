import type { Box } from '../image/geometry';
import { type RgbImage, sampleGrid } from '../image/RgbImage';
import type { CtcMatrix } from './CtcMatrix';
import type { OnnxEngine } from './OnnxEngine';

/** One character of a reading and where its ink was, in the read image's pixels. */
export interface ReadChar {
  text: string;
  /** Centre of the character's CTC steps. */
  x: number;
  /** Its extent: halfway to the neighbouring characters (or the step span at the ends). */
  x0: number;
  x1: number;
  confidence: number;
  /** The CTC steps the character was emitted at (first, last), to look up other readings there. */
  steps: readonly [number, number];
}

/** One region read as one line. */
export interface Recognized {
  text: string;
  /** Mean probability of the emitted characters. */
  confidence: number;
  chars: ReadChar[];
  /** The recognizer's output, to score other readings of the same ink. */
  ctc: CtcMatrix;
  /** The region read, in the image's pixels. */
  region: Box;
}

const HEIGHT = 48;
const MAX_WIDTH = 1600;

/** Recognizes `region` of `image` as one line of text (CRNN, greedy CTC decoding). */
export async function recognizeText(engine: OnnxEngine, image: RgbImage, region: Box): Promise<Recognized> {
  const rw = Math.max(1, region.x1 - region.x0);
  const rh = Math.max(1, region.y1 - region.y0);
  const width = Math.min(MAX_WIDTH, Math.max(16, Math.ceil((rw * HEIGHT) / rh / 8) * 8));
  const plane = HEIGHT * width;
  const sx = rw / width;
  const sy = rh / HEIGHT;
  const { data: px } = sampleGrid(
    image,
    Float64Array.from({ length: width }, (_, x) => region.x0 + (x + 0.5) * sx - 0.5),
    Float64Array.from({ length: HEIGHT }, (_, y) => region.y0 + (y + 0.5) * sy - 0.5),
  );
  const input = new Float32Array(3 * plane);
  for (let d = 0; d < plane; d++) {
    // PaddleOCR rec normalization: (v / 255 - 0.5) / 0.5, channels in BGR order.
    input[d] = (px[3 * d + 2] as number) / 127.5 - 1;
    input[plane + d] = (px[3 * d + 1] as number) / 127.5 - 1;
    input[2 * plane + d] = (px[3 * d] as number) / 127.5 - 1;
  }
  const ctc = await engine.recognize(input, width);
  // Each output step covers width / steps input pixels, i.e. that times sx of the region.
  const stepPx = (width / Math.max(1, ctc.steps)) * sx;
  const chars = greedyChars(ctc, engine.dictionary).map((c) => ({
    text: c.text,
    confidence: c.confidence,
    x: region.x0 + ((c.first + c.last + 1) / 2) * stepPx,
    x0: region.x0 + c.from * stepPx,
    x1: region.x0 + c.to * stepPx,
    steps: [c.first, c.last] as const,
  }));
  const text = chars.map((c) => c.text).join('');
  const confidence = chars.length > 0 ? chars.reduce((s, c) => s + c.confidence, 0) / chars.length : 0;
  return { text, confidence, chars, ctc, region };
}

interface GreedyChar {
  text: string;
  confidence: number;
  /** First and last step of the character's run. */
  first: number;
  last: number;
  /** Its extent in steps: halfway to the neighbours' runs. */
  from: number;
  to: number;
}

/** Greedy CTC decoding: best class per step, repeats merged, blanks (class 0) dropped. */
export function greedyChars(m: CtcMatrix, dictionary: readonly string[]): GreedyChar[] {
  const runs: GreedyChar[] = [];
  const steps = m.steps;
  let previous = 0;
  for (let t = 0; t < steps; t++) {
    const best = m.classes[t * m.k] ?? 0;
    const bestScore = m.probs[t * m.k] ?? 0;
    const last = runs[runs.length - 1];
    if (best !== 0 && best === previous && last) {
      last.last = t;
      last.confidence = Math.max(last.confidence, bestScore);
    } else if (best !== 0) {
      runs.push({
        text: dictionary[best - 1] ?? '',
        confidence: bestScore,
        first: t,
        last: t,
        from: t,
        to: t + 1,
      });
    }
    previous = best;
  }
  runs.forEach((run, i) => {
    const before = runs[i - 1];
    const after = runs[i + 1];
    run.from = before ? (before.last + 1 + run.first) / 2 : Math.max(0, run.first - 0.5);
    run.to = after ? (run.last + 1 + after.first) / 2 : Math.min(steps, run.last + 1.5);
  });
  return runs;
}
