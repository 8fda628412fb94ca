import { type Box, boxArea, type Point } from '../image/geometry';
import { applyHomography, invertHomography } from '../image/homography';
import { channel, fromPlane, paperColour, quantile, redInkAsPrint, redness } from '../image/inkMaps';
import { type RgbImage, resizeRgb } from '../image/RgbImage';
import { SEAL } from '../layout/cardGrid';
import type { FlatCard } from '../layout/flattenCard';
import { detectText } from '../text/detectText';
import type { OnnxEngine } from '../text/OnnxEngine';
import { type Recognized, recognizeText } from '../text/recognizeText';
import { joined, nameOfLines } from './nameOfLines';
import { isKnownAuthority, looksLikeAuthority } from './sealGrammar';

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

/** Where the stamp is looked for: its grid place plus room for an off-centre stamp or placement (mm). */
const SEARCH: Box = { x0: Math.max(0, SEAL.x0 - 3), y0: SEAL.y0 - 4, x1: SEAL.x1 + 3, y1: SEAL.y1 + 4 };
/** Mean character confidence above which a line's first reading is kept without a second. */
const SURE = 0.9;
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
  const search = [
    [SEARCH.x0, SEARCH.y0],
    [SEARCH.x1, SEARCH.y1],
  ].map((p) => applyHomography(card.mmToFlat, p as unknown as Point));
  const x0 = Math.max(0, Math.round(search[0]![0]));
  const y0 = Math.max(0, Math.round(search[0]![1]));
  const crop = cut(card.image, x0, y0, Math.round(search[1]![0]), Math.round(search[1]![1]));
  // Redness against the card's own paper (a colour cast shifts both).
  const paper = paperColour(card.image);
  const redLevel = redness(crop, paper);
  const strong = redLevel.filter((v) => v > 25);
  const none: SealReading = { text: '', read: '', box: null, lines: [] };
  if (strong.length < redLevel.length * MIN_RED_SHARE) return none;
  const strength = quantile(strong, 0.9);
  const mask = redLevel.map((v) => (v > Math.max(18, 0.35 * strength) ? 1 : 0));
  const frame = frameOf(mask, crop.width, crop.height, k) ?? inkExtent(mask, crop.width, crop.height, k);
  if (!frame) return none;
  const flatToMm = invertHomography(card.mmToFlat);
  const toMm = (b: Box): Box => {
    const [a, c] = [
      applyHomography(flatToMm, [b.x0 + x0, b.y0 + y0]),
      applyHomography(flatToMm, [b.x1 + x0, b.y1 + y0]),
    ];
    return { x0: a[0], y0: a[1], x1: c[0], y1: c[1] };
  };
  // Each line read from the green channel as it is (red ink is dark there at full resolution;
  // colour is blurred by the camera and JPEG) and, unless that reads confidently, from the red ink
  // alone (black print beside it gone); the more confident reading is kept.
  const green = greenChannel(crop);
  const red = redInkAsPrint(crop, strength, paper);
  const bands = (await detectedLines(engine, red, frame, k)) ?? textBands(mask, crop.width, frame, k);
  const reads: Recognized[] = await Promise.all(
    bands.map(async (band) => {
      const first = await recognizeText(engine, green, band);
      if (first.confidence >= SURE) return first;
      const again = await recognizeText(engine, red, band);
      return again.confidence > first.confidence ? again : first;
    }),
  );
  const read = joined(reads);
  const corrected = nameOfLines(engine, reads);
  // A name of the grammar's list stands; one off the list (a county's 大队) only when every line
  // read confidently and it names a real place and a traffic police body: anything else is a
  // misread, left empty.
  const sure = reads.every((r) => r.confidence >= SURE) && looksLikeAuthority(corrected);
  return {
    text: isKnownAuthority(corrected) || sure ? corrected : '',
    read,
    box: toMm(frame),
    lines: bands.map((band, i) => ({
      box: toMm(band),
      text: reads[i]?.text ?? '',
      confidence: reads[i]?.confidence ?? 0,
    })),
  };
}

/**
 * The stamp's frame: the red connected region with the largest extent (its frame lines hold
 * together while its characters stand apart), joined by the pieces it touches (a frame line worn
 * through leaves a side, or a corner, as a piece of its own), when that is stamp-sized and square.
 * Null for a stamp whose frame is worn through.
 */
function frameOf(mask: Float32Array, w: number, h: number, pxPerMm: number): Box | null {
  const label = new Int32Array(w * h);
  const stack: number[] = [];
  const pieces: Box[] = [];
  let id = 0;
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || label[start]) continue;
    label[start] = ++id;
    stack.push(start);
    let x0 = w;
    let y0 = h;
    let x1 = 0;
    let y1 = 0;
    while (stack.length > 0) {
      const p = stack.pop()!;
      const x = p % w;
      const y = (p - x) / w;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const q = p + dy * w + dx;
          if (x + dx < 0 || x + dx >= w || y + dy < 0 || y + dy >= h || !mask[q] || label[q]) continue;
          label[q] = id;
          stack.push(q);
        }
      }
    }
    pieces.push({ x0, y0, x1: x1 + 1, y1: y1 + 1 });
  }
  const largest = pieces.reduce<Box | null>((a, b) => (!a || boxArea(b) > boxArea(a) ? b : a), null);
  if (!largest) return null;
  let best: Box = largest;
  const side = (v: number) => v >= 12 * pxPerMm && v <= 26 * pxPerMm;
  const gap = pxPerMm;
  for (let grown = true; grown; ) {
    grown = false;
    for (const p of pieces) {
      const near =
        p.x0 <= best.x1 + gap && p.x1 >= best.x0 - gap && p.y0 <= best.y1 + gap && p.y1 >= best.y0 - gap;
      const union: Box = {
        x0: Math.min(best.x0, p.x0),
        y0: Math.min(best.y0, p.y0),
        x1: Math.max(best.x1, p.x1),
        y1: Math.max(best.y1, p.y1),
      };
      // Only pieces of at least a character's size: specks of red beside the stamp stay out.
      const sized = Math.max(p.x1 - p.x0, p.y1 - p.y0) >= 3 * pxPerMm;
      if (
        near &&
        sized &&
        boxArea(union) > boxArea(best) &&
        union.x1 - union.x0 <= 26 * pxPerMm &&
        union.y1 - union.y0 <= 26 * pxPerMm
      ) {
        best = union;
        grown = true;
      }
    }
  }
  // The stamp is square: a frame much narrower than tall lost a side (to glare, say), and the
  // ink's own extent serves better.
  const [fw, fh] = [best.x1 - best.x0, best.y1 - best.y0];
  return side(fw) && side(fh) && Math.abs(fw - fh) <= 0.15 * Math.max(fw, fh) ? best : null;
}

/**
 * The stamp's text lines as the text detector finds them on its red ink, inside the frame: the
 * lines where they are, however the stamp was inked or set, and a third where two were found
 * (withThirdLine). Null unless two to four lines.
 */
async function detectedLines(
  engine: OnnxEngine,
  print: RgbImage,
  frame: Box,
  pxPerMm: number,
): Promise<Box[] | null> {
  const inset = 0.7 * pxPerMm;
  const inside = { x0: frame.x0 + inset, y0: frame.y0 + inset, x1: frame.x1 - inset, y1: frame.y1 - inset };
  // Lines 4 mm high are found as well at half the resolution, for a quarter of the cost.
  const half = resizeRgb(print, Math.round(print.width / 2), Math.round(print.height / 2));
  const boxes = (await detectText(engine, half))
    .map((b) => ({ x0: b.x0 * 2, y0: b.y0 * 2, x1: b.x1 * 2, y1: b.y1 * 2 }))
    .filter((b) => {
      const cx = (b.x0 + b.x1) / 2;
      const cy = (b.y0 + b.y1) / 2;
      return (
        cx > inside.x0 && cx < inside.x1 && cy > inside.y0 && cy < inside.y1 && b.y1 - b.y0 >= 2 * pxPerMm
      );
    })
    .sort((a, b) => a.y0 - b.y0);
  // Pieces of one line (the detector may split it) joined.
  const rows: Box[] = [];
  for (const b of boxes) {
    const last = rows[rows.length - 1];
    const overlap = last ? Math.min(last.y1, b.y1) - Math.max(last.y0, b.y0) : 0;
    if (last && overlap > 0.5 * Math.min(last.y1 - last.y0, b.y1 - b.y0)) {
      rows[rows.length - 1] = {
        x0: Math.min(last.x0, b.x0),
        y0: Math.min(last.y0, b.y0),
        x1: Math.max(last.x1, b.x1),
        y1: Math.max(last.y1, b.y1),
      };
    } else rows.push(b);
  }
  if (rows.length < 2 || rows.length > 4) return null;
  const [a, b] = rows;
  return (rows.length === 2 && a && b ? withThirdLine(a, b, inside) : rows).map((r) => ({
    x0: inside.x0,
    y0: Math.max(inside.y0, r.y0),
    x1: inside.x1,
    y1: Math.min(inside.y1, r.y1),
  }));
}

/**
 * Two lines found of the stamp's three, evenly set: the third where the other two leave room for
 * it, a line's height or more (between them, else above or below them inside the frame), at their
 * pitch. Glare or a faint inking hides one line from the detector; its ink is still read.
 */
export function withThirdLine(a: Box, b: Box, inside: Box): Box[] {
  const h = (a.y1 - a.y0 + (b.y1 - b.y0)) / 2;
  const gap = b.y0 - a.y1;
  const band = (y0: number): Box => ({ x0: a.x0, y0, x1: a.x1, y1: y0 + h });
  if (gap >= h) return [a, band(a.y1 + (gap - h) / 2), b];
  const pitch = b.y0 - a.y0;
  const above = a.y0 - inside.y0;
  const below = inside.y1 - b.y1;
  if (Math.max(above, below) < h) return [a, b];
  return above > below ? [band(a.y0 - pitch), a, b] : [a, b, band(b.y0 + pitch)];
}

function greenChannel(image: RgbImage): RgbImage {
  return fromPlane(channel(image, 1), image.width, image.height);
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
