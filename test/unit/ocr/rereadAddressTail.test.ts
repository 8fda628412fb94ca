import type { OcrLine } from '../../../emulator/ocr/readCard';
import { addressTailRegion } from '../../../emulator/ocr/rereadAddressTail';

const line = (text: string, x0: number, y0: number, x1: number, y1: number): OcrLine => ({
  text,
  confidence: 0.99,
  box: { x0, y0, x1, y1 },
});

const LABEL = line('住址', 35, 368, 110, 415);
const FIRST = line('四川省成都市武侯区科华北路687', 281, 361, 857, 403);
const BIRTH = line('1963-04-30', 290, 489, 473, 526);

describe('addressTailRegion', () => {
  it('looks under the value of an address read from one line, a few characters wide', () => {
    const region = addressTailRegion([LABEL, FIRST, BIRTH], '四川省成都市武侯区科华北路687');
    expect(region).toBeDefined();
    expect(region?.y0).toBeGreaterThan(FIRST.box.y1);
    expect(region?.y1).toBeLessThanOrEqual(BIRTH.box.y0);
    expect(region?.x0).toBeLessThan(FIRST.box.x0);
    expect(region?.x1).toBeLessThan(FIRST.box.x1);
  });

  it.each([
    ['a wrapped line was read under it', [LABEL, FIRST, line('号', 281, 410, 320, 452), BIRTH]],
    ['the next row sits right under it', [LABEL, FIRST, line('1963-04-30', 290, 410, 473, 450)]],
  ])('looks nowhere when %s', (_, lines) => {
    expect(addressTailRegion(lines, '四川省成都市武侯区科华北路687')).toBeUndefined();
  });

  it('looks nowhere when the address came from two lines', () => {
    const lines = [
      LABEL,
      line('四川省成都市武侯区', 281, 361, 600, 403),
      line('科华北路687号', 281, 410, 520, 452),
    ];
    expect(addressTailRegion(lines, '四川省成都市武侯区科华北路687号')).toBeUndefined();
  });
});
