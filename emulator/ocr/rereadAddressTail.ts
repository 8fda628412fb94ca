import type { Box } from './detectText';
import { cleanAddress } from './extractFields';
import type { OnnxEngine } from './OnnxEngine';
import type { RgbImage } from './RgbImage';
import type { OcrLine } from './readCard';
import { readCleanAndPlain } from './rereadValue';

/** Widest tail looked for, in line heights (路449号: six characters). */
const TAIL_WIDTH = 7;

/** Mean character confidence a re-read tail needs (it is appended to a value already read). */
const MIN_CONFIDENCE = 0.8;

/**
 * Where the wrapped second line of an address read from one line alone would be: under that
 * line's value, from just below it to about one line further, stopping above any box in the way
 * (the birth-date row). Undefined when the address did not come from exactly one line, or a box
 * already sits where the tail would be (it was read, or is something else).
 */
export function addressTailRegion(lines: readonly OcrLine[], address: string): Box | undefined {
  const own = lines.filter((l) => cleanAddress(l.text.replace(/\s/g, '').replace(/^住址/, '')) === address);
  const first = own.length === 1 ? own[0] : undefined;
  if (!first || address.length < 4) return undefined;
  const h = first.box.y1 - first.box.y0;
  // The value part of the box: a label printed in the same box is left of the value.
  const labelled = /^\s*住址/.test(first.text);
  const x0 = labelled
    ? first.box.x0 + (first.box.x1 - first.box.x0) * (2 / (address.length + 2))
    : first.box.x0;
  // A tail too short for the detector is a few characters at the start of the value column.
  const region = {
    x0: x0 - 0.3 * h,
    y0: first.box.y1 + 0.05 * h,
    x1: Math.min(first.box.x1, x0 + TAIL_WIDTH * h),
    y1: first.box.y1 + 1.2 * h,
  };
  for (const { box } of lines) {
    if (box === first.box || box.x1 <= region.x0 || box.x0 >= region.x1) continue;
    if (box.y1 <= region.y0 || box.y0 >= region.y1) continue;
    // Something already there: a tail that was read (and appended), or the next row.
    if (box.y0 < region.y0 + 0.6 * h) return undefined;
    region.y1 = Math.min(region.y1, box.y0);
  }
  return region.y1 - region.y0 >= 0.6 * h ? region : undefined;
}

/**
 * The end of an address whose wrapped second line was not detected (a lone 号 or 路449号 is too
 * short a line for the detector): the region under the first line is recognized (cleaned crop
 * and plain ink, the more confident reading) and appended when it reads confidently as address
 * characters; blank paper reads as nothing.
 */
export async function rereadAddressTail(
  engine: OnnxEngine,
  card: RgbImage,
  lines: readonly OcrLine[],
  address: string,
): Promise<string> {
  const region = addressTailRegion(lines, address);
  if (!region) return address;
  const recs = await readCleanAndPlain(engine, card, region);
  const best = recs.sort((a, b) => b.confidence - a.confidence)[0];
  const tail = best && best.confidence >= MIN_CONFIDENCE ? cleanAddress(best.text) : '';
  // A date is the next row creeping into the crop, not an address.
  if (tail === '' || /\d{4}\D?\d{1,2}\D?\d{1,2}/.test(tail) || !/[\u4e00-\u9fff\d]/.test(tail))
    return address;
  return address + tail;
}
