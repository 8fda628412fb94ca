import type { Box, Quad } from '../image/geometry';
import { composeHomography, type Homography, rectToQuad, scaling } from '../image/homography';
import { printInk } from '../image/inkMaps';
import { type RgbImage, resizeRgb, rotate90, rotate180 } from '../image/RgbImage';
import { warpQuad } from '../image/warp';
import type { OnnxEngine } from '../text/OnnxEngine';
import { detectBoxes, readBoxes } from '../text/readLines';
import { type Recognized, recognizeText } from '../text/recognizeText';
import type { TextLine } from '../text/TextLine';

/** An image the card is looked for in, and how its pixels map back onto the work photo. */
export interface View {
  kind: 'outline' | 'photo';
  image: RgbImage;
  /** View pixels -> work-photo pixels. */
  toWork: Homography;
}

/** What was read in a view, upright. */
export interface ViewReading {
  view: View;
  lines: TextLine[];
  /** Turns applied to make the text upright (degrees clockwise). */
  turned: 0 | 90 | 180 | 270;
}

/** An outline is flattened at the card's proportions, 1200 px wide (13.6 px/mm). */
export const OUTLINE_VIEW = { width: 1200, height: 818 } as const;

export function outlineView(work: RgbImage, quad: Quad): View {
  const { width, height } = OUTLINE_VIEW;
  return { kind: 'outline', image: warpQuad(work, quad, width, height), toWork: rectToQuad(quad, width, height) };
}

/** The whole work photo, at most `size` px on the long side. */
export function photoView(work: RgbImage, size: number): View {
  const k = Math.min(1, size / Math.max(work.width, work.height));
  if (k === 1) return { kind: 'photo', image: work, toWork: scaling(1) };
  const image = resizeRgb(work, Math.round(work.width * k), Math.round(work.height * k));
  return { kind: 'photo', image, toWork: scaling(work.width / image.width, work.height / image.height) };
}

/**
 * Detects and reads a view's text upright. Text running vertically (a card turned a quarter in the
 * frame) turns the view first; then the three widest lines, read as they are, settle whether it
 * is upside down, and are read turned over only when they read poorly.
 */
export async function readView(engine: OnnxEngine, given: View, detScale: number): Promise<ViewReading> {
  let view = given;
  let turned: ViewReading['turned'] = 0;
  let ink = printInk(view.image);
  let boxes = await detectBoxes(engine, ink, detScale);
  if (mostlyVertical(boxes)) {
    view = turnView(view, 90);
    turned = 90;
    ink = printInk(view.image);
    boxes = await detectBoxes(engine, ink, detScale);
  }
  const probes = [...boxes].sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0)).slice(0, 3);
  const upright: Recognized[] = [];
  for (const box of probes) upright.push(await recognizeText(engine, ink, box));
  if (readsPoorly(upright)) {
    const flippedInk = rotate180(ink);
    let flipped = 0;
    for (const box of probes) flipped += orientationScore(await recognizeText(engine, flippedInk, flip(box, ink)));
    if (flipped > upright.reduce((s, r) => s + orientationScore(r), 0)) {
      view = turnView(view, 180);
      turned = turned === 90 ? 270 : 180;
      ink = flippedInk;
      boxes = boxes.map((b) => flip(b, flippedInk));
    }
  }
  return { view, lines: await readBoxes(engine, ink, boxes), turned };
}

/** Half or more of the text area in boxes at least twice as tall as wide. */
function mostlyVertical(boxes: readonly Box[]): boolean {
  let tall = 0;
  let all = 0;
  for (const b of boxes) {
    const area = (b.x1 - b.x0) * (b.y1 - b.y0);
    all += area;
    if (b.y1 - b.y0 >= 2 * (b.x1 - b.x0)) tall += area;
  }
  return boxes.length >= 4 && tall >= all / 2;
}

function readsPoorly(reads: readonly Recognized[]): boolean {
  if (reads.length === 0) return false;
  const mean = reads.reduce((s, r) => s + r.confidence, 0) / reads.length;
  return mean < 0.85 || !reads.some((r) => /[\u4e00-\u9fff]{2}/.test(r.text));
}

const LABEL_HINT = /[证号姓名性别国籍住址出生日期初次领准驾车型有效限起始]|Name|Sex|Class|Date|Valid|Address/g;

function orientationScore(r: Recognized): number {
  return r.confidence * Math.min(r.text.length, 12) + (r.text.match(LABEL_HINT)?.length ?? 0);
}

function flip(b: Box, image: RgbImage): Box {
  return { x0: image.width - b.x1, y0: image.height - b.y1, x1: image.width - b.x0, y1: image.height - b.y0 };
}

/** The view turned clockwise by `degrees` (90 or 180), its mapping to the work photo kept. */
function turnView(view: View, degrees: 90 | 180): View {
  const { width: w, height: h } = view.image;
  if (degrees === 180) {
    return { ...view, image: rotate180(view.image), toWork: composeHomography(view.toWork, [-1, 0, w - 1, 0, -1, h - 1, 0, 0, 1]) };
  }
  // rotate90 puts source (x, y) at (h - 1 - y, x): so turned (x', y') comes from (y', h - 1 - x').
  return { ...view, image: rotate90(view.image), toWork: composeHomography(view.toWork, [0, 1, 0, -1, 0, h - 1, 0, 0, 1]) };
}
