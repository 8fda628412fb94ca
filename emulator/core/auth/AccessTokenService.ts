import crypto from 'node:crypto';
import { WeChatApiError } from '../errors';
import { withRid } from '../ids';

/** A third-party platform (开放平台 component) and the mini-programs that authorized it. */
export interface ComponentOptions {
  appid: string;
  secret: string;
  /** The component_verify_ticket WeChat would have pushed to the platform. */
  verifyTicket: string;
  /** Authorizer (mini-program) appid -> its authorizer_refresh_token. */
  authorizers: Record<string, string>;
}

export interface AccessTokenOptions {
  appid: string;
  secret: string;
  /** Token lifetime, for every kind; WeChat's is 7200 s. Lower it in tests to exercise expiry. */
  ttlSeconds: number;
  component: ComponentOptions;
}

/** What a token was issued as: only access and authorizer tokens call APIs on a mini-program's behalf. */
type TokenKind = 'access' | 'component' | 'authorizer';

const INVALID_CREDENTIAL = 'invalid credential, access_token is invalid or not latest';

/**
 * `GET /cgi-bin/token`, the component API's `api_component_token` and `api_authorizer_token`, and
 * the check behind every `access_token=` of the HTTPS API, which takes an access_token or an
 * authorizer_access_token alike, as WeChat does.
 */
export class AccessTokenService {
  private readonly tokens = new Map<string, { kind: TokenKind; expiresAt: number }>();

  constructor(private readonly options: AccessTokenOptions) {}

  /** The one app the tokens are issued to. */
  get appid(): string {
    return this.options.appid;
  }

  issue(query: URLSearchParams): { access_token: string; expires_in: number } {
    if (query.get('grant_type') !== 'client_credential') {
      throw new WeChatApiError(40002, withRid('invalid grant_type'));
    }
    const appid = query.get('appid');
    if (!appid) throw new WeChatApiError(41002, withRid('appid missing'));
    if (appid !== this.options.appid) throw new WeChatApiError(40013, withRid('invalid appid'));
    const secret = query.get('secret');
    if (!secret) throw new WeChatApiError(41004, withRid('appsecret missing'));
    if (secret !== this.options.secret) throw new WeChatApiError(40125, withRid('invalid appsecret'));
    return { access_token: this.mint('access'), expires_in: this.options.ttlSeconds };
  }

  /** `POST /cgi-bin/component/api_component_token` with `{component_appid, component_appsecret, component_verify_ticket}`. */
  issueComponent(body: unknown): { component_access_token: string; expires_in: number } {
    const { component } = this.options;
    const fields = jsonFields(body);
    if (!fields.component_appid) throw new WeChatApiError(41002, withRid('appid missing'));
    if (fields.component_appid !== component.appid)
      throw new WeChatApiError(61011, withRid('invalid component'));
    if (!fields.component_appsecret) throw new WeChatApiError(41004, withRid('appsecret missing'));
    if (fields.component_appsecret !== component.secret) {
      throw new WeChatApiError(40125, withRid('invalid appsecret'));
    }
    if (fields.component_verify_ticket !== component.verifyTicket) {
      throw new WeChatApiError(61006, withRid('component ticket is invalid'));
    }
    return { component_access_token: this.mint('component'), expires_in: this.options.ttlSeconds };
  }

  /**
   * `POST /cgi-bin/component/api_authorizer_token?component_access_token=…` with
   * `{component_appid, authorizer_appid, authorizer_refresh_token}`.
   */
  issueAuthorizer(
    query: URLSearchParams,
    body: unknown,
  ): { authorizer_access_token: string; expires_in: number; authorizer_refresh_token: string } {
    const { component } = this.options;
    this.check(query.get('component_access_token'), 'component', 'component_access_token');
    const fields = jsonFields(body);
    if (fields.component_appid !== component.appid)
      throw new WeChatApiError(61011, withRid('invalid component'));
    const refreshToken = component.authorizers[fields.authorizer_appid ?? ''];
    if (refreshToken === undefined) {
      throw new WeChatApiError(61003, withRid('component is not authorized by this account'));
    }
    if (fields.authorizer_refresh_token !== refreshToken) {
      throw new WeChatApiError(61023, withRid('refresh_token is invalid'));
    }
    return {
      authorizer_access_token: this.mint('authorizer'),
      expires_in: this.options.ttlSeconds,
      authorizer_refresh_token: refreshToken,
    };
  }

  /** Throws 41001 when absent and 40001 when unknown, expired or a component token (see docs/emulator.md on 42001). */
  verify(token: string | null): void {
    this.check(token, 'access', 'access_token');
  }

  clear(): void {
    this.tokens.clear();
  }

  private mint(kind: TokenKind): string {
    const token = crypto.randomBytes(96).toString('base64url');
    this.tokens.set(token, { kind, expiresAt: Date.now() + this.options.ttlSeconds * 1000 });
    return token;
  }

  private check(token: string | null, want: 'access' | 'component', name: string): void {
    if (!token) throw new WeChatApiError(41001, withRid(`${name} missing`));
    const known = this.tokens.get(token);
    const fits = want === 'component' ? known?.kind === 'component' : known?.kind !== 'component';
    if (known === undefined || !fits || known.expiresAt <= Date.now()) {
      throw new WeChatApiError(40001, withRid(INVALID_CREDENTIAL.replace('access_token', name)));
    }
  }
}

/** The string fields of a JSON object body; anything else reads as none (WeChat: 47001). */
function jsonFields(body: unknown): Record<string, string | undefined> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new WeChatApiError(47001, withRid('data format error'));
  }
  const fields: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') fields[key] = value;
  return fields;
}
