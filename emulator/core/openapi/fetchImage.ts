import http from 'node:http';
import https from 'node:https';
import { rootCertificates as tlsRootCertificates } from 'node:tls';

export interface FetchImageOptions {
  /** Fetch from any host, not only loopback (off by default: the emulator never leaves 127.0.0.1). */
  allowNonLoopback: boolean;
  /** For the whole fetch, connect to last byte: a server that trickles bytes cannot hold it longer. */
  timeoutMs: number;
  /** Stop reading after this many bytes (the caller refuses anything that large anyway). */
  maxBytes: number;
  /** PEM certificates trusted for https besides the system's. */
  ca?: string;
}

export type FetchImageResult =
  | { ok: true; bytes: Buffer; truncated: boolean }
  | { ok: false; reason: string };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * GETs an image the way WeChat fetches `img_url`: any failure (bad URL, refused host, network
 * error, non-2xx) is a reason, never a throw. No keep-alive, so nothing outlives the call.
 */
export function fetchImage(rawUrl: string, options: FetchImageOptions): Promise<FetchImageResult> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return Promise.resolve({ ok: false, reason: 'not a URL' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.resolve({ ok: false, reason: `unsupported scheme ${url.protocol}` });
  }
  if (!options.allowNonLoopback && !LOOPBACK.has(url.hostname)) {
    return Promise.resolve({ ok: false, reason: `host ${url.hostname} is not loopback` });
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: FetchImageResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(result);
    };
    const tls = options.ca && url.protocol === 'https:' ? { ca: [...tlsRootCertificates, options.ca] } : {};
    const req = client.get(url, { agent: false, timeout: options.timeoutMs, ...tls }, (res) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        res.resume();
        settle({ ok: false, reason: `HTTP ${status}` });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= options.maxBytes) {
          res.destroy();
          settle({ ok: true, bytes: Buffer.concat(chunks), truncated: true });
        }
      });
      res.on('end', () => settle({ ok: true, bytes: Buffer.concat(chunks), truncated: false }));
      res.on('error', (error) => settle({ ok: false, reason: error.message }));
    });
    // The socket timeout only measures silence; this bounds the whole fetch.
    const deadline = setTimeout(() => {
      req.destroy();
      settle({ ok: false, reason: `not fetched within ${options.timeoutMs} ms` });
    }, options.timeoutMs);
    req.on('timeout', () => req.destroy(new Error(`no data for ${options.timeoutMs} ms`)));
    req.on('error', (error) => settle({ ok: false, reason: error.message }));
  });
}
