import type { SKRSContext2D } from '@napi-rs/canvas';
import type { RgbImage } from '../../../../emulator/ocr/image/RgbImage';

/** What a 2-D canvas context holds, as the engine's RGB image (alpha dropped). */
export function canvasImage(ctx: SKRSContext2D, width: number, height: number): RgbImage {
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const data = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    data[j] = rgba[i] ?? 0;
    data[j + 1] = rgba[i + 1] ?? 0;
    data[j + 2] = rgba[i + 2] ?? 0;
  }
  return { data, width, height };
}
