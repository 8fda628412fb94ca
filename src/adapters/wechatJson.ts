import { UpstreamError } from '../ports/OcrClient';

export type Fetch = typeof fetch;

/** WeChat's codes for a token that is invalid, expired or mistyped: refresh and retry once. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

/** The JSON object a WeChat endpoint answers; anything else is an error naming the endpoint and status. */
export async function requestJson(
  fetcher: Fetch,
  url: URL,
  init: RequestInit,
  what: string,
): Promise<Record<string, unknown>> {
  const response = await fetcher(url, init);
  const text = await response.text();
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // fall through: reported below with the status
  }
  throw new Error(`${what} answered ${response.status} with a body that is not a JSON object`);
}

/** `POST` of a JSON body, as the component API takes it. */
export function postJson(
  fetcher: Fetch,
  url: URL,
  body: unknown,
  what: string,
): Promise<Record<string, unknown>> {
  return requestJson(
    fetcher,
    url,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    what,
  );
}

/** The token under `key` and its lifetime, or WeChat's refusal as an UpstreamError. */
export function tokenFrom(
  body: Record<string, unknown>,
  key: string,
  what: string,
): { token: string; expiresInSeconds: number } {
  const token = body[key];
  if (typeof token !== 'string' || token === '') {
    throw new UpstreamError(Number(body.errcode ?? -1), `${what} failed: ${String(body.errmsg)}`);
  }
  return { token, expiresInSeconds: Number(body.expires_in ?? 7200) };
}
