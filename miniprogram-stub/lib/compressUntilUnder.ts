/** WeChat's OCR refuses images of 2 MB or more, so an upload must be strictly smaller. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/** JPEG qualities tried in turn; each step starts again from the original photo. */
export const QUALITY_STEPS: readonly number[] = [80, 60, 40, 20];

export interface CompressPort {
  /** wx.compressImage: returns the path of the compressed temp file. */
  compress(src: string, quality: number): Promise<string>;
  /** Size in bytes of a local temp file. */
  sizeOf(path: string): Promise<number>;
}

export interface LocalImage {
  path: string;
  size: number;
}

export type CompressResult =
  | { ok: true; path: string; size: number; quality: number | null }
  | { ok: false; smallestSize: number; tried: number[] };

/**
 * Returns the original when it is already small enough (quality null), else the first compression
 * under `maxBytes`, stepping quality down; gives up after the last step. Compressing the original at
 * a lower quality, rather than recompressing a compressed file, avoids stacking JPEG artefacts
 * that hurt OCR.
 */
export async function compressUntilUnder(
  image: LocalImage,
  port: CompressPort,
  maxBytes: number = MAX_IMAGE_BYTES,
  steps: readonly number[] = QUALITY_STEPS,
): Promise<CompressResult> {
  if (image.size < maxBytes) return { ok: true, path: image.path, size: image.size, quality: null };
  let smallestSize = image.size;
  const tried: number[] = [];
  for (const quality of steps) {
    tried.push(quality);
    const path = await port.compress(image.path, quality);
    const size = await port.sizeOf(path);
    if (size < maxBytes) return { ok: true, path, size, quality };
    smallestSize = Math.min(smallestSize, size);
  }
  return { ok: false, smallestSize, tried };
}
