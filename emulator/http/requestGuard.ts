import type { IncomingMessage } from 'node:http';
import net from 'node:net';

/** A loopback host name as it may appear in Host or Origin: localhost, 127.x.y.z or [::1]. */
export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase();
  if (name === 'localhost' || name === '[::1]' || name === '::1') return true;
  return net.isIPv4(name) && name.startsWith('127.');
}

/** Methods that change state; the others only read. */
const READ_ONLY = new Set(['GET', 'HEAD']);

export function isStateChanging(method: string): boolean {
  return !READ_ONLY.has(method);
}

/**
 * Why a request must not reach any route, or undefined when it may:
 * - Host must name loopback: a DNS-rebinding page reaches 127.0.0.1 under its own name, and says so.
 * - Origin, when sent, must be the emulator's own (a loopback name with its port): a page elsewhere
 *   may send simple requests, but nothing it sends gets in.
 */
export function refusalOf(req: IncomingMessage, ownPort: number): string | undefined {
  const host = req.headers.host;
  if (host === undefined || !isLoopbackHostname(hostnameOf(host))) {
    return `Host ${JSON.stringify(host ?? '')} is not a loopback name`;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !isOwnOrigin(origin, ownPort)) {
    return `Origin ${JSON.stringify(origin.slice(0, 100))} is not this emulator`;
  }
  return undefined;
}

function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.indexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

function isOwnOrigin(origin: string, ownPort: number): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file: pages) and anything unparseable
  }
  return url.protocol === 'http:' && isLoopbackHostname(url.hostname) && Number(url.port) === ownPort;
}

/** The media type of a Content-Type header, lowercased, without parameters ('' when absent). */
export function mediaTypeOf(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** True when the request announces a body (a length above zero, or chunked). */
export function hasBody(req: IncomingMessage): boolean {
  return Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
}
