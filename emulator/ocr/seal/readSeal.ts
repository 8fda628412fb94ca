import type { Box } from '../image/geometry';
import { fromPlane, redInkAsPrint, redness } from '../image/inkMaps';
import type { RgbImage } from '../image/RgbImage';
import { SEAL } from '../layout/cardGrid';
import type { FlatCard } from '../layout/flattenCard';
import { concatCtc, ctcLogLikelihood } from '../text/CtcMatrix';
import type { OnnxEngine } from '../text/OnnxEngine';
import { type Recognized, recognizeText } from '../text/recognizeText';
import { correctSeal, looksLikeAuthority } from './sealGrammar';

export interface SealReading {
  /** The authority's name, '' when the stamp is missing or not legible as one. */
  text: string;
  /** What the three lines read, joined, before the grammar. */
  read: string;
  /** The stamp's frame on the card (mm), null when no red stamp was found. */
  box: Box | null;
  /** Each text line's region (mm) and reading. */
  lines: Array<{ box: Box; text: string; confidence: number }>;
}

/** Where the stamp is looked for: its grid place plus room for an off-centre stamp (mm). */
const SEARCH: Box = { x0: SEAL.x0 - 1.5, y0: SEAL.y0 - 2, x1: SEAL.x1 + 1.5, y1: SEAL.y1 + 2 };
/** Share of the search region that must be red ink for a stamp to be there. */
const MIN_RED_SHARE = 0.015;

/**
 * Reads the issuing authority's square red stamp: its red ink alone (black print under or beside
 * it vanishes), the frame found from the ink, the inside split into its three lines of text, each
 * line read, the lines joined. The grammar of authority names may then choose among readings the
 * ink supports; it never supplies a name the ink does not show.
 */
export async function readSeal(engine: OnnxEngine, card: FlatCard): Promise<SealReading> {
  const k = card.pxPerMm;
  const x0 = Math.round(SEARCH.x0 * k);
  const y0 = Math.round(SEARCH.y0 * k);
  const crop = cut(card.image, x0, y0, Math.round(SEARCH.x1 * k), Math.round(SEARCH.y1 * k));
  const red = redness(crop);
  const strong = [...red].filter((v) => v > 25).sort((a, b) => a - b);
  const none: SealReading = { text: '', read: '', box: null, lines: [] };
  if (strong.length < red.length * MIN_RED_SHARE) return none;
  const strength = strong[Math.floor(strong.length * 0.9)] ?? 60;
  const mask = red.map((v) => (v > Math.max(18, 0.35 * strength) ? 1 : 0));
  const frame = inkExtent(mask, crop.width, crop.height, k);
  if (!frame) return none;
  const toMm = (b: Box): Box => ({
    x0: (b.x0 + x0) / k,
    y0: (b.y0 + y0) / k,
    x1: (b.x1 + x0) / k,
    y1: (b.y1 + y0) / k,
  });
  // Each line read twice: red ink alone (black print beside it gone), and the green channel as it
  // is (red ink is dark there at full resolution; colour is blurred by the camera and JPEG). The
  // more confident reading of each line is kept.
  const renditions = [redInkAsPrint(crop, strength), greenChannel(crop)];
  const bands = textBands(mask, crop.width, frame, k);
  const reads: Recognized[] = [];
  for (const band of bands) {
    let best: Recognized | null = null;
    for (const image of renditions) {
      const r = await recognizeText(engine, image, band);
      if (!best || r.confidence > best.confidence) best = r;
    }
    reads.push(best as Recognized);
  }
  const read = reads
    .map((r) => r.text)
    .join('')
    .replace(/[^\u4e00-\u9fff]/g, '');
  const ctc = concatCtc(reads.map((r) => r.ctc));
  const score = (text: string) => {
    const classes = engine.classesOf(text);
    return classes ? ctcLogLikelihood(ctc, classes) : Number.NEGATIVE_INFINITY;
  };
  const corrected = correctSeal(read, score);
  return {
    text: looksLikeAuthority(corrected) ? corrected : '',
    read,
    box: toMm(frame),
    lines: bands.map((band, i) => ({
      box: toMm(band),
      text: reads[i]?.text ?? '',
      confidence: reads[i]?.confidence ?? 0,
    })),
  };
}

function greenChannel(image: RgbImage): RgbImage {
  return fromPlane(
    Float32Array.from({ length: image.width * image.height }, (_, i) => image.data[i * 3 + 1] ?? 0),
    image.width,
    image.height,
  );
}

function cut(image: RgbImage, x0: number, y0: number, x1: number, y1: number): RgbImage {
  const a = Math.max(0, x0);
  const b = Math.max(0, y0);
  const w = Math.max(1, Math.min(image.width, x1) - a);
  const h = Math.max(1, Math.min(image.height, y1) - b);
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++)
    data.set(
      image.data.subarray(((b + y) * image.width + a) * 3, ((b + y) * image.width + a + w) * 3),
      y * w * 3,
    );
  return { data, width: w, height: h };
}

/**
 * The stamp's extent: the longest run of rows (and of columns) holding red ink, small gaps
 * bridged, so a speck of red elsewhere in the search region does not stretch it.
 */
function inkExtent(mask: Float32Array, w: number, h: number, pxPerMm: number): Box | null {
  const rows = new Float32Array(h);
  const cols = new Float32Array(w);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (mask[y * w + x]) {
        rows[y]! += 1;
        cols[x]! += 1;
      }
  // The gaps between the stamp's lines hold only its frame's sides: bridged (up to 3.5 mm).
  const ys = longestRun(rows, w * 0.02, pxPerMm * 3.5);
  const xs = longestRun(cols, h * 0.02, pxPerMm * 3.5);
  if (!ys || !xs) return null;
  // A stamp is about 20 mm square; anything under 8 mm is a red mark, not the seal.
  if (ys[1] - ys[0] < 8 * pxPerMm || xs[1] - xs[0] < 8 * pxPerMm) return null;
  return { x0: xs[0], y0: ys[0], x1: xs[1], y1: ys[1] };
}

function longestRun(profile: Float32Array, min: number, gap: number): [number, number] | null {
  let best: [number, number] | null = null;
  let start = -1;
  let last = -1;
  for (let i = 0; i <= profile.length; i++) {
    const on = i < profile.length && (profile[i] ?? 0) >= min;
    if (on) {
      if (start < 0 || i - last > gap) {
        if (start >= 0 && (!best || last - start > best[1] - best[0])) best = [start, last + 1];
        start = i;
      }
      last = i;
    }
  }
  if (start >= 0 && (!best || last - start > best[1] - best[0])) best = [start, last + 1];
  return best;
}

/**
 * The three lines inside the frame: the rows holding red ink, in runs; when there are three runs
 * they are the lines (padded a little), else the inside is cut in thirds. The frame's own lines
 * are left out.
 */
function textBands(mask: Float32Array, w: number, frame: Box, pxPerMm: number): Box[] {
  const inset = Math.round(0.9 * pxPerMm);
  const top = frame.y0 + inset;
  const bottom = frame.y1 - inset;
  const left = frame.x0 + inset;
  const right = frame.x1 - inset;
  const rows: number[] = [];
  for (let y = top; y < bottom; y++) {
    let n = 0;
    for (let x = left; x < right; x++) n += mask[y * w + x] ?? 0;
    rows.push(n);
  }
  const peak = Math.max(...rows, 1);
  const runs: Array<[number, number]> = [];
  rows.forEach((n, i) => {
    const last = runs[runs.length - 1];
    if (n < peak * 0.12) return;
    if (last && i - last[1] <= pxPerMm * 0.4) last[1] = i + 1;
    else runs.push([i, i + 1]);
  });
  const lines = runs.filter(([a, b]) => b - a >= pxPerMm * 1.5);
  const pad = pxPerMm * 0.5;
  const height = bottom - top;
  const spans: Array<[number, number]> =
    lines.length === 3
      ? lines.map(([a, b]) => [Math.max(0, a - pad), Math.min(height, b + pad)])
      : [0, 1, 2].map((i) => [(i * height) / 3, ((i + 1) * height) / 3]);
  return spans.map(([a, b]) => ({ x0: left, y0: top + a, x1: right, y1: top + b }));
}
