import { cardPxPerMm } from '../../../scripts/bench/ocrTruth';
import { byResolution, type CaseScore } from '../../../scripts/bench/scoreLicence';

describe('cardPxPerMm (how large the card is in the photo)', () => {
  it.each([
    [
      'a card drawn 880 x 600 px is 10 px/mm',
      [
        [0, 0],
        [880, 0],
        [880, 600],
        [0, 600],
      ],
      10,
    ],
    [
      'the same card turned a quarter is still 10 px/mm',
      [
        [600, 0],
        [600, 880],
        [0, 880],
        [0, 0],
      ],
      10,
    ],
    [
      'a card 264 px wide, as in a tiny web image, is 3 px/mm',
      [
        [10, 10],
        [274, 10],
        [274, 190],
        [10, 190],
      ],
      3,
    ],
    [
      'a card under perspective counts its area',
      [
        [0, 0],
        [880, 100],
        [880, 500],
        [0, 600],
      ],
      Math.sqrt((880 * 500) / 5280),
    ],
  ] as const)('%s', (_, quad, expected) => expect(cardPxPerMm(quad)).toBeCloseTo(expected, 6));
});

describe('byResolution (fields right by the card size)', () => {
  const licence = (handled: boolean, ...outcomes: Array<'right' | 'empty' | 'wrong'>): CaseScore => ({
    file: 'x.jpg',
    licence: true,
    handled,
    fields: Object.fromEntries(outcomes.map((o, i) => [['idNum', 'name', 'sex'][i], o])),
  });
  const negative: CaseScore = { file: 'n.jpg', licence: false, handled: true, fields: {} };

  it('counts each licence in the band its card size falls in, and leaves out empty bands', () => {
    const rows = byResolution([
      { score: licence(false, 'empty', 'empty', 'empty'), cardPxPerMm: 1.4 },
      { score: licence(true, 'right', 'wrong', 'right'), cardPxPerMm: 2 },
      { score: licence(true, 'right', 'right', 'right'), cardPxPerMm: 9.5 },
      { score: licence(true, 'right', 'empty', 'right'), cardPxPerMm: 12 },
    ]);
    expect(rows).toEqual([
      { from: 0, to: 2, licences: 1, accepted: 0, fields: 3, right: 0 },
      { from: 2, to: 3, licences: 1, accepted: 1, fields: 3, right: 2 },
      { from: 6, to: Number.POSITIVE_INFINITY, licences: 2, accepted: 2, fields: 6, right: 5 },
    ]);
  });

  it.each([
    ['negatives', { score: negative, cardPxPerMm: 5 }],
    [
      'licences whose truth has no card outline (real photos)',
      { score: licence(true, 'right'), cardPxPerMm: undefined },
    ],
  ])('leaves out %s', (_, scored) => expect(byResolution([scored])).toEqual([]));
});
