import sharp from 'sharp';
import { MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, sniffImage } from '../../../src/domain/sniffImage';

/** Real encoder output (libvips via sharp), so the header layouts are what cameras and browsers write. */
async function encode(
  format: 'jpeg' | 'progressive-jpeg' | 'png' | 'webp' | 'webp-lossless' | 'webp-alpha' | 'gif' | 'jpeg-exif',
  width: number,
  height: number,
): Promise<Uint8Array> {
  const channels = format === 'webp-alpha' ? 4 : 3;
  const image = sharp({
    create: { width, height, channels, background: { r: 200, g: 30, b: 30, alpha: 0.5 } },
  });
  switch (format) {
    case 'jpeg':
      return new Uint8Array(await image.jpeg().toBuffer());
    case 'progressive-jpeg':
      return new Uint8Array(await image.jpeg({ progressive: true }).toBuffer());
    case 'jpeg-exif':
      return new Uint8Array(
        await image
          .jpeg()
          .withMetadata({ exif: { IFD0: { Copyright: 'test' } } })
          .toBuffer(),
      );
    case 'png':
      return new Uint8Array(await image.png().toBuffer());
    case 'webp':
      return new Uint8Array(await image.webp({ quality: 80 }).toBuffer());
    case 'webp-lossless':
      return new Uint8Array(await image.webp({ lossless: true }).toBuffer());
    case 'webp-alpha':
      return new Uint8Array(
        await image
          .webp({ quality: 80 })
          .withMetadata({ exif: { IFD0: { Copyright: 'test' } } })
          .toBuffer(),
      );
    case 'gif':
      return new Uint8Array(await image.gif().toBuffer());
  }
}

function ascii(text: string): number[] {
  return Array.from(text, (char) => char.charCodeAt(0));
}

function le32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

function be32(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

/** PNG signature + IHDR chunk header only (no CRC check is made, none is needed). */
function pngHeader(width: number, height: number): Uint8Array {
  return new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...be32(13),
    ...ascii('IHDR'),
    ...be32(width),
    ...be32(height),
    8,
    2,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
  ]);
}

/** An uncompressed 24-bit BMP: BITMAPFILEHEADER + BITMAPINFOHEADER (or the 12-byte OS/2 core header). */
function bmp(width: number, height: number, header: 'info' | 'core' = 'info'): Uint8Array {
  const fileHeader = [...ascii('BM'), ...le32(0), 0, 0, 0, 0, ...le32(header === 'info' ? 54 : 26)];
  const dib =
    header === 'info'
      ? [
          ...le32(40),
          ...le32(width),
          ...le32(height),
          1,
          0,
          24,
          0,
          ...le32(0),
          ...le32(0),
          ...le32(2835),
          ...le32(2835),
          ...le32(0),
          ...le32(0),
        ]
      : [...le32(12), width & 0xff, width >> 8, height & 0xff, height >> 8, 1, 0, 24, 0];
  return new Uint8Array([...fileHeader, ...dib, 0, 0, 0, 0]);
}

describe('sniffImage', () => {
  describe('real encoder output', () => {
    it.each([
      ['jpeg', 'jpeg', 640, 480],
      ['progressive-jpeg', 'jpeg', 33, 17],
      ['jpeg-exif', 'jpeg', 120, 90],
      ['png', 'png', 300, 200],
      ['webp', 'webp', 101, 55],
      ['webp-lossless', 'webp', 16383, 3],
      ['webp-alpha', 'webp', 20, 30],
      ['gif', 'gif', 45, 67],
    ] as const)('reads %s as type %s, %i x %i', async (format, type, width, height) => {
      const bytes = await encode(format, width, height);
      expect(sniffImage(bytes)).toEqual({ type, width, height });
    });

    it.each(['jpeg', 'jpeg-exif', 'png', 'webp', 'webp-lossless', 'webp-alpha', 'gif'] as const)(
      'never throws and never reports wrong dimensions for any truncation of a %s file',
      async (format) => {
        const bytes = await encode(format, 77, 66);
        for (let length = 0; length <= Math.min(bytes.length, 2048); length += 1) {
          const result = sniffImage(bytes.subarray(0, length));
          if (result.width !== undefined) expect(result).toMatchObject({ width: 77, height: 66 });
        }
      },
    );
  });

  describe('hand-made headers', () => {
    it.each([
      ['a 0x0 PNG header', pngHeader(0, 0), { type: 'png', width: 0, height: 0 }],
      [
        'a 20000x20000 PNG header (a decompression bomb)',
        pngHeader(20000, 20000),
        { type: 'png', width: 20000, height: 20000 },
      ],
      [
        'a PNG header with the largest u32 sizes',
        pngHeader(0xffffffff, 0x80000000),
        { type: 'png', width: 4294967295, height: 2147483648 },
      ],
      [
        'a PNG whose first chunk is not IHDR',
        new Uint8Array([...pngHeader(1, 1).subarray(0, 12), ...ascii('gAMA'), ...be32(5), ...be32(5)]),
        { type: 'png' },
      ],
      ['a bottom-up BMP', bmp(640, 480), { type: 'bmp', width: 640, height: 480 }],
      ['a top-down BMP (negative height)', bmp(640, -480), { type: 'bmp', width: 640, height: 480 }],
      ['an OS/2 core-header BMP', bmp(300, 200, 'core'), { type: 'bmp', width: 300, height: 200 }],
      ['a BMP with a negative width', bmp(-5, 10), { type: 'bmp' }],
      [
        'a GIF87a header',
        new Uint8Array([...ascii('GIF87a'), 0x10, 0x00, 0x20, 0x00]),
        { type: 'gif', width: 16, height: 32 },
      ],
      ['a truncated GIF header', new Uint8Array(ascii('GIF89a\x10')), { type: 'gif' }],
      [
        'a RIFF WEBP with an unknown chunk',
        new Uint8Array([...ascii('RIFF'), ...le32(20), ...ascii('WEBPXXXX'), ...le32(0)]),
        { type: 'webp' },
      ],
      [
        'a VP8 chunk without its start code',
        new Uint8Array([
          ...ascii('RIFF'),
          ...le32(30),
          ...ascii('WEBPVP8 '),
          ...le32(10),
          0,
          0,
          0,
          1,
          2,
          3,
          4,
          5,
          6,
          7,
        ]),
        { type: 'webp' },
      ],
      [
        'a VP8L chunk without its signature',
        new Uint8Array([...ascii('RIFF'), ...le32(30), ...ascii('WEBPVP8L'), ...le32(5), 0x00, 1, 2, 3, 4]),
        { type: 'webp' },
      ],
      [
        'a RIFF that is WAVE, not WEBP',
        new Uint8Array([...ascii('RIFF'), ...le32(30), ...ascii('WAVEfmt ')]),
        { type: 'unknown' },
      ],
    ])('reads %s', (_label, bytes, expected) => {
      expect(sniffImage(bytes)).toEqual(expected);
    });

    it.each([
      ['a segment length of 0', [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x00, 0xff, 0xc0]],
      ['a segment length of 1', [0xff, 0xd8, 0xff, 0xe1, 0x00, 0x01, 0xff, 0xc0]],
      ['a segment running past the end', [0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 0x00]],
      ['a lost marker sync', [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x02, 0x12, 0x34, 0x56, 0x78]],
      ['scan data before any frame', [0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 1, 2, 3, 4, 5, 6]],
      ['end of image before any frame', [0xff, 0xd8, 0xff, 0xd9, 0x00, 0x00]],
      ['a truncated SOF0', [0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01]],
      ['only the magic', [0xff, 0xd8, 0xff]],
      ['a run of fill bytes', [0xff, 0xd8, ...new Array<number>(5000).fill(0xff)]],
    ])('reads a JPEG with %s as jpeg without dimensions', (_label, bytes) => {
      expect(sniffImage(new Uint8Array(bytes))).toEqual({ type: 'jpeg' });
    });

    it('skips fill bytes, restart markers and DHT before the frame header', () => {
      const bytes = new Uint8Array([
        0xff, 0xd8, 0xff, 0xff, 0xff, 0xd0, 0xff, 0xc4, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc2, 0x00, 0x11, 0x08,
        0x01, 0x2c, 0x02, 0x58, 0x03,
      ]);
      expect(sniffImage(bytes)).toEqual({ type: 'jpeg', width: 600, height: 300 });
    });
  });

  describe('not images', () => {
    it.each([
      ['zero bytes', new Uint8Array(0)],
      ['one byte', new Uint8Array([0xff])],
      ['a text file', new TextEncoder().encode('姓名 张三\n证号 110101199003078515\n')],
      ['a text file starting with BM', new TextEncoder().encode('BM is not a bitmap, just text here')],
      [
        'an HTML page with an inline svg',
        new TextEncoder().encode('<!DOCTYPE html><html><body><svg></svg></body></html>'),
      ],
      ['a PDF', new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n')],
      ['random bytes', new Uint8Array(Array.from({ length: 256 }, (_v, i) => (i * 131 + 7) & 0xff))],
    ])('says %s is unknown', (_label, bytes) => {
      expect(sniffImage(bytes)).toEqual({ type: 'unknown' });
    });

    it.each([
      ['a bare svg', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'],
      [
        'an svg with an XML prolog and BOM',
        '\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
      ],
      [
        'an svg with a comment and DOCTYPE',
        '<!-- made by hand -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg>',
      ],
      ['an svg after leading whitespace', '\n\n   <svg viewBox="0 0 1 1"/>'],
    ])('recognizes %s as svg (refused by the service, never rasterized)', (_label, text) => {
      expect(sniffImage(new TextEncoder().encode(text))).toEqual({ type: 'svg' });
    });
  });

  it('terminates on many pseudo-random inputs behind every magic number', () => {
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 24;
    };
    const magics = [
      [0xff, 0xd8, 0xff],
      [0x89, ...ascii('PNG\r\n\x1a\n')],
      ascii('GIF89a'),
      [...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEBP')],
      [...ascii('BM'), ...new Array<number>(12).fill(0), 40, 0, 0, 0],
    ];
    for (let round = 0; round < 500; round += 1) {
      const magic = magics[round % magics.length]!;
      const tail = Array.from({ length: next() * 4 }, next);
      const result = sniffImage(new Uint8Array([...magic, ...tail]));
      expect(result.type).not.toBe('unknown');
    }
  });
});

describe('limits', () => {
  it('refuses at 2 MB like WeChat', () => {
    expect(MAX_IMAGE_BYTES).toBe(2_097_152);
  });

  it('caps pixels below a 20000x20000 bomb and above a 12 MP phone photo', () => {
    expect(20000 * 20000).toBeGreaterThan(MAX_IMAGE_PIXELS);
    expect(4000 * 3000).toBeLessThan(MAX_IMAGE_PIXELS);
  });
});
