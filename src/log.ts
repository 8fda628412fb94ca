/**
 * One-line JSON logs. Callers pass only masked personal data; `errorSummary` keeps an error's
 * name, code and message but never its stack (stacks can carry request bodies).
 */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

type Sink = (line: string) => void;

export function createLogger(scope: string, sink: Sink = (line) => console.log(line)): Logger {
  const write = (level: string, event: string, fields: Record<string, unknown> = {}) =>
    sink(JSON.stringify({ level, scope, event, ...fields }));
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

export function errorSummary(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    const coded = error as Error & { code?: unknown; errCode?: unknown; errcode?: unknown };
    return {
      name: error.name,
      message: error.message.slice(0, 300),
      ...(coded.code === undefined ? {} : { code: coded.code }),
      ...(coded.errCode === undefined ? {} : { errCode: coded.errCode }),
      ...(coded.errcode === undefined ? {} : { errcode: coded.errcode }),
    };
  }
  if (error && typeof error === 'object') {
    const { errCode, errMsg, code, message } = error as Record<string, unknown>;
    return { errCode, errMsg: String(errMsg ?? message ?? '').slice(0, 300), code };
  }
  return { message: String(error).slice(0, 300) };
}
