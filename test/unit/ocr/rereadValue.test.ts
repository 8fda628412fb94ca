import { createRgbImage } from '../../../emulator/ocr/RgbImage';
import type { Recognized } from '../../../emulator/ocr/recognizeText';
import { cleanCrop, decodeClass, valueRegion } from '../../../emulator/ocr/rereadValue';

const DICTIONARY = ['A', 'B', 'C', 'D', 'E', 'F', 'M', 'N', 'P', '1', '2', '3', '4', '5', '6', '车'];

/** CTC scores spelling `path` (one class per step, '-' = blank) with the given confidence. */
function recognized(path: string, confidence = 0.95): Recognized {
  const classes = DICTIONARY.length + 1;
  const steps = path.length;
  const scores = new Float32Array(steps * classes).fill((1 - confidence) / (classes - 1));
  [...path].forEach((ch, t) => {
    scores[t * classes + (ch === '-' ? 0 : DICTIONARY.indexOf(ch) + 1)] = confidence;
  });
  return { text: '', confidence, scores, steps, classes };
}

describe('decodeClass', () => {
  it.each([
    ['C1', '--C-1--'],
    ['B2', '-B--2---'],
    ['C1E', '-C-1-E-'],
  ])('returns %s when the crop reads it clearly', (expected, path) => {
    expect(decodeClass([recognized(path)], DICTIONARY)).toBe(expected);
  });

  it('returns an empty string when the crop holds only blanks', () => {
    expect(decodeClass([recognized('--------', 0.9)], DICTIONARY)).toBe('');
  });

  it('takes the best-supported reading over several crops', () => {
    expect(decodeClass([recognized('--------', 0.9), recognized('--A-2--')], DICTIONARY)).toBe('A2');
  });
});

describe('cleanCrop', () => {
  it('turns red seal ink into paper and keeps black print dark', () => {
    const card = createRgbImage(40, 10);
    for (let p = 0; p < 400; p++) card.data.set([225, 230, 220], 3 * p);
    card.data.set([190, 60, 70], 3 * 15); // seal ink
    for (let y = 0; y < 10; y++) card.data.set([40, 40, 40], 3 * (y * 40 + 25)); // a stroke of print
    const crop = cleanCrop(card, { x0: 0, y0: 0, x1: 40, y1: 10 });
    expect(crop.data[3 * 15]).toBeGreaterThan(240);
    expect(crop.data[3 * 25]).toBeLessThan(20);
  });
});

describe('valueRegion', () => {
  it('stops before a label further along the row', () => {
    const label = { x0: 50, y0: 600, x1: 250, y1: 640 };
    const region = valueRegion(label, [{ x0: 600, y0: 602, x1: 760, y1: 642, text: '有效期限' }], 12, 1200);
    expect(region.x0).toBeGreaterThan(label.x1);
    expect(region.x1).toBeLessThan(600);
  });
});
