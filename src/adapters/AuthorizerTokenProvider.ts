import type { AccessTokenProvider } from '../ports/AccessTokenProvider';
import { UpstreamError } from '../ports/OcrClient';
import { CachedToken } from './CachedToken';
import { type Fetch, postJson, TOKEN_ERRCODES, tokenFrom } from './wechatJson';

export interface ComponentCredentials {
  baseUrl: string;
  /** The third-party platform's (component's) appid and appsecret. */
  componentAppid: string;
  componentSecret: string;
  /** The latest component_verify_ticket WeChat pushed (every 10 minutes; valid 12 hours). */
  verifyTicket: () => string | Promise<string>;
  fetch?: Fetch;
  now?: () => number;
}

export interface AuthorizerOptions extends ComponentCredentials {
  /** The mini-program that authorized the platform, and the refresh token its authorization gave. */
  authorizerAppid: string;
  authorizerRefreshToken: string;
  /** Called when WeChat hands out a new authorizer_refresh_token: persist it, the old one may stop working. */
  onRefreshToken?: (refreshToken: string) => void;
}

/**
 * A third-party platform's authorizer_access_token for a mini-program that authorized it: the form
 * WeChat's HTTPS API takes in place of the mini-program's own access_token. Two steps, each cached:
 * `POST /cgi-bin/component/api_component_token`, then
 * `POST /cgi-bin/component/api_authorizer_token?component_access_token=…`.
 */
export class AuthorizerTokenProvider implements AccessTokenProvider {
  private readonly component: CachedToken;
  private readonly authorizer: CachedToken;
  private refreshToken: string;

  constructor(private readonly options: AuthorizerOptions) {
    const fetcher = options.fetch ?? fetch;
    this.refreshToken = options.authorizerRefreshToken;
    this.component = new CachedToken(async () => {
      const what = 'POST /cgi-bin/component/api_component_token';
      const body = await postJson(
        fetcher,
        new URL('/cgi-bin/component/api_component_token', options.baseUrl),
        {
          component_appid: options.componentAppid,
          component_appsecret: options.componentSecret,
          component_verify_ticket: await options.verifyTicket(),
        },
        what,
      );
      return tokenFrom(body, 'component_access_token', what);
    }, options.now);
    this.authorizer = new CachedToken(async () => {
      try {
        return await this.fetchAuthorizerToken(await this.component.get());
      } catch (error) {
        // The component token itself was refused (expired early, revoked): renew it once.
        if (!(error instanceof UpstreamError) || !TOKEN_ERRCODES.has(error.errcode)) throw error;
        return this.fetchAuthorizerToken(await this.component.get({ refresh: true }));
      }
    }, options.now);
  }

  token(options?: { refresh?: boolean }): Promise<string> {
    return this.authorizer.get(options);
  }

  private async fetchAuthorizerToken(componentToken: string) {
    const what = 'POST /cgi-bin/component/api_authorizer_token';
    const url = new URL('/cgi-bin/component/api_authorizer_token', this.options.baseUrl);
    url.searchParams.set('component_access_token', componentToken);
    const body = await postJson(
      this.options.fetch ?? fetch,
      url,
      {
        component_appid: this.options.componentAppid,
        authorizer_appid: this.options.authorizerAppid,
        authorizer_refresh_token: this.refreshToken,
      },
      what,
    );
    const issued = tokenFrom(body, 'authorizer_access_token', what);
    const next = body.authorizer_refresh_token;
    if (typeof next === 'string' && next !== '' && next !== this.refreshToken) {
      this.refreshToken = next;
      this.options.onRefreshToken?.(next);
    }
    return issued;
  }
}
