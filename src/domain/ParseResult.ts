import { AppError } from '../errors';

/** The outcome of validating untrusted input: data, or an AppError saying what is wrong. */
export type ParseResult<T> = { success: true; data: T } | { success: false; error: AppError };

export function parsed<T>(data: T): ParseResult<T> {
  return { success: true, data };
}

export function invalidArgument<T>(message: string): ParseResult<T> {
  return { success: false, error: new AppError('INVALID_ARGUMENT', message) };
}
