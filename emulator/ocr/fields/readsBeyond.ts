/** A reading of a value's ink: its text and each character's span along the row (mm). */
export interface Reading {
  text: string;
  chars: ReadonlyArray<{ text: string; x0: number; x1: number }>;
}

/** A character on the card is about 4 mm wide: ink unread over more than this held one. */
export const CHAR_MM = 3;

/**
 * Whether `reading` read a character a character's width or more beyond either end of what `line`
 * read (counting only characters `printed` keeps): the line's CTC steps never saw such a
 * character, so they cannot score it. Glare over a name's first character hides it from the
 * detector's box; a re-read finds it.
 */
export function readsBeyond(reading: Reading, line: Reading, printed: (char: string) => boolean): boolean {
  const ends = (r: Reading) => {
    const kept = r.chars.filter((c) => printed(c.text));
    return kept.length > 0 ? { x0: kept[0]!.x0, x1: kept.at(-1)!.x1 } : null;
  };
  const [a, b] = [ends(reading), ends(line)];
  return a !== null && b !== null && (b.x0 - a.x0 > CHAR_MM || a.x1 - b.x1 > CHAR_MM);
}
