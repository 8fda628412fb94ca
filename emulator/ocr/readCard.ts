import sharp from 'sharp';
import { type Box, detectText } from './detectText';
import { findCard } from './findCard';
import type { OnnxEngine } from './OnnxEngine';
import { createRgbImage, type RgbImage, resizeRgb, rotate90, rotate180 } from './RgbImage';
import { type Recognized, recognizeText } from './recognizeText';
import { warpPerspective } from './warpPerspective';

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

/** Finds, rectifies, orients and reads the card in a decoded photo. */
export async function readCard(
  engine: OnnxEngine,
  photo: RgbImage,
  options: ReadCardOptions,
): Promise<CardReading> {
  const quad = findCard(photo);
  let card: RgbImage;
  if (quad) {
    card = warpPerspective(photo, quad, CARD_WIDTH, CARD_HEIGHT);
  } else {
    // No outline (card fills the frame, or no card): read the photo itself, landscape.
    const landscape = photo.height > photo.width ? rotate90(photo) : photo;
    card = resizeRgb(landscape, CARD_WIDTH, Math.round((landscape.height * CARD_WIDTH) / landscape.width));
  }
  let text = inkOnly(card);
  let boxes = await detectBoxes(engine, text, options.detScale);
  // The outline fixes the long axis; the card may still be upside down. Recognize a few wide lines
  // both ways and keep the orientation that reads better.
  const probes = [...boxes].sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0)).slice(0, 4);
  const turned = rotate180(text);
  const flip = (b: Box): Box => ({
    x0: text.width - b.x1,
    y0: text.height - b.y1,
    x1: text.width - b.x0,
    y1: text.height - b.y0,
  });
  let upright = 0;
  let flipped = 0;
  const known = new Map<Box, Recognized>();
  for (const box of probes) {
    const a = await recognizeText(engine, text, box);
    const b = await recognizeText(engine, turned, flip(box));
    known.set(box, a);
    upright += orientationScore(a);
    flipped += orientationScore(b);
  }
  if (flipped > upright) {
    card = rotate180(card);
    text = turned;
    boxes = boxes.map(flip);
    known.clear();
  }
  const lines: OcrLine[] = [];
  for (const box of boxes) {
    const r = known.get(box) ?? (await recognizeText(engine, text, box));
    if (r.text.trim() !== '' && r.confidence >= 0.5)
      lines.push({ text: r.text, confidence: r.confidence, box });
  }
  lines.sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
  return { card, lines, found: quad !== null };
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
 * red security patterns) fades to paper, so the seal does not garble the fields it overlaps.
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
