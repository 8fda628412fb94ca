import type { Box } from '../image/geometry';
import type { Recognized } from './recognizeText';

/** A detected text box and what was read there, in the pixels of the image it was found in. */
export interface TextLine extends Recognized {
  /** The detector's box (the region read may be a little wider). */
  box: Box;
}
