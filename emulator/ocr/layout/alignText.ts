/**
 * Where a printed word occurs in a line of OCR text, tolerating misread, lost and extra
 * characters: semi-global alignment (the word whole, any stretch of the line), unit costs.
 * Returns the pairs of equal characters, so each matched character's ink can be located.
 */
export interface Alignment {
  /** Index in the line of the first and one past the last character aligned to the word. */
  start: number;
  end: number;
  /** [lineIndex, wordIndex] of characters that are equal. */
  pairs: Array<[number, number]>;
  /** Edit distance between the word and line[start, end). */
  distance: number;
}

export function alignText(word: readonly string[], line: readonly string[]): Alignment | null {
  const n = word.length;
  const m = line.length;
  if (n === 0 || m === 0) return null;
  // d[i][j]: cost of word[0, i) against a stretch of the line ending at j (free start).
  const d = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = 1; i <= n; i++) d[i]![0] = i;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const same = word[i - 1] === line[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j - 1]! + same, d[i - 1]![j]! + 1, d[i]![j - 1]! + 1);
    }
  }
  let end = 0;
  for (let j = 1; j <= m; j++) if (d[n]![j]! < d[n]![end]!) end = j;
  const pairs: Array<[number, number]> = [];
  let i = n;
  let j = end;
  while (i > 0 && j > 0) {
    const same = word[i - 1] === line[j - 1] ? 0 : 1;
    if (d[i]![j] === d[i - 1]![j - 1]! + same) {
      if (same === 0) pairs.push([j - 1, i - 1]);
      i--;
      j--;
    } else if (d[i]![j] === d[i - 1]![j]! + 1) i--;
    else j--;
  }
  pairs.reverse();
  if (pairs.length === 0) return null;
  return { start: pairs[0]![0], end: pairs[pairs.length - 1]![0] + 1, pairs, distance: d[n]![end]! };
}
