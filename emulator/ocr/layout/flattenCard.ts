import { composeHomography, type Homography, scaling } from '../image/homography';
import { printInk } from '../image/inkMaps';
import type { RgbImage } from '../image/RgbImage';
import { warpHomography } from '../image/warp';
import { CARD_MM } from './cardGrid';

/** The card flattened onto its own grid: pixel (x, y) is the card's point (x, y) / pxPerMm in mm. */
export interface FlatCard {
  image: RgbImage;
  /** Print ink only (red channel: the seal fades into the paper). */
  ink: RgbImage;
  pxPerMm: number;
  /** Card mm -> source-photo pixels. */
  mmToSource: Homography;
}

/** 15 px/mm: labels ~45 px high, values ~55 px, close to the recognizer's 48 px lines. */
export const FLAT_PX_PER_MM = 15;

/** Cuts the card out of the source photo along the fitted grid. */
export function flattenCard(source: RgbImage, mmToSource: Homography, pxPerMm = FLAT_PX_PER_MM): FlatCard {
  const image = warpHomography(
    source,
    composeHomography(mmToSource, scaling(1 / pxPerMm)),
    Math.round(CARD_MM.width * pxPerMm),
    Math.round(CARD_MM.height * pxPerMm),
  );
  return { image, ink: printInk(image), pxPerMm, mmToSource };
}
