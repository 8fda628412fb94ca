import { AppError, ERROR_CODES, isAppError } from '../../src/errors';

describe('AppError', () => {
  it('keeps its stable code, message and cause', () => {
    const cause = new Error('socket hang up');
    const error = new AppError('UPSTREAM_BUSY', 'OCR busy after 3 attempts', { cause });
    expect(error.code).toBe('UPSTREAM_BUSY');
    expect(error.message).toBe('OCR busy after 3 attempts');
    expect(error.cause).toBe(cause);
    expect(isAppError(error)).toBe(true);
    expect(isAppError(cause)).toBe(false);
  });

  it('lists every code once', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});
