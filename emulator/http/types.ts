import type { IncomingMessage, ServerResponse } from 'node:http';

/** How a route's errors are answered: each emulated backend has its own error shape. */
export type ErrorFlavor = 'gateway' | 'wechat' | 'admin' | 'storage';

export interface RequestContext {
  req: IncomingMessage;
  method: string;
  url: URL;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Instead of a body: writes to the response as long as it stays open (server-sent events). */
  stream?: (res: ServerResponse) => void;
}

export interface Route {
  methods: string[];
  matches(pathname: string): boolean;
  flavor: ErrorFlavor;
  /**
   * Media types a state-changing request may carry its body in; absent: any. A browser can send
   * text/plain, form and multipart bodies to any site without asking first, JSON it cannot.
   */
  bodyTypes?: readonly string[];
  handle(ctx: RequestContext): Promise<Reply>;
}

export const JSON_UTF8 = 'application/json; charset=utf-8';

export function jsonReply(body: unknown, status = 200): Reply {
  return { status, headers: { 'content-type': JSON_UTF8 }, body: JSON.stringify(body) };
}
