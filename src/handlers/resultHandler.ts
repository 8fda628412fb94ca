import type { Failure } from '../api';
import { isAppError } from '../errors';
import { errorSummary, type Logger } from '../log';
import type { CloudRuntime } from '../ports/CloudRuntime';

/**
 * A handler whose every throw becomes a result (middy's `onError`): the business function stays a
 * plain function that throws AppError, and a cloud function never throws to the client.
 */
export function resultHandler<Extra extends unknown[], Result>(
  handle: (event: unknown, runtime: CloudRuntime, ...extra: Extra) => Promise<Result>,
): (event: unknown, runtime: CloudRuntime, ...extra: Extra) => Promise<Result | Failure> {
  return async (event, runtime, ...extra) => {
    try {
      return await handle(event, runtime, ...extra);
    } catch (error) {
      return toFailure(error, runtime.log);
    }
  };
}

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
