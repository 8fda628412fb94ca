import { CAR_CLASSES } from '../../src/domain/carClass';
import { ctcLogLikelihood } from './ctcScore';
import type { Box } from './detectText';
import {
  cleanName,
  type FieldKey,
  idCheckDigitValid,
  labelLine,
  parseDate,
  parseIdNumber,
} from './extractFields';
import type { OnnxEngine } from './OnnxEngine';
import { createRgbImage, type RgbImage } from './RgbImage';
import { inkOnly, type OcrLine } from './readCard';
import { type Recognized, recognizeText } from './recognizeText';

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

/**
 * A crop of the card for re-reading one value: red ink (the seal printed over the value) lifted
 * to paper by how much red outweighs green and blue, then stretched from the darkest print to the
 * paper level, so faint print (a glare spot over it) regains contrast.
 */
export function cleanCrop(card: RgbImage, region: Box): RgbImage {
  const x0 = Math.max(0, Math.floor(region.x0));
  const y0 = Math.max(0, Math.floor(region.y0));
  const x1 = Math.min(card.width, Math.ceil(region.x1));
  const y1 = Math.min(card.height, Math.ceil(region.y1));
  const w = Math.max(1, x1 - x0);
  const h = Math.max(1, y1 - y0);
  const grey = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = ((y0 + y) * card.width + x0 + x) * 3;
      const r = card.data[i] ?? 0;
      const g = card.data[i + 1] ?? 0;
      const b = card.data[i + 2] ?? 0;
      grey[y * w + x] = r + 2 * Math.max(0, r - Math.max(g, b));
    }
  }
  // Paper level from the red channel alone (lifted seal ink must not outshine the paper), then
  // the grey stretched from the darkest print to the paper: faint print regains its contrast.
  const reds = new Float32Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) reds[y * w + x] = card.data[((y0 + y) * card.width + x0 + x) * 3] ?? 0;
  reds.sort();
  const hi = reds[Math.floor(reds.length * 0.85)] ?? 255;
  const lo = reds[Math.floor(reds.length * 0.01)] ?? 0;
  const span = Math.max(24, hi - lo);
  const out = createRgbImage(w, h);
  for (let p = 0; p < w * h; p++) {
    const v = Math.max(0, Math.min(255, Math.round(((Math.min(hi, grey[p] ?? 0) - lo) * 255) / span)));
    out.data[3 * p] = v;
    out.data[3 * p + 1] = v;
    out.data[3 * p + 2] = v;
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

/** Log-likelihood margin by which the best class candidate must beat the runner-up. */
const CLASS_MARGIN = 2;
/** Below this log-likelihood even the best candidate is a guess at an unreadable crop. */
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

/**
 * The class code best explaining recognized crops of the value: each candidate's exact CTC
 * likelihood (best over the crops, like the seal decoder) plus its prior; the best is taken only
 * when it clearly beats the runner-up and the ink supports it, so an unreadable crop yields ''.
 */
export function decodeClass(recs: readonly Recognized[], dictionary: readonly string[]): string {
  const index = new Map(dictionary.map((c, i) => [c, i + 1]));
  const scored: Array<{ text: string; fit: number; score: number }> = [];
  for (const text of CLASS_CANDIDATES) {
    const labels = [...text].map((c) => index.get(c) ?? -1);
    if (labels.includes(-1)) continue;
    const fit = Math.max(...recs.map((r) => ctcLogLikelihood(r.scores, r.steps, r.classes, labels)));
    scored.push({ text, fit, score: fit + classPrior(text) });
  }
  scored.sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (!best || best.fit < CLASS_FLOOR) return '';
  if (second && best.score - second.score < CLASS_MARGIN) return '';
  return best.text;
}

/** Re-reads the 准驾车型 value right of its label: with the seal's red removed, and as printed. */
export async function rereadClass(
  engine: OnnxEngine,
  card: RgbImage,
  label: Box,
  boxes: ReadonlyArray<Box & { text: string }>,
): Promise<string> {
  const region = valueRegion(label, boxes, 5, card.width);
  const crop = cleanCrop(card, region);
  const recs = [
    await recognizeText(engine, crop, { x0: 0, y0: 0, x1: crop.width, y1: crop.height }),
    await recognizeText(engine, inkOnly(card), region),
  ];
  return decodeClass(recs, engine.dictionary);
}

/** How a lost value is re-read: the width of its region (in label heights) and its parser. */
const REREADS: ReadonlyArray<{
  key: Exclude<FieldKey, 'valid_to'>;
  width: number;
  parse: (text: string) => string;
}> = [
  // Chinese names have two characters or more: one alone is a character lost to glare.
  { key: 'name', width: 8, parse: (t) => (cleanName(t).length >= 2 ? cleanName(t) : '') },
  { key: 'sex', width: 3, parse: (t) => t.match(/^[^\u4e00-\u9fff]*([男女])/)?.[1] ?? '' },
  { key: 'birth_date', width: 8, parse: parseDate },
  { key: 'issue_date', width: 8, parse: parseDate },
  { key: 'valid_from', width: 8, parse: parseDate },
  { key: 'id_num', width: 14, parse: (t) => (idCheckDigitValid(parseIdNumber(t)) ? parseIdNumber(t) : '') },
];

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
  const classLabel = fields.car_class === '' ? labelLine(lines, 'car_class') : undefined;
  if (classLabel) fields.car_class = await rereadClass(engine, card, classLabel.box, boxes);
  let ink: RgbImage | undefined;
  for (const { key, width, parse } of REREADS) {
    if (fields[key] !== '') continue;
    ink ??= inkOnly(card);
    const label = labelLine(lines, key);
    if (!label) continue;
    const region = valueRegion(label.box, boxes, width, card.width, true);
    const crop = cleanCrop(card, region);
    // The stretched crop helps faint print but amplifies noise: the likelier reading that parses wins.
    const recs = [
      await recognizeText(engine, crop, { x0: 0, y0: 0, x1: crop.width, y1: crop.height }),
      await recognizeText(engine, ink, region),
    ];
    let best = { value: '', confidence: MIN_CONFIDENCE };
    for (const rec of recs) {
      const value = parse(rec.text);
      if (value !== '' && rec.confidence >= best.confidence) best = { value, confidence: rec.confidence };
    }
    fields[key] = best.value;
  }
  return fields;
}
