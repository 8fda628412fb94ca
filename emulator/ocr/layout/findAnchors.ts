import { toHalfWidth } from '../../../src/domain/rules/normalizeText';
import type { Point } from '../image/geometry';
import { foldDigits } from '../text/lookAlikes';
import type { TextLine } from '../text/TextLine';
import { alignText } from './alignText';
import { type Format, LABELS, type LabelKey, type PrintedText, TITLE, TITLE_EN } from './cardGrid';

export type AnchorKey = 'title' | 'titleEn' | LabelKey | `${LabelKey}Gloss` | `${LabelKey}Value`;

/** A printed word of the form found in a line: its characters' ink matched to their grid places. */
export interface AnchorHit {
  key: AnchorKey;
  printed: PrintedText;
  line: TextLine;
  /** Indices into line.chars of the matched word, first and one past the last. */
  start: number;
  end: number;
  /** Each matched character: where its ink is (view px) and where the form prints it (mm). */
  points: Array<{ view: Point; mm: Point }>;
  /** How much the hit counts when placing the card (labels 1, the title 2, small glosses less). */
  weight: number;
  /** How far (mm) from its place it may lie and still agree: more for values (misregistered print). */
  tolerance: number;
}

/** A date alone on its line (after its label, if the line holds one): not a range. */
const LONE_DATE = /(?<![\d至])\d{4}[-.]\d\d[-.]\d\d(?![\d至])/;
/** A line holding only a class code (A1…P and combinations). */
const CLASS_CODE = /^[ABC][1-6](?:[ABC][1-6]|[DEFMNP])?$/;

/** Distance (mm) within which a printed label agrees with a placement of the card. */
const LABEL_TOLERANCE = 1.6;
/** Values are printed by another printer, up to ~1.5 mm off their slots. */
const VALUE_TOLERANCE = 2.8;

/**
 * Values whose text says what they are and whose slot is fixed (centres measured on real cards
 * like the grid): the 18-character number right of 证号 and the new card's validity range; a lone
 * date (the birth date or the first issue: both places are tried, the placement decides), a
 * class code. They place the card when its small labels are illegible (tiny web images, blur),
 * within the print's misregistration.
 */
const VALUE_ANCHORS: ReadonlyArray<{
  key: AnchorKey;
  pattern: RegExp;
  centre: Point;
  formats: readonly Format[];
  weight: number;
}> = [
  // Shapes, not values: a digit may be misread (a slashed zero taken for an 8) and still place the card.
  { key: 'idNumValue', pattern: /\d{17}[\dX]/, centre: [53.3, 12.4], formats: ['new', 'old'], weight: 1 },
  {
    key: 'validPeriodValue',
    // 至 is often lost between the dates (or read as another character): two dates with their
    // separators still make a range, while 16 bare digits may be a licence number's.
    pattern:
      /\d{4}\D?\d\d\D?\d\d至(?:\d{4}\D?\d\d\D?\d\d|长期)|\d{4}[-.]\d\d[-.]\d\d\D?\d{4}[-.]\d\d[-.]\d\d/,
    centre: [40.9, 53.9],
    formats: ['new'],
    weight: 1,
  },
  { key: 'birthDateValue', pattern: LONE_DATE, centre: [45.3, 35.2], formats: ['new'], weight: 0.5 },
  { key: 'issueDateValue', pattern: LONE_DATE, centre: [50.1, 41.4], formats: ['new'], weight: 0.5 },
  { key: 'carClassValue', pattern: CLASS_CODE, centre: [48.4, 47.9], formats: ['new'], weight: 0.5 },
  { key: 'birthDateValue', pattern: LONE_DATE, centre: [43.5, 33.9], formats: ['old'], weight: 0.5 },
  { key: 'issueDateValue', pattern: LONE_DATE, centre: [48.5, 38.8], formats: ['old'], weight: 0.5 },
  { key: 'carClassValue', pattern: CLASS_CODE, centre: [47.7, 44.1], formats: ['old'], weight: 0.5 },
];

/** Where 机动车驾驶证 begins in the title (mm): past 中华人民共和国. */
const TITLE_OWN_WORDS_MM = TITLE.box.x0 + ((TITLE.box.x1 - TITLE.box.x0) * 7) / 13;

/** Two-character labels read with one character lost: those characters no value shares. */
const DISTINCT_HALF = new Set(['姓', '名', '性', '别', '籍', '址']);

/** Words on other documents that share the licence's labels; a line holding one is no anchor. */
const FOREIGN = /行驶证|从业资格|居民身份|身份号码|副页|档案编号/;

/** Every label, gloss and title line of the licence found in `lines`. */
export function findAnchors(
  lines: readonly TextLine[],
  formats: readonly Format[] = ['new', 'old'],
): AnchorHit[] {
  const hits: AnchorHit[] = [];
  for (const line of lines) {
    if (FOREIGN.test(line.text)) continue;
    const chars = line.chars;
    const han = chars.map((c) => c.text);
    const title = matchWord(line, han, chars, TITLE, 'title', 2, 7);
    // 中华人民共和国 heads other certificates too: the licence's title must show its own words.
    if (
      title &&
      title.points.filter((p) => p.mm[0] > TITLE_OWN_WORDS_MM).length >= 3 &&
      !isBackTitle(han, title)
    )
      hits.push(title);
    for (const label of LABELS) {
      if (!label.formats.some((f) => formats.includes(f))) continue;
      const n = [...label.text].length;
      const hit = matchWord(line, han, chars, label, label.key, 1, n <= 2 ? 2 : n <= 4 ? 3 : 4);
      if (hit) hits.push(hit);
      else if (n === 2) {
        const half = matchWord(line, han, chars, label, label.key, 0.5, 1);
        if (half && half.points.length === 1 && DISTINCT_HALF.has(han[half.start] ?? '')) hits.push(half);
      }
    }
    hits.push(...valueHits(line, formats));
    // English: letters only, case folded (the recognizer drops and doubles spaces freely).
    const letters = chars.map((c) => (/^[A-Za-z]$/.test(c.text) ? c.text.toLowerCase() : '\u0000'));
    const en = matchLatin(line, letters, chars, TITLE_EN, 'titleEn', 1);
    if (en) hits.push(en);
    for (const label of LABELS) {
      if (!label.gloss.formats.some((f) => formats.includes(f)) || label.key === 'idNum') continue;
      const hit = matchLatin(line, letters, chars, label.gloss, `${label.key}Gloss`, 0.5);
      if (hit) hits.push(hit);
    }
  }
  return hits;
}

/**
 * The 副页 titles itself 中华人民共和国机动车驾驶证副页: the main page's title with two characters
 * more on its line. Under glare or blur 副页 reads as anything (测项, 确项): two characters right
 * after the title's last are enough to tell the back page.
 */
function isBackTitle(han: readonly string[], title: AnchorHit): boolean {
  const last = [...TITLE.text].length - 1;
  const endsTitle = title.points.some(
    (p) => p.mm[0] > TITLE.box.x1 - (TITLE.box.x1 - TITLE.box.x0) / (last + 1),
  );
  const after = han.slice(title.end, title.end + 2);
  return endsTitle && after.length === 2 && after.every((c) => /^\p{Script=Han}$/u.test(c));
}

function matchWord(
  line: TextLine,
  text: readonly string[],
  chars: TextLine['chars'],
  printed: PrintedText,
  key: AnchorKey,
  weight: number,
  need: number,
): AnchorHit | null {
  const word = [...printed.text];
  const found = alignText(word, text);
  if (!found || found.pairs.length < need || found.end - found.start > word.length + 2) return null;
  return toHit(line, chars, printed, key, weight, found.start, found.end, found.pairs, word.length);
}

function matchLatin(
  line: TextLine,
  letters: readonly string[],
  chars: TextLine['chars'],
  printed: PrintedText,
  key: AnchorKey,
  weight: number,
): AnchorHit | null {
  const word = [...printed.text.toLowerCase()].filter((c) => /[a-z]/.test(c));
  if (word.length < 3) return null;
  const found = alignText(word, letters);
  // Short words must be read whole; longer ones may lose or misread some of their letters.
  const need = word.length <= 5 ? word.length : Math.ceil(word.length * (word.length > 20 ? 0.6 : 0.75));
  if (!found || found.pairs.length < need || found.end - found.start > word.length + 5) return null;
  return toHit(line, chars, printed, key, weight, found.start, found.end, found.pairs, word.length);
}

function toHit(
  line: TextLine,
  chars: TextLine['chars'],
  printed: PrintedText,
  key: AnchorKey,
  weight: number,
  start: number,
  end: number,
  pairs: ReadonlyArray<[number, number]>,
  length: number,
): AnchorHit {
  const { box } = printed;
  const pitch = (box.x1 - box.x0) / length;
  const y = (line.box.y0 + line.box.y1) / 2;
  const points = pairs.map(([i, k]) => ({
    view: [chars[i]!.x, y] as Point,
    mm: [box.x0 + (k + 0.5) * pitch, (box.y0 + box.y1) / 2] as Point,
  }));
  return { key, printed, line, start, end, points, weight, tolerance: LABEL_TOLERANCE };
}

function valueHits(line: TextLine, formats: readonly Format[]): AnchorHit[] {
  const hits: AnchorHit[] = [];
  // One code unit per character, look-alikes folded one for one: match positions stay char indices.
  const read = toHalfWidth(line.chars.map((c) => (c.text.length === 1 ? c.text : '\u0000')).join(''));
  const folded = foldDigits(read);
  for (const { key, pattern, centre, formats: printed, weight } of VALUE_ANCHORS) {
    if (!printed.some((f) => formats.includes(f))) continue;
    // A class code's letters are the code: folded, B1 would read 81.
    const match = pattern.exec(pattern === CLASS_CODE ? read : folded);
    if (!match) continue;
    const chars = line.chars.slice(match.index, match.index + match[0].length);
    const x = chars.reduce((s, c) => s + c.x, 0) / chars.length;
    hits.push({
      key,
      printed: {
        text: match[0],
        box: { x0: centre[0], y0: centre[1], x1: centre[0], y1: centre[1] },
        formats: printed,
      },
      line,
      start: match.index,
      end: match.index + match[0].length,
      points: [{ view: [x, (line.box.y0 + line.box.y1) / 2], mm: centre }],
      weight,
      tolerance: VALUE_TOLERANCE,
    });
  }
  return hits;
}
