import http from 'node:http';
import { errorReply } from './errorReply';
import { jsonReply, type Reply, type Route } from './types';

/**
 * The network layer: matches a route, runs it, and maps any error through errorReply. Routes hold
 * no try/catch of their own. A request can never crash the process.
 */
export function createHttpServer(routes: Route[]): http.Server {
  return http.createServer((req, res) => {
    void answer(routes, req).then((reply) => send(res, reply));
  });
}

async function answer(routes: Route[], req: http.IncomingMessage): Promise<Reply> {
  const method = req.method ?? 'GET';
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://127.0.0.1');
  } catch {
    return jsonReply({ error: 'malformed request URL' }, 400);
  }
  const route = routes.find((r) => r.matches(url.pathname));
  if (!route) {
    req.resume();
    return jsonReply({ error: `no route for ${method} ${url.pathname}` }, 404);
  }
  if (!route.methods.includes(method)) {
    req.resume();
    return jsonReply({ error: `${method} is not allowed on ${url.pathname}` }, 405);
  }
  try {
    return await route.handle({ req, method, url });
  } catch (error) {
    req.resume(); // drain what the route did not read, so the connection stays usable
    return errorReply(error, route.flavor);
  }
}

function send(res: http.ServerResponse, reply: Reply): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(reply.status, reply.headers ?? {});
  res.end(reply.body);
}
