import { readsPoorly } from '../../../emulator/ocr/card/readView';

const read = (text: string, confidence: number) => ({ text, confidence });

describe('readsPoorly (whether a view may lie upside down, so its widest lines are read turned over)', () => {
  it.each([
    ['nothing was read', [], true],
    ['the lines read as scraps at low confidence', [read('#l1', 0.41), read('a3', 0.52)], true],
    ['the lines read confidently but without two Han characters in a row', [read('2016-02-16', 0.97)], true],
    [
      // The widest box was a blurred gloss: the mean fell under 0.85, yet the title settles it.
      'one line reads four Han characters or more confidently, beside a blurred one',
      [read('中华人民共和国机动车驾驶证', 0.96), read('Drivng Lcnse', 0.38), read('1', 0.3)],
      false,
    ],
    [
      'three Han characters at 0.9 beside poor reads leave it in doubt',
      [read('卢建华', 0.9), read('#', 0.2)],
      true,
    ],
    [
      'four Han characters under 0.85 beside poor reads leave it in doubt',
      [read('国和共民', 0.8), read('#', 0.2)],
      true,
    ],
    ['lines read well on average with a Han pair', [read('姓名卢建', 0.93), read('男中国', 0.9)], false],
  ])('%s', (_, reads, poor) => {
    expect(readsPoorly(reads)).toBe(poor);
  });
});
