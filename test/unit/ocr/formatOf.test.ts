import { scaling } from '../../../emulator/ocr/image/homography';
import { formatOf } from '../../../emulator/ocr/layout/formatOf';
import { lineAt } from './support/syntheticLines';

const MM_TO_VIEW = scaling(10);
const VIEW_TO_MM = scaling(0.1);
const at = (text: string, y: number) => lineAt(text, { x0: 20, y0: y, x1: 70, y1: y + 3 }, MM_TO_VIEW);

describe('formatOf (the old card or the new)', () => {
  it.each<[string, Parameters<typeof formatOf>[0], 'old' | 'new']>([
    ['the old card by its 有效起始日期 label', [at('有效起始日期2015-06-18', 45)], 'old'],
    ['the old card by a period in years', [at('有效期限6年', 54)], 'old'],
    ['the new card by its date range', [at('2015-06-18至2025-06-18', 54)], 'new'],
    [
      // The 副页 below the main page records 自…至有效起始日期有效: not the main page's label.
      'the new card when only the 副页 beside it prints 有效起始日期',
      [at('2015-06-18至2025-06-18', 54), at('自2025年04月02日至有效起始日期有效', 98)],
      'new',
    ],
  ])('tells %s', (_, lines, format) => expect(formatOf(lines, VIEW_TO_MM)).toBe(format));

  it('counts every line when where the card lies is not known yet', () =>
    expect(formatOf([at('自2025年04月02日至有效起始日期有效', 98)])).toBe('old'));
});
