import sharp from 'sharp';
import type { RgbImage } from './RgbImage';

export class ImageDecodeError extends Error {
  override name = 'ImageDecodeError';
}

/** A decoded photo, upright (EXIF applied), at two sizes. */
export interface Photo {
  /** At most `sourceSize` on the long side: what regions are cut from. */
  source: RgbImage;
  /**
   * `workSize` on the long side: what the card is searched and first read in. Shrunk from large
   * photos (full size costs seconds and GBs), enlarged from tiny web images (text 6-8 px high is
   * below what the detector finds).
   */
  work: RgbImage;
  /** Size of the image as stored (before EXIF orientation). */
  original: { width: number; height: number };
}

export interface DecodeOptions {
  workSize: number;
  sourceSize: number;
}

/** Decodes JPEG, PNG, WebP, BMP…; throws ImageDecodeError on bytes that are not a whole image. */
export async function decodePhoto(bytes: Buffer, { workSize, sourceSize }: DecodeOptions): Promise<Photo> {
  try {
    const input = sharp(bytes, { failOn: 'error', limitInputPixels: 120_000_000 });
    const meta = await input.metadata();
    const base = input.rotate().removeAlpha().toColourspace('srgb');
    // A tiny photo is enlarged to the work size for both copies (Lanczos keeps strokes sharper
    // than a bilinear warp of the tiny pixels would); a large one is only shrunk.
    const longSide = Math.max(meta.width ?? 0, meta.height ?? 0);
    const sourceLong = Math.min(sourceSize, Math.max(workSize, longSide));
    const [source, work] = await Promise.all([
      raw(base.clone().resize({ width: sourceLong, height: sourceLong, fit: 'inside', kernel: 'lanczos3' })),
      raw(base.clone().resize({ width: workSize, height: workSize, fit: 'inside', kernel: 'lanczos3' })),
    ]);
    return {
      source,
      work,
      original: { width: meta.width ?? source.width, height: meta.height ?? source.height },
    };
  } catch (cause) {
    throw new ImageDecodeError(`image decode failed: ${(cause as Error).message}`, { cause });
  }
}

async function raw(pipeline: sharp.Sharp): Promise<RgbImage> {
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`unexpected ${info.channels} channels`);
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
  };
}
