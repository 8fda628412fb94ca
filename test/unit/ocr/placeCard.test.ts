import type { Point } from '../../../emulator/ocr/image/geometry';
import { applyHomography, type Homography, scaling } from '../../../emulator/ocr/image/homography';
import { type Format, LABELS, TITLE } from '../../../emulator/ocr/layout/cardGrid';
import { formatCue } from '../../../emulator/ocr/layout/formatCue';
import { placeCard } from '../../../emulator/ocr/layout/placeCard';
import { lineAt } from './support/syntheticLines';

const MM_TO_VIEW = scaling(10);
const VIEW_TO_MM = scaling(0.1);
const at = (text: string, y: number) => lineAt(text, { x0: 20, y0: y, x1: 70, y1: y + 3 }, MM_TO_VIEW);

describe('formatCue (the layout a line names)', () => {
  it.each<[string, Parameters<typeof formatCue>[0], Format | undefined]>([
    ['the old card by its 有效起始日期 label', [at('有效起始日期2015-06-18', 45)], 'old'],
    ['the old card by its 有效起始日期 label read in part (效 as 的)', [at('有的起始', 51)], 'old'],
    ['the old card by a period in years', [at('有效期限6年', 54)], 'old'],
    ['the new card by its date range', [at('2015-06-18至2025-06-18', 54)], 'new'],
    ['the new card by its date range with 至 lost', [at('2015-06-18 2025-06-18', 54)], 'new'],
    ['neither by a lone date', [at('2015-06-18', 40)], undefined],
    [
      // The 副页 below the main page records 自…至有效起始日期有效: not the main page's label.
      'the new card when only the 副页 beside it prints 有效起始日期',
      [at('2015-06-18至2025-06-18', 54), at('自2025年04月02日至有效起始日期有效', 98)],
      'new',
    ],
  ])('tells %s', (_, lines, format) => expect(formatCue(lines, VIEW_TO_MM)).toBe(format));

  it('counts every line when where the card lies is not known yet', () =>
    expect(formatCue([at('自2025年04月02日至有效起始日期有效', 98)])).toBe('old'));
});

/** The card 9 px/mm, turned 3 degrees, 200 px into the photo. */
const PHOTO: Homography = [8.99, -0.47, 200, 0.47, 8.99, 150, 0, 0, 1];
/** Where each layout prints its lone dates and class (centres, mm): the old card's rows lie higher. */
const VALUES: Record<Format, Array<[string, Point]>> = {
  new: [
    ['1985-11-08', [45.3, 35.2]],
    ['1979-11-08', [50.1, 41.4]],
    ['A2D', [48.4, 47.9]],
  ],
  old: [
    ['1985-11-08', [43.5, 33.9]],
    ['1979-11-08', [48.5, 38.8]],
    ['A2D', [47.7, 44.1]],
  ],
};

/** The top of a card whose bottom rows are lost (glare): the title, three labels and the values beside the seal. */
function cardTop(format: Format): ReturnType<typeof lineAt>[] {
  const label = (key: string) => {
    const l = LABELS.find((x) => x.key === key)!;
    return lineAt(l.text, l.box, PHOTO);
  };
  const value = ([text, [x, y]]: [string, Point]) =>
    lineAt(text, { x0: x - text.length * 0.9, y0: y - 1.4, x1: x + text.length * 0.9, y1: y + 1.4 }, PHOTO);
  return [
    lineAt(TITLE.text, TITLE.box, PHOTO),
    label('idNum'),
    label('name'),
    label('sex'),
    ...VALUES[format].map(value),
  ];
}

describe('placeCard (where the card lies and which layout it prints)', () => {
  const validFrom = LABELS.find((l) => l.key === 'validFrom')!;

  it('places an old card no line names on its own rows when another reading of it named the layout', () => {
    const placed = placeCard(cardTop('old'), undefined, 'old');
    expect(placed.format).toBe('old');
    expect(placed.fit?.anchors.map((a) => a.key)).toEqual(
      expect.arrayContaining(['birthDateValue', 'issueDateValue', 'carClassValue']),
    );
    // Placed on its own rows, the card's bottom corner falls where it is (4 mm off on the new rows).
    const [x, y] = applyHomography(placed.fit!.viewToMm, applyHomography(PHOTO, [0, 60]));
    expect(Math.hypot(x, y - 60)).toBeLessThan(0.6);
  });

  it('takes a card no line names for the new one, the common layout', () => {
    const placed = placeCard(cardTop('new'));
    expect(placed.format).toBe('new');
    expect(placed.named).toBe(false);
  });

  it('tells which layout its own line named', () => {
    const placed = placeCard([...cardTop('old'), lineAt(validFrom.text, validFrom.box, PHOTO)]);
    expect(placed.format).toBe('old');
    expect(placed.named).toBe(true);
  });

  it('takes the layout its own line names over the one another reading named', () => {
    const lines = [...cardTop('old'), lineAt(validFrom.text, validFrom.box, PHOTO)];
    expect(placeCard(lines, undefined, 'new').format).toBe('old');
  });
});
