import type { Failure } from '../api';
import { isAppError } from '../errors';
import { errorSummary, type Logger } from '../log';

/**
 * The one mapping from a thrown error to what a caller sees. An AppError's code and message are
 * meant for the caller; anything else is logged and becomes INTERNAL without details.
 */
export function toFailure(error: unknown, log: Logger): Failure {
  if (isAppError(error)) {
    const fields = {
      code: error.code,
      ...error.context,
      ...(error.cause ? { cause: errorSummary(error.cause) } : {}),
    };
    if (error.code === 'INTERNAL' || error.code === 'DATABASE_ERROR' || error.code === 'STORAGE_ERROR') {
      log.error('request.failed', fields);
    } else {
      log.warn('request.refused', fields);
    }
    return { ok: false, code: error.code, message: error.message };
  }
  log.error('request.crashed', { error: errorSummary(error) });
  return { ok: false, code: 'INTERNAL', message: 'internal error; please try again later' };
}
