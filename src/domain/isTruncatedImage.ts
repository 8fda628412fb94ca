import type { ImageType } from './sniffImage';

const PNG_SIGNATURE_BYTES = 8;
const JPEG_EOI = Buffer.from([0xff, 0xd9]);

function u32be(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) >>> 0) + ((bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!);
}

function u32le(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

/** The chunks must run, in bounds, to an IEND after at least one IDAT. */
function pngTruncated(bytes: Uint8Array): boolean {
  let at = PNG_SIGNATURE_BYTES;
  let sawData = false;
  while (at + 12 <= bytes.length) {
    const length = u32be(bytes, at);
    const type = String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!, bytes[at + 6]!, bytes[at + 7]!);
    if (at + 12 + length > bytes.length) return true;
    if (type === 'IDAT') sawData = true;
    if (type === 'IEND') return !sawData;
    at += 12 + length;
  }
  return true;
}

/**
 * An end-of-image marker must follow the first start-of-scan. Entropy-coded data never holds
 * FF D9 (FF is stuffed as FF 00), and an EXIF thumbnail's own EOI comes before the main scan, so
 * this finds the main image's end; bytes after it (camera trailers) are allowed.
 */
function jpegTruncated(bytes: Uint8Array): boolean {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return true;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9) return true; // an end before any scan: no image data
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2) return true;
    if (marker === 0xda)
      return (
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(JPEG_EOI, at + 2 + length) < 0
      );
    at += 2 + length;
  }
  return true;
}

/** RIFF (WebP) and BMP headers state the file's size: fewer bytes than that is a cut-off file. */
function declaredSizeTruncated(bytes: Uint8Array, type: 'webp' | 'bmp'): boolean {
  if (bytes.length < 8) return true;
  if (type === 'webp') return u32le(bytes, 4) + 8 > bytes.length;
  const declared = u32le(bytes, 2);
  return declared !== 0 && declared > bytes.length; // some writers leave the BMP size 0
}

/**
 * True when an image of a supported type is visibly cut off (an interrupted upload, a file
 * truncated on disk): sending it to WeChat would spend quota on a certain decode failure. Only
 * structure is read, never pixels; bounded by the file's length, so it cannot spin on hostile input.
 */
export function isTruncatedImage(bytes: Uint8Array, type: ImageType): boolean {
  switch (type) {
    case 'png':
      return pngTruncated(bytes);
    case 'jpeg':
      return jpegTruncated(bytes);
    case 'webp':
    case 'bmp':
      return declaredSizeTruncated(bytes, type);
    default:
      return false;
  }
}
