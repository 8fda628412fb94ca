import { homography, type Quad } from '../../../emulator/ocr/warpPerspective';

describe('homography', () => {
  it('maps each source corner onto its target corner', () => {
    const from: Quad = [
      [10, 20],
      [300, 5],
      [320, 240],
      [0, 200],
    ];
    const to: Quad = [
      [0, 0],
      [1199, 0],
      [1199, 817],
      [0, 817],
    ];
    const h = homography(from, to);
    from.forEach(([x, y], i) => {
      const w = (h[6] ?? 0) * x + (h[7] ?? 0) * y + (h[8] ?? 0);
      const u = ((h[0] ?? 0) * x + (h[1] ?? 0) * y + (h[2] ?? 0)) / w;
      const v = ((h[3] ?? 0) * x + (h[4] ?? 0) * y + (h[5] ?? 0)) / w;
      expect(u).toBeCloseTo(to[i]?.[0] ?? Number.NaN, 6);
      expect(v).toBeCloseTo(to[i]?.[1] ?? Number.NaN, 6);
    });
  });

  it('throws for a degenerate quadrilateral', () => {
    const line: Quad = [
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ];
    expect(() => homography(line, line)).toThrow('degenerate');
  });
});
