import { CAR_CLASSES } from '../../src/domain/carClass';
import { ctcLogLikelihood } from './ctcScore';
import type { Box } from './detectText';
import {
  cleanName,
  type FieldKey,
  idCheckDigitValid,
  labelLine,
  licenseLabels,
  parseDate,
  parseIdNumber,
} from './extractFields';
import type { OnnxEngine } from './OnnxEngine';
import { createRgbImage, type RgbImage } from './RgbImage';
import { inkOnly, type OcrLine } from './readCard';
import { greedyDecode, type Recognized, recognizeText } from './recognizeText';
import { addYears } from './reconcileFields';

/**
 * The value region right of a label box on the rectified card: from just after the label to
 * `widthInHeights` label heights further, a little taller than the label (values sit slightly
 * lower than their bold labels on most prints), stopping before the next box on the row.
 */
export function valueRegion(
  label: Box,
  boxes: ReadonlyArray<Box & { text: string }>,
  widthInHeights: number,
  cardWidth: number,
  stopAtAny = false,
): Box {
  const h = label.y1 - label.y0;
  // Values start in their own column, well right of the label's end.
  const x0 = label.x1 + 0.8 * h;
  let x1 = Math.min(cardWidth - 1, x0 + widthInHeights * h);
  for (const o of boxes) {
    if (o.x0 <= x0 + 2 * h || o.y1 <= label.y0 + 0.3 * h || o.y0 >= label.y1 - 0.3 * h) continue;
    // A label further along the row (有效期限 right of 有效起始日期) ends the region.
    // (With `stopAtAny`, any box further along: the value itself was not found there.)
    if (o.x0 < x1 && (stopAtAny || /[\u4e00-\u9fff]{3,}/.test(o.text))) x1 = o.x0 - 0.2 * h;
  }
  return { x0, y0: label.y0 - 0.1 * h, x1, y1: label.y1 + 0.3 * h };
}

/** Red channel (share of the local paper level) where lifting red ink starts, and its ramp to full. */
const LIFT_FROM = 0.45;
const LIFT_SPAN = 0.25;

/**
 * The region (clipped to the card, at least 1 x 1) as its red channel and its redness (red over the
 * stronger of green and blue): the two measures every crop cleaning starts from.
 */
function redChannels(card: RgbImage, region: Box) {
  const x0 = Math.max(0, Math.floor(region.x0));
  const y0 = Math.max(0, Math.floor(region.y0));
  const w = Math.max(1, Math.min(card.width, Math.ceil(region.x1)) - x0);
  const h = Math.max(1, Math.min(card.height, Math.ceil(region.y1)) - y0);
  const red = new Float32Array(w * h);
  const redness = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = ((y0 + y) * card.width + x0 + x) * 3;
      const r = card.data[i] ?? 0;
      red[y * w + x] = r;
      redness[y * w + x] = r - Math.max(card.data[i + 1] ?? 0, card.data[i + 2] ?? 0);
    }
  }
  return { x0, y0, w, h, red, redness };
}

/**
 * A crop of the card for re-reading one value, as grey: the red channel divided by the local paper
 * level (a glare spot or a shadow brightens or darkens one side of the crop), red ink (the seal
 * printed over the value) lifted to paper, then stretched from the darkest print to the paper, so
 * faint print regains contrast.
 */
export function cleanCrop(card: RgbImage, region: Box): RgbImage {
  const { w, h, red, redness } = redChannels(card, region);
  const paper = paperLevel(red, w, h);
  const grey = new Float32Array(w * h);
  for (let p = 0; p < w * h; p++) {
    const level = Math.max(16, paper[p % w] ?? 255);
    const r = (red[p] ?? 0) / level;
    // Red ink lifted to paper only where the red channel itself is bright: black print under the
    // seal takes a red tint from JPEG's half-resolution chroma (r - max(g, b) large) but its red
    // channel stays dark, and lifting it too erased the strokes of values under the seal.
    const weight = Math.max(0, Math.min(1, (r - LIFT_FROM) / LIFT_SPAN));
    grey[p] = Math.min(1, r + (weight * 2 * Math.max(0, redness[p] ?? 0)) / level);
  }
  const sorted = Float32Array.from(grey).sort();
  const lo = sorted[Math.floor(sorted.length * 0.01)] ?? 0;
  const span = Math.max(0.1, 1 - lo);
  const out = createRgbImage(w, h);
  for (let p = 0; p < w * h; p++) {
    const v = Math.max(0, Math.min(255, Math.round((((grey[p] ?? 0) - lo) * 255) / span)));
    out.data[3 * p] = v;
    out.data[3 * p + 1] = v;
    out.data[3 * p + 2] = v;
  }
  return out;
}

/**
 * Paper level per column of a crop (red channel): each column's 85th percentile (print covers
 * less of a column than that), then the running maximum over half the crop's height either side,
 * so a column crossed by a tall stroke takes its neighbours' paper.
 */
function paperLevel(red: Float32Array, w: number, h: number): Float32Array {
  const column = new Float32Array(w);
  const values = new Float32Array(h);
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; y++) values[y] = red[y * w + x] ?? 0;
    values.sort();
    column[x] = values[Math.floor(h * 0.85)] ?? 255;
  }
  const reach = Math.max(1, Math.round(h / 2));
  const out = new Float32Array(w);
  for (let x = 0; x < w; x++) {
    let best = 0;
    for (let k = Math.max(0, x - reach); k <= Math.min(w - 1, x + reach); k++)
      best = Math.max(best, column[k] ?? 0);
    out[x] = best;
  }
  return out;
}

/** Class strings worth scoring: every code alone, a two-character code with an add-on, two codes. */
const CLASS_CANDIDATES: readonly string[] = (() => {
  const twos = CAR_CLASSES.filter((c) => c.length === 2);
  const ones = CAR_CLASSES.filter((c) => c.length === 1);
  const out: string[] = [...CAR_CLASSES];
  for (const a of twos) {
    for (const b of ones) out.push(a + b);
    for (const b of twos) if (b > a) out.push(a + b);
  }
  return out;
})();

/**
 * Log-likelihood margin per crop by which the best class candidate must beat the runner-up (the
 * likelihoods are summed over the crops, so the margin grows with their number).
 */
const CLASS_MARGIN = 1.2;
/** Below this log-likelihood per crop even the best candidate is a guess at an unreadable crop. */
const CLASS_FLOOR = -12;

/**
 * Prior (nats) of a class string: most licences carry C1 (small car), then C2 (automatic); the
 * rest are rarer. Only breaks near ties between readings the ink supports about equally.
 */
function classPrior(text: string): number {
  if (text === 'C1') return 0;
  if (text === 'C2') return -1;
  return text.length <= 2 ? -2.5 : -3.5;
}

/** Characters the recognizer reads in place of a class code's digits (C1 read CI or Cl). */
const LOOK_ALIKES: Readonly<Record<string, string>> = { '1': 'Il|i', '2': 'Zz', '3': '', '5': 'S' };

/**
 * The scores with each look-alike's score added to the character it stands for, so `CIE` supports
 * the candidate C1E as much as `C1E` would.
 */
export function foldLookAlikes(rec: Recognized, dictionary: readonly string[]): Recognized {
  const index = new Map(dictionary.map((c, i) => [c, i + 1]));
  const scores = Float32Array.from(rec.scores);
  for (const [target, alikes] of Object.entries(LOOK_ALIKES)) {
    const to = index.get(target);
    if (to === undefined) continue;
    for (const ch of alikes) {
      const from = index.get(ch);
      if (from === undefined) continue;
      for (let t = 0; t < rec.steps; t++) {
        const base = t * rec.classes;
        scores[base + to] = (scores[base + to] ?? 0) + (scores[base + from] ?? 0);
        scores[base + from] = 0;
      }
    }
  }
  return { ...rec, scores };
}

export interface ScoredCandidate {
  text: string;
  /** Exact CTC log-likelihood, summed over the crops. */
  fit: number;
  /** fit + prior. */
  score: number;
}

/** Every candidate's exact CTC likelihood summed over the crops, plus its prior, best first. */
export function scoreCandidates(
  recs: readonly Recognized[],
  dictionary: readonly string[],
  candidates: readonly string[],
  prior: (text: string) => number,
): ScoredCandidate[] {
  const index = new Map(dictionary.map((c, i) => [c, i + 1]));
  const scored: ScoredCandidate[] = [];
  for (const text of candidates) {
    const labels = [...text].map((c) => index.get(c) ?? -1);
    if (labels.includes(-1)) continue;
    // Summed over the crops: a reading all crops support beats one a single noisy crop hallucinates.
    const fit = recs.reduce((sum, r) => sum + ctcLogLikelihood(r.scores, r.steps, r.classes, labels), 0);
    scored.push({ text, fit, score: fit + prior(text) });
  }
  return scored.sort((a, b) => b.score - a.score);
}

/** The class candidates scored (look-alikes folded into the digits they stand for), best first. */
export function scoreClasses(recs: readonly Recognized[], dictionary: readonly string[]): ScoredCandidate[] {
  const folded = recs.map((r) => foldLookAlikes(r, dictionary));
  return scoreCandidates(folded, dictionary, CLASS_CANDIDATES, classPrior);
}

/**
 * The class code best explaining recognized crops of the value: each candidate's exact CTC
 * likelihood (summed over the crops) plus its prior; the best is taken only when it clearly beats
 * the runner-up, the ink supports it, and the recognizer's own reading of some crop shows one of
 * its characters (E, N or M explain blank paper nearly as well as anything: an unreadable crop
 * yields '', not a letter).
 */
export function decodeClass(recs: readonly Recognized[], dictionary: readonly string[]): string {
  const [best, second] = scoreClasses(recs, dictionary);
  if (!best || best.fit < CLASS_FLOOR * recs.length) return '';
  if (second && best.score - second.score < CLASS_MARGIN * recs.length) return '';
  const seen = recs.some((r) => {
    const folded = foldLookAlikes(r, dictionary);
    const text = greedyDecode(folded.scores, folded.steps, folded.classes, dictionary).text.toUpperCase();
    return [...best.text].some((c) => text.includes(c));
  });
  return seen ? best.text : '';
}

/**
 * Left edge of the value column: where the dates start (their boxes begin with a 19xx/20xx year).
 * The class and the dates are printed in one column; undefined when no date box was read.
 */
export function valueColumn(lines: readonly OcrLine[], cardWidth: number): number | undefined {
  const starts = lines
    .filter((l) => /^(19|20)\d\d/.test(l.text.replace(/\s/g, '')) && l.box.x0 > cardWidth * 0.12)
    .map((l) => l.box.x0)
    .sort((a, b) => a - b);
  return starts[0];
}

/**
 * A region read twice: as the cleaned crop (faint print regains contrast, seal ink lifted) and
 * as plain ink (`inkOnly` of the card, passed in when the caller already made it).
 */
export async function readCleanAndPlain(
  engine: OnnxEngine,
  card: RgbImage,
  region: Box,
  ink: RgbImage = inkOnly(card),
): Promise<Recognized[]> {
  const crop = cleanCrop(card, region);
  return [
    await recognizeText(engine, crop, { x0: 0, y0: 0, x1: crop.width, y1: crop.height }),
    await recognizeText(engine, ink, region),
  ];
}

/** Neutral ink darkness of a crop of the card (see `inkDarkness`), in crop coordinates from (x0, y0). */
export interface InkMap {
  dark: Float32Array;
  width: number;
  height: number;
  x0: number;
  y0: number;
}

/** Running maximum over `radius` pixels along x, then along y (a square window, separably). */
function maxFilter(values: Float32Array, w: number, h: number, radius: number): Float32Array {
  const along = (src: Float32Array, horizontal: boolean): Float32Array => {
    const out = new Float32Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let best = 0;
        const at = horizontal ? x : y;
        const n = horizontal ? w : h;
        for (let k = Math.max(0, at - radius); k <= Math.min(n - 1, at + radius); k++)
          best = Math.max(best, src[horizontal ? y * w + k : k * w + x] ?? 0);
        out[y * w + x] = best;
      }
    }
    return out;
  };
  return along(along(values, true), false);
}

/** Mean over a (2 radius + 1) square window clipped at the borders (separably: the window is a product). */
function boxBlur(values: Float32Array, w: number, h: number, radius: number): Float32Array {
  const along = (src: Float32Array, horizontal: boolean): Float32Array => {
    const out = new Float32Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const at = horizontal ? x : y;
        const n = horizontal ? w : h;
        let sum = 0;
        const from = Math.max(0, at - radius);
        const to = Math.min(n - 1, at + radius);
        for (let k = from; k <= to; k++) sum += src[horizontal ? y * w + k : k * w + x] ?? 0;
        out[y * w + x] = sum / (to - from + 1);
      }
    }
    return out;
  };
  return along(along(values, true), false);
}

/**
 * How much darker than the paper around it each pixel of `region` is (0..1), counting only neutral
 * ink: the paper level is local (brightest red channel within ~0.6 text heights, smoothed), so a
 * glare spot or a shadow gradient is not ink; red beyond the paper's own tint (the seal) is taken
 * off, so the seal's strokes vanish while black print under it (dark red channel) stays. Print is
 * lifted by the division, not stretched: faint print stays grey rather than noise turning black.
 */
export function inkDarkness(card: RgbImage, region: Box, textHeight: number): InkMap {
  const { x0, y0, w, h, red, redness } = redChannels(card, region);
  const smooth = boxBlur(red, w, h, 1);
  const reach = Math.max(2, Math.round(0.6 * textHeight));
  const paper = boxBlur(maxFilter(smooth, w, h, reach), w, h, Math.round(reach / 2));
  const tint = Float32Array.from(redness).sort()[Math.floor((w * h) / 2)] ?? 0;
  const dark = new Float32Array(w * h);
  for (let p = 0; p < w * h; p++) {
    const level = Math.max(16, paper[p] ?? 255);
    const seal = Math.max(0, (redness[p] ?? 0) - tint);
    dark[p] = Math.max(0, level - (smooth[p] ?? 0) - seal) / level;
  }
  return { dark, width: w, height: h, x0, y0 };
}

/** Share of the map's strongest ink (99.5th percentile) above which a pixel is print. */
const INK_CORE = 0.45;
/** The same for fainter strokes next to the print (a character half under the seal). */
const INK_FAINT = 0.2;
/** Share of the band's rows a column needs above the threshold to hold print (not sensor noise). */
const INK_COLUMN = 0.2;
/** Below this darkness nothing is print, however faint the crop. */
const INK_FLOOR = 0.06;

/**
 * The tight box (card coordinates) of the value's ink in `map`: the band one text height tall
 * holding most print pixels, the columns of that band with print (a fifth of its rows or more: a
 * noisy photo's speckles pass the threshold one pixel at a time; merged over gaps under 0.6 text
 * heights: the spaces between characters) and the run of them holding most ink — the seal's ring or
 * a stray mark beside the value are separate runs. With `extendFaint`, the run grows on either side
 * over fainter ink (0.2 of the strongest) up to 4 text heights: the class's second character under
 * the seal or a glare spot is much fainter than its first. Undefined when the map holds no print.
 */
export function inkBounds(map: InkMap, textHeight: number, extendFaint = false): Box | undefined {
  const { dark, width: w, height: h } = map;
  const hi = Float32Array.from(dark).sort()[Math.floor(w * h * 0.995)] ?? 0;
  const core = Math.max(INK_FLOOR, INK_CORE * hi);
  const band = Math.max(1, Math.min(h, Math.round(textHeight)));
  const rowInk = new Float32Array(h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) if ((dark[y * w + x] ?? 0) > core) rowInk[y] = (rowInk[y] ?? 0) + 1;
  let top = 0;
  let most = 0;
  for (let y = 0; y + band <= h; y++) {
    let sum = 0;
    for (let k = y; k < y + band; k++) sum += rowInk[k] ?? 0;
    if (sum > most) {
      most = sum;
      top = y;
    }
  }
  if (most === 0) return undefined;
  const columnInk = (threshold: number) => {
    const out = new Float32Array(w);
    for (let y = top; y < top + band; y++)
      for (let x = 0; x < w; x++) if ((dark[y * w + x] ?? 0) > threshold) out[x] = (out[x] ?? 0) + 1;
    return out;
  };
  const columns = columnInk(core);
  const runs: { a: number; b: number; ink: number }[] = [];
  for (let x = 0; x < w; x++) {
    const ink = columns[x] ?? 0;
    // Sensor noise passes the threshold here and there; a character's column holds several pixels.
    if (ink === 0 || ink < INK_COLUMN * band) continue;
    const last = runs[runs.length - 1];
    if (last && x - last.b < 0.6 * textHeight) {
      last.b = x;
      last.ink += ink;
    } else runs.push({ a: x, b: x, ink });
  }
  const run = runs.sort((p, q) => q.ink - p.ink)[0];
  if (!run) return undefined;
  if (extendFaint) {
    const faint = columnInk(Math.max(0.6 * INK_FLOOR, INK_FAINT * hi));
    const grow = (from: number, step: 1 | -1) => {
      let end = from;
      for (let x = from + step, gap = 0; x >= 0 && x < w && gap < 0.5 * textHeight; x += step) {
        if (Math.abs(x - (step > 0 ? run.a : run.b)) >= 4 * textHeight) break;
        if ((faint[x] ?? 0) > 0) {
          end = x;
          gap = 0;
        } else gap++;
      }
      return end;
    };
    run.b = grow(run.b, 1);
    run.a = grow(run.a, -1);
  }
  // Rows of the chosen columns with print, within 0.3 text heights of the band.
  let y0 = h;
  let y1 = -1;
  const from = Math.max(0, Math.floor(top - 0.3 * textHeight));
  const to = Math.min(h, Math.ceil(top + band + 0.3 * textHeight));
  for (let y = from; y < to; y++) {
    for (let x = run.a; x <= run.b; x++) {
      if ((dark[y * w + x] ?? 0) > core) {
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
        break;
      }
    }
  }
  if (y1 < 0) return undefined;
  return { x0: map.x0 + run.a, y0: map.y0 + y0, x1: map.x0 + run.b + 1, y1: map.y0 + y1 + 1 };
}

/** The map as a grey crop: paper white, the strongest ink (99th percentile) at 0.85 of black. */
export function darknessImage(map: InkMap): RgbImage {
  const n = map.width * map.height;
  const hi = Math.max(0.05, Float32Array.from(map.dark).sort()[Math.floor(n * 0.99)] ?? 0);
  const out = createRgbImage(map.width, map.height);
  for (let p = 0; p < n; p++) {
    const v = Math.round(255 * (1 - Math.min(1, ((map.dark[p] ?? 0) / hi) * 0.85)));
    out.data[3 * p] = v;
    out.data[3 * p + 1] = v;
    out.data[3 * p + 2] = v;
  }
  return out;
}

/**
 * Margins (x, y, in ink heights) of the three crops around the class's ink: about a detector box's
 * (the recognizer was trained on those), plus a looser and a tighter one whose noise differs.
 */
const CLASS_PADDINGS: ReadonlyArray<readonly [number, number]> = [
  [0.4, 0.25],
  [0.6, 0.35],
  [0.25, 0.15],
];

/** The pixels of `box` (integer bounds inside the image) as an image of their own. */
function cropImage(image: RgbImage, box: Box): RgbImage {
  const w = box.x1 - box.x0;
  const out = createRgbImage(w, box.y1 - box.y0);
  for (let y = 0; y < out.height; y++) {
    const from = ((box.y0 + y) * image.width + box.x0) * 3;
    out.data.set(image.data.subarray(from, from + 3 * w), y * w * 3);
  }
  return out;
}

/** One reading of the class agreed by the decodes that gave one; '' when none did or two differ. */
export function agreedClass(readings: readonly string[]): string {
  const given = new Set(readings.filter((r) => r !== ''));
  return given.size === 1 ? ([...given][0] ?? '') : '';
}

/**
 * Re-reads the 准驾车型 value: the value's ink is boxed tightly like a detector box (the wide region
 * is mostly paper and seal strokes, which the recognizer turns into letters), three crops around it
 * are recognized and decoded against the class grammar, three ways that fail differently: the
 * plain red channel in the ink's box, the same with the box grown over fainter ink (a second
 * character under the seal), and the neutral-ink darkness (seal removed, glare flattened) in the
 * ink's box. A reading is taken when the decodes that decided agree; any disagreement abstains.
 */
export async function rereadClass(
  engine: OnnxEngine,
  card: RgbImage,
  label: Box,
  boxes: ReadonlyArray<Box & { text: string }>,
  column?: number,
): Promise<string> {
  const region = classRegion(label, boxes, card.width, column);
  const h = label.y1 - label.y0;
  // Printed values are about 0.7 label heights tall; the search reaches a little above and below.
  const textHeight = 0.7 * h;
  const map = inkDarkness(card, { ...region, y0: region.y0 - 0.2 * h, y1: region.y1 + 0.2 * h }, textHeight);
  // Images in crop coordinates: the red channel of the neighbourhood, and the darkness map.
  const near = {
    x0: Math.max(0, Math.floor(map.x0 - h)),
    y0: Math.max(0, Math.floor(map.y0 - h)),
    x1: Math.min(card.width, Math.ceil(map.x0 + map.width + h)),
    y1: Math.min(card.height, Math.ceil(map.y0 + map.height + h)),
  };
  const ink = { image: inkOnly(cropImage(card, near)), x0: near.x0, y0: near.y0 };
  const dark = { image: darknessImage(map), x0: map.x0, y0: map.y0 };
  const core = inkBounds(map, textHeight);
  const grown = inkBounds(map, textHeight, true);
  const readings: string[] = [];
  for (const [box, view] of [
    [core, ink],
    [grown, ink],
    [core, dark],
  ] as const) {
    if (!box) continue;
    const recs: Recognized[] = [];
    for (const [mx, my] of CLASS_PADDINGS) {
      const t = box.y1 - box.y0;
      recs.push(
        await recognizeText(engine, view.image, {
          x0: box.x0 - mx * t - view.x0,
          y0: box.y0 - my * t - view.y0,
          x1: box.x1 + mx * t - view.x0,
          y1: box.y1 + my * t - view.y0,
        }),
      );
    }
    readings.push(decodeClass(recs, engine.dictionary));
  }
  return agreedClass(readings);
}

/**
 * Where the class value is: in the value column when the dates showed where it starts (a class is
 * 1-4 characters, under 3 label heights), else right of the label.
 */
export function classRegion(
  label: Box,
  boxes: ReadonlyArray<Box & { text: string }>,
  cardWidth: number,
  column?: number,
): Box {
  const region = valueRegion(label, boxes, 5, cardWidth);
  if (column === undefined || column < label.x1 || column > region.x1) return region;
  const h = label.y1 - label.y0;
  return {
    ...region,
    x0: Math.max(label.x1 + 0.2 * h, column - 0.6 * h),
    x1: Math.min(region.x1, column + 3.2 * h),
  };
}

/**
 * How a lost value is re-read: the width of its region (in label heights), whether any box on the
 * row ends it (else only a label: a date split into two boxes is read whole), and its parser.
 */
const REREADS: ReadonlyArray<{
  key: Exclude<FieldKey, 'valid_to'>;
  width: number;
  stopAtAny: boolean;
  parse: (text: string) => string;
}> = [
  // Chinese names have two characters or more: one alone is a character lost to glare.
  { key: 'name', width: 8, stopAtAny: true, parse: (t) => (cleanName(t).length >= 2 ? cleanName(t) : '') },
  { key: 'sex', width: 3, stopAtAny: true, parse: (t) => t.match(/^[^\u4e00-\u9fff]*([男女])/)?.[1] ?? '' },
  { key: 'birth_date', width: 8, stopAtAny: false, parse: parseDate },
  { key: 'issue_date', width: 8, stopAtAny: false, parse: parseDate },
  { key: 'valid_from', width: 8, stopAtAny: false, parse: parseDate },
  {
    key: 'id_num',
    width: 14,
    stopAtAny: true,
    parse: (t) => (idCheckDigitValid(parseIdNumber(t)) ? parseIdNumber(t) : ''),
  },
];

/**
 * The 准驾车型 label: read alone on its line, or a short line of the label column sharing two of
 * its characters and no other label's (准型, 驾车次: the seal's red over the bold label).
 */
export function classLabelLine(lines: readonly OcrLine[], cardWidth: number): OcrLine | undefined {
  const exact = labelLine(lines, 'car_class');
  if (exact) return exact;
  const fuzzy = lines.filter((l) => {
    const text = l.text.replace(/\s/g, '');
    if (l.box.x0 > cardWidth * 0.12 || text.length > 4 || !/^[\u4e00-\u9fff]+$/.test(text)) return false;
    const shared = (label: string) => [...new Set(text)].filter((c) => label.includes(c)).length;
    const own = shared('准驾车型');
    return own >= 2 && OTHER_LABELS.every((other) => shared(other) < own);
  });
  if (fuzzy.length === 1) return fuzzy[0];
  return classRowBetween(lines, cardWidth);
}

/**
 * Where the class label must be when no box was read there at all: the label column's rows are
 * evenly spaced, so a gap of two row pitches (出生日期 -> 初次领证日期 gives the pitch) right below
 * 初次领证日期 is the 准驾车型 row. A box as wide as a four-character label, or undefined.
 */
export function classRowBetween(lines: readonly OcrLine[], cardWidth: number): OcrLine | undefined {
  const birth = labelLine(lines, 'birth_date')?.box;
  const issue = labelLine(lines, 'issue_date')?.box;
  if (!birth || !issue) return undefined;
  const pitch = issue.y0 - birth.y0;
  if (pitch <= 0) return undefined;
  const below = lines
    .filter((l) => l.box.x0 < cardWidth * 0.12 && l.box.y0 > issue.y1 - 0.2 * (issue.y1 - issue.y0))
    .sort((a, b) => a.box.y0 - b.box.y0)[0];
  const gap = below ? (below.box.y0 - issue.y0) / pitch : 0;
  if (gap < 1.7 || gap > 2.3) return undefined;
  const box = {
    x0: issue.x0,
    y0: issue.y0 + pitch,
    x1: issue.x0 + ((issue.x1 - issue.x0) * 4) / 6,
    y1: issue.y1 + pitch,
  };
  return { text: '', confidence: 0, box };
}

/** The other labels of the card (none shares a character with 准驾车型). */
const OTHER_LABELS = [
  '证号',
  '姓名',
  '性别',
  '国籍',
  '住址',
  '出生日期',
  '初次领证日期',
  '有效起始日期',
  '有效期限',
];

/** The end of validity printed after `from`: 长期, or 6 or 10 years on (same month and day). */
export function validToCandidates(from: string): string[] {
  return ['长期', addYears(from, 6), addYears(from, 10)].filter((c) => c === '长期' || calendarDate(c));
}

/**
 * The start of validity of a period ending `to`: 6 or 10 years before (same month and day; a
 * period ending 28 February may have started on the 29th).
 */
export function validFromCandidates(to: string): string[] {
  if (!/^\d{4}-\d\d-\d\d$/.test(to)) return [];
  const starts = [addYears(to, -10), addYears(to, -6)];
  if (to.endsWith('-02-28')) starts.push(...starts.map((d) => d.replace(/-28$/, '-29')));
  return starts.filter((d) => calendarDate(d) && validToCandidates(d).includes(to));
}

/**
 * The periods a read (or half-read) 有效期限 row may stand for: the end that was read fixes the
 * other (6 or 10 years, same day; 长期); when both were read but disagree (2019-08-22至2025-06-22:
 * one digit misread), the pairs either end allows.
 */
export function periodCandidates(period: { from: string; to: string }): Array<{ from: string; to: string }> {
  const { from, to } = period;
  const after = from === '' ? [] : validToCandidates(from).map((end) => ({ from, to: end }));
  const before = validFromCandidates(to).map((start) => ({ from: start, to }));
  if (from === '' || to === '') return [...after, ...before];
  if (validToCandidates(from).includes(to)) return [];
  return [...after, ...before];
}

/** Log-likelihood margin by which the best reading of the period must beat the runner-up. */
const PERIOD_MARGIN = 3;

/**
 * Re-reads the 有效期限 row when one end of the period was lost (glare over 至长期, a digit of
 * the start misread): the row is scored as `from至to` for each pair the end that was read allows
 * (a licence runs 6 or 10 years, or 长期), taken only when clearly likeliest.
 */
export async function rereadPeriod(
  engine: OnnxEngine,
  card: RgbImage,
  label: Box,
  boxes: ReadonlyArray<Box & { text: string }>,
  period: { from: string; to: string },
): Promise<{ from: string; to: string }> {
  const pairs = periodCandidates(period);
  if (pairs.length === 0) return period;
  const region = valueRegion(label, boxes, 14, card.width);
  const recs = (await readCleanAndPlain(engine, card, region)).map((r) =>
    foldLookAlikes(r, engine.dictionary),
  );
  const texts = pairs.map((p) => `${p.from}至${p.to}`);
  const [best, second] = scoreCandidates(recs, engine.dictionary, texts, () => 0);
  if (!best || (second && best.score - second.score < PERIOD_MARGIN)) return period;
  return pairs[texts.indexOf(best.text)] ?? period;
}

/** Whether YYYY-MM-DD names a day of the calendar (no 02-30). */
export function calendarDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

/** Recognitions below this mean confidence are not trusted as a re-read value. */
const MIN_CONFIDENCE = 0.75;

/**
 * Second looks at values the extractor left empty although their label was read alone on its
 * line (the detector missed a faint value, glare or the seal over it): the region right of the
 * label is cropped, cleaned (red ink lifted, contrast stretched) and recognized; the class is
 * decoded against the class grammar, the other fields must parse. Mutates and returns `fields`.
 */
export async function rereadMissing(
  engine: OnnxEngine,
  card: RgbImage,
  lines: readonly OcrLine[],
  fields: Record<FieldKey, string>,
): Promise<Record<FieldKey, string>> {
  const boxes = lines.map((l) => ({ ...l.box, text: l.text }));
  const classLabel = fields.car_class === '' ? classLabelLine(lines, card.width) : undefined;
  if (classLabel)
    fields.car_class = await rereadClass(engine, card, classLabel.box, boxes, valueColumn(lines, card.width));
  // One end of the 有效期限 row lost or the two ends disagreeing: the ends constrain each other.
  // (New-style cards only: on old ones 有效起始日期 has its own row and 有效期限 holds 6年.)
  const read = { from: fields.valid_from, to: fields.valid_to };
  const periodRead = read.from !== '' || /^\d{4}-/.test(read.to);
  if (periodRead && periodCandidates(read).length > 0 && !licenseLabels(lines).has('valid_from')) {
    const label = labelLine(lines, 'valid_period');
    if (label) {
      const period = await rereadPeriod(engine, card, label.box, boxes, read);
      fields.valid_from = period.from;
      fields.valid_to = period.to;
    }
  }
  let ink: RgbImage | undefined;
  for (const { key, width, stopAtAny, parse } of REREADS) {
    if (fields[key] !== '') continue;
    ink ??= inkOnly(card);
    const label = labelLine(lines, key);
    if (!label) continue;
    const region = valueRegion(label.box, boxes, width, card.width, stopAtAny);
    // The stretched crop helps faint print but amplifies noise: the likelier reading that parses wins.
    const recs = await readCleanAndPlain(engine, card, region, ink);
    let best = { value: '', confidence: MIN_CONFIDENCE };
    for (const rec of recs) {
      const value = parse(rec.text);
      if (value !== '' && rec.confidence >= best.confidence) best = { value, confidence: rec.confidence };
    }
    fields[key] = best.value;
  }
  return fields;
}
