import sharp from 'sharp';
import { type Box, detectText } from './detectText';
import { licenseLabels, otherDocumentWords } from './extractFields';
import { findCards } from './findCard';
import type { OnnxEngine } from './OnnxEngine';
import { createRgbImage, type RgbImage, resizeRgb, rotate90, rotate180 } from './RgbImage';
import { type Recognized, recognizeText } from './recognizeText';
import { textSkew } from './textSkew';
import { type Point, type Quad, rectToQuad, warpPerspective } from './warpPerspective';

/** A recognized line on the rectified card. */
export interface OcrLine {
  text: string;
  confidence: number;
  box: Box;
}

export interface ReadCardOptions {
  /** Long side the photo is shrunk to before anything else. */
  workSize: number;
  /** Scale of the rectified card given to the detector (recognition uses the full card). */
  detScale: number;
}

export const CARD_WIDTH = 1200;
/** 88 x 60 mm. */
export const CARD_HEIGHT = 818;

export class ImageDecodeError extends Error {
  override name = 'ImageDecodeError';
}

export interface CardReading {
  /** The rectified card, upright, CARD_WIDTH x CARD_HEIGHT. */
  card: RgbImage;
  lines: OcrLine[];
  /** Whether a card outline was found (otherwise the whole photo was read). */
  found: boolean;
  /** Whether the warped outline was turned 180 degrees to read upright. */
  turned: boolean;
}

/** Decodes the photo honouring EXIF orientation and shrinks it to `workSize` on the long side. */
export async function decodePhoto(bytes: Buffer, workSize: number): Promise<RgbImage> {
  try {
    const { data, info } = await sharp(bytes, { failOn: 'error' })
      .rotate()
      .resize({ width: workSize, height: workSize, fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`unexpected ${info.channels} channels`);
    return {
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
      width: info.width,
      height: info.height,
    };
  } catch (cause) {
    throw new ImageDecodeError(`image decode failed: ${(cause as Error).message}`, { cause });
  }
}

/** Outline candidates tried before the whole photo is read as is. */
const MAX_OUTLINES = 3;
/** More labels a whole-photo reading needs to replace an outline's (rectified) reading. */
const WHOLE_MARGIN = 2;
/** Distinct labels that make a reading good enough to stop trying other outlines. */
const GOOD_LABELS = 6;

/**
 * Finds, rectifies, orients and reads the card in a decoded photo. Outline candidates are read
 * best first until one reads like a licence (enough distinct labels); the whole photo is the last
 * resort, both ways round when it is portrait (a small card may lie either way in it), and when
 * its text fills only part of the frame, that part is read again at card scale. The reading with
 * the most labels wins.
 */
export async function readCard(
  engine: OnnxEngine,
  photo: RgbImage,
  options: ReadCardOptions,
): Promise<CardReading> {
  let best: { reading: CardReading; labels: number } | null = null;
  const wholes = photo.height > photo.width ? [rotate90(photo), photo] : [photo];
  const attempts = [
    ...findCards(photo, MAX_OUTLINES).map((quad) => ({ view: photo, quad })),
    ...wholes.map((view) => ({ view, quad: null })),
  ];
  for (const { view, quad } of attempts) {
    let reading = await readCardAt(engine, view, quad, options);
    let labels = licenseLabels(reading.lines).size;
    // The outline took in paper beside the card, or there was no outline and the text sits in a
    // part of the frame: read the part the text spans, at card scale.
    const inner = quad
      ? otherDocumentWords(reading.lines) < 2
        ? textQuad(quad, reading)
        : null
      : wholeTextQuad(view, reading);
    if (inner) {
      let again = await readCardAt(engine, view, inner, options);
      let againLabels = licenseLabels(again.lines).size;
      const angle = quad ? 0 : textSkew(again.card);
      if (Math.abs(angle) >= MIN_SKEW) {
        // The card lies askew in the frame: the text's rectangle turned by the print's angle.
        const straight = await readCardAt(engine, view, turnQuad(inner, angle), options);
        const straightLabels = licenseLabels(straight.lines).size;
        if (straightLabels >= againLabels) {
          again = straight;
          againLabels = straightLabels;
        }
      }
      if (againLabels >= labels) {
        reading = again;
        labels = againLabels;
      }
    }
    // An outline's reading is rectified, a whole view's is not: the latter must read clearly more.
    const margin = !quad && best?.reading.found ? WHOLE_MARGIN : 1;
    if (!best || labels >= best.labels + margin) best = { reading, labels };
    // Enough labels, or plainly another document (id card, vehicle licence): no point going on.
    if (labels >= GOOD_LABELS || otherDocumentWords(reading.lines) >= 2) break;
  }
  return (best as { reading: CardReading }).reading;
}

/**
 * When the read lines span much less of the rectified outline than a licence's print spans of
 * the card (labels from ~4 %, values and the nationality to ~85 % of the width), the outline
 * enclosed paper of the card's colour beside it (a stacked sheet, a page): the outline shrunk to
 * the text's extent plus the card's margins, in photo coordinates. Null when the text fills it.
 */
export function textQuad(quad: Quad, reading: CardReading): Quad | null {
  const { lines, turned } = reading;
  if (lines.length < 4) return null;
  const x0 = Math.min(...lines.map((l) => l.box.x0));
  const x1 = Math.max(...lines.map((l) => l.box.x1));
  const left = x0 > CARD_WIDTH * 0.15 ? x0 - CARD_WIDTH * 0.04 : 0;
  const right = x1 < CARD_WIDTH * 0.72 ? x1 + CARD_WIDTH * 0.08 : CARD_WIDTH;
  if (left === 0 && right === CARD_WIDTH) return null;
  // Lines are on the upright card; the outline's corners follow the warp, which may be turned.
  const a = turned ? CARD_WIDTH - right : left;
  const b = turned ? CARD_WIDTH - left : right;
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = rectToQuad(quad, CARD_WIDTH, CARD_HEIGHT);
  const map = (x: number, y: number): Point => {
    const w = h6 * x + h7 * y + h8;
    return [(h0 * x + h1 * y + h2) / w, (h3 * x + h4 * y + h5) / w];
  };
  return [map(a, 0), map(b, 0), map(b, CARD_HEIGHT - 1), map(a, CARD_HEIGHT - 1)];
}

/** Skew (radians) of the print from which a whole-photo reading is turned straight: 2 degrees. */
const MIN_SKEW = (2 * Math.PI) / 180;

/** The quad turned by `angle` (radians, clockwise in image coordinates) about its centre. */
function turnQuad(quad: Quad, angle: number): Quad {
  const cx = quad.reduce((sum, [x]) => sum + x, 0) / 4;
  const cy = quad.reduce((sum, [, y]) => sum + y, 0) / 4;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return quad.map(([x, y]) => [
    cx + (x - cx) * cos - (y - cy) * sin,
    cy + (x - cx) * sin + (y - cy) * cos,
  ]) as unknown as Quad;
}

/** Share of a licence's width its print spans: labels from ~4 %, the nationality to ~85 %. */
const PRINT_SPAN = 0.8;

/**
 * For a reading of a whole view (no outline): the rectangle a licence whose print spans the read
 * lines would fill, in the view's pixels. Null when that is most of the frame anyway (the card
 * fills the photo), or too few lines were read to tell.
 */
export function wholeTextQuad(view: RgbImage, reading: CardReading): Quad | null {
  const { lines, turned, card } = reading;
  if (reading.found || lines.length < 4) return null;
  const x0 = Math.min(...lines.map((l) => l.box.x0));
  const x1 = Math.max(...lines.map((l) => l.box.x1));
  const y0 = Math.min(...lines.map((l) => l.box.y0));
  const y1 = Math.max(...lines.map((l) => l.box.y1));
  const width = (x1 - x0) / PRINT_SPAN;
  if (width > card.width * 0.75) return null;
  const height = (width * CARD_HEIGHT) / CARD_WIDTH;
  const cy = (y0 + y1) / 2;
  const left = Math.max(0, x0 - width * 0.06);
  const right = Math.min(card.width - 1, x0 + width * 0.98);
  const top = Math.max(0, cy - height * 0.55);
  const bottom = Math.min(card.height - 1, cy + height * 0.55);
  // The lines are on the view turned upright; the rectangle is wanted in the view as given.
  const [a, b, c, d] = turned
    ? [card.width - 1 - right, card.height - 1 - bottom, card.width - 1 - left, card.height - 1 - top]
    : [left, top, right, bottom];
  const scale = view.width / card.width;
  return [
    [a * scale, b * scale],
    [c * scale, b * scale],
    [c * scale, d * scale],
    [a * scale, d * scale],
  ];
}

/** Rectifies the outline `quad` (null: the whole image, as it is), orients and reads it. */
export async function readCardAt(
  engine: OnnxEngine,
  photo: RgbImage,
  quad: Quad | null,
  options: ReadCardOptions,
): Promise<CardReading> {
  let card: RgbImage;
  if (quad) {
    card = warpPerspective(photo, quad, CARD_WIDTH, CARD_HEIGHT);
  } else {
    // No outline (card fills the frame, small in it, or no card): read the image itself.
    card = resizeRgb(photo, CARD_WIDTH, Math.round((photo.height * CARD_WIDTH) / photo.width));
  }
  let text = inkOnly(card);
  let boxes = await detectBoxes(engine, text, options.detScale);
  const flip = (b: Box): Box => ({
    x0: text.width - b.x1,
    y0: text.height - b.y1,
    x1: text.width - b.x0,
    y1: text.height - b.y0,
  });
  // The outline fixes the long axis; the card may still be upside down. The title is the widest
  // line and sits at the top: its position settles most cases for free. Otherwise recognize a few
  // wide lines both ways and keep the orientation that reads better.
  let turnedOver = titleSaysUpsideDown(boxes, text.width, text.height);
  const known = new Map<Box, Recognized>();
  if (turnedOver === null) {
    const probes = [...boxes].sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0)).slice(0, 3);
    const turned = rotate180(text);
    let upright = 0;
    let flipped = 0;
    for (const box of probes) {
      const a = await recognizeText(engine, text, box);
      const b = await recognizeText(engine, turned, flip(box));
      known.set(box, a);
      upright += orientationScore(a);
      flipped += orientationScore(b);
    }
    turnedOver = flipped > upright;
  }
  if (turnedOver) {
    card = rotate180(card);
    text = rotate180(text);
    boxes = boxes.map(flip);
    known.clear();
  }
  const lines: OcrLine[] = [];
  const read = async (box: Box) => {
    const r = known.get(box) ?? (await recognizeText(engine, text, padded(box, boxes)));
    if (r.text.trim() !== '' && r.confidence >= 0.5)
      lines.push({ text: r.text, confidence: r.confidence, box });
  };
  const wanted = quad ? boxes.filter((b) => !isTitle(b, text.width, text.height)) : boxes;
  const glosses = quad ? wanted.filter((b) => isGloss(b, wanted, text.width)) : [];
  for (const box of wanted) if (!glosses.includes(box)) await read(box);
  // The English glosses only matter as labels of last resort, when a Chinese label was missed.
  if (glosses.length > 0 && licenseLabels(lines).size < ALL_LABELS)
    for (const box of glosses) await read(box);
  lines.sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
  return { card, lines, found: quad !== null, turned: turnedOver };
}

/**
 * The box widened by up to 0.3 of its height on each side (never into a neighbour on its row):
 * the detector's box often clips the first or last character of short values (C2 read as C).
 */
function padded(box: Box, boxes: readonly Box[]): Box {
  const h = box.y1 - box.y0;
  let left = 0.3 * h;
  let right = 0.3 * h;
  for (const o of boxes) {
    if (o === box || o.y1 <= box.y0 + h * 0.3 || o.y0 >= box.y1 - h * 0.3) continue;
    // A neighbour that touches or overlaps the box (duplicate detections do) stops the padding.
    if (o.x0 < box.x0) left = Math.min(left, Math.max(0, (box.x0 - o.x1) / 2));
    if (o.x1 > box.x1) right = Math.min(right, Math.max(0, (o.x0 - box.x1) / 2));
  }
  return { x0: box.x0 - left, y0: box.y0, x1: box.x1 + right, y1: box.y1 };
}

/** Distinct labels of a new-style card (old-style ones print one more, 有效起始日期). */
const ALL_LABELS = 9;

/**
 * The small English gloss printed under a label in the label column (Name, Date of Birth...):
 * lower than the typical line and left-aligned under a taller box.
 */
function isGloss(box: Box, boxes: readonly Box[], width: number): boolean {
  if (box.x0 > width * 0.1) return false;
  const heights = boxes.map((b) => b.y1 - b.y0).sort((a, b) => a - b);
  const typical = heights[Math.floor(heights.length / 2)] ?? 0;
  const h = box.y1 - box.y0;
  if (h >= typical * 0.78) return false;
  return boxes.some(
    (o) =>
      o !== box &&
      o.y1 - o.y0 >= typical * 0.85 &&
      Math.abs(o.x0 - box.x0) < typical * 0.6 &&
      box.y0 - o.y1 > -typical * 0.3 &&
      box.y0 - o.y1 < typical * 0.6,
  );
}

/**
 * The printed title (中华人民共和国机动车驾驶证 and its English line) spans the middle of the card's
 * top fifth; no field lives there, so it is not recognized.
 */
function isTitle(box: Box, width: number, height: number): boolean {
  return box.y1 < height * 0.23 && box.x1 - box.x0 > width * 0.35 && box.x0 > width * 0.08;
}

/**
 * True/false when the widest line is clearly the title (much wider than the rest, centred, in
 * the top or bottom fifth), null when the geometry does not say.
 */
function titleSaysUpsideDown(boxes: readonly Box[], width: number, height: number): boolean | null {
  const sorted = [...boxes].sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0));
  const title = sorted[0];
  if (!title) return null;
  const w = title.x1 - title.x0;
  const cx = (title.x0 + title.x1) / 2;
  const cy = (title.y0 + title.y1) / 2;
  if (w < width * 0.45 || Math.abs(cx - width / 2) > width * 0.12) return null;
  if (cy < height * 0.2) return false;
  if (cy > height * 0.8) return true;
  return null;
}

const LABEL_HINT =
  /[证号姓名性别国籍住址出生日期初次领准驾车型有效限起始]|No\.|Name|Sex|Class|Date|Valid|Address/g;

function orientationScore(r: Recognized): number {
  return r.confidence * Math.min(r.text.length, 12) + (r.text.match(LABEL_HINT)?.length ?? 0);
}

async function detectBoxes(engine: OnnxEngine, image: RgbImage, scale: number): Promise<Box[]> {
  if (scale >= 1) return detectText(engine, image);
  const small = resizeRgb(image, Math.round(image.width * scale), Math.round(image.height * scale));
  const boxes = await detectText(engine, small);
  return boxes.map((b) => ({ x0: b.x0 / scale, y0: b.y0 / scale, x1: b.x1 / scale, y1: b.y1 / scale }));
}

/**
 * The card as grey from the red channel: black print stays dark while red seal ink (and pink or
 * red security patterns) fades towards paper, so the seal does not garble the fields it overlaps.
 * (Lifting red-dominant pixels further, up to the paper level, was tried: on whole cards it also
 * erases strokes of print running under the seal (-3 points of fields on the tuning set), and as
 * a second reading of unsure lines it fixed nothing.)
 */
export function inkOnly(card: RgbImage): RgbImage {
  const out = createRgbImage(card.width, card.height);
  for (let i = 0; i < card.data.length; i += 3) {
    const r = card.data[i] ?? 0;
    out.data[i] = r;
    out.data[i + 1] = r;
    out.data[i + 2] = r;
  }
  return out;
}
