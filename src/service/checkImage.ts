import { isTruncatedImage } from '../domain/isTruncatedImage';
import { MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, sniffImage } from '../domain/sniffImage';
import { AppError } from '../errors';

const CONTENT_TYPES = { jpeg: 'image/jpeg', png: 'image/png', bmp: 'image/bmp', webp: 'image/webp' } as const;

/** Refuses what WeChat would refuse, before any quota is spent; returns the image's content type. */
export function checkImage(bytes: Buffer): string {
  if (bytes.length >= MAX_IMAGE_BYTES) {
    throw new AppError(
      'IMAGE_TOO_LARGE',
      `image is ${bytes.length} bytes; WeChat OCR takes images under ${MAX_IMAGE_BYTES} bytes (2 MB): compress it first`,
    );
  }
  const sniffed = sniffImage(bytes);
  if (!(sniffed.type in CONTENT_TYPES)) {
    throw new AppError(
      'UNSUPPORTED_IMAGE',
      `file is not a JPEG, PNG, BMP or WebP image (detected: ${sniffed.type}, ${bytes.length} bytes)`,
    );
  }
  const { width, height } = sniffed;
  if (width === undefined || height === undefined || width < 1 || height < 1) {
    throw new AppError(
      'UNSUPPORTED_IMAGE',
      `${sniffed.type} image has no readable dimensions (truncated or empty)`,
    );
  }
  if (width * height > MAX_IMAGE_PIXELS) {
    // A valid image, only too many pixels to decode in a function's memory: its own code, so a
    // client can shrink it (wx.compressImage compressedWidth) rather than call it unsupported.
    throw new AppError(
      'IMAGE_DIMENSIONS_TOO_LARGE',
      `${sniffed.type} image of ${width}x${height} pixels (${((width * height) / 1e6).toFixed(0)} MP) is more than the ${MAX_IMAGE_PIXELS / 1e6} MP this function decodes: shrink it and upload again`,
    );
  }
  if (isTruncatedImage(bytes, sniffed.type)) {
    throw new AppError(
      'IMAGE_DECODE_FAILED',
      `${sniffed.type} image is truncated (${bytes.length} bytes, its end is missing): upload it again`,
    );
  }
  return CONTENT_TYPES[sniffed.type as keyof typeof CONTENT_TYPES];
}
