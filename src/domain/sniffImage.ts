/**
 * Image type and dimensions from magic bytes and headers only, without decoding: the service uses
 * it to refuse non-images, oversized files and decompression bombs before anything expensive runs.
 * Every read is bounds-checked and every loop advances, so truncated or hostile input cannot throw
 * or spin; unknown or unreadable dimensions are simply left out.
 */

export type ImageType = 'jpeg' | 'png' | 'bmp' | 'webp' | 'gif' | 'svg' | 'unknown';

export interface SniffedImage {
  type: ImageType;
  width?: number;
  height?: number;
}

/** WeChat's OCR refuses images of 2 MB or more: the service must check `bytes.length < MAX_IMAGE_BYTES`. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/**
 * 40 megapixels. A licence needs far less (OCR works at ~1280 px on the long side), a 2 MB file
 * honestly encodes at most a few tens of megapixels, and phone cameras' default output (12-20 MP,
 * 48 MP binned to 12) stays below it; decoding 40 MP as RGBA takes ~160 MB, what a cloud
 * function's memory allows. A header claiming more is a decompression bomb or a misread.
 */
export const MAX_IMAGE_PIXELS = 40_000_000;

function u16be(bytes: Uint8Array, at: number): number | undefined {
  if (at + 2 > bytes.length) return undefined;
  return (bytes[at]! << 8) | bytes[at + 1]!;
}

function u16le(bytes: Uint8Array, at: number): number | undefined {
  if (at + 2 > bytes.length) return undefined;
  return bytes[at]! | (bytes[at + 1]! << 8);
}

function u24le(bytes: Uint8Array, at: number): number | undefined {
  if (at + 3 > bytes.length) return undefined;
  return bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16);
}

function u32be(bytes: Uint8Array, at: number): number | undefined {
  if (at + 4 > bytes.length) return undefined;
  return ((bytes[at]! << 24) >>> 0) + ((bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!);
}

function i32le(bytes: Uint8Array, at: number): number | undefined {
  if (at + 4 > bytes.length) return undefined;
  return bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24);
}

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (at + signature.length > bytes.length) return false;
  return signature.every((byte, i) => bytes[at + i] === byte);
}

function ascii(text: string): number[] {
  return Array.from(text, (char) => char.charCodeAt(0));
}

function sized(type: ImageType, width: number | undefined, height: number | undefined): SniffedImage {
  return width === undefined || height === undefined ? { type } : { type, width, height };
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function png(bytes: Uint8Array): SniffedImage {
  // The first chunk must be IHDR: length(4) 'IHDR'(4) width(4) height(4).
  if (!startsWith(bytes, ascii('IHDR'), 12)) return { type: 'png' };
  return sized('png', u32be(bytes, 16), u32be(bytes, 20));
}

/** SOFn markers that carry the frame size: C0-CF except DHT (C4), JPG (C8) and DAC (CC). */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpeg(bytes: Uint8Array): SniffedImage {
  let at = 2; // after SOI
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return { type: 'jpeg' }; // lost sync: corrupt, stop
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    // Markers without a length: TEM, RSTn, SOI.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return { type: 'jpeg' }; // EOI / scan data before a frame
    const length = u16be(bytes, at + 2)!;
    if (length < 2) return { type: 'jpeg' };
    if (isStartOfFrame(marker)) {
      // length(2) precision(1) height(2) width(2)
      return sized('jpeg', u16be(bytes, at + 7), u16be(bytes, at + 5));
    }
    at += 2 + length;
  }
  return { type: 'jpeg' };
}

function gif(bytes: Uint8Array): SniffedImage {
  return sized('gif', u16le(bytes, 6), u16le(bytes, 8));
}

/** DIB header sizes (core, info, v2-v5): with 'BM' they tell a bitmap from text starting "BM". */
const BMP_HEADER_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);

function bmp(bytes: Uint8Array): SniffedImage {
  if (i32le(bytes, 14) === 12) return sized('bmp', u16le(bytes, 18), u16le(bytes, 20)); // OS/2 BITMAPCOREHEADER
  const width = i32le(bytes, 18);
  const height = i32le(bytes, 22);
  // Negative height means top-down rows; the size is its magnitude. Negative width is invalid.
  if (width === undefined || height === undefined || width < 0) return { type: 'bmp' };
  return sized('bmp', width, Math.abs(height));
}

function webp(bytes: Uint8Array): SniffedImage {
  if (startsWith(bytes, ascii('VP8 '), 12)) {
    // Lossy: frame tag(3) then start code 9D 01 2A, then 14-bit width and height (2 scale bits).
    if (!startsWith(bytes, [0x9d, 0x01, 0x2a], 23)) return { type: 'webp' };
    const width = u16le(bytes, 26);
    const height = u16le(bytes, 28);
    return sized(
      'webp',
      width === undefined ? undefined : width & 0x3fff,
      height === undefined ? undefined : height & 0x3fff,
    );
  }
  if (startsWith(bytes, ascii('VP8L'), 12)) {
    // Lossless: signature 0x2F, then 14 bits width-1 and 14 bits height-1, little-endian bit order.
    if (bytes[20] !== 0x2f || bytes.length < 25) return { type: 'webp' };
    const bits = i32le(bytes, 21)! >>> 0;
    return { type: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (startsWith(bytes, ascii('VP8X'), 12)) {
    // Extended: flags(4) then 24-bit canvas width-1 and height-1.
    const width = u24le(bytes, 24);
    const height = u24le(bytes, 27);
    return sized(
      'webp',
      width === undefined ? undefined : width + 1,
      height === undefined ? undefined : height + 1,
    );
  }
  return { type: 'webp' };
}

/** How far into a text file we look for '<svg' (XML prolog, comments and a DOCTYPE come first). */
const SVG_SNIFF_BYTES = 4096;

function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, SVG_SNIFF_BYTES));
  const text = head.replace(/^\ufeff/, '').trimStart();
  if (!text.startsWith('<')) return false;
  return /<svg[\s>/]/i.test(text) && /^<(?:\?xml|!--|!doctype\s+svg|svg[\s>/])/i.test(text);
}

/** Type and, when the header has them, width and height. Never throws. */
export function sniffImage(bytes: Uint8Array): SniffedImage {
  try {
    if (startsWith(bytes, [0xff, 0xd8, 0xff])) return jpeg(bytes);
    if (startsWith(bytes, PNG)) return png(bytes);
    if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return gif(bytes);
    if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return webp(bytes);
    if (startsWith(bytes, ascii('BM')) && BMP_HEADER_SIZES.has(i32le(bytes, 14) ?? 0)) return bmp(bytes);
    if (looksLikeSvg(bytes)) return { type: 'svg' };
  } catch {
    // Defensive only: every read above is bounds-checked.
  }
  return { type: 'unknown' };
}
