/**
 * The pipeline, stage by stage (each in its own room):
 *   image/   decode the photo (EXIF, work and source sizes)
 *   card/    outline candidates, then where the photo's text lies enlarged; each view read upright
 *   layout/  the form's labels found in a view place the card's grid (anchors -> fit)
 *   card/    what document it is: a main page, or something else (refused)
 *   layout/  the card flattened onto its grid from the source photo
 *   fields/  each field read from the region beside its label; the licence's own arithmetic
 *   seal/    the square red stamp's three lines
 */
import type { RecognizeOutcome } from '../openapi/DriverLicenseRecognizer';
import { classifyDocument } from './card/classifyDocument';
import { findCards } from './card/findCards';
import { openView, outlineView, photoView, textRegion, type ViewText, zoomView } from './card/readView';
import { FieldContext } from './fields/FieldContext';
import { readFields } from './fields/readFields';
import { reconcile } from './fields/reconcile';
import { decodePhoto, type Photo } from './image/decodePhoto';
import { type Box, boxArea, boxCorners, type Point } from './image/geometry';
import {
  applyHomography,
  composeHomography,
  type Homography,
  invertHomography,
  scaling,
} from './image/homography';
import { CARD_MM, type Format, LABELS, PHOTO, SEAL } from './layout/cardGrid';
import { type AnchorHit, findAnchors } from './layout/findAnchors';
import { type CardFit, fitCard, OUTLINE_BONUS } from './layout/fitCard';
import { type FlatCard, flattenCard, replaced } from './layout/flattenCard';
import { formatCue } from './layout/formatCue';
import { type Placement, placeCard } from './layout/placeCard';
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
  /** Long side of what the text detector sees of a whole photo. */
  photoDetSize: number;
  /** Long side of what the text detector sees of a flattened card (labels ~20 px high at 640). */
  cardDetSize: number;
}

const NOT_FOUND: RecognizeOutcome = { errcode: 101001, errmsg: 'certificate not found' };

/** Outline candidates tried when the whole photo does not place the card. */
const MAX_OUTLINES = 2;
/** Anchor weight at which a placement is convincing: no other view is tried, no more boxes read. */
const GOOD_FIT = 6;
/** From the title's row to the class's: anchors this far apart place every field's row. */
const FULL_REACH_MM = 36;

interface Located {
  text: ViewText;
  fit: CardFit;
  format: Format;
  /** Whether a line read named the layout. */
  named: boolean;
  score: number;
  /** What every view tried read: another document's words are told wherever they were read. */
  seen: readonly string[];
}

export async function readLicense(
  engine: OnnxEngine,
  bytes: Buffer,
  options: ReadOptions,
  trace: Trace,
): Promise<RecognizeOutcome> {
  const photo = await trace.stage(
    'decode',
    () => decodePhoto(bytes, options),
    (p) => ({
      original: p.original,
      work: [p.work.width, p.work.height],
      source: [p.source.width, p.source.height],
    }),
  );
  const located = await locate(engine, photo, options, trace);
  if (!located) return NOT_FOUND;
  const workToSource = scaling(
    photo.source.width / photo.work.width,
    photo.source.height / photo.work.height,
  );
  const mmToSource = composeHomography(
    workToSource,
    composeHomography(located.text.view.toWork, located.fit.mmToView),
  );
  let card = await trace.stage(
    'flatten',
    () => flattenCard(photo.source, mmToSource),
    () => ({ mmToSource }),
  );

  // The view's own lines serve when the card lay straight and large enough in it; else read it flat.
  const { lines, linesToMm, anchors, toSource, format } = await trace.stage(
    'lines',
    async () => {
      const viewLines = async () => {
        const inside = located.fit.viewToMm;
        const lines = await located.text.readAll((box) => worthReading(inside, box));
        // What the card's own lines say of its layout, else what its placement chose.
        const format = formatCue(lines, inside) ?? located.format;
        const refit = fitCard(findAnchors(lines, [format]));
        const toSource = composeHomography(workToSource, located.text.view.toWork);
        return refit && refit.anchors.length >= located.fit.anchors.length
          ? { lines, linesToMm: refit.viewToMm, anchors: refit.anchors, toSource, format, flat: false }
          : {
              lines,
              linesToMm: located.fit.viewToMm,
              anchors: located.fit.anchors,
              toSource,
              format,
              flat: false,
            };
      };
      if (!needsFlatReading(located.fit, located.text.boxes)) return viewLines();
      // The layout a line of the view named holds for the flat card unless one of its own says otherwise.
      const named = located.named ? located.format : undefined;
      let flat = await readFlat(engine, card, options.cardDetSize, named);
      // The flat card's own labels, read large and straight, correct what is left of the placement,
      // unless the flat reading found far fewer of them than the view did (its text too blurred,
      // enlarged, to part into lines): then it is the worse reading.
      const corrects = (f: FlatReading): f is FlatReading & { refit: CardFit } =>
        f.refit !== null &&
        f.refit.anchors.length >= Math.max(4, Math.ceil((located.fit.anchors.length * 2) / 3));
      // Cut turned, the card's long lines ran into their neighbours' boxes: cut again along its
      // labels, and keep that reading if it places the card too.
      if (corrects(flat) && risesOutOfRow(flat.refit.mmToView)) {
        const recut = flattenCard(photo.source, composeHomography(card.flatToSource, flat.refit.mmToView));
        const again = await readFlat(engine, recut, options.cardDetSize, named);
        if (corrects(again)) flat = again;
      }
      card = flat.card;
      const { lines: flatLines, format } = flat;
      const toSource = card.flatToSource;
      if (corrects(flat))
        return {
          lines: flatLines,
          linesToMm: flat.refit.viewToMm,
          anchors: flat.refit.anchors,
          toSource,
          format,
          flat: true,
        };
      return (flat.refit?.anchors.length ?? 0) < located.fit.anchors.length
        ? viewLines()
        : {
            lines: flatLines,
            linesToMm: scaling(1 / card.pxPerMm),
            anchors: flat.found,
            toSource,
            format,
            flat: true,
          };
    },
    (r) => ({
      count: r.lines.length,
      flat: r.flat,
      format: r.format,
      anchors: r.anchors.map((a) => a.key),
      read: r.lines.map((l) => {
        const [x, y] = applyHomography(r.linesToMm, [l.box.x0, (l.box.y0 + l.box.y1) / 2]);
        return `${l.text} @${x.toFixed(1)},${y.toFixed(1)}`;
      }),
      corners: quadThrough(invertHomography(r.linesToMm), CARD_BOX).map((p) => p.map(Math.round)),
    }),
  );
  // The labels read give the final placement: regions re-read and the seal are looked up through it.
  card = replaced(card, composeHomography(toSource, invertHomography(linesToMm)));
  trace.draw('card', () => quadThrough(card.mmToSource, CARD_BOX));
  // Plainly another document: no need to read its fields.
  const early = classifyDocument(lines, anchors, undefined, located.seen);
  if (early.kind !== 'licence' && early.kind !== 'unknown' && early.kind !== 'back-page') {
    trace.draw('document', () => early.kind);
    return NOT_FOUND;
  }
  trace.draw('flat', () => card.image);
  trace.draw('labels', () =>
    LABELS.filter((l) => l.formats.includes(format)).map((l) => quadThrough(card.mmToSource, l.box)),
  );
  const ctx = new FieldContext(engine, card, lines, linesToMm, anchors, format);
  // The seal needs only the flat card: read alongside the fields, the workers idle less.
  const sealRead = trace.stage(
    'seal',
    () => readSeal(engine, card),
    (s) => s,
  );
  // A document refused after its fields ignores the seal: its failure must not go unhandled.
  sealRead.catch(() => undefined);
  const read = await trace.stage(
    'fields',
    () => readFields(ctx),
    (r) => ({
      specs: r.specs.map((s) => ({
        spec: s.spec.name,
        how: s.result.how,
        read: s.result.read,
        values: s.result.values,
      })),
      agreed: r.agreed,
    }),
  );
  trace.draw('regions', () =>
    read.specs.flatMap((s) =>
      s.regions.map((r, i) => ({
        name: s.spec.name,
        value: i === 0 ? Object.values(s.result.values).join(' ') : '',
        how: s.result.how,
        quad: quadThrough(card.mmToSource, r),
      })),
    ),
  );
  trace.draw('lines', () =>
    lines.map((l) => ({
      text: l.text,
      quad: quadThrough(composeHomography(card.mmToSource, linesToMm), l.box),
    })),
  );
  const document = await trace.stage(
    'document',
    () =>
      classifyDocument(
        lines,
        anchors,
        {
          ...read.values,
          numberOnItsLine: read.specs.some((s) => s.spec.name === 'id_num' && s.result.how === 'line'),
        },
        located.seen,
      ),
    (d) => d,
  );
  trace.draw('document', () => document.kind);
  if (document.kind !== 'licence') return NOT_FOUND;
  const reconciled = await trace.stage(
    'reconcile',
    () => reconcile(read.values),
    (r) => r.derived,
  );
  const seal = await sealRead;
  trace.draw('seal', () => ({
    quad: seal.box ? quadThrough(card.mmToSource, seal.box) : null,
    text: seal.text,
    lines: seal.lines.map((l) => ({ text: l.text, quad: quadThrough(card.mmToSource, l.box) })),
  }));
  return { errcode: 0, fields: { ...reconciled.values, official_seal: seal.text } };
}

/**
 * Finds the card: the whole photo first, then outline candidates flattened, until the form's
 * labels and fixed values place the card convincingly. Within a view the largest boxes are read
 * first (title, number, address, validity) and reading stops once the placement is convincing.
 */
async function locate(
  engine: OnnxEngine,
  photo: Photo,
  options: ReadOptions,
  trace: Trace,
): Promise<Located | null> {
  let best: Located | null = null;
  // Shared by every placement found: it holds what later views read too.
  const seen: string[] = [];
  const attempt = async (name: string, view: () => ReturnType<typeof photoView>, detSize: number) => {
    // The stage times the whole attempt: detection, turning upright and the boxes read.
    const { text, fit, format, named } = await trace.stage(
      name,
      async () => {
        const text = await openView(engine, view(), detSize);
        // A view flattened from an outline is the card itself, if the outline was the card's.
        const outline = text.view.kind === 'outline' ? outlinePlacement(text) : undefined;
        let placed: Placement | null = null;
        const order = [...text.boxes].sort((a, b) => boxArea(b) - boxArea(a));
        // Five boxes, then two at a time (one per worker), until the placement convinces.
        for (let i = 0; i < order.length; i += i === 0 ? 5 : 2) {
          await Promise.all(order.slice(i, i === 0 ? 5 : i + 2).map((box) => text.read(box)));
          placed = placeCard(text.lines, outline);
          if (placed.fit && weight(placed.fit) >= GOOD_FIT) break;
        }
        return {
          text,
          fit: placed?.fit ?? null,
          format: placed?.format ?? 'new',
          named: placed?.named ?? false,
        };
      },
      ({ text, fit, format }) => ({
        kind: text.view.kind,
        format,
        turned: text.turned,
        boxes: text.boxes.length,
        read: text.lines.map((l) => l.text),
        fit: fit
          ? { model: fit.model, residualMm: fit.residualMm, anchors: fit.anchors.map((a) => a.key) }
          : null,
      }),
    );
    trace.draw(`${name} boxes`, () => text.boxes.length);
    seen.push(...text.lines.map((l) => l.text));
    // The convincing placement stops the search; of two views, the one whose anchors reach further wins.
    if (fit && (!best || standing(fit) > standing(best.fit)))
      best = { text, fit, format, named, score: weight(fit), seen };
    return text;
  };
  const whole = await attempt('photo view', () => photoView(photo.work), options.photoDetSize);
  if (best && (best as Located).score >= GOOD_FIT) return best;
  const outlines = await trace.stage(
    'outlines',
    () => findCards(photo.work, MAX_OUTLINES),
    (q) => q,
  );
  const workToSource = photo.source.width / photo.work.width;
  trace.draw('outlines', () => outlines.map((q) => q.map(([x, y]) => [x * workToSource, y * workToSource])));
  for (const [i, quad] of outlines.entries()) {
    await attempt(`outline ${i}`, () => outlineView(photo, quad), options.cardDetSize);
    if (best && (best as Located).score >= GOOD_FIT) return best;
  }
  const region = textRegion(whole, photo.work);
  if (region) {
    trace.draw('zoom', () => quadThrough(scaling(workToSource), region));
    await attempt(
      'zoom',
      () => zoomView(photo, region, Math.max(photo.work.width, photo.work.height)),
      options.photoDetSize,
    );
  }
  return best;
}

interface FlatReading {
  card: FlatCard;
  lines: TextLine[];
  format: Format;
  found: AnchorHit[];
  refit: CardFit | null;
}

/**
 * The flat card's lines and its labels' fit. It is on its grid already: the glosses, the photo
 * and the seal need no reading.
 */
async function readFlat(
  engine: OnnxEngine,
  card: FlatCard,
  detSize: number,
  named: Format | undefined,
): Promise<FlatReading> {
  const flatToMm = scaling(1 / card.pxPerMm);
  const boxes = (await detectBoxes(engine, card.ink, detSize / card.ink.width)).filter((box) =>
    worthReading(flatToMm, box),
  );
  const lines = await readBoxes(engine, card.ink, boxes);
  const { format, found, fit } = placeCard(lines, undefined, named);
  return { card, lines, format, found, refit: fit };
}

/**
 * The card's placement in an outline view if the outline is the card: its grid stretched over the
 * view. None for a view turned a quarter (the outline's long side was not the card's).
 */
function outlinePlacement(text: ViewText): Homography | undefined {
  if (text.turned === 90 || text.turned === 270) return undefined;
  return scaling(text.view.image.width / CARD_MM.width, text.view.image.height / CARD_MM.height);
}

/** Anchors the 副页 prints too: they place a card, but count half towards a main page. */
const SHARED_WITH_BACK_PAGE = new Set(['idNum', 'idNumGloss', 'idNumValue', 'name', 'nameGloss']);

/** How convincingly a placement is a main page's: its anchors' weights, those a 副页 shares halved. */
const weight = (fit: CardFit) =>
  fit.anchors.reduce((s, a) => s + (SHARED_WITH_BACK_PAGE.has(a.key) ? a.weight / 2 : a.weight), 0);

/**
 * What a placement is worth against another view's: its weight, with the card's outline counted
 * as an anchor where the anchors agree with it (as fitCard counts it), times its reach.
 */
const standing = (fit: CardFit) => (weight(fit) + (fit.model === 'outline' ? OUTLINE_BONUS : 0)) * reach(fit);

/**
 * How far down the card a placement's anchors reach, from 0 to 1 (title row to class row). A
 * placement holds near its anchors only: fitted to the upper rows of a view cut along a wrong
 * outline (a perspective the affine model cannot undo), it puts the lower rows a row off. The
 * card's own outline, where the anchors agree with it, places every row by its corners.
 */
function reach(fit: CardFit): number {
  if (fit.model === 'outline') return 1;
  const ys = fit.anchors.flatMap((a) => a.points.map((p) => p.mm[1]));
  return Math.min(1, (Math.max(...ys) - Math.min(...ys)) / FULL_REACH_MM);
}

/**
 * Whether a box of the view may hold a value: its centre on the card, and not where the form
 * prints only an English gloss, nor on the holder's photo or the seal (read on its own).
 */
function worthReading(
  viewToMm: Homography,
  box: { x0: number; y0: number; x1: number; y1: number },
): boolean {
  const [x, y] = applyHomography(viewToMm, [(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2]);
  if (x < -2 || x > CARD_MM.width + 2 || y < -2 || y > CARD_MM.height + 2) return false;
  const [x1] = applyHomography(viewToMm, [box.x1, (box.y0 + box.y1) / 2]);
  const inside = (b: Box) => x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1;
  // A gloss's box ends within its own column; a box running on past it holds a value too.
  const glossOnly = LABELS.some((l) => inside(l.gloss.box) && x1 <= l.gloss.box.x1 + 2);
  return !glossOnly && !inside(PHOTO) && !inside(SEAL_PRINT);
}

/**
 * Where the stamp's three lines are printed: its frame, less its lowest 1.5 mm. A box centred
 * there is the 有效期限 row's value (from 52.2 mm), printed or placed high, not the stamp's print.
 */
const SEAL_PRINT: Box = { ...SEAL, y1: SEAL.y1 - 1.5 };

/**
 * Lines read in the view serve as they are when the card lay in it nearly straight (turned under
 * 3 degrees, little foreshortened) and large (7 px/mm or more: letters about 20 px and up), was
 * placed by three anchors or more, and no box worth reading holds two rows (a long line turned a
 * little: its upright box takes in the rows beside it and reads as none of them).
 */
function needsFlatReading(fit: CardFit, boxes: readonly Box[]): boolean {
  if (fit.anchors.length < 3) return true;
  const h = fit.mmToView;
  const corners = quadThrough(h, CARD_BOX);
  const top = Math.hypot(corners[1]![0] - corners[0]![0], corners[1]![1] - corners[0]![1]);
  const bottom = Math.hypot(corners[2]![0] - corners[3]![0], corners[2]![1] - corners[3]![1]);
  const left = Math.hypot(corners[3]![0] - corners[0]![0], corners[3]![1] - corners[0]![1]);
  const right = Math.hypot(corners[2]![0] - corners[1]![0], corners[2]![1] - corners[1]![1]);
  const scale = (top + bottom) / 2 / CARD_MM.width;
  const angle = Math.abs(Math.atan2(corners[1]![1] - corners[0]![1], corners[1]![0] - corners[0]![0]));
  const skew = Math.max(Math.abs(top - bottom) / top, Math.abs(left - right) / left);
  const holdsTwoRows = boxes.some(
    (b) => worthReading(fit.viewToMm, b) && (b.y1 - b.y0) / scale > 2 * ROW_PITCH_MM,
  );
  return scale < 7 || angle > (3 * Math.PI) / 180 || skew > 0.06 || holdsTwoRows;
}

/** The card's rows of values lie about 6 mm apart. */
const ROW_PITCH_MM = 6;

/**
 * Whether the card lies turned so far in an image that the detector's upright box around its
 * longest line (the address's first, ~75 mm) takes in a quarter of the next row: its characters
 * then read as parts of two rows, and boxes of neighbouring lines merge.
 */
function risesOutOfRow(mmToImage: Homography): boolean {
  const [a, b] = [applyHomography(mmToImage, [0, 0]), applyHomography(mmToImage, [CARD_MM.width, 0])];
  const rise = Math.abs((b[1] - a[1]) / (b[0] - a[0]));
  return rise * LONGEST_LINE_MM > ROW_PITCH_MM / 4;
}

const LONGEST_LINE_MM = 75;

/** The card's own box (mm). */
const CARD_BOX: Box = { x0: 0, y0: 0, x1: CARD_MM.width, y1: CARD_MM.height };

/** A box's corners carried through `h` (mm or view pixels to source pixels, for the trace). */
function quadThrough(h: Homography, b: Box): Point[] {
  return boxCorners(b).map((p) => applyHomography(h, p));
}
