import { timingSafeEqual } from 'node:crypto';
import { AdminError } from '../core/errors';
import type { Route } from '../http/types';
import type { ConsoleApi } from './consoleApi';
import { SECURITY_HEADERS, staticFile } from './staticFiles';

export const CONSOLE_PATH = '/__emulator/ui/';
const API_PREFIX = `${CONSOLE_PATH}api/`;

/**
 * `/__emulator/ui/`: the console's page (static files) and its API under `api/`. The request guard
 * has already refused foreign Host and Origin headers; on top of that every API call must carry
 * this start's token, which only the printed URL holds: in the `x-console-token` header, or, for
 * what the page loads by URL (photos, the event stream: GET only), in `?token=`.
 */
export function consoleRoute(api: ConsoleApi, token: string): Route {
  return {
    methods: ['GET', 'POST', 'DELETE'],
    matches: (pathname) => pathname === '/__emulator/ui' || pathname.startsWith(CONSOLE_PATH),
    flavor: 'admin',
    bodyTypes: ['application/json'],
    async handle(ctx) {
      const { method, url, req } = ctx;
      if (url.pathname === '/__emulator/ui') {
        return { status: 308, headers: { location: CONSOLE_PATH } };
      }
      if (url.pathname.startsWith(API_PREFIX)) {
        const sent =
          req.headers['x-console-token'] ?? (method === 'GET' ? url.searchParams.get('token') : null);
        if (typeof sent !== 'string' || !sameToken(sent, token)) {
          throw new AdminError(
            401,
            'console token missing or wrong: open the console URL the emulator printed',
          );
        }
        const reply = await api.handle(url.pathname.slice(API_PREFIX.length), ctx);
        return { ...reply, headers: { ...SECURITY_HEADERS, 'cache-control': 'no-store', ...reply.headers } };
      }
      if (method !== 'GET') throw new AdminError(405, `${method} is not allowed on ${url.pathname}`);
      const file = await staticFile(url.pathname.slice(CONSOLE_PATH.length));
      if (!file) throw new AdminError(404, `no console file ${url.pathname.slice(0, 200)}`);
      return file;
    },
  };
}

function sameToken(sent: string, token: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
