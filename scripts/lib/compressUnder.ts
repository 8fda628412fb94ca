import sharp from 'sharp';

export interface Compressed {
  bytes: Buffer;
  /** What was done, e.g. ['4096x3072 jpeg q80']; empty when the input was already fit to send. */
  steps: string[];
  /** Upright pixel size before and after. */
  from: { width: number; height: number };
  to: { width: number; height: number };
}

export interface Limits {
  /** The file must be strictly smaller (WeChat: 2 MB). */
  maxBytes: number;
  /** Width x height may not exceed it (the function decodes at most 40 MP). */
  maxPixels: number;
  /**
   * The long side a photo is first shrunk to when it does not fit, as wx.compressImage's
   * compressedWidth/compressedHeight do: far more than OCR needs (~1280 px), and it turns a 48 or
   * 100 MP photo into a few MB before any quality step.
   */
  longSide: number;
}

const QUALITIES = [80, 60, 40, 20];
/** Each further round shrinks the long side by this factor, when quality alone was not enough. */
const SHRINK = 0.7;

/**
 * What the mini-program does before upload, pixel size first: an image within both limits goes as
 * it is; any other becomes a JPEG no larger than `longSide` on its long side, stepping quality down,
 * then shrinking further. Throws when sharp cannot read the image.
 */
export async function compressUnder(bytes: Buffer, limits: Limits): Promise<Compressed> {
  const metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  // EXIF orientations 5-8 swap the axes: the upright width is the stored height.
  const swapped = (metadata.orientation ?? 1) >= 5;
  const width = (swapped ? metadata.height : metadata.width) ?? 0;
  const height = (swapped ? metadata.width : metadata.height) ?? 0;
  const from = { width, height };
  if (bytes.length < limits.maxBytes && width * height <= limits.maxPixels) {
    return { bytes, steps: [], from, to: from };
  }
  const steps: string[] = [];
  let longSide = Math.min(Math.max(width, height), limits.longSide);
  for (let round = 0; round < 4; round++) {
    const scale = Math.min(1, longSide / Math.max(width, height));
    const size = {
      width: Math.max(1, Math.round(width * scale)),
      height: Math.max(1, Math.round(height * scale)),
    };
    if (size.width * size.height <= limits.maxPixels) {
      for (const quality of QUALITIES) {
        const out = await sharp(bytes, { limitInputPixels: false })
          .rotate()
          .resize(size.width, size.height)
          .jpeg({ quality })
          .toBuffer();
        steps.push(`${size.width}x${size.height} jpeg q${quality}`);
        if (out.length < limits.maxBytes) return { bytes: out, steps, from, to: size };
      }
    }
    longSide = Math.round(longSide * SHRINK);
  }
  throw new Error(`could not compress the image under ${limits.maxBytes} bytes`);
}
