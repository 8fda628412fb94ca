import { applyHomography, type Homography } from '../image/homography';
import type { TextLine } from '../text/TextLine';
import { CARD_MM, type Format } from './cardGrid';

/**
 * 有效起始日期 (Valid From) or a period in years: printed by the old card only. Two neighbouring
 * characters of the label are enough (有的起始, 品始日期: one misread); the new card prints no
 * such pair.
 */
const OLD = /效起|起始|始日|ValidFrom|Valid\s*From|\d\s*年$/;
/** A date range (至 may be lost between the dates): printed by the new card only. */
const NEW = /\d{4}\D?\d\d\D?\d\d至(?:\d{4}|长期)|\d{4}[-.]\d\d[-.]\d\d\D?\d{4}[-.]\d\d[-.]\d\d/;

/**
 * The layout a line names: the old card prints 有效起始日期 and a period in years, the new one a
 * date range. Undefined when no line read says (glare or blur over the bottom rows). Given where
 * the card lies, only its own lines count: the 副页 beside it prints 有效起始日期 too.
 */
export function formatCue(lines: readonly TextLine[], viewToMm?: Homography): Format | undefined {
  const onCard = (l: TextLine) => {
    if (!viewToMm) return true;
    const [x, y] = applyHomography(viewToMm, [(l.box.x0 + l.box.x1) / 2, (l.box.y0 + l.box.y1) / 2]);
    return x >= 0 && x <= CARD_MM.width && y >= 0 && y <= CARD_MM.height;
  };
  const own = lines.filter(onCard);
  if (own.some((l) => OLD.test(l.text))) return 'old';
  return own.some((l) => NEW.test(l.text)) ? 'new' : undefined;
}
