import type { RgbImage } from '../../../emulator/ocr/RgbImage';
import { findSealRing } from '../../../emulator/ocr/readSeal';
import { fitCircle, fitEllipse, redInk, type SealEllipse } from '../../../emulator/ocr/sealRing';
import { estimateGlyphCount, type SealTextBand, unwrapSeal } from '../../../emulator/ocr/sealUnwrap';

const INK: [number, number, number] = [215, 40, 45];
const PAPER: [number, number, number] = [238, 236, 230];
const SKIN: [number, number, number] = [222, 172, 140];

interface Scene {
  width: number;
  height: number;
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  /** A skin-coloured disc (a finger) over part of the ring. */
  finger?: { x: number; y: number; r: number };
}

/** Paper with a red elliptical ring (stroke 6 % of the radius), a star-ish blob and a few marks. */
function paint(scene: Scene): RgbImage {
  const { width, height, cx, cy, rx, ry } = scene;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = (x - cx) / rx;
      const v = (y - cy) / ry;
      const rho = Math.hypot(u, v);
      let c = PAPER;
      if (Math.abs(rho - 0.97) < 0.03) c = INK;
      else if (rho < 0.2) c = INK;
      // Text-like dashes along the upper arc.
      else if (rho > 0.55 && rho < 0.85 && v < 0.5 && Math.floor((Math.atan2(v, u) + Math.PI) * 9) % 2 === 0)
        c = INK;
      const f = scene.finger;
      if (f && Math.hypot(x - f.x, y - f.y) < f.r) c = SKIN;
      data.set(c, (y * width + x) * 3);
    }
  }
  return { data, width, height };
}

describe('redInk', () => {
  it.each([
    ['stamp red', [215, 40, 45], true],
    ['faded stamp under glare', [250, 205, 208], true],
    ['skin', SKIN, false],
    ['wood', [180, 120, 70], false],
    ['paper', PAPER, false],
    ['black print tinted red by JPEG chroma', [55, 25, 25], false],
  ] as const)('%s counts as ink: %s', (_name, [r, g, b], ink) => {
    expect(redInk(r, g, b) > 0).toBe(ink);
  });
});

describe('fitEllipse and fitCircle', () => {
  const onEllipse = (cx: number, cy: number, a: number, b: number, t: number, from = 0, to = 2 * Math.PI) =>
    Array.from({ length: 60 }, (_, i): [number, number] => {
      const s = from + ((to - from) * i) / 59;
      const x = a * Math.cos(s);
      const y = b * Math.sin(s);
      return [cx + x * Math.cos(t) - y * Math.sin(t), cy + x * Math.sin(t) + y * Math.cos(t)];
    });

  it('recovers centre, axes and tilt of an ellipse from points on it', () => {
    const e = fitEllipse(onEllipse(300, 200, 120, 80, 0.3));
    expect(e).not.toBeNull();
    expect(e?.cx).toBeCloseTo(300, 3);
    expect(e?.cy).toBeCloseTo(200, 3);
    const axes = [e?.rx ?? 0, e?.ry ?? 0].sort((p, q) => p - q);
    expect(axes[0]).toBeCloseTo(80, 3);
    expect(axes[1]).toBeCloseTo(120, 3);
  });

  it('recovers a circle from a third of its arc', () => {
    const c = fitCircle(onEllipse(50, 60, 40, 40, 0, 0, (2 * Math.PI) / 3));
    expect(c?.cx).toBeCloseTo(50, 3);
    expect(c?.cy).toBeCloseTo(60, 3);
    expect(c?.rx).toBeCloseTo(40, 3);
  });

  it('returns null for collinear points', () => {
    expect(fitEllipse(Array.from({ length: 10 }, (_, i): [number, number] => [i, 2 * i]))).toBeNull();
  });
});

describe('findSealRing', () => {
  it.each<[string, Scene]>([
    ['a whole ring', { width: 900, height: 600, cx: 250, cy: 380, rx: 140, ry: 140 }],
    ['a ring cut by the card edge', { width: 900, height: 600, cx: 250, cy: 530, rx: 140, ry: 140 }],
    ['a ring seen in perspective (ellipse)', { width: 900, height: 600, cx: 400, cy: 300, rx: 150, ry: 105 }],
    [
      'a ring partly under a finger',
      { width: 900, height: 600, cx: 300, cy: 300, rx: 130, ry: 130, finger: { x: 420, y: 360, r: 90 } },
    ],
    ['a small ring in an unrectified photo', { width: 1200, height: 800, cx: 700, cy: 500, rx: 55, ry: 50 }],
  ])('finds %s to within a few pixels', (_name, scene) => {
    const ring = findSealRing(paint(scene));
    expect(ring).not.toBeNull();
    const r = ring as NonNullable<typeof ring>;
    const tolerance = Math.max(4, 0.04 * scene.rx);
    expect(Math.abs(r.cx - scene.cx)).toBeLessThan(tolerance);
    expect(Math.abs(r.cy - scene.cy)).toBeLessThan(tolerance);
    // The fitted radius is the outer edge of the stroke.
    const fitted = [r.rx, r.ry].sort((p, q) => p - q);
    const truth = [scene.rx, scene.ry].sort((p, q) => p - q);
    expect(Math.abs((fitted[0] ?? 0) - (truth[0] ?? 0))).toBeLessThan(tolerance);
    expect(Math.abs((fitted[1] ?? 0) - (truth[1] ?? 0))).toBeLessThan(tolerance);
  });

  it('returns null when there is no red ink', () => {
    const blank = paint({ width: 400, height: 300, cx: -1000, cy: -1000, rx: 1, ry: 1 });
    expect(findSealRing(blank)).toBeNull();
  });
});

describe('unwrapSeal', () => {
  /** Paper with a ring and text-like dashes on the upper arc, strong ink on the left, faint (glare) on the right. */
  function twoInks(): { image: RgbImage; ring: SealEllipse; band: SealTextBand } {
    const width = 300;
    const height = 300;
    const data = new Uint8Array(width * height * 3);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const u = (x - 150) / 120;
        const v = (y - 150) / 120;
        const rho = Math.hypot(u, v);
        const a = Math.atan2(v, u);
        let c = PAPER;
        if (Math.abs(rho - 0.97) < 0.03) c = INK;
        else if (rho > 0.6 && rho < 0.8 && a < -0.1 && Math.floor((a + Math.PI) * 6) % 2 === 0)
          c = a < -1.2 ? INK : [236, 205, 200];
        data.set(c, (y * width + x) * 3);
      }
    }
    const ring: SealEllipse = { cx: 150, cy: 150, rx: 120, ry: 120, angle: 0 };
    return {
      image: { data, width, height },
      ring,
      band: { up: -Math.PI / 2, halfSpan: 1.6, inner: 0.55, outer: 0.9 },
    };
  }
  /** Darkest grey left of the middle (strong ink) and in the right quarter (faint ink) of a strip. */
  const darkest = (strip: RgbImage): [number, number] => {
    const half = [255, 255] as [number, number];
    for (let y = 0; y < strip.height; y++)
      for (let x = 0; x < strip.width; x++) {
        if (x > strip.width / 2 && x < (strip.width * 3) / 4) continue;
        const side = x < strip.width / 2 ? 0 : 1;
        half[side] = Math.min(half[side], strip.data[(y * strip.width + x) * 3] ?? 255);
      }
    return half;
  };

  it('darkens ink washed out by glare under local contrast, leaving strong ink as it was', () => {
    const { image, ring, band } = twoInks();
    const [strongGlobal, faintGlobal] = darkest(unwrapSeal(image, ring, band));
    const [strongLocal, faintLocal] = darkest(unwrapSeal(image, ring, band, { local: 0.3 }));
    expect(strongGlobal).toBeLessThan(40);
    expect(strongLocal).toBe(strongGlobal);
    expect(faintGlobal).toBeGreaterThan(200);
    expect(faintLocal).toBeLessThan(faintGlobal - 60);
  });

  it('keeps the photo colours (red ink stays red) in photo mode', () => {
    const { image, ring, band } = twoInks();
    const strip = unwrapSeal(image, ring, band, { photo: true });
    let reddest = 0;
    for (let i = 0; i < strip.data.length; i += 3)
      reddest = Math.max(
        reddest,
        (strip.data[i] ?? 0) - Math.max(strip.data[i + 1] ?? 0, strip.data[i + 2] ?? 0),
      );
    expect(reddest).toBeGreaterThan(100);
  });
});

describe('estimateGlyphCount', () => {
  /** A 48 px strip of `count` dark blobs at a regular pitch, blurred-looking (soft edges). */
  function blobs(count: number, pitch: number): RgbImage {
    const width = count * pitch + 40;
    const height = 48;
    const data = new Uint8Array(width * height * 3).fill(255);
    for (let i = 0; i < count; i++) {
      const cx = 20 + (i + 0.5) * pitch;
      for (let y = 6; y < 42; y++)
        for (let x = 0; x < width; x++) {
          const d = Math.abs(x - cx) / (pitch * 0.42);
          if (d < 1) data.fill(Math.round(255 * d * d), (y * width + x) * 3, (y * width + x) * 3 + 3);
        }
    }
    return { data, width, height };
  }

  it.each([
    [10, 40],
    [15, 30],
    [22, 20],
  ])('counts %d glyphs at a %d px pitch within one', (count, pitch) => {
    expect(Math.abs(estimateGlyphCount(blobs(count, pitch)) - count)).toBeLessThanOrEqual(1);
  });

  it('returns 0 for a blank strip', () => {
    expect(estimateGlyphCount({ data: new Uint8Array(400 * 48 * 3).fill(255), width: 400, height: 48 })).toBe(
      0,
    );
  });
});
