/** Stable error codes a cloud function returns as `{ ok: false, code, message }`. */
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'UNSUPPORTED_IMAGE',
  'IMAGE_TOO_LARGE',
  'IMAGE_DIMENSIONS_TOO_LARGE',
  'INVALID_IMAGE_URL',
  'IMAGE_DECODE_FAILED',
  'NOT_A_LICENSE',
  'QUOTA_EXCEEDED',
  'RATE_LIMITED',
  'PERMISSION_DENIED',
  'UNAUTHENTICATED',
  'UPSTREAM_BUSY',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_AUTH',
  'NOT_FOUND',
  'STORAGE_ERROR',
  'DATABASE_ERROR',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorOptions {
  cause?: unknown;
  /** Extra context for logs; must already be masked where personal. */
  context?: Record<string, unknown>;
}

/** The only error type that may reach a caller with its message; anything else becomes INTERNAL. */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly context: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.context = options.context ?? {};
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
