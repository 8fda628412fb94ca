import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import type { WeChatDriverLicenseFields } from '../../../emulator/openapi/DriverLicenseRecognizer';

/** The PNG text keyword that carries the licence a photo "shows". */
export const STAMP_KEYWORD = 'wx-license';

const PNG_SIGNATURE_AND_IHDR = 8 + 25; // signature(8) + IHDR chunk: length(4) type(4) data(13) crc(4)

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A small valid PNG, distinct per seed, with the licence it "shows" in a tEXt chunk right after
 * IHDR (base64 JSON, so the chunk stays Latin-1). StampRecognizer reads it back in any process,
 * which is what lets a separately started emulator answer deterministically.
 */
export async function stampedPhoto(seed: number, fields: WeChatDriverLicenseFields | null): Promise<Buffer> {
  const png = await sharp({
    create: {
      width: 48 + (seed % 17),
      height: 32,
      channels: 3,
      background: { r: seed % 256, g: (seed >> 8) % 256, b: (seed * 7) % 256 },
    },
  })
    .png()
    .toBuffer();
  const text = `${STAMP_KEYWORD}\0${Buffer.from(JSON.stringify({ seed, fields }), 'utf8').toString('base64')}`;
  return Buffer.concat([
    png.subarray(0, PNG_SIGNATURE_AND_IHDR),
    chunk('tEXt', Buffer.from(text, 'latin1')),
    png.subarray(PNG_SIGNATURE_AND_IHDR),
  ]);
}

/** The stamped licence, `null` for a stamped non-licence, `undefined` when there is no stamp. */
export function readStamp(bytes: Uint8Array): WeChatDriverLicenseFields | null | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  while (at + 12 <= buffer.length) {
    const length = buffer.readUInt32BE(at);
    const type = buffer.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT' || type === 'IEND') return undefined;
    if (type === 'tEXt' && at + 8 + length <= buffer.length) {
      const text = buffer.toString('latin1', at + 8, at + 8 + length);
      const prefix = `${STAMP_KEYWORD}\0`;
      if (text.startsWith(prefix)) {
        try {
          const decoded = JSON.parse(Buffer.from(text.slice(prefix.length), 'base64').toString('utf8')) as {
            fields: WeChatDriverLicenseFields | null;
          };
          return decoded.fields;
        } catch {
          return undefined;
        }
      }
    }
    at += 12 + length;
  }
  return undefined;
}
