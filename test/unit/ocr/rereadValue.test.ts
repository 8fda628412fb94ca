import { createRgbImage } from '../../../emulator/ocr/RgbImage';
import type { OcrLine } from '../../../emulator/ocr/readCard';
import type { Recognized } from '../../../emulator/ocr/recognizeText';
import {
  agreedClass,
  calendarDate,
  classLabelLine,
  classRegion,
  classRowBetween,
  cleanCrop,
  decodeClass,
  type InkMap,
  inkBounds,
  inkDarkness,
  periodCandidates,
  scoreCandidates,
  validFromCandidates,
  validToCandidates,
  valueColumn,
  valueRegion,
} from '../../../emulator/ocr/rereadValue';

const DICTIONARY = [...'ABCDEFMNP0123456789', 'I', 'l', '-', '车', '至', '长', '期'];

/** CTC scores spelling `path` (one class per step, '-' = blank, '~' = the dash) with the given confidence. */
function recognized(path: string, confidence = 0.95): Recognized {
  const classes = DICTIONARY.length + 1;
  const chars = [...path];
  const steps = chars.length;
  const scores = new Float32Array(steps * classes).fill((1 - confidence) / (classes - 1));
  chars.forEach((ch, t) => {
    const c = ch === '-' ? 0 : DICTIONARY.indexOf(ch === '~' ? '-' : ch) + 1;
    scores[t * classes + c] = confidence;
  });
  return { text: '', confidence, scores, steps, classes };
}

/** Like `recognized`, but the steps marked `?` split their score between the two given characters. */
function uncertain(path: string, a: string, b: string): Recognized {
  const rec = recognized(path.replace(/\?/g, '-'));
  [...path].forEach((ch, t) => {
    if (ch !== '?') return;
    const base = t * rec.classes;
    rec.scores[base] = 0.02;
    rec.scores[base + DICTIONARY.indexOf(a) + 1] = 0.48;
    rec.scores[base + DICTIONARY.indexOf(b) + 1] = 0.48;
  });
  return rec;
}

describe('decodeClass', () => {
  it.each([
    ['C1', '--C-1--'],
    ['B2', '-B--2---'],
    ['C1E', '-C-1-E-'],
    ['C1E', '-C-I-E-'],
    ['C1', '--C-l---'],
  ])('returns %s when the crop reads %s', (expected, path) => {
    expect(decodeClass([recognized(path)], DICTIONARY)).toBe(expected);
  });

  it('returns an empty string when the crop holds only blanks', () => {
    expect(decodeClass([recognized('--------', 0.9)], DICTIONARY)).toBe('');
  });

  it('returns an empty string when the crop supports two codes equally (B1 or B2)', () => {
    expect(decodeClass([uncertain('-B-?--', '1', '2')], DICTIONARY)).toBe('');
  });

  it('returns an empty string when the likeliest code is a letter no crop reads (E explaining paper)', () => {
    const rec = recognized('--------', 0.9);
    rec.scores[3 * rec.classes] = 0.6;
    rec.scores[3 * rec.classes + DICTIONARY.indexOf('E') + 1] = 0.35;
    expect(decodeClass([rec], DICTIONARY)).toBe('');
  });

  it('takes the reading that a clear crop supports when another crop is blank', () => {
    expect(decodeClass([recognized('--------', 0.9), recognized('--A-2---')], DICTIONARY)).toBe('A2');
  });
});

describe('scoreCandidates', () => {
  it('sums the likelihood over the crops, so two crops agreeing outweigh one', () => {
    const one = scoreCandidates([recognized('-C-1-')], DICTIONARY, ['C1'], () => 0)[0]?.fit ?? 0;
    const two = scoreCandidates([recognized('-C-1-'), recognized('-C-1-')], DICTIONARY, ['C1'], () => 0)[0]
      ?.fit;
    expect(two).toBeCloseTo(2 * one, 5);
  });

  it('ranks candidates by likelihood plus prior', () => {
    const ranked = scoreCandidates([uncertain('-C-?-', '1', '2')], DICTIONARY, ['C1', 'C2'], (t) =>
      t === 'C2' ? -1 : 0,
    );
    expect(ranked.map((c) => c.text)).toEqual(['C1', 'C2']);
  });
});

describe('cleanCrop', () => {
  const paper = (w: number, h: number) => {
    const card = createRgbImage(w, h);
    for (let p = 0; p < w * h; p++) card.data.set([225, 230, 220], 3 * p);
    return card;
  };

  it('turns red seal ink into paper and keeps black print dark', () => {
    const card = paper(40, 10);
    card.data.set([190, 60, 70], 3 * 15); // seal ink
    for (let y = 0; y < 10; y++) card.data.set([40, 40, 40], 3 * (y * 40 + 25)); // a stroke of print
    const crop = cleanCrop(card, { x0: 0, y0: 0, x1: 40, y1: 10 });
    expect(crop.data[3 * 15]).toBeGreaterThan(240);
    expect(crop.data[3 * 25]).toBeLessThan(20);
  });

  it('keeps black print tinted red by JPEG chroma under the seal dark', () => {
    const card = paper(40, 10);
    for (let y = 0; y < 10; y++) card.data.set([95, 12, 20], 3 * (y * 40 + 25)); // black stroke, red chroma
    const crop = cleanCrop(card, { x0: 0, y0: 0, x1: 40, y1: 10 });
    expect(crop.data[3 * 25]).toBeLessThan(60);
  });

  it('evens out a glare spot: print on the bright and the dim side comes out equally dark', () => {
    const card = createRgbImage(80, 10);
    for (let y = 0; y < 10; y++)
      for (let x = 0; x < 80; x++) {
        const level = x < 40 ? 255 : 170; // glare on the left half
        const ink = (x === 10 || x === 60) && y > 1 && y < 8;
        const v = ink ? level * 0.5 : level;
        card.data.set([v, v, v], 3 * (y * 80 + x));
      }
    const crop = cleanCrop(card, { x0: 0, y0: 0, x1: 80, y1: 10 });
    const left = crop.data[3 * (5 * 80 + 10)] ?? 0;
    const right = crop.data[3 * (5 * 80 + 60)] ?? 0;
    expect(Math.abs(left - right)).toBeLessThan(20);
    expect(crop.data[3 * (5 * 80 + 70)]).toBeGreaterThan(230); // dim paper reads as paper
  });
});

describe('agreedClass', () => {
  it.each([
    [['C1', 'C1', 'C1'], 'C1'],
    [['', 'B2', ''], 'B2'],
    [['D', '', 'D'], 'D'],
    [['C1', 'C2', ''], ''],
    [['', '', ''], ''],
    [[], ''],
  ])('agrees on %j as %j', (readings, expected) => {
    expect(agreedClass(readings)).toBe(expected);
  });
});

/** A darkness map at (100, 200) with rectangles of ink [x0, y0, x1, y1, darkness] (end exclusive). */
function inkMap(
  w: number,
  h: number,
  rects: ReadonlyArray<readonly [number, number, number, number, number]>,
): InkMap {
  const dark = new Float32Array(w * h);
  for (const [x0, y0, x1, y1, v] of rects)
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) dark[y * w + x] = v;
  return { dark, width: w, height: h, x0: 100, y0: 200 };
}

describe('inkBounds', () => {
  const C = [20, 10, 30, 30, 0.6] as const;
  const ONE = [36, 10, 40, 30, 0.6] as const;
  const SEAL_RING = [100, 0, 103, 40, 0.35] as const;
  const FAINT_TWO = [38, 11, 48, 30, 0.15] as const;
  const SPECK = [70, 2, 72, 4, 0.6] as const;
  // Sensor noise: single dark pixels in the value's rows every 6 columns right of it.
  const NOISE = Array.from(
    { length: 12 },
    (_, i) => [46 + 6 * i, 12 + (i % 5) * 3, 47 + 6 * i, 13 + (i % 5) * 3, 0.6] as const,
  );
  it.each([
    [
      'a two-character value, the seal ring beside it left out',
      [C, ONE, SEAL_RING],
      false,
      [120, 210, 140, 230],
    ],
    ['a value with a speck above the row', [C, ONE, SPECK], false, [120, 210, 140, 230]],
    ['a value in sensor noise', [C, ONE, ...NOISE], false, [120, 210, 140, 230]],
    ['a faint second character, not grown', [C, FAINT_TWO], false, [120, 210, 130, 230]],
    ['a faint second character, grown over it', [C, FAINT_TWO], true, [120, 210, 148, 230]],
  ])('boxes %s tightly', (_what, rects, grow, [x0, y0, x1, y1]) => {
    expect(inkBounds(inkMap(120, 40, rects), 20, grow)).toEqual({ x0, y0, x1, y1 });
  });

  it('finds nothing on blank paper', () => {
    expect(inkBounds(inkMap(120, 40, []), 20)).toBeUndefined();
  });
});

describe('inkDarkness', () => {
  it('counts black print, not red seal ink nor a glare gradient over the paper', () => {
    const card = createRgbImage(80, 30);
    for (let y = 0; y < 30; y++)
      for (let x = 0; x < 80; x++) {
        const level = 170 + x; // glare brightening towards the right
        card.data.set([level, level + 5, level - 5], 3 * (y * 80 + x));
      }
    for (let y = 8; y < 22; y++)
      for (let dx = -1; dx <= 1; dx++) {
        card.data.set([60, 60, 60], 3 * (y * 80 + 20 + dx)); // a stroke of print
        card.data.set([200, 70, 80], 3 * (y * 80 + 50 + dx)); // a stroke of the seal
      }
    const map = inkDarkness(card, { x0: 0, y0: 0, x1: 80, y1: 30 }, 14);
    const at = (x: number, y: number) => map.dark[y * map.width + x] ?? 0;
    expect(at(20, 15)).toBeGreaterThan(0.4);
    expect(at(50, 15)).toBeLessThan(0.05);
    expect(at(70, 5)).toBeLessThan(0.05);
    expect(at(5, 25)).toBeLessThan(0.05);
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

const line = (text: string, x0: number, y0: number, x1: number, y1 = y0 + 40): OcrLine => ({
  text,
  confidence: 0.9,
  box: { x0, y0, x1, y1 },
});

describe('valueColumn and classRegion', () => {
  const lines = [
    line('出生日期', 40, 480, 175),
    line('990-02-11', 330, 482, 520), // clipped by glare: starts late
    line('2010-07-03', 300, 540, 515),
    line('准驾车型', 40, 600, 175),
  ];

  it('takes the leftmost date box right of the label column as the value column', () => {
    expect(valueColumn(lines, 1200)).toBe(300);
  });

  it('crops the class from just before the value column to about three label heights on', () => {
    const label = lines[3]?.box ?? { x0: 0, y0: 0, x1: 0, y1: 0 };
    const region = classRegion(label, [], 1200, 300);
    expect(region.x0).toBeLessThan(300);
    expect(region.x0).toBeGreaterThan(label.x1);
    expect(region.x1).toBeLessThan(300 + 4 * 40);
  });

  it('falls back to the region right of the label without a value column', () => {
    const label = { x0: 40, y0: 600, x1: 175, y1: 640 };
    expect(classRegion(label, [], 1200)).toEqual(valueRegion(label, [], 5, 1200));
  });
});

describe('classLabelLine', () => {
  it.each([
    ['准驾车型', '准驾车型'],
    ['准型', '准型'],
    ['驾车次', '驾车次'],
  ])('finds the class label read as %s', (text, expected) => {
    const lines = [line('出生日期', 40, 480, 175), line(text, 40, 600, 175), line('有效期限', 40, 680, 175)];
    expect(classLabelLine(lines, 1200)?.text).toBe(expected);
  });

  it.each([
    ['another label', [line('出生日', 40, 480, 175)]],
    ['a value far right', [line('车型', 600, 600, 700)]],
    ['two candidates', [line('准型', 40, 600, 175), line('驾车', 40, 640, 175)]],
  ])('finds nothing for %s', (_what, lines) => {
    expect(classLabelLine(lines, 1200)).toBeUndefined();
  });
});

describe('classRowBetween', () => {
  const column = (issueToNext: number) => [
    line('出生日期', 40, 480, 175),
    line('初次领证日期', 40, 557, 229),
    line('有效', 40, 557 + issueToNext, 173),
  ];

  it('places the lost class label one row pitch below 初次领证日期 when the next row is two pitches down', () => {
    const found = classRowBetween(column(150), 1200);
    expect(found?.box.y0).toBeCloseTo(557 + 77, 5);
    expect(found?.box.x0).toBe(40);
  });

  it.each([
    ['the next label one pitch down (the class row is not missing)', 77],
    ['a gap of three pitches', 231],
  ])('finds nothing with %s', (_what, gap) => {
    expect(classRowBetween(column(gap), 1200)).toBeUndefined();
  });
});

describe('calendarDate and validToCandidates', () => {
  it.each([
    ['2020-02-29', true],
    ['2021-02-29', false],
    ['2021-04-31', false],
    ['2021-12-31', true],
  ])('%s is a calendar date: %s', (date, expected) => {
    expect(calendarDate(date)).toBe(expected);
  });

  it('offers 长期 and the same day 6 and 10 years on, 28 February for a period from the 29th', () => {
    expect(validToCandidates('2015-06-12')).toEqual(['长期', '2021-06-12', '2025-06-12']);
    expect(validToCandidates('2016-02-29')).toEqual(['长期', '2022-02-28', '2026-02-28']);
  });

  it('offers the same day 10 and 6 years before the end, nothing for 长期 or N年', () => {
    expect(validFromCandidates('2025-06-12')).toEqual(['2015-06-12', '2019-06-12']);
    // A period ending 28 February may have started on the 29th of a leap year.
    expect(validFromCandidates('2030-02-28')).toEqual([
      '2020-02-28',
      '2024-02-28',
      '2020-02-29',
      '2024-02-29',
    ]);
    expect(validFromCandidates('长期')).toEqual([]);
    expect(validFromCandidates('6年')).toEqual([]);
  });

  it('lets a row read 2006-02-22至长期 pick 长期 over the dated ends', () => {
    const texts = validToCandidates('2006-02-22').map((end) => `2006-02-22至${end}`);
    const rec = recognized('-2-0-0-6-~-0-2-~-2--2-至-长-期--');
    expect(scoreCandidates([rec], DICTIONARY, texts, () => 0)[0]?.text).toBe('2006-02-22至长期');
  });

  it.each([
    [
      'the end lost',
      { from: '2015-06-12', to: '' },
      ['2015-06-12/长期', '2015-06-12/2021-06-12', '2015-06-12/2025-06-12'],
    ],
    ['the start lost', { from: '', to: '2025-06-12' }, ['2015-06-12/2025-06-12', '2019-06-12/2025-06-12']],
    ['a consistent period', { from: '2015-06-12', to: '2025-06-12' }, []],
    ['a period 长期', { from: '2015-06-12', to: '长期' }, []],
    [
      'ends that disagree',
      { from: '2019-08-22', to: '2025-06-22' },
      [
        '2019-08-22/长期',
        '2019-08-22/2025-08-22',
        '2019-08-22/2029-08-22',
        '2015-06-22/2025-06-22',
        '2019-06-22/2025-06-22',
      ],
    ],
  ])('periodCandidates for %s', (_what, period, expected) => {
    expect(periodCandidates(period).map((p) => `${p.from}/${p.to}`)).toEqual(expected);
  });
});
