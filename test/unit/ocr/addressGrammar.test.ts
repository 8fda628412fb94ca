import { clean } from '../../../emulator/ocr/fields/address';
import { bestSupported } from '../../../emulator/ocr/fields/bestSupported';
import { divisionDepth, divisionSpellings, isPlaceName } from '../../../emulator/ocr/fields/divisions';
import type { OnnxEngine } from '../../../emulator/ocr/text/OnnxEngine';
import { ctcMatrixOf } from './support/ctcMatrixOf';

describe('clean (an address line as printed, without the label read into it)', () => {
  it.each([
    ['河北省秦皇岛市海港区', true, '河北省秦皇岛市海港区'],
    ['Address湖北省武汉市', true, '湖北省武汉市'],
    ['住址浙江省杭州市', true, '浙江省杭州市'],
    ['世址浙江省杭州市', true, '浙江省杭州市'],
    ['址河南省郑州市', true, '河南省郑州市'],
    // Only a first line begins with the label; a second line is kept as read.
    ['址3单元', false, '址3单元'],
    ['Address3单元701室', false, '3单元701室'],
  ])('%s (first line: %s) -> %s', (text, first, expected) => expect(clean(text, first)).toBe(expected));
});

describe('divisionDepth', () => {
  it.each([
    ['河北省秦皇岛市海港区文化路12号', 1],
    ['北京市朝阳区建国路88号', 1],
    ['新疆维吾尔自治区乌鲁木齐市天山区人民路1号', 1],
    ['河南省周口市郸城县汲冢镇王营村11组12号', 2],
    // One character off: a misreading, not a place.
    ['河南省周口市郸城县汲家镇王营村11组12号', 1],
    ['河北省泰皇岛市海港区文化路12号', 0],
    ['河北省', 0],
    ['', 0],
  ])('%s -> %s', (address, expected) => expect(divisionDepth(address)).toBe(expected));
});

describe('isPlaceName (a division as a card prints it before what it belongs to)', () => {
  it.each([
    ['北京市朝阳区', true],
    ['北京市', true],
    ['浙江省金华市义乌市', true],
    ['义乌市', true],
    ['金华市义乌市', true],
    ['河北省秦皇岛市', true],
    ['秦皇岛市', true],
    // A province other than a municipality names no authority's place on its own.
    ['湖北省', false],
    ['黑龙江省哈市', false],
    ['新维吾尔自治区乌鲁由齐市', false],
    ['3单元武汉市', false],
  ])('%s -> %s', (text, expected) => expect(isPlaceName(text)).toBe(expected));
});

describe('divisionSpellings', () => {
  it('offers the division a misread start is one character from', () => {
    expect(divisionSpellings('河北省泰皇岛市海港区文化路12号')).toContain('河北省秦皇岛市海港区文化路12号');
  });

  it('offers nothing when the address already begins with a division', () => {
    expect(divisionSpellings('河北省秦皇岛市海港区文化路12号')).toEqual([]);
  });

  it('allows a long division three misread characters', () => {
    expect(divisionSpellings('新疆维谷尔自治区乌鲁木市市公山区解放南路901号')).toContain(
      '新疆维吾尔自治区乌鲁木齐市天山区解放南路901号',
    );
  });

  it.each([
    ['河南省周口市郸城县汲家镇王营村11组', '河南省周口市郸城县汲冢镇王营村11组'],
    ['河南省周口市郸城具汲家镇王营村11组', '河南省周口市郸城县汲冢镇王营村11组'],
  ])('offers the county township a character from what follows it: %s', (read, township) =>
    expect(divisionSpellings(read)).toContain(township),
  );

  it('offers no township where the address names none', () => {
    expect(divisionSpellings('河南省周口市郸城县人民路12号')).toEqual([]);
  });
});

describe('bestSupported', () => {
  // Ink that reads "1 2 3" with 4 classes (0 blank); the stand-in engine maps digits to classes.
  const ink = ctcMatrixOf(
    Float32Array.from(
      [
        [0.05, 0.9, 0.03, 0.02],
        [0.9, 0.04, 0.03, 0.03],
        [0.05, 0.02, 0.9, 0.03],
        [0.9, 0.04, 0.03, 0.03],
        [0.05, 0.03, 0.02, 0.9],
      ].flat(),
    ),
    5,
    4,
    4,
  );
  const engine = { classesOf: (text: string) => [...text].map(Number) } as unknown as OnnxEngine;
  const pick = (candidates: Array<{ text: string; prior?: number }>, margin = 0) =>
    bestSupported(engine, [{ ctc: ink }], candidates, margin)?.text ?? null;

  it.each([
    ['the ink picks the reading it shows', [{ text: '123' }, { text: '133' }], '123'],
    ['a small prior does not overturn a clear reading', [{ text: '123' }, { text: '133', prior: 1 }], '123'],
    ['a prior larger than the ink gap decides', [{ text: '123' }, { text: '133', prior: 10 }], '133'],
    ['a prior on the reading the ink shows keeps it', [{ text: '123', prior: 4 }, { text: '133' }], '123'],
  ])('%s', (_, candidates, expected) => expect(pick(candidates)).toBe(expected));

  it('answers null when a prior brings the runner-up within the margin', () => {
    expect(pick([{ text: '123' }, { text: '133' }], 2)).toBe('123');
    expect(pick([{ text: '123' }, { text: '133', prior: 3.5 }], 2)).toBeNull();
  });
});
