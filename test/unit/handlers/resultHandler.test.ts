import { AppError } from '../../../src/errors';
import { resultHandler } from '../../../src/handlers/resultHandler';
import { createLogger } from '../../../src/log';
import type { CloudRuntime } from '../../../src/ports/CloudRuntime';

function runtimeLogging(lines: string[]): CloudRuntime {
  return { log: createLogger('test', (line) => lines.push(line)) } as unknown as CloudRuntime;
}

describe('resultHandler', () => {
  it('returns what the handler returns, and passes the event and extra arguments through', async () => {
    const handler = resultHandler(async (event, _runtime, extra: number) => ({ ok: true, event, extra }));

    await expect(handler({ a: 1 }, runtimeLogging([]), 7)).resolves.toEqual({
      ok: true,
      event: { a: 1 },
      extra: 7,
    });
  });

  it.each([
    [
      'an AppError refusal keeps its code and message, logged as a warning',
      new AppError('NOT_FOUND', 'no record x'),
      'NOT_FOUND',
      'no record x',
      'warn',
    ],
    [
      'an AppError of ours keeps its code, logged as an error',
      new AppError('DATABASE_ERROR', 'db down'),
      'DATABASE_ERROR',
      'db down',
      'error',
    ],
    [
      'any other throw becomes INTERNAL without its message',
      new TypeError('secret detail 110101'),
      'INTERNAL',
      'internal error; please try again later',
      'error',
    ],
    [
      'a thrown non-error becomes INTERNAL',
      'a string',
      'INTERNAL',
      'internal error; please try again later',
      'error',
    ],
  ])('%s', async (_name, thrown, code, message, level) => {
    const lines: string[] = [];
    const handler = resultHandler(async () => {
      throw thrown;
    });

    const result = await handler({}, runtimeLogging(lines));

    expect(result).toEqual({ ok: false, code, message });
    expect(lines.map((line) => JSON.parse(line).level)).toEqual([level]);
  });
});
