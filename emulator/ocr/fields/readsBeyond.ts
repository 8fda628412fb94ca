/** A reading of a value's ink: its text and each character's span along the row (mm). */
export interface Reading {
  text: string;
  chars: ReadonlyArray<{ text: string; x0: number; x1: number }>;
}

/** A character on the card is about 4 mm wide: ink unread over more than this held one. */
export const CHAR_MM = 3;

/**
 * Whether `reading` read a character beyond either end of what `line` read (counting only
 * characters `printed` keeps): one lying wholly before the line's first or after its last, or
 * beginning or ending a character's width or more past them. The line's CTC steps never saw such
 * a character, so they cannot score it. Glare over a name's first character hides it from the
 * detector's box; a re-read finds it (its span squeezed by the CTC: 居 read 2.8 mm before a line
 * that had lost it).
 */
export function readsBeyond(reading: Reading, line: Reading, printed: (char: string) => boolean): boolean {
  const kept = (r: Reading) => r.chars.filter((c) => printed(c.text));
  const [chars, own] = [kept(reading), kept(line)];
  if (chars.length === 0 || own.length === 0) return false;
  const [a, b] = [
    { x0: chars[0]!.x0, x1: chars.at(-1)!.x1 },
    { x0: own[0]!.x0, x1: own.at(-1)!.x1 },
  ];
  return b.x0 - a.x0 > CHAR_MM || a.x1 - b.x1 > CHAR_MM || chars.some((c) => c.x1 <= b.x0 || c.x0 >= b.x1);
}
