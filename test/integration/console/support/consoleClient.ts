import type { Emulator } from '../../../../emulator/startEmulator';

/** The console's API as its page calls it: this start's token (from the printed URL) in a header. */
export function consoleClient(emulator: Emulator) {
  const token = new URL(emulator.consoleUrl).hash.replace('#token=', '');
  const base = `${emulator.url}/__emulator/ui/api/`;
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(base + path, {
      method,
      headers: {
        'x-console-token': token,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return response;
  };
  return {
    token,
    base,
    call,
    async json<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await call(method, path, body);
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
  };
}
