import { type OcrClient, type OcrInput, UpstreamError } from '../ports/OcrClient';

/** Supplies an access token; `refresh` asks for a new one after WeChat refused the current one. */
export interface AccessTokenProvider {
  token(options?: { refresh?: boolean }): Promise<string>;
}

/** WeChat's codes for a token that is invalid, expired or mistyped: refresh and retry once. */
const TOKEN_ERRCODES = new Set([40001, 40014, 42001]);
/** Renew this long before WeChat's stated expiry, so a token never dies mid-request. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

type Fetch = typeof fetch;

/** Tokens from `GET /cgi-bin/token`, cached until shortly before expiry; concurrent callers share one fetch. */
export class ClientCredentialTokenProvider implements AccessTokenProvider {
  private cached: { token: string; expiresAt: number } | undefined;
  private inflight: Promise<string> | undefined;

  constructor(
    private readonly options: {
      baseUrl: string;
      appid: string;
      secret: string;
      fetch?: Fetch;
      now?: () => number;
    },
  ) {}

  token(options: { refresh?: boolean } = {}): Promise<string> {
    const now = (this.options.now ?? Date.now)();
    if (options.refresh) this.cached = undefined;
    if (this.cached && this.cached.expiresAt > now) return Promise.resolve(this.cached.token);
    this.inflight ??= this.fetchToken(now).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async fetchToken(now: number): Promise<string> {
    const url = new URL('/cgi-bin/token', this.options.baseUrl);
    url.search = new URLSearchParams({
      grant_type: 'client_credential',
      appid: this.options.appid,
      secret: this.options.secret,
    }).toString();
    const body = await getJson(this.options.fetch ?? fetch, url, { method: 'GET' }, 'GET /cgi-bin/token');
    if (typeof body.access_token !== 'string' || !body.access_token) {
      throw new UpstreamError(
        Number(body.errcode ?? -1),
        `GET /cgi-bin/token failed: ${String(body.errmsg)}`,
      );
    }
    const ttlMs = Number(body.expires_in ?? 7200) * 1000;
    this.cached = {
      token: body.access_token,
      expiresAt: now + Math.max(ttlMs - EXPIRY_MARGIN_MS, ttlMs / 2),
    };
    return body.access_token;
  }
}

/**
 * OcrClient over WeChat's HTTPS API (`POST /cv/ocr/drivinglicense`), for servers that are not
 * cloud functions. Answers snake_case fields, which toDriverLicense accepts as well as camelCase.
 */
export class HttpsOcrClient implements OcrClient {
  constructor(private readonly options: { baseUrl: string; tokens: AccessTokenProvider; fetch?: Fetch }) {}

  async recognizeDriverLicense(input: OcrInput): Promise<Record<string, unknown>> {
    try {
      return await this.post(input, await this.options.tokens.token());
    } catch (error) {
      if (!(error instanceof UpstreamError) || !TOKEN_ERRCODES.has(error.errcode)) throw error;
      return this.post(input, await this.options.tokens.token({ refresh: true }));
    }
  }

  private async post(input: OcrInput, accessToken: string): Promise<Record<string, unknown>> {
    const url = new URL('/cv/ocr/drivinglicense', this.options.baseUrl);
    url.searchParams.set('access_token', accessToken);
    let body: FormData | undefined;
    if (input.kind === 'imgUrl') {
      url.searchParams.set('img_url', input.imgUrl);
    } else {
      body = new FormData();
      body.append('img', new Blob([input.image], { type: input.contentType }), 'licence');
    }
    const json = await getJson(
      this.options.fetch ?? fetch,
      url,
      { method: 'POST', ...(body ? { body } : {}) },
      'POST /cv/ocr/drivinglicense',
    );
    const { errcode, errmsg, ...fields } = json;
    if (typeof errcode === 'number' && errcode !== 0) {
      throw new UpstreamError(errcode, `POST /cv/ocr/drivinglicense: ${String(errmsg)}`);
    }
    return fields;
  }
}

async function getJson(
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
