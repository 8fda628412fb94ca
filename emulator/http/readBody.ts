import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';

/** Reads a whole request body; `tooLarge` builds the error the route's backend answers with. */
export function readBody(req: IncomingMessage, maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > maxBytes) {
        failed = true;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      if (!failed) reject(error);
      failed = true;
    });
  });
}

export interface MultipartBody {
  /** Every part by name, as raw bytes (busboy calls an application/octet-stream part a file even without a filename). */
  parts: Map<string, { bytes: Buffer; filename?: string }>;
}

/**
 * Parses multipart/form-data with busboy. Fields are decoded as latin1, which maps bytes 1:1 to
 * characters, so binary fields such as `requestData` come back intact via Buffer.from(…, 'latin1').
 */
export function readMultipart(
  req: IncomingMessage,
  maxBytes: number,
  invalid: (why: string) => Error,
): Promise<MultipartBody> {
  return new Promise((resolve, reject) => {
    const parts = new Map<string, { bytes: Buffer; filename?: string }>();
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defCharset: 'latin1',
        defParamCharset: 'utf8',
        limits: { fieldSize: maxBytes, fileSize: maxBytes, fields: 64, files: 8 },
      });
    } catch (error) {
      reject(invalid((error as Error).message));
      return;
    }
    let failed = false;
    const fail = (why: string) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.resume();
      reject(invalid(why));
    };
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(`field ${name} exceeds ${maxBytes} bytes`);
      else parts.set(name, { bytes: Buffer.from(value, 'latin1') });
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(`file ${name} exceeds ${maxBytes} bytes`));
      stream.on('close', () =>
        parts.set(name, { bytes: Buffer.concat(chunks), filename: info.filename ?? '' }),
      );
    });
    parser.on('error', (error: Error) => fail(error.message));
    parser.on('close', () => {
      if (!failed) resolve({ parts });
    });
    req.pipe(parser);
  });
}
