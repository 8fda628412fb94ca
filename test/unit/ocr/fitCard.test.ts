import { applyHomography, fitHomography, type Homography } from '../../../emulator/ocr/image/homography';
import { LABELS, type LabelKey, labelIn, TITLE } from '../../../emulator/ocr/layout/cardGrid';
import { findAnchors } from '../../../emulator/ocr/layout/findAnchors';
import { fitCard, maxLeverage, spreadAcross } from '../../../emulator/ocr/layout/fitCard';
import { lineAt } from './support/syntheticLines';

/** The card 12 px/mm, turned 4 degrees, foreshortened a little, 300 px into the photo. */
const PHOTO: Homography = [11.9, -0.85, 300, 0.83, 12.1, 200, 0.0003, 0.0002, 1];
/** A card seen at a slant (or cut along a wrong outline): its corners foreshortened by a sixth. */
const SLANT = fitHomography(
  [
    [0, 0],
    [88, 0],
    [88, 60],
    [0, 60],
  ],
  [
    [60, 40],
    [1240, 130],
    [1200, 760],
    [90, 880],
  ],
);
/** The card 10 px/mm, turned 5 degrees, nothing else. */
const TURNED: Homography = [9.96, -0.87, 200, 0.87, 9.96, 150, 0, 0, 1];
/** A label's line seen through `h`, printed or read `shift` (mm) off its place. */
const labelAt = (k: string, h: Homography, [dx, dy] = [0, 0]) => {
  const { text, box } = LABELS.find((l) => l.key === k)!;
  return lineAt(text, { x0: box.x0 + dx!, x1: box.x1 + dx!, y0: box.y0 + dy!, y1: box.y1 + dy! }, h);
};
const labels = (keys: string[], h: Homography) => keys.map((k) => labelAt(k, h));

describe('fitCard', () => {
  it('places the card from its labels within half a millimetre', () => {
    const lines = [
      lineAt(TITLE.text, TITLE.box, PHOTO),
      ...labels(
        [
          'idNum',
          'name',
          'sex',
          'nationality',
          'address',
          'birthDate',
          'issueDate',
          'carClass',
          'validPeriod',
        ],
        PHOTO,
      ),
    ];
    const fit = fitCard(findAnchors(lines));
    for (const corner of [
      [0, 0],
      [88, 0],
      [88, 60],
      [0, 60],
    ] as const) {
      const [x, y] = applyHomography(fit!.viewToMm, applyHomography(PHOTO, corner));
      expect(Math.hypot(x - corner[0], y - corner[1])).toBeLessThan(0.5);
    }
  });

  it('leaves out the 副页 lying beside the main page (its 证号 and 姓名 agree with no placement of the main page)', () => {
    const back: Homography = [12, 0, 1500, 0, 12, 260, 0, 0, 1];
    const lines = [
      ...labels(['idNum', 'name', 'sex', 'nationality', 'address', 'birthDate'], PHOTO),
      ...labels(['idNum', 'name'], back),
    ];
    const fit = fitCard(findAnchors(lines));
    expect(fit?.anchors).toHaveLength(6);
    expect(fit?.anchors.every((a) => a.line.box.x0 < 1400)).toBe(true);
  });

  it('places no card from a pair of anchors whose similarity would stretch the title three times over', () => {
    // The title 12 px/mm; a 姓名 (the 副页's, say) lying where a card three times larger would
    // print it. The pair alone fits exactly; the title's own characters say it is not that large.
    const view: Homography = [12, 0, 1500, 0, 12, 200, 0, 0, 1];
    const name = LABELS.find((l) => l.key === 'name')!;
    const titleAt = [(TITLE.box.x0 + TITLE.box.x1) / 2, (TITLE.box.y0 + TITLE.box.y1) / 2] as const;
    const nameAt = [(name.box.x0 + name.box.x1) / 2, (name.box.y0 + name.box.y1) / 2] as const;
    const [tx, ty] = applyHomography(view, titleAt);
    const far: Homography = [
      12,
      0,
      tx + 36 * (nameAt[0] - titleAt[0]) - 12 * nameAt[0],
      0,
      12,
      ty + 36 * (nameAt[1] - titleAt[1]) - 12 * nameAt[1],
      0,
      0,
      1,
    ];
    const lines = [lineAt(TITLE.text, TITLE.box, view), lineAt(name.text, name.box, far)];
    expect(fitCard(findAnchors(lines))).toBeNull();
  });

  it('takes in the far rows a strong perspective puts a row off the affine fit, with a homography', () => {
    // An old card seen at a slant (SLANT). The title, 性别, 国籍 and 有效起始日期 agree with an affine fit that puts 姓名 5 mm off.
    const keys: LabelKey[] = ['name', 'sex', 'nationality', 'address', 'validFrom', 'validPeriod'];
    const lines = [
      lineAt(TITLE.text, TITLE.box, SLANT),
      ...keys.map((k) => lineAt(labelIn(k, 'old')!.text, labelIn(k, 'old')!.box, SLANT)),
    ];
    const fit = fitCard(findAnchors(lines, ['old']))!;
    expect(fit.model).toBe('homography');
    expect(fit.anchors.map((a) => a.key).sort()).toEqual([...keys, 'title'].sort());
    for (const point of [
      [7, 17],
      [7, 53.7],
      [70, 17],
    ] as const) {
      const [x, y] = applyHomography(fit.viewToMm, applyHomography(SLANT, point));
      expect(Math.hypot(x - point[0], y - point[1])).toBeLessThan(0.5);
    }
  });

  it.each([
    [0.8, -0.6],
    [-0.8, 0.6],
  ])(
    "keeps 国籍's place when the labels found lie along one line, one of them %s, %s mm off (a homography would turn the card's side)",
    (dx, dy) => {
      // 11165: the title, 性别, the column of date labels and 有效期限 run corner to corner; fitted
      // to those, a label's misprint or misreading of under a millimetre turns the side they leave free.
      const lines = [
        lineAt(TITLE.text, TITLE.box, SLANT),
        labelAt('sex', SLANT, [dx, dy]),
        ...labels(['birthDate', 'issueDate', 'carClass', 'validPeriod'], SLANT),
      ];
      const fit = fitCard(findAnchors(lines))!;
      const nationality = [59.4, 17.2] as const;
      const [x, y] = applyHomography(fit.viewToMm, applyHomography(SLANT, nationality));
      expect(Math.hypot(x - nationality[0], y - nationality[1])).toBeLessThan(1);
    },
  );

  it('keeps the far corner when the one label off the column is read a millimetre off (an affine fit would hinge on it)', () => {
    // 10919: the title, 性别 and the date labels' column, with 住址 alone on the left; its place,
    // read a millimetre low, alone set the affine fit's tilt across the column.
    const lines = [
      lineAt(TITLE.text, TITLE.box, TURNED),
      ...labels(['sex', 'birthDate', 'issueDate', 'carClass'], TURNED),
      labelAt('address', TURNED, [0, 1]),
    ];
    const fit = fitCard(findAnchors(lines))!;
    const corner = [88, 60] as const;
    const [x, y] = applyHomography(fit.viewToMm, applyHomography(TURNED, corner));
    expect(Math.hypot(x - corner[0], y - corner[1])).toBeLessThan(1);
  });

  it('finds no placement from a single label', () => {
    expect(fitCard(findAnchors(labels(['sex'], PHOTO)))).toBeNull();
  });
});

describe('spreadAcross (how far points lie off the line through them)', () => {
  it.each([
    [
      'points on one slanted line',
      [
        [0, 0],
        [10, 5],
        [20, 10],
        [40, 20],
      ],
      0,
      0.01,
    ],
    [
      "11165's labels: the title, 性别, the date labels' column and 有效期限",
      [
        [44.1, 5.3],
        [44.5, 8.8],
        [43.7, 16.9],
        [27.7, 34.7],
        [28.8, 37.1],
        [30.4, 40.9],
        [29, 47.3],
        [9.8, 56],
      ],
      3.6,
      0.1,
    ],
    [
      "the labels of a card's four corners and centre",
      [
        [7, 17],
        [59, 17],
        [10, 54],
        [29, 47],
        [44, 5],
      ],
      12.5,
      1.5,
    ],
  ] as const)('%s', (_, points, spread, within) => {
    expect(Math.abs(spreadAcross(points as unknown as Array<[number, number]>) - spread)).toBeLessThan(
      within,
    );
  });
});

describe('maxLeverage (how much of its own fitted place a point alone sets)', () => {
  it.each([
    [
      'four corners of a square: each shares its place with the rest',
      [
        [0, 0],
        [10, 0],
        [0, 10],
        [10, 10],
      ],
      0.75,
    ],
    [
      'three points: the fit passes through every one',
      [
        [0, 0],
        [10, 0],
        [0, 10],
      ],
      1,
    ],
    [
      'points on one line: nothing checks the direction across it',
      [
        [0, 0],
        [1, 1],
        [2, 2],
        [3, 3],
      ],
      1,
    ],
    [
      "10919's anchors: 住址 alone left of a column of the title, the number, 性别 and the dates",
      [
        [44.1, 5.3],
        [53.3, 12.4],
        [45, 16.9],
        [8.5, 22.8],
        [43.5, 33.9],
        [48.5, 38.8],
        [47.7, 44.1],
      ],
      0.957,
    ],
  ] as Array<[string, Array<[number, number]>, number]>)('%s', (_, points, expected) => {
    expect(maxLeverage(points)).toBeCloseTo(expected, 2);
  });
});
