import { type Box, boxArea, boxCorners, type Quad } from '../image/geometry';
import {
  applyHomography,
  composeHomography,
  type Homography,
  rectToQuad,
  scaling,
} from '../image/homography';
import { printInk } from '../image/inkMaps';
import { type RgbImage, rotate90, rotate180 } from '../image/RgbImage';
import { warpQuad } from '../image/warp';
import type { OnnxEngine } from '../text/OnnxEngine';
import { detectBoxes, padded } from '../text/readLines';
import { type Recognized, recognizeText } from '../text/recognizeText';
import type { TextLine } from '../text/TextLine';

/** An image the card is looked for in, and how its pixels map back onto the work photo. */
export interface View {
  kind: 'outline' | 'photo';
  image: RgbImage;
  /** View pixels -> work-photo pixels. */
  toWork: Homography;
}

/** An outline is flattened at the card's proportions, 1200 px wide (13.6 px/mm). */
const OUTLINE_VIEW = { width: 1200, height: 818 } as const;

/**
 * The outline (found in the work copy) flattened from the source copy: a small card in a large
 * photo keeps the source's finer pixels.
 */
export function outlineView(photo: { work: RgbImage; source: RgbImage }, quad: Quad): View {
  return cutFromSource(photo, quad, OUTLINE_VIEW.width, OUTLINE_VIEW.height, 'outline');
}

/**
 * A part of the work photo (`region`, work pixels) cut from the source copy and enlarged to
 * `longSide`: where the text found in the whole photo is too small to read (a card a fifth of
 * the frame, its 副页 beside it), the detector sees it larger there.
 */
export function zoomView(photo: { work: RgbImage; source: RgbImage }, region: Box, longSide: number): View {
  const scale = longSide / Math.max(region.x1 - region.x0, region.y1 - region.y0);
  const width = Math.round((region.x1 - region.x0) * scale);
  const height = Math.round((region.y1 - region.y0) * scale);
  return cutFromSource(photo, boxCorners(region), width, height, 'photo');
}

/** `quad` (work pixels) warped from the source copy to a `width` x `height` view. */
function cutFromSource(
  photo: { work: RgbImage; source: RgbImage },
  quad: Quad,
  width: number,
  height: number,
  kind: View['kind'],
): View {
  const k = photo.source.width / photo.work.width;
  const inSource = quad.map(([x, y]) => [x * k, y * k]) as unknown as Quad;
  return {
    kind,
    image: warpQuad(photo.source, inSource, width, height),
    toWork: rectToQuad(quad, width, height),
  };
}

/** How much larger than in the whole photo the text must show in a zoomed view to be worth reading again. */
const MIN_ZOOM = 1.5;
/** Boxes this many median box heights apart or nearer belong to one cluster (one card's print). */
const CLUSTER_GAP = 1.5;
/** Fewer boxes than this are not a card's print: a stray mark, a line of background text. */
const MIN_CLUSTER = 3;

/**
 * Where the whole photo's text lies (work pixels): the cluster of boxes with the most text, of
 * those that are not most of the photo anyway, with a margin for the card's unread edges. A small
 * card's labels and values, too small to read there, are found as boxes all the same. A card and
 * its 副页 side by side are two clusters: together they may span too much of the photo to
 * enlarge, and the card, the one with more text, is what is read.
 */
export function textRegion(
  text: Pick<ViewText, 'boxes' | 'view'>,
  work: { width: number; height: number },
): Box | null {
  const boxes = text.boxes.map((b) => {
    const [x0, y0] = applyHomography(text.view.toWork, [b.x0, b.y0]);
    const [x1, y1] = applyHomography(text.view.toWork, [b.x1, b.y1]);
    return { x0: Math.min(x0, x1), y0: Math.min(y0, y1), x1: Math.max(x0, x1), y1: Math.max(y0, y1) };
  });
  const regions = clusters(boxes)
    .filter((c) => c.length >= MIN_CLUSTER)
    .map((c) => ({ region: withMargin(c, work), ink: c.reduce((s, b) => s + boxArea(b), 0) }))
    .filter(
      ({ region }) =>
        Math.max(work.width, work.height) / Math.max(region.x1 - region.x0, region.y1 - region.y0) >=
        MIN_ZOOM,
    )
    .sort((a, b) => b.ink - a.ink);
  return regions[0]?.region ?? null;
}

/** Boxes joined when their gap is at most CLUSTER_GAP median box heights (single link). */
function clusters(boxes: readonly Box[]): Box[][] {
  if (boxes.length === 0) return [];
  const heights = boxes.map((b) => b.y1 - b.y0).sort((a, b) => a - b);
  const gap = CLUSTER_GAP * (heights[heights.length >> 1] as number);
  const parent = boxes.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] as number;
    return i;
  };
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i] as Box;
      const b = boxes[j] as Box;
      const dx = Math.max(0, a.x0 - b.x1, b.x0 - a.x1);
      const dy = Math.max(0, a.y0 - b.y1, b.y0 - a.y1);
      if (Math.max(dx, dy) <= gap) parent[root(i)] = root(j);
    }
  }
  const groups = new Map<number, Box[]>();
  for (const [i, b] of boxes.entries()) groups.set(root(i), [...(groups.get(root(i)) ?? []), b]);
  return [...groups.values()];
}

/** The boxes' extent, widened by 15 % of its longer side each way, within the photo. */
function withMargin(boxes: readonly Box[], work: { width: number; height: number }): Box {
  const x0 = Math.min(...boxes.map((b) => b.x0));
  const y0 = Math.min(...boxes.map((b) => b.y0));
  const x1 = Math.max(...boxes.map((b) => b.x1));
  const y1 = Math.max(...boxes.map((b) => b.y1));
  const margin = 0.15 * Math.max(x1 - x0, y1 - y0);
  return {
    x0: Math.max(0, x0 - margin),
    y0: Math.max(0, y0 - margin),
    x1: Math.min(work.width, x1 + margin),
    y1: Math.min(work.height, y1 + margin),
  };
}

/** The whole work photo. */
export function photoView(work: RgbImage): View {
  return { kind: 'photo', image: work, toWork: scaling(1) };
}

/**
 * A view turned upright with its text boxes found; lines are read on demand (a card is often
 * placed from a few of them) and kept.
 */
export class ViewText {
  readonly #read = new Map<Box, TextLine | null>();

  constructor(
    readonly engine: OnnxEngine,
    readonly view: View,
    /** The view's print ink (red channel), what is detected and read. */
    readonly ink: RgbImage,
    readonly boxes: readonly Box[],
    /** Turns applied to make the text upright (degrees clockwise). */
    readonly turned: 0 | 90 | 180 | 270,
  ) {}

  /** Reads one box (once); null when nothing legible is there. */
  async read(box: Box): Promise<TextLine | null> {
    if (this.#read.has(box)) return this.#read.get(box) ?? null;
    let line: TextLine | null = null;
    if (box.y1 - box.y0 >= 5 && box.x1 - box.x0 >= 5) {
      const r = await recognizeText(this.engine, this.ink, padded(box, this.boxes));
      if (r.text.trim() !== '') line = { ...r, box };
    }
    this.#read.set(box, line);
    return line;
  }

  /** Reads every box `wanted` keeps (all by default) and returns all lines read so far. */
  async readAll(wanted: (box: Box) => boolean = () => true): Promise<TextLine[]> {
    // All at once: the worker takes them one after another while this thread prepares the next.
    await Promise.all(this.boxes.filter(wanted).map((box) => this.read(box)));
    return this.lines;
  }

  /** The lines read so far, top to bottom. */
  get lines(): TextLine[] {
    return [...this.#read.values()]
      .filter((l): l is TextLine => l !== null)
      .sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
  }

  /** Recognizes `box` as given, outside the cache (orientation probes). */
  recognize(box: Box): Promise<Recognized> {
    return recognizeText(this.engine, this.ink, box);
  }
}

/**
 * Detects a view's text and turns it upright. Text running vertically (a card turned a quarter in
 * the frame) turns the view first; then the three widest lines, read as they are, settle whether it
 * is upside down, and are read turned over only when they read poorly. `detSize` is the long side
 * of the copy the detector sees.
 */
export async function openView(engine: OnnxEngine, given: View, detSize: number): Promise<ViewText> {
  let view = given;
  let turned: ViewText['turned'] = 0;
  const detect = (ink: RgbImage) =>
    detectBoxes(engine, ink, Math.min(1, detSize / Math.max(ink.width, ink.height)));
  let ink = printInk(view.image);
  let boxes = await detect(ink);
  if (mostlyVertical(boxes)) {
    view = turnView(view, 90);
    turned = 90;
    ink = printInk(view.image);
    boxes = await detect(ink);
  }
  const text = new ViewText(engine, view, ink, boxes, turned);
  const probes = [...boxes].sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0)).slice(0, 3);
  // Read at once: one per worker.
  const upright = (await Promise.all(probes.map((box) => text.read(box)))).filter(
    (line): line is TextLine => line !== null,
  );
  if (!readsPoorly(upright)) return text;
  const flippedInk = rotate180(ink);
  const flipped = new ViewText(
    engine,
    turnView(view, 180),
    flippedInk,
    boxes.map((b) => flip(b, ink)),
    turned === 90 ? 270 : 180,
  );
  const turnedOver = (await Promise.all(probes.map((box) => flipped.read(flip(box, ink))))).filter(
    (line): line is TextLine => line !== null,
  );
  const score = (reads: readonly Recognized[]) => reads.reduce((s, r) => s + orientationScore(r), 0);
  return readsAsText(turnedOver) && score(turnedOver) > score(upright) ? flipped : text;
}

/**
 * Whether some line reads as the card's text: two Han characters or six digits, read at 0.5 or
 * more. Only such a reading turns a view over. Where the widest boxes hold no line (a card turned
 * a few degrees, small in the frame: each box takes in several rows), both ways read as scraps
 * (SHS0 at 0.40 against nothing), and the scraps had turned 8 upright views of 543 over while
 * turning 1 upside-down view the right way.
 */
export function readsAsText(reads: readonly Pick<Recognized, 'text' | 'confidence'>[]): boolean {
  return reads.some(
    (r) =>
      r.confidence >= 0.5 &&
      ((r.text.match(HAN)?.length ?? 0) >= 2 || (r.text.match(/\d/g)?.length ?? 0) >= 6),
  );
}

/** Half or more of the text area in boxes at least twice as tall as wide. */
function mostlyVertical(boxes: readonly Box[]): boolean {
  let tall = 0;
  let all = 0;
  for (const b of boxes) {
    all += boxArea(b);
    if (b.y1 - b.y0 >= 2 * (b.x1 - b.x0)) tall += boxArea(b);
  }
  return boxes.length >= 4 && tall >= all / 2;
}

/**
 * Whether the probes leave the view's orientation in doubt. One probe read at 0.85 or more with
 * four Han characters or more settles it: text upside down reads as no such line (of 249 views in
 * doubt over three sets, none of the 63 that turned over had one), so the three lines need not be
 * read again turned over.
 */
export function readsPoorly(reads: readonly Pick<Recognized, 'text' | 'confidence'>[]): boolean {
  if (reads.some((r) => r.confidence >= 0.85 && (r.text.match(HAN)?.length ?? 0) >= 4)) return false;
  if (reads.length === 0) return true;
  const mean = reads.reduce((s, r) => s + r.confidence, 0) / reads.length;
  return mean < 0.85 || !reads.some((r) => /[\u4e00-\u9fff]{2}/.test(r.text));
}

const HAN = /[\u4e00-\u9fff]/g;

const LABEL_HINT =
  /[证号姓名性别国籍住址出生日期初次领准驾车型有效限起始]|Name|Sex|Class|Date|Valid|Address/g;

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
    return {
      ...view,
      image: rotate180(view.image),
      toWork: composeHomography(view.toWork, [-1, 0, w - 1, 0, -1, h - 1, 0, 0, 1]),
    };
  }
  // rotate90 puts source (x, y) at (h - 1 - y, x): so turned (x', y') comes from (y', h - 1 - x').
  return {
    ...view,
    image: rotate90(view.image),
    toWork: composeHomography(view.toWork, [0, 1, 0, -1, 0, h - 1, 0, 0, 1]),
  };
}
