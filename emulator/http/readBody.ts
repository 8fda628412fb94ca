import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';

/** How a route's backend refuses a body: each builds the error that backend answers with. */
export interface BodyRefusals {
  /** The body (all of it, every part counted) is larger than the route accepts. */
  tooLarge(): Error;
  /** The body cannot be parsed (for multipart: bad boundary, a part cut short, too many parts). */
  malformed(why: string): Error;
}

/**
 * Reads a whole request body, refusing it as soon as it passes `maxBytes` (by its Content-Length
 * before reading anything, else while reading). What is not read is left for the server to discard.
 */
export function readBody(req: IncomingMessage, maxBytes: number, refuse: BodyRefusals): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (declaredLength(req) > maxBytes) {
      reject(refuse.tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      chunks.length = 0;
      reject(error);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) fail(refuse.tooLarge());
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks));
    });
    req.on('error', (error) => fail(refuse.malformed(error.message)));
  });
}

export interface MultipartPart {
  bytes: Buffer;
  /** Set for file parts (busboy calls an application/octet-stream part a file even without a filename). */
  filename?: string;
}

/** The most parts any client of the emulator sends (the 2.x SDK's upload form has five). */
const MAX_PARTS = 16;

/**
 * Parses multipart/form-data with busboy, limited in total: `maxBytes` counts every byte of the
 * body, not each part alone. Fields are decoded as latin1, which maps bytes 1:1 to characters,
 * so binary fields such as `requestData` come back intact via Buffer.from(…, 'latin1').
 */
export function readMultipart(
  req: IncomingMessage,
  maxBytes: number,
  refuse: BodyRefusals,
): Promise<Map<string, MultipartPart>> {
  return new Promise((resolve, reject) => {
    if (declaredLength(req) > maxBytes) {
      reject(refuse.tooLarge());
      return;
    }
    const parts = new Map<string, MultipartPart>();
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defCharset: 'latin1',
        defParamCharset: 'utf8',
        limits: { fieldSize: maxBytes, fileSize: maxBytes, parts: MAX_PARTS, headerPairs: 32 },
      });
    } catch (error) {
      reject(refuse.malformed((error as Error).message));
      return;
    }
    let settled = false;
    let size = 0;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      parts.clear();
      req.unpipe(parser);
      parser.removeAllListeners('file');
      parser.removeAllListeners('field');
      reject(error);
    };
    // Counted before busboy sees the bytes: its own limits are per part.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) fail(refuse.tooLarge());
    });
    req.on('error', (error) => fail(refuse.malformed(error.message)));
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(refuse.tooLarge());
      else parts.set(name, { bytes: Buffer.from(value, 'latin1') });
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (!settled) chunks.push(chunk);
      });
      stream.on('limit', () => fail(refuse.tooLarge()));
      // A body that ends inside a file part fails the part's stream: without a listener, the process.
      stream.on('error', (error: Error) => fail(refuse.malformed(error.message)));
      stream.on('close', () => {
        if (!settled) parts.set(name, { bytes: Buffer.concat(chunks), filename: info.filename ?? '' });
      });
    });
    parser.on('partsLimit', () => fail(refuse.malformed(`more than ${MAX_PARTS} parts`)));
    parser.on('error', (error: Error) => fail(refuse.malformed(error.message)));
    parser.on('close', () => {
      if (settled) return;
      settled = true;
      resolve(parts);
    });
    req.pipe(parser);
  });
}

function declaredLength(req: IncomingMessage): number {
  const length = Number(req.headers['content-length']);
  return Number.isFinite(length) ? length : 0;
}
