import { isPlainObject, readOwnValue } from '../../../src/domain/readOwnValue';
import {
  collapseSpaces,
  normalizeFreeText,
  removeSpaces,
  toHalfWidth,
} from '../../../src/domain/rules/normalizeText';

describe('toHalfWidth', () => {
  it.each([
    ['１２３４５６７８９０', '1234567890'],
    ['ＡＢＣｘｙｚ', 'ABCxyz'],
    ['Ｃ１／Ｅ', 'C1/E'],
    ['２０１６－０６－２１', '2016-06-21'],
    ['\u3000', ' '],
    ['张三（男）', '张三(男)'],
    ['𠀋', '𠀋'],
  ])('converts %j to %j', (input, expected) => {
    expect(toHalfWidth(input)).toBe(expected);
  });
});

describe('collapseSpaces / removeSpaces / normalizeFreeText', () => {
  it.each([
    ['  a \t\n b  ', 'a b', 'ab', 'a b'],
    ['\u3000张\u3000三\u3000', '张 三', '张三', '张三'],
    ['JOHN\u00a0 SMITH', 'JOHN SMITH', 'JOHNSMITH', 'JOHN SMITH'],
    ['北京市 朝阳区 88 号', '北京市 朝阳区 88 号', '北京市朝阳区88号', '北京市朝阳区 88 号'],
    ['a\u200bb', 'a b', 'ab', 'a b'],
    ['', '', '', ''],
  ])('normalizes %j', (input, collapsed, removed, free) => {
    expect(collapseSpaces(input)).toBe(collapsed);
    expect(removeSpaces(input)).toBe(removed);
    expect(normalizeFreeText(input)).toBe(free);
  });
});

describe('readOwnValue', () => {
  it('reads own data properties only', () => {
    const source = Object.create({ inherited: 1 }) as Record<string, unknown>;
    source.own = 2;
    expect(readOwnValue(source, 'own')).toBe(2);
    expect(readOwnValue(source, 'inherited')).toBeUndefined();
    expect(readOwnValue(source, 'toString')).toBeUndefined();
  });

  it.each([[null], [undefined], ['text'], [5]])('returns undefined for the non-object %j', (source) => {
    expect(readOwnValue(source, 'length')).toBeUndefined();
  });

  it('returns undefined instead of throwing for a Proxy whose traps throw', () => {
    const hostile = new Proxy(
      {},
      {
        getOwnPropertyDescriptor() {
          throw new Error('trap');
        },
        getPrototypeOf() {
          throw new Error('trap');
        },
      },
    );
    expect(readOwnValue(hostile, 'name')).toBeUndefined();
    expect(isPlainObject(hostile)).toBe(false);
  });
});
