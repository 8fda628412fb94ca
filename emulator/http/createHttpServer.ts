import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorReply, refusedReply } from './errorReply';
import { hasBody, isStateChanging, mediaTypeOf, refusalOf } from './requestGuard';
import type { Reply, Route } from './types';

/** Slow clients may not hold a connection open forever (Node's own default is 300 s). */
const REQUEST_TIMEOUT_MS = 60_000;
const HEADERS_TIMEOUT_MS = 10_000;

/**
 * The network layer: refuses foreign requests (requestGuard), matches a route, runs it, and maps
 * any error through errorReply. Routes hold no try/catch of their own. A request can never crash
 * the process.
 */
export function createHttpServer(routes: Route[]): http.Server {
  const server = http.createServer((req, res) => {
    const ownPort = (server.address() as AddressInfo | null)?.port ?? 0;
    void answer(routes, req, ownPort)
      .catch((error: unknown) => errorReply(error, 'admin'))
      .then((reply) => send(req, res, reply));
  });
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  return server;
}

async function answer(routes: Route[], req: http.IncomingMessage, ownPort: number): Promise<Reply> {
  const method = req.method ?? 'GET';
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://127.0.0.1');
  } catch {
    return refusedReply(400, 'malformed request URL');
  }
  const route = routes.find((r) => r.matches(url.pathname));
  const refusal = refusalOf(req, ownPort);
  if (refusal) return refusedReply(403, refusal, route?.flavor);
  if (!route) return refusedReply(404, `no route for ${method} ${url.pathname.slice(0, 200)}`);
  if (!route.methods.includes(method)) {
    return refusedReply(405, `${method} is not allowed on ${url.pathname.slice(0, 200)}`, route.flavor);
  }
  if (route.bodyTypes && isStateChanging(method) && hasBody(req)) {
    const type = mediaTypeOf(req);
    if (!route.bodyTypes.includes(type)) {
      const wanted = route.bodyTypes.join(' or ');
      return refusedReply(
        415,
        `a ${method} body must be ${wanted}, not ${JSON.stringify(type)}`,
        route.flavor,
      );
    }
  }
  try {
    return await route.handle({ req, method, url });
  } catch (error) {
    return errorReply(error, route.flavor);
  }
}

function send(req: http.IncomingMessage, res: http.ServerResponse, reply: Reply): void {
  if (res.writableEnded || res.destroyed) return;
  const headers = { ...(reply.headers ?? {}) };
  if (!req.complete) {
    // Whatever the route left unread is discarded, not buffered, and the connection ends with this reply.
    headers.connection = 'close';
    req.resume();
  }
  res.writeHead(reply.status, headers);
  if (reply.stream) reply.stream(res);
  else res.end(reply.body);
}
