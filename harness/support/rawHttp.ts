import http from 'node:http';

export interface RawRequest {
  method: string;
  /** Path and query, sent as given (no normalization). */
  path: string;
  headers?: Record<string, string>;
  /** Sent as one chunk, or produced chunk by chunk (stops as soon as a response arrives). */
  body?: Buffer | string | (() => Iterable<Buffer>);
  timeoutMs?: number;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** What came back: a response, or how the connection ended without one. */
export type RawOutcome =
  | { kind: 'response'; response: RawResponse }
  | { kind: 'no response'; reason: string };

/**
 * One HTTP/1.1 request with full control of method, path and headers (fetch forbids Host, odd
 * methods and broken bodies), on its own connection. Header values Node itself refuses to send
 * throw, as they would for any Node client.
 */
export function rawRequest(baseUrl: string, request: RawRequest): Promise<RawOutcome> {
  const target = new URL(baseUrl);
  return new Promise((resolve) => {
    let done = false;
    const finish = (outcome: RawOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.path,
        headers: { host: target.host, ...request.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          finish({
            kind: 'response',
            response: { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) },
          }),
        );
        res.on('error', (error) => finish({ kind: 'no response', reason: error.message }));
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish({ kind: 'no response', reason: `no response within ${request.timeoutMs ?? 10_000} ms` });
    }, request.timeoutMs ?? 10_000);
    req.on('error', (error) => finish({ kind: 'no response', reason: error.message }));
    const { body } = request;
    if (typeof body === 'function') {
      void writeChunks(req, body, () => done);
    } else {
      req.end(body);
    }
  });
}

/** Writes chunks with backpressure until they run out or the request is over. */
async function writeChunks(
  req: http.ClientRequest,
  chunks: () => Iterable<Buffer>,
  stopped: () => boolean,
): Promise<void> {
  for (const chunk of chunks()) {
    if (stopped() || req.destroyed) return;
    if (!req.write(chunk)) {
      await new Promise<void>((resolve) => {
        const go = () => {
          req.off('drain', go);
          req.off('close', go);
          resolve();
        };
        req.on('drain', go);
        req.on('close', go);
      });
    }
  }
  if (!stopped() && !req.destroyed) req.end();
}

/** A multipart/form-data body built by hand, so tests can cut it, bend it, or lie in it. */
export function multipartBody(
  boundary: string,
  parts: { name: string; filename?: string; contentType?: string; value: Buffer | string }[],
  options: { close?: boolean } = {},
): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    const type = part.contentType ? `\r\nContent-Type: ${part.contentType}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  if (options.close !== false) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const MB = 1024 * 1024;

/**
 * A multipart body of `parts` file parts of `partBytes` each (boundary "huge"), produced 1 MB at a
 * time, so a client can send hundreds of MB while holding one.
 */
export function streamedForm(parts: number, partBytes: number, fill = 0): () => Iterable<Buffer> {
  return function* () {
    const chunk = Buffer.alloc(MB, fill);
    const head = Buffer.from(
      '--huge\r\nContent-Disposition: form-data; name="p"; filename="p"\r\nContent-Type: application/octet-stream\r\n\r\n',
    );
    for (let part = 0; part < parts; part++) {
      yield head;
      for (let sent = 0; sent < partBytes; sent += MB)
        yield chunk.subarray(0, Math.min(MB, partBytes - sent));
      yield Buffer.from('\r\n');
    }
    yield Buffer.from('--huge--\r\n');
  };
}
