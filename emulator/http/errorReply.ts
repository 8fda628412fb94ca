import { AdminError, TcbError, WeChatApiError } from '../core/errors';
import { randomHex, withRid } from '../core/ids';
import { type ErrorFlavor, jsonReply, type Reply } from './types';

/**
 * The one place errors become responses. Errors meant for the caller (TcbError, WeChatApiError,
 * AdminError) keep their code and message; anything else is logged and answered with the
 * backend's generic system error, never with its stack or text.
 */
export function errorReply(error: unknown, flavor: ErrorFlavor): Reply {
  if (error instanceof TcbError) {
    return jsonReply({ code: error.code, message: error.message, requestId: randomHex(8) });
  }
  if (error instanceof WeChatApiError) return jsonReply({ errcode: error.errcode, errmsg: error.errmsg });
  if (error instanceof AdminError) return jsonReply({ error: error.message }, error.status);
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
    case 'admin':
    case 'storage':
      return jsonReply({ error: 'internal error of the local emulator' }, 500);
  }
}
