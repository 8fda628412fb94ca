import { alignText } from '../layout/alignText';

/**
 * Readings of one line of text combined character by character: each reading aligned to the
 * longest one, and a character that one reading has between two neighbours the other has side by
 * side is put back (the recognizer drops characters in wide or blurred print, a different one in
 * each reading). The result is one more candidate for the ink to score, never taken unscored.
 */
export function mergeReadings(readings: readonly string[]): string {
  const texts = readings.filter((r) => r !== '');
  const base = [...texts].sort((a, b) => [...b].length - [...a].length)[0];
  if (!base) return '';
  let merged = [...base];
  for (const other of texts) {
    if (other === base) continue;
    const chars = [...other];
    const found = alignText(chars, merged);
    if (found) merged = insertMissing(merged, chars, found.pairs);
  }
  return merged.join('');
}

/** `base` with what `other` has between two aligned characters that are adjacent in `base`. */
function insertMissing(base: string[], other: string[], pairs: ReadonlyArray<[number, number]>): string[] {
  const inserts = new Map<number, string[]>();
  for (let p = 0; p + 1 < pairs.length; p++) {
    const [b0, o0] = pairs[p]!;
    const [b1, o1] = pairs[p + 1]!;
    if (b1 === b0 + 1 && o1 > o0 + 1) inserts.set(b0, other.slice(o0 + 1, o1));
  }
  return base.flatMap((c, i) => [c, ...(inserts.get(i) ?? [])]);
}
