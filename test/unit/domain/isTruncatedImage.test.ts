import sharp from 'sharp';
import { isTruncatedImage } from '../../../src/domain/isTruncatedImage';

async function encode(format: 'png' | 'jpeg' | 'webp'): Promise<Buffer> {
  const pixels = Buffer.alloc(96 * 64 * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
  return sharp(pixels, { raw: { width: 96, height: 64, channels: 3 } })
    .toFormat(format)
    .toBuffer();
}

describe('isTruncatedImage', () => {
  it.each(['png', 'jpeg', 'webp'] as const)('accepts a complete %s as sharp writes it', async (format) => {
    expect(isTruncatedImage(await encode(format), format)).toBe(false);
  });

  it.each(['png', 'jpeg', 'webp'] as const)('flags a %s cut in half', async (format) => {
    const bytes = await encode(format);

    expect(isTruncatedImage(bytes.subarray(0, bytes.length >> 1), format)).toBe(true);
  });

  it.each(['png', 'jpeg'] as const)('flags a %s missing only its last 2 bytes', async (format) => {
    const bytes = await encode(format);

    expect(isTruncatedImage(bytes.subarray(0, bytes.length - 2), format)).toBe(true);
  });

  it('accepts a JPEG followed by a camera trailer', async () => {
    const bytes = Buffer.concat([await encode('jpeg'), Buffer.from('SEFT trailer data')]);

    expect(isTruncatedImage(bytes, 'jpeg')).toBe(false);
  });

  it('flags a JPEG whose only end marker belongs to a thumbnail before the scan', () => {
    const app1 = [0xff, 0xe1, 0x00, 0x06, 0xff, 0xd9, 0x00, 0x00];
    const sos = [0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00];
    const bytes = Buffer.from([0xff, 0xd8, ...app1, ...sos, 0x12, 0x34, 0x56]);

    expect(isTruncatedImage(bytes, 'jpeg')).toBe(true);
  });

  it('flags a PNG whose IEND comes without image data', () => {
    const iend = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...iend]);

    expect(isTruncatedImage(bytes, 'png')).toBe(true);
  });

  it.each([
    [
      'a BMP shorter than its declared size',
      Buffer.from([0x42, 0x4d, 0xff, 0, 0, 0, 0, 0, 0, 0]),
      'bmp',
      true,
    ],
    ['a BMP whose size field is 0', Buffer.from([0x42, 0x4d, 0, 0, 0, 0, 0, 0, 0, 0]), 'bmp', false],
    ['a type it does not check', Buffer.alloc(3), 'gif', false],
    ['an empty buffer claimed to be a PNG', Buffer.alloc(0), 'png', true],
  ] as const)('answers for %s', (_, bytes, type, expected) => {
    expect(isTruncatedImage(bytes, type)).toBe(expected);
  });
});
