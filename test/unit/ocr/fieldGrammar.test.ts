import { clean } from '../../../emulator/ocr/fields/address';
import { carClassOf } from '../../../emulator/ocr/fields/carClass';
import type { FieldContext, Token } from '../../../emulator/ocr/fields/FieldContext';
import { numberIn, zerosReadAsEights } from '../../../emulator/ocr/fields/idNum';
import { cleanName, firstRun, inkLeftUnread } from '../../../emulator/ocr/fields/name';
import { countryIn, trustedCountry } from '../../../emulator/ocr/fields/nationality';
import { readDate } from '../../../emulator/ocr/fields/readDate';
import { readsBeyond } from '../../../emulator/ocr/fields/readsBeyond';
import { asPeriod, validFor } from '../../../emulator/ocr/fields/validFor';
import { endInYear, endsThatStand, splitText } from '../../../emulator/ocr/fields/validPeriod';
import { scaling } from '../../../emulator/ocr/image/homography';
import { lineAt } from './support/syntheticLines';

describe('readDate', () => {
  it.each([
    ['1999-02-22', '1999-02-22'],
    ['2015.6.18', '2015-06-18'],
    ['20150618', '2015-06-18'],
    ['2015年06月18日', '2015-06-18'],
    ['2O15-O6-l8', '2015-06-18'],
    ['期2015-06-18', '2015-06-18'],
    ['2015-06-38', ''],
    // A lost digit is not a one-digit month or day.
    ['2011-12', ''],
    ['2015-06-1', ''],
    ['2802-02-20', ''],
    ['', ''],
  ])('%s -> %s', (text, expected) => expect(readDate(text)).toBe(expected));
});

describe('numberIn', () => {
  it.each([
    ['150402199902223122', '150402199902223122'],
    ['：15040219990222312２', '150402199902223122'],
    ['1504O2199902223l22', '150402199902223122'],
    // A digit read twice by overlapping boxes: the stretch whose check digit holds.
    ['1150402199902223122', '150402199902223122'],
  ])('%s -> %s', (text, expected) => expect(numberIn(text)).toBe(expected));
});

describe('zerosReadAsEights (the card slashes its zeros)', () => {
  it.each([
    ['a 0 of the number read as 8', '618113198801047738', '610113198001047730', true],
    ['the number read as it is', '610113198001047730', '610113198001047730', false],
    ['a 0 read as another digit', '610113198001047736', '610113198001047730', false],
    ['a reading that lost a character', '61011319800104773', '610113198001047730', false],
  ])('%s: %s -> %s is %s', (_, read, value, expected) =>
    expect(zerosReadAsEights(read, value)).toBe(expected),
  );
});

describe('cleanName', () => {
  it.each([
    ['谢乐桃', '谢乐桃'],
    ['买买提.吐尔逊', '买买提·吐尔逊'],
    ['：李四__', '李四'],
    // The label's last character read with the value.
    ['名孙涛', '孙涛'],
    ['姓名孙涛', '孙涛'],
    ['名', '名'],
  ])('%s -> %s', (text, expected) => expect(cleanName(text)).toBe(expected));
});

describe('firstRun (the name is one run of characters from the label on)', () => {
  // Characters as "text x0 x1" (mm), joined by |: only text and span matter here.
  const tokens = (chars: string) =>
    chars.split('|').map((c) => {
      const [text = '', x0 = 0, x1 = 0] = c.split(' ');
      return { text, x0: Number(x0), x1: Number(x1), x: (Number(x0) + Number(x1)) / 2 } as Token;
    });
  it.each([
    ['keeps a name read in one run', '慕 13.8 17.8|容 17.8 24|宁 24 28.6', '慕容宁'],
    [
      'drops what lies past a wide gap (性别 misread)',
      '慕 13.8 17.8|容 17.8 24|宁 24 28.6|生 41.5 43.7',
      '慕容宁',
    ],
    ['keeps a minority name whose dot was not found', '艾 11 14.6|力 14.6 18.2|吐 21.5 25.1', '艾力吐'],
    ['starts at the first Han character', ': 10.2 11|李 12.5 16.8|四 16.8 21', '李四'],
    ['answers nothing without a Han character', '_ 12 13', ''],
  ])('%s', (_, chars, expected) =>
    expect(
      firstRun(tokens(chars))
        .map((t) => t.text)
        .join(''),
    ).toBe(expected),
  );
});

describe('a reading of a name against its ink (inkLeftUnread) and the line (readsBeyond)', () => {
  // The name's ink runs from 12.5 to 26.5 mm; characters as "text x0 x1" (mm), joined by |.
  const ink = { x0: 12.5, x1: 26.5 };
  const reading = (chars: string) => ({
    text: '',
    chars: chars.split('|').map((c) => {
      const [text = '', x0 = 0, x1 = 0] = c.split(' ');
      return { text, x0: Number(x0), x1: Number(x1) };
    }),
  });
  it.each([
    ['leaves nothing when its characters span the ink', '杜 12.7 16.8|秀 16.8 22.2|磊 22.2 26.2', 0.3],
    ['counts the worse end only (a re-read falls short of the ink at both)', '热 14.6 18|拉 18 24.5', 2.1],
    ['leaves the first character when it was dropped', '秀 18.3 21.9|品 21.9 26.5', 5.8],
    ['leaves the last character when the detector missed it', '董 12.5 15.8|丽 15.8 19', 7.5],
    ['counts only Han characters (a stray mark is no character)', ': 12.5 13|丽 19 26.5', 6.5],
    ['leaves all of the ink unread when nothing was read', '_ 12 13', 14],
  ])('inkLeftUnread: %s', (_, chars, expected) =>
    expect(inkLeftUnread(reading(chars), ink)).toBeCloseTo(expected, 5),
  );

  it.each([
    // 10236: glare over 熊 hid it from the line's box; a re-read found it 4 mm before 健.
    [
      'reads beyond the line when it found a first character before it',
      '熊 10 13.6|健 13.6 17.5|博 17.5 21',
      true,
    ],
    ['reads beyond the line when it found a last character after it', '健 14 17.5|博 17.5 21|星 21 25', true],
    ['does not when it spans what the line read, give or take a little', '熊 12.6 15.8|健 15.8 21.2', false],
  ])('readsBeyond: %s', (_, chars, expected) =>
    expect(readsBeyond(reading(chars), reading('健 14 17.5|博 17.5 21'), (c) => cleanName(c) !== '')).toBe(
      expected,
    ),
  );

  // 10566: the address's second line read 1栋6单元 whole; its re-read lost the 1.
  const secondLine = reading('1 10.7 12.4|栋 12.4 16|6 16 17.8');
  const addressChar = (c: string) => clean(c, false) !== '';
  it.each([
    ["does not when it lost the line's first character", '栋 12.3 16|6 16 17.8', false],
    [
      'reads beyond the line when it found a digit a character before it',
      '2 6.5 8.3|1 8.3 10.2|栋 12.4 16',
      true,
    ],
    ['counts no stray mark before the line', '. 5 6|1 10.6 12.4|栋 12.4 16', false],
    // 9867: the line had lost 居 before 9栋; both re-reads found it, squeezed to 2.2 mm.
    [
      'reads beyond the line when a character lies wholly before it',
      '居 8.5 10.7|1 10.7 12.4|栋 12.4 16',
      true,
    ],
  ])('readsBeyond, an address line: %s', (_, chars, expected) =>
    expect(readsBeyond(reading(chars), secondLine, addressChar)).toBe(expected),
  );
});

describe('countryIn (a nationality without what is left of its label)', () => {
  it.each([
    ['中国', '中国'],
    ['籍中国', '中国'],
    ['国籍中国', '中国'],
    ['国籍:美国', '美国'],
    ['Nationality中国', '中国'],
    // The label's 籍 misread, before a country's name: the name.
    ['箱中国', '中国'],
    ['国路中国', '中国'],
    ['精中国', '中国'],
    // A country whose name ends in another's is taken whole, the label's characters before it cut.
    ['南苏丹', '南苏丹'],
    ['国籍南苏丹', '南苏丹'],
    // Nothing is left but the label's characters, or no country follows them: the reading stands.
    ['国籍', '国籍'],
    ['镇中圈', '镇中圈'],
    // More before the name than the label prints is no label's: read as it is.
    ['湖北镇中国', '湖北镇中国'],
  ])('%s -> %s', (text, expected) => expect(countryIn(text)).toBe(expected));
});

describe('carClassOf', () => {
  it.each([
    ['C1', 'C1'],
    ['CI', 'C1'],
    ['C1E', 'C1E'],
    ['A2/D', 'A2D'],
    ['C', ''],
    ['X9', ''],
  ])('%s -> %s', (text, expected) => expect(carClassOf(text)).toBe(expected));
});

describe('splitText (有效期限 of the new card)', () => {
  it.each([
    ['2015-06-18至2021-06-18', { from: '2015-06-18', to: '2021-06-18' }],
    ['2015-06-18至长期', { from: '2015-06-18', to: '长期' }],
    ['2015061820210618', { from: '2015-06-18', to: '2021-06-18' }],
    ['26T4-11-65至2024-11-05', { from: '', to: '2024-11-05' }],
    ['2008-03-30大期', { from: '2008-03-30', to: '长期' }],
    ['2008-03-30长朗', { from: '2008-03-30', to: '长期' }],
    ['2008-03-3大期', { from: '', to: '' }],
    // 至 read as a digit and a speck before the start: two dates with both separators are the ends.
    ['22018-01-3012028-01-30', { from: '2018-01-30', to: '2028-01-30' }],
    ['2018-01-3012028-01-30', { from: '2018-01-30', to: '2028-01-30' }],
    ['22018-01-30', { from: '', to: '' }],
  ])('%s -> %j', (text, expected) => expect(splitText(text)).toEqual(expected));
});

describe('endsThatStand (a period no reading fits to the 6/10-year cycle)', () => {
  it.each([
    ['keeps a start read alone', { from: '2013-12-25', to: '' }, { from: '2013-12-25', to: '' }],
    ['keeps an end read alone', { from: '', to: '2023-12-25' }, { from: '', to: '2023-12-25' }],
    ['empties two ends a month apart', { from: '2013-11-25', to: '2013-12-25' }, { from: '', to: '' }],
  ])('%s', (_what, period, expected) => expect(endsThatStand(period)).toEqual(expected));
});

describe('endInYear (an end whose date was lost but whose year shows)', () => {
  it.each([
    ['the 6-year end in the year read', '2023-12-30', '2029', '2029-12-30'],
    ['the 10-year end in the year read, the rest of its date lost', '2013-06-18', '2023-', '2023-06-18'],
    ['no end in a year the cycle does not allow', '2023-12-30', '2030', ''],
    ['no end from three digits of a year', '2023-12-30', '202', ''],
    ['no end from a year run into other digits', '2023-12-30', '20291230', ''],
    ['no end without a start', '', '2029', ''],
  ])('%s', (_what, from, after, expected) => expect(endInYear(from, after)).toBe(expected));
});

describe('asPeriod (有效期限 of the old card)', () => {
  it.each([
    ['6年', '6年'],
    ['10年', '10年'],
    ['l0年', '10年'],
    ['长期', '长期'],
    ['7年', ''],
    ['复期限6年', '6年'],
    ['自2010年04月02日', ''],
  ])('%s -> %s', (text, expected) => expect(asPeriod(text)).toBe(expected));
});

describe('validFor (有效期限 N年 of the old card)', () => {
  it("reads the period from its label's line when only 年 fell beside the label (the card placed 3 mm off)", async () => {
    const line = lineAt('复期限6年', { x0: 1.0, y0: 52.4, x1: 16.0, y1: 55.1 }, scaling(1));
    const year = { ...line.chars[4]!, y: 53.7, line, index: 4 } as Token;
    const read = await validFor.read(null as unknown as FieldContext, [[year]], []);
    expect(read.values.valid_to).toBe('6年');
  });
});

describe('trustedCountry (a re-read nationality that stands)', () => {
  const rec = (text: string, confidence: number) => ({ text, confidence });
  it.each([
    ['read confidently', [rec('中国', 0.9), rec('', 0)], '中国'],
    ['read fairly, alike from both inks', [rec('hiy 中国', 0.68), rec('hy 中国', 0.7)], 'hiy 中国'],
    ['read fairly once only', [rec('hiy 中国', 0.68), rec('中', 0.7)], undefined],
    ['read alike but poorly', [rec('中国', 0.5), rec('中国', 0.55)], undefined],
  ])('%s', (_, recs, expected) => expect(trustedCountry(recs)?.text).toBe(expected));
});
