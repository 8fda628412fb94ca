import { alignText } from '../../../emulator/ocr/layout/alignText';

describe('alignText', () => {
  it.each([
    ['出生日期', '出生日期1999-02-22', 0, 4, 4],
    ['出生日期', '出生日脚1976-11.28', 0, 3, 3],
    ['初次领证日期', '期2015-06-18初次领让日期', 11, 6, 5],
    ['性别', '男性别女', 1, 2, 2],
  ])('finds %s in %s at %i with %i characters spanned, %i equal', (word, line, start, span, equal) => {
    const found = alignText([...word], [...line]);
    expect(found?.start).toBe(start);
    expect((found?.end ?? 0) - (found?.start ?? 0)).toBe(span);
    expect(found?.pairs).toHaveLength(equal);
  });

  it('pairs each equal character with its place in the word', () => {
    expect(alignText([...'住址'], [...'华址湖南'])?.pairs).toEqual([[1, 1]]);
  });

  it('finds nothing when no character is shared', () => {
    expect(alignText([...'国籍'], [...'2015-06-18'])).toBeNull();
  });
});
