/**
 * The pipeline, stage by stage (each in its own room):
 *   image/   decode the photo (EXIF, work and source sizes)
 *   card/    outline candidates; each view read upright (text detection + recognition)
 *   layout/  the form's labels found in a view place the card's grid (anchors -> fit)
 *   card/    what document it is: a main page, or something else (refused)
 *   layout/  the card flattened onto its grid from the source photo
 *   fields/  each field read from the region beside its label; the licence's own arithmetic
 *   seal/    the square red stamp's three lines
 */
import type { RecognizeOutcome } from '../openapi/DriverLicenseRecognizer';
import { classifyDocument } from './card/classifyDocument';
import { findCards } from './card/findCards';
import { outlineView, photoView, readView, type ViewReading } from './card/readView';
import { FieldContext } from './fields/FieldContext';
import { readFields } from './fields/readFields';
import { reconcile } from './fields/reconcile';
import { decodePhoto, type Photo } from './image/decodePhoto';
import type { Point } from './image/geometry';
import { applyHomography, composeHomography, type Homography, scaling } from './image/homography';
import { CARD_MM, type Format } from './layout/cardGrid';
import { findAnchors } from './layout/findAnchors';
import { type CardFit, fitCard } from './layout/fitCard';
import { flattenCard } from './layout/flattenCard';
import { readSeal } from './seal/readSeal';
import type { OnnxEngine } from './text/OnnxEngine';
import { detectBoxes, readBoxes } from './text/readLines';
import type { TextLine } from './text/TextLine';
import type { Trace } from './trace/Trace';

export interface ReadOptions {
  /** Long side of the work copy (card search, first reading). */
  workSize: number;
  /** Long side of the source copy regions are cut from. */
  sourceSize: number;
  /** Scale of the images given to the text detector. */
  detScale: number;
}

const NOT_FOUND: RecognizeOutcome = { errcode: 101001, errmsg: 'certificate not found' };

/** Outline candidates tried before the whole photo. */
const MAX_OUTLINES = 2;
/** Anchor weight at which a view's reading is good enough to stop trying others. */
const GOOD_FIT = 7;

interface Located {
  reading: ViewReading;
  fit: CardFit;
  format: Format;
  score: number;
}

export async function readLicense(
  engine: OnnxEngine,
  bytes: Buffer,
  options: ReadOptions,
  trace: Trace,
): Promise<RecognizeOutcome> {
  const photo = await trace.stage('decode', () => decodePhoto(bytes, options), (p) => ({
    original: p.original,
    work: [p.work.width, p.work.height],
    source: [p.source.width, p.source.height],
  }));
  const located = await locate(engine, photo, options, trace);
  if (!located) return NOT_FOUND;
  const document = await trace.stage('document', () => classifyDocument(located.reading.lines, located.fit.anchors));
  if (document.kind !== 'licence') return NOT_FOUND;

  const workToSource = scaling(photo.source.width / photo.work.width, photo.source.height / photo.work.height);
  const mmToSource = composeHomography(workToSource, composeHomography(located.reading.view.toWork, located.fit.mmToView));
  trace.draw('card', () => cardOutline(mmToSource));
  const card = await trace.stage('flatten', () => flattenCard(photo.source, mmToSource), () => ({ mmToSource }));

  // The view's own lines serve when the card lay straight and large enough in it; else read it flat.
  const { lines, linesToMm, anchors } = await trace.stage(
    'lines',
    async () => {
      if (!needsFlatReading(located.fit)) {
        return { lines: located.reading.lines, linesToMm: located.fit.viewToMm, anchors: located.fit.anchors };
      }
      const flatLines = await readBoxes(engine, card.ink, await detectBoxes(engine, card.ink, options.detScale));
      const flatToMm = scaling(1 / card.pxPerMm);
      const refit = fitCard(findAnchors(flatLines, [located.format]));
      // The flat card's own labels correct what is left of the placement (rarely more than a mm).
      return refit && refit.anchors.length >= 4
        ? { lines: flatLines, linesToMm: refit.viewToMm, anchors: refit.anchors }
        : { lines: flatLines, linesToMm: flatToMm, anchors: findAnchors(flatLines, [located.format]) };
    },
    (r) => ({ count: r.lines.length, flat: r.lines !== located.reading.lines }),
  );
  const ctx = new FieldContext(engine, card, lines, linesToMm, anchors, located.format);
  const read = await trace.stage('fields', () => readFields(ctx), (r) =>
    r.specs.map((s) => ({ spec: s.spec.name, how: s.result.how, read: s.result.read, values: s.result.values })),
  );
  trace.draw('regions', () =>
    read.specs.flatMap((s) => s.regions.map((r) => ({ name: s.spec.name, quad: mmQuad(mmToSource, r) }))),
  );
  trace.draw('lines', () =>
    lines.map((l) => ({ text: l.text, quad: boxQuadThrough(composeHomography(mmToSource, linesToMm), l.box) })),
  );
  const reconciled = await trace.stage('reconcile', () => reconcile(read.values), (r) => r.derived);
  const seal = await trace.stage('seal', () => readSeal(engine, card), (s) => s);
  trace.draw('seal', () => (seal.box ? mmQuad(mmToSource, seal.box) : null));
  return { errcode: 0, fields: { ...reconciled.values, official_seal: seal.text } };
}

/**
 * Finds the card: each outline candidate flattened, then the whole photo, is read until the
 * form's labels place the card convincingly. The best placement wins.
 */
async function locate(engine: OnnxEngine, photo: Photo, options: ReadOptions, trace: Trace): Promise<Located | null> {
  const outlines = await trace.stage('outlines', () => findCards(photo.work, MAX_OUTLINES), (q) => q);
  const views = [...outlines.map((quad) => () => outlineView(photo.work, quad)), () => photoView(photo.work, options.workSize)];
  let best: Located | null = null;
  for (const [i, makeView] of views.entries()) {
    const reading = await trace.stage(`view ${i}`, () => readView(engine, makeView(), options.detScale), (r) => ({
      kind: r.view.kind,
      turned: r.turned,
      lines: r.lines.map((l) => l.text),
    }));
    const format = formatOf(reading.lines);
    const fit = await trace.stage(`fit ${i}`, () => fitCard(findAnchors(reading.lines, [format])), (f) =>
      f ? { model: f.model, residualMm: f.residualMm, anchors: f.anchors.map((a) => a.key) } : null,
    );
    if (!fit) continue;
    const score = fit.anchors.reduce((s, a) => s + a.weight, 0);
    if (!best || score > best.score) best = { reading, fit, format, score };
    if (score >= GOOD_FIT) break;
  }
  return best;
}

/** The old card prints 有效起始日期 (Valid From) and a period in years; the new one a date range. */
function formatOf(lines: readonly TextLine[]): Format {
  return lines.some((l) => /有效起始|起始日期|ValidFrom|Valid\s*From|\d\s*年$/.test(l.text)) ? 'old' : 'new';
}

/**
 * Lines read in the view serve as they are when the card lay in it nearly straight (turned under
 * 1.5 degrees, barely foreshortened) and large (9 px/mm or more: letters over 25 px).
 */
function needsFlatReading(fit: CardFit): boolean {
  const h = fit.mmToView;
  const corners = cardCorners().map((p) => applyHomography(h, p));
  const top = Math.hypot(corners[1]![0] - corners[0]![0], corners[1]![1] - corners[0]![1]);
  const bottom = Math.hypot(corners[2]![0] - corners[3]![0], corners[2]![1] - corners[3]![1]);
  const left = Math.hypot(corners[3]![0] - corners[0]![0], corners[3]![1] - corners[0]![1]);
  const right = Math.hypot(corners[2]![0] - corners[1]![0], corners[2]![1] - corners[1]![1]);
  const scale = (top + bottom) / 2 / CARD_MM.width;
  const angle = Math.abs(Math.atan2(corners[1]![1] - corners[0]![1], corners[1]![0] - corners[0]![0]));
  const skew = Math.max(Math.abs(top - bottom) / top, Math.abs(left - right) / left);
  return scale < 9 || angle > (1.5 * Math.PI) / 180 || skew > 0.03;
}

function cardCorners(): Point[] {
  return [
    [0, 0],
    [CARD_MM.width, 0],
    [CARD_MM.width, CARD_MM.height],
    [0, CARD_MM.height],
  ];
}

function cardOutline(mmToSource: Homography): Point[] {
  return cardCorners().map((p) => applyHomography(mmToSource, p));
}

function mmQuad(mmToSource: Homography, b: { x0: number; y0: number; x1: number; y1: number }): Point[] {
  return boxQuadThrough(mmToSource, b);
}

function boxQuadThrough(h: Homography, b: { x0: number; y0: number; x1: number; y1: number }): Point[] {
  return (
    [
      [b.x0, b.y0],
      [b.x1, b.y0],
      [b.x1, b.y1],
      [b.x0, b.y1],
    ] as Point[]
  ).map((p) => applyHomography(h, p));
}
