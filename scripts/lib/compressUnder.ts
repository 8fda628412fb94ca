import sharp from 'sharp';

export interface Compressed {
  bytes: Buffer;
  /** What was done, e.g. ['jpeg q80', 'jpeg q60']; empty when the input was already small enough. */
  steps: string[];
}

const QUALITIES = [80, 60, 40, 20];

/**
 * What the mini-program does before upload (wx.compressImage stepping quality down), plus a
 * downscale when quality alone is not enough: the result is a JPEG under `limitBytes`.
 */
export async function compressUnder(bytes: Buffer, limitBytes: number): Promise<Compressed> {
  if (bytes.length < limitBytes) return { bytes, steps: [] };
  const steps: string[] = [];
  const metadata = await sharp(bytes).metadata();
  // EXIF orientations 5-8 swap the axes: the upright width is the stored height.
  const swapped = (metadata.orientation ?? 1) >= 5;
  let width = (swapped ? metadata.height : metadata.width) ?? 4000;
  for (let round = 0; round < 4; round++) {
    for (const quality of QUALITIES) {
      const out = await sharp(bytes)
        .rotate()
        .resize({ width, withoutEnlargement: true })
        .jpeg({ quality })
        .toBuffer();
      steps.push(`jpeg q${quality} w${width}`);
      if (out.length < limitBytes) return { bytes: out, steps };
    }
    width = Math.round(width * 0.7);
  }
  throw new Error(`could not compress the image under ${limitBytes} bytes`);
}
