import { type Box, boxCorners, type Point } from '../image/geometry';
import { applyHomography, type Homography, invertHomography } from '../image/homography';
import { evenedInk, inkRuns } from '../image/inkMaps';
import { createRgbImage, type RgbImage } from '../image/RgbImage';
import { type Format, type LabelKey, labelIn } from '../layout/cardGrid';
import type { AnchorHit } from '../layout/findAnchors';
import type { FlatCard } from '../layout/flattenCard';
import type { OnnxEngine } from '../text/OnnxEngine';
import { type Recognized, recognizeText } from '../text/recognizeText';
import type { TextLine } from '../text/TextLine';

/** Mean character confidence above which a region's first reading is kept without a second. */
const SURE = 0.92;

/** A character of a value as read on the flat card: where its ink is, in mm. */
export interface Token {
  text: string;
  x: number;
  x0: number;
  x1: number;
  y: number;
  confidence: number;
  line: TextLine;
  /** Its index in line.chars. */
  index: number;
}

/** A value's region on the card and the row its text is centred on (mm). */
export interface ValueRegion extends Box {
  /** Where a value printed on its slot is centred vertically. */
  cy: number;
}

/**
 * What the field specs read from: the card's lines (read on the flat card, or on the view the card
 * was found in when that was already straight) split into label characters (the anchors) and value
 * characters (tokens) in mm; where each label is; and re-reading of any region of the flat card.
 */
export class FieldContext {
  readonly tokens: Token[];
  #labels = new Map<LabelKey, Box>();

  constructor(
    readonly engine: OnnxEngine,
    readonly card: FlatCard,
    readonly lines: readonly TextLine[],
    /** Pixels of the image the lines were read in -> card mm. */
    readonly linesToMm: Homography,
    anchors: readonly AnchorHit[],
    readonly format: Format,
  ) {
    const toMm = (x: number, y: number): Point => applyHomography(linesToMm, [x, y]);
    const labelChars = new Map<TextLine, Set<number>>();
    for (const a of anchors) {
      // A value that placed the card is still a value to read.
      if (a.key.endsWith('Value')) continue;
      const taken = labelChars.get(a.line) ?? new Set<number>();
      for (let i = a.start; i < a.end; i++) taken.add(i);
      labelChars.set(a.line, taken);
      if (a.key.endsWith('Gloss') || a.key === 'title' || a.key === 'titleEn') continue;
      const chars = a.line.chars.slice(a.start, a.end);
      const cy = (a.line.box.y0 + a.line.box.y1) / 2;
      let [x0, y] = toMm(chars[0]?.x0 ?? a.line.box.x0, cy);
      let [x1] = toMm(chars[chars.length - 1]?.x1 ?? a.line.box.x1, cy);
      // The label's own extent; its height from the form (its line may hold a taller value too).
      const grid = labelIn(a.key as LabelKey, format)?.box;
      if (grid && a.key !== 'idNum') {
        // A character's box reaches to the next one read: where the value's first character
        // was lost (printed against the label), the label's last box covers it. Its own ink
        // reaches about half the label's pitch past its centre. Not 证号's: it is printed on a
        // shaded box, whose edge a region begun at its glyph takes in (real-03's number then
        // read 13… for 38…).
        const reach = (0.6 * (grid.x1 - grid.x0)) / [...a.printed.text].length;
        const first = chars[0];
        const last = chars[chars.length - 1];
        if (first) x0 = Math.max(x0, toMm(first.x, cy)[0] - reach);
        if (last) x1 = Math.min(x1, toMm(last.x, cy)[0] + reach);
      }
      if (grid && a.points.length > 0) {
        // A label read in part (名 of 姓名 read as 色) still prints its whole word: what was read
        // places the rest, so the unread characters are not taken for the value's.
        const dx =
          a.points.reduce((s, p) => s + toMm(p.view[0], p.view[1])[0] - p.mm[0], 0) / a.points.length;
        x0 = Math.min(x0, grid.x0 + dx);
        x1 = Math.max(x1, grid.x1 + dx);
      }
      const h = grid ? grid.y1 - grid.y0 : 3;
      this.#labels.set(a.key as LabelKey, { x0, x1, y0: y - h / 2, y1: y + h / 2 });
    }
    this.tokens = lines.flatMap((line) => {
      const taken = labelChars.get(line);
      // The title's lines hold no value; a gloss's line may run on into one (Address湖北省…): only
      // the gloss's own letters are left out of it.
      if (anchors.some((a) => a.line === line && (a.key === 'title' || a.key === 'titleEn'))) return [];
      const cy = (line.box.y0 + line.box.y1) / 2;
      return line.chars
        .map((c, index) => ({ c, index }))
        .filter(({ c, index }) => !taken?.has(index) && c.text.trim() !== '')
        .map(({ c, index }) => {
          const [x, y] = toMm(c.x, cy);
          return {
            text: c.text,
            x,
            x0: toMm(c.x0, cy)[0],
            x1: toMm(c.x1, cy)[0],
            y,
            confidence: c.confidence,
            line,
            index,
          };
        });
    });
  }

  /** Where the label `key` is on the card (mm): where it was read, else where the form prints it. */
  label(key: LabelKey): Box {
    const found = this.#labels.get(key);
    if (found) return found;
    const grid = labelIn(key, this.format);
    if (!grid) throw new Error(`no label ${key} in the ${this.format} layout`);
    return grid.box;
  }

  /** Whether the label `key` was read (not only placed by the form). */
  labelRead(key: LabelKey): boolean {
    return this.#labels.has(key);
  }

  /** The flat card's pixels of a region (mm): the box around where its corners fall, clamped. */
  crop(region: Box, image: RgbImage = this.card.ink): { image: RgbImage; at: Box } {
    const corners = boxCorners(region).map((p) => applyHomography(this.card.mmToFlat, p));
    const x0 = Math.max(0, Math.floor(Math.min(...corners.map(([x]) => x))));
    const y0 = Math.max(0, Math.floor(Math.min(...corners.map(([, y]) => y))));
    const x1 = Math.min(image.width, Math.ceil(Math.max(...corners.map(([x]) => x))));
    const y1 = Math.min(image.height, Math.ceil(Math.max(...corners.map(([, y]) => y))));
    const out = createRgbImage(Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    for (let y = y0; y < y1; y++) {
      out.data.set(
        image.data.subarray((y * image.width + x0) * 3, (y * image.width + x1) * 3),
        (y - y0) * out.width * 3,
      );
    }
    return { image: out, at: { x0, y0, x1, y1 } };
  }

  /**
   * Stretches of print along a band (mm), left to right: columns with pixels far darker than the
   * band's paper, gaps under `join` mm closed (a character's own strokes). Where a value's ink runs
   * when the detector missed part of it. None when the band holds no clear print.
   */
  inkSpans(band: Box, join = 0.6): Box[] {
    const { image, at } = this.crop(band);
    const k = this.card.pxPerMm;
    // The crop starts at a whole pixel: spans are measured from there.
    const left = band.x0 + (at.x0 - applyHomography(this.card.mmToFlat, [band.x0, band.y0])[0]) / k;
    // The paper around each column from two characters' width: glare or shadow over part of a line.
    return inkRuns(image, Math.round(join * k), Math.round(4 * k)).map(([x0, x1]) => ({
      x0: left + x0 / k,
      x1: left + x1 / k,
      y0: band.y0,
      y1: band.y1,
    }));
  }

  /**
   * Reads a region (mm) afresh as one line: the print ink as it is and, unless that reads
   * confidently, evened against the local paper (glare or shadow over part of it). Character
   * positions come back in mm.
   */
  async reread(region: Box): Promise<Recognized[]> {
    const { image: plain, at } = this.crop(region);
    const whole = { x0: 0, y0: 0, x1: plain.width, y1: plain.height };
    const flatToMm = invertHomography(this.card.mmToFlat);
    const cy = (at.y0 + at.y1) / 2;
    const x = (v: number) => applyHomography(flatToMm, [at.x0 + v, cy])[0];
    const toMm = (r: Recognized): Recognized => ({
      ...r,
      region,
      chars: r.chars.map((c) => ({ ...c, x: x(c.x), x0: x(c.x0), x1: x(c.x1) })),
    });
    const first = toMm(await recognizeText(this.engine, plain, whole));
    if (first.confidence >= SURE && first.text.trim() !== '') return [first];
    return [first, toMm(await recognizeText(this.engine, evenedInk(plain), whole))];
  }
}
