import { AdminError, CosError, TcbError, WeChatApiError } from '../core/errors';
import { randomHex, withRid } from '../core/ids';
import { type ErrorFlavor, jsonReply, type Reply } from './types';

/**
 * The one place errors become responses. Errors meant for the caller (TcbError, WeChatApiError,
 * AdminError, CosError) keep their code and message; anything else is logged and answered with the
 * backend's generic system error, never with its stack or text.
 */
export function errorReply(error: unknown, flavor: ErrorFlavor): Reply {
  if (error instanceof TcbError) {
    return jsonReply({ code: error.code, message: error.message, requestId: randomHex(8) }, error.status);
  }
  if (error instanceof WeChatApiError) {
    return jsonReply({ errcode: error.errcode, errmsg: error.errmsg }, error.status);
  }
  if (error instanceof AdminError) return jsonReply({ error: error.message }, error.status);
  if (error instanceof CosError) return cosXmlReply(error);
  console.error(`[emulator] unexpected error on a ${flavor} route:`, error);
  switch (flavor) {
    case 'gateway':
      return jsonReply({
        code: 'SYS_ERR',
        message: 'internal error of the local emulator',
        requestId: randomHex(8),
      });
    case 'wechat':
      return jsonReply({ errcode: -1, errmsg: withRid('system error') });
    case 'storage':
      return cosXmlReply(new CosError(500, 'InternalError', 'internal error of the local emulator'));
    case 'admin':
      return jsonReply({ error: 'internal error of the local emulator' }, 500);
  }
}

/**
 * A request refused before any route ran (foreign Host or Origin, no such route or method, a body
 * type the route does not take), in the error shape of the route it was sent to.
 */
export function refusedReply(status: number, message: string, flavor: ErrorFlavor = 'admin'): Reply {
  switch (flavor) {
    case 'gateway':
      return errorReply(new TcbError('INVALID_REQUEST', message, status), flavor);
    case 'wechat':
      return errorReply(
        new WeChatApiError(-1, withRid(`invalid request hint: [${message}]`), status),
        flavor,
      );
    case 'storage':
      return errorReply(
        new CosError(status, status === 403 ? 'AccessDenied' : 'InvalidRequest', message),
        flavor,
      );
    case 'admin':
      return errorReply(new AdminError(status, message), flavor);
  }
}

function cosXmlReply(error: CosError): Reply {
  return {
    status: error.status,
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>`,
  };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
