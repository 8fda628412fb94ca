/** A reading of one printed line: its characters' centres along the row (mm). */
export interface CentredReading {
  chars: ReadonlyArray<{ text: string; x: number }>;
}

/** What a line's print is made of: a mark read beyond its ends is not (the dotted rule, specks). */
const PRINTED = /^[\p{Script=Han}0-9]$/u;

/** How wide a character prints, in Han characters' pitch: digits and Latin about half. */
const width = (char: string) => (/^\p{Script=Han}$/u.test(char) ? 1 : 0.55);

/**
 * Space between two characters' centres beyond their own half-widths, in pitches, past which a
 * character was there: a missing Han adds one pitch, while the recognizer places a character
 * within about a third of one.
 */
const MISSING = 0.8;

/**
 * The stretch (mm) inside a printed line where no reading of its ink found a character, though the
 * line prints on either side: characters hidden (glare, a finger, a sticker) or lost. An address is
 * printed without spaces, so reading on past such a hole as if it were not there gives a shorter
 * address that reads plausibly and is wrong. Spacing is measured in the line's Han pitch (the median
 * spacing of neighbouring Han characters); a reading with fewer than three runs of three Han
 * characters tells nothing. Every reading that spans the stretch must show it: the recognizer places
 * a character up to a pitch off now and then, and another reading of the same ink then has it in
 * its place. Null when there is no such stretch.
 */
export function holeInLine(readings: readonly CentredReading[]): { x0: number; x1: number } | null {
  const printed = readings.map((r) => r.chars.filter((c) => PRINTED.test(c.text)).sort((a, b) => a.x - b.x));
  for (const chars of printed) {
    const pitch = hanPitch(chars);
    if (pitch === null) continue;
    // Two characters or more on either side: one alone past a gap may be a speck or the dotted rule.
    for (let i = 2; i < chars.length - 1; i++) {
      const gap = gapBetween(chars[i - 1]!, chars[i]!, pitch);
      if (gap.x1 - gap.x0 <= MISSING * pitch) continue;
      const centre = (gap.x0 + gap.x1) / 2;
      const shown = printed.every((other) => {
        const k = other.findIndex((c) => c.x > centre);
        if (k <= 0) return true;
        const theirs = gapBetween(other[k - 1]!, other[k]!, pitch);
        return theirs.x1 - theirs.x0 > MISSING * pitch;
      });
      if (shown) return gap;
    }
  }
  return null;
}

/** The space between two neighbouring characters' ink (mm). */
function gapBetween(a: { text: string; x: number }, b: { text: string; x: number }, pitch: number) {
  return { x0: a.x + (width(a.text) * pitch) / 2, x1: b.x - (width(b.text) * pitch) / 2 };
}

/**
 * The median spacing of neighbouring Han characters (mm), each taken over three in a row (half the
 * first to the third), so one character placed off by the recognizer does not halve it; null
 * under three such runs.
 */
function hanPitch(chars: ReadonlyArray<{ text: string; x: number }>): number | null {
  const steps: number[] = [];
  for (let i = 2; i < chars.length; i++) {
    if (chars.slice(i - 2, i + 1).every((c) => width(c.text) === 1))
      steps.push((chars[i]!.x - chars[i - 2]!.x) / 2);
  }
  if (steps.length < 3) return null;
  steps.sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)]!;
}
