import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TLS_DIR = path.resolve(__dirname, '../../fixtures/tls');
/** A self-signed certificate for 127.0.0.1, committed for tests only (its key protects nothing). */
export const LOOPBACK_CA = readFileSync(path.join(TLS_DIR, 'loopback.crt'), 'utf8');

/** An https server on 127.0.0.1 serving fixed bodies by path, standing in for an image host. */
export async function serveHttps(
  files: Record<string, Buffer>,
): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server: Server = createServer(
    { cert: LOOPBACK_CA, key: readFileSync(path.join(TLS_DIR, 'loopback.key')) },
    (request, response) => {
      hits.push(request.url ?? '');
      const body = files[request.url ?? ''];
      response.writeHead(body ? 200 : 404, {
        'content-type': 'application/octet-stream',
        connection: 'close',
      });
      response.end(body);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
