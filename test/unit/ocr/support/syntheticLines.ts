import type { Box } from '../../../../emulator/ocr/image/geometry';
import { applyHomography, type Homography } from '../../../../emulator/ocr/image/homography';
import type { TextLine } from '../../../../emulator/ocr/text/TextLine';
import { ctcMatrixOf } from './ctcMatrixOf';

/**
 * A line as the recognizer would return it for `text` printed in `mm` (a box on the card), seen
 * through `mmToView`: characters evenly spaced across the box, confident, with an empty CTC matrix.
 */
export function lineAt(text: string, mm: Box, mmToView: Homography, confidence = 0.98): TextLine {
  const chars = [...text];
  const pitch = (mm.x1 - mm.x0) / chars.length;
  const cy = (mm.y0 + mm.y1) / 2;
  const [x0, y0] = applyHomography(mmToView, [mm.x0, mm.y0]);
  const [x1, y1] = applyHomography(mmToView, [mm.x1, mm.y1]);
  const box = { x0: Math.min(x0, x1), y0: Math.min(y0, y1), x1: Math.max(x0, x1), y1: Math.max(y0, y1) };
  return {
    text,
    confidence,
    box,
    region: box,
    ctc: ctcMatrixOf(new Float32Array(0), 0, 0),
    chars: chars.map((c, i) => {
      const at = (x: number) => applyHomography(mmToView, [x, cy])[0];
      return {
        text: c,
        x: at(mm.x0 + (i + 0.5) * pitch),
        x0: at(mm.x0 + i * pitch),
        x1: at(mm.x0 + (i + 1) * pitch),
        confidence,
        steps: [i, i] as const,
      };
    }),
  };
}
