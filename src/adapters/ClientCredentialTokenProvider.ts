import type { AccessTokenProvider } from '../ports/AccessTokenProvider';
import { CachedToken } from './CachedToken';
import { type Fetch, requestJson, tokenFrom } from './wechatJson';

/** A mini-program's own access_token, from `GET /cgi-bin/token` (appid + appsecret). */
export class ClientCredentialTokenProvider implements AccessTokenProvider {
  private readonly cached: CachedToken;

  constructor(options: {
    baseUrl: string;
    appid: string;
    secret: string;
    fetch?: Fetch;
    now?: () => number;
  }) {
    this.cached = new CachedToken(async () => {
      const url = new URL('/cgi-bin/token', options.baseUrl);
      url.search = new URLSearchParams({
        grant_type: 'client_credential',
        appid: options.appid,
        secret: options.secret,
      }).toString();
      const what = 'GET /cgi-bin/token';
      return tokenFrom(
        await requestJson(options.fetch ?? fetch, url, { method: 'GET' }, what),
        'access_token',
        what,
      );
    }, options.now);
  }

  token(options?: { refresh?: boolean }): Promise<string> {
    return this.cached.get(options);
  }
}
