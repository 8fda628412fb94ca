import type { Homography } from '../image/homography';
import type { TextLine } from '../text/TextLine';
import type { Format } from './cardGrid';
import { type AnchorHit, findAnchors } from './findAnchors';
import { type CardFit, fitCard } from './fitCard';
import { formatCue } from './formatCue';

export interface Placement {
  format: Format;
  /** Whether a line read on the card named the layout (else it was assumed). */
  named: boolean;
  /** The anchors of that layout found in the lines. */
  found: AnchorHit[];
  fit: CardFit | null;
}

/**
 * Where the card lies in a view and which layout it prints: the one a line names; else the one
 * another reading of the same card named (`named`: glare or blur over the bottom rows of the flat
 * card, read clearly in the photo); else the new card, the common one. The layout matters to the
 * fit: the old card prints its lone dates and class 1-4 mm higher, and fitted to the new card's
 * rows they squeeze the card and cut its bottom row off.
 */
export function placeCard(lines: readonly TextLine[], outline?: Homography, named?: Format): Placement {
  const cue = formatCue(lines);
  let placed = placeIn(lines, cue ?? named ?? 'new', outline);
  // Every line counted so far: with the card placed, only its own say (not a 副页 beside it).
  const own = placed.fit ? formatCue(lines, placed.fit.viewToMm) : cue;
  if (own !== cue) placed = placeIn(lines, own ?? named ?? 'new', outline);
  return { ...placed, named: own !== undefined };
}

function placeIn(lines: readonly TextLine[], format: Format, outline?: Homography): Omit<Placement, 'named'> {
  const found = findAnchors(lines, [format]);
  return { format, found, fit: fitCard(found, outline) };
}
