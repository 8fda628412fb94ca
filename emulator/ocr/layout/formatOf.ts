import { applyHomography, type Homography } from '../image/homography';
import type { TextLine } from '../text/TextLine';
import { CARD_MM, type Format } from './cardGrid';

/**
 * The old card prints 有效起始日期 (Valid From) and a period in years; the new one a date range.
 * Given where the card lies, only its own lines count: the 副页 beside it prints 有效起始日期 too.
 */
export function formatOf(lines: readonly TextLine[], viewToMm?: Homography): Format {
  const onCard = (l: TextLine) => {
    if (!viewToMm) return true;
    const [x, y] = applyHomography(viewToMm, [(l.box.x0 + l.box.x1) / 2, (l.box.y0 + l.box.y1) / 2]);
    return x >= 0 && x <= CARD_MM.width && y >= 0 && y <= CARD_MM.height;
  };
  return lines.some((l) => onCard(l) && /有效起始|起始日期|ValidFrom|Valid\s*From|\d\s*年$/.test(l.text))
    ? 'old'
    : 'new';
}
