import { FieldContext } from '../../../emulator/ocr/fields/FieldContext';
import { withoutDuplicates } from '../../../emulator/ocr/fields/readFields';
import { scaling } from '../../../emulator/ocr/image/homography';
import { createRgbImage } from '../../../emulator/ocr/image/RgbImage';
import { TITLE } from '../../../emulator/ocr/layout/cardGrid';
import { findAnchors } from '../../../emulator/ocr/layout/findAnchors';
import { flattenCard } from '../../../emulator/ocr/layout/flattenCard';
import type { OnnxEngine } from '../../../emulator/ocr/text/OnnxEngine';
import { lineAt } from './support/syntheticLines';

/** The lines given in card mm (a view at 1 px/mm), split into labels and values. */
function contextOf(lines: ReturnType<typeof lineAt>[]): FieldContext {
  const identity = scaling(1);
  const card = flattenCard(createRgbImage(88, 60), identity);
  // Splitting lines into labels and values reads nothing: no recognizer is needed.
  return new FieldContext(null as unknown as OnnxEngine, card, lines, identity, findAnchors(lines), 'new');
}

/** Which of the lines' characters are values to read. */
const valueText = (lines: ReturnType<typeof lineAt>[]) =>
  contextOf(lines)
    .tokens.map((t) => t.text)
    .join('');

describe('FieldContext tokens (what of each line is a value)', () => {
  const mm = scaling(1);
  it.each([
    [
      'keeps the value a gloss line runs on into, without the gloss',
      [lineAt('Address湖北省武汉市', { x0: 4.1, y0: 24.1, x1: 40, y1: 26.4 }, mm)],
      '湖北省武汉市',
    ],
    ['keeps nothing of the title', [lineAt(TITLE.text, TITLE.box, mm)], ''],
    [
      'keeps the value after a label on its line',
      [lineAt('住址河北省承德市', { x0: 4.2, y0: 21.3, x1: 38, y1: 24.3 }, mm)],
      '河北省承德市',
    ],
  ])('%s', (_, lines, expected) => expect(valueText(lines)).toBe(expected));
});

describe('FieldContext labels (where each label is printed)', () => {
  const mm = scaling(1);
  // 姓名 is printed at 4.2-9.8 mm; the name follows at the same pitch (2.8 mm a character).
  it.each([
    ['spans a label read whole', '姓名肖丽婷', 9.8],
    ['spans the whole printed word of a label read in part (名 read as 色)', '姓色肖丽婷', 9.8],
  ])('%s', (_, text, x1) => {
    const ctx = contextOf([lineAt(text, { x0: 4.2, y0: 15.6, x1: 18.2, y1: 18.6 }, mm)]);
    expect(ctx.label('name').x1).toBeCloseTo(x1, 1);
  });

  it("ends where the label's own ink does when the value's first character was lost against it", () => {
    // 邹 printed against 名 and dropped by the recognizer: 名's box reaches on over 邹 to 杰.
    const whole = lineAt('姓名邹杰鹏', { x0: 4.2, y0: 15.6, x1: 18.2, y1: 18.6 }, mm);
    const [surname, given, lost, ...rest] = whole.chars;
    const line = {
      ...whole,
      text: '姓名杰鹏',
      chars: [surname!, { ...given!, x1: lost!.x1 }, ...rest],
    };
    const label = contextOf([line]).label('name');
    expect(label.x1).toBeLessThan(lost!.x0 + 0.5);
    expect(label.x1).toBeGreaterThanOrEqual(9.8);
  });
});

describe('withoutDuplicates (one stretch of print found twice is read once)', () => {
  const mm = scaling(1);
  /** Every character of the lines as a token at its place (1 px/mm). */
  const tokensOf = (lines: ReturnType<typeof lineAt>[]) =>
    lines.flatMap((line) => line.chars.map((c, index) => ({ ...c, y: 24, line, index })));
  const kept = (lines: ReturnType<typeof lineAt>[]) => [
    ...new Set(withoutDuplicates(tokensOf(lines)).map((t) => t.line.text)),
  ];
  it.each([
    [
      'keeps the more confident of two readings of the same stretch',
      [
        lineAt('广东省广州市', { x0: 10, y0: 23, x1: 40, y1: 26 }, mm, 0.9),
        lineAt('广东省广卅市', { x0: 10.5, y0: 23, x1: 41, y1: 26 }, mm, 0.6),
      ],
      ['广东省广州市'],
    ],
    [
      'drops a label character read apart, not the address line it lies in, however confidently read',
      [
        lineAt('址', { x0: 9.6, y0: 23, x1: 11.4, y1: 26 }, mm, 0.99),
        lineAt('址s广东省广州市', { x0: 9.6, y0: 23, x1: 40, y1: 26 }, mm, 0.7),
      ],
      ['址s广东省广州市'],
    ],
    [
      'keeps lines side by side',
      [
        lineAt('广东省', { x0: 10, y0: 23, x1: 25, y1: 26 }, mm),
        lineAt('广州市', { x0: 26, y0: 23, x1: 40, y1: 26 }, mm),
      ],
      ['广东省', '广州市'],
    ],
  ])('%s', (_, lines, expected) => expect(kept(lines)).toEqual(expected));
});
