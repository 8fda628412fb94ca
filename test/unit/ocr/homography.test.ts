import type { Point } from '../../../emulator/ocr/image/geometry';
import {
  applyHomography,
  composeHomography,
  fitAffine,
  fitHomography,
  fitSimilarity,
  type Homography,
  invertHomography,
} from '../../../emulator/ocr/image/homography';

const PERSPECTIVE: Homography = [1.1, 0.05, 30, -0.04, 0.95, 12, 0.0004, -0.0002, 1];
const SQUARE: Point[] = [
  [0, 0],
  [88, 0],
  [88, 60],
  [0, 60],
  [44, 30],
  [10, 50],
];

const close = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);

describe('homography', () => {
  it('fitHomography recovers a perspective transform from the points it maps', () => {
    const to = SQUARE.map((p) => applyHomography(PERSPECTIVE, p));
    const fitted = fitHomography(SQUARE, to);
    for (const p of [
      [20, 20],
      [70, 5],
    ] as Point[])
      expect(close(applyHomography(fitted, p), applyHomography(PERSPECTIVE, p))).toBeLessThan(1e-6);
  });

  it.each([
    ['affine', fitAffine, [1.2, 0.1, 5, -0.2, 0.9, 7, 0, 0, 1] as Homography],
    ['similarity', fitSimilarity, [0.98, -0.17, 5, 0.17, 0.98, 7, 0, 0, 1] as Homography],
  ])('fit%s recovers a transform of its kind', (_name, fitter, truth) => {
    const fitted = fitter(
      SQUARE,
      SQUARE.map((p) => applyHomography(truth, p)),
    );
    for (const [i, v] of fitted.entries()) expect(v).toBeCloseTo(truth[i] ?? 0, 6);
  });

  it('inverts and composes back to the identity', () => {
    const identity = composeHomography(PERSPECTIVE, invertHomography(PERSPECTIVE));
    expect(close(applyHomography(identity, [37, 21]), [37, 21])).toBeLessThan(1e-9);
  });

  it('throws on points that fix no transform (all on one line)', () => {
    const line: Point[] = [0, 1, 2, 3].map((i) => [i, i]);
    expect(() => fitHomography(line, line)).toThrow('degenerate');
  });
});
