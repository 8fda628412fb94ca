import sharp from 'sharp';

/**
 * A stored photo as the console shows it: upright (EXIF applied, as the engine reads it, so the
 * trace's pixels line up), at most `longSide` px, JPEG. Undefined for bytes that are no image.
 */
export async function photoJpeg(bytes: Buffer, longSide: number): Promise<Buffer | undefined> {
  try {
    return await sharp(bytes, { limitInputPixels: 120_000_000 })
      .rotate()
      .resize({ width: longSide, height: longSide, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82 })
      .toBuffer();
  } catch {
    return undefined;
  }
}
