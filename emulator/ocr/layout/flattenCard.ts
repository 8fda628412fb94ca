import { composeHomography, type Homography, invertHomography, scaling } from '../image/homography';
import { printInk } from '../image/inkMaps';
import type { RgbImage } from '../image/RgbImage';
import { warpHomography } from '../image/warp';
import { CARD_MM } from './cardGrid';

/** The card flattened onto its own grid, about `pxPerMm` pixels to the millimetre. */
export interface FlatCard {
  image: RgbImage;
  /** Print ink only (red channel: the seal fades into the paper). */
  ink: RgbImage;
  pxPerMm: number;
  /** Card mm -> source-photo pixels: the card's placement. */
  mmToSource: Homography;
  /** Card mm -> the flat image's pixels (a scaling, until the placement is corrected). */
  mmToFlat: Homography;
  /** The flat image's pixels -> source-photo pixels (how it was cut). */
  flatToSource: Homography;
}

/** 15 px/mm: labels ~45 px high, values ~55 px, close to the recognizer's 48 px lines. */
const FLAT_PX_PER_MM = 15;

/** Cuts the card out of the source photo along the fitted grid. */
export function flattenCard(source: RgbImage, mmToSource: Homography, pxPerMm = FLAT_PX_PER_MM): FlatCard {
  const image = warpHomography(
    source,
    composeHomography(mmToSource, scaling(1 / pxPerMm)),
    Math.round(CARD_MM.width * pxPerMm),
    Math.round(CARD_MM.height * pxPerMm),
  );
  return {
    image,
    ink: printInk(image),
    pxPerMm,
    mmToSource,
    mmToFlat: scaling(pxPerMm),
    flatToSource: composeHomography(mmToSource, scaling(1 / pxPerMm)),
  };
}

/**
 * The same flat pixels under a corrected placement (what the card's own labels, read flat, say):
 * regions are then looked up through it, and nothing is cut again.
 */
export function replaced(card: FlatCard, mmToSource: Homography): FlatCard {
  return {
    ...card,
    mmToSource,
    mmToFlat: composeHomography(invertHomography(card.flatToSource), mmToSource),
  };
}
