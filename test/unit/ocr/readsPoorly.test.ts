import { readsAsText, readsPoorly } from '../../../emulator/ocr/card/readView';

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

describe('readsAsText (whether the lines read turned over may turn the view over)', () => {
  it.each([
    // 11822 and 11848: upright cards turned a few degrees, each wide box several rows; turned
    // over they read as these scraps, which outscored the nothing read upright.
    ['scraps of Latin letters', [read('SHS0', 0.4), read('y', 0.33)], false],
    ['five digits at 0.59, six at 0.45', [read('96190', 0.59), read('200010', 0.45)], false],
    ['a Han character and a letter', [read('E证', 0.33)], false],
    ['nothing at all', [], false],
    ['two Han characters at 0.5', [read('姓名', 0.5)], true],
    ['a date of seven digits and its class', [read('#199-05-19', 0.73), read('C1D', 0.94)], true],
    ['the licence number', [read('610113198501155834', 0.88)], true],
  ])('%s: %s', (_, reads, text) => {
    expect(readsAsText(reads)).toBe(text);
  });
});
