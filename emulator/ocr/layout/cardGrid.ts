/**
 * The printed form of the 机动车驾驶证 main page (GA 482): an 88 x 60 mm card whose labels sit on
 * a fixed grid. Measured from real cards (a flat scan at 11.2 px/mm and a photo, flattened and
 * read by the text detector; the two agree within 0.5 mm), in mm from the card's top-left corner.
 * Values are printed later by another printer, so they sit near, not on, their slots: the engine
 * finds the card from the labels (anchors) and reads each value from the region beside its label.
 */
import type { Box } from '../image/geometry';

export const CARD_MM = { width: 88, height: 60 } as const;

/** Which card layouts an anchor belongs to: the new one (有效期限 A 至 B) or the old (有效起始日期 + N年). */
export type Format = 'new' | 'old';

export type LabelKey =
  | 'idNum'
  | 'name'
  | 'sex'
  | 'nationality'
  | 'address'
  | 'birthDate'
  | 'issueDate'
  | 'carClass'
  | 'validPeriod'
  | 'validFrom';

export interface PrintedText {
  /** The text as printed, spaces removed. */
  text: string;
  box: Box;
  formats: readonly Format[];
}

export interface LabelAnchor extends PrintedText {
  key: LabelKey;
  /** The small English line printed under the label. */
  gloss: PrintedText;
}

const mm = (x0: number, y0: number, x1: number, y1: number): Box => ({ x0, y0, x1, y1 });
const BOTH: readonly Format[] = ['new', 'old'];

export const TITLE: PrintedText = {
  text: '中华人民共和国机动车驾驶证',
  box: mm(17.0, 3.4, 71.2, 7.2),
  formats: BOTH,
};
export const TITLE_EN: PrintedText = {
  text: "DrivingLicenseofthePeople'sRepublicofChina",
  box: mm(17.0, 7.5, 71.1, 10.1),
  formats: BOTH,
};

function label(
  key: LabelKey,
  text: string,
  box: Box,
  gloss: string,
  glossBox: Box,
  formats: readonly Format[] = BOTH,
): LabelAnchor {
  return { key, text, box, formats, gloss: { text: gloss, box: glossBox, formats } };
}

/**
 * The labels. The old layout's indented column holds four rows (出生日期, 初次领证日期, 准驾车型,
 * 有效起始日期) at a tighter pitch, so its positions there are the new layout's only roughly:
 * they are looked for, and read beside, but do not place the card.
 */
export const LABELS: readonly LabelAnchor[] = [
  label('idNum', '证号', mm(25.6, 10.8, 32.6, 14.0), 'No.', mm(25.6, 10.8, 32.6, 14.0)),
  label('name', '姓名', mm(4.2, 15.6, 9.8, 18.6), 'Name', mm(4.2, 18.4, 9.7, 20.4)),
  label('sex', '性别', mm(41.0, 15.5, 46.4, 18.4), 'Sex', mm(41.4, 18.2, 45.6, 20.5)),
  label('nationality', '国籍', mm(56.5, 15.6, 62.3, 18.7), 'Nationality', mm(56.6, 18.6, 66.2, 20.9)),
  label('address', '住址', mm(4.2, 21.3, 9.9, 24.3), 'Address', mm(4.1, 24.1, 11.9, 26.4)),
  label('birthDate', '出生日期', mm(23.8, 33.4, 34.2, 36.0), 'DateofBirth', mm(23.6, 36.1, 33.9, 38.1), [
    'new',
  ]),
  label(
    'issueDate',
    '初次领证日期',
    mm(23.9, 39.7, 39.5, 42.1),
    'DateofFirstIssue',
    mm(23.7, 42.2, 39.3, 44.2),
    ['new'],
  ),
  label('carClass', '准驾车型', mm(23.8, 45.8, 34.2, 48.7), 'Class', mm(23.6, 48.5, 28.9, 50.7), ['new']),
  label('validPeriod', '有效期限', mm(4.5, 52.4, 15.2, 55.1), 'ValidPeriod', mm(4.4, 55.0, 15.2, 57.1)),
  label('validFrom', '有效起始日期', mm(23.9, 47.6, 39.5, 50.0), 'ValidFrom', mm(23.7, 50.0, 33.0, 51.8), [
    'old',
  ]),
];

/** Where the old layout puts its indented rows (the new one's, pitch shrunk to hold four). */
const OLD_INDENTED: Partial<Record<LabelKey, number>> = { birthDate: 33.0, issueDate: 37.9, carClass: 42.8 };

/** The label anchor of `key` in `format`, its y moved to that layout's row. */
export function labelIn(key: LabelKey, format: Format): LabelAnchor | undefined {
  const found = LABELS.find((l) => l.key === key);
  if (!found) return undefined;
  const oldY = format === 'old' ? OLD_INDENTED[key] : undefined;
  if (oldY === undefined) return found;
  const dy = oldY - found.box.y0;
  const move = (b: Box): Box => ({ x0: b.x0, x1: b.x1, y0: b.y0 + dy, y1: b.y1 + dy });
  return { ...found, box: move(found.box), gloss: { ...found.gloss, box: move(found.gloss.box) } };
}

/** Square red stamp of the issuing authority, three lines of text, lower left. */
export const SEAL: Box = mm(3.0, 31.0, 24.0, 52.5);

/** The holder's photo (no text ever read there). */
export const PHOTO: Box = mm(65.0, 27.5, 88.0, 58.5);
