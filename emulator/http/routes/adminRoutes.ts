import { AdminError } from '../../core/errors';
import { readBody } from '../readBody';
import { jsonReply, type Reply, type RequestContext, type Route } from '../types';

/** What the admin API needs from the emulator; implemented in startEmulator.ts. */
export interface AdminControl {
  health(): Record<string, unknown>;
  reset(): Promise<void>;
  addFault(spec: unknown): { id: number };
  listFaults(): unknown[];
  clearFaults(): void;
  stats(): Record<string, unknown>;
  createIndex(spec: unknown): unknown;
  listIndexes(): unknown[];
}

type Handler = (ctx: RequestContext) => Promise<Reply>;

/** `/__emulator/*`: health, reset, faults, stats, indexes. */
export function adminRoutes(control: AdminControl): Route {
  const table: Record<string, Partial<Record<string, Handler>>> = {
    '/__emulator/health': { GET: async () => jsonReply(control.health()) },
    '/__emulator/reset': {
      POST: async () => {
        await control.reset();
        return jsonReply({ ok: true });
      },
    },
    '/__emulator/faults': {
      GET: async () => jsonReply({ faults: control.listFaults() }),
      POST: async ({ req }) => jsonReply(control.addFault(await readJson(req)), 201),
      DELETE: async () => {
        control.clearFaults();
        return jsonReply({ ok: true });
      },
    },
    '/__emulator/stats': { GET: async () => jsonReply(control.stats()) },
    '/__emulator/indexes': {
      GET: async () => jsonReply({ indexes: control.listIndexes() }),
      POST: async ({ req }) => jsonReply(control.createIndex(await readJson(req)), 201),
    },
  };
  return {
    methods: ['GET', 'POST', 'DELETE'],
    matches: (pathname) => pathname.startsWith('/__emulator/'),
    flavor: 'admin',
    bodyTypes: ['application/json'],
    async handle(ctx) {
      const handlers = table[ctx.url.pathname];
      if (!handlers) throw new AdminError(404, `no admin endpoint ${ctx.url.pathname}`);
      const handler = handlers[ctx.method];
      if (!handler) throw new AdminError(405, `${ctx.method} is not allowed on ${ctx.url.pathname}`);
      return handler(ctx);
    },
  };
}

async function readJson(req: RequestContext['req']): Promise<unknown> {
  const body = await readBody(req, 1024 * 1024, {
    tooLarge: () => new AdminError(413, 'admin request body exceeds 1 MB'),
    malformed: (why) => new AdminError(400, `unreadable request body: ${why}`),
  });
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new AdminError(400, 'request body is not valid JSON');
  }
}
