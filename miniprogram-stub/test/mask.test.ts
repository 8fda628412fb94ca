import { maskAddress, maskIdNum, maskName } from '../lib/mask';

describe('maskIdNum', () => {
  it.each([
    ['11010519491231002X', '1101************2X'],
    ['1234567', '1234*67'],
    ['123456', '******'],
    ['', ''],
  ])('masks %s as %s, keeping the first 4 and last 2 characters', (input, expected) => {
    expect(maskIdNum(input)).toBe(expected);
  });
});

describe('maskName', () => {
  it.each([
    ['王小明', '王**'],
    ['李娜', '李*'],
    ['欧阳小明', '欧***'],
    ['阿', '*'],
    ['𠮷田', '𠮷*'],
    ['', ''],
  ])('masks %s as %s, keeping only the first character', (input, expected) => {
    expect(maskName(input)).toBe(expected);
  });
});

describe('maskAddress', () => {
  it.each([
    ['北京市朝阳区建国路88号', '北京市朝阳区******'],
    ['上海市', '上**'],
  ])('masks %s as %s, keeping at most the first 6 characters and never more than half', (input, expected) => {
    expect(maskAddress(input)).toBe(expected);
  });
});
